package dev.nettune.counters;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;

/**
 * ProcCountersProfiler is a JMH profiler that counts, per operation, the syscalls, context switches
 * and CPU time of the fork from its own /proc ({@link ProcReading}), for hosts where perf or tracefs
 * is missing and, everywhere, for the user/system split of CPU that perf's {@code task-clock} does not
 * give. Use it as {@code -prof dev.nettune.counters.ProcCountersProfiler}.
 *
 * <p>It reads /proc before and after each iteration and divides the difference by all the operations
 * of that iteration ({@code IterationResultMetaData.getAllOps()}), as JMH's {@code gc} profiler does
 * for {@code gc.alloc.rate.norm}. The window is the whole iteration of the whole process: server
 * threads, JIT and GC count too, as they do for perfnorm. Results are the secondary metrics named in
 * {@link CounterNames}; an iteration with no operations gives NaN, as in JMH. Context switches are
 * a lower bound when {@code proc:exited_threads} is above 0 (see {@link ProcReading}).
 *
 * <p>When the benchmark's server runs in a JVM of its own on this machine (placement {@code process} or
 * {@code netns}), the placement names its pid in the system property {@value #SERVER_PID_PROPERTY}, and
 * the same counts of that process come out under {@value CounterNames#SERVER_PREFIX} ({@code server:proc:syscr}
 * ...), per operation of the client, apart from the fork's own. An iteration without a server reading at
 * both ends (the first, before the trial's setup started the server; the last, whose teardown stopped it)
 * gives NaN there, and {@link CounterReader} leaves it out.
 *
 * <p>Resolution: CPU time comes in clock ticks of 10 ms, so a 1 s iteration resolves about
 * 10 ms / ops per operation; use it over several iterations.
 */
public final class ProcCountersProfiler implements InternalProfiler {
    /** The system property in which the benchmark's placement names its server process's pid (bench.ServerPlacement). */
    public static final String SERVER_PID_PROPERTY = "nettune.counters.serverPid";

    private ProcReading before;
    private String serverPid;
    private ProcReading serverBefore;

    /** Refuses to start where /proc cannot be read, so JMH says so before the first fork. */
    public ProcCountersProfiler() throws ProfilerException {
        try {
            ProcReading.ofSelf();
        } catch (IOException | RuntimeException e) {
            throw new ProfilerException("cannot read /proc/self (io, stat, task/*/status): " + e.getMessage());
        }
    }

    @Override
    public String getDescription() {
        return "Syscalls (syscr/syscw), context switches and user/system CPU per operation, from /proc/self";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = read();
        serverPid = System.getProperty(SERVER_PID_PROPERTY);
        serverBefore = serverPid == null ? null : readServer(serverPid);
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                      IterationResult result) {
        ProcReading.Delta delta = read().minus(before);
        long ops = result.getMetadata().getAllOps();
        List<ScalarResult> out = new java.util.ArrayList<>(perOp(delta, ops));
        String pid = System.getProperty(SERVER_PID_PROPERTY);
        if (pid != null) {
            ProcReading after = pid.equals(serverPid) && serverBefore != null ? readServer(pid) : null;
            out.addAll(perOp(CounterNames.SERVER_PREFIX, after == null ? null : after.minus(serverBefore), ops));
        }
        return out;
    }

    /** The server process's reading, or null when it is not there (not yet started, or already stopped). */
    private static ProcReading readServer(String pid) {
        try {
            return ProcReading.of(java.nio.file.Path.of("/proc", pid));
        } catch (IOException | RuntimeException e) {
            return null; // gone (its /proc vanished mid-read) or never there: this iteration has no server counts
        }
    }

    /** The secondary results for counts {@code delta} over {@code ops} operations. */
    static List<ScalarResult> perOp(ProcReading.Delta delta, long ops) {
        return perOp("", delta, ops);
    }

    /** The same under names that begin with {@code prefix}; a null delta (no reading at one end) gives NaN everywhere. */
    static List<ScalarResult> perOp(String prefix, ProcReading.Delta delta, long ops) {
        double usPerTick = 1e6 / ProcReading.TICKS_PER_SECOND;
        boolean read = delta != null;
        ProcReading.Delta d = read ? delta : new ProcReading.Delta(0, 0, 0, 0, 0, 0, 0);
        long n = read ? ops : 0; // no operations divide into NaN
        return List.of(
                result(prefix + CounterNames.PROC_SYSCR, d.syscr(), n, CounterNames.PER_OP),
                result(prefix + CounterNames.PROC_SYSCW, d.syscw(), n, CounterNames.PER_OP),
                result(prefix + CounterNames.PROC_VOLUNTARY, d.voluntary(), n, CounterNames.PER_OP),
                result(prefix + CounterNames.PROC_NONVOLUNTARY, d.involuntary(), n, CounterNames.PER_OP),
                result(prefix + CounterNames.PROC_CTXT_SWITCHES, d.voluntary() + d.involuntary(), n, CounterNames.PER_OP),
                result(prefix + CounterNames.PROC_UTIME, d.utimeTicks() * usPerTick, n, CounterNames.US_PER_OP),
                result(prefix + CounterNames.PROC_STIME, d.stimeTicks() * usPerTick, n, CounterNames.US_PER_OP),
                new ScalarResult(prefix + CounterNames.PROC_EXITED_THREADS, read ? d.exitedThreads() : Double.NaN,
                        CounterNames.COUNT, AggregationPolicy.SUM));
    }

    private static ScalarResult result(String name, double count, long ops, String unit) {
        return new ScalarResult(name, ops == 0 ? Double.NaN : count / ops, unit, AggregationPolicy.AVG);
    }

    private static ProcReading read() {
        try {
            return ProcReading.ofSelf();
        } catch (IOException e) {
            throw new UncheckedIOException("reading /proc/self for " + CounterSet.PROC_PROFILER, e);
        }
    }
}

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
 * <p>Resolution: CPU time comes in clock ticks of 10 ms, so a 1 s iteration resolves about
 * 10 ms / ops per operation; use it over several iterations.
 */
public final class ProcCountersProfiler implements InternalProfiler {
    private ProcReading before;

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
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                      IterationResult result) {
        ProcReading.Delta delta = read().minus(before);
        return perOp(delta, result.getMetadata().getAllOps());
    }

    /** The secondary results for counts {@code delta} over {@code ops} operations. */
    static List<ScalarResult> perOp(ProcReading.Delta delta, long ops) {
        double usPerTick = 1e6 / ProcReading.TICKS_PER_SECOND;
        return List.of(
                result(CounterNames.PROC_SYSCR, delta.syscr(), ops, CounterNames.PER_OP),
                result(CounterNames.PROC_SYSCW, delta.syscw(), ops, CounterNames.PER_OP),
                result(CounterNames.PROC_VOLUNTARY, delta.voluntary(), ops, CounterNames.PER_OP),
                result(CounterNames.PROC_NONVOLUNTARY, delta.involuntary(), ops, CounterNames.PER_OP),
                result(CounterNames.PROC_CTXT_SWITCHES, delta.voluntary() + delta.involuntary(), ops, CounterNames.PER_OP),
                result(CounterNames.PROC_UTIME, delta.utimeTicks() * usPerTick, ops, CounterNames.US_PER_OP),
                result(CounterNames.PROC_STIME, delta.stimeTicks() * usPerTick, ops, CounterNames.US_PER_OP),
                new ScalarResult(CounterNames.PROC_EXITED_THREADS, delta.exitedThreads(), CounterNames.COUNT,
                        AggregationPolicy.SUM));
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

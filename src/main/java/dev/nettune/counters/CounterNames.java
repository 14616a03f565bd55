package dev.nettune.counters;

import java.util.List;
import java.util.Map;

/**
 * CounterNames are the names and units under which a fork's counters appear as JMH secondary
 * metrics, and the quantities in which the two sources can be compared.
 *
 * <table>
 * <caption>Secondary metrics read as counters</caption>
 * <tr><th>name</th><th>unit</th><th>source</th><th>what</th></tr>
 * <tr><td>{@code raw_syscalls:sys_enter}</td><td>#/op</td><td>perfnorm</td><td>syscalls of any kind</td></tr>
 * <tr><td>{@code syscalls:sys_enter_<name>}</td><td>#/op</td><td>perfnorm</td><td>one syscall ({@link CounterSet#SYSCALLS})</td></tr>
 * <tr><td>{@code context-switches}, {@code cpu-migrations}</td><td>#/op</td><td>perfnorm</td><td>scheduler events</td></tr>
 * <tr><td>{@code task-clock}</td><td>#/op, in ms of CPU</td><td>perfnorm</td><td>CPU time, user + system</td></tr>
 * <tr><td>{@code proc:syscr}, {@code proc:syscw}</td><td>#/op</td><td>/proc</td><td>read- and write-family syscalls</td></tr>
 * <tr><td>{@code proc:voluntary_ctxt_switches}, {@code proc:nonvoluntary_ctxt_switches},
 *     {@code proc:ctxt_switches} (their sum)</td><td>#/op</td><td>/proc</td><td>context switches</td></tr>
 * <tr><td>{@code proc:utime}, {@code proc:stime}</td><td>us/op</td><td>/proc</td><td>user and system CPU</td></tr>
 * <tr><td>{@code proc:exited_threads}</td><td>#</td><td>/proc</td><td>threads that ended during the iterations
 *     (not per op): their context switches after the first reading are missing from {@code proc:*ctxt_switches}</td></tr>
 * <tr><td>{@code server:proc:*}</td><td>as above</td><td>/proc of the server's JVM</td><td>the same
 *     /proc counts of the benchmark's server process, when it runs in a JVM of its own on this machine</td></tr>
 * <tr><td>{@code gc.alloc.rate.norm}</td><td>B/op</td><td>gc</td><td>bytes allocated</td></tr>
 * <tr><td>{@code gc.count}</td><td>counts</td><td>gc</td><td>collections in the iteration (not per op)</td></tr>
 * </table>
 *
 * <p>perfnorm's names are perf's own event names, unchanged, so any tool that knows perf reads them;
 * the fallback's are /proc's field names under {@code proc:}. {@link Quantity} maps both onto what
 * they have in common.
 */
public final class CounterNames {
    /** Unit of a count per operation (JMH's, for perfnorm and here). */
    public static final String PER_OP = "#/op";
    /** Unit of CPU microseconds per operation. */
    public static final String US_PER_OP = "us/op";
    /** Unit of a plain count. */
    public static final String COUNT = "#";

    public static final String PROC_PREFIX = "proc:";
    /**
     * Prefix of the server process's own counters when the benchmark's server runs in a JVM of its own
     * on this machine: {@code server:proc:syscr} ... (see {@link ProcCountersProfiler}), per client operation.
     */
    public static final String SERVER_PREFIX = "server:";
    public static final String PROC_SYSCR = "proc:syscr";
    public static final String PROC_SYSCW = "proc:syscw";
    public static final String PROC_VOLUNTARY = "proc:voluntary_ctxt_switches";
    public static final String PROC_NONVOLUNTARY = "proc:nonvoluntary_ctxt_switches";
    public static final String PROC_CTXT_SWITCHES = "proc:ctxt_switches";
    public static final String PROC_UTIME = "proc:utime";
    public static final String PROC_STIME = "proc:stime";
    public static final String PROC_EXITED_THREADS = "proc:exited_threads";

    public static final String GC_ALLOC_NORM = "gc.alloc.rate.norm";
    public static final String GC_COUNT = "gc.count";

    public static final String PERF_CONTEXT_SWITCHES = "context-switches";
    public static final String PERF_TASK_CLOCK = "task-clock";

    private CounterNames() {
    }

    /** Where a counter comes from. */
    public enum Source { PERFNORM, PROC, GC }

    /** The source of a secondary metric if it is a counter nettune reads, else null (scores' percentiles, other profilers). */
    public static Source sourceOf(String metric) {
        if (metric.startsWith(SERVER_PREFIX + PROC_PREFIX)) {
            return Source.PROC;
        }
        if (metric.startsWith(PROC_PREFIX)) {
            return Source.PROC;
        }
        if (metric.equals(GC_ALLOC_NORM) || metric.equals(GC_COUNT)) {
            return Source.GC;
        }
        if (metric.startsWith("syscalls:") || metric.startsWith("raw_syscalls:") || CounterSet.SOFTWARE.contains(metric)) {
            return Source.PERFNORM;
        }
        return null;
    }

    /**
     * A quantity that perfnorm and the /proc fallback both measure, in one unit: the sum of the
     * listed metrics of a source, each times its factor. They agree only approximately: syscr counts
     * pread/preadv too, and /proc loses the switches of threads that exit mid-iteration
     * ({@code proc:exited_threads}).
     */
    public enum Quantity {
        /** read(2) and readv(2) per operation. */
        READ_CALLS(PER_OP, Map.of("syscalls:sys_enter_read", 1.0, "syscalls:sys_enter_readv", 1.0),
                Map.of(PROC_SYSCR, 1.0)),
        /** write(2) and writev(2) per operation. */
        WRITE_CALLS(PER_OP, Map.of("syscalls:sys_enter_write", 1.0, "syscalls:sys_enter_writev", 1.0),
                Map.of(PROC_SYSCW, 1.0)),
        /** Context switches per operation. */
        CONTEXT_SWITCHES(PER_OP, Map.of(PERF_CONTEXT_SWITCHES, 1.0), Map.of(PROC_CTXT_SWITCHES, 1.0)),
        /** CPU time per operation, user + system, µs (perf's task-clock is in ms). */
        CPU_US(US_PER_OP, Map.of(PERF_TASK_CLOCK, 1000.0), Map.of(PROC_UTIME, 1.0, PROC_STIME, 1.0));

        private final String unit;
        private final Map<String, Double> perfnorm;
        private final Map<String, Double> proc;

        Quantity(String unit, Map<String, Double> perfnorm, Map<String, Double> proc) {
            this.unit = unit;
            this.perfnorm = perfnorm;
            this.proc = proc;
        }

        public String unit() {
            return unit;
        }

        /** The metrics that make this quantity from {@code source}, each with its factor; empty for gc. */
        public Map<String, Double> terms(Source source) {
            return switch (source) {
                case PERFNORM -> perfnorm;
                case PROC -> proc;
                case GC -> Map.of();
            };
        }
    }

    /** Every name the /proc fallback writes, in its order. */
    public static final List<String> PROC_NAMES = List.of(PROC_SYSCR, PROC_SYSCW, PROC_VOLUNTARY, PROC_NONVOLUNTARY,
            PROC_CTXT_SWITCHES, PROC_UTIME, PROC_STIME, PROC_EXITED_THREADS);

    /** Every name the /proc profiler writes for a server process of its own, in its order. */
    public static final List<String> SERVER_PROC_NAMES = PROC_NAMES.stream().map(n -> SERVER_PREFIX + n).toList();
}

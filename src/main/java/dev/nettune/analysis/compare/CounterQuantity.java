package dev.nettune.analysis.compare;

import dev.nettune.counters.Counter;
import dev.nettune.counters.CounterNames;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CounterQuantity is what a network engineer reads off a fork's raw counters: syscalls of one
 * family per operation, context switches, CPU split into user and system, bytes allocated. Each is
 * the sum of its terms from one source, perf's tracepoints and software events first (counted in the
 * kernel, exact), else the /proc fallback (coarser: syscr/syscw count pread and friends too), else
 * JMH's gc profiler. Terms a kernel lacks (clone3 before 5.3) are left out of the sum; a quantity
 * with no term present is unknown, never 0. The raw events go, one by one, to counters.csv.
 */
public enum CounterQuantity {
    SYSCALLS("syscalls/op", "", perf("raw_syscalls:sys_enter"), Map.of(), Map.of()),
    WRITES("write(2)/op", "", perf("syscalls:sys_enter_write", "syscalls:sys_enter_writev", "syscalls:sys_enter_sendto",
            "syscalls:sys_enter_sendmsg"), Map.of(CounterNames.PROC_SYSCW, 1.0), Map.of()),
    READS("read(2)/op", "", perf("syscalls:sys_enter_read", "syscalls:sys_enter_readv", "syscalls:sys_enter_recvfrom",
            "syscalls:sys_enter_recvmsg"), Map.of(CounterNames.PROC_SYSCR, 1.0), Map.of()),
    POLLS("poll(2)/op", "", perf("syscalls:sys_enter_poll", "syscalls:sys_enter_ppoll", "syscalls:sys_enter_epoll_wait",
            "syscalls:sys_enter_epoll_pwait"), Map.of(), Map.of()),
    FUTEX("futex(2)/op", "", perf("syscalls:sys_enter_futex"), Map.of(), Map.of()),
    ACCEPTS("accept(2)/op", "", perf("syscalls:sys_enter_accept", "syscalls:sys_enter_accept4"), Map.of(), Map.of()),
    CONNECTS("connect(2)/op", "", perf("syscalls:sys_enter_connect"), Map.of(), Map.of()),
    CLOSES("close(2)/op", "", perf("syscalls:sys_enter_close"), Map.of(), Map.of()),
    CLONES("clone(2)/op", "", perf("syscalls:sys_enter_clone", "syscalls:sys_enter_clone3"), Map.of(), Map.of()),
    MMAPS("mmap(2)/op", "", perf("syscalls:sys_enter_mmap"), Map.of(), Map.of()),
    CONTEXT_SWITCHES("context switches/op", "", perf(CounterNames.PERF_CONTEXT_SWITCHES),
            Map.of(CounterNames.PROC_CTXT_SWITCHES, 1.0), Map.of()),
    CPU("CPU", " µs/op", Map.of(CounterNames.PERF_TASK_CLOCK, 1000.0),
            ordered(CounterNames.PROC_UTIME, CounterNames.PROC_STIME), Map.of()),
    USER_CPU("user CPU", " µs/op", Map.of(), Map.of(CounterNames.PROC_UTIME, 1.0), Map.of()),
    SYS_CPU("sys CPU", " µs/op", Map.of(), Map.of(CounterNames.PROC_STIME, 1.0), Map.of()),
    ALLOC("allocation", " B/op", Map.of(), Map.of(), Map.of(CounterNames.GC_ALLOC_NORM, 1.0)),
    /** Bytes per write(2): the bytes the benchmark writes per operation ÷ {@link #WRITES}, where it knows them. */
    BYTES_PER_WRITE("bytes/write", "B/call"),
    /** Bytes per read(2): the bytes read per operation (the same as written, on a TCP stream) ÷ {@link #READS}. */
    BYTES_PER_READ("bytes/read", "B/call");

    /** The quantities whose change means the kernel or the JVM's memory did something else (not user-space CPU). */
    public static final List<CounterQuantity> UNDERNEATH = List.of(SYSCALLS, WRITES, READS, POLLS, FUTEX, ACCEPTS,
            CONNECTS, CLOSES, CLONES, MMAPS, CONTEXT_SWITCHES, SYS_CPU, ALLOC, BYTES_PER_WRITE, BYTES_PER_READ);

    private final String label;
    private final String suffix;
    private final String unit;
    private final Map<CounterNames.Source, Map<String, Double>> terms = new LinkedHashMap<>();

    /** A quantity derived from another and the benchmark's own bytes ({@code Underneath}), no counter term of its own. */
    CounterQuantity(String label, String unit) {
        this(label, "", Map.of(), Map.of(), Map.of(), unit);
    }

    CounterQuantity(String label, String suffix, Map<String, Double> perfnorm, Map<String, Double> proc,
                    Map<String, Double> gc) {
        this(label, suffix, perfnorm, proc, gc, suffix.isEmpty() ? "#/op" : suffix.trim());
    }

    CounterQuantity(String label, String suffix, Map<String, Double> perfnorm, Map<String, Double> proc,
                    Map<String, Double> gc, String unit) {
        this.label = label;
        this.suffix = suffix;
        this.unit = unit;
        terms.put(CounterNames.Source.PERFNORM, perfnorm);
        terms.put(CounterNames.Source.PROC, proc);
        terms.put(CounterNames.Source.GC, gc);
    }

    /** How a sentence names it: "write(2)/op", "sys CPU". */
    public String label() {
        return label;
    }

    /** What follows a value in a sentence: "" for a count per operation (the label says /op), " µs/op", " B/op". */
    public String suffix() {
        return suffix;
    }

    /** The unit of its values, as a table header writes it. */
    public String unit() {
        return unit;
    }

    /** True for a quantity derived in {@code Underneath} from another one (bytes per call), with no terms of its own. */
    public boolean derived() {
        return terms.values().stream().allMatch(Map::isEmpty);
    }

    /** The count a derived quantity divides the benchmark's bytes by; null for the others. */
    public CounterQuantity calls() {
        return this == BYTES_PER_WRITE ? WRITES : this == BYTES_PER_READ ? READS : null;
    }

    /** The metric names of {@code source} that sum to it, each with its factor; empty when that source lacks it. */
    public Map<String, Double> terms(CounterNames.Source source) {
        return terms.get(source);
    }

    /**
     * Its value in a fork from {@code source}: the sum of the terms present under {@code prefix} ("" for
     * the client, "server:" for the server's process), or NaN when none is present.
     */
    public double value(Map<String, Counter> counters, String prefix, CounterNames.Source source) {
        double sum = 0;
        boolean any = false;
        for (Map.Entry<String, Double> t : terms(source).entrySet()) {
            Counter c = counters.get(prefix + t.getKey());
            if (c != null) {
                sum += c.perOp() * t.getValue();
                any = true;
            }
        }
        return any ? sum : Double.NaN;
    }

    /** The terms of {@code source} present in {@code counters} under {@code prefix}, "a + b" without the prefix. */
    public String what(Map<String, Counter> counters, String prefix, CounterNames.Source source) {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, Double> t : terms(source).entrySet()) {
            if (counters.containsKey(prefix + t.getKey())) {
                s.append(s.length() == 0 ? "" : " + ").append(t.getKey())
                        .append(t.getValue() == 1.0 ? "" : " × " + t.getValue().intValue());
            }
        }
        return s.toString();
    }

    private static Map<String, Double> perf(String... names) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String n : names) {
            out.put(n, 1.0);
        }
        return out;
    }

    private static Map<String, Double> ordered(String... names) {
        return perf(names);
    }
}

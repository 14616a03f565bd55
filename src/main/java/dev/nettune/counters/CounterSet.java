package dev.nettune.counters;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A CounterSet is the list of Linux perf events nettune asks JMH's {@code perfnorm} profiler to count
 * per operation, and the profiler arguments that carry them. Every event is a software event or a
 * syscall tracepoint: this machine's VM has no hardware counters, and the tracepoints answer the
 * questions of a network benchmark (how many syscalls of which kind, how often the thread slept).
 *
 * <p>The per-syscall tracepoints are the families of issue #21: read/write and their vector and
 * socket forms, poll and epoll, futex, accept/connect/close, thread creation and mappings. A kernel
 * may lack some ({@code epoll_wait} on arm64, {@code clone3} before 5.3): {@link CounterProbe} keeps
 * only those that exist here.
 */
public final class CounterSet {
    /** Every syscall entry, of any kind: the total. */
    public static final String ALL_SYSCALLS = "raw_syscalls:sys_enter";

    /** Prefix of one syscall's entry tracepoint, e.g. {@code syscalls:sys_enter_write}. */
    public static final String SYSCALL_PREFIX = "syscalls:sys_enter_";

    /** The syscalls counted by name, in the order a report lists them. */
    public static final List<String> SYSCALLS = List.of(
            "read", "write", "readv", "writev", "sendto", "recvfrom", "sendmsg", "recvmsg",
            "poll", "ppoll", "epoll_wait", "epoll_pwait",
            "futex",
            "accept", "accept4", "connect", "close",
            "clone", "clone3", "mmap", "munmap");

    /** Software events of the kernel's scheduler and clock (no hardware counter needed). */
    public static final List<String> SOFTWARE = List.of("context-switches", "cpu-migrations", "task-clock");

    /** JMH's allocation and GC profiler: {@code gc.alloc.rate.norm} (B/op) and {@code gc.count}. */
    public static final String GC_PROFILER = "gc";

    /** JMH's perf profiler that normalises each event by the operation count. */
    public static final String PERFNORM_PROFILER = "perfnorm";

    /** The /proc fallback, by class name as JMH's {@code -prof} takes it. */
    public static final String PROC_PROFILER = "dev.nettune.counters.ProcCountersProfiler";

    private CounterSet() {
    }

    /** Every perf event nettune would count, before the probe removes what this host lacks. */
    public static List<String> candidateEvents() {
        List<String> events = new ArrayList<>();
        events.add(ALL_SYSCALLS);
        for (String s : SYSCALLS) {
            events.add(SYSCALL_PREFIX + s);
        }
        events.addAll(SOFTWARE);
        return List.copyOf(events);
    }

    /** perfnorm's init line for these events: {@code events=a,b,c}. */
    public static String perfnormInitLine(Collection<String> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("perfnorm needs at least one event");
        }
        for (String e : events) {
            if (e.isBlank() || e.contains(",")) {
                throw new IllegalArgumentException("perf event name '" + e + "' is empty or contains ','");
            }
        }
        return "events=" + String.join(",", events);
    }

    /** The whole {@code -prof} argument: {@code perfnorm:events=a,b,c}. */
    public static String perfnormArgument(Collection<String> events) {
        return PERFNORM_PROFILER + ":" + perfnormInitLine(events);
    }
}

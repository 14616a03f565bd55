package dev.nettune.host;

import dev.nettune.counters.ProcReading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * ProcessProbe reads what this JVM process costs right now: open file descriptors and their limit
 * (Linux /proc), CPU time, bytes allocated by live platform threads, live threads, resident memory.
 * Benchmarks read it at iteration boundaries only, never on the measured path.
 */
public final class ProcessProbe {
    /** Descriptors kept free beyond the connections: the JVM's jars, selectors, epoll, pipes, JMH's files. */
    /** The unit of /proc's CPU times (the kernel's USER_HZ, 100 on Linux whatever its tick rate). */
    static final long USER_HZ = 100;
    public static final int FD_MARGIN = 256;

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private ProcessProbe() {
    }

    /** Descriptors open in this process now (entries of /proc/self/fd), or -1 when not on Linux. */
    public static int openFds() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count();
        } catch (IOException e) {
            return -1; // no /proc: not Linux; the caller treats -1 as unknown
        }
    }

    /** The soft limit on open files (ulimit -n) from /proc/self/limits, or -1 when unknown. */
    public static long fdLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return "unlimited".equals(soft) ? Long.MAX_VALUE : Long.parseLong(soft);
                }
            }
            return -1;
        } catch (IOException e) {
            return -1; // no /proc: not Linux; the caller treats -1 as unknown
        }
    }

    /**
     * Why {@code connections} loopback connections with both ends in this process cannot be opened
     * under the descriptor limit, or null when they fit (or the limit is unknown).
     */
    public static String fdShortage(int connections) {
        return fdShortage(connections, false);
    }

    /**
     * As {@link #fdShortage(int)}; with {@code serverApart} the server runs in a process of its own
     * (which inherits this process's limit), so each process holds one descriptor per connection.
     */
    public static String fdShortage(int connections, boolean serverApart) {
        long limit = fdLimit();
        int perConnection = serverApart ? 1 : 2;
        long needed = (long) perConnection * connections + FD_MARGIN;
        if (limit < 0 || needed <= limit) {
            return null;
        }
        return connections + (serverApart ? " connections with the server in a process of its own need " + needed
                + " file descriptors in each process (1 per connection + " : " connections with client and server in one process need "
                + needed + " file descriptors (2 per connection + ") + FD_MARGIN + " margin); the limit (ulimit -n, /proc/self/limits) is "
                + limit + ". Raise it with 'ulimit -n " + needed + "' or more" + (serverApart ? "." : ", or place the server in a"
                + " process of its own (placement=process), which halves what each process needs.");
    }

    /** Descriptors open in process {@code pid} now (entries of /proc/PID/fd), or -1 when unknown or unreadable. */
    public static int openFds(long pid) {
        try (Stream<Path> s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return (int) s.count();
        } catch (IOException e) {
            return -1; // gone, not ours, or not Linux: the caller treats -1 as unknown
        }
    }

    /** Heap in use right after a full collection ({@link System#gc()}), bytes: what the live objects hold. Never call it on the measured path. */
    public static long heapUsedAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** CPU time of the whole process, ns (all threads, user + system). */
    public static long cpuNanos() {
        return OS.getProcessCpuTime();
    }

    /**
     * Bytes allocated so far by the live platform threads (virtual threads are accounted to
     * their carriers); -1 when the JVM cannot tell.
     */
    public static long allocatedBytes() {
        if (!THREADS.isThreadAllocatedMemorySupported() || !THREADS.isThreadAllocatedMemoryEnabled()) {
            return -1;
        }
        long sum = 0;
        for (long b : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
            if (b > 0) {
                sum += b; // -1 marks a thread that ended meanwhile
            }
        }
        return sum;
    }

    /** Live platform threads of the JVM (virtual threads are not counted). */
    public static int liveThreads() {
        return THREADS.getThreadCount();
    }

    /** Resident memory (VmRSS from /proc/self/status), bytes, or -1 when unknown. */
    public static long residentBytes() {
        return status("self", "VmRSS:", 1024); // the kernel writes kB
    }

    /** Resident memory of process {@code pid} (VmRSS from /proc/PID/status), bytes, or -1 when unknown. */
    public static long residentBytes(long pid) {
        return status(Long.toString(pid), "VmRSS:", 1024);
    }

    /**
     * CPU time of process {@code pid}, ns (all its threads, user + system: utime + stime of /proc/PID/stat,
     * in USER_HZ ticks, 100 per second on Linux), or -1 when unknown. Read from outside, so a process too
     * busy to answer a request still gets read.
     */
    public static long cpuNanos(long pid) {
        Path file = Path.of("/proc/" + pid + "/stat");
        String stat;
        try {
            stat = Files.readString(file);
        } catch (IOException e) {
            return -1; // no /proc (not Linux), or the process is gone: the caller treats -1 as unknown
        }
        try {
            long[] times = ProcReading.parseStat(stat, file.toString());
            return (times[0] + times[1]) * (1_000_000_000L / USER_HZ);
        } catch (IllegalArgumentException e) {
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        }
    }

    /** Threads of process {@code pid} (Threads from /proc/PID/status: platform threads, JVM's own included), or -1 when unknown. */
    public static long threads(long pid) {
        return status(Long.toString(pid), "Threads:", 1);
    }

    /** The first number of the {@code field} line of /proc/PROC/status times {@code scale}, or -1 when unknown. */
    private static long status(String proc, String field, long scale) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + proc + "/status"))) {
                if (line.startsWith(field)) {
                    String[] f = line.substring(field.length()).trim().split("\\s+");
                    return Long.parseLong(f[0]) * scale;
                }
            }
            return -1;
        } catch (IOException e) {
            return -1; // no /proc (not Linux), or the process is gone: the caller treats -1 as unknown
        } catch (NumberFormatException e) {
            throw new UncheckedIOException(new IOException("unexpected " + field + " line in /proc/" + proc + "/status", e));
        }
    }
}

package dev.nettune.host;

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
        long limit = fdLimit();
        long needed = 2L * connections + FD_MARGIN;
        if (limit < 0 || needed <= limit) {
            return null;
        }
        return connections + " connections with client and server in one process need " + needed
                + " file descriptors (2 per connection + " + FD_MARGIN + " margin); the limit (ulimit -n, /proc/self/limits) is "
                + limit + ". Raise it with 'ulimit -n " + needed + "' or more.";
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
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] f = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(f[0]) * 1024; // the kernel writes kB
                }
            }
            return -1;
        } catch (IOException e) {
            return -1; // no /proc: not Linux; the caller treats -1 as unknown
        } catch (NumberFormatException e) {
            throw new UncheckedIOException(new IOException("unexpected VmRSS line in /proc/self/status", e));
        }
    }
}

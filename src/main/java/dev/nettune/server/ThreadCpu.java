package dev.nettune.server;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** ThreadCpu reads the CPU time of a server's own platform threads, so a server's cost can be told apart from its clients'. */
final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ThreadCpu() {
    }

    /** Whether this JVM measures per-thread CPU time (HotSpot on Linux does, unless switched off). */
    static boolean supported() {
        return THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
    }

    /** CPU time of a platform thread so far, ns; 0 once it has ended (its time must have been taken before). */
    @SuppressWarnings("deprecation") // Thread.getId(): threadId() is JDK 19+, we compile for 17
    static long of(Thread t) {
        return Math.max(0, THREADS.getThreadCpuTime(t.getId()));
    }

    /** CPU time of the calling platform thread so far, ns. */
    static long current() {
        return Math.max(0, THREADS.getCurrentThreadCpuTime());
    }
}

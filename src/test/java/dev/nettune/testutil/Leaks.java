package dev.nettune.testutil;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** Leaks measures what a test may leave behind: open file descriptors and live platform threads. */
public final class Leaks {
    /** How long threads may take to finish after close() returned (they are joined, this is slack for the JDK's own). */
    private static final long SETTLE_MILLIS = 5_000;

    private Leaks() {
    }

    /** Open file descriptors of this process (/proc/self/fd), or -1 where /proc is missing. */
    public static int openFds() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    public static int liveThreads() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        return mx.getThreadCount();
    }

    /** A snapshot to compare against after the code under test has closed everything. */
    public static Snapshot snapshot() {
        return new Snapshot(openFds(), liveThreads());
    }

    public static final class Snapshot {
        public final int fds;
        public final int threads;

        Snapshot(int fds, int threads) {
            this.fds = fds;
            this.threads = threads;
        }

        /** Waits until FDs and threads are back to this snapshot; returns a description of what is not, or null. */
        public String leakedSince() throws InterruptedException {
            long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
            for (;;) {
                int fdsNow = openFds();
                int threadsNow = liveThreads();
                if (fdsNow <= fds && threadsNow <= threads) {
                    return null;
                }
                if (System.currentTimeMillis() > deadline) {
                    return "file descriptors " + fds + " -> " + fdsNow + ", live threads " + threads + " -> " + threadsNow;
                }
                Thread.sleep(20); // polling: thread exit has no event to wait on
            }
        }
    }
}

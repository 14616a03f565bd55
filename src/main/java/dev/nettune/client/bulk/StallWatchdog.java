package dev.nettune.client.bulk;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * A StallWatchdog bounds a blocking operation in time without touching the socket's own timeouts
 * (any SO_TIMEOUT &gt; 0 would switch NioSocketImpl to non-blocking + poll and change what is
 * measured). The measured thread calls {@link #arm()}, then {@link #progress(long)} as bytes move,
 * then {@link #disarm()}; a daemon thread checks a few times per bound, and when an armed operation
 * has made no progress for the whole bound it records why and closes the target, which makes the
 * blocked write or read throw. {@link #check(IOException)} turns that into a {@link StallException}.
 *
 * <p>The measured path costs one ordered store per call: no allocation, no clock read.
 */
public final class StallWatchdog implements Closeable {
    /** System property overriding the default bound, seconds. */
    public static final String STALL_SECONDS_PROPERTY = "nettune.buffers.stallSeconds";
    /** Default bound: orders of magnitude above a healthy write, which takes milliseconds even when a small buffer collapses throughput. */
    public static final long DEFAULT_STALL_SECONDS = 10;
    /** Checks per bound: the reaction time is bound × (1 + 1/CHECKS_PER_BOUND). */
    private static final int CHECKS_PER_BOUND = 10;

    private final String configuration;
    private final long boundNanos;
    private final Closeable target;
    private final Thread thread;
    /** Progress counter written by the measured thread (bytes, any monotone count). */
    private volatile long progress;
    private volatile boolean armed;
    private volatile boolean closed;
    private volatile String stallMessage;

    public StallWatchdog(String configuration, long boundNanos, Closeable target) {
        if (boundNanos <= 0) {
            throw new IllegalArgumentException("stall bound must be > 0 ns: " + boundNanos);
        }
        this.configuration = configuration;
        this.boundNanos = boundNanos;
        this.target = target;
        this.thread = new Thread(this::watch, "nettune-stall-watchdog");
        thread.setDaemon(true);
        thread.start();
    }

    /** The bound from {@value #STALL_SECONDS_PROPERTY}, or {@value #DEFAULT_STALL_SECONDS} s. */
    public static long defaultBoundNanos() {
        return TimeUnit.SECONDS.toNanos(Long.getLong(STALL_SECONDS_PROPERTY, DEFAULT_STALL_SECONDS));
    }

    public void arm() {
        armed = true;
    }

    /** Reports progress; {@code count} must differ from the previous call's (e.g. bytes so far). */
    public void progress(long count) {
        progress = count;
    }

    public void disarm() {
        armed = false;
    }

    /** Whether the watchdog has cut an operation off. */
    public boolean stalled() {
        return stallMessage != null;
    }

    /**
     * Call when an operation failed: returns a StallException naming the configuration when the
     * watchdog caused the failure, else {@code e} itself.
     */
    public IOException check(IOException e) {
        String m = stallMessage;
        return m == null ? e : new StallException(m, e);
    }

    /** Throws the StallException when the watchdog fired after the operation ended anyway. */
    public void throwIfStalled() throws StallException {
        String m = stallMessage;
        if (m != null) {
            throw new StallException(m, null);
        }
    }

    private void watch() {
        long seen = progress;
        long lastChange = System.nanoTime();
        long tickMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(boundNanos / CHECKS_PER_BOUND));
        while (!closed) {
            try {
                Thread.sleep(tickMillis);
            } catch (InterruptedException e) {
                return; // close() interrupts: the watchdog ends
            }
            long now = System.nanoTime();
            long p = progress;
            if (!armed || p != seen) {
                seen = p;
                lastChange = now;
                continue;
            }
            if (now - lastChange > boundNanos) {
                stallMessage = "stalled: " + configuration + ": no progress for "
                        + TimeUnit.NANOSECONDS.toMillis(now - lastChange) + " ms (bound "
                        + TimeUnit.NANOSECONDS.toMillis(boundNanos) + " ms, after " + p + " bytes); socket closed";
                try {
                    target.close();
                } catch (IOException e) {
                    // Closing is how the blocked call is released; if it fails the call ends with its own error.
                }
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.NANOSECONDS.toMillis(boundNanos) + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            throw new IllegalStateException("stall watchdog for " + configuration + " did not stop");
        }
    }
}

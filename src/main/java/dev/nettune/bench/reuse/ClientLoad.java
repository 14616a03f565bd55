package dev.nettune.bench.reuse;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A ClientLoad runs T client threads, each repeating its {@link Operation} closed-loop until
 * closed, and hands completed operations to a single consumer (the JMH thread), one per
 * {@link #takeOne()}: so a JMH throughput score is operations completed per second by all T
 * threads together. The consumer sleeps while it is caught up and is woken once per
 * {@link #WAKE_BATCH} completions, so it costs the clients next to nothing.
 *
 * <p>Each operation's latency goes to an HdrHistogram {@link Recorder}. The first failure of any
 * client stops all of them, and the next {@code takeOne()} throws it; no progress for
 * {@link #STALL_SECONDS} throws too: a broken run ends with a message, never hangs or scores low.
 */
final class ClientLoad implements AutoCloseable {
    /** Completions between two wake-ups of a caught-up consumer. */
    static final int WAKE_BATCH = 16;
    /** Longest a caught-up consumer sleeps before looking again (bounds the end-of-iteration error). */
    static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** No operation completing for this long is a stall, reported as a failure. */
    static final long STALL_SECONDS = 30;
    /** How long close() waits for each client thread. */
    static final long JOIN_MILLIS = 10_000;

    private final List<Operation> operations;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Recorder latencyNanos = new Recorder(3);
    private volatile boolean stopping;
    private volatile Thread consumer;
    private volatile long wakeAt = Long.MAX_VALUE;
    // Consumer-thread state.
    private long consumed;
    private long available;

    /** Starts one platform thread per operation; each thread owns its operation. */
    ClientLoad(List<Operation> operations, String name) {
        this.operations = List.copyOf(operations);
        for (int i = 0; i < this.operations.size(); i++) {
            Operation op = this.operations.get(i);
            Thread t = new Thread(() -> loop(op), name + "-client-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    private void loop(Operation op) {
        while (!stopping) {
            long start = System.nanoTime();
            try {
                op.run();
            } catch (Throwable e) {
                if (!stopping) {
                    fail(e);
                }
                return;
            }
            latencyNanos.recordValue(System.nanoTime() - start);
            if (completed.incrementAndGet() >= wakeAt) {
                LockSupport.unpark(consumer);
            }
        }
    }

    private void fail(Throwable e) {
        failure.compareAndSet(null, e);
        stopping = true;
        Thread c = consumer;
        if (c != null) {
            LockSupport.unpark(c);
        }
    }

    /** Forgets operations completed so far: call before each measured interval (JMH iteration). */
    void startCounting() {
        consumed = completed.get();
        available = consumed;
    }

    /** Returns once one more operation has completed since the last call; throws a client's failure or a stall. */
    void takeOne() throws IOException {
        if (consumed < available) {
            consumed++;
            return;
        }
        long since = System.nanoTime();
        for (;;) {
            checkFailure();
            long c = completed.get();
            if (c > consumed) {
                available = c;
                consumed++;
                return;
            }
            if (System.nanoTime() - since > TimeUnit.SECONDS.toNanos(STALL_SECONDS)) {
                throw new IOException("no operation completed in " + STALL_SECONDS + " s by " + threads.size()
                        + " client threads: the server or the clients are stuck");
            }
            consumer = Thread.currentThread();
            wakeAt = consumed + WAKE_BATCH;
            if (completed.get() < wakeAt && failure.get() == null) {
                LockSupport.parkNanos(this, PARK_NANOS);
            }
            wakeAt = Long.MAX_VALUE;
            if (Thread.interrupted()) {
                throw new InterruptedIOException("interrupted while waiting for client operations");
            }
        }
    }

    /** Throws the first client failure, if any: for a consumer that runs operations itself instead of taking them. */
    void checkFailure() throws IOException {
        Throwable f = failure.get();
        if (f != null) {
            throw new IOException("a client thread failed, so the benchmark stops: " + f, f);
        }
    }

    /** Operations completed by all client threads since they started. */
    long completed() {
        return completed.get();
    }

    /** Latencies recorded since the previous call, nanoseconds. */
    Histogram intervalLatency() {
        return latencyNanos.getIntervalHistogram();
    }

    /** The first failure of a client thread, or null. */
    Throwable failure() {
        return failure.get();
    }

    /**
     * Stops the client threads and joins them. Threads blocked in I/O finish their current
     * operation (the server is still up); close their operations after this, then the server.
     */
    @Override
    public void close() throws IOException {
        stopping = true;
        for (Thread t : threads) {
            try {
                t.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while joining client threads");
            }
            if (t.isAlive()) {
                throw new IllegalStateException("client thread " + t.getName() + " did not stop within " + JOIN_MILLIS + " ms");
            }
        }
        IOException first = null;
        for (Operation op : operations) {
            try {
                op.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}

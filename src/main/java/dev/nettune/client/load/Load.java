package dev.nettune.client.load;

import dev.nettune.client.ClientModel;
import dev.nettune.socket.EffectiveOptions;
import dev.nettune.socket.SocketTuning;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A Load is client traffic that runs on its own threads from the moment it starts until
 * {@link #close()}, while one other thread (a JMH thread) only waits for completions to accumulate
 * ({@link #awaitCompleted}) and collects what was measured. What every driver shares lives here,
 * once:
 * <ul>
 *   <li>the recorder: each completed operation's latency (ns) goes into an HdrHistogram
 *       {@link Recorder}, which many driver threads share without locks, and is counted;</li>
 *   <li>the stop rule: the first failure of any driver stops the whole load; the waiter and
 *       {@link #checkHealthy} rethrow it; no completion for {@value #STALL_SECONDS} s is a stall,
 *       reported as a failure too: a broken load ends with a message, never hangs or scores low;</li>
 *   <li>the waiter: parked, and woken by the driver whose completion reaches the count it waits for.</li>
 * </ul>
 * Drivers: {@link ThreadLoad} (a thread per connection or per client, closed loop),
 * {@link SelectorLoad}, {@link AsyncLoad}, {@link OpenLoop} (fixed rate); {@link #closedLoop} picks
 * the one a {@link ClientModel} needs.
 */
public abstract class Load implements AutoCloseable {
    /** Highest latency the histograms track, ns: 60 s, far above any stall we would accept. */
    public static final long MAX_TRACKED_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** Histogram precision: 3 significant digits. */
    public static final int SIGNIFICANT_DIGITS = 3;
    /** How long close() waits for each driver to finish the operation in flight. */
    public static final long STOP_MILLIS = 10_000;
    /** No operation completing for this long while someone waits is a stall. */
    public static final long STALL_SECONDS = 30;
    /** A waiter that missed its wake-up checks again after this long. */
    public static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Connections (or client threads) the load drives. */
    protected final int connections;
    private final Recorder recorder = new Recorder(1, MAX_TRACKED_NANOS, SIGNIFICANT_DIGITS);
    private final AtomicLong completed = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;
    private volatile long wakeAt = Long.MAX_VALUE;
    private volatile Thread waiter;
    /** Options read back from the first connection, or null when the load has none of its own. */
    protected EffectiveOptions options;

    protected Load(int connections) {
        if (connections < 0) {
            throw new IllegalArgumentException("connections must be >= 0: " + connections);
        }
        this.connections = connections;
    }

    /**
     * Opens {@code connections} connections of {@code model} and starts their closed loops (netperf
     * TCP_RR: one echo in flight per connection, the next sent as soon as the reply is verified).
     *
     * @throws UnsupportedOperationException for a model this JVM lacks (check {@link ClientModel#unavailableReason()} first)
     */
    public static Load closedLoop(ClientModel model, SocketAddress server, SocketTuning tuning, int connections, int payloadBytes)
            throws IOException {
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be >= 1: " + connections);
        }
        switch (model.driver()) {
            case PLATFORM_THREADS:
            case VIRTUAL_THREADS:
                return ThreadLoad.echo(model, server, tuning, connections, payloadBytes);
            case SELECTOR:
                return SelectorLoad.echo(server, tuning, connections, payloadBytes);
            case ASYNC:
                return AsyncLoad.echo(server, tuning, connections, payloadBytes);
            default:
                throw new AssertionError(model.driver());
        }
    }

    /** Threads the load runs on: driver threads (platform or virtual), a Selector thread, a channel group's. */
    public abstract int threads();

    /**
     * The fewest operations any one connection has completed so far (a lower bound where a
     * driver counts whole rounds over its connections).
     */
    public abstract long minCompletedPerConnection();

    /** Stops the drivers (each finishes the operation in flight), closes the connections, joins the threads. */
    protected abstract void stop() throws IOException;

    /** Connections (or client threads) driven. */
    public int connections() {
        return connections;
    }

    /** Options read back from the first connection (all are tuned alike), or null. */
    public EffectiveOptions options() {
        return options;
    }

    /** Operations completed so far, over all connections: verified round trips, or connects. */
    public long completed() {
        return completed.get();
    }

    /** Latencies recorded since the previous call, ns; the caller may pass back the histogram it got last time. */
    public Histogram intervalHistogram(Histogram recycle) {
        return recorder.getIntervalHistogram(recycle);
    }

    /** Waits until {@code target} operations have completed in total; the driver that completes that one wakes the caller. */
    public long awaitCompleted(long target) throws IOException {
        return awaitCompleted(target, target, PARK_NANOS);
    }

    /**
     * Waits until {@code target} operations have completed in total, sleeping meanwhile until the
     * count reaches {@code wakeAt} (a later count lets a caught-up waiter sleep through several
     * completions) or {@code parkNanos} pass. Returns the count it saw. The wake-up count stays set
     * for the whole wait, so that the drivers see it change twice per wait, not per park.
     *
     * @throws IOException the first failure of any driver, or a stall
     */
    public long awaitCompleted(long target, long wakeAt, long parkNanos) throws IOException {
        waiter = Thread.currentThread();
        this.wakeAt = Math.max(target, wakeAt);
        try {
            long seen;
            long progress = -1;
            long stillSince = 0; // when the count was first seen unchanged; 0 while it moves (no clock read then)
            while ((seen = completed.get()) < target) {
                checkHealthy();
                if (seen != progress) {
                    progress = seen;
                    stillSince = 0;
                } else if (stillSince == 0) {
                    stillSince = System.nanoTime();
                } else if (System.nanoTime() - stillSince > TimeUnit.SECONDS.toNanos(STALL_SECONDS)) {
                    throw new IOException("no operation completed in " + STALL_SECONDS + " s on " + connections
                            + " connections: the server or the clients are stuck");
                }
                LockSupport.parkNanos(this, parkNanos);
                if (Thread.interrupted()) {
                    throw new InterruptedIOException("interrupted while waiting for " + connections + " connections' operations");
                }
            }
            return seen;
        } finally {
            this.wakeAt = Long.MAX_VALUE;
        }
    }

    /** Throws the first failure any driver met, or says the load was stopped. */
    public void checkHealthy() throws IOException {
        Throwable t = failure.get();
        if (t != null) {
            throw new IOException("load of " + connections + " connections failed, so it stopped: " + t, t);
        }
        if (!running) {
            throw new IOException("load of " + connections + " connections was stopped");
        }
    }

    /** The first failure of a driver, or null. */
    public Throwable failure() {
        return failure.get();
    }

    /** Whether the drivers should go on: false once the load failed or is closing. */
    protected final boolean running() {
        return running;
    }

    /** Called by a driver after each completed operation. */
    protected final void completed(long latencyNanos) {
        recorder.recordValue(Math.max(0, Math.min(latencyNanos, MAX_TRACKED_NANOS)));
        if (completed.incrementAndGet() == wakeAt) {
            LockSupport.unpark(waiter); // exactly one driver wakes the waiter; it checks the count after setting wakeAt, so none is missed
        }
    }

    /** Called by a driver that cannot go on: keeps the first failure (unless closing) and stops every driver. */
    protected final void failed(Throwable t) {
        if (running) {
            failure.compareAndSet(null, t);
        }
        running = false;
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    @Override
    public final void close() throws IOException {
        running = false;
        stop();
    }

    /** Joins a driver thread for up to {@value #STOP_MILLIS} ms. */
    protected static void join(Thread t) throws InterruptedIOException {
        try {
            t.join(STOP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while joining " + t.getName());
        }
        if (t.isAlive()) {
            throw new IllegalStateException("load driver " + t.getName() + " did not stop within " + STOP_MILLIS + " ms");
        }
    }

    /** Closes every one of {@code closeables}; rethrows the first failure after trying them all. */
    protected static void closeAll(List<? extends AutoCloseable> closeables) throws IOException {
        Exception first = null;
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (first instanceof IOException) {
            throw (IOException) first;
        }
        if (first instanceof RuntimeException) {
            throw (RuntimeException) first;
        }
        if (first != null) {
            throw new IOException("cannot close: " + first, first);
        }
    }
}

package dev.nettune.bench.model;

import dev.nettune.client.AsyncConnection;
import dev.nettune.client.ClientConnection;
import dev.nettune.client.ClientModel;
import dev.nettune.client.SelectorClient;
import dev.nettune.jvm.VirtualThreads;
import dev.nettune.socket.EffectiveOptions;
import dev.nettune.socket.SocketTuning;
import dev.nettune.wire.Kind;
import dev.nettune.wire.Request;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.CompletionHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A LoadGenerator keeps {@code connections} persistent connections busy from the moment it starts
 * until {@link #close()}. In a closed loop ({@link #closedLoop}) each connection of one
 * {@link ClientModel} sends a request, waits for the verified reply, and sends the next (netperf
 * TCP_RR, one transaction in flight per connection); in an open loop ({@link OpenLoop}) requests
 * leave on a fixed schedule and latency counts from the intended send time.
 * The drivers run free on their own threads — a platform thread per connection (STREAM, CHANNEL),
 * a virtual thread per connection (VIRTUAL), one Selector thread for all (SELECTOR), or the
 * completion handlers of a fixed {@link AsynchronousChannelGroup} (ASYNC) — so a JMH thread only
 * waits for round trips to accumulate ({@link #awaitRoundTrips}) and collects what was measured.
 *
 * <p>Every round trip's latency (send to verified reply, ns) goes into an HdrHistogram
 * {@link Recorder}, which many writer threads may share without locks. The first error of any
 * driver stops the load and is rethrown by {@link #awaitRoundTrips} and {@link #checkHealthy}.
 */
public abstract class LoadGenerator implements AutoCloseable {
    /** Stack of each platform driver thread: the loop is shallow, so 1,024+ threads stay cheap. */
    public static final long DRIVER_STACK_BYTES = 256 << 10;
    /** Highest latency the histograms track, ns: 60 s, far above any stall we would accept. */
    public static final long MAX_TRACKED_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** Histogram precision: 3 significant digits. */
    public static final int SIGNIFICANT_DIGITS = 3;
    /** How long close() waits for each driver to finish its round trip in flight. */
    public static final long STOP_MILLIS = 10_000;
    /** A waiter that missed its wake-up checks again after this long. */
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    protected final int connections;
    protected final Recorder recorder = new Recorder(1, MAX_TRACKED_NANOS, SIGNIFICANT_DIGITS);
    private final AtomicLong roundTrips = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    protected volatile boolean running = true;
    private volatile long wakeAt = Long.MAX_VALUE;
    private volatile Thread waiter;
    protected EffectiveOptions options;

    protected LoadGenerator(int connections) {
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be >= 1: " + connections);
        }
        this.connections = connections;
    }

    /**
     * Opens {@code connections} connections of {@code model} and starts their closed loops: each
     * sends its next request as soon as the previous reply is verified.
     *
     * @throws UnsupportedOperationException for VIRTUAL on JDK 17-20 (check {@link ClientModel#unavailableReason()} first)
     */
    public static LoadGenerator closedLoop(ClientModel model, SocketAddress server, SocketTuning tuning, int connections, int payloadBytes)
            throws IOException {
        ClosedLoop load;
        switch (model) {
            case STREAM:
            case CHANNEL:
                load = new PerConnectionThreads(model, connections, platformThreads("load-" + model.name().toLowerCase() + "-"));
                break;
            case VIRTUAL:
                load = new PerConnectionThreads(model, connections, VirtualThreads.factory("load-virtual-"));
                break;
            case SELECTOR:
                load = new OneSelector(connections);
                break;
            case ASYNC:
                load = new Async(connections);
                break;
            default:
                throw new AssertionError(model);
        }
        try {
            load.open(server, tuning, payloadBytes);
        } catch (IOException | RuntimeException e) {
            load.close();
            throw e;
        }
        return load;
    }

    /** A factory of daemon platform threads with small stacks. */
    static ThreadFactory platformThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(null, r, prefix + n.getAndIncrement(), DRIVER_STACK_BYTES);
            t.setDaemon(true);
            return t;
        };
    }

    /** A load that opens its own connections. */
    abstract static class ClosedLoop extends LoadGenerator {
        ClosedLoop(int connections) {
            super(connections);
        }

        abstract void open(SocketAddress server, SocketTuning tuning, int payloadBytes) throws IOException;
    }

    /** Stops the drivers (each finishes the round trip in flight), closes the connections, joins threads. */
    abstract void stop() throws IOException;

    /** Threads the load runs on: platform or virtual driver threads, the Selector thread, or the channel group's. */
    public abstract int threads();

    /**
     * The fewest verified round trips any one connection has completed so far; for SELECTOR a lower
     * bound, 1 once its first full round (one round trip on every connection) is done.
     */
    public abstract long minRoundTripsPerConnection();

    /** Connections opened. */
    public int connections() {
        return connections;
    }

    /** Options read back from the first connection (all are tuned alike). */
    public EffectiveOptions options() {
        return options;
    }

    /** Verified round trips completed so far, over all connections. */
    public long roundTrips() {
        return roundTrips.get();
    }

    /** Latencies recorded since the previous call, ns; the caller may reuse the histogram it got last time. */
    public Histogram intervalHistogram(Histogram recycle) {
        return recorder.getIntervalHistogram(recycle);
    }

    /**
     * Waits until {@code n} more round trips than {@code from} have completed (from = a value of
     * {@link #roundTrips()}); the driver that completes the last one wakes the caller.
     *
     * @throws IOException the first error of any driver
     */
    public void awaitRoundTrips(long from, long n) throws IOException {
        long target = from + n;
        waiter = Thread.currentThread();
        wakeAt = target;
        while (roundTrips.get() < target) {
            checkHealthy();
            LockSupport.parkNanos(this, PARK_NANOS);
        }
        wakeAt = Long.MAX_VALUE;
    }

    /** Throws the first error any driver met, if one did. */
    public void checkHealthy() throws IOException {
        Throwable t = failure.get();
        if (t != null) {
            throw new IOException("load of " + connections + " connections failed: " + t, t);
        }
        if (!running) {
            throw new IOException("load of " + connections + " connections was stopped");
        }
    }

    /** Called by a driver after each verified round trip. */
    protected final void completed(long latencyNanos) {
        recorder.recordValue(Math.max(0, Math.min(latencyNanos, MAX_TRACKED_NANOS)));
        if (roundTrips.incrementAndGet() == wakeAt) {
            LockSupport.unpark(waiter);
        }
    }

    /** Called by a driver that cannot go on: keeps the first error and stops everything. */
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
    public void close() throws IOException {
        running = false;
        stop();
    }

    /** Closes every connection; rethrows the first failure after trying them all. */
    static void closeAll(List<? extends ClientConnection> conns) throws IOException {
        IOException first = null;
        for (ClientConnection c : conns) {
            try {
                c.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    static void join(Thread t) {
        try {
            t.join(STOP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            throw new IllegalStateException("load driver " + t.getName() + " did not stop within " + STOP_MILLIS + " ms");
        }
    }

    /** STREAM, CHANNEL and VIRTUAL: a blocking connection and a closed loop on a thread of its own, each. */
    static final class PerConnectionThreads extends ClosedLoop {
        private final ClientModel model;
        private final ThreadFactory factory;
        private final List<ClientConnection> conns = new ArrayList<>();
        private final List<Thread> threads = new ArrayList<>();
        /** Round trips per connection, each slot written only by its driver thread. */
        private AtomicLongArray done;

        PerConnectionThreads(ClientModel model, int connections, ThreadFactory factory) {
            super(connections);
            this.model = model;
            this.factory = factory;
        }

        @Override
        void open(SocketAddress server, SocketTuning tuning, int payloadBytes) throws IOException {
            // VIRTUAL drives java.net.Socket streams, like STREAM, from virtual threads.
            ClientModel connectionModel = model == ClientModel.VIRTUAL ? ClientModel.STREAM : model;
            for (int i = 0; i < connections; i++) {
                conns.add(connectionModel.open(server, tuning));
            }
            options = conns.get(0).options();
            done = new AtomicLongArray(connections);
            List<Request> requests = new ArrayList<>();
            for (ClientConnection c : conns) {
                // CHANNEL sends from a direct buffer, which a SocketChannel writes without a copy.
                Request request = model == ClientModel.CHANNEL ? Request.direct(Kind.ECHO, payloadBytes) : Request.of(Kind.ECHO, payloadBytes);
                // One verified round trip per connection before any loop starts: the server has then
                // accepted and is serving every connection. Otherwise its accept thread competes with
                // up to 2 x 1,024 busy threads on 2 cores and may not accept them all in time.
                c.exchange(request);
                requests.add(request);
            }
            for (int i = 0; i < connections; i++) {
                ClientConnection c = conns.get(i);
                Request request = requests.get(i);
                int slot = i;
                Thread t = factory.newThread(() -> drive(c, request, slot));
                threads.add(t);
                t.start();
            }
        }

        private void drive(ClientConnection c, Request request, int slot) {
            try {
                while (running) {
                    long t0 = System.nanoTime();
                    c.exchange(request);
                    completed(System.nanoTime() - t0);
                    done.lazySet(slot, done.get(slot) + 1);
                }
            } catch (IOException | RuntimeException e) {
                failed(e);
            }
        }

        @Override
        public int threads() {
            return threads.size();
        }

        @Override
        public long minRoundTripsPerConnection() {
            long min = Long.MAX_VALUE;
            for (int i = 0; done != null && i < done.length(); i++) {
                min = Math.min(min, done.get(i));
            }
            return done == null ? 0 : min;
        }

        @Override
        void stop() throws IOException {
            for (Thread t : threads) {
                join(t);
            }
            closeAll(conns);
        }
    }

    /** SELECTOR: all connections on one non-blocking Selector, driven by one platform thread. */
    static final class OneSelector extends ClosedLoop {
        private SelectorClient client;
        private Thread thread;
        /** Full rounds completed, in each of which every connection completed one round trip. */
        private volatile long fullRounds;

        OneSelector(int connections) {
            super(connections);
        }

        @Override
        void open(SocketAddress server, SocketTuning tuning, int payloadBytes) throws IOException {
            client = new SelectorClient(server, tuning, connections, Kind.ECHO, payloadBytes);
            options = client.options();
            thread = platformThreads("load-selector-").newThread(this::drive);
            thread.start();
        }

        private void drive() {
            try {
                // First one full round (a deadline already past: every connection does exactly one round
                // trip), which proves each connection is served; then free running until stopped.
                client.runUntil(System.nanoTime(), this::completed);
                fullRounds = 1;
                client.runWhile(() -> running, this::completed);
            } catch (IOException | RuntimeException e) {
                failed(e);
            }
        }

        @Override
        public int threads() {
            return 1;
        }

        @Override
        public long minRoundTripsPerConnection() {
            return fullRounds;
        }

        @Override
        void stop() throws IOException {
            if (thread != null) {
                join(thread);
            }
            if (client != null) {
                client.close();
            }
        }
    }

    /**
     * ASYNC: AsynchronousSocketChannels in a group of {@link #GROUP_THREADS} threads; each
     * connection's next request starts from the completion handler of its last reply.
     */
    static final class Async extends ClosedLoop {
        /** One group thread per core: completion handlers never block, so more would only contend. */
        static final int GROUP_THREADS = Runtime.getRuntime().availableProcessors();

        private final List<AsyncConnection> conns = new ArrayList<>();
        private final List<Loop> loops = new ArrayList<>();
        private AsynchronousChannelGroup group;
        private CountDownLatch stopped;

        Async(int connections) {
            super(connections);
        }

        @Override
        void open(SocketAddress server, SocketTuning tuning, int payloadBytes) throws IOException {
            group = AsynchronousChannelGroup.withFixedThreadPool(GROUP_THREADS, platformThreads("load-async-"));
            for (int i = 0; i < connections; i++) {
                conns.add(new AsyncConnection(server, tuning, group));
            }
            options = conns.get(0).options();
            stopped = new CountDownLatch(connections);
            for (AsyncConnection c : conns) {
                Loop loop = new Loop(c, Request.direct(Kind.ECHO, payloadBytes));
                loops.add(loop);
                loop.next();
            }
        }

        /** One connection's closed loop: the completion of one exchange starts the next. */
        private final class Loop implements CompletionHandler<Void, Void> {
            final AsyncConnection conn;
            final Request request;
            long sentAt;
            /** Round trips of this connection; handlers of one connection never run concurrently. */
            volatile long done;

            Loop(AsyncConnection conn, Request request) {
                this.conn = conn;
                this.request = request;
            }

            void next() {
                if (!running) {
                    stopped.countDown();
                    return;
                }
                sentAt = System.nanoTime();
                conn.start(request, this);
            }

            @Override
            public void completed(Void v, Void a) {
                Async.this.completed(System.nanoTime() - sentAt);
                done = done + 1; // single writer: this connection's handler
                next();
            }

            @Override
            public void failed(Throwable t, Void a) {
                Async.this.failed(t);
                stopped.countDown();
            }
        }

        @Override
        public int threads() {
            return GROUP_THREADS;
        }

        @Override
        public long minRoundTripsPerConnection() {
            return loops.stream().mapToLong(l -> l.done).min().orElse(0);
        }

        @Override
        void stop() throws IOException {
            try {
                if (stopped != null && !stopped.await(STOP_MILLIS, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException(stopped.getCount() + " async connections did not stop within " + STOP_MILLIS + " ms");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                for (AsyncConnection c : conns) {
                    c.close();
                }
                if (group != null) {
                    group.shutdownNow();
                    try {
                        if (!group.awaitTermination(STOP_MILLIS, TimeUnit.MILLISECONDS)) {
                            throw new IllegalStateException("async channel group did not terminate within " + STOP_MILLIS + " ms");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
    }
}

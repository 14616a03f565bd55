package dev.nettune.client.load;

import dev.nettune.client.ClientConnection;
import dev.nettune.client.ClientModel;
import dev.nettune.socket.SocketTuning;
import dev.nettune.wire.Kind;
import dev.nettune.wire.Request;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An OpenLoop issues requests at a fixed total rate, whatever the replies do (wrk2, Aeron's
 * LoadTestRig): connection i of C sends on its own schedule, one request every C/rate seconds,
 * the schedules staggered evenly. A request's latency counts from its INTENDED send time, so
 * when a reply is late, the requests queued behind it carry the wait (no coordinated omission).
 * Each connection still has one request in flight (the protocol has no pipelining): a connection
 * that falls behind sends its overdue requests back to back until it has caught up.
 *
 * <p>Two histograms: {@link #intervalHistogram} from the intended time (what a user waiting for a
 * request scheduled at that time sees) and {@link #serviceHistogram} from the actual send (what
 * a closed-loop measurement would report). The gap between them is the queueing a closed loop hides.
 * Waiting for the send time uses {@link LockSupport#parkNanos}, which overshoots by the kernel's
 * timer slack: that lateness is counted, as the user would see it. Each connection keeps its own
 * schedule on a thread of its own, so only thread-per-connection models have an open loop.
 */
public final class OpenLoop extends Load {
    /** The first sends are scheduled this far after start(), so that every thread is up. */
    static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final List<ClientConnection> conns;
    private final List<Request> requests;
    private final ThreadFactory factory;
    private final double ratePerSecond;
    private final long intervalNanos;
    private final Recorder service = new Recorder(1, MAX_TRACKED_NANOS, SIGNIFICANT_DIGITS);
    private final List<Thread> threads = new ArrayList<>();

    /**
     * Drives the given connections (one thread each, from {@code factory}) at {@code ratePerSecond}
     * requests per second in total, sending {@code requests.get(i)} on {@code conns.get(i)}.
     * Takes ownership of the connections: {@link #close()} closes them.
     */
    public OpenLoop(List<? extends ClientConnection> conns, List<Request> requests, ThreadFactory factory, double ratePerSecond) {
        super(conns.size());
        if (conns.isEmpty() || requests.size() != conns.size()) {
            throw new IllegalArgumentException(requests.size() + " requests for " + conns.size() + " connections");
        }
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be a positive number of requests per second: " + ratePerSecond);
        }
        this.conns = new ArrayList<>(conns);
        this.requests = new ArrayList<>(requests);
        this.factory = factory;
        this.ratePerSecond = ratePerSecond;
        this.intervalNanos = Math.max(1, Math.round(conns.size() * 1e9 / ratePerSecond));
        options = conns.get(0).options();
    }

    /** Whether {@code model} has an open-loop driver: a thread of its own per connection. */
    public static boolean drives(ClientModel model) {
        return model.hasConnection()
                && (model.driver() == ClientModel.Driver.PLATFORM_THREADS || model.driver() == ClientModel.Driver.VIRTUAL_THREADS);
    }

    /**
     * Opens {@code connections} connections of {@code model} and starts echoes on them at
     * {@code ratePerSecond} in total.
     *
     * @throws IllegalArgumentException for a model without an open-loop driver ({@link #drives})
     */
    public static OpenLoop start(ClientModel model, SocketAddress server, SocketTuning tuning, int connections, int payloadBytes,
                                 double ratePerSecond) throws IOException {
        if (!drives(model)) {
            throw new IllegalArgumentException("client model " + model + " has no open-loop driver; valid: " + ClientModel.valid(OpenLoop::drives));
        }
        List<ClientConnection> conns = new ArrayList<>();
        List<Request> requests = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                conns.add(model.open(server, tuning));
                requests.add(model.request(Kind.ECHO, payloadBytes));
            }
        } catch (IOException | RuntimeException e) {
            closeAll(conns);
            throw e;
        }
        return new OpenLoop(conns, requests, model.threads("open-" + model.name().toLowerCase(Locale.ROOT) + "-"), ratePerSecond).start();
    }

    /** Starts the schedules; returns at once. */
    public OpenLoop start() {
        long start = System.nanoTime() + START_DELAY_NANOS;
        int n = conns.size();
        for (int i = 0; i < n; i++) {
            ClientConnection c = conns.get(i);
            Request r = requests.get(i);
            long first = start + intervalNanos * i / n;
            threads.add(factory.newThread(() -> drive(c, r, first)));
        }
        for (Thread t : threads) {
            t.start();
        }
        return this;
    }

    private void drive(ClientConnection c, Request request, long first) {
        long intended = first;
        try {
            while (running()) {
                long now;
                while ((now = System.nanoTime()) < intended) {
                    LockSupport.parkNanos(intended - now);
                    if (!running()) {
                        return;
                    }
                }
                c.exchange(request);
                long end = System.nanoTime();
                service.recordValue(Math.max(0, Math.min(end - now, MAX_TRACKED_NANOS)));
                completed(end - intended);
                intended += intervalNanos;
            }
        } catch (Throwable t) {
            failed(t);
        }
    }

    /** The total rate requests are scheduled at, per second. */
    public double ratePerSecond() {
        return ratePerSecond;
    }

    /** Latencies from the actual send (what a closed loop would see) since the previous call, ns. */
    public Histogram serviceHistogram(Histogram recycle) {
        return service.getIntervalHistogram(recycle);
    }

    @Override
    public int threads() {
        return threads.size();
    }

    /** Not tracked per connection in an open loop: each follows its own schedule. */
    @Override
    public long minCompletedPerConnection() {
        throw new UnsupportedOperationException("an open loop does not count operations per connection");
    }

    @Override
    protected void stop() throws IOException {
        for (Thread t : threads) {
            LockSupport.unpark(t); // a thread parked until its next send time sees the stop flag now
        }
        try {
            for (Thread t : threads) {
                join(t);
            }
        } finally {
            closeAll(conns);
        }
    }
}

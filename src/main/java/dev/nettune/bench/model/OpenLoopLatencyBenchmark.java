package dev.nettune.bench.model;

import dev.nettune.client.ClientConnection;
import dev.nettune.client.ClientModel;
import dev.nettune.jvm.VirtualThreads;
import dev.nettune.server.ServerModel;
import dev.nettune.socket.SocketTuning;
import dev.nettune.socket.Transport;
import dev.nettune.wire.Kind;
import dev.nettune.wire.Request;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * What latency does each I/O model give at a fixed request rate below its maximum, counted from
 * when each request was DUE rather than when it left? A closed loop (ConnectionScalingBenchmark)
 * sends the next request only after the last reply, so a stall delays the requests behind it
 * without showing in their latency (coordinated omission). Here requests are scheduled at
 * {@code loadPercent}% of the closed-loop maximum that setup measures for the same client model,
 * server model and connections, spread evenly over the connections; latency runs from the intended
 * send time (wrk2's method) and is recorded in an HdrHistogram.
 *
 * <p>Expect: at 50% load the p50 near the closed-loop p50 at low connection counts; the tail
 * (p99, p99.9) higher than the closed loop's, most for thread-per-connection with many threads,
 * where a descheduled thread makes every request due meanwhile wait; {@code serviceP99Us} (from
 * the actual send) is what a closed loop would have reported.
 *
 * <p>Read: primary = round trips/s achieved (should equal {@code offeredPerSecond}: if lower, the
 * model could not keep the rate and the latencies grow with run time). {@code p50Us}..{@code maxUs}
 * (from intended time, lower is better), {@code serviceP*Us}, {@code calibratedMaxPerSecond},
 * CPU and threads as in {@link LoadCounters}. Confounders: the calibration runs ~1.5 s on a busy
 * 2-core machine, so 50% is approximate; parkNanos wakes ~50 µs late (timer slack), and that
 * lateness is counted as latency, as a user would see it.
 *
 * <p>Client models here are those with a thread per connection (STREAM, CHANNEL, VIRTUAL): each
 * thread keeps its own schedule. An open-loop Selector or async driver needs sub-millisecond timers
 * in the event loop and is not implemented.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar OpenLoopLatencyBenchmark -p connections=16}
 */
@State(Scope.Thread)
public class OpenLoopLatencyBenchmark extends LoadBenchmarkBase {
    /** How long the closed-loop calibration warms up, then measures. */
    static final long CALIBRATION_WARMUP_MILLIS = 500;
    static final long CALIBRATION_MILLIS = 1_000;

    /** Client I/O model with a thread per connection: STREAM, CHANNEL or VIRTUAL. */
    @Param({"STREAM", "CHANNEL", "VIRTUAL"})
    public String client;

    /** Server I/O model: a {@link ServerModel} name. */
    @Param({"BLOCKING", "SELECTOR", "VIRTUAL"})
    public String server;

    /** Persistent connections sharing the rate. */
    @Param({"1", "16", "256", "1024"})
    public int connections;

    /** Echo payload per request and per reply, bytes. */
    @Param({"64"})
    public int payload;

    /** Offered rate as a percentage of the closed-loop maximum measured in setup (100+ overloads). */
    @Param({"50"})
    public int loadPercent;

    private double calibratedMax;
    private Histogram serviceInterval;
    private Histogram serviceMeasured;
    private OpenLoopCounters openCounters = new OpenLoopCounters();

    /** Waits until the open loop has completed {@value LoadBenchmarkBase#BATCH} more round trips. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void roundTrips(LoadCounters counters, OpenLoopCounters open) throws IOException {
        this.openCounters = open;
        awaitBatch(counters);
    }

    @Override
    protected LoadGenerator startLoad(BenchmarkParams params) throws IOException {
        ClientModel model = clientModel();
        if (loadPercent < 1 || loadPercent > 1000) {
            throw new IllegalArgumentException("@Param loadPercent must be 1..1000, got " + loadPercent);
        }
        SocketTuning tuning = ModelPoint.tuning(transportModel());
        try (LoadGenerator calibration = LoadGenerator.closedLoop(model, echoServer.address(), tuning, connections, payload)) {
            sleep(CALIBRATION_WARMUP_MILLIS);
            long n0 = calibration.roundTrips();
            long t0 = System.nanoTime();
            sleep(CALIBRATION_MILLIS);
            calibration.checkHealthy();
            calibratedMax = (calibration.roundTrips() - n0) * 1e9 / (System.nanoTime() - t0);
        }
        double rate = calibratedMax * loadPercent / 100.0;
        System.out.printf("nettune: open loop at %d%% of %.0f round trips/s = %.0f/s over %d connections%n",
                loadPercent, calibratedMax, rate, connections);
        List<ClientConnection> conns = new ArrayList<>();
        List<Request> requests = new ArrayList<>();
        ClientModel connectionModel = model == ClientModel.VIRTUAL ? ClientModel.STREAM : model;
        try {
            for (int i = 0; i < connections; i++) {
                conns.add(connectionModel.open(echoServer.address(), tuning));
                requests.add(model == ClientModel.CHANNEL ? Request.direct(Kind.ECHO, payload) : Request.of(Kind.ECHO, payload));
            }
        } catch (IOException | RuntimeException e) {
            for (ClientConnection c : conns) {
                c.close();
            }
            throw e;
        }
        ThreadFactory threads = model == ClientModel.VIRTUAL ? VirtualThreads.factory("open-virtual-")
                : LoadGenerator.platformThreads("open-" + model.name().toLowerCase() + "-");
        return new OpenLoop(conns, requests, threads, rate).start();
    }

    private static void sleep(long millis) throws IOException {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calibrating", e);
        }
    }

    @Override
    protected void beginMeasurement() {
        serviceInterval = ((OpenLoop) load).serviceHistogram(serviceInterval); // drops the warmup's
        serviceMeasured = new Histogram(LoadGenerator.MAX_TRACKED_NANOS, LoadGenerator.SIGNIFICANT_DIGITS);
    }

    @Override
    protected void endInterval() {
        serviceInterval = ((OpenLoop) load).serviceHistogram(serviceInterval);
        serviceMeasured.add(serviceInterval);
    }

    @Override
    protected void reportExtra(long measuredRoundTrips) {
        openCounters.report(((OpenLoop) load).ratePerSecond(), calibratedMax, serviceMeasured, forkShare);
    }

    @Override
    protected ClientModel clientModel() {
        ClientModel m = ClientModel.parse(client);
        if (m != ClientModel.STREAM && m != ClientModel.CHANNEL && m != ClientModel.VIRTUAL) {
            throw new IllegalArgumentException("@Param client '" + client + "' has no open-loop driver here; valid: [STREAM, CHANNEL, VIRTUAL]");
        }
        return m;
    }

    @Override
    protected ServerModel serverModel() {
        return ServerModel.parse(server);
    }

    @Override
    protected Transport transportModel() {
        return Transport.TCP;
    }

    @Override
    protected int connectionCount() {
        return connections;
    }

    @Override
    protected int payloadBytes() {
        return payload;
    }
}

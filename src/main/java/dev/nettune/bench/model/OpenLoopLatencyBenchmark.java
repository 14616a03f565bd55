package dev.nettune.bench.model;

import dev.nettune.client.ClientModel;
import dev.nettune.client.load.Load;
import dev.nettune.client.load.OpenLoop;
import dev.nettune.server.ServerModel;
import dev.nettune.socket.SocketTuning;
import dev.nettune.socket.Transport;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;
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
 * CPU and threads as in {@link LoadCounters}. Confounders: the calibration is short and shares
 * the machine, so 50% is approximate; parkNanos wakes late by the kernel's timer slack, and that
 * lateness is counted as latency, as a user would see it.
 *
 * <p>Client models here are those with a thread per connection (STREAM, CHANNEL, VIRTUAL): each
 * thread keeps its own schedule ({@link OpenLoop}). An open-loop Selector or async driver needs
 * sub-millisecond timers in the event loop and is not implemented: those points are skipped,
 * saying so.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar OpenLoopLatencyBenchmark -p connections=16}; at scale, the server in
 * a JVM of its own: {@code -p client=VIRTUAL -p connections=10000 -p placement=process}.
 */
@State(Scope.Thread)
public class OpenLoopLatencyBenchmark extends LoadBenchmarkBase {
    /** How long the closed-loop calibration warms up, then measures. */
    static final long CALIBRATION_WARMUP_MILLIS = 500;
    static final long CALIBRATION_MILLIS = 1_000;

    /** Client I/O model: every {@link ClientModel}; those without an open-loop driver are skipped with the reason. */
    @Param
    public ClientModel client;

    /** Server I/O model: every {@link ServerModel}. */
    @Param
    public ServerModel server;

    /** Persistent connections sharing the rate (10,000 only with the server apart: two descriptors each in one process exceed ulimit -n here). */
    @Param({"1", "16", "256", "1024", "10000"})
    public int connections;

    /** Echo payload per request and per reply, bytes. */
    @Param({"64"})
    public int payload;

    /** Offered rate as a percentage of the closed-loop maximum measured in setup (100+ overloads). */
    @Param({"50"})
    public int loadPercent;

    /** Where the server runs: {@code inprocess}, {@code process}, {@code netns[:rate=R]}, {@code remote=HOST:PORT} ({@link dev.nettune.bench.ServerPlacement}). */
    @Param({"inprocess"})
    public String placement;

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
    protected String unavailableReason() {
        if (!OpenLoop.drives(client)) {
            return "client model " + client + " has no open-loop driver (each connection keeps its schedule on a thread of its own); valid: "
                    + ClientModel.valid(OpenLoop::drives);
        }
        return super.unavailableReason();
    }

    /** The set-up first measures a closed loop on connections it then closes: its time is not what connections cost. */
    @Override
    protected boolean measuresSetUp() {
        return false;
    }

    @Override
    protected Load startLoad(BenchmarkParams params) throws IOException {
        if (loadPercent < 1 || loadPercent > 1000) {
            throw new IllegalArgumentException("@Param loadPercent must be 1..1000, got " + loadPercent);
        }
        SocketTuning tuning = ModelPoint.tuning(Transport.TCP);
        try (Load calibration = Load.closedLoop(client, echoServer.address(), tuning, connections, payload)) {
            sleep(CALIBRATION_WARMUP_MILLIS);
            long n0 = calibration.completed();
            long t0 = System.nanoTime();
            sleep(CALIBRATION_MILLIS);
            calibration.checkHealthy();
            calibratedMax = (calibration.completed() - n0) * 1e9 / (System.nanoTime() - t0);
        }
        double rate = calibratedMax * loadPercent / 100.0;
        System.out.printf("nettune: open loop at %d%% of %.0f round trips/s = %.0f/s over %d connections%n",
                loadPercent, calibratedMax, rate, connections);
        return OpenLoop.start(client, echoServer.address(), tuning, connections, payload, rate);
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
        serviceMeasured = new Histogram(Load.MAX_TRACKED_NANOS, Load.SIGNIFICANT_DIGITS);
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
    protected String placement() {
        return placement;
    }

    @Override
    protected Point point() {
        return new Point(client, server, Transport.TCP, connections, payload);
    }
}

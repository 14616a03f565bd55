package dev.nettune.bench.model;

import dev.nettune.bench.BenchDefaults;
import dev.nettune.bench.Skip;
import dev.nettune.client.ClientModel;
import dev.nettune.server.Server;
import dev.nettune.server.ServerModel;
import dev.nettune.socket.Transport;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * ClosedLoopBenchmarkBase runs a {@link ClosedLoopLoad} of C connections of one client model
 * against one server model and counts verified round trips. The load's own threads drive the
 * connections without pause for the whole trial; JMH's thread only waits: one {@link #roundTrips}
 * invocation returns when {@value #BATCH} more round trips have completed on any connections, and
 * {@code @OperationsPerInvocation(BATCH)} makes the primary score round trips per second, aggregated
 * over all connections. Secondary results are in {@link LoadCounters}.
 *
 * <p>Subclasses declare the @Param grid and answer one question each.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = BenchDefaults.WARMUP_ITERATIONS, time = BenchDefaults.WARMUP_SECONDS)
@Measurement(iterations = BenchDefaults.MEASUREMENT_ITERATIONS, time = BenchDefaults.MEASUREMENT_SECONDS)
@Fork(value = BenchDefaults.FORKS, jvmArgsAppend = {BenchDefaults.HEAP, BenchDefaults.HEAP_MIN})
public abstract class ClosedLoopBenchmarkBase {
    /**
     * Round trips per invocation: enough that waking JMH's thread once per batch costs nothing
     * next to the round trips, few enough that a 1 s iteration holds many batches (≥ 10 at 10k/s).
     */
    public static final int BATCH = 1024;
    /** How long setup waits for the server to see every connection. */
    static final long ACCEPT_WAIT_MILLIS = 30_000;

    private Server server;
    private ClosedLoopLoad load;
    private Histogram interval;
    private Histogram measured;
    private long roundTrips0;
    private long cpu0;
    private long alloc0;
    private boolean reporting;
    private boolean measuring;
    private int measurementIterationsSeen;
    /** JMH's counters for this thread, known from the first invocation on. */
    private LoadCounters counters = new LoadCounters();

    protected abstract ClientModel clientModel();

    protected abstract ServerModel serverModel();

    protected abstract Transport transportModel();

    protected abstract int connectionCount();

    protected abstract int payloadBytes();

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws IOException, InterruptedException {
        ClientModel client = clientModel();
        ServerModel serverModel = serverModel();
        Transport transport = transportModel();
        int connections = ModelPoint.positive("connections", connectionCount());
        if (payloadBytes() < 0) {
            throw new IllegalArgumentException("@Param payload must be >= 0, got " + payloadBytes());
        }
        Skip.ifUnavailable(params, ModelPoint.unavailableReason(client, serverModel, transport, connections));
        server = ModelPoint.startServer(params, serverModel, transport);
        load = ClosedLoopLoad.start(client, server.address(), ModelPoint.tuning(transport), connections, payloadBytes());
        long deadline = System.currentTimeMillis() + ACCEPT_WAIT_MILLIS;
        while (server.stats().open() < connections) {
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("server saw " + server.stats().open() + " of " + connections + " connections after " + ACCEPT_WAIT_MILLIS + " ms");
            }
            Thread.sleep(1);
        }
        ModelPoint.recordConnected(params, transport, server, load.options());
        interval = null;
        measured = new Histogram(ClosedLoopLoad.MAX_TRACKED_NANOS, ClosedLoopLoad.SIGNIFICANT_DIGITS);
    }

    @Setup(Level.Iteration)
    public void beginIteration(IterationParams params) throws IOException {
        load.checkHealthy();
        counters.clear();
        boolean firstMeasurement = false;
        if (params.getType() == IterationType.MEASUREMENT) {
            measurementIterationsSeen++;
            firstMeasurement = measurementIterationsSeen == 1;
        }
        measuring = measurementIterationsSeen > 0;
        reporting = measuring && measurementIterationsSeen == params.getCount();
        if (firstMeasurement) {
            interval = load.intervalHistogram(interval); // drops the warmup's latencies
            measured.reset();
            roundTrips0 = load.roundTrips();
            cpu0 = ProcessProbe.cpuNanos();
            alloc0 = ProcessProbe.allocatedBytes();
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void roundTrips(LoadCounters counters) throws IOException {
        this.counters = counters; // JMH reads the counters after the iteration's @TearDown, which fills them
        load.awaitRoundTrips(load.roundTrips(), BATCH);
    }

    @TearDown(Level.Iteration)
    public void endIteration() throws IOException {
        load.checkHealthy();
        if (!measuring) {
            return;
        }
        interval = load.intervalHistogram(interval);
        measured.add(interval);
        if (reporting) {
            long alloc = ProcessProbe.allocatedBytes();
            counters.report(measured, load.roundTrips() - roundTrips0, ProcessProbe.cpuNanos() - cpu0,
                    alloc < 0 || alloc0 < 0 ? -1 : alloc - alloc0, load.threads(), server.threadCount());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try {
            if (load != null) {
                load.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }
}

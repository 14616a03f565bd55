package dev.nettune.bench.model;

import dev.nettune.bench.AbstractBenchmark;
import dev.nettune.bench.SkipPoint;
import dev.nettune.client.ClientModel;
import dev.nettune.client.load.Load;
import dev.nettune.host.ProcessProbe;
import dev.nettune.placement.Placement;
import dev.nettune.server.Server;
import dev.nettune.server.ServerModel;
import dev.nettune.server.Teardown;
import dev.nettune.socket.Transport;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.io.IOException;

/**
 * LoadBenchmarkBase runs a {@link Load} of C connections against one server model and counts
 * verified round trips. The load's own threads drive the connections for the whole trial;
 * JMH's thread only waits: one invocation of a subclass's benchmark method ({@link #awaitBatch})
 * returns when {@value #BATCH} more round trips have completed on any connections, and
 * {@code @OperationsPerInvocation(BATCH)} makes the primary score round trips per second over all
 * connections. Secondary results go to {@link LoadCounters}, over the whole measurement.
 *
 * <p>Subclasses declare the @Param grid, say which point it is ({@link #point()}: models, transport,
 * connections, payload), and may start another kind of load ({@link #startLoad}).
 */
public abstract class LoadBenchmarkBase extends AbstractBenchmark {
    /**
     * Round trips per invocation: enough that waking JMH's thread once per batch costs nothing
     * next to the round trips, few enough that a 1 s iteration holds several batches (10 at 10k/s).
     */
    public static final int BATCH = 1024;
    /** How long setup waits for the server to see every connection, at least. */
    static final long ACCEPT_WAIT_MILLIS = 30_000;
    /** And per connection beyond that: thread-per-connection models start a thread for each (tens of µs, more on a loaded machine). */
    static final long ACCEPT_WAIT_MILLIS_PER_CONNECTION = 5;

    protected Server echoServer;
    protected Load load;
    /** Memory, threads and descriptors of each side before and after the connections were set up. */
    private ScaleReadings scale;
    private Histogram interval;
    private Histogram measured;
    private long roundTrips0;
    /** 1 / forks: JMH sums counters over forks, so each fork reports its share (see {@link LoadCounters}). */
    protected double forkShare = 1;
    private long cpu0;
    private long serverCpu0;
    private long alloc0;
    private boolean measuring;
    private boolean reporting;
    private int measurementIterationsSeen;
    /** Whether set-up and teardown print their durations (from {@link ScaleReadings#MEMORY_FROM_CONNECTIONS} connections). */
    private boolean phases;
    /** JMH's counters for this thread, known from the first invocation on (JMH zeroes them per iteration). */
    private LoadCounters counters = new LoadCounters();

    /** One point of a load benchmark's grid, as the subclass's @Param fields say. */
    protected record Point(ClientModel client, ServerModel server, Transport transport, int connections, int payload) {
    }

    /** This trial's point, from the subclass's @Param fields. */
    protected abstract Point point();

    /** Starts the load against the running {@link #echoServer}; by default C closed loops of the client model. */
    protected Load startLoad(BenchmarkParams params) throws IOException {
        Point p = point();
        return Load.closedLoop(p.client(), echoServer.address(), ModelPoint.tuning(p.transport()), p.connections(), p.payload());
    }

    /** Where the server runs ({@link dev.nettune.bench.ServerPlacement}): in process unless a subclass takes a placement @Param. */
    protected String placement() {
        return Placement.INPROCESS;
    }

    /** Why this point cannot run here, or null: by default what {@link ModelPoint#unavailableReason} says. */
    protected String unavailableReason() {
        Point p = point();
        return ModelPoint.unavailableReason(p.client(), p.server(), p.transport(), p.connections(), placement());
    }

    /**
     * Whether {@link #startLoad} only opens the connections, so that its time and the memory it adds
     * are what the connections cost ({@link ScaleReadings}); false for a load that does more first.
     */
    protected boolean measuresSetUp() {
        return true;
    }

    /** Called as the last measurement iteration ends, to report what the subclass adds. */
    protected void reportExtra(long measuredRoundTrips) {
    }

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws IOException, InterruptedException {
        Point point = point();
        ServerModel serverModel = point.server();
        Transport transport = point.transport();
        int connections = ModelPoint.positive("connections", point.connections());
        if (point.payload() < 0) {
            throw new IllegalArgumentException("@Param payload must be >= 0, got " + point.payload());
        }
        SkipPoint.ifUnavailable(params, unavailableReason());
        forkShare = 1.0 / Math.max(1, params.getForks()); // forks = 0 runs in JMH's own JVM: one "fork"
        echoServer = ModelPoint.startServer(params, serverModel, transport, placement());
        int readConnections = measuresSetUp() ? connections : 0; // 0: no set-up readings (NaN)
        scale = ScaleReadings.before(echoServer, readConnections);
        long t0 = System.nanoTime();
        try {
            load = startLoad(params);
        } catch (OutOfMemoryError e) {
            // a thread per connection ran out of native threads or memory: a limit of this point here, said, not a failure
            Teardown.close(echoServer);
            echoServer = null;
            SkipPoint.ifUnavailable(params, "client model " + point.client() + " could not hold " + connections + " connections here: "
                    + e.getMessage() + " (" + ProcessProbe.liveThreads() + " live threads)");
            throw e;
        }
        long deadline = System.currentTimeMillis() + ACCEPT_WAIT_MILLIS + ACCEPT_WAIT_MILLIS_PER_CONNECTION * connections;
        while (echoServer.stats().open() < connections) {
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("server saw " + echoServer.stats().open() + " of " + connections + " connections after "
                        + (System.currentTimeMillis() - deadline + ACCEPT_WAIT_MILLIS + ACCEPT_WAIT_MILLIS_PER_CONNECTION * connections) + " ms");
            }
            Thread.sleep(1);
        }
        long setUp = System.nanoTime() - t0;
        scale = scale.connected(readConnections, readConnections == 0 ? 0 : setUp);
        ModelPoint.recordConnected(params, transport, echoServer, load.options());
        measured = new Histogram(Load.MAX_TRACKED_NANOS, Load.SIGNIFICANT_DIGITS);
        if (connections >= ScaleReadings.MEMORY_FROM_CONNECTIONS) {
            // at scale a fork's time outside its iterations is most of its cost: say where it goes (docs/evidence/scale/setup.md)
            phases = true;
            System.out.printf("nettune scale: %d connections set up in %.2f s, then readings in %.2f s%n", connections, setUp / 1e9,
                    (System.nanoTime() - t0 - setUp) / 1e9);
        }
    }

    @Setup(Level.Iteration)
    public void beginIteration(IterationParams params) throws IOException {
        load.checkHealthy();
        boolean first = false;
        if (params.getType() == IterationType.MEASUREMENT) {
            measurementIterationsSeen++;
            first = measurementIterationsSeen == 1;
        }
        measuring = measurementIterationsSeen > 0;
        reporting = measuring && measurementIterationsSeen == params.getCount();
        // Every iteration, warm-up too, swaps the recorder's histograms (here and as it ends): each swap
        // flips the phase that the drivers' recordValue branches on, so warm-up must flip it as measurement
        // does. Flipped first at measurement, it deoptimised the drivers' compiled loop there, and the
        // recompilation's CPU time changed where the scheduler ran client and server (docs/steady-state.md).
        interval = load.intervalHistogram(interval); // the first measurement iteration drops the warm-up's latencies
        if (first) {
            measured.reset();
            beginMeasurement();
            roundTrips0 = load.completed();
            cpu0 = ProcessProbe.cpuNanos();
            serverCpu0 = echoServer.cpuNanos();
            alloc0 = ProcessProbe.allocatedBytes();
        }
    }

    /** Called as the first measurement iteration begins, for subclasses that keep more histograms. */
    protected void beginMeasurement() {
    }

    /** The body of a subclass's @Benchmark method: waits for {@value #BATCH} more verified round trips. */
    protected final void awaitBatch(LoadCounters counters) throws IOException {
        this.counters = counters; // JMH builds its results from the counters after the iteration's @TearDown, which fills them
        load.awaitCompleted(load.completed() + BATCH);
    }

    @TearDown(Level.Iteration)
    public void endIteration() throws IOException {
        load.checkHealthy();
        interval = load.intervalHistogram(interval);
        if (!measuring) {
            return;
        }
        measured.add(interval);
        endInterval();
        if (reporting) {
            long alloc = ProcessProbe.allocatedBytes();
            long roundTrips = load.completed() - roundTrips0;
            long serverCpu = echoServer.cpuNanos();
            counters.report(measured, roundTrips, ProcessProbe.cpuNanos() - cpu0,
                    serverCpu < 0 || serverCpu0 < 0 ? -1 : serverCpu - serverCpu0,
                    alloc < 0 || alloc0 < 0 ? -1 : alloc - alloc0, load.threads(), echoServer.threadCount(), forkShare);
            counters.reportScale(scale, forkShare);
            reportExtra(roundTrips);
        }
    }

    /** Called at the end of each measurement iteration, for subclasses that keep more histograms. */
    protected void endInterval() {
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        long t0 = System.nanoTime();
        try {
            Teardown.close(echoServer, load);
        } finally {
            if (phases) {
                System.out.printf("nettune scale: load and server closed in %.2f s%n", (System.nanoTime() - t0) / 1e9);
            }
        }
    }
}

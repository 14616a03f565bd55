package dev.nettune.bench.model;

import dev.nettune.host.ProcessProbe;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * LoadCounters are the secondary results of the I/O-model benchmarks whose load runs on threads
 * other than JMH's: latency percentiles from the load generator's HdrHistogram, CPU and allocation
 * per round trip, threads and resident memory.
 *
 * <p>How to read them: JMH sums {@code EVENTS} counters over iterations, which suits counts but not
 * percentiles. So every counter is 0 in all iterations but the last measurement iteration, where it
 * holds the value over the WHOLE measurement (all measured round trips, all measured CPU time): the
 * score JMH prints is then exactly that value, and the per-iteration raw data reads {@code 0, ..., value}.
 * JMH also sums over forks, so with F forks each fork reports value / F ({@code forkShare}): the
 * score is the mean over forks, and a fork's raw value times F is that fork's own.
 * Units are in the names: µs, ns, bytes, MiB, threads.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class LoadCounters {
    /** Round-trip latency percentiles over the measurement, µs (lower is better). */
    public double p50Us;
    public double p90Us;
    public double p99Us;
    public double p999Us;
    public double maxUs;
    /** Process CPU time (all threads: client, server, JMH) over measured round trips, ns: netperf's service demand. */
    public double cpuNsPerRoundTrip;
    /**
     * CPU time of the server's own threads over measured round trips, ns: the server's share of
     * cpuNsPerRoundTrip, so its cost can be told from the client's on shared cores. NaN for the
     * virtual-thread server in process (the JVM does not split CPU time out per virtual thread). A server
     * in a JVM of its own is read whole from /proc: its JIT and GC threads count too.
     */
    public double serverCpuNsPerRoundTrip;
    /** Bytes allocated by all live platform threads over measured round trips (virtual threads count on their carriers). */
    public double allocBytesPerRoundTrip;
    /** Threads the client model runs (platform or virtual), and threads the server runs now, NaN when a server JVM did not say in time (doubles: a fork reports its share). */
    public double clientThreads;
    public double serverThreads;
    /** Live platform threads of the whole JVM at the end of the measurement. */
    public double jvmThreads;
    /** Resident memory of the process at the end of the measurement, MiB. */
    public double rssMiB;
    /** Connections set up per second as the trial began (connect here and accept on the server together; {@link ScaleReadings}). */
    public double connectsPerSecond;
    /** This JVM's resident growth per connection over the set-up, bytes (both sides' when the server is in process). */
    public double bytesPerConnection;
    /** This JVM's live heap growth (after a full collection) per connection over the set-up, bytes. */
    public double heapBytesPerConnection;
    /** The server JVM's resident growth per connection over the set-up, bytes; NaN when the server is in process. */
    public double serverBytesPerConnection;
    /** The server JVM's resident memory at the end of the measurement, MiB; NaN when the server is in process. */
    public double serverRssMiB;
    /** The server JVM's threads (the kernel's count) at the end of the measurement; NaN when the server is in process. */
    public double serverProcessThreads;

    /** Fills every counter with its whole-measurement value times {@code forkShare} (1 / forks). */
    void report(Histogram latencyNanos, long roundTrips, long cpuNanos, long serverCpuNanos, long allocatedBytes, int client, int server,
                double forkShare) {
        p50Us = forkShare * micros(latencyNanos.getValueAtPercentile(50));
        p90Us = forkShare * micros(latencyNanos.getValueAtPercentile(90));
        p99Us = forkShare * micros(latencyNanos.getValueAtPercentile(99));
        p999Us = forkShare * micros(latencyNanos.getValueAtPercentile(99.9));
        maxUs = forkShare * micros(latencyNanos.getMaxValue());
        cpuNsPerRoundTrip = roundTrips == 0 ? Double.NaN : forkShare * cpuNanos / roundTrips;
        serverCpuNsPerRoundTrip = roundTrips == 0 || serverCpuNanos < 0 ? Double.NaN : forkShare * serverCpuNanos / roundTrips;
        allocBytesPerRoundTrip = roundTrips == 0 || allocatedBytes < 0 ? Double.NaN : forkShare * allocatedBytes / roundTrips;
        clientThreads = forkShare * client;
        serverThreads = server < 0 ? Double.NaN : forkShare * server;
        jvmThreads = forkShare * ProcessProbe.liveThreads();
        long rss = ProcessProbe.residentBytes();
        rssMiB = rss < 0 ? Double.NaN : forkShare * rss / (1024.0 * 1024.0);
    }

    /** Fills the set-up's costs ({@link ScaleReadings}) and the server JVM's memory and threads now, times {@code forkShare}. */
    void reportScale(ScaleReadings s, double forkShare) {
        connectsPerSecond = forkShare * s.connectsPerSecond();
        bytesPerConnection = forkShare * s.bytesPerConnection();
        heapBytesPerConnection = forkShare * s.heapBytesPerConnection();
        serverBytesPerConnection = forkShare * s.serverBytesPerConnection();
        long rss = s.serverRssNow();
        serverRssMiB = rss < 0 ? Double.NaN : forkShare * rss / (1024.0 * 1024.0);
        long threads = s.serverProcessThreadsNow();
        serverProcessThreads = threads < 0 ? Double.NaN : forkShare * threads;
    }

    /** Zeroes every counter: called as each iteration begins. */
    void clear() {
        p50Us = p90Us = p99Us = p999Us = maxUs = 0;
        connectsPerSecond = bytesPerConnection = heapBytesPerConnection = serverBytesPerConnection = serverRssMiB = 0;
        serverProcessThreads = 0;
        cpuNsPerRoundTrip = serverCpuNsPerRoundTrip = allocBytesPerRoundTrip = rssMiB = 0;
        clientThreads = serverThreads = jvmThreads = 0;
    }

    private static double micros(long nanos) {
        return nanos / 1000.0;
    }
}

package dev.nettune.bench.model;

import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * OpenLoopCounters are what an open-loop point adds to {@link LoadCounters}: the rate offered, the
 * closed-loop maximum it was derived from, and the latency percentiles measured from the ACTUAL send
 * (service time, what a closed loop would report) beside {@link LoadCounters}' percentiles from the
 * INTENDED send. Like LoadCounters, they hold whole-measurement values in the last measurement
 * iteration and 0 before (JMH sums EVENTS counters over iterations), times 1 / forks (JMH sums over forks too).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class OpenLoopCounters {
    /** Requests per second scheduled, over all connections. */
    public double offeredPerSecond;
    /** Closed-loop round trips per second measured in setup, the 100% that loadPercent refers to. */
    public double calibratedMaxPerSecond;
    /** Latency from the actual send, µs. */
    public double serviceP50Us;
    public double serviceP99Us;
    public double serviceP999Us;

    void report(double offered, double calibratedMax, Histogram service, double forkShare) {
        offeredPerSecond = forkShare * offered;
        calibratedMaxPerSecond = forkShare * calibratedMax;
        serviceP50Us = forkShare * service.getValueAtPercentile(50) / 1000.0;
        serviceP99Us = forkShare * service.getValueAtPercentile(99) / 1000.0;
        serviceP999Us = forkShare * service.getValueAtPercentile(99.9) / 1000.0;
    }
}

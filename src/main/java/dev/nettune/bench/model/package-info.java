/**
 * Package model provides the I/O-model family: blocking streams, blocking channels, one Selector,
 * NIO.2 async and virtual threads, from 1 to 1,024+ persistent connections, request/response echo
 * with every reply verified (netperf TCP_RR, sockperf ping-pong). Its stance: report what the
 * whole process pays — round trips/s, latency percentiles, CPU and bytes per round trip, threads —
 * and let the crossover show in the numbers.
 * <ul>
 *   <li>{@link dev.nettune.bench.model.ConnectionScalingBenchmark}: closed-loop round trips/s per
 *       client × server model × connections (× payload × transport);</li>
 *   <li>{@link dev.nettune.bench.model.SingleConnectionLatencyBenchmark}: JMH SampleTime of one
 *       round trip on one connection, per model;</li>
 *   <li>{@link dev.nettune.bench.model.OpenLoopLatencyBenchmark}: fixed-rate load, latency from
 *       the intended send time (no coordinated omission).</li>
 * </ul>
 * Load generation lives in {@link dev.nettune.client.load} (closed loops on each model's own
 * threads, and the open loop); every driver records HdrHistograms. Secondary
 * results ({@link dev.nettune.bench.model.LoadCounters}, {@link dev.nettune.bench.model.OpenLoopCounters})
 * are JMH EVENTS counters that carry their whole-measurement value in the LAST measurement
 * iteration only (0 in the others), because JMH sums EVENTS counters over iterations; and with F
 * forks each fork reports value / F, because JMH sums over forks too. Read the score.
 */
package dev.nettune.bench.model;

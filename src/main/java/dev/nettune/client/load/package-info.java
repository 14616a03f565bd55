/**
 * Package load provides the load drivers: traffic that runs on its own threads while a benchmark
 * thread only waits for completions. {@link dev.nettune.client.load.Load} holds what they share — one
 * latency recorder, one rule that the first failure stops everything, one parked waiter — and
 * each driver is one class:
 * <ul>
 *   <li>{@link dev.nettune.client.load.ThreadLoad}: an {@link dev.nettune.client.load.Operation}
 *       closed-loop on a thread of its own, platform or virtual (thread-per-connection models, and
 *       the connection-reuse {@link dev.nettune.client.load.Workloads});</li>
 *   <li>{@code SelectorLoad} and {@code AsyncLoad}: the SELECTOR and ASYNC models;</li>
 *   <li>{@link dev.nettune.client.load.OpenLoop}: requests at a fixed rate, latency from the intended send time;</li>
 *   <li>{@link dev.nettune.client.load.CallerConnection}: one connection driven from the caller's thread.</li>
 * </ul>
 * {@link dev.nettune.client.load.Load#closedLoop} picks the driver a
 * {@link dev.nettune.client.ClientModel} names; {@link dev.nettune.client.load.Completions} hands
 * completions to a JMH thread one at a time.
 */
package dev.nettune.client.load;

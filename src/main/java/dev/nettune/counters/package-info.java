/**
 * Package counters provides the per-operation counters of a fork that say why two JVMs differ:
 * syscalls by name, context switches, CPU, allocation. Its stance: JMH's own profilers first
 * ({@code perfnorm} with Linux tracepoints, {@code gc}), so the counts land in JMH's JSON as secondary
 * metrics that any tool reads; a /proc profiler where perf or tracefs is missing; and a missing
 * counter always comes with its reason, never as a silent zero.
 *
 * <p>Steps: {@link dev.nettune.counters.CounterProbe} finds what this host can count
 * ({@link dev.nettune.counters.CounterAvailability}, which adds the profilers to a fork's options);
 * {@link dev.nettune.counters.CounterSet} names the perf events;
 * {@link dev.nettune.counters.ProcCountersProfiler} is the fallback run inside the fork; and
 * {@link dev.nettune.counters.CounterReader} takes the counters back out of the JSON per fork, under
 * the names of {@link dev.nettune.counters.CounterNames}. It uses nothing of nettune.
 */
package dev.nettune.counters;

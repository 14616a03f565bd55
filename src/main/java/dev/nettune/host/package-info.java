/**
 * Package host provides readings of this machine and this JVM process, from Linux's /proc and the
 * JVM's management beans: what the process costs ({@link dev.nettune.host.ProcessProbe}: descriptors,
 * CPU, allocation, threads, resident memory) and the TCP sockets in TIME_WAIT with the
 * ephemeral-port settings ({@link dev.nettune.host.TimeWait}). Its stance: a reading that cannot be
 * had here (not Linux, no /proc) is -1 or "unknown", never an exception, so a benchmark that
 * reports it still runs; callers read between iterations, never on a measured path.
 *
 * <p>Benchmarks ({@code bench}), the placement of forks ({@code placement}), the runner and explain
 * (a pinned fork's launcher, {@link dev.nettune.host.Launchers}) and tests use it; it
 * uses nothing of nettune but {@code socket}'s sysctl reader and {@code counters}' /proc stat parser.
 */
package dev.nettune.host;

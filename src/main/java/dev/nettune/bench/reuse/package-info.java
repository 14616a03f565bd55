/**
 * Package reuse provides the connection-reuse family: what a persistent connection saves over
 * connect-per-request (netperf TCP_RR vs TCP_CRR vs TCP_CC), what a connection pool costs next to
 * a dedicated connection, and what the seed's "pool" — a ThreadPoolExecutor whose tasks each open
 * a connection — costs. {@link dev.nettune.bench.reuse.ConnectionReuseBenchmark} is the one
 * benchmark; the workloads and the T client threads that run them live in
 * {@link dev.nettune.client.load}; {@link dev.nettune.host.TimeWait} reads TIME_WAIT sockets and the
 * ephemeral-port settings; {@link dev.nettune.bench.reuse.ReuseLog} writes them beside the results.
 * Stance: a run that runs out of ports or stalls stops with a message; it never reports a lower score.
 */
package dev.nettune.bench.reuse;

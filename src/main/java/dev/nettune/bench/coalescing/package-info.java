/**
 * Package coalescing provides the buffer-coalescing benchmarks: how an application message of K
 * parts reaches the socket — one write per part, through a BufferedOutputStream, copied into one
 * ByteBuffer, or gathered with writev — and what Nagle's algorithm does to each.
 *
 * <p>{@link dev.nettune.client.coalescing.PartsClient} holds the strategies and verifies every ack;
 * {@link dev.nettune.bench.coalescing.CoalescingState} the shared server and parameters.
 * Benchmarks: {@link dev.nettune.bench.coalescing.CoalescingBenchmark} (TCP_NODELAY on, one message
 * per round trip), {@link dev.nettune.bench.coalescing.NagleBenchmark} (TCP_NODELAY on/off, latency)
 * and {@link dev.nettune.bench.coalescing.PipelinedCoalescingBenchmark} (16 messages in flight).
 *
 * <p>Stance: the write count per message is a result, not an assumption — every benchmark reports
 * {@code writes} and {@code messages}, which a short {@code strace -f -c -e trace=write,writev} run
 * of a fork can confirm (one more writev than counted: setup's message).
 */
package dev.nettune.bench.coalescing;

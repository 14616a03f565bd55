/**
 * Package buffers provides the socket-buffer family: what SO_SNDBUF, SO_RCVBUF, the write size and
 * the client's I/O path do to bulk loopback throughput and to large-message latency, with the
 * requested, Java-read-back and kernel sizes recorded for every point.
 *
 * <p>{@link dev.nettune.bench.buffers.SocketBufferStreamBenchmark} (sndBuf × rcvBuf × writeSize),
 * {@link dev.nettune.bench.buffers.StreamIoPathBenchmark} (byte[] vs heap vs direct across the
 * 128 KiB copy cap) and {@link dev.nettune.bench.buffers.LargeEchoBenchmark} (64/256 KiB echo
 * latency vs SO_SNDBUF) share one verified stream sender ({@link dev.nettune.client.bulk.BulkStream}),
 * one receiver set-up ({@code StreamFixture}) and a {@link dev.nettune.client.bulk.StallWatchdog}
 * that turns a configuration that stops moving bytes into a named failure instead of a hung suite.
 *
 * <p>Stance: a buffer size is only reported together with what the socket read back and what the
 * kernel holds (twice Java's figure on Linux), and the kernel limits in force.
 */
package dev.nettune.bench.buffers;

package dev.nettune.bench.coalescing;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * What does TCP_NODELAY off (Nagle's algorithm on) do to a request/response exchange sent in
 * several writes? The same exchange as {@link CoalescingBenchmark} — header + K parts, then wait for
 * a 16-byte ack — with TCP_NODELAY set to {@code tcpNoDelay} on both client and server sockets.
 *
 * <p>Expect the classic stall with TCP_NODELAY off and more than one write per message: the first
 * write (the header) leaves at once; Nagle holds the next small write until that data is
 * acknowledged; the server, still waiting for the rest of the message, has nothing to send and
 * delays its ACK (Linux: ~40 ms delayed-ACK timer). Every message then takes tens of milliseconds
 * (~40 ms) instead of tens of microseconds. Strategies that send the message in one write
 * (BUFFERED_8K/64K at these sizes, COPY_*, GATHERING*) do not stall: with no unacknowledged data in
 * flight Nagle sends at once. BUFFERED_512 stalls as soon as a message exceeds 512 bytes.
 *
 * <p>Read: {@code sample} in ms/message with p50/p99 (lower is better). With TCP_NODELAY off a
 * per-part score near 40 ms is the delayed-ACK timer, not the machine. Secondary {@code writes /
 * messages} is write calls per message, as in {@link CoalescingBenchmark}.
 *
 * <p>Confounders: Linux's quick-ACK mode at the start of a connection ACKs the first segments at
 * once, so the stall starts after a few messages (warm-up absorbs it). A stalled point runs only
 * ~25 messages per second, so its percentiles rest on few samples: read the median.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar NagleBenchmark -p strategy=STREAM_PER_PART,COPY_HEAP -p parts=16 -p partBytes=64}
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class NagleBenchmark extends CoalescingState {

    /** TCP_NODELAY on client and server sockets: "true" (Nagle off) or "false" (Nagle on). */
    @Param({"true", "false"})
    public String tcpNoDelay;

    @Override
    protected boolean tcpNoDelay() {
        return parseBoolean("tcpNoDelay", tcpNoDelay);
    }

    /** Sends one message and waits for its verified ack. */
    @Benchmark
    public void message(WriteCounters counters) throws IOException {
        counters.writes += client.exchange();
        counters.messages++;
    }
}

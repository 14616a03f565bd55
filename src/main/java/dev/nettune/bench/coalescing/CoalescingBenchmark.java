package dev.nettune.bench.coalescing;

import dev.nettune.client.coalescing.Strategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;

import java.io.IOException;

/**
 * What does it cost to send a message of K parts as K + 1 writes instead of one, and which way of
 * coalescing is cheapest? A client sends one message — the 16-byte frame header (part 0) and K
 * parts of S bytes, each in its own heap array — with one {@link Strategy}, then waits for the
 * server's 16-byte ack; the server checks the CRC32C of the whole payload, the client checks the ack.
 * TCP_NODELAY is on at both ends, so no write waits for Nagle: this is the pure cost of the calls.
 *
 * <p>Expect the per-part strategies (STREAM_PER_PART, CHANNEL_PER_PART, and BUFFERED_512 once a
 * message exceeds 512 B) to lose more the larger K is: every write is a system call, a trip
 * through the TCP stack, and on loopback a wake-up of the server thread for a partial message.
 * (A C client pays the same: 16 writes of 64 B give several times fewer messages/s than one 1 KiB write.)
 * The coalescing strategies differ by copies only: BUFFERED_* and COPY_* copy the parts once (COPY_HEAP
 * and GATHERING twice: the JDK copies heap buffers into a temporary direct buffer), GATHERING_DIRECT
 * not at all; at these sizes a copy is nanoseconds next to a microsecond system call.
 *
 * <p>Read: {@code thrpt} in messages/s (higher is better); {@code sample} in s/message with
 * p50/p99 (lower is better). Secondary {@code writes} and {@code messages} are totals over the
 * measurement: {@code writes / messages} is write calls per message (K + 1 for per-part
 * strategies, 1 for coalesced ones). With {@code -prof gc}, {@code gc.alloc.rate.norm} is the bytes
 * allocated per message: ~0 for every strategy (all buffers are built in setup).
 *
 * <p>Confounders: client and server threads share the cores, so each per-part write may wake the
 * server on another core for a partial read. CPU placement moves absolute figures a lot: forks of
 * one coalesced strategy fall into two regimes, cross-core and same-core wake-ups, several-fold
 * apart; pinning the fork ({@code taskset -c 0}, the {@code cpu0} variant) steadies it. Compare
 * strategies within one run, and repeat forks before trusting a gap between two coalesced
 * strategies. The server is the same {@code BlockingServer} for every strategy.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar CoalescingBenchmark -p parts=16 -p partBytes=64 -prof gc}
 */
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
public class CoalescingBenchmark extends CoalescingState {

    @Override
    protected boolean tcpNoDelay() {
        return true;
    }

    /** Sends one message and waits for its verified ack. */
    @Benchmark
    public void message(WriteCounters counters) throws IOException {
        counters.writes += client.exchange();
        counters.messages++;
    }
}

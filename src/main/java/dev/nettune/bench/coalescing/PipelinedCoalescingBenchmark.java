package dev.nettune.bench.coalescing;

import dev.nettune.client.coalescing.Strategy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;

import java.io.IOException;

/**
 * Does coalescing still matter when messages are pipelined? The client writes {@value #PIPELINE}
 * messages back to back with one {@link Strategy} (each message as in {@link CoalescingBenchmark}:
 * header + K parts of S bytes), then reads and verifies the {@value #PIPELINE} acks in order.
 * TCP_NODELAY is on at both ends.
 *
 * <p>Expect a higher rate than one message per round trip for every strategy (the server works
 * while the client writes, and one wake-up serves several messages), and the per-part penalty to
 * remain: pipelining amortises the round trip, not the system calls. Buffered strategies do not
 * batch across messages here, because each message is flushed (as an application flushing per
 * message would); a buffer flushed once per batch would be a further step.
 *
 * <p>Read: {@code thrpt} in messages/s (higher is better; one operation is one message: the
 * score is already multiplied by {@value #PIPELINE}). {@code writes / messages} as in
 * {@link CoalescingBenchmark}.
 *
 * <p>Confounders: as in {@link CoalescingBenchmark}; a batch of 16 × 64 × 1 KiB (1 MiB) fills the
 * socket buffers, so the largest points measure a bulk stream more than a request/response.
 *
 * <p>Run: {@code java -jar target/benchmarks.jar PipelinedCoalescingBenchmark -p parts=16 -p partBytes=64}
 */
public class PipelinedCoalescingBenchmark extends CoalescingState {
    /** M: messages written back to back before the acks are read. */
    public static final int PIPELINE = 16;

    @Override
    protected boolean tcpNoDelay() {
        return true;
    }

    /** Sends {@value #PIPELINE} messages, then reads and verifies their acks in order. */
    @Benchmark
    @OperationsPerInvocation(PIPELINE)
    public void pipeline(WriteCounters counters) throws IOException {
        long writes = 0;
        for (int i = 0; i < PIPELINE; i++) {
            writes += client.send();
        }
        for (int i = 0; i < PIPELINE; i++) {
            client.awaitAck();
        }
        counters.writes += writes;
        counters.messages += PIPELINE;
    }
}

package dev.nettune.bench.coalescing;

import dev.nettune.client.coalescing.PartsClient;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * WriteCounters are the secondary results of the coalescing benchmarks: write calls into the socket
 * and messages sent, as totals over the measurement iterations (JMH sums EVENTS counters), so
 * {@code writes / messages} is the write calls per message. A ratio is not reported directly
 * because JMH would sum it over iterations too. See {@link PartsClient} for what one write is.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class WriteCounters {
    /** Write calls into the socket (stream) or SocketChannel.write calls (channel). */
    public long writes;
    /** Messages sent, each one acknowledged and verified. */
    public long messages;

    @Setup(Level.Iteration)
    public void reset() {
        writes = 0;
        messages = 0;
    }
}

package dev.nettune.bench.buffers;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * GbitCounter turns verified streams into a throughput figure: each completed stream adds its
 * payload in gigabits (payload bytes × 8 / 1e9), and JMH reports the counter per second, so the
 * secondary result {@code gbit} — shown with the unit "ops/s" — reads directly as Gbit/s
 * (payload only; the 16-byte header and 16-byte ack per stream are not counted).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class GbitCounter {
    /** Gigabits of verified payload in this iteration. */
    public double gbit;

    @Setup(Level.Iteration)
    public void reset() {
        gbit = 0;
    }
}

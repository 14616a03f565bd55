package dev.nettune.client.load;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Completions hand a {@link Load}'s completed operations to one consumer (a JMH thread), one per
 * {@link #takeOne()}: so a JMH throughput score of one operation per call is the operations
 * completed per second by all the load's threads together. A caught-up consumer sleeps and is
 * woken once per {@value #WAKE_BATCH} completions, so it costs the load next to nothing.
 */
public final class Completions {
    /** Completions between two wake-ups of a caught-up consumer. */
    public static final int WAKE_BATCH = 16;
    /** Longest a caught-up consumer sleeps before looking again (bounds the end-of-iteration error). */
    public static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Load load;
    private long consumed;
    private long available;

    public Completions(Load load) {
        this.load = load;
        startCounting();
    }

    /** Forgets operations completed so far: call before each measured interval (JMH iteration). */
    public void startCounting() {
        consumed = load.completed();
        available = consumed;
    }

    /** Returns once one more operation has completed since the last call; throws the load's failure or a stall. */
    public void takeOne() throws IOException {
        if (consumed == available) {
            available = load.awaitCompleted(consumed + 1, consumed + WAKE_BATCH, PARK_NANOS);
        }
        consumed++;
    }
}

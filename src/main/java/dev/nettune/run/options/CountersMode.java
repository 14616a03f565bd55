package dev.nettune.run.options;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A CountersMode says which forks of a run record per-operation counters (syscalls by name, context
 * switches, CPU, allocation: {@code dev.nettune.counters}), {@code -Dnettune.counters}.
 */
public enum CountersMode {
    /**
     * Every block runs one more fork per JVM, with the profilers, next to the JVM's score fork, which runs
     * without them: the score stays as clean as without counters, at the price of twice the forks.
     */
    EXTRA,
    /** Every fork counts, the forks that make the score included: no extra time, the profilers' cost in every score. */
    EVERY,
    /** No counters. */
    OFF;

    /**
     * The default: no counters. Counting in the forks that make the score would bias them (its cost,
     * measured as a paired ratio on this machine, is far above 1% on the busiest syscall path; README,
     * "Counters"), and {@link #EXTRA} more than doubles a run's time (twice the forks, each counting
     * fork also starting perf). Counters answer "why" for the rows a run flags, so they are asked for
     * on those points: the report's line under a flagged row says how.
     */
    public static final CountersMode DEFAULT = OFF;

    /** The word of the property and of run.json: extra, every, off. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the run records counters at all. */
    public boolean counts() {
        return this != OFF;
    }

    /** The mode named {@code text}; a UsageException naming the property, the value and the valid ones. */
    public static CountersMode parse(String text) {
        for (CountersMode m : values()) {
            if (m.id().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new UsageException("nettune.counters: '" + text + "' is not one of " + names());
    }

    /** The mode recorded in run.json ({@link #id()}); null (a run made before counters) is off. */
    public static CountersMode ofRecord(String id) {
        return id == null ? OFF : parse(id);
    }

    static String names() {
        return Arrays.stream(values()).map(CountersMode::id).collect(Collectors.joining(", "));
    }
}

package dev.nettune.analysis.model;

import dev.nettune.counters.Counter;

import java.util.Map;

/**
 * A CountedFork is one fork's counters per operation (JMH secondary metrics that
 * {@link dev.nettune.counters.CounterNames} knows) with its place in the run's schedule, so that
 * counters pair by block exactly as the score does.
 *
 * @param row      the fork's row in the result's rawData, as the file wrote it (before counting-only
 *                 rows were taken out of the score)
 * @param block    its block (1-based, from forks.jsonl), or {@link Result#NO_BLOCK}
 * @param seq      its place in the run's order of execution, or {@link Result#NO_BLOCK}
 * @param counters by name: the client's (the benchmark's JVM) under perf's, /proc's or JMH's name,
 *                 the server's own process under {@value #SERVER_PREFIX} and that name
 */
public record CountedFork(int row, int block, int seq, Map<String, Counter> counters) {

    /** Prefix of a counter of the server's own process (placements {@code process}, {@code netns}). */
    public static final String SERVER_PREFIX = "server:";

    public CountedFork {
        counters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counters));
    }

    /** This fork placed in the schedule. */
    public CountedFork at(int block, int seq) {
        return new CountedFork(row, block, seq, counters);
    }
}

package dev.nettune.analysis.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Result is one JMH result entry: its key, the primary metric, secondary metrics by name (in file
 * order), where it was read from, and JMH's run settings.
 *
 * @param key        benchmark, params, mode, unit, JVM
 * @param primary    the primary metric (the score)
 * @param secondary  secondary metrics by name, "·" prefix removed
 * @param file       the JSON file it came from
 * @param index      its position in the file's array, from 0
 * @param jmhVersion JMH version from the entry, or "" when absent (before JMH 1.2x)
 * @param threads    benchmark threads (JMH's {@code threads}), 0 when unknown
 * @param forkBlocks for each fork (row of rawData / rawDataHistogram), its block in the run's
 *                   randomized interleaved schedule (1-based, from forks.jsonl), or {@link #NO_BLOCK}
 *                   when unknown; one entry per fork of the primary metric
 * @param forkSeqs   for each fork, its place in the run's order of execution (forks.jsonl's
 *                   {@code seq}), which tells which of two forks of a block ran first; {@link #NO_BLOCK}
 *                   when unknown
 * @param counted    the forks whose counters compare between JVMs ({@link CountedFork}): every fork row that
 *                   carries counters, or, when the run marks forks as counting only ({@code "role":"counters"}
 *                   in forks.jsonl), those forks alone (their rows are then not in {@code primary} or
 *                   {@code secondary}); empty when the entry has no counters
 */
public record Result(ResultKey key, Metric primary, Map<String, Metric> secondary, Path file, int index,
                     String jmhVersion, int threads, int[] forkBlocks, int[] forkSeqs, List<CountedFork> counted) {

    public Result {
        counted = List.copyOf(counted);
    }

    /** A Result with block records and no counters. */
    public Result(ResultKey key, Metric primary, Map<String, Metric> secondary, Path file, int index,
                  String jmhVersion, int threads, int[] forkBlocks, int[] forkSeqs) {
        this(key, primary, secondary, file, index, jmhVersion, threads, forkBlocks, forkSeqs, List.of());
    }

    /** The block (or execution order) of a fork that has no record. */
    public static final int NO_BLOCK = -1;

    /** A Result whose forks have no block record (foreign files, runs before forks.jsonl). */
    public Result(ResultKey key, Metric primary, Map<String, Metric> secondary, Path file, int index,
                  String jmhVersion, int threads) {
        this(key, primary, secondary, file, index, jmhVersion, threads, noBlocks(primary.samples().length),
                noBlocks(primary.samples().length));
    }

    /** This result with the given block per fork and no execution order (a copy of the array is kept). */
    public Result withForkBlocks(int[] blocks) {
        return withForks(blocks, noBlocks(blocks.length));
    }

    /** This result with the given block and execution order per fork (copies of the arrays are kept). */
    public Result withForks(int[] blocks, int[] seqs) {
        if (blocks.length != primary.samples().length || seqs.length != blocks.length) {
            throw new IllegalArgumentException("need one block and one seq per fork: " + primary.samples().length
                    + " forks, " + blocks.length + " blocks, " + seqs.length + " seqs");
        }
        return new Result(key, primary, secondary, file, index, jmhVersion, threads, blocks.clone(), seqs.clone(),
                counted);
    }

    /** This result with these counted forks. */
    public Result withCounted(List<CountedFork> forks) {
        return new Result(key, primary, secondary, file, index, jmhVersion, threads, forkBlocks, forkSeqs, forks);
    }

    /**
     * This result without the fork rows marked in {@code drop} (forks that only counted): their rows leave
     * the primary and every secondary metric; blocks and seqs are given for the rows kept. A sample-mode
     * histogram merges every fork and cannot be split: it is kept whole.
     */
    public Result withoutRows(boolean[] drop, int[] blocks, int[] seqs, List<CountedFork> forks) {
        Map<String, Metric> sec = new java.util.LinkedHashMap<>();
        secondary.forEach((k, m) -> sec.put(k, m.withoutRows(drop)));
        return new Result(key, primary.withoutRows(drop), java.util.Collections.unmodifiableMap(sec), file, index,
                jmhVersion, threads, blocks.clone(), seqs.clone(), forks);
    }

    /** The block of each fork (a copy). */
    @Override
    public int[] forkBlocks() {
        return forkBlocks.clone();
    }

    /** The execution order of each fork (a copy). */
    @Override
    public int[] forkSeqs() {
        return forkSeqs.clone();
    }

    /** The execution order ({@code seq}) of fork {@code fork}, or {@link #NO_BLOCK} when unknown. */
    public int forkSeq(int fork) {
        return fork < forkSeqs.length ? forkSeqs[fork] : NO_BLOCK;
    }

    /** The block of fork {@code fork} (0-based row), or {@link #NO_BLOCK}. */
    public int forkBlock(int fork) {
        return fork < forkBlocks.length ? forkBlocks[fork] : NO_BLOCK;
    }

    /** True when at least one fork has a block record, so the result can be paired by block. */
    public boolean hasBlocks() {
        for (int b : forkBlocks) {
            if (b != NO_BLOCK) {
                return true;
            }
        }
        return false;
    }

    private static int[] noBlocks(int forks) {
        int[] out = new int[forks];
        java.util.Arrays.fill(out, NO_BLOCK);
        return out;
    }
}

package dev.nettune.run.options;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A Profile is how much of the suite runs and for how long: the blocks per point and the JMH
 * iteration settings of one fork here, and the parameter subset each benchmark class names in
 * {@code nettune/profiles/<Class>.properties} (see {@link Plan}).
 *
 * <p>A run executes, for each benchmark point, {@link #blocks} blocks; a block runs one fork of the
 * point on every JVM of the matrix in a shuffled order. The cost of a profile is therefore
 * points × blocks × JVMs × (warm-up + measurement + JVM start), and what buys a narrow cross-JVM
 * interval is the number of blocks, not the length of a fork nor the size of the grid.
 * <ul>
 *   <li>{@link #SMOKE}: every benchmark class once, briefly, to prove the pipeline works (CI).
 *       Results go under {@code target/} so committed results are never touched.</li>
 *   <li>{@link #QUICK}: the default; a few points per family that answer its question, each with
 *       enough blocks for a paired comparison, within about 20 minutes per JVM on a 2-core machine.</li>
 *   <li>{@link #FULL}: the whole documented @Param grid, more blocks and longer forks; hours to days.</li>
 *   <li>{@link #SCALE}: the I/O-model question at the size it is asked, 1,000 to 10,000 connections
 *       with the server in a JVM of its own; the other families have no point in it.</li>
 * </ul>
 */
public enum Profile {
    /** Two blocks of one 1 s iteration without warm-up: proves each class runs, measures nothing reliable. */
    SMOKE(2, 0, 1, 1, 1, "target/bench-results-smoke", "target/analysis-smoke"),
    /**
     * Eight blocks of a short fork: each class's calibrated warm-up ({@code quick.@warmup} in its
     * profile file, from the calibration run in {@code calibration/}; this 1 s where a class has none)
     * and 2 × 1 s measured (the fewest the drift check can use).
     *
     * <p>Why eight, though with the calibrated warm-ups that is about twice the 10 minutes per JVM the
     * profile aims at: four blocks fit the budget, but the A/A run made with four
     * (bench-results/2026-12-04T13-28-02Z-quick) flagged more than 5% of its rows, while every A/A run
     * with eight stayed within. Fewer blocks first need a method shown to hold at that n. Adaptive
     * stopping ({@code -Dnettune.ci}) buys blocks only where a point needs them.
     */
    QUICK(8, 1, 1, 2, 1, Profile.DEFAULT_RESULTS, Profile.DEFAULT_ANALYSIS),
    /** Ten blocks of a fork with JMH's nettune defaults (3 × 1 s warm-up, 5 × 1 s measurement). */
    FULL(10, 3, 1, 5, 1, Profile.DEFAULT_RESULTS, Profile.DEFAULT_ANALYSIS),
    /**
     * Eight blocks (as quick: the block count its A/A runs held at) of 3 × 1 s warm-up + 3 × 1 s measured:
     * at thousands of connections a thread-per-connection fork settles later than quick's points, and its
     * set-up (thousands of connects and thread starts, two full collections) costs seconds the estimate's
     * fork overhead does not hold, so the profile keeps its points few ({@code scale.*} keys).
     */
    SCALE(8, 3, 1, 3, 1, Profile.DEFAULT_RESULTS, Profile.DEFAULT_ANALYSIS);

    /** Raw results root of quick and full runs. */
    public static final String DEFAULT_RESULTS = "bench-results";
    /** Report folder of quick and full runs. */
    public static final String DEFAULT_ANALYSIS = "analysis";

    /**
     * Blocks per benchmark point: each block runs one fork of the point on every JVM of the matrix,
     * in an order shuffled per block (randomized interleaved trials). The fork is the unit of
     * replication, so this is the number of paired samples a cross-JVM comparison gets.
     */
    public final int blocks;
    /** JMH -wi. */
    public final int warmupIterations;
    /** JMH -w, seconds. */
    public final int warmupSeconds;
    /** JMH -i. */
    public final int measurementIterations;
    /** JMH -r, seconds. */
    public final int measurementSeconds;
    /** Where raw results go unless --results names a directory. */
    public final String defaultResults;
    /** Where the report goes unless --analysis names a directory. */
    public final String defaultAnalysis;

    Profile(int blocks, int warmupIterations, int warmupSeconds, int measurementIterations, int measurementSeconds,
            String defaultResults, String defaultAnalysis) {
        this.blocks = blocks;
        this.warmupIterations = warmupIterations;
        this.warmupSeconds = warmupSeconds;
        this.measurementIterations = measurementIterations;
        this.measurementSeconds = measurementSeconds;
        this.defaultResults = defaultResults;
        this.defaultAnalysis = defaultAnalysis;
    }

    /** The profile's name as used in properties files and run ids ("quick"). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The profile called {@code name}, or a UsageException listing the valid names. */
    public static Profile parse(String name) {
        for (Profile p : values()) {
            if (p.id().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new UsageException("nettune.profile: unknown profile '" + name + "'; valid: " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(Profile::id).collect(Collectors.joining(", "));
    }
}

package dev.nettune.run;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A Profile is how much of the suite runs and for how long: the JMH iteration settings here, and
 * the parameter subset each benchmark class names in {@code nettune/profiles/<Class>.properties}.
 *
 * <ul>
 *   <li>{@link #SMOKE}: every benchmark once, briefly, to prove the pipeline works (CI). Results go
 *       under {@code target/} so committed results are never touched.</li>
 *   <li>{@link #QUICK}: the default; the documented subset of every family, the whole suite within
 *       about 10 minutes per JVM on a 2-core machine. Indicative, not publication grade.</li>
 *   <li>{@link #FULL}: several forks and enough iterations for a confidence-interval half-width near
 *       2% on stable benchmarks.</li>
 * </ul>
 */
public enum Profile {
    /** One 1 s iteration, no warmup: proves each benchmark runs, measures nothing reliable. */
    SMOKE(1, 0, 1, 1, 1, "target/bench-results-smoke", "target/analysis-smoke"),
    /**
     * One 1 s warmup, two 1 s measurements: the per-point budget the family authors were given
     * (~4.5 s a point with fork start), so ~120 points fit in 10 minutes per JVM.
     */
    QUICK(1, 1, 1, 2, 1, Suite.DEFAULT_RESULTS, Suite.DEFAULT_ANALYSIS),
    /** Three forks of 5 warmup + 10 measurement seconds: 30 samples a point. */
    FULL(3, 5, 1, 10, 1, Suite.DEFAULT_RESULTS, Suite.DEFAULT_ANALYSIS);

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

    static String names() {
        return Arrays.stream(values()).map(Profile::id).collect(Collectors.joining(", "));
    }
}

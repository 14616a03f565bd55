package dev.nettune.stats;

/**
 * ReferenceVectors holds the data sets of the cross-JVM part of
 * {@code src/test/resources/analysis/reference/reference_stats.py}, under the same names, so that a
 * test and the script line that gave its expected value can be read side by side.
 */
final class ReferenceVectors {

    /** Synthetic blocks: baseline fork scores, 8 blocks with common drift. */
    static final double[] PX = {101.2, 131.9, 96.4, 140.8, 118.3, 99.7, 135.2, 104.6};
    /** Synthetic blocks: candidate fork scores of the same blocks. */
    static final double[] PY = {97.8, 128.4, 95.1, 133.9, 115.0, 97.2, 129.6, 102.3};
    /** Unpaired synthetic fork scores, baseline (6). */
    static final double[] UX = {4.12, 3.87, 4.55, 4.02, 3.66, 4.31};
    /** Unpaired synthetic fork scores, candidate (5). */
    static final double[] UY = {4.61, 4.98, 4.40, 5.12, 4.77};
    /** 2 against 3 forks: Welch df between 1 and 2. */
    static final double[] VX = {250.0, 262.5};
    static final double[] VY = {240.1, 301.7, 266.0};
    /**
     * Real fork scores (mean of each rawData row): ConnectionScalingBenchmark.roundTrips,
     * SELECTOR/SELECTOR, 16 connections, JDK 17, one fork in each of the runs 2026-11-24T16-32-27Z ..
     * 16-37-34Z. The script reads them from bench-results/; ForkScoresTest checks the reader agrees.
     */
    static final double[] RX = {151802.97060783923, 148576.5759795969, 154966.67466873414, 131640.11469461577,
        165108.92862252804, 139485.68596722928};
    /** The same point on JDK 25, run by run (each run: jdk17's fork, then jdk25's). */
    static final double[] RY = {151190.89673071372, 137248.56597494427, 165444.92023226185, 153644.85987817543,
        132620.56304665134, 126412.02742382586};

    private ReferenceVectors() {
    }
}

/**
 * Package stats provides the statistics shared by the runner (its stopping rule) and the analysis:
 * plain {@code double[]} in, numbers out.
 * It knows nothing of JSON, files or results; every formula is checked against SciPy in the tests,
 * with the script that produced the reference values ({@code reference_stats.py}).
 *
 * <p>The cross-JVM method works on log scores: {@link dev.nettune.stats.PairedRatio}
 * (blocks, adjusted for which fork of a block ran first), {@link dev.nettune.stats.UnpairedRatio} (Welch), {@link dev.nettune.stats.Holm}
 * per table, and {@link dev.nettune.stats.DetectableChange} from the exact power of the t
 * test ({@link dev.nettune.stats.TTestPower}). A counter per operation that is 0 on one side has no
 * log ratio: {@link dev.nettune.stats.PairedDifference} compares it in its unit
 * ({@code reference_counters.py}).
 *
 * <p>Whether a fork's score is steady: {@link dev.nettune.stats.Drift}, the trend of log scores across
 * a fork's measurement iterations, one slope per fork and a one-sample t over the forks (the forks,
 * not the iterations, are the replicates); and {@link dev.nettune.stats.Spread}, the range and
 * geometric coefficient of variation of a point's fork scores.
 */
package dev.nettune.stats;

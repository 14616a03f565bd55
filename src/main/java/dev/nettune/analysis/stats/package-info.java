/**
 * Package stats provides the statistics of the analysis: plain {@code double[]} in, numbers out.
 * It knows nothing of JSON, files or results; every formula is checked against SciPy in the tests,
 * with the script that produced the reference values ({@code reference_stats.py}).
 *
 * <p>The cross-JVM method works on log scores: {@link dev.nettune.analysis.stats.PairedRatio}
 * (blocks, adjusted for which fork of a block ran first), {@link dev.nettune.analysis.stats.UnpairedRatio} (Welch), {@link dev.nettune.analysis.stats.Holm}
 * per table, and {@link dev.nettune.analysis.stats.DetectableChange} from the exact power of the t
 * test ({@link dev.nettune.analysis.stats.TTestPower}).
 */
package dev.nettune.analysis.stats;

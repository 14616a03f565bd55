/**
 * Package stats provides the statistics shared by the runner (its stopping rule) and the analysis:
 * plain {@code double[]} in, numbers out.
 * It knows nothing of JSON, files or results; every formula is checked against SciPy in the tests,
 * with the script that produced the reference values ({@code reference_stats.py}).
 *
 * <p>The cross-JVM method works on log scores: {@link dev.nettune.stats.PairedRatio}
 * (blocks, adjusted for which fork of a block ran first), {@link dev.nettune.stats.UnpairedRatio} (Welch), {@link dev.nettune.stats.Holm}
 * per table, and {@link dev.nettune.stats.DetectableChange} from the exact power of the t
 * test ({@link dev.nettune.stats.TTestPower}).
 */
package dev.nettune.stats;

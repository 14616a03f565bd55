/**
 * Package stats provides the statistics of the analysis: plain {@code double[]} in, numbers out.
 * It knows nothing of JSON, files or results; every formula is checked against SciPy in the tests,
 * with the script that produced the reference values.
 */
package dev.nettune.analysis.stats;

/**
 * Package model provides what the analysis knows about results, independent of the file format:
 * a result's key (benchmark, parameters, mode, unit, JVM), its metrics with samples per fork and
 * iteration, the run it came from, and the diagnostics collected while reading.
 */
package dev.nettune.analysis.model;

/**
 * Package model provides what the analysis knows about results, independent of the file format:
 * a result's key (benchmark, parameters, mode, unit, JVM), its metrics with samples per fork and
 * iteration and each fork's block, the run it came from and its fork log (statuses, incomplete
 * blocks), and the diagnostics collected while reading.
 */
package dev.nettune.analysis.model;

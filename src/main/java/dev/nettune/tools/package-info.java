/**
 * Package tools provides standalone measuring tools with a main of their own, outside JMH and the
 * suite: they drive the project's clients and servers directly (PairedScaling: two connection counts
 * in alternating slices). Run with {@code java -cp target/benchmarks.jar dev.nettune.tools.NAME --help}.
 */
package dev.nettune.tools;

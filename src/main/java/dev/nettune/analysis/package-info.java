/**
 * Package analysis provides the post-processing of JMH results: it turns a tree of JMH JSON files
 * (this suite's {@code bench-results/}, or any other project's) into a report of tables, charts and
 * cross-JVM comparisons that say whether a difference is real.
 *
 * <p>It reads files only and never imports benchmark classes. The pipeline has one-way layers, one
 * sub-package each, each using only those before it (in the manner of Go's benchstat):
 * <ol>
 *   <li>{@link dev.nettune.analysis.units}: scales values for people. Depends on nothing.</li>
 *   <li>{@link dev.nettune.analysis.model}: results keyed by benchmark, parameters, mode, unit and
 *       JVM, with samples per fork and iteration; diagnostics.</li>
 *   <li>{@link dev.nettune.analysis.read}: JSON files to model objects. A bad file or entry becomes a
 *       diagnostic naming the file and position, and reading continues.</li>
 *   <li>{@link dev.nettune.stats}: plain {@code double[]} in, numbers out; no JSON types,
 *       no model types.</li>
 *   <li>{@link dev.nettune.analysis.family}: one descriptor per benchmark family: the benchmarks
 *       it owns, its questions and how they are answered, how its benchmarks are charted.</li>
 *   <li>{@link dev.nettune.analysis.compare}: which results are compared with which, and the
 *       statistics applied to them.</li>
 *   <li>{@link dev.nettune.analysis.render}: text, CSV and SVG.</li>
 * </ol>
 * {@link dev.nettune.analysis.Analyze} is the command line that runs the pipeline.
 *
 * <p>Stance: weak data yields warnings next to the numbers, never exceptions and never silence;
 * every file or entry that is not used is counted and named.
 */
package dev.nettune.analysis;

/**
 * Package analysis provides the post-processing of JMH results: it turns a tree of JMH JSON files
 * (this suite's {@code bench-results/}, or any other project's) into a report of tables, charts and
 * cross-JVM comparisons that say whether a difference is real.
 *
 * <p>It reads files only and never imports benchmark classes. The pipeline has one-way layers, each
 * using only those before it (in the manner of Go's benchstat):
 * <ol>
 *   <li><b>units</b> ({@link dev.nettune.analysis.Units}): scales values for people (ns/µs/ms/s,
 *       ops/s, k/M ops/s, B/KiB/MiB, Gbit/s). Depends on nothing.</li>
 *   <li><b>reading</b> ({@link dev.nettune.analysis.JmhJsonReader},
 *       {@link dev.nettune.analysis.RunMetadataReader}, {@link dev.nettune.analysis.InputFinder}):
 *       JSON to model objects. A bad file or entry becomes a {@link dev.nettune.analysis.Diagnostic}
 *       naming the file and position, and reading continues.</li>
 *   <li><b>model and grouping</b> ({@link dev.nettune.analysis.ResultKey},
 *       {@link dev.nettune.analysis.Result}, {@link dev.nettune.analysis.JvmId},
 *       {@link dev.nettune.analysis.Family}, {@link dev.nettune.analysis.ResultSet}): results keyed
 *       by benchmark, parameters, mode, unit and JVM, with samples per fork and iteration.</li>
 *   <li><b>statistics</b> ({@link dev.nettune.analysis.Summary},
 *       {@link dev.nettune.analysis.Comparison}, {@link dev.nettune.analysis.MannWhitney},
 *       {@link dev.nettune.analysis.Holm}, {@link dev.nettune.analysis.RatioInterval}): plain
 *       {@code double[]} in, numbers out; no JSON types.</li>
 *   <li><b>rendering</b> ({@link dev.nettune.analysis.MarkdownTable},
 *       {@link dev.nettune.analysis.MarkdownReport}, {@link dev.nettune.analysis.CsvWriter},
 *       {@link dev.nettune.analysis.Charts}): text and SVG.</li>
 * </ol>
 * {@link dev.nettune.analysis.Analyze} is the command line that runs the pipeline.
 *
 * <p>Speed: 100 result files (25 runs × 4 files, 600 results, 50 JVM columns, 5 charts) take about
 * 2.4 s wall time on the 2-core development VM, charts included (1.7 s without), JVM start included.
 *
 * <p>Stance: weak data yields warnings next to the numbers, never exceptions and never silence;
 * every file or entry that is not used is counted and named.
 */
package dev.nettune.analysis;

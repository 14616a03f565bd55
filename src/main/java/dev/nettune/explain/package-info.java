/**
 * Package explain provides flame graphs for the rows a run flags: it re-runs each flagged point per
 * JVM under async-profiler, as two JMH forks (CPU with allocations; wall clock, whose signals would
 * otherwise show in the CPU profile), and draws, per JVM, what the forks spent their CPU, wall-clock
 * time and allocations on, and between two JVMs a differential flame graph coloured by the
 * change. It explains a difference the statistics found; it never measures one (the profiled forks'
 * scores are not compared, only their stacks).
 *
 * <p>Steps, each a class: {@link dev.nettune.explain.FlaggedPoints} (which points: the flagged rows of
 * the report's comparisons.csv, or every point of points.jsonl) → {@link dev.nettune.explain.ProfilerSetup}
 * (can async-profiler run here, with which CPU event, and why not) → {@link dev.nettune.explain.ProfiledFork}
 * (one JMH fork under the profiler, in its own process with a time limit) → {@link dev.nettune.explain.Flames}
 * (jfr-converter: a flame graph per JVM and event, and collapsed stacks) → {@link dev.nettune.explain.Differential}
 * and {@link dev.nettune.explain.DiffFlameSvg} (the differential, normalized per operation or per sample)
 * → {@link dev.nettune.explain.Explain} (the entry point, progress, {@code explain/index.html} and
 * {@code index.json}).
 *
 * <p>It reads a run folder through {@code results} and writes only under {@code <run>/explain/}; the
 * runner calls {@link dev.nettune.explain.Explain#afterRun} and then writes the reports again, which
 * link what it wrote from the flagged rows (the analysis reads {@code explain/index.json}).
 */
package dev.nettune.explain;

/**
 * Package dev.nettune.run provides the suite runner behind {@code mvn verify}: it turns a profile,
 * a JVM matrix and the benchmark list into a plan, checks all of it before anything runs, then
 * runs the plan as randomized interleaved blocks — for each benchmark point, blocks of one JMH fork
 * on every JVM, in an order shuffled per block from a recorded seed — one fork at a time, recording
 * each fork as it ends, and hands the results root to the analysis module.
 *
 * <p>Steps: {@link dev.nettune.run.SuiteOptions} (options, checked on their own) →
 * {@link dev.nettune.run.Preflight} (folders; {@link dev.nettune.run.JvmMatrix} and
 * {@link dev.nettune.run.Variant}: which JVMs, with which flags and CPU placement, an A/A pair for the
 * self-check; {@link dev.nettune.run.Plan}: which points, from the profile files, with
 * {@link dev.nettune.run.ParamRule} for what each {@code @Param} accepts; the printed plan and its
 * cost) → {@link dev.nettune.run.Suite} (record {@link dev.nettune.run.Environment} in run.json) →
 * {@link dev.nettune.run.Execution} ({@link dev.nettune.run.Schedule} orders the forks,
 * {@link dev.nettune.run.ForkRunner} runs each, {@link dev.nettune.run.MergedResults} and
 * {@link dev.nettune.run.Journal} write them, {@link dev.nettune.run.StoppingRule} decides when a
 * point has enough blocks, {@link dev.nettune.run.Outcome} tallies them); {@link dev.nettune.run.Resume}
 * continues a stopped run. {@link dev.nettune.run.MavenCheck} runs the option checks inside Maven,
 * before compilation and before the tests.
 *
 * <p>Run layout: {@code <results>/<runId>/} holds run.json, forks.jsonl, points.jsonl, jmh.log and,
 * per JVM label, {@code <Class>.json} (plain JMH JSON, a rawData row per fork), sockopts.jsonl and
 * skips.jsonl; {@code .resume/} holds the finished forks' JMH results until the run completes.
 * Stance: bad input is refused before any benchmark starts, with one line and exit status 2; a
 * failing fork never stops the run but is recorded with its reason, reported, and turns the exit
 * status non-zero; nothing finished is lost.
 */
package dev.nettune.run;

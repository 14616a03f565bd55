/**
 * Package dev.nettune.run provides the suite runner behind {@code mvn verify}: it turns a profile,
 * a JVM matrix and the benchmark list into a plan, checks all of it before anything runs, then
 * runs the plan as randomized interleaved blocks — for each benchmark point, blocks of one JMH fork
 * on every JVM, in an order shuffled per block from a recorded seed — one fork at a time, recording
 * each fork as it ends, and hands the results root to the analysis module.
 *
 * <p>Steps: {@link dev.nettune.run.options.SuiteOptions} (options, checked on their own) →
 * {@link dev.nettune.run.check.Preflight} (folders; {@link dev.nettune.run.options.JvmMatrix} and
 * {@link dev.nettune.run.options.Variant}: which JVMs, with which flags and CPU placement, an A/A pair for the
 * self-check; {@link dev.nettune.run.plan.Plan}: which points, from the profile files, with
 * {@link dev.nettune.run.plan.ParamRule} for what each {@code @Param} accepts; the printed plan and its
 * cost) → {@link dev.nettune.run.Suite} (record {@link dev.nettune.run.record.Environment} in run.json) →
 * {@link dev.nettune.run.execution.Execution} ({@link dev.nettune.run.plan.Schedule} orders the forks,
 * {@link dev.nettune.run.execution.ForkRunner} runs each, {@link dev.nettune.run.record.MergedResults} and
 * {@link dev.nettune.run.folder.Journal} write them, {@link dev.nettune.run.plan.StoppingRule} decides when a
 * point has enough blocks, {@link dev.nettune.run.record.Outcome} tallies them); {@link dev.nettune.run.record.Resume}
 * continues a stopped run. {@link dev.nettune.run.check.MavenCheck} runs the option checks inside Maven,
 * before compilation and before the tests.
 *
 * <p>Rooms, each importing only those below it: {@code options} and {@code folder} (the run folder's
 * lock and journal) at the bottom, then {@code plan}, {@code check} (with the rooms below it, what Maven
 * compiles before the rest), {@code record}, {@code execution}, and {@link dev.nettune.run.Suite} on top.
 *
 * <p>Run layout: {@code <results>/<runId>/} holds run.json, forks.jsonl, points.jsonl, jmh.log and,
 * per JVM label, {@code <Class>.json} (plain JMH JSON, a rawData row per fork), sockopts.jsonl and
 * skips.jsonl; {@code .resume/} holds the finished forks' JMH results until the run completes.
 * Stance: bad input is refused before any benchmark starts, with one line and exit status 2; a
 * failing fork never stops the run but is recorded with its reason, reported, and turns the exit
 * status non-zero; nothing finished is lost.
 */
package dev.nettune.run;

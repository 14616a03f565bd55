/**
 * Package dev.nettune.run provides the suite runner behind {@code mvn verify}: it turns a profile,
 * a JVM matrix and the benchmark list into a plan of points, checks all of it before anything runs,
 * runs each point in randomized interleaved blocks (one fork per JVM per block), records the
 * environment and the outcome in {@code run.json}, and hands the results to the analysis module.
 *
 * <p>Steps: {@link dev.nettune.run.SuiteOptions} (options, checked on their own) →
 * {@link dev.nettune.run.Preflight} (folders; {@link dev.nettune.run.JvmMatrix} and
 * {@link dev.nettune.run.Variant}: which JVMs, with which flags and CPU placement, an A/A pair for the
 * self-check; {@link dev.nettune.run.Plan}: which points, from the profile files, with
 * {@link dev.nettune.run.ParamRule} for what each {@code @Param} accepts; the printed plan and its
 * cost) → {@link dev.nettune.run.Suite} (run, account with {@link dev.nettune.run.Outcome}, write
 * {@link dev.nettune.run.Environment}). {@link dev.nettune.run.MavenCheck} runs the same checks
 * inside Maven, before compilation and before the tests.
 * Stance: bad input is refused before any benchmark starts, with one line and exit status 2; a
 * failing point never stops the run but is counted, reported, and turns the exit status non-zero.
 */
package dev.nettune.run;

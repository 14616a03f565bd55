/**
 * Package dev.nettune.run provides the suite runner behind {@code mvn verify}: it turns a profile,
 * a JVM matrix and the benchmark list into a plan, validates all of it before anything runs, runs one
 * JMH Runner per benchmark class per JVM (forking on that JVM), records the environment and a
 * per-JVM summary in {@code run.json}, and hands the results root to the analysis module.
 *
 * <p>Steps: {@link dev.nettune.run.SuiteOptions} (options) → {@link dev.nettune.run.JvmMatrix} and
 * {@link dev.nettune.run.Variant} (which JVMs, with which flags and CPU placement) →
 * {@link dev.nettune.run.Plan} (which points, from the profile files) → {@link dev.nettune.run.Suite}
 * (run, account with {@link dev.nettune.run.Outcome}, write {@link dev.nettune.run.Environment}) .
 * Stance: bad input is refused before any benchmark starts; a failing point never stops the run but
 * is counted, reported, and turns the exit status non-zero.
 */
package dev.nettune.run;

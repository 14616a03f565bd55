/**
 * A run as it is kept: a new run's run.json and the spec read back out of one
 * ({@link dev.nettune.run.record.RunDocuments}), the tallies of forks and points
 * ({@link dev.nettune.run.record.RunState}, {@link dev.nettune.run.record.Outcome}), the merged JMH
 * results per JVM, the host, and continuing a stopped run from all of it ({@link dev.nettune.run.record.Resume}).
 */
package dev.nettune.run.record;

/**
 * A run as it is kept: run.json's content ({@link dev.nettune.run.record.RunDocument}), the tallies of forks
 * and points ({@link dev.nettune.run.record.RunState}, {@link dev.nettune.run.record.Outcome}), the merged JMH
 * results per JVM, the host, and continuing a stopped run from all of it ({@link dev.nettune.run.record.Resume}).
 */
package dev.nettune.run.record;

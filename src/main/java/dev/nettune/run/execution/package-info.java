/**
 * Running a run: point after point, block after block, one JMH fork at a time
 * ({@link dev.nettune.run.execution.Execution}, {@link dev.nettune.run.execution.ForkRunner}), JMH's output
 * in jmh.log ({@link dev.nettune.run.execution.JmhLog}) and a line per fork on the console.
 */
package dev.nettune.run.execution;

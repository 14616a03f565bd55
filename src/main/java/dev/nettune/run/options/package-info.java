/**
 * What was asked: the suite's options ({@link dev.nettune.run.options.SuiteOptions}, checked on their own),
 * the profiles, the JDKs found or named and their variants ({@link dev.nettune.run.options.JvmMatrix}).
 * The ground room of the runner: it imports no other.
 */
package dev.nettune.run.options;

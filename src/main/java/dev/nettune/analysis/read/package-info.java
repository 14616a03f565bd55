/**
 * Package read turns files into model objects: JMH JSON (JMH 1.2x-1.37, this suite's or any other
 * project's) and this suite's files beside it. A bad file, entry or line becomes a diagnostic naming
 * the file and position, and reading goes on.
 */
package dev.nettune.analysis.read;

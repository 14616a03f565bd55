/**
 * Package layout provides the names of the files a run writes and of the properties that point a
 * benchmark fork at them ({@link dev.nettune.layout.ResultFiles}). It depends on nothing in this
 * project, so the benchmarks, the suite runner and the analysis can all use it without depending
 * on each other.
 */
package dev.nettune.layout;

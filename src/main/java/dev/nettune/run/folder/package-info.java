/**
 * A run folder's own files, read before a run as well as during it: the runner's lock
 * ({@link dev.nettune.run.folder.RunLock}), the append-only journal ({@link dev.nettune.run.folder.Journal}:
 * forks.jsonl, points.jsonl), run.json in memory ({@link dev.nettune.run.folder.RunRecord}), the finished
 * forks kept for a resume, JMH's temporary files, the run id. Imports options only.
 */
package dev.nettune.run.folder;

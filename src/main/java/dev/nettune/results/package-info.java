/**
 * Package results holds the files a run writes: their names and the properties that point a
 * benchmark fork at them ({@link dev.nettune.results.ResultFiles}), and one Jackson-bound record
 * per kind of file, written and read through the same type: {@link dev.nettune.results.ForkLine}
 * (forks.jsonl), {@link dev.nettune.results.PointLine} (points.jsonl),
 * {@link dev.nettune.results.SockoptLine} (sockopts.jsonl), {@link dev.nettune.results.SkipLine}
 * (skips.jsonl), {@link dev.nettune.results.ReuseLine} (reuse.jsonl),
 * {@link dev.nettune.results.PlacementLine} (placements.jsonl) and
 * {@link dev.nettune.results.RunDocument} (run.json). {@link dev.nettune.results.JsonLines} appends
 * and parses lines. It depends on nothing in this project, so the benchmarks, the suite runner and
 * the analysis all use it without depending on each other.
 */
package dev.nettune.results;

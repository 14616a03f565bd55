#!/usr/bin/env python3
"""The counting's cost on the score, from a run made with -Dnettune.counters=extra: per point and
block, the ratio of the JVM's counting fork's score to its score fork's (both in one block, seconds
apart, in a shuffled and mirrored order); prints per point and JVM the geometric mean ratio with its
95% interval (paired t on the log ratios, scipy.stats.t), n, and the mean position effect. A ratio
below 1 for a throughput (ops/s) means the counting fork was slower; for a time per op, the reverse.
Usage: scripts/counters_overhead.py bench-results/<run> [...]"""
import collections
import json
import math
import statistics
import sys

from scipy import stats

if len(sys.argv) < 2:
    sys.exit(__doc__)
for run in sys.argv[1:]:
    try:
        lines = [json.loads(l) for l in open(f"{run}/forks.jsonl") if l.strip()]
    except OSError as e:
        print(f"counters_overhead: {e}", file=sys.stderr)
        sys.exit(2)
    cells = collections.defaultdict(dict)  # (point, jvm, block) -> role -> (score, position)
    names = {}
    units = {}
    for l in lines:
        if l["status"] != "ok" or l.get("score") is None:
            continue
        role = l.get("role") or "score"
        cells[(l["point"], l["jvm"], l["block"])][role] = (l["score"], l["position"])
        names[l["point"]] = l["benchmark"].rsplit(".", 2)[-2] + "." + l["benchmark"].rsplit(".", 1)[-1] + " " + \
            ",".join(f"{k}={v}" for k, v in sorted(l["params"].items()))
        units[l["point"]] = l["unit"]
    by = collections.defaultdict(list)
    for (point, jvm, block), c in sorted(cells.items()):
        if "score" in c and "counters" in c:
            by[(point, jvm)].append((math.log(c["counters"][0] / c["score"][0]), c["counters"][1] < c["score"][1]))
    if not by:
        print(f"counters_overhead: {run} has no block with both a score fork and a counting fork", file=sys.stderr)
        sys.exit(2)
    print(f"# {run}")
    for (point, jvm), pairs in sorted(by.items()):
        logs = [p[0] for p in pairs]
        n = len(logs)
        m = statistics.fmean(logs)
        if n >= 2:
            half = stats.t.ppf(0.975, n - 1) * statistics.stdev(logs) / math.sqrt(n)
            ci = f"[{math.exp(m - half):.4f}, {math.exp(m + half):.4f}]"
            p = stats.ttest_1samp(logs, 0.0).pvalue
        else:
            ci, p = "(no interval)", float("nan")
        first = [l for l, counting_first in pairs if counting_first]
        later = [l for l, counting_first in pairs if not counting_first]
        pos = (f"; counting fork first in {len(first)} of {n} blocks, mean ratio then {math.exp(statistics.fmean(first)):.4f},"
               f" else {math.exp(statistics.fmean(later)):.4f}") if first and later else ""
        print(f"{names[point]} [{units[point]}] {jvm}: counters/score {math.exp(m):.4f} {ci} p={p:.3f} n={n}{pos}")

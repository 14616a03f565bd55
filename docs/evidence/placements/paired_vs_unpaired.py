#!/usr/bin/env python3
"""Placement ratios of one run two ways, on the same forks: paired by block (t on the per-block log
ratios, what the report does since placements share blocks) and unpaired (Welch's t on the log
scores, what it did before). Prints each JVM x point x placement-vs-inprocess row's 95% half-width
both ways and the medians. Score forks only (counting forks left out).
Usage: docs/evidence/placements/paired_vs_unpaired.py docs/evidence/placements/<run>"""
import json
import math
import statistics
import sys
from collections import defaultdict

from scipy import stats

if len(sys.argv) != 2:
    sys.exit(__doc__)
cells = defaultdict(dict)  # (jvm, class, params but placement) -> {(placement, block): score}
for line in open(f"{sys.argv[1]}/forks.jsonl"):
    r = json.loads(line)
    if r["status"] != "ok" or r.get("role"):
        continue
    p = dict(r["params"])
    placement = p.pop("placement")
    cells[(r["jvm"], r["benchmark"].split(".")[-2], tuple(sorted(p.items())))][(placement, r["block"])] = r["score"]


def half_width(se, df):
    t = stats.t.ppf(0.975, df)
    return 100 * (math.exp(t * se) - math.exp(-t * se)) / 2


paired, welch = [], []
for (jvm, cls, params), v in sorted(cells.items()):
    for placement in sorted({pl for pl, _ in v} - {"inprocess"}):
        blocks = sorted(b for pl, b in v if pl == placement and ("inprocess", b) in v)
        if len(blocks) < 3:
            continue
        a = [math.log(v[(placement, b)]) for b in blocks]
        c = [math.log(v[("inprocess", b)]) for b in blocks]
        d = [x - y for x, y in zip(a, c)]
        hp = half_width(statistics.stdev(d) / math.sqrt(len(d)), len(d) - 1)
        va, vc = statistics.variance(a) / len(a), statistics.variance(c) / len(c)
        hw = half_width(math.sqrt(va + vc), (va + vc) ** 2 / (va ** 2 / (len(a) - 1) + vc ** 2 / (len(c) - 1)))
        paired.append(hp)
        welch.append(hw)
        print(f"{jvm} {cls} {dict(params)} {placement} vs inprocess, n {len(blocks)}: paired ±{hp:.1f}%, unpaired ±{hw:.1f}%")
print(f"median over {len(paired)} rows: paired ±{statistics.median(paired):.1f}%, unpaired ±{statistics.median(welch):.1f}%")

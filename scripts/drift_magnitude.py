#!/usr/bin/env python3
"""Size of the within-fork drift of runs, independent of the test's power: per JVM x point cell, the
mean over forks of ln(iteration 2 / iteration 1) (the drift check's slope with two iterations);
prints the median |drift|, the cells at or above 5%, and how many reach p < 0.05 (scipy's
ttest_1samp over the forks) with all forks and with the first 4 only, so runs with different
numbers of blocks are compared at equal power. Sample-mode points (no rawData) are left out.
Usage: scripts/drift_magnitude.py bench-results/<run> [...]"""
import glob
import json
import math
import statistics
import sys

from scipy import stats

if len(sys.argv) < 2:
    sys.exit(__doc__)
for run in sys.argv[1:]:
    drift, drift4, sig, sig4 = [], [], 0, 0
    files = glob.glob(f"{run}/jdk*/*Benchmark.json")
    if not files:
        print(f"drift_magnitude: no JMH JSON under {run}/jdk*/", file=sys.stderr)
        sys.exit(2)
    for f in files:
        for b in json.load(open(f)):
            raw = b["primaryMetric"].get("rawData")
            if not raw:
                continue
            s = [math.log(x[1] / x[0]) for x in raw if len(x) >= 2 and x[0] > 0 and x[1] > 0]
            if len(s) < 4:
                continue
            drift.append(abs(statistics.mean(s)))
            drift4.append(abs(statistics.mean(s[:4])))
            sig += stats.ttest_1samp(s, 0).pvalue < 0.05
            sig4 += stats.ttest_1samp(s[:4], 0).pvalue < 0.05
    print(f"{run}: {len(drift)} cells; median |drift| {100 * statistics.median(drift):.2f}%; "
          f"|drift| >= 5%: {sum(d >= 0.05 for d in drift)}; p < 0.05: {sig} (all forks), {sig4} (first 4 forks)")

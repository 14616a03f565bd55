#!/usr/bin/env python3
"""Median 95% CI half-width of the JVM ratios per family, from a run's generated comparisons.csv:
per row sqrt(high / low) - 1 (the interval is symmetric on the log scale, so this is its half-width
as a factor), median over the rows of each family. Rows compared: two JDKs of one run, or an A/A
self-check. The precision a run's design bought, independent of what the JVMs did.
Usage: scripts/ci_halfwidths.py bench-results/<run> [...]"""
import csv
import math
import statistics
import sys

if len(sys.argv) < 2:
    sys.exit(__doc__)
status = 0
for run in sys.argv[1:]:
    path = f"{run.rstrip('/')}/report/comparisons.csv"
    try:
        rows = list(csv.DictReader(open(path, encoding="utf-8")))
    except OSError as e:
        print(f"ci_halfwidths: cannot read {path}: {e.strerror}", file=sys.stderr)
        status = 2
        continue
    by_family = {}
    for r in rows:
        if r["relation"] not in ("jdks", "self_check") or not r["ratio_ci95_low"] or not r["ratio_ci95_high"]:
            continue
        low, high = float(r["ratio_ci95_low"]), float(r["ratio_ci95_high"])
        if low > 0 and high > 0:
            by_family.setdefault(r["family"], []).append(100 * (math.sqrt(high / low) - 1))
    cells = "  ".join(f"{f} ±{statistics.median(v):.1f}% (n {len(v)})" for f, v in by_family.items())
    print(f"{run}: {cells or 'no JVM ratio with an interval'}")
sys.exit(status)

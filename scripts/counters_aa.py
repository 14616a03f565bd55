#!/usr/bin/env python3
"""The counters' A/A check: in a run of one JDK under two labels, every counter flagged as changed is a
false positive. Reads the run's generated report/counters.csv and prints, per kind (quantity: the
derived per-operation counters worded under a flagged row; raw: every event), how many counter
comparisons were made and how many flagged, and how many benchmark rows had any counter flagged
(Holm is per row, so that share is the one held at alpha). Goal: at most 5%.
Usage: scripts/counters_aa.py bench-results/<run> [...]"""
import csv
import sys

if len(sys.argv) < 2:
    sys.exit(__doc__)
status = 0
for run in sys.argv[1:]:
    path = f"{run.rstrip('/')}/report/counters.csv"
    try:
        rows = [r for r in csv.DictReader(open(path, encoding="utf-8")) if r["relation"] == "self_check"]
    except OSError as e:
        print(f"counters_aa: cannot read {path}: {e.strerror}", file=sys.stderr)
        status = 2
        continue
    if not rows:
        print(f"counters_aa: {path} has no A/A (self_check) counter comparison", file=sys.stderr)
        status = 2
        continue
    print(run)
    for kind in ("quantity", "raw"):
        k = [r for r in rows if r["kind"] == kind]
        tested = [r for r in k if r["p"] not in ("", "NaN")]
        flagged = [r for r in k if r["status"] == "changed"]
        by_row = {}
        for r in tested:
            key = (r["benchmark"], r["params"], r["mode"])
            by_row[key] = by_row.get(key, False) or r["status"] == "changed"
        rows_flagged = sum(by_row.values())
        share = 100 * len(flagged) / len(tested) if tested else float("nan")
        print(f"  {kind}: {len(flagged)} of {len(tested)} counter comparisons flagged ({share:.1f}%); "
              f"benchmark rows with any flagged: {rows_flagged} of {len(by_row)}")
        for r in flagged:
            print(f"    {r['benchmark'].rsplit('.', 2)[-2]} {r['params']} {r['side']} {r['counter']}: "
                  f"{r['estimate']} [{r['ci95_low']}, {r['ci95_high']}] ({r['method']}), p_adj {r['p_adjusted']}")
sys.exit(status)

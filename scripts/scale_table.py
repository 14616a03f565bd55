#!/usr/bin/env python3
"""The scale profile's answer as one table, from a run's JMH JSON (<run>/jdk*/{ConnectionScaling,OpenLoopLatency}Benchmark.json):
per point (loop, server, client, connections) and JVM, round trips/s (mean of the forks' scores [95% t interval over
forks], n forks), the p99 latency in µs and the bytes per connection in the client JVM and in the server JVM (means
over forks). A fork's score is the mean of its measured iterations; a secondary metric is the sum of its row (the
benchmark reports its whole-measurement value in the last iteration and 0 in the others, as the report reads it).
Open-loop p99 is counted from when each request was due. Usage: scripts/scale_table.py docs/evidence/scale/<run> [...]"""
import glob
import json
import math
import statistics
import sys

from scipy import stats

if len(sys.argv) < 2:
    sys.exit(__doc__)


def fmt(v):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:.3g}"


def mean_ci(xs):
    m = statistics.fmean(xs)
    if len(xs) < 2:
        return m, None, None
    h = stats.t.ppf(0.975, len(xs) - 1) * statistics.stdev(xs) / math.sqrt(len(xs))
    return m, m - h, m + h


status = 0
for run in sys.argv[1:]:
    files = sorted(glob.glob(f"{run.rstrip('/')}/jdk*/ConnectionScalingBenchmark.json")
                   + glob.glob(f"{run.rstrip('/')}/jdk*/OpenLoopLatencyBenchmark.json"))
    if not files:
        print(f"scale_table: no ConnectionScaling or OpenLoopLatency JSON under {run}/jdk*/", file=sys.stderr)
        status = 2
        continue
    rows = []
    for f in files:
        jvm = f.split("/")[-2]
        for b in json.load(open(f, encoding="utf-8")):
            p = b["params"]
            forks = [statistics.fmean(x) for x in b["primaryMetric"]["rawData"] if x]
            sec = lambda name: [sum(x) for x in b["secondaryMetrics"].get(name, {}).get("rawData", []) if x]
            avg = lambda xs: statistics.fmean(xs) if xs else None
            rows.append(("open" if "OpenLoop" in b["benchmark"] else "closed", p["server"], p["client"], int(p["connections"]), jvm,
                         mean_ci(forks), len(forks), avg(sec("p99Us")), avg(sec("bytesPerConnection")), avg(sec("serverBytesPerConnection"))))
    print(f"{run}\n")
    print("| loop | server | client | connections | JVM | round trips/s [95%] (n forks) | p99 µs | bytes/conn. client JVM | bytes/conn. server JVM |")
    print("|---|---|---|---:|---|---|---:|---:|---:|")
    for r in sorted(rows, key=lambda r: r[:5]):
        (m, lo, hi) = r[5]
        ci = f" [{fmt(lo)}, {fmt(hi)}]" if lo is not None else ""
        print(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]:,} | {r[4]} | {fmt(m)}{ci} ({r[6]}) | {fmt(r[7])} | {fmt(r[8])} | {fmt(r[9])} |")
    print()
sys.exit(status)

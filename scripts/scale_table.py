#!/usr/bin/env python3
"""The scale profile's answer as one table, from a run's JMH JSON (<run>/jdk*/{ConnectionScaling,OpenLoopLatency}Benchmark.json):
per point (loop, server, client, connections) and JVM, round trips/s (mean of the forks' scores [95% t interval over
forks], n forks), the p99 latency in µs and the bytes per connection in the client JVM and in the server JVM (means
over forks; p99 as the median of the forks' with their range: a fork's p99 can be 100x its siblings'). A fork's score is the mean of its measured iterations; a secondary metric is the sum of its row (the
benchmark reports its whole-measurement value in the last iteration and 0 in the others, as the report reads it).
Open-loop p99 is counted from when each request was due. A second table gives the marginal bytes per connection
between a pair's fewest and most connections, (N2 x b2 - N1 x b1) / (N2 - N1) from the forks' growth (a JVM's
one-off costs of the set-up, which dominate bytes per connection at 1,000, cancel), with a Welch 95% interval.
Usage: scripts/scale_table.py docs/evidence/scale/<run> [...]"""
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


def marginal(n1, b1, n2, b2):
    """(N2 x mean b2 - N1 x mean b1) / (N2 - N1) with a Welch 95% t interval, as text; "–" without two forks each."""
    t1 = [n1 * x for x in b1 if math.isfinite(x)]
    t2 = [n2 * x for x in b2 if math.isfinite(x)]
    if len(t1) < 2 or len(t2) < 2:
        return "–"
    d = n2 - n1
    m = (statistics.fmean(t2) - statistics.fmean(t1)) / d
    v1, v2 = statistics.variance(t1) / len(t1), statistics.variance(t2) / len(t2)
    df = (v1 + v2) ** 2 / (v1 ** 2 / (len(t1) - 1) + v2 ** 2 / (len(t2) - 1))
    h = stats.t.ppf(0.975, df) * math.sqrt(v1 + v2) / d
    return f"{fmt(m)} [{fmt(m - h)}, {fmt(m + h)}] ({len(t1)}, {len(t2)})"


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
            forks = [statistics.fmean(float(v) for v in x) for x in b["primaryMetric"]["rawData"] if x]
            # JMH writes a non-finite reading as the string "NaN"
            sec = lambda name: [sum(float(v) for v in x) for x in b["secondaryMetrics"].get(name, {}).get("rawData", []) if x]
            avg = lambda xs: statistics.fmean([x for x in xs if math.isfinite(x)]) if any(math.isfinite(x) for x in xs) else None
            rows.append(("open" if "OpenLoop" in b["benchmark"] else "closed", p["server"], p["client"], int(p["connections"]), jvm,
                         mean_ci(forks), len(forks), [x for x in sec("p99Us") if math.isfinite(x)], avg(sec("bytesPerConnection")), avg(sec("serverBytesPerConnection")),
                         sec("bytesPerConnection"), sec("serverBytesPerConnection")))
    print(f"{run}\n")
    print("| loop | server | client | connections | JVM | round trips/s [95%] (n forks) | p99 µs, median (fork range) | bytes/conn. client JVM | bytes/conn. server JVM |")
    print("|---|---|---|---:|---|---|---:|---:|---:|")
    for r in sorted(rows, key=lambda r: r[:5]):
        (m, lo, hi) = r[5]
        ci = f" [{fmt(lo)}, {fmt(hi)}]" if lo is not None else ""
        p99 = "–" if not r[7] else f"{fmt(statistics.median(r[7]))} ({fmt(min(r[7]))}–{fmt(max(r[7]))})"
        print(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]:,} | {r[4]} | {fmt(m)}{ci} ({r[6]}) | {p99} | {fmt(r[8])} | {fmt(r[9])} |")
    print()
    groups = {}
    for r in rows:
        groups.setdefault((r[0], r[1], r[2], r[4]), []).append(r)
    if any(len(g) >= 2 for g in groups.values()):
        print("| loop | server | client | JVM | connections | marginal bytes/conn. client JVM [95%] | server JVM [95%] |")
        print("|---|---|---|---|---|---|---|")
    for key in sorted(groups):
        g = sorted(groups[key], key=lambda r: r[3])
        if len(g) < 2:
            continue
        lo_r, hi_r = g[0], g[-1]
        cells = [marginal(lo_r[3], lo_r[idx], hi_r[3], hi_r[idx]) for idx in (10, 11)]
        print(f"| {key[0]} | {key[1]} | {key[2]} | {key[3]} | {lo_r[3]:,} → {hi_r[3]:,} | {cells[0]} | {cells[1]} |")
    print()
sys.exit(status)

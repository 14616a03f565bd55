#!/usr/bin/env python3
"""RoundTrip with the fork free on both CPUs and pinned to CPU 0 (the cpu0 variant), from the evidence
run beside this script: each JVM's fork scores (mean of its measurement iterations), and the JDK 25 / 17
ratio paired by block (forks.jsonl gives each fork's block) as the report pairs them: geometric mean of
the per-block ratios, sd of their logs, 95% t half-width (scipy). The report itself compares a variant
only with its own JDK, so the pinned JDK pair is computed here.
Usage: docs/evidence/cpu-placement/paired_halfwidth.py [run folder]"""
import json
import math
import os
import statistics
import sys

from scipy import stats

run = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "2026-12-04T18-50-32Z-quick")
by_jvm = {}
for line in open(os.path.join(run, "forks.jsonl"), encoding="utf-8"):
    f = json.loads(line)
    if f.get("status") == "ok" and f["benchmark"].endswith("RoundTripBenchmark.roundTrip"):
        by_jvm.setdefault(f["jvm"], {})[f["block"]] = f["score"]
for jvm in sorted(by_jvm):
    print(f"{jvm:11s} fork scores (k round trips/s, by block): "
          + ", ".join(f"{by_jvm[jvm][b] / 1000:.1f}" for b in sorted(by_jvm[jvm])))
for cand, base in (("jdk25", "jdk17"), ("jdk25-cpu0", "jdk17-cpu0"), ("jdk17-cpu0", "jdk17")):
    blocks = sorted(set(by_jvm[cand]) & set(by_jvm[base]))
    logs = [math.log(by_jvm[cand][b] / by_jvm[base][b]) for b in blocks]
    n, sd = len(logs), statistics.stdev(logs)
    hw = stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n)
    gm = math.exp(statistics.fmean(logs))
    print(f"{cand} / {base}: {gm:.3f} [{gm * math.exp(-hw):.3f}, {gm * math.exp(hw):.3f}], "
          f"sd of log ratio {sd:.3f}, half-width ±{100 * (math.exp(hw) - 1):.1f}%, n {n} blocks")

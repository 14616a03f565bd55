# Reference values for the calibration's change-point classification (CalibrationTest), written
# independently of the Java code (dev.nettune.stats.ChangePoints, dev.nettune.stats.Warmup) from the
# method's description: PELT (Killick, Fearnhead & Eckley 2012) with a normal mean-change cost, as
# Barrett et al., "Virtual Machine Warmup Blows Hot and Cold" (OOPSLA 2017), adapted to short forks of
# throughput scores:
#   - series: ln(score) per iteration (a relative change is the same size at every score);
#   - sigma: max(MAD of first differences * 1.4826 / sqrt(2), SIGMA_FLOOR); differences, so a mean
#     shift does not inflate it (changepoint's own estimate for cpt.mean);
#   - cost of a segment: sum of squared deviations from its mean / sigma^2 (twice the negative
#     normal log-likelihood with known variance); penalty 15 * ln(n) per change-point (Barrett's);
#     minimum segment length 1 (a one-iteration warm-up is the common case here);
#   - consecutive segments whose means differ by less than EQUIVALENT (in ln units) are merged
#     (Barrett treated such segments as equivalent); a one-iteration segment between two segments
#     equivalent to each other is an outlier (a GC pause, a CPU migration), merged with them, so one
#     bad second in the middle of a fork does not move its steady state to after it;
#   - classification: no change-point left -> flat; a change-point in the last quarter of the fork
#     -> no steady state; else warm-up if the last segment is at least as fast as every earlier one
#     (within EQUIVALENT), slow-down otherwise. Steady-state start: first iteration of the last
#     segment (0-based, 0 for flat).
#   - per point and JVM: consistent when every fork has the same class; "good inconsistent" when
#     they mix flat and warm-up only; "bad inconsistent" otherwise.
# Command, from the repository root (writes src/test/resources/stats/calibration_reference.json, outside
# analysis/, whose JSON files the analysis tests read as input):
#   python3 src/test/resources/analysis/reference/reference_calibration.py
# Versions: Python 3.11.7, NumPy 2.4.6
import json
import math
import os

import numpy as np

PENALTY_FACTOR = 15.0
SIGMA_FLOOR = 0.005
EQUIVALENT = 0.02
TAIL_FRACTION = 0.25


def sigma(x):
    d = np.diff(x)
    mad = np.median(np.abs(d - np.median(d)))
    return max(mad * 1.4826 / math.sqrt(2), SIGMA_FLOOR)


def pelt(x, s):
    # F[t]: optimal penalised cost of x[0:t]; candidates pruned when F[r] + C(r, t) > F[t]
    n = len(x)
    beta = PENALTY_FACTOR * math.log(n)
    cs = np.concatenate([[0.0], np.cumsum(x)])
    cs2 = np.concatenate([[0.0], np.cumsum(np.square(x))])

    def cost(a, b):  # x[a:b]
        m = b - a
        return (cs2[b] - cs2[a] - (cs[b] - cs[a]) ** 2 / m) / (s * s)

    F = [-beta] + [math.inf] * n
    last = [0] * (n + 1)
    R = [0]
    for t in range(1, n + 1):
        best, arg = math.inf, 0
        vals = {}
        for r in R:
            v = F[r] + cost(r, t) + beta
            vals[r] = v
            if v < best - 1e-12:
                best, arg = v, r
        F[t], last[t] = best, arg
        R = [r for r in R if vals[r] - beta <= F[t] + 1e-12] + [t]
    cps = []
    t = n
    while last[t] > 0:
        cps.append(last[t])
        t = last[t]
    return sorted(cps)


def segments(x, cps):
    bounds = [0] + cps + [len(x)]
    segs = [[bounds[i], bounds[i + 1]] for i in range(len(bounds) - 1)]
    merged = []
    for a, b in segs:
        if merged:
            pa, pb = merged[-1]
            if abs(np.mean(x[pa:pb]) - np.mean(x[a:b])) < EQUIVALENT:
                merged[-1] = [pa, b]
                continue
        merged.append([a, b])
    i = 1
    while i < len(merged) - 1:
        (pa, pb), (a, b), (na, nb) = merged[i - 1], merged[i], merged[i + 1]
        if b - a == 1 and abs(np.mean(x[pa:pb]) - np.mean(x[na:nb])) < EQUIVALENT:
            merged[i - 1:i + 2] = [[pa, nb]]
            i = max(1, i - 1)
        else:
            i += 1
    return merged


def classify(scores, higher_is_better=True):
    x = np.log(np.asarray(scores, float))
    s = sigma(x)
    cps = pelt(x, s)
    segs = segments(x, cps)
    n = len(x)
    if len(segs) == 1:
        return dict(sigma=s, changePoints=cps, segments=segs, classification="flat", steadyStart=0)
    start = segs[-1][0]
    if start > n - math.ceil(TAIL_FRACTION * n):
        return dict(sigma=s, changePoints=cps, segments=segs, classification="no-steady-state", steadyStart=None)
    sign = 1 if higher_is_better else -1
    last = sign * np.mean(x[start:])
    slower = any(sign * np.mean(x[a:b]) - last >= EQUIVALENT for a, b in segs[:-1])
    return dict(sigma=s, changePoints=cps, segments=segs, classification="slow-down" if slower else "warm-up",
                steadyStart=start)


def consistency(classes):
    if len(set(classes)) == 1:
        return "consistent"
    return "good-inconsistent" if set(classes) <= {"flat", "warm-up"} else "bad-inconsistent"


rng = np.random.default_rng(22)


def noisy(levels, sd=0.01):
    return [round(float(v), 3) for v in np.asarray(levels, float) * np.exp(rng.normal(0, sd, len(levels)))]


series = {
    "flat": noisy([50000.0] * 20),
    "warm-up": noisy([30000.0, 42000.0, 47000.0] + [50000.0] * 17),
    "slow-down": noisy([60000.0] * 3 + [48000.0] * 17),
    "no-steady-state": noisy([50000.0] * 17 + [35000.0] * 3),
    "spike": noisy([50000.0] * 9 + [25000.0] + [50000.0] * 10),
    "noisy-flat": noisy([9000.0] * 20, sd=0.08),
    "inconsistent-1": noisy([40000.0] + [50000.0] * 19),
    "inconsistent-2": noisy([50000.0] * 20),
    "inconsistent-3": noisy([50000.0] * 16 + [30000.0] * 4),
}
out = {"constants": dict(penaltyFactor=PENALTY_FACTOR, sigmaFloor=SIGMA_FLOOR, equivalent=EQUIVALENT, tailFraction=TAIL_FRACTION),
       "series": {}}
for name, xs in series.items():
    r = classify(xs)
    r["scores"] = xs
    out["series"][name] = r
out["consistency"] = {
    "flat+warm-up": consistency(["flat", "warm-up", "flat"]),
    "inconsistent": consistency([out["series"][k]["classification"] for k in ("inconsistent-1", "inconsistent-2", "inconsistent-3")]),
    "flat": consistency(["flat", "flat", "flat"]),
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "stats", "calibration_reference.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
for name, r in out["series"].items():
    print(name, r["classification"], r["changePoints"], r["segments"], r["steadyStart"], round(r["sigma"], 5))
print(out["consistency"])

# Reference values for the statistics tests (StatisticsTest, and the cross-JVM method's
# PairedRatioTest, UnpairedRatioTest, DetectableChangeTest, HolmTest), computed independently of the
# Java code with SciPy.
# Command, from the repository root (it reads six committed runs under bench-results/):
#   python3 src/test/resources/analysis/reference/reference_stats.py
# Drift and Spread (issue #22) are the last section.
# Versions: Python 3.11.7, SciPy 1.17.1, NumPy 2.4.6
import math
import numpy as np
from scipy import stats

A = [10.1, 10.4, 9.8, 10.0, 10.3, 10.2]
B = [10.9, 11.2, 10.7, 11.0, 11.4, 10.8]
C = [1.2, 3.4, 2.2, 5.1, 4.4]
D = [2.9, 3.9, 4.8, 6.0, 5.5, 6.3, 1.9]
E = [1, 2, 2, 3, 4, 4, 5]
F = [3, 4, 4, 5, 6, 6, 7, 8]
rng = np.random.default_rng(42)
G = [round(float(v), 6) for v in rng.normal(100, 5, 20)]
H = [round(float(v), 6) for v in rng.normal(103, 5, 20)]

def p(name, v):
    print(f"{name} = {v!r}")

def summary(name, x):
    x = np.asarray(x, float); n = len(x); sd = x.std(ddof=1)
    p(name + ".mean", x.mean()); p(name + ".median", float(np.median(x))); p(name + ".sd", sd)
    p(name + ".ci999", stats.t.ppf(0.9995, n - 1) * sd / math.sqrt(n))
    p(name + ".ci95", stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n))

def fieller(x, y, level=0.95):
    # mean(y)/mean(x); Welch-Satterthwaite df of y - R x at R = b/a
    x = np.asarray(x, float); y = np.asarray(y, float)
    a, b = x.mean(), y.mean(); va = x.var(ddof=1) / len(x); vb = y.var(ddof=1) / len(y); r = b / a
    df = (vb + r * r * va) ** 2 / (vb ** 2 / (len(y) - 1) + r ** 4 * va ** 2 / (len(x) - 1))
    t = stats.t.ppf(1 - (1 - level) / 2, df)
    # solve (b - R a)^2 = t^2 (vb + R^2 va) numerically with numpy's polynomial roots
    roots = np.roots([a * a - t * t * va, -2 * a * b, b * b - t * t * vb])
    return r, float(min(roots)), float(max(roots))

summary("A", A); summary("C", C)
p("mwu.AB.exact", stats.mannwhitneyu(A, B, alternative="two-sided", method="exact").pvalue)
p("mwu.CD.exact", stats.mannwhitneyu(C, D, alternative="two-sided", method="exact").pvalue)
p("mwu.GH.exact", stats.mannwhitneyu(G, H, alternative="two-sided", method="exact").pvalue)
p("mwu.EF.asymptotic", stats.mannwhitneyu(E, F, alternative="two-sided", method="asymptotic", use_continuity=True).pvalue)
p("welch.AB", stats.ttest_ind(A, B, equal_var=False).pvalue)
p("welch.CD", stats.ttest_ind(C, D, equal_var=False).pvalue)
p("fieller.AB", fieller(A, B))
p("fieller.CD", fieller(C, D))
print("G =", G); print("H =", H)

# ---------------------------------------------------------------------------------------------
# Cross-JVM method (issue #12): paired and unpaired ratios on log scores, the detectable change,
# Holm. Checked by PairedRatioTest, UnpairedRatioTest, DetectableChangeTest and HolmTest.
# statsmodels is not installed: Holm is written out by hand below (R's p.adjust(p, "holm")).
import glob, json, os
from scipy.optimize import brentq

def paired(x, y, level=0.95):
    # geometric mean of y_i/x_i, t interval and paired t test on log ratios
    x = np.log(np.asarray(x, float)); y = np.log(np.asarray(y, float)); d = y - x; n = len(d)
    se = d.std(ddof=1) / math.sqrt(n); q = stats.t.ppf(1 - (1 - level) / 2, n - 1)
    res = stats.ttest_rel(y, x)
    return (math.exp(d.mean()), math.exp(d.mean() - q * se), math.exp(d.mean() + q * se), float(res.pvalue),
            float(d.std(ddof=1)))

def paired_adjusted(x, y, base_first, level=0.95):
    # the same, adjusted for which fork of a pair ran first (AB/BA crossover): the intercept of the
    # least-squares line of the log ratios on s = +1 (baseline first) / -1, t on n - 2 df
    d = np.log(np.asarray(y, float)) - np.log(np.asarray(x, float)); n = len(d)
    s = np.where(np.asarray(base_first), 1.0, -1.0)
    r = stats.linregress(s, d); se = r.intercept_stderr; q = stats.t.ppf(1 - (1 - level) / 2, n - 2)
    pv = 2 * stats.t.sf(abs(r.intercept / se), n - 2)
    return (math.exp(r.intercept), math.exp(r.intercept - q * se), math.exp(r.intercept + q * se), float(pv),
            float(se), math.exp(r.slope))

def unpaired(x, y, level=0.95):
    # ratio of geometric means, Welch t interval and Welch t test on log scores
    x = np.log(np.asarray(x, float)); y = np.log(np.asarray(y, float))
    vx = x.var(ddof=1) / len(x); vy = y.var(ddof=1) / len(y); se = math.sqrt(vx + vy)
    df = (vx + vy) ** 2 / (vx ** 2 / (len(x) - 1) + vy ** 2 / (len(y) - 1))
    q = stats.t.ppf(1 - (1 - level) / 2, df); d = y.mean() - x.mean()
    res = stats.ttest_ind(y, x, equal_var=False)
    return (math.exp(d), math.exp(d - q * se), math.exp(d + q * se), float(res.pvalue), df)

def power(lam, df, a):
    # two-sided t test power from SciPy's noncentral t; the lower tail P(T' < -c | lam) is written
    # as P(T' > c | -lam) because nct.cdf(-c, df, lam) returns NaN once it underflows
    c = stats.t.ppf(1 - a / 2, df)
    return float(stats.nct.sf(c, df, lam) + stats.nct.sf(c, df, -lam))

def noncentrality(df, a, target=0.8):
    hi = 1.0
    while power(hi, df, a) < target:  # power grows with the noncentrality: double until bracketed
        hi *= 2
    return brentq(lambda l: power(l, df, a) - target, 0, hi, xtol=1e-14, rtol=1e-15)

def detectable(se, df, a, target=0.8):
    return math.expm1(noncentrality(df, a, target) * se)

def holm(p):
    # step-down: sort the m finite p ascending, k-th (from 0) times (m - k), running max, cap 1; NaN stays
    idx = [i for i in range(len(p)) if not math.isnan(p[i])]; idx.sort(key=lambda i: p[i]); m = len(idx)
    out = [float("nan")] * len(p); running = 0.0
    for k, i in enumerate(idx):
        running = max(running, min(1.0, (m - k) * p[i])); out[i] = running
    return out

# synthetic blocks: baseline and candidate fork scores, 8 blocks with common drift
PX = [101.2, 131.9, 96.4, 140.8, 118.3, 99.7, 135.2, 104.6]
PY = [97.8, 128.4, 95.1, 133.9, 115.0, 97.2, 129.6, 102.3]
# unpaired synthetic fork scores (6 vs 5), and a 2 vs 3 case (Welch df between 1 and 2)
UX = [4.12, 3.87, 4.55, 4.02, 3.66, 4.31]
UY = [4.61, 4.98, 4.40, 5.12, 4.77]
VX = [250.0, 262.5]
VY = [240.1, 301.7, 266.0]

# real fork scores: ConnectionScalingBenchmark.roundTrips, SELECTOR/SELECTOR, 16 connections, one
# fork per JVM in each of the six back-to-back runs 2026-11-24T16-32-27Z .. 16-37-34Z (each run
# took jdk17's fork, then jdk25's: a run is a block of two forks). A fork's score is the mean of its
# rawData row, as Metric.forkScores computes it.
here = os.path.dirname(os.path.abspath(__file__))
root = os.path.normpath(os.path.join(here, "..", "..", "..", "..", ".."))
def fork_scores(label):
    out = []
    for run in sorted(glob.glob(os.path.join(root, "bench-results", "2026-11-24T16-3[2-7]-*Z-quick"))):
        for e in json.load(open(os.path.join(run, label, "ConnectionScalingBenchmark.json"))):
            if e["params"]["connections"] == "16":
                out.extend(float(np.mean(row)) for row in e["primaryMetric"]["rawData"])
    return out
RX = fork_scores("jdk17"); RY = fork_scores("jdk25")
print("RX =", RX); print("RY =", RY)

p("paired.P", paired(PX, PY))
p("paired.R", paired(RX, RY))
p("unpaired.U", unpaired(UX, UY))
p("unpaired.V", unpaired(VX, VY))
p("unpaired.R", unpaired(RX, RY))
for lam, df, a in [(1.5, 7, 0.0025), (3.0, 7, 0.0025), (2.0, 2, 0.05), (4.0, 39, 0.0005), (2.5, 1.3, 0.05),
                   (10.0, 1, 0.05), (0.5, 100, 0.05), (0.5, 1.05, 0.05), (0.5, 1.5, 0.05), (3.0, 1000, 0.05),
                   (3.0, 30, 0.0005)]:
    p(f"power({lam}, {df}, {a})", power(lam, df, a))
for df, a in [(7, 0.05 / 12), (5, 0.05), (39, 0.05 / 100), (1.3, 0.05), (2, 0.05)]:
    p(f"noncentrality(0.8, {df}, {a})", noncentrality(df, a))
# detectable change: paired P at alpha/m = 0.05/12; paired R at 0.05; unpaired U at 0.05/3; unpaired V at 0.05
sP = paired(PX, PY)[4]; p("detectable.P", detectable(sP / math.sqrt(len(PX)), len(PX) - 1, 0.05 / 12))
sR = paired(RX, RY)[4]; p("detectable.R", detectable(sR / math.sqrt(len(RX)), len(RX) - 1, 0.05))
def welch_se_df(x, y):
    x = np.log(np.asarray(x, float)); y = np.log(np.asarray(y, float))
    vx = x.var(ddof=1) / len(x); vy = y.var(ddof=1) / len(y)
    return math.sqrt(vx + vy), (vx + vy) ** 2 / (vx ** 2 / (len(x) - 1) + vy ** 2 / (len(y) - 1))
p("detectable.U", detectable(*welch_se_df(UX, UY), 0.05 / 3))
p("detectable.V", detectable(*welch_se_df(VX, VY), 0.05))
p("holm", holm([0.01, 0.04, float("nan"), 0.03, 0.005, 0.2, 0.0125]))
p("holm.tests", holm([paired(PX, PY)[3], unpaired(UX, UY)[3], paired(RX, RY)[3], unpaired(VX, VY)[3]]))

# ---------------------------------------------------------------------------------------------
# Comparisons end to end (ComparisonsTest), from the test fixtures' files, independently of the reader:
# fork score = mean of a rawData row, or for sample mode the sample-weighted mean of the fork's
# histograms; blocks from forks.jsonl; one table = one JVM pair x family x mode x unit.
fixtures = os.path.normpath(os.path.join(here, ".."))
def fork_score(pm, row):
    if "rawData" in pm:
        return float(np.mean(pm["rawData"][row]))
    pairs = [vc for it in pm["rawDataHistogram"][row] for vc in it]
    return sum(v * c for v, c in pairs) / sum(c for v, c in pairs)

blocks_run = os.path.join(fixtures, "..", "analysis-blocks", "2026-11-30T10-00-00Z-quick")
entries = {}
for label in ("jdk17", "jdk25"):
    for e in json.load(open(os.path.join(blocks_run, label, "RoundTripBenchmark.json"))):
        entries[(label, e["mode"], e["params"]["payload"])] = e["primaryMetric"]
by_block = {}
seq_of = {}
for line in open(os.path.join(blocks_run, "forks.jsonl")):
    f = json.loads(line)
    if f["status"] == "ok":
        pm = entries[(f["jvm"], f["mode"], f["params"]["payload"])]
        by_block.setdefault((f["mode"], f["params"]["payload"]), {}).setdefault(f["jvm"], {})[f["block"]] = fork_score(pm, f["row"])
        seq_of[(f["mode"], f["params"]["payload"], f["jvm"], f["block"])] = f["seq"]
for mode, payload in [("thrpt", "64"), ("sample", "64")]:
    side = by_block[(mode, payload)]; common = sorted(set(side["jdk17"]) & set(side["jdk25"]))
    x = [side["jdk17"][b] for b in common]; y = [side["jdk25"][b] for b in common]
    first = [seq_of[(mode, payload, "jdk17", b)] < seq_of[(mode, payload, "jdk25", b)] for b in common]
    print(f"blocks.{mode}.x =", x); print(f"blocks.{mode}.y =", y); print(f"blocks.{mode}.baselineFirst =", first)
    # each table has one tested row: m = 1, level 0.05; both orders occur, so the ratio is adjusted
    assert 0 < sum(first) < len(first)
    r = paired_adjusted(x, y, first)
    p(f"blocks.{mode}", r[:4] + (detectable(r[4], len(x) - 2, 0.05), r[5]))

suite_run = os.path.join(fixtures, "suite", "2026-11-24T14-05-00Z-quick")
rows = []
for e17, e25 in zip(json.load(open(os.path.join(suite_run, "jdk17", "PingBenchmark.json"))),
                    json.load(open(os.path.join(suite_run, "jdk25", "PingBenchmark.json")))):
    assert e17["params"] == e25["params"]
    x = [fork_score(e17["primaryMetric"], i) for i in range(len(e17["primaryMetric"]["rawData"]))]
    y = [fork_score(e25["primaryMetric"], i) for i in range(len(e25["primaryMetric"]["rawData"]))]
    rows.append((e17["params"], x, y))
adj = holm([unpaired(x, y)[3] for _, x, y in rows])
for (params, x, y), a in zip(rows, adj):
    r = unpaired(x, y)
    se, df = welch_se_df(x, y)
    p("suite.ping." + params["clientModel"] + "." + params["connections"],
      r[:4] + (a, detectable(se, df, 0.05 / len(rows))))

# ---------------------------------------------------------------------------------------------
# Drift within forks and the spread of fork scores (issue #22): DriftTest and SpreadTest.
# Drift: per fork the least-squares slope of ln(score) on the iteration index (linregress), then
# the one-sample t interval and test over the forks' slopes; printed as (n, slope, low, high, p, sd).
def drift(rows, level=0.95):
    slopes = [stats.linregress(range(len(r)), np.log(r)).slope for r in rows]
    n = len(slopes); m = float(np.mean(slopes)); sd = float(np.std(slopes, ddof=1))
    q = stats.t.ppf(1 - (1 - level) / 2, n - 1); se = sd / math.sqrt(n)
    return (n, m, float(m - q * se), float(m + q * se), float(stats.ttest_1samp(slopes, 0).pvalue), sd)

# synthetic: 6 forks of 3 iterations with a slow-down of about 5% per iteration, and 6 without a trend
DT = [[100.0, 95.2, 90.1], [120.0, 113.5, 108.9], [90.0, 86.0, 80.8], [110.0, 104.1, 99.5],
      [105.0, 100.9, 94.7], [98.0, 93.3, 88.2]]
DF = [[100.0, 102.1, 99.0], [120.0, 118.2, 121.5], [90.0, 91.3, 89.2], [110.0, 108.5, 111.9],
      [105.0, 106.2, 103.8], [98.0, 97.1, 99.4]]
p("drift.DT", drift(DT))
p("drift.DF", drift(DF))
# real: the reference run's rawData (2 iterations a fork, 8 forks) of ConnectionScalingBenchmark.roundTrips
# SELECTOR x SELECTOR, 1 connection on jdk25, and SocketBufferStreamBenchmark.stream sndBuf=4096 on jdk17
ref_run = os.path.join(root, "bench-results", "2026-11-30T14-41-49Z-quick")
def raw(label, cls, **params):
    for e in json.load(open(os.path.join(ref_run, label, cls + ".json"))):
        if all(e["params"].get(k) == v for k, v in params.items()):
            return e["primaryMetric"]["rawData"]
SEL1 = raw("jdk25", "ConnectionScalingBenchmark", client="SELECTOR", server="SELECTOR", connections="1")
SND4 = raw("jdk17", "SocketBufferStreamBenchmark", sndBuf="4096")
print("SEL1 =", SEL1); print("SND4 =", SND4)
p("drift.SEL1", drift(SEL1))
p("drift.SND4", drift(SND4))
# spread: geometric CV of fork scores (mean of each rawData row) = gstd - 1, min, max
def spread(rows):
    x = [float(np.mean(r)) for r in rows]
    return (len(x), min(x), max(x), float(stats.gstd(x)) - 1)
p("spread.SND4", spread(SND4))
p("spread.SEL1", spread(SEL1))

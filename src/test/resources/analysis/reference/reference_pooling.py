# Reference values for RandomEffectsPoolTest (issue #23): random-effects pooling of per-run log
# ratios, computed independently of the Java code with statsmodels' meta-analysis.
# Command, from the repository root (Debian's Python, which has statsmodels; not the default python3):
#   /usr/bin/python3 src/test/resources/analysis/reference/reference_pooling.py
# Versions: Python 3.11.2, statsmodels 0.13.5, SciPy 1.10.1, NumPy 1.24.2
# Java: Paule-Mandel tau^2 (statsmodels method_re="pm", here iterated to atol 1e-13), the pooled
# mean with weights 1/(v + tau^2), and the Hartung-Knapp-Sidik-Jonkman interval on t(k - 1) with
# its scale floored at 1: variance max(var_re, var_hksj_re), statsmodels' "random effect" and
# "random effect wls" rows. Q and I^2 use fixed-effect weights (statsmodels' q, i2).
import math
import numpy as np
from scipy import stats
from statsmodels.stats.meta_analysis import combine_effects

def p(name, v):
    print(f"{name} = {v!r}")

CASES = {
    # about RoundTrip JDK 25 / 17's five paired comparisons (log ratio, se, rounded): a little heterogeneous
    "roundtrip": ([-0.010348, -0.039832, -0.009066, -0.004016, -0.045004],
                  [0.006390, 0.012950, 0.011020, 0.009870, 0.014210]),
    # agreeing estimates: Q < k - 1, tau^2 = 0 and the HKSJ scale floored at 1
    "agree": ([0.010, 0.012, 0.011], [0.010, 0.012, 0.015]),
    # placements that disagree wildly (SO_SNDBUF 4 KiB): 102x, 21.9x, 0.807, 1.075
    "disagree": ([math.log(102), math.log(21.9), math.log(0.807), math.log(1.075)],
                 [0.29, 0.30, 0.051, 0.06]),
    # two runs
    "two": ([-0.010348, -0.039832], [0.006390, 0.012950]),
}

for name, (y, se) in CASES.items():
    y = np.asarray(y, float); v = np.asarray(se, float) ** 2; k = len(y)
    r = combine_effects(y, v, method_re="pm", atol=1e-13, maxiter=500)
    var = max(r.var_eff_w_re, r.var_hksj_re)
    crit = stats.t.isf(0.025, k - 1)
    sd = math.sqrt(var)
    p(name + ".tau2", float(r.tau2))
    p(name + ".mu", float(r.mean_effect_re))
    p(name + ".se", sd)
    p(name + ".low", math.exp(r.mean_effect_re - crit * sd))
    p(name + ".high", math.exp(r.mean_effect_re + crit * sd))
    p(name + ".p", float(2 * stats.t.sf(abs(r.mean_effect_re) / sd, k - 1)))
    p(name + ".q", float(r.q))
    p(name + ".pQ", float(stats.chi2.sf(r.q, k - 1)))
    p(name + ".i2", max(0.0, float(r.i2)))  # statsmodels leaves I^2 negative when Q < k - 1; the usual I^2 is 0 there

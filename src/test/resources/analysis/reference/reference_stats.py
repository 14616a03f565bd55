# Reference values for StatisticsTest, computed independently of the Java code with SciPy.
# Command: python3 src/test/resources/analysis/reference/reference_stats.py   (Python 3.11, SciPy 1.17.1)
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

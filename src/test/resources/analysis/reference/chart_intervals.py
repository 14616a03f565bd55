#!/usr/bin/env python3
"""Reference values for the chart intervals (ForkEstimateTest): the mean of fork scores and its 95%
Student-t interval over forks, and the same clamped at 0 for a non-negative quantity.

Run: python3 src/test/resources/analysis/reference/chart_intervals.py (SciPy 1.17, NumPy)."""
import numpy as np
from scipy import stats

VECTORS = {
    # three forks of two iterations each: fork score = mean of its iterations
    "forks": np.array([[150000.0, 152000.0], [141000.0, 139500.0], [160250.0, 158000.0]]).mean(axis=1),
    # a wide spread whose lower bound falls below zero
    "wide": np.array([1.0, 40.0, 3.0]),
}

for name, x in VECTORS.items():
    n = len(x)
    lo, hi = stats.t.interval(0.95, n - 1, loc=x.mean(), scale=stats.sem(x))
    print(f"{name}: n={n} mean={float(x.mean())!r} low={float(lo)!r} high={float(hi)!r} clamped_low={max(0.0, float(lo))!r}")

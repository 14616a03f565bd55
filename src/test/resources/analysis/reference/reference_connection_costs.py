#!/usr/bin/env python3
"""Reference values for ConnectionCostsTest: the mean over forks of a whole-trial reading and its
95% t interval (SciPy's t.interval on the sample mean), for the test's fixture.

Run: python3 src/test/resources/analysis/reference/reference_connection_costs.py
"""
import numpy as np
from scipy import stats

FIXTURE = {
    "bytesPerConnection": [10240.0, 11010.0, 9870.0, 10555.0, 10120.0, 10890.0, 9980.0, 10400.0],
    "heapBytesPerConnection": [1480.5, 1502.25, 1490.0, 1475.75, 1510.0, 1499.5, 1488.0, 1493.25],
    "connectsPerSecond": [8120.0, 7990.0, 8410.0],
}

for name, x in FIXTURE.items():
    x = np.array(x)
    n = len(x)
    m = x.mean()
    low, high = stats.t.interval(0.95, n - 1, loc=m, scale=stats.sem(x))
    print(f"{name}: n={n} mean={m!r} low={float(low)!r} high={float(high)!r}")

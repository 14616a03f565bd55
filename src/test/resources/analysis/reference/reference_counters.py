# Reference values for UnderneathTest (issue #21): a counter per operation compared between two JVMs
# paired by block, as a ratio (every value > 0: t on the log ratios, n - 1 df) or, when a side is 0,
# as a difference in the counter's unit (t on the differences). Computed with SciPy from the fixture
# run src/test/resources/analysis-counters/2026-12-04T12-00-00Z-quick (made by make_counters_runs.py):
# each fork's counter is the mean of its rawData list, its block from forks.jsonl's row.
# Command, from the repository root:
#   python3 src/test/resources/analysis/reference/reference_counters.py > src/test/resources/analysis/reference/reference_counters.out
# Versions: Python 3.11, SciPy 1.17, NumPy 2.x
import json, math, os
import numpy as np
from scipy import stats

RUN = "src/test/resources/analysis-counters/2026-12-04T12-00-00Z-quick"
BENCH = "dev.nettune.bench.buffers.SocketBufferStreamBenchmark.stream"

def p(name, v):
    print(f"{name} = {float(v)!r}")

blocks = {}
with open(os.path.join(RUN, "forks.jsonl")) as f:
    for line in f:
        d = json.loads(line)
        if d["benchmark"] == BENCH:
            blocks[(d["jvm"], d["row"])] = d["block"]

def per_block(jvm, metric):
    entry = json.load(open(os.path.join(RUN, jvm, "SocketBufferStreamBenchmark.json")))[0]
    raw = entry["secondaryMetrics"][metric]["rawData"]
    return {blocks[(jvm, row)]: float(np.mean(v)) for row, v in enumerate(raw)}

def paired(metric, a="jdk17", b="jdk25"):
    x, y = per_block(a, metric), per_block(b, metric)
    ks = sorted(set(x) & set(y))
    return np.array([x[k] for k in ks]), np.array([y[k] for k in ks])

def ratio(name, metric):
    x, y = paired(metric)
    d = np.log(y / x); n = len(d); se = d.std(ddof=1) / math.sqrt(n); q = stats.t.ppf(0.975, n - 1)
    print(f"{name}.n = {n}")
    p(name + ".ratio", math.exp(d.mean()))
    p(name + ".low", math.exp(d.mean() - q * se)); p(name + ".high", math.exp(d.mean() + q * se))
    p(name + ".p", stats.ttest_rel(np.log(y), np.log(x)).pvalue)
    p(name + ".baseline", float(stats.gmean(x))); p(name + ".candidate", float(stats.gmean(y)))

def difference(name, metric):
    x, y = paired(metric)
    d = y - x; n = len(d); se = d.std(ddof=1) / math.sqrt(n); q = stats.t.ppf(0.975, n - 1)
    print(f"{name}.n = {n}")
    p(name + ".diff", d.mean())
    p(name + ".low", d.mean() - q * se); p(name + ".high", d.mean() + q * se)
    p(name + ".p", stats.ttest_rel(y, x).pvalue)
    p(name + ".baseline", x.mean()); p(name + ".candidate", y.mean())

ratio("ctx", "context-switches")
ratio("stime", "proc:stime")
ratio("utime", "proc:utime")
difference("poll", "syscalls:sys_enter_poll")

# Writes the small JMH JSON fixtures of identity/, dup/ and foreign/jmh121-percentiles.json.
# Command: python3 src/test/resources/analysis/make_fixtures.py   (from the project root)
# Values are made up but shaped as JMH writes them (1.21 and 1.37); a test reads each one.
import json, os, random

ROOT = os.path.dirname(os.path.abspath(__file__))

def entry(bench, mode, jdk, vm_name, vm_version, raw, unit="ops/s", params=None, jvm_args=None, jmh="1.37",
          secondary=None, percentiles=True, hist=None):
    flat = [v for fork in raw for v in fork] if raw else []
    score = sum(flat) / len(flat) if flat else 0.0
    pm = {"score": score, "scoreError": "NaN", "scoreConfidence": ["NaN", "NaN"], "scoreUnit": unit}
    if isinstance(percentiles, dict):
        pm["scorePercentiles"] = percentiles
    elif percentiles:
        s = sorted(flat)
        pm["scorePercentiles"] = {"0.0": s[0], "50.0": s[len(s) // 2], "100.0": s[-1]}
    if hist is not None:
        pm["rawDataHistogram"] = hist
    else:
        pm["rawData"] = raw
    return {"jmhVersion": jmh, "benchmark": bench, "mode": mode, "threads": 1, "forks": len(raw),
            "jvm": "/opt/" + vm_version + "/bin/java", "jvmArgs": jvm_args or [], "jdkVersion": jdk,
            "vmName": vm_name, "vmVersion": vm_version, "warmupIterations": 1, "warmupTime": "1 s",
            "warmupBatchSize": 1, "measurementIterations": len(raw[0]) if raw else 0, "measurementTime": "1 s",
            "measurementBatchSize": 1, "params": params or {}, "primaryMetric": pm,
            "secondaryMetrics": secondary or {}}

def write(path, entries):
    with open(os.path.join(ROOT, path), "w") as f:
        json.dump(entries, f, indent=2, ensure_ascii=False)
        f.write("\n")

HS = "OpenJDK 64-Bit Server VM"
J9 = "Eclipse OpenJ9 VM"
rnd = random.Random(7)

def forks(center, n_forks=3, n_iter=2, spread=0.02):
    return [[round(center * (1 + rnd.uniform(-spread, spread)), 3) for _ in range(n_iter)] for _ in range(n_forks)]

# identity/: one folder, the same benchmark on 11.0.7, 11.0.15 (HotSpot), 11.0.15 on OpenJ9 and 11.0.15
# with a flag; four JVMs that must stay apart.
for name, jdk, vm, ver, args in [("hs-11.0.7.json", "11.0.7", HS, "11.0.7+10", []),
                                 ("hs-11.0.15.json", "11.0.15", HS, "11.0.15+10", ["-Dfile.encoding=UTF-8"]),
                                 ("j9-11.0.15.json", "11.0.15", J9, "openj9-0.32.0", []),
                                 ("hs-11.0.15-zgc.json", "11.0.15", HS, "11.0.15+10", ["-XX:+UseZGC"])]:
    write("identity/" + name, [entry("org.example.Codec.encode", "thrpt", jdk, vm, ver, forks(1000.0),
                                     params={"size": "64"}, jvm_args=args),
                               entry("org.example.Codec.decode", "thrpt", jdk, vm, ver, forks(800.0),
                                     params={"size": "64"}, jvm_args=args)])

# dup/: a.json; b.json an identical copy of a; c.json the same JVM and benchmarks measured again.
a = [entry("org.example.Codec.encode", "thrpt", "21.0.2", HS, "21.0.2+13", forks(1000.0)),
     entry("org.example.Codec.decode", "thrpt", "21.0.2", HS, "21.0.2+13", forks(800.0))]
write("dup/a.json", a)
write("dup/b.json", a)
write("dup/c.json", [entry("org.example.Codec.encode", "thrpt", "21.0.2", HS, "21.0.2+13", forks(1010.0)),
                     entry("org.example.Codec.decode", "thrpt", "21.0.2", HS, "21.0.2+13", forks(790.0))])

# foreign/jmh121-percentiles.json: sample mode as JMH 1.21 wrote it, percentiles repeated as secondary
# metrics "·p0.50" (first entry), "encode·p0.50" (second, no scorePercentiles in the primary) and
# "encode:p0.50" (third), beside a real secondary metric.
def pct_secondary(prefix, values):
    out = {}
    for q, v in values:
        out[prefix + "p" + q] = {"score": v, "scoreError": "NaN", "scoreConfidence": ["NaN", "NaN"],
                                 "scorePercentiles": {}, "scoreUnit": "us/op", "rawData": [[v]]}
    return out

P = [("0.00", 1.0), ("0.50", 2.0), ("0.90", 3.0), ("0.99", 5.0), ("0.999", 9.0), ("0.9999", 12.0), ("1.00", 20.0)]
hist = [[[[1.0, 10], [2.0, 80], [3.0, 9], [20.0, 1]]]]
gc = {"\u00b7gc.alloc.rate.norm": {"score": 16.0, "scoreError": "NaN", "scoreConfidence": ["NaN", "NaN"],
                                  "scorePercentiles": {}, "scoreUnit": "B/op", "rawData": [[16.0]]}}
e1 = entry("org.example.Codec.encode", "sample", "1.8.0_392", HS, "25.392-b08", [[2.29]], unit="us/op",
           jmh="1.21", secondary=dict(pct_secondary("\u00b7", P), **gc), hist=hist,
           percentiles={"0.0": 1.0, "50.0": 2.0, "100.0": 20.0})
e2 = entry("org.example.Codec.encode", "sample", "1.8.0_392", HS, "25.392-b08", [[2.29]], unit="us/op",
           jmh="1.21", params={"size": "1024"}, secondary=pct_secondary("encode\u00b7", P), percentiles=False,
           hist=hist)
e3 = entry("org.example.Codec.encode", "sample", "1.8.0_392", HS, "25.392-b08", [[2.29]], unit="us/op",
           jmh="1.37", params={"size": "4096"}, secondary=pct_secondary("encode:", P), percentiles=False,
           hist=hist)
write("foreign/jmh121-percentiles.json", [e1, e2, e3])

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

# quick-run/: one run of this suite in the layout the runner writes (run.json with method and status,
# one JMH JSON per class and JVM, 4 forks each, skips.jsonl), holding the points each family's answer
# needs: jdk17 and jdk25. Shaped so that the answers have something to say: the Selector pair
# overtakes the blocking pair between 16 and 256 connections; a 4 KiB SO_SNDBUF collapses throughput;
# per-part writes cost ~2.4x; Nagle stalls per-part writes ~40 ms; connect-per-request costs ~5x.
RUN = "2026-11-30T11-00-00Z-quick"
B = "dev.nettune.bench."
rq = random.Random(13)

def fk(center, n=4, it=2, spread=0.03):
    return [[round(center * (1 + rq.uniform(-spread, spread)), 4) for _ in range(it)] for _ in range(n)]

def sample_forks(center_s, n=4, it=2):
    # rawDataHistogram: per fork, per iteration, [value, count] pairs around the center
    out = []
    for _ in range(n):
        fork = []
        for _ in range(it):
            c = center_s * (1 + rq.uniform(-0.03, 0.03))
            fork.append([[round(c * 0.8, 9), 30], [round(c, 9), 60], [round(c * 1.9, 9), 10]])
        out.append(fork)
    return out

def quick_entries(jdk, vm_version, speed):
    e = []
    add = lambda *a, **k: e.append(entry(*a, **k))
    jv = lambda: dict(jdk=jdk, vm_name=HS, vm_version=vm_version)
    add(B + "RoundTripBenchmark.roundTrip", "thrpt", jdk, HS, vm_version, fk(15400 * speed), params={"payload": "64"})
    for conns, blocking, selector in [(1, 30000, 21000), (16, 110000, 98000), (256, 70000, 160000), (1024, 50000, 150000)]:
        for client, server, v in [("STREAM", "BLOCKING", blocking), ("SELECTOR", "SELECTOR", selector)]:
            add(B + "model.ConnectionScalingBenchmark.roundTrips", "thrpt", jdk, HS, vm_version, fk(v * speed),
                params={"client": client, "connections": str(conns), "payload": "64", "server": server,
                        "transport": "TCP"})
    for snd, v in [("0", 520.0), ("4096", 2.1), ("65536", 380.0)]:
        add(B + "buffers.SocketBufferStreamBenchmark.stream", "thrpt", jdk, HS, vm_version, fk(v * speed, spread=0.05),
            params={"path": "STREAM", "rcvBuf": "0", "sndBuf": snd, "streamBytes": "4194304", "writeSize": "65536"})
    for strategy, v in [("STREAM_PER_PART", 7600), ("COPY_HEAP", 18400), ("GATHERING", 18100)]:
        add(B + "coalescing.CoalescingBenchmark.message", "thrpt", jdk, HS, vm_version, fk(v * speed),
            params={"partBytes": "64", "parts": "16", "strategy": strategy})
    for strategy, on, off in [("STREAM_PER_PART", 0.000119, 0.0440), ("COPY_HEAP", 0.0000519, 0.0000547)]:
        for nodelay, v in [("true", on), ("false", off)]:
            h = sample_forks(v / speed)
            add(B + "coalescing.NagleBenchmark.message", "sample", jdk, HS, vm_version, [[0.0]], unit="ms/op",
                params={"partBytes": "64", "parts": "16", "strategy": strategy, "tcpNoDelay": nodelay}, hist=h,
                percentiles={"50.0": v * 1000, "90.0": v * 1900, "99.0": v * 1900, "99.9": v * 1900,
                             "99.99": v * 1900, "100.0": v * 1900})
    for workload, v in [("PERSISTENT", 71900), ("CONNECT_PER_REQUEST", 12800), ("POOL_FULL", 74300)]:
        add(B + "reuse.ConnectionReuseBenchmark.operation", "thrpt", jdk, HS, vm_version, fk(v * speed),
            params={"close": "FIN", "io": "STREAM", "payload": "64", "server": "SELECTOR", "threads": "4",
                    "workload": workload})
    return e

def fix_sample_units(entries):
    # sample-mode entries in ms/op: histogram values are in the unit; the score is their weighted mean
    for x in entries:
        if x["mode"] == "sample":
            tot = cnt = 0
            for fork in x["primaryMetric"]["rawDataHistogram"]:
                for iteration in fork:
                    for v, c in iteration:
                        v *= 1000
                        tot += v * c
                        cnt += c
            x["primaryMetric"]["rawDataHistogram"] = [[[[round(v * 1000, 6), c] for v, c in it] for it in fork]
                                                      for fork in x["primaryMetric"]["rawDataHistogram"]]
            x["primaryMetric"]["score"] = tot / cnt
    return entries

def split_by_class(entries):
    out = {}
    for x in entries:
        cls = x["benchmark"].rsplit(".", 2)[-2]
        out.setdefault(cls, []).append(x)
    return out

qr = os.path.join("quick-run", RUN)
for label, jdk, ver, speed in [("jdk17", "17.0.15", "17.0.15+6-Debian-1deb12u1", 1.0),
                               ("jdk25", "25.0.3", "25.0.3+9-LTS", 1.02)]:
    os.makedirs(os.path.join(ROOT, qr, label), exist_ok=True)
    for cls, es in split_by_class(fix_sample_units(quick_entries(jdk, ver, speed))).items():
        write(os.path.join(qr, label, cls + ".json"), es)
with open(os.path.join(ROOT, qr, "jdk17", "skips.jsonl"), "w") as f:
    f.write(json.dumps({"benchmark": B + "model.ConnectionScalingBenchmark.roundTrips",
                        "params": "client=VIRTUAL,connections=16,payload=64,server=SELECTOR,transport=TCP",
                        "jvm": "17.0.15+6-Debian-1deb12u1",
                        "reason": "client model VIRTUAL: virtual threads need JDK 21+; this JVM is 17.0.15+6-Debian-1deb12u1"}) + "\n")
run_json = {
    "runId": RUN, "profile": "quick", "status": "complete-with-failures", "startedAt": "2026-11-30T11:00:00Z",
    "gitCommit": "0000000000000000000000000000000000000000", "jmhVersion": "1.37", "selfCheck": False,
    "method": {"design": "randomized interleaved blocks", "order": "point-major", "blocks": 4, "seed": 123,
               "ciTarget": None, "maxBlocks": None, "warmup": "1 x 1 s", "measurement": "2 x 1 s"},
    "host": {"os": "Linux", "kernel": "6.18", "cpus": 2, "sysctls": {"net.core.wmem_max": "4194304"}},
    "jvms": [
        {"label": "jdk17", "javaHome": "/usr/lib/jvm/java-17-openjdk-amd64", "feature": 17, "vendor": "Debian",
         "version": "17.0.15", "runtimeVersion": "17.0.15+6-Debian-1deb12u1", "variant": None, "flags": [],
         "placement": "free", "summary": {"points": 22, "ok": 20, "skipped": 1, "failed": 0, "failedPoints": [],
                                          "errors": []}},
        {"label": "jdk25", "javaHome": "/usr/lib/jvm/temurin-25-jdk-amd64", "feature": 25,
         "vendor": "Eclipse Adoptium", "version": "25.0.3", "runtimeVersion": "25.0.3+9-LTS", "variant": None,
         "flags": ["--sun-misc-unsafe-memory-access=allow"], "placement": "free",
         "summary": {"points": 22, "ok": 21, "skipped": 0, "failed": 1,
                     "failedPoints": [B + "model.ConnectionScalingBenchmark.roundTrips thrpt {client=VIRTUAL, connections=16, payload=64, server=SELECTOR, transport=TCP}: fork 2 exited with 1"],
                     "errors": []}}]}
with open(os.path.join(ROOT, qr, "run.json"), "w") as f:
    json.dump(run_json, f, indent=2)
    f.write("\n")

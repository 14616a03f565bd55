# Makes the counter fixtures of CountersTest and UnderneathTest (issue #21): two hand-built runs of
# JDK 17 against JDK 25, 8 blocks each, in the data contract of the runner: each fork's counters as
# JMH secondary metrics, one rawData list per fork row (perfnorm: one value; /proc and gc: one per
# iteration), and run.json's "counters" with what was missing.
#   2026-12-04T12-00-00Z-quick: counters in the forks that make the score
#   2026-12-04T12-30-00Z-quick: the same counters in extra forks marked "role":"counters" in forks.jsonl
#     (their rows carry a score JMH wrote, which the analysis must leave out of the comparison)
# Command, from the repository root:
#   python3 src/test/resources/analysis-counters/make_counters_runs.py
# Counter noise is multiplicative and paired (an odd block multiplies by f, the next divides by f), so
# geometric means land exactly on the values below and arithmetic means within f's square (< 0.05%).
import json, os, math

HERE = os.path.dirname(os.path.abspath(__file__))
BLOCKS = 8
SOCK = "dev.nettune.bench.buffers.SocketBufferStreamBenchmark"
RT = "dev.nettune.bench.RoundTripBenchmark"
POINTS = [
    # class, method, params, score per JVM (ops/s), counters per JVM: name -> (unit, source, value)
    (SOCK, "stream", {"path": "STREAM", "rcvBuf": "0", "sndBuf": "4096", "streamBytes": "4194304", "writeSize": "65536"},
     {"jdk17": 0.5, "jdk25": 10.8},
     {"jdk17": {"syscalls:sys_enter_write": 1.0, "syscalls:sys_enter_poll": 0.0, "syscalls:sys_enter_read": 0.02,
                "raw_syscalls:sys_enter": 3.1, "context-switches": 2.1, "task-clock": 0.051,
                "proc:utime": 10.0, "proc:stime": 41.0, "proc:syscw": 1.0, "proc:syscr": 0.02,
                "proc:voluntary_ctxt_switches": 2.0, "proc:nonvoluntary_ctxt_switches": 0.1, "proc:ctxt_switches": 2.1,
                "gc.alloc.rate.norm": 120.0},
      "jdk25": {"syscalls:sys_enter_write": 1.0, "syscalls:sys_enter_poll": 2.9, "syscalls:sys_enter_read": 0.02,
                "raw_syscalls:sys_enter": 6.0, "context-switches": 0.05, "task-clock": 0.013,
                "proc:utime": 10.0, "proc:stime": 3.0, "proc:syscw": 1.0, "proc:syscr": 0.02,
                "proc:voluntary_ctxt_switches": 0.04, "proc:nonvoluntary_ctxt_switches": 0.01, "proc:ctxt_switches": 0.05,
                "gc.alloc.rate.norm": 120.0}}),
    (RT, "roundTrip", {"payload": "64"},
     {"jdk17": 15000.0, "jdk25": 16500.0},
     {"jdk17": {"syscalls:sys_enter_write": 2.03, "syscalls:sys_enter_poll": 0.0, "syscalls:sys_enter_read": 2.03,
                "raw_syscalls:sys_enter": 4.07, "context-switches": 2.0, "task-clock": 0.04,
                "proc:utime": 20.0, "proc:stime": 20.0, "proc:syscw": 2.03, "proc:syscr": 2.03,
                "proc:voluntary_ctxt_switches": 2.0, "proc:nonvoluntary_ctxt_switches": 0.0, "proc:ctxt_switches": 2.0,
                "gc.alloc.rate.norm": 10.5},
      "jdk25": {"syscalls:sys_enter_write": 2.03, "syscalls:sys_enter_poll": 0.0, "syscalls:sys_enter_read": 2.03,
                "raw_syscalls:sys_enter": 4.07, "context-switches": 2.0, "task-clock": 0.037,
                "proc:utime": 17.0, "proc:stime": 20.0, "proc:syscw": 2.03, "proc:syscr": 2.03,
                "proc:voluntary_ctxt_switches": 2.0, "proc:nonvoluntary_ctxt_switches": 0.0, "proc:ctxt_switches": 2.0,
                "gc.alloc.rate.norm": 10.5}}),
]
PERF_UNIT = "#/op"
UNITS = {"task-clock": "#/op", "gc.alloc.rate.norm": "B/op"}
NOISE = [0.030, 0.012, 0.021, 0.008]  # per pair of blocks: f = 1 + NOISE[k]

def unit(name):
    if name.startswith("proc:utime") or name.startswith("proc:stime"):
        return "us/op"
    return UNITS.get(name, PERF_UNIT)

def noisy(value, block, salt, phase):
    k = ((block - 1) // 2 + salt) % len(NOISE)
    f = 1 + NOISE[k]
    if value == 0:
        return 0.0
    return value * f if block % 2 == phase else value / f

def jvm_meta(label):
    if label == "jdk17":
        return {"jvm": "/usr/lib/jvm/java-17-openjdk-amd64/bin/java", "jvmArgs": [], "jdkVersion": "17.0.15",
                "vmName": "OpenJDK 64-Bit Server VM", "vmVersion": "17.0.15+6-Debian-1deb12u1"}
    return {"jvm": "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java", "jvmArgs": ["--sun-misc-unsafe-memory-access=allow"],
            "jdkVersion": "25.0.3", "vmName": "OpenJDK 64-Bit Server VM", "vmVersion": "25.0.3+9-LTS"}

def counter_metrics(rows):
    # rows: per fork row, dict name -> value or None (a fork without counters)
    names = []
    for r in rows:
        for n in (r or {}):
            if n not in names:
                names.append(n)
    out = {}
    for n in names:
        raw = []
        for r in rows:
            v = None if r is None else r.get(n)
            if v is None:
                raw.append([])
            elif n.startswith("proc:") or n.startswith("gc."):
                raw.append([v, v])  # one value per measurement iteration
            else:
                raw.append([v])  # perfnorm: one value per fork
        vals = [x for l in raw for x in l]
        out[n] = {"score": sum(vals) / len(vals), "scoreError": "NaN", "scoreConfidence": ["NaN", "NaN"],
                  "scorePercentiles": {}, "scoreUnit": unit(n), "rawData": raw}
    if any(r is not None for r in rows) and any(n.startswith("proc:") for n in names):
        out["proc:exited_threads"] = {"score": 0.0, "scoreError": "NaN", "scoreConfidence": ["NaN", "NaN"],
                                      "scorePercentiles": {}, "scoreUnit": "#",
                                      "rawData": [[] if r is None else [0.0, 0.0] for r in rows]}
        out["gc.count"] = {"score": 1.0, "scoreError": "NaN", "scoreConfidence": ["NaN", "NaN"], "scorePercentiles": {},
                           "scoreUnit": "counts", "rawData": [[] if r is None else [1.0, 0.0] for r in rows]}
    return out

def make(run_id, counting_forks):
    root = os.path.join(HERE, run_id)
    os.makedirs(os.path.join(root, "jdk17"), exist_ok=True)
    os.makedirs(os.path.join(root, "jdk25"), exist_ok=True)
    forks = []
    seq = 0
    files = {}
    for point, (cls, method, params, scores, counters) in enumerate(POINTS):
        rows = {"jdk17": [], "jdk25": []}
        for b in range(1, BLOCKS + 1):
            order = ["jdk17", "jdk25"] if b % 2 == 1 else ["jdk25", "jdk17"]
            roles = [""] + (["counters"] if counting_forks else [])
            for role in roles:
                for pos, jvm in enumerate(order, 1):
                    f = 1 + NOISE[(b - 1) % len(NOISE)] * (1 if (b + pos) % 2 else -1)
                    s = scores[jvm] * f
                    it = [s * 0.99, s * 1.01]
                    c = None
                    if not counting_forks or role == "counters":
                        # each JVM its own noise: another pair of blocks' factor, in the opposite phase
                        c = {n: noisy(v, b, i + (1 if jvm == "jdk25" else 0), 0 if jvm == "jdk25" else 1)
                             for i, (n, v) in enumerate(sorted(counters[jvm].items()))}
                    row = len(rows[jvm])
                    rows[jvm].append((it, c))
                    seq += 1
                    line = {"seq": seq, "jvm": jvm, "class": cls, "benchmark": cls + "." + method, "mode": "thrpt",
                            "params": dict(sorted(params.items())), "point": point, "block": b, "position": pos,
                            "blockSize": 2, "startedAt": "2026-12-04T12:00:%02d.000Z" % (seq % 60),
                            "endedAt": "2026-12-04T12:00:%02d.500Z" % (seq % 60), "status": "ok", "reason": None,
                            "row": row, "score": sum(it) / len(it), "unit": "ops/s"}
                    if c is not None:
                        line["counters"] = {n: {"perOp": v, "unit": unit(n)} for n, v in c.items()}
                    if role:
                        line["role"] = role
                    forks.append(line)
        for jvm in ("jdk17", "jdk25"):
            its = [r[0] for r in rows[jvm]]
            flat = [x for l in its for x in l]
            entry = {"jmhVersion": "1.37", "benchmark": cls + "." + method, "mode": "thrpt", "threads": 1,
                     "forks": len(its), **jvm_meta(jvm), "warmupIterations": 1, "warmupTime": "1 s",
                     "warmupBatchSize": 1, "measurementIterations": 2, "measurementTime": "1 s",
                     "measurementBatchSize": 1, "params": params,
                     "primaryMetric": {"score": sum(flat) / len(flat), "scoreError": "NaN",
                                       "scoreConfidence": ["NaN", "NaN"], "scorePercentiles": {}, "scoreUnit": "ops/s",
                                       "rawData": its},
                     "secondaryMetrics": counter_metrics([r[1] for r in rows[jvm]])}
            files.setdefault((jvm, cls), []).append(entry)
    for (jvm, cls), entries in files.items():
        with open(os.path.join(root, jvm, cls.rsplit(".", 1)[1] + ".json"), "w") as f:
            json.dump(entries, f, indent=2)
            f.write("\n")
    with open(os.path.join(root, "forks.jsonl"), "w") as f:
        for line in forks:
            f.write(json.dumps(line) + "\n")
    run = {"runId": run_id, "profile": "quick", "status": "complete", "startedAt": run_id[:10] + "T" + run_id[11:19]
           .replace("-", ":") + "Z", "gitCommit": "0" * 40, "jmhVersion": "1.37", "selfCheck": False,
           "method": {"design": "randomized interleaved blocks", "order": "point-major", "blocks": BLOCKS, "seed": 7,
                      "ciTarget": None, "maxBlocks": None, "warmup": "1 x 1 s", "measurement": "2 x 1 s"},
           "host": {"os": "Linux", "kernel": "6.18", "cpus": 2},
           "counters": {"perfEvents": ["raw_syscalls:sys_enter", "syscalls:sys_enter_write", "syscalls:sys_enter_read",
                                       "syscalls:sys_enter_poll", "context-switches", "task-clock"], "proc": True,
                        "missing": {"syscalls:sys_enter_clone3": "tracepoint not in this kernel"}},
           "jvms": [
               {"label": "jdk17", "javaHome": "/usr/lib/jvm/java-17-openjdk-amd64", "feature": 17, "vendor": "Debian",
                "version": "17.0.15", "runtimeVersion": "17.0.15+6-Debian-1deb12u1", "variant": None, "flags": [],
                "placement": "free"},
               {"label": "jdk25", "javaHome": "/usr/lib/jvm/temurin-25-jdk-amd64", "feature": 25, "vendor": "Debian",
                "version": "25.0.3", "runtimeVersion": "25.0.3+9-LTS", "variant": None,
                "flags": ["--sun-misc-unsafe-memory-access=allow"], "placement": "free"}]}
    with open(os.path.join(root, "run.json"), "w") as f:
        json.dump(run, f, indent=2)
        f.write("\n")

make("2026-12-04T12-00-00Z-quick", False)
make("2026-12-04T12-30-00Z-quick", True)

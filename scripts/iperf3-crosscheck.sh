#!/bin/sh
# iperf3-crosscheck.sh: an indicative ratio of nettune's best Java bulk stream to iperf3 on the
# same machine, in one session: iperf3 64 KiB writes, then the Java stream (autotuned buffers,
# 64 KiB writes, byte[] streams and direct channel), then iperf3 again to bracket the load.
# Not part of the build or the tests; needs iperf3 (apt-get install iperf3) and target/benchmarks.jar.
# Usage: scripts/iperf3-crosscheck.sh [path/to/bin/java]   (default: java on PATH)
# Loopback only. A shared or busy machine makes the figures indicative; read the ratio, not the levels.
set -eu
JAVA=${1:-java}
PORT=${IPERF3_PORT:-5299}
SECONDS_PER_RUN=5
command -v iperf3 >/dev/null || { echo "iperf3 not installed: apt-get install -y iperf3" >&2; exit 2; }
[ -f target/benchmarks.jar ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }

iperf() {
    iperf3 -s -B 127.0.0.1 -p "$PORT" -1 >/dev/null 2>&1 &
    server=$!
    sleep 1
    iperf3 -c 127.0.0.1 -p "$PORT" -l 64K -t "$SECONDS_PER_RUN" -f g | awk '/sender/ {for (i = 2; i <= NF; i++) if ($i == "Gbits/sec") print "iperf3 -l 64K: " $(i-1) " Gbit/s"}'
    wait "$server" || true # the one-off server exits after its single test
}

iperf
java -Djmh.ignoreLock=true -jar target/benchmarks.jar SocketBufferStreamBenchmark -jvm "$(command -v "$JAVA")" \
    -p sndBuf=0 -p rcvBuf=0 -p writeSize=65536 -p path=STREAM,CHANNEL_DIRECT \
    -f 1 -wi 1 -i 3 -w 1 -r 1 2>/dev/null | awk '/^SocketBufferStreamBenchmark.stream:gbit/ {print "java " $2 " writeSize=" $6 ": " $9 " Gbit/s"}'
iperf

#!/bin/sh
# roundtrip-crosscheck.sh: is the harness cheap enough to measure the kernel, not itself?
# Interleaves a native blocking TCP ping-pong (sockperf, 64 B) with RoundTripBenchmark (64 B echo,
# blocking Socket client, BlockingServer) in one session, each run both free on all cores and
# pinned to one core (taskset -c 0), twice: A B A B, so drift shows. Prints round trips/s.
# sockperf reports one-way latency (half the round trip): round trips/s = 1e6 / (2 x avg usec).
# Not part of the build or the tests; needs sockperf (apt-get install sockperf) and target/benchmarks.jar.
# Usage: scripts/roundtrip-crosscheck.sh [path/to/bin/java]   (default: java on PATH). Loopback only.
set -eu
JAVA=${1:-java}
PORT=${SOCKPERF_PORT:-11111}
command -v sockperf >/dev/null || { echo "sockperf not installed: apt-get install -y sockperf" >&2; exit 2; }
[ -f target/benchmarks.jar ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }

sockperf_rt() { # $1: placement prefix ("" or "taskset -c 0")
    $1 sockperf server --tcp -i 127.0.0.1 -p "$PORT" >/dev/null 2>&1 &
    server=$!
    sleep 1
    $1 sockperf ping-pong --tcp -i 127.0.0.1 -p "$PORT" -m 64 -t 5 2>&1 \
        | awk '/avg-latency/ { for (i = 1; i <= NF; i++) if ($i ~ /^avg-latency=/) { split($i, a, "="); printf "%.0f", 1e6 / (2 * a[2]) } }'
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true # killed on purpose
}

java_rt() { # $1: placement prefix; the JMH fork inherits the launcher's CPU affinity
    $1 "$JAVA" -Djmh.ignoreLock=true -jar target/benchmarks.jar 'RoundTripBenchmark' -bm thrpt \
        -f 1 -wi 2 -w 1 -i 5 -r 1 -prof gc 2>/dev/null \
        | awk '/^RoundTripBenchmark.roundTrip +[0-9]+ +thrpt/ {printf "%.0f", $5} /gc.alloc.rate.norm/ {alloc=$5} END {printf " (gc.alloc.rate.norm %s B/op)", alloc}'
}

for round in 1 2; do
    for placement in free pinned; do
        prefix=""
        [ "$placement" = pinned ] && prefix="taskset -c 0"
        echo "round $round $placement: sockperf $(sockperf_rt "$prefix") rt/s; java $(java_rt "$prefix") rt/s"
    done
done

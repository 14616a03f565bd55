#!/bin/sh
# epoll-scaling-crosscheck.sh: does a native epoll server also lose throughput from 16 to 1,024
# connections on this machine, or is the loss Java's? Interleaves, round after round, a C program
# (scripts/epoll_scaling.c: epoll server thread + epoll client thread in one process, 80-byte
# requests, every reply compared) with ConnectionScalingBenchmark's SELECTOR x SELECTOR pair (64 B
# payload + 16 B header = the same 80 bytes), each at 16 and then 1,024 connections, so both see
# the same machine moods. Prints the mean round trips/s of 5 x 2 s intervals per point, the
# 1,024/16 ratio per round, and the median ratio over the rounds.
# Not part of the build or the tests; needs gcc and target/benchmarks.jar. Loopback only.
# Usage: scripts/epoll-scaling-crosscheck.sh [path/to/bin/java] [rounds]   (default: java on PATH, 6)
set -eu
JAVA=${1:-java}
ROUNDS=${2:-6}
command -v gcc >/dev/null || { echo "gcc not installed: apt-get install -y gcc" >&2; exit 2; }
[ -f target/benchmarks.jar ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
[ "$(ulimit -n)" -ge 2200 ] || { echo "1,024 connections need ~2,100 file descriptors; ulimit -n is $(ulimit -n)" >&2; exit 2; }
BIN=$(mktemp /tmp/epoll_scaling.XXXXXX)
trap 'rm -f "$BIN"' EXIT
gcc -O2 -Wall -pthread -o "$BIN" scripts/epoll_scaling.c

c_point() { # $1: connections -> mean round trips/s
    "$BIN" 2 "$1" | awk '{ s = 0; for (i = 4; i <= 8; i++) s += $i; printf "%.0f", s / 5 }'
}

java_points() { # -> "mean@16 mean@1024"
    "$JAVA" -Djmh.ignoreLock=true -jar target/benchmarks.jar ConnectionScalingBenchmark \
        -p client=SELECTOR -p server=SELECTOR -p connections=16,1024 -p payload=64 -p transport=TCP \
        -f 1 -wi 3 -w 1s -i 5 -r 2s 2>/dev/null \
        | awk '$1 == "ConnectionScalingBenchmark.roundTrips" && $7 == "thrpt" { s[$3] = $9 } END { printf "%.0f %.0f", s[16], s[1024] }'
}

ratios=""
round=1
while [ "$round" -le "$ROUNDS" ]; do
    c16=$(c_point 16); c1024=$(c_point 1024)
    set -- $(java_points); j16=$1; j1024=$2
    line=$(awk -v a="$c16" -v b="$c1024" -v c="$j16" -v d="$j1024" 'BEGIN { printf "%.2f %.2f", b / a, d / c }')
    set -- $line
    echo "round $round: C $c16 -> $c1024 rt/s (x$1); Java $j16 -> $j1024 rt/s (x$2)"
    ratios="$ratios$1 $2
"
    round=$((round + 1))
done
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "median 1,024/16 ratio over $ROUNDS rounds: C $(printf '%s' "$ratios" | cut -d' ' -f1 | median), Java $(printf '%s' "$ratios" | cut -d' ' -f2 | median)"

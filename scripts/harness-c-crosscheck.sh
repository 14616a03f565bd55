#!/bin/sh
# harness-c-crosscheck.sh: what does nettune's harness cost on top of the kernel? Runs a C program
# (scripts/harness_c.c, compiled with gcc on the fly) and the matching nettune benchmark in one
# session, interleaved C, Java, C, Java, ... C for every workload and round, so each Java figure is
# divided by the mean of the two C figures measured just before and just after it. Prints every
# ratio as it comes, then per workload and JVM the median Java/C ratio with its range over the
# rounds and n. Workloads (64 B payload + 16 B header, TCP_NODELAY, loopback):
#   rr            one persistent connection (RoundTripBenchmark, thrpt)   vs C rr
#   crr-selector  connect per request, SELECTOR server (ConnectionReuseBenchmark
#                 CONNECT_PER_REQUEST, threads=1, FIN, STREAM)            vs C crr epoll
#   crr-blocking  the same, a server thread started per connection       vs C crr thread
#   crr-pooled    the same, a cached pool of server threads               vs C crr pool
#   stream        4 MiB one-way streams in 64 KiB writes, autotuned buffers, byte[] streams
#                 (SocketBufferStreamBenchmark, every byte verified)      vs C stream blocking
#   stream-direct the same from a direct ByteBuffer (StreamIoPathBenchmark CHANNEL_DIRECT)
# By default everything runs pinned to CPU 0 (client, server and JMH share one core, so the ratio
# compares work, not wake-up placement); PIN= (empty) runs free, PIN=0,1 on two cores.
# Not part of the build or the tests; needs gcc and target/benchmarks.jar. Loopback only.
# Usage: scripts/harness-c-crosscheck.sh [-r ROUNDS] [-w 'WORKLOAD ...'] [path/to/bin/java ...]
#   (default: 5 rounds, every workload, java on PATH; several JVMs are interleaved in each round)
set -eu
ROUNDS=5
WORKLOADS="rr crr-selector crr-blocking crr-pooled stream stream-direct"
while getopts r:w: opt; do
    case $opt in
        r) ROUNDS=$OPTARG ;;
        w) WORKLOADS=$OPTARG ;;
        *) echo "usage: $0 [-r ROUNDS] [-w 'WORKLOAD ...'] [path/to/bin/java ...]" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- java
PIN=${PIN-0}
SECONDS_C=5
case $ROUNDS in ''|*[!0-9]*|0) echo "ROUNDS must be a positive whole number: $ROUNDS" >&2; exit 2 ;; esac
command -v gcc >/dev/null || { echo "gcc not installed: apt-get install -y gcc" >&2; exit 2; }
[ -f target/benchmarks.jar ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
for j in "$@"; do
    command -v "$j" >/dev/null || { echo "no java at $j" >&2; exit 2; }
done
for w in $WORKLOADS; do
    case $w in rr|crr-selector|crr-blocking|crr-pooled|stream|stream-direct) ;;
        *) echo "unknown workload '$w'; valid: rr crr-selector crr-blocking crr-pooled stream stream-direct" >&2; exit 2 ;;
    esac
done
TMP=$(mktemp -d /tmp/harness-c.XXXXXX)
trap 'rm -rf "$TMP"' EXIT
gcc -O2 -Wall -pthread -o "$TMP/harness_c" scripts/harness_c.c
PLACE=""
[ -n "$PIN" ] && PLACE="taskset -c $PIN"

c_figure() { # $1: workload -> the C figure
    case $1 in
        rr) $PLACE "$TMP/harness_c" rr $SECONDS_C ;;
        crr-selector) $PLACE "$TMP/harness_c" crr epoll $SECONDS_C ;;
        crr-blocking) $PLACE "$TMP/harness_c" crr thread $SECONDS_C ;;
        crr-pooled) $PLACE "$TMP/harness_c" crr pool $SECONDS_C ;;
        stream|stream-direct) $PLACE "$TMP/harness_c" stream blocking $SECONDS_C 65536 4194304 ;;
    esac
}

java_figure() { # $1: workload, $2: java -> the Java figure (mean of 5 x 1 s iterations after 3 x 1 s warm-up)
    reuse="-p workload=CONNECT_PER_REQUEST -p threads=1 -p payload=64 -p close=FIN -p io=STREAM -bm thrpt"
    case $1 in
        rr) set -- "$2" RoundTripBenchmark RoundTripBenchmark.roundTrip -p payload=64 -bm thrpt ;;
        crr-selector) set -- "$2" ConnectionReuseBenchmark ConnectionReuseBenchmark.operation $reuse -p server=SELECTOR ;;
        crr-blocking) set -- "$2" ConnectionReuseBenchmark ConnectionReuseBenchmark.operation $reuse -p server=BLOCKING ;;
        crr-pooled) set -- "$2" ConnectionReuseBenchmark ConnectionReuseBenchmark.operation $reuse -p server=POOLED ;;
        stream) set -- "$2" SocketBufferStreamBenchmark SocketBufferStreamBenchmark.stream:gbit \
            -p sndBuf=0 -p rcvBuf=0 -p writeSize=65536 -p path=STREAM -p streamBytes=4194304 ;;
        stream-direct) set -- "$2" StreamIoPathBenchmark StreamIoPathBenchmark.stream:gbit \
            -p path=CHANNEL_DIRECT -p writeSize=65536 -p streamBytes=4194304 ;;
    esac
    java=$1 class=$2 row=$3
    shift 3
    rm -f "$TMP/result.csv"
    $PLACE "$java" -Djmh.ignoreLock=true -jar target/benchmarks.jar "$class" "$@" \
        -f 1 -wi 3 -w 1s -i 5 -r 1s -rf csv -rff "$TMP/result.csv" >"$TMP/jmh.log" 2>&1 \
        || { echo "java run failed ($java $class); its output: $TMP/jmh.log" >&2; cat "$TMP/jmh.log" >&2; exit 1; }
    # JMH's CSV: "Benchmark","Mode","Threads","Samples","Score",...; the row whose name ends in .$row
    awk -F, -v row=".$row\"" 'index($1, row) > 0 && index($1, row) == length($1) - length(row) + 1 { print $5; exit }' "$TMP/result.csv" \
        | grep . || { echo "no $row row in JMH's results ($java $class): $TMP/jmh.log" >&2; cat "$TMP/jmh.log" >&2; exit 1; }
}

echo "harness-c-crosscheck: $ROUNDS rounds of $WORKLOADS; placement: ${PLACE:-free}; JVMs: $*"
: >"$TMP/ratios"
round=1
while [ "$round" -le "$ROUNDS" ]; do
    for w in $WORKLOADS; do
        before=$(c_figure "$w")
        k=1
        for j in "$@"; do
            jv=$(java_figure "$w" "$j")
            after=$(c_figure "$w")
            line=$(awk -v j="$jv" -v a="$before" -v b="$after" 'BEGIN { printf "%.3f", j / ((a + b) / 2) }')
            echo "round $round $w jvm$k ($j): C $before, Java $jv, C $after -> Java/C $line"
            echo "$w jvm$k $line $jv $before $after" >>"$TMP/ratios"
            before=$after
            k=$((k + 1))
        done
    done
    round=$((round + 1))
done

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "summary: median Java/C over the rounds [min, max] (n); median Java and C figures"
for w in $WORKLOADS; do
    k=1
    for j in "$@"; do
        rows=$(awk -v w="$w" -v k="jvm$k" '$1 == w && $2 == k' "$TMP/ratios")
        n=$(printf '%s\n' "$rows" | grep -c .)
        med=$(printf '%s\n' "$rows" | awk '{ print $3 }' | median)
        lo=$(printf '%s\n' "$rows" | awk '{ print $3 }' | sort -g | head -n 1)
        hi=$(printf '%s\n' "$rows" | awk '{ print $3 }' | sort -g | tail -n 1)
        jm=$(printf '%s\n' "$rows" | awk '{ print $4 }' | median)
        cm=$(printf '%s\n' "$rows" | awk '{ print $5; print $6 }' | median)
        echo "$w jvm$k ($j): Java/C $med [$lo, $hi] (n=$n); Java $jm, C $cm"
        k=$((k + 1))
    done
done

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
#
# System calls per operation: when perf can count tracepoints (perf installed, and as root
# `mount -t tracefs nodev /sys/kernel/tracing`), one counting run per workload and JVM follows the
# timed rounds (never during them): JMH's perfnorm with raw_syscalls:sys_enter for Java (6 x 1 s
# after 3 x 1 s warm-up), perf stat over the C program (HARNESS_C_OPS=1 makes it print its
# operations). The crr workloads count per connection (per connect(2)): their load thread keeps
# connecting between JMH iterations, which JMH's operation count leaves out. Without perf the
# counts are skipped, said so, and not checked. rr and stream count per JMH operation: perfnorm opens
# its window warm-up + 1 s after the JVM starts, so a slow start adds part of a warm-up iteration
# (up to ~20% high on a loaded machine). docs/harness-syscalls.md explains each call.
#
# Floors (-f FILE, default scripts/harness-floors.tsv; -f '' checks nothing): tab-separated lines
#   WORKLOAD  ratio           FLOOR     the median Java/C must not fall more than 10% below FLOOR
#   WORKLOAD  syscalls-per-op CEILING   Java's system calls per operation must not exceed CEILING
# for the workloads run (a JVM-specific line names the JVM's path in a 4th column). Every check is
# printed; the script exits 1 after printing each line that failed, 0 when all passed.
#
# Not part of the build or the tests; needs gcc and target/benchmarks.jar. Loopback only.
# Usage: scripts/harness-c-crosscheck.sh [-r ROUNDS] [-w 'WORKLOAD ...'] [-f FLOORS] [path/to/bin/java ...]
#   (default: 5 rounds, every workload, java on PATH; several JVMs are interleaved in each round)
#   Exit status: 0 all floors held, 1 a floor failed (or a run failed), 2 bad usage.
set -eu
ROUNDS=5
WORKLOADS="rr crr-selector crr-blocking crr-pooled stream stream-direct"
FLOORS=scripts/harness-floors.tsv
while getopts r:w:f: opt; do
    case $opt in
        r) ROUNDS=$OPTARG ;;
        w) WORKLOADS=$OPTARG ;;
        f) FLOORS=$OPTARG ;;
        *) echo "usage: $0 [-r ROUNDS] [-w 'WORKLOAD ...'] [-f FLOORS] [path/to/bin/java ...]" >&2; exit 2 ;;
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
if [ -n "$FLOORS" ]; then
    [ -f "$FLOORS" ] || { echo "no floors file: $FLOORS (-f '' checks nothing)" >&2; exit 2; }
    bad=$(awk -F'\t' '!/^#/ && NF > 0 && (NF < 3 || ($2 != "ratio" && $2 != "syscalls-per-op") || $3 !~ /^[0-9]+([.][0-9]+)?$/) { print FILENAME ":" NR ": " $0; exit }' "$FLOORS")
    [ -z "$bad" ] || { echo "bad floors line (want WORKLOAD<TAB>ratio|syscalls-per-op<TAB>NUMBER[<TAB>JAVA]): $bad" >&2; exit 2; }
fi
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
    csv=${JMH_CSV:-$TMP/result.csv}
    rm -f "$csv"
    # JMH_EXTRA (a profiler) and JMH_ITERATIONS are set by the counting run only
    $PLACE "$java" -Djmh.ignoreLock=true -jar target/benchmarks.jar "$class" "$@" \
        -f 1 -w 1s ${JMH_ITERATIONS:--wi 3 -i 5} -r 1s ${JMH_EXTRA:-} -rf csv -rff "$csv" >"$TMP/jmh.log" 2>&1 \
        || { echo "java run failed ($java $class); its output: $TMP/jmh.log" >&2; cat "$TMP/jmh.log" >&2; exit 1; }
    # JMH's CSV: "Benchmark","Mode","Threads","Samples","Score",...; the row whose name ends in .$row
    awk -F, -v row=".$row\"" 'index($1, row) > 0 && index($1, row) == length($1) - length(row) + 1 { print $5; exit }' "$csv" \
        | grep . || { echo "no $row row in JMH's results ($java $class): $TMP/jmh.log" >&2; cat "$TMP/jmh.log" >&2; exit 1; }
}

echo "harness-c-crosscheck: $ROUNDS rounds of $WORKLOADS; placement: ${PLACE:-free}; JVMs: $*"
: >"$TMP/ratios"
: >"$TMP/medians"
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

# ---- system calls per operation (after the timed rounds, so counting never disturbs a timing) ----
COUNTING=no
if command -v perf >/dev/null && perf stat -x, -e raw_syscalls:sys_enter -o /dev/null true >/dev/null 2>&1; then
    COUNTING=yes
else
    echo "syscalls/op: not counted (perf with tracepoints unavailable: apt-get install linux-perf; as root: mount -t tracefs nodev /sys/kernel/tracing)"
fi

c_syscalls() { # $1: workload -> C system calls per operation (whole run divided by every operation made)
    case $1 in
        rr) set -- rr 2 ;;
        crr-selector) set -- crr epoll 2 ;;
        crr-blocking) set -- crr thread 2 ;;
        crr-pooled) set -- crr pool 2 ;;
        stream|stream-direct) set -- stream blocking 2 65536 4194304 ;;
    esac
    HARNESS_C_OPS=1 perf stat -x, -e raw_syscalls:sys_enter -o "$TMP/c.stat" -- $PLACE "$TMP/harness_c" "$@" >/dev/null 2>"$TMP/c.err" \
        || { echo "C counting run failed: $(cat "$TMP/c.err")" >&2; exit 1; }
    awk -F, '$3 == "raw_syscalls:sys_enter" { calls = $1 } END { if (calls == "") exit 1; print calls }' "$TMP/c.stat" >"$TMP/c.calls" \
        || { echo "no raw_syscalls:sys_enter count in perf's output: $TMP/c.stat" >&2; cat "$TMP/c.stat" >&2; exit 1; }
    awk -v calls="$(cat "$TMP/c.calls")" '$1 == "operations" && $2 > 0 { printf "%.2f\n", calls / $2; found = 1 } END { if (!found) exit 1 }' "$TMP/c.err" \
        || { echo "the C program printed no operation count: $(cat "$TMP/c.err")" >&2; exit 1; }
}

java_syscalls() { # $1: workload, $2: java -> Java system calls per operation (crr: per connection)
    events=raw_syscalls:sys_enter,syscalls:sys_enter_connect
    rm -f "$TMP/count.csv"
    JMH_EXTRA="-prof perfnorm:events=$events" JMH_ITERATIONS="-wi 3 -i 6" JMH_CSV="$TMP/count.csv"
    java_figure "$1" "$2" >/dev/null
    unset JMH_EXTRA JMH_ITERATIONS JMH_CSV
    # perfnorm rows: "...operation:raw_syscalls:sys_enter",...,score in column 5
    awk -F, -v crr="$(case $1 in crr-*) echo 1 ;; esac)" '
        index($1, ":raw_syscalls:sys_enter\"") { calls = $5 }
        index($1, ":syscalls:sys_enter_connect\"") { connects = $5 }
        END {
            if (calls == "") exit 1
            if (crr) { if (connects <= 0) exit 1; printf "%.2f\n", calls / connects } else printf "%.2f\n", calls
        }' "$TMP/count.csv" || { echo "no perfnorm syscall rows for $1 ($2): $TMP/jmh.log" >&2; cat "$TMP/jmh.log" >&2; exit 1; }
}

: >"$TMP/syscalls"
if [ "$COUNTING" = yes ]; then
    for w in $WORKLOADS; do
        c=$(c_syscalls "$w")
        k=1
        for j in "$@"; do
            jc=$(java_syscalls "$w" "$j")
            echo "syscalls/op $w jvm$k ($j): Java $jc, C $c"
            echo "$w jvm$k $jc $c" >>"$TMP/syscalls"
            k=$((k + 1))
        done
    done
fi

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
        sc=$(awk -v w="$w" -v k="jvm$k" '$1 == w && $2 == k { printf "; syscalls/op Java %s, C %s", $3, $4 }' "$TMP/syscalls")
        echo "$w jvm$k ($j): Java/C $med [$lo, $hi] (n=$n); Java $jm, C $cm$sc"
        echo "$w jvm$k $j $med" >>"$TMP/medians"
        k=$((k + 1))
    done
done

# ---- floors ----
[ -n "$FLOORS" ] || exit 0
echo "floors ($FLOORS): a ratio may fall at most 10% below its floor; syscalls/op may not exceed its ceiling"
: >"$TMP/failed"
for w in $WORKLOADS; do
    k=1
    for j in "$@"; do
        med=$(awk -v w="$w" -v k="jvm$k" '$1 == w && $2 == k { print $4 }' "$TMP/medians")
        sc=$(awk -v w="$w" -v k="jvm$k" '$1 == w && $2 == k { print $3 }' "$TMP/syscalls")
        awk -F'\t' -v w="$w" -v j="$j" -v med="$med" -v sc="$sc" -v failed="$TMP/failed" '
            /^#/ || NF < 3 || $1 != w || (NF >= 4 && $4 != "" && $4 != j) { next }
            $2 == "ratio" {
                limit = $3 * 0.9
                verdict = med + 0 < limit ? "FAILED" : "ok"
                line = sprintf("%s %s: Java/C %s, floor %s (fails below %.3f): %s", w, j, med, $3, limit, verdict)
            }
            $2 == "syscalls-per-op" {
                if (sc == "") { print w " " j ": syscalls/op not counted, ceiling " $3 " not checked"; next }
                verdict = sc + 0 > $3 + 0 ? "FAILED" : "ok"
                line = sprintf("%s %s: syscalls/op %s, ceiling %s: %s", w, j, sc, $3, verdict)
            }
            { print line; if (verdict == "FAILED") print line >>failed }' "$FLOORS"
        k=$((k + 1))
    done
done
if [ -s "$TMP/failed" ]; then
    echo "harness-c-crosscheck: FAILED floors:" >&2
    cat "$TMP/failed" >&2
    exit 1
fi
echo "harness-c-crosscheck: every floor held"

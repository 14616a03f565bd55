#!/bin/sh
# hostile-clients.sh: does the standalone server hold its memory under hostile clients (issue #19)?
# For each server model and JDK: starts dev.nettune.server.Main --server MODEL on loopback (default
# options), opens 300 and then 3,000 connections that each send one header announcing a 16 MiB frame
# (the default cap) and then nothing, and prints the server's VmRSS and peak VmHWM (/proc/PID/status),
# the median and maximum latency of 40 valid verified requests served meanwhile, how long the read
# timeout takes to close the 300, and the time from SIGTERM to exit with the 3,000 still stalled.
# The work is done by dev.nettune.server.HostileClientsCheck (in benchmarks.jar); it exits 1 when VmHWM
# reaches 256 MiB, a valid request fails or SIGTERM takes 10 s or more. A memory and liveness check,
# not a benchmark: the latencies only say the server still answers. Loopback only; not part of the build.
# Usage: scripts/hostile-clients.sh [MODEL ...]   (default: BLOCKING POOLED SELECTOR VIRTUAL)
#   JDKS="/usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64" (default: both, if present)
# Extra server options (e.g. --maxBufferedBytes 67108864) go in SERVER_OPTS.
set -eu
[ -f target/benchmarks.jar ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 2; }
MODELS=${*:-BLOCKING POOLED SELECTOR VIRTUAL}
JDKS=${JDKS:-$(for j in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64; do [ -x "$j/bin/java" ] && echo "$j"; done)}
[ -n "$JDKS" ] || { echo "no JDK found: set JDKS to one or more JAVA_HOMEs" >&2; exit 2; }
# 3,000 connections take 3,000 descriptors in the server and as many in the client.
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge 6100 ] || { echo "ulimit -n $(ulimit -n) is below 6,100 descriptors" >&2; exit 2; }

status=0
summaries=""
for jdk in $JDKS; do
    major=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
    for model in $MODELS; do
        if [ "$model" = VIRTUAL ] && [ "$major" -lt 21 ]; then
            line="hostile-clients: VIRTUAL on JDK $major: skipped, virtual threads need JDK 21+"
            echo "$line"
            summaries="$summaries$line
"
            continue
        fi
        echo "== $model on JDK $major"
        # shellcheck disable=SC2086 # SERVER_OPTS is a list of words
        out=$("$jdk/bin/java" -cp target/benchmarks.jar dev.nettune.server.HostileClientsCheck "$model" "$jdk/bin/java" -- ${SERVER_OPTS:-} 2>&1) || status=1
        echo "$out"
        summaries="$summaries$(echo "$out" | grep '^hostile-clients: ' || echo "hostile-clients: $model on JDK $major: no summary (see above)")
"
    done
done
echo
echo "== summary (bound: VmHWM < 256 MiB, SIGTERM to exit < 10 s)"
printf '%s' "$summaries"
exit $status

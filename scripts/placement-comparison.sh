#!/bin/sh
# The server-placement comparison through the suite's own runner (randomized interleaved blocks, the
# report's placement and JVM tables): RR 64 B (RoundTripBenchmark), a 4 MiB stream in 64 KiB writes
# with autotuned and 4 KiB SO_SNDBUF (SocketBufferStreamBenchmark, quick's two points), and
# connect-per-request (ConnectionReuseBenchmark, 4 threads, FIN, SELECTOR server), each with the
# server in process, in a JVM of its own on loopback, in a network namespace over veth (MTU 1500)
# and the same at 1 Gbit/s (tc tbf), on every JDK found: 16 points. netns needs root (its points
# are skipped with the reason otherwise). Extra arguments go to mvn, e.g. -Dnettune.jvms=17,25
# -Dnettune.blocks=6 (fewer blocks than quick's 8, for a shorter run). On a shared machine,
# serialise timing runs:
#   flock /work/timing.lock scripts/placement-comparison.sh
set -eu
cd "$(dirname "$0")/.."
exec mvn -B verify -DskipTests -Dnettune.profile=quick \
    -Dnettune.include='RoundTripBenchmark|SocketBufferStreamBenchmark|ConnectionReuseBenchmark' \
    -Dnettune.placements=inprocess,process,netns,netns:rate=1gbit \
    -Dnettune.jmh='-p workload=CONNECT_PER_REQUEST' "$@"

#!/bin/sh
# nettune explain: profiled where the point was measured
exec taskset -c 0 '/usr/lib/jvm/java-17-openjdk-amd64/bin/java' "$@"

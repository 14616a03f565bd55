#!/bin/sh
# nettune explain: profiled where the point was measured
exec taskset -c 0 '/usr/lib/jvm/temurin-25-jdk-amd64/bin/java' "$@"

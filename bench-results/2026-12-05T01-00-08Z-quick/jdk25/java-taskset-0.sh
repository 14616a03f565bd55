#!/bin/sh
# nettune: fork jdk25 with placement 'taskset -c 0' (the point's, from its profile)
exec '/usr/bin/taskset' -c 0 '/usr/lib/jvm/temurin-25-jdk-amd64/bin/java' "$@"

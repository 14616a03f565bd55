#!/bin/sh
# nettune: fork jdk17 with placement 'taskset -c 0' (the point's, from its profile)
exec '/usr/bin/taskset' -c 0 '/usr/lib/jvm/java-17-openjdk-amd64/bin/java' "$@"

#!/bin/sh
# nettune: fork jdk25-cpu0 with placement 'taskset -c 0'
exec '/usr/bin/taskset' -c 0 '/usr/lib/jvm/temurin-25-jdk-amd64/bin/java' "$@"

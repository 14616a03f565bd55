#!/bin/sh
# nettune: fork jdk17-cpu0 with placement 'taskset -c 0'
exec '/usr/bin/taskset' -c 0 '/usr/lib/jvm/java-17-openjdk-amd64/bin/java' "$@"

#!/usr/bin/env bash
# readme-commands.sh: every command README.md shows is run here as written, or named with the CI step
# or JUnit test that runs it, or listed as a long run with the reason. A command README shows that is
# in none of these fails the check, as does a command that fails.
#
# Usage: scripts/readme-commands.sh [--list]
#   --list   extract and classify README's commands, run nothing (seconds; no build needed)
# Without --list: needs a build (target/benchmarks.jar; .ci/run calls it after its test and smoke
# steps), root, ip and a free /30 of 198.18.0.0/15 for the remote example (see run_remote_example).
# Exit status: 0 every command covered and every run one succeeded; 1 otherwise; 2 bad usage.
#
# What counts as a command: every non-comment line of an indented code block (a trailing `\` or a
# deeper-indented line continues it), every line of a fenced block whose first word is a command
# word, and every inline code span starting with a command word followed by a space (mvn, java,
# scripts/, ./, sudo, apt-get, iperf3, sockperf, taskset, git, ip, tc, JAVA_HOME=...). Inline spans
# `-Dnettune.X=V` are options: each is checked by the suite runner's dry run, as `mvn verify` passes it
# (--X=V). Why a script and not a JUnit test: the commands are shell commands run as a user types
# them (mvn inside a surefire run would recurse), and the remote example needs root and a namespace.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
README=${README:-README.md}   # another file only to test this check itself
LIST_ONLY=false
case "${1:-}" in
  '') ;;
  --list) LIST_ONLY=true ;;
  *) echo "readme-commands: unknown argument '$1' (usage: scripts/readme-commands.sh [--list])" >&2; exit 2 ;;
esac

# The address README's remote example uses (TEST-NET-1, RFC 5737); the check substitutes the
# namespace's address for it, the only change to those two commands besides -DskipTests below.
EXAMPLE_ADDR=192.0.2.7
JAR=target/benchmarks.jar

# ---------------------------------------------------------------------------------------------
# Extraction: one line per command, "cmd<TAB>text" or "opt<TAB>text", text with runs of blanks
# squeezed and a trailing "  # comment" dropped.
extract() {
  awk '
    function squeeze(s) { gsub(/[ \t]+/, " ", s); sub(/^ /, "", s); sub(/ $/, "", s); return s }
    function nocomment(s) { sub(/[ \t]+#[ \t].*$/, "", s); return s }
    function emit(kind, s) { s = squeeze(s); if (s != "" && !seen[kind s]++) print kind "\t" s }
    function flush() { if (pending != "") emit("cmd", pending); pending = ""; cont = 0 }
    function cmdword(s) {
      return s ~ /^(mvn|java|sudo|apt-get|iperf3|sockperf|taskset|git|ip|tc) / || s ~ /^(scripts|\.)\/[^ ]+/ || s ~ /^JAVA[0-9]*_HOME=[^ ]+ /
    }
    /^```/ { flush(); infence = !infence; next }
    infence { l = $0; sub(/^[ \t]+/, "", l); if (cmdword(l)) emit("cmd", nocomment(l)); next }
    # indented code block: 4 spaces, after a blank line or another code line
    /^    / && (prevblank || incode) {
      l = substr($0, 5)
      if (l ~ /^#/) { flush(); incode = 1; prevblank = 0; next }
      if (cont || (pending != "" && l ~ /^    /)) { sub(/\\$/, "", pending); pending = pending " " l }
      else { flush(); pending = l }
      cont = (pending ~ /\\[ \t]*$/); if (cont) sub(/\\[ \t]*$/, "", pending)
      if (!cont) pending = nocomment(pending)
      incode = 1; prevblank = 0; next
    }
    {
      flush(); incode = 0; prevblank = ($0 ~ /^[ \t]*$/)
      if (prevblank) carry = ""
      line = carry $0; carry = ""
      # In a table (a row starts with "|") GitHub renders \| inside a code span as |, but a reader
      # of the raw file copies the backslash; a command or option with \| is refused below.
      while (match(line, /`[^`]+`/)) {
        s = substr(line, RSTART + 1, RLENGTH - 2); line = substr(line, RSTART + RLENGTH)
        if (cmdword(s)) emit("cmd", s)
        else if (s ~ /^-Dnettune\.[A-Za-z]+=/) emit("opt", s)
      }
      if (index(line, "`")) carry = substr(line, index(line, "`")) " "   # a span that goes on on the next line
    }
    END { flush() }
  ' "$README"
}

# ---------------------------------------------------------------------------------------------
# Coverage: for each command text exactly as README writes it (blanks squeezed), how it is covered.
#   run:NAME    run here by the function NAME, as written
#   ci:STEP     run by that step of .ci/run, as written
#   test:CLASS  run by that JUnit test (the file must exist)
#   long:WHY    not run: how long it takes, and what runs the same code
#   plan:WHY    not run (too long, WHY), but its plan is printed by a dry run here, which checks its options
#   other:WHY   not a nettune command (another tool README names)
classify() {
  case "$1" in
    'mvn verify')
      echo "plan:the quick profile on every JDK, with the tests; CI runs the same pipeline as 'mvn -B verify -DskipTests -Dnettune.profile=smoke' and in the remote example" ;;
    'mvn -B test')
      echo "ci:.ci/run, tests on the default JDK and on JDK 25" ;;
    'mvn verify -DskipTests')
      echo "plan:the quick profile on every JDK; CI runs the same pipeline with the smoke profile and in the remote example" ;;
    'mvn verify -Dnettune.resume=<runId>'|'mvn verify -Dnettune.resume=<runId> -Dnettune.profile=smoke')
      echo "test:src/test/java/dev/nettune/run/SuiteResumeTest.java" ;;
    'java -jar target/benchmarks.jar -lprof')
      echo "run:run_as_written" ;;
    'scripts/hostile-clients.sh [MODEL ...]')
      echo "long:300 and 3,000 hostile connections per server model (minutes); src/test/java/dev/nettune/server/HostileClientsTest.java tests the same per model; here: bash -n" ;;
    'scripts/harness-floors.tsv')
      echo "other:the floors file scripts/harness-c-crosscheck.sh reads" ;;
    'java -cp target/benchmarks.jar dev.nettune.run.Suite --help')
      echo "run:run_as_written" ;;
    'mvn -B package -DskipTests')
      echo "run:run_as_written" ;;
    'java -jar target/benchmarks.jar -l')
      echo "run:run_as_written" ;;
    'java -jar target/benchmarks.jar RoundTripBenchmark -prof gc')
      echo "run:run_as_written" ;;
    'java -cp target/benchmarks.jar dev.nettune.analysis.Analyze [--out DIR] [--runs IDS] [--filter EXPR] [--baseline LABEL] [--alpha A] [--fail-on-regression P] [--no-charts] [--no-html] [--allow-missing] FILES-OR-DIRS...')
      echo "run:run_analyze" ;;
    "java -cp target/benchmarks.jar dev.nettune.server.Main --server BLOCKING --bind $EXAMPLE_ADDR --port 7000")
      echo "run:run_remote_example (the server half, in a network namespace, with the namespace's address)" ;;
    "mvn verify -Dnettune.include=RoundTripBenchmark -Dnettune.placements=remote=$EXAMPLE_ADDR:7000 -Dnettune.jmh='-p payload=64'")
      echo "run:run_remote_example (the client half, with the namespace's address, -DskipTests)" ;;
    'java -cp target/benchmarks.jar dev.nettune.explain.Explain --run bench-results/<run>')
      echo "test:src/test/java/dev/nettune/explain/ExplainTest.java" ;;
    'java -cp target/benchmarks.jar dev.nettune.analysis.calibrate.Calibrate --run calibration/<runId> --cap 6 --write-profiles src/main/resources/nettune/profiles --evidence calibration/calibration.md')
      echo "test:src/test/java/dev/nettune/analysis/calibrate/CalibrateTest.java" ;;
    'mvn verify -DskipTests -Dnettune.calibrate=quick')
      echo "long:the calibration run (about 40 minutes for 2 JDKs here); the classification it feeds is tested in src/test/java/dev/nettune/analysis/calibrate/CalibrateTest.java" ;;
    "mvn verify -DskipTests -Dnettune.calibrate=quick -Dnettune.include='RoundTrip|Coalescing|Nagle' -Dnettune.results=calibration/pinned -Dnettune.jvms=17,25")
      echo "long:the calibration of quick's pinned classes (about 13 minutes for 2 JDKs here); the classification it feeds is tested in src/test/java/dev/nettune/analysis/calibrate/CalibrateTest.java" ;;
    'mvn verify -Dnettune.counters=extra -Dnettune.include=SocketBufferStream -Dnettune.jmh='"'"'-p sndBuf=4096'"'"'')
      echo "plan:2 points with counting forks on every JDK (minutes); the counting itself runs in src/test/java/dev/nettune/run/SuiteCountersTest.java" ;;
    'scripts/counters_overhead.py'|'scripts/drift_magnitude.py'|'scripts/scale_table.py')
      echo "other:a SciPy script over committed runs' forks.jsonl or JMH JSON (README names what it read); needs python3 with SciPy, not part of the build" ;;
    'scripts/ci_halfwidths.py')
      echo "other:a python3 script over committed runs' report/comparisons.csv (README names what it read), not part of the build" ;;
    'scripts/check-report-html.sh [DIR]')
      echo "run:run_check_report_html" ;;
    'mvn verify -DskipTests -Dnettune.selfCheck=17')
      echo "plan:the A/A self-check of the quick profile on JDK 17 (about 40 minutes here); its one JDK under two labels is tested in src/test/java/dev/nettune/run/options/JvmMatrixTest.java" ;;
    'mvn verify -DskipTests -Dnettune.profile=scale -Dnettune.jvms=17,25')
      echo "plan:the scale profile on JDK 17 and 25 (about 20 minutes per JDK); its connections are held and verified in src/test/java/dev/nettune/bench/model/ScaleConnectionsTest.java" ;;
    'mvn verify -DskipTests -Dnettune.profile=scale -Dnettune.include=OpenLoop -Dnettune.jvms=17,25')
      echo "plan:the scale profile's open-loop points on JDK 17 and 25 (about 7 minutes here); its connections are held and verified in src/test/java/dev/nettune/bench/model/ScaleConnectionsTest.java" ;;
    'mvn -B -o test -Dtest=ScaleConnectionsTest -Dscale.connections=10000')
      echo "long:10,000 connections per server and client model (minutes); the same test runs at 500 in every test run" ;;
    'scripts/placement-comparison.sh')
      echo "plan:4 placements of 4 points on every JDK; the placements themselves run in the tests (src/test/java/dev/nettune/placement) and the remote one here" ;;
    'scripts/roundtrip-crosscheck.sh [java]'|'scripts/iperf3-crosscheck.sh [java]'|'scripts/harness-c-crosscheck.sh [-r ROUNDS] [-w WORKLOADS] [-f FLOORS] [java ...]'|'scripts/epoll-scaling-crosscheck.sh [java] [rounds]')
      echo "long:a timing cross-check (minutes, meaningful only on a quiet machine; needs sockperf, iperf3 or gcc); here: bash -n" ;;
    'java -cp target/benchmarks.jar dev.nettune.tools.PairedScaling [--few 16] [--many 1024] [--pairs 15] [--slice-ms 2000]')
      echo "long:a timing run (15 pairs of 2 s slices plus 1,024 connections' setup, meaningful only on a quiet machine); here: its options are checked against its usage line" ;;
    'scripts/epoll_scaling.c --paired')
      echo "other:an option of the C program, compiled and run by scripts/epoll-scaling-crosscheck.sh" ;;
    'apt-get install sockperf'|'iperf3 -s'|'iperf3 -l 64K'|'taskset -c 0')
      echo "other:another tool's command, named for comparison" ;;
    'tc tbf'|'tc netem delay')
      echo "other:the qdiscs the netns placement sets up, named" ;;
    'scripts/harness_c.c'|'scripts/epoll_scaling.c')
      echo "other:a C source file, compiled and run by its cross-check script" ;;
    *)
      echo "" ;;
  esac
}

# Options shown inline (-Dnettune.X=V): checked by the suite's dry run unless listed here.
classify_opt() {
  case "$1" in
    *'\|'*) echo "bad:a backslash before | is a Markdown table escape: copied, the pattern matches nothing; show it outside the table" ;;
    '-Dnettune.profile=…'|'-Dnettune.X=…'|'-Dnettune.resume=<runId>') echo "other:a placeholder, not a value" ;;
    '-Dnettune.jvms=17,/opt/jdk-21') echo "other:names a JDK in /opt/jdk-21, which this machine need not have" ;;
    *) echo "dry:run_option" ;;
  esac
}

# ---------------------------------------------------------------------------------------------
FAILED=0
RAN=()
note() { printf '%s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*"; FAILED=1; }

# Runs $2 with bash -c in the current directory, in a session of its own (so an interrupted check
# stops it and every process it started: cleanup kills its process group); records exit status and
# wall time under the name $1.
CHILD=
timed() {
  local what=$1 cmd=$2 log=$3 start rc secs
  start=$(date +%s.%N)
  setsid bash -c "$cmd" < /dev/null > "$log" 2>&1 &
  CHILD=$!
  wait "$CHILD"
  rc=$?
  CHILD=
  secs=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
  RAN+=("rc=$rc ${secs}s  $what")
  note "  -> exit $rc in ${secs}s (log: $log)"
  return $rc
}

run_as_written() {
  timed "$1" "$1" "$WORK/$(echo "$1" | tr -c 'A-Za-z0-9' '_' | cut -c1-60).log" || { fail "'$1' failed"; tail -20 "$WORK"/*.log | tail -20; }
}

run_analyze() {
  # The synopsis as a command: --help, then the analysis of every committed run into a temp folder.
  timed "Analyze --help" "java -cp $JAR dev.nettune.analysis.Analyze --help" "$WORK/analyze-help.log" || fail "Analyze --help failed"
  timed "Analyze --out TMP bench-results" "java -cp $JAR dev.nettune.analysis.Analyze --out $WORK/analyze bench-results" "$WORK/analyze.log" \
    || { fail "Analyze over the committed runs failed"; tail -20 "$WORK/analyze.log"; }
  [ -s "$WORK/analyze/README.md" ] || fail "Analyze wrote no $WORK/analyze/README.md"
}

run_check_report_html() {
  if ! command -v "${CHROMIUM:-chromium}" > /dev/null; then
    note "  -> not run: chromium is not installed here (the script says so and exits 2)"
    RAN+=("not run  scripts/check-report-html.sh (no chromium)")
    return
  fi
  local dir=target/analysis-smoke
  [ -f "$dir/index.html" ] || dir=analysis
  timed "scripts/check-report-html.sh $dir" "scripts/check-report-html.sh $dir" "$WORK/check-report-html.log" || fail "scripts/check-report-html.sh $dir failed"
}

# The remote example, both halves as README writes them with the namespace's address for
# $EXAMPLE_ADDR: the standalone server in a namespace this check creates (a veth pair and a /30 of
# 198.18.0.0/15), the client run in a fresh clone of HEAD (so the run's results and the regenerated
# overview land there, not in this tree), whose .mvn/maven.config adds -DskipTests: CI ran the tests
# already. The run must have forks that ran against that server, none skipped or failed.
NS= HOSTLINK= SERVER_PID=
cleanup() {
  [ -n "$CHILD" ] && kill -TERM -- "-$CHILD" 2> /dev/null && sleep 2 && kill -KILL -- "-$CHILD" 2> /dev/null
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2> /dev/null; then
    kill -KILL "$SERVER_PID" 2> /dev/null
  fi
  if [ -n "$NS" ]; then
    for p in $(ip netns pids "$NS" 2> /dev/null); do kill -KILL "$p" 2> /dev/null; done
    ip link del "$HOSTLINK" 2> /dev/null
    ip netns del "$NS" 2> /dev/null
  fi
  [ -n "${WORK:-}" ] && rm -rf "$WORK"
}

run_remote_example() {
  [ -n "${REMOTE_DONE:-}" ] && { note "  -> run with its other half above"; return; }
  REMOTE_DONE=1
  local server client
  server=$(extract | cut -f2 | grep -F "dev.nettune.server.Main --server" | grep -F -- "--bind $EXAMPLE_ADDR")
  client=$(extract | cut -f2 | grep -F "remote=$EXAMPLE_ADDR:")
  if [ "$(echo "$server" | wc -l)" != 1 ] || [ "$(echo "$client" | wc -l)" != 1 ]; then
    fail "the remote example: expected one server and one client command with $EXAMPLE_ADDR"; return
  fi
  if [ "$(id -u)" != 0 ] || ! command -v ip > /dev/null; then
    fail "the remote example needs root and ip (a network namespace)"; return
  fi
  # a /30 of 198.18.0.0/15 on no interface yet (the suite's own namespaces pick theirs at random)
  local used slot a addr_host addr_ns
  used=$(ip -o -4 addr show)
  for _ in $(seq 64); do
    slot=$(( (RANDOM << 15 | RANDOM) % 32768 ))
    a=$(( (198 << 24) | (18 << 16) | (slot << 2) ))
    addr_host=$(( a >> 24 & 255 )).$(( a >> 16 & 255 )).$(( a >> 8 & 255 )).$(( (a & 255) + 1 ))
    addr_ns=$(( a >> 24 & 255 )).$(( a >> 16 & 255 )).$(( a >> 8 & 255 )).$(( (a & 255) + 2 ))
    case "$used" in *" $addr_host/"*|*" $addr_ns/"*) continue ;; esac
    break
  done
  # not the suite's prefix ("nettune-"): its sweep removes namespaces of dead suite processes only,
  # but this name must not look like one of them
  NS=readme-check-$$ HOSTLINK=rdm$$h
  ip netns add "$NS" && ip link add "$HOSTLINK" type veth peer name "rdm$$n" && ip link set "rdm$$n" netns "$NS" \
    && ip addr add "$addr_host/30" dev "$HOSTLINK" && ip link set "$HOSTLINK" mtu 1500 up \
    && ip -n "$NS" addr add "$addr_ns/30" dev "rdm$$n" && ip -n "$NS" link set "rdm$$n" mtu 1500 up \
    && ip -n "$NS" link set lo up || { fail "could not make namespace $NS"; return; }
  note "  namespace $NS: host $addr_host/30 on $HOSTLINK, server side $addr_ns"

  server=${server//$EXAMPLE_ADDR/$addr_ns}
  client=${client//$EXAMPLE_ADDR/$addr_ns}
  note "  server: ip netns exec $NS $server"
  ip netns exec "$NS" bash -c "exec $server" < /dev/null > "$WORK/remote-server.log" 2>&1 &
  SERVER_PID=$!
  local server_start
  server_start=$(date +%s.%N)
  for _ in $(seq 120); do
    grep -q "nettune server: listening on" "$WORK/remote-server.log" && break
    kill -0 "$SERVER_PID" 2> /dev/null || break
    sleep 0.5
  done
  if ! grep -q "nettune server: listening on" "$WORK/remote-server.log"; then
    fail "the standalone server did not start: $(tail -3 "$WORK/remote-server.log")"; return
  fi
  note "  $(grep "listening on" "$WORK/remote-server.log")"

  git clone -q "$ROOT" "$WORK/clone" || { fail "git clone of $ROOT failed"; return; }
  mkdir -p "$WORK/clone/.mvn" && echo "-DskipTests" > "$WORK/clone/.mvn/maven.config"
  note "  client, in a clone of HEAD $(git -C "$ROOT" rev-parse --short HEAD) with .mvn/maven.config = -DskipTests: $client"
  pushd "$WORK/clone" > /dev/null || return
  timed "$client (in the clone)" "$client" "$WORK/remote-client.log"
  local rc=$?
  popd > /dev/null || return
  [ $rc = 0 ] || { fail "the remote example's client exited $rc"; tail -30 "$WORK/remote-client.log"; }

  kill -TERM "$SERVER_PID"
  local i
  for i in $(seq 100); do kill -0 "$SERVER_PID" 2> /dev/null || break; sleep 0.1; done
  if kill -0 "$SERVER_PID" 2> /dev/null; then
    fail "the standalone server did not stop within 10 s of SIGTERM"
  else
    wait "$SERVER_PID"; local src=$?
    local secs
    secs=$(awk -v s="$server_start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
    RAN+=("rc=$src ${secs}s  $server (in $NS, until SIGTERM)")
    note "  server stopped on SIGTERM with exit $src: $(tail -1 "$WORK/remote-server.log")"
    # 143 = 128 + SIGTERM: the JVM's own status after a SIGTERM, which server.Main documents
    [ $src = 143 ] || [ $src = 0 ] || fail "the standalone server's stop on SIGTERM: exit $src, $(tail -1 "$WORK/remote-server.log")"
  fi
  SERVER_PID=

  # What ran: forks that reached the server, none skipped
  local run forks
  run=$(ls -d "$WORK"/clone/bench-results/*/ 2> /dev/null | while read -r d; do
          git -C "$WORK/clone" ls-files --error-unmatch "$d/run.json" > /dev/null 2>&1 || echo "$d"; done | tail -1)
  forks="${run}forks.jsonl"
  if [ -z "$run" ] || [ ! -s "$forks" ]; then
    fail "the remote example wrote no forks.jsonl under $WORK/clone/bench-results"; return
  fi
  local ok skipped other
  ok=$(grep -c '"status":"ok"' "$forks")
  skipped=$(grep -c '"status":"skipped"' "$forks")
  other=$(( $(wc -l < "$forks") - ok - skipped ))
  note "  $(basename "$run"): $ok forks ok, $skipped skipped, $other failed or interrupted"
  [ "$ok" -gt 0 ] && [ "$skipped" = 0 ] && [ "$other" = 0 ] \
    || fail "the remote example ran $ok forks ok, $skipped skipped, $other else: $(grep -v '"status":"ok"' "$forks" | head -1)"
  grep -rqF "$addr_ns" "$run"*/placements.jsonl 2> /dev/null || fail "no placements.jsonl of $(basename "$run") names the server at $addr_ns"
}

# --help of the entry points README names without showing their --help (Suite's and Analyze's run
# above): exit 0 and a usage line.
help_of_entry_points() {
  local main log
  timed "java -jar $JAR -h" "java -jar $JAR -h" "$WORK/help-jmh.log" || fail "java -jar $JAR -h failed"
  for main in dev.nettune.server.Main dev.nettune.tools.PairedScaling; do
    log="$WORK/help-$main.log"
    timed "java -cp $JAR $main --help" "java -cp $JAR $main --help" "$log" && grep -qi "usage" "$log" \
      || fail "$main --help: $(head -1 "$log")"
  done
}

# The commands run here write nothing into the tree (target/ is ignored): no results, no overview.
tree_unchanged() {
  local now
  now=$(git status --porcelain)
  [ "$now" = "$STATUS_BEFORE" ] || fail "README's commands changed the working tree: $(diff <(echo "$STATUS_BEFORE") <(echo "$now") | head -5)"
}

# A long run's plan: the runner's dry run with the same options (the script's own, through mvn).
run_plan() {
  local log="$WORK/plan-$(echo "$1" | tr -c 'A-Za-z0-9' '_' | cut -c1-40).log"
  case "$1" in
    'mvn verify'|'mvn verify -DskipTests')
      [ -n "${QUICK_PLAN:-}" ] && { note "  $QUICK_PLAN"; return; }
      timed "Suite --dryRun=true (the plan of $1)" "java -cp $JAR dev.nettune.run.Suite --dryRun=true" "$log" || fail "the plan of $1: $(grep -m1 error "$log")"
      QUICK_PLAN=$(grep -m1 '^Plan' "$log") ;;
    "mvn verify -Dnettune.counters=extra -Dnettune.include=SocketBufferStream -Dnettune.jmh='-p sndBuf=4096'")
      # the same options as mvn passes them (--X=V)
      timed "Suite --dryRun=true (the plan of $1)" \
        "java -cp $JAR dev.nettune.run.Suite --dryRun=true --counters=extra --include=SocketBufferStream '--jmh=-p sndBuf=4096'" "$log" \
        || fail "the plan of $1: $(grep -m1 error "$log")" ;;
    'mvn verify -DskipTests -Dnettune.selfCheck=17')
      timed "Suite --dryRun=true (the plan of $1)" "java -cp $JAR dev.nettune.run.Suite --dryRun=true --selfCheck=17" "$log" \
        || fail "the plan of $1: $(grep -m1 error "$log")" ;;
    'mvn verify -DskipTests -Dnettune.profile=scale -Dnettune.jvms=17,25')
      timed "Suite --dryRun=true (the plan of $1)" "java -cp $JAR dev.nettune.run.Suite --dryRun=true --profile=scale --jvms=17,25" "$log" \
        || fail "the plan of $1: $(grep -m1 error "$log")" ;;
    'mvn verify -DskipTests -Dnettune.profile=scale -Dnettune.include=OpenLoop -Dnettune.jvms=17,25')
      timed "Suite --dryRun=true (the plan of $1)" "java -cp $JAR dev.nettune.run.Suite --dryRun=true --profile=scale --include=OpenLoop --jvms=17,25" "$log" \
        || fail "the plan of $1: $(grep -m1 error "$log")" ;;
    scripts/placement-comparison.sh)
      timed "$1 -Dnettune.dryRun=true" "$1 -Dnettune.dryRun=true" "$log" || fail "the plan of $1: $(grep -m1 error "$log")" ;;
    *) fail "no plan for '$1'"; return ;;
  esac
  note "  $(grep -m1 '^Plan' "$log")"
}

run_option() {
  # As mvn verify passes it (pom.xml: --X=${nettune.X}), to the suite runner's dry run.
  local opt=$1 words
  eval "words=($opt)" # the shell's quoting, as typed
  local kv=${words[0]#-Dnettune.}
  timed "Suite --dryRun=true --${kv}" "java -cp $JAR dev.nettune.run.Suite --dryRun=true $(printf '%q' "--$kv")" \
    "$WORK/opt-$(echo "$kv" | tr -c 'A-Za-z0-9' '_' | cut -c1-40).log" \
    || { fail "README's option $opt is refused: $(grep -m1 'error' "$WORK"/opt-*.log | tail -1)"; }
}

# ---------------------------------------------------------------------------------------------
[ -f "$README" ] || { echo "readme-commands: no $README" >&2; exit 2; }
WORK=$(mktemp -d /tmp/readme-commands.XXXXXX)
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

STATUS_BEFORE=$(git status --porcelain)
mapfile -t ITEMS < <(extract)
[ ${#ITEMS[@]} -gt 0 ] || { fail "no command found in $README"; exit 1; }
TODO=()
for item in "${ITEMS[@]}"; do
  kind=${item%%$'\t'*} text=${item#*$'\t'}
  if [ "$kind" = opt ]; then c=$(classify_opt "$text"); else c=$(classify "$text"); fi
  case "$c" in
    '') fail "README shows a command this check does not cover: '$text' (add it to classify in $0)" ;;
    bad:*) fail "'$text': ${c#bad:}" ;;
    test:*) if [ -f "${c#test:}" ]; then note "test   $text  <- ${c#test:}"; else fail "'$text' is mapped to ${c#test:}, which does not exist"; fi ;;
    *) note "${c%%:*}    $text  <- ${c#*:}"; TODO+=("$c"$'\t'"$text") ;;
  esac
done
$LIST_ONLY && exit $FAILED

[ -f "$JAR" ] || { fail "$JAR missing: build first (mvn -B package -DskipTests)"; exit 1; }
note ""
note "== running"
for t in "${TODO[@]}"; do
  c=${t%%$'\t'*} text=${t#*$'\t'}
  case "$c" in
    run:*) f=${c#run:}; f=${f%% *}; note "run: $text"; "$f" "$text" ;;
    dry:*) note "dry run: $text"; run_option "$text" ;;
    plan:*) note "plan of: $text"; run_plan "$text" ;;
    long:*bash\ -n) s=${text%% *}; bash -n "$s" && note "bash -n $s: ok" || fail "bash -n $s" ;;
    long:*usage\ line)
      # the usage lines: from "usage:" to the first empty line (the help wraps them)
      usage=$(java -cp "$JAR" dev.nettune.tools.PairedScaling --help 2>&1 | sed -n '/^usage/,/^$/p' | tr -s ' \n' ' ')
      for o in $(echo "$text" | grep -o -- '--[a-z-]*'); do
        case "$usage" in *"[$o "*) ;; *) fail "PairedScaling's usage has no $o: $usage" ;; esac
      done
      note "PairedScaling's usage names $(echo "$text" | grep -o -- '--[a-z-]*' | tr '\n' ' ')" ;;
  esac
done
help_of_entry_points
tree_unchanged

note ""
note "== exit status and wall time of what ran"
printf '  %s\n' "${RAN[@]}"
if [ $FAILED = 0 ]; then note "readme-commands: every README command is covered"; else note "readme-commands: FAILED"; fi
exit $FAILED

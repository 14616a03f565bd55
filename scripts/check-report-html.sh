#!/usr/bin/env bash
# Opens a report's index.html in headless Chromium from file:// and checks what a reader would meet:
# the page logs nothing to the console (no error, no uncaught exception: any console line fails the
# check, the page itself logs nothing), its script ran (table headings became sortable), and a
# screenshot is taken. Chromium runs with a fresh empty profile and no background networking; the
# page needs no network (HtmlPageTest checks that nothing is fetched).
#
# Usage:
#   scripts/check-report-html.sh [REPORT_DIR] [SCREENSHOT.png]
#       REPORT_DIR defaults to analysis; the screenshot to target/report-check/<name>.png
#   scripts/check-report-html.sh --self-test
#       proves the check can fail: a page with a console error must be rejected
# Needs: chromium (Debian: apt-get install chromium). Not run by CI.
set -euo pipefail

CHROMIUM=${CHROMIUM:-chromium}
WIDTH=${WIDTH:-1280}
HEIGHT=${HEIGHT:-2000}

command -v "$CHROMIUM" >/dev/null || { echo "check-report-html: $CHROMIUM not found (apt-get install chromium)" >&2; exit 2; }

# check PAGE SCREENSHOT -> 0 when clean; prints the console lines otherwise
check() {
  local page=$1 shot=$2 profile log dom status=0
  profile=$(mktemp -d)
  log=$(mktemp)
  dom=$(mktemp)
  # shellcheck disable=SC2064  # expand now: the temp paths are fixed
  trap "rm -rf '$profile' '$log' '$dom'" RETURN
  local flags=(--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking
               --disable-component-update --disable-sync "--user-data-dir=$profile"
               --enable-logging=stderr --v=0 "--window-size=$WIDTH,$HEIGHT")
  timeout 120 "$CHROMIUM" "${flags[@]}" --dump-dom "file://$page" >"$dom" 2>"$log" || {
    echo "check-report-html: chromium failed on $page (exit $?)" >&2; tail -5 "$log" >&2; return 1; }
  if grep -q ':CONSOLE' "$log"; then
    echo "check-report-html: console messages on $page:" >&2
    grep ':CONSOLE' "$log" | sed 's/^\[[^]]*\] */  /' >&2
    status=1
  fi
  if ! grep -q 'title="sort"' "$dom"; then
    echo "check-report-html: the page's script did not run (no sortable table heading) on $page" >&2
    status=1
  fi
  mkdir -p "$(dirname "$shot")"
  timeout 120 "$CHROMIUM" "${flags[@]}" "--screenshot=$shot" "file://$page" >/dev/null 2>&1 || {
    echo "check-report-html: no screenshot of $page" >&2; return 1; }
  [ -s "$shot" ] || { echo "check-report-html: empty screenshot $shot" >&2; return 1; }
  return $status
}

if [ "${1:-}" = "--self-test" ]; then
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
  cat >"$dir/index.html" <<'HTML'
<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body><table><thead><tr><th title="sort">a</th></tr></thead></table>
<script>console.error("deliberate"); notDefined();</script></body></html>
HTML
  if check "$dir/index.html" "$dir/shot.png" 2>"$dir/err"; then
    echo "check-report-html: SELF-TEST FAILED: a page with console errors passed" >&2
    exit 1
  fi
  grep -q 'deliberate' "$dir/err" && grep -q 'notDefined' "$dir/err" || {
    echo "check-report-html: SELF-TEST FAILED: the console lines were not reported" >&2; cat "$dir/err" >&2; exit 1; }
  echo "check-report-html: self-test ok (a page with a console error and an uncaught exception is rejected)"
  exit 0
fi

report=$(cd "${1:-analysis}" && pwd)
page="$report/index.html"
[ -f "$page" ] || { echo "check-report-html: no $page (run the analysis first)" >&2; exit 2; }
shot=${2:-target/report-check/$(basename "$report").png}
if check "$page" "$shot"; then
  echo "check-report-html: ok: $page ($(wc -c <"$page") bytes): no console message, script ran; screenshot $shot"
else
  exit 1
fi

#!/usr/bin/env bash
# issue 11: throughput, latency and memory of `eligcheck serve` under wrk (Debian's wrk).
#   bench/serve.sh [SECONDS] [CONNECTIONS]      (default 30 s, 64 connections)
# Builds the release binary, serves the bundled rules on a free loopback port, and runs
#   1. POST /v1/check with the Danish example dk-schizophrenia-no-consent as JSON
#      (bench/patient.json: 22 services, 4 eligible, 3 reachable, 9 ineligible, 6 waiting
#      for answers), full JSON report
#   2. POST /cds-services/eligcheck-referral, the Danish order-select call of the tests
# each for SECONDS with CONNECTIONS connections (2 wrk threads), after a 5 s warm-up of each.
# Prints wrk's report (requests/s, latency percentiles) and the server's resident memory
# (VmRSS) after start, after the warm-ups and after each run. Only loopback is used.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
connections=${2:-64}
if ! command -v wrk >/dev/null 2>&1; then
  apt-get update
  apt-get install -y wrk
fi
[ -n "${ELIGCHECK_NO_BUILD:-}" ] || swift build -c release --product eligcheck >&2
mkdir -p bench/out
log=bench/out/serve.log
rm -rf bench/out/cases
.build/release/eligcheck serve --port 0 --rules rules --db bench/out/cases/cases.sqlite 2>"$log" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
port=""
for _ in $(seq 1 100); do
  port=$(grep -o 'listening on 127.0.0.1:[0-9]*' "$log" | grep -o '[0-9]*$' || true)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "the server did not start:" >&2; cat "$log" >&2; exit 1; }
rss() { awk '/VmRSS/ {print $2 " kB"}' "/proc/$server/status"; }
check="http://127.0.0.1:$port/v1/check"
cds="http://127.0.0.1:$port/cds-services/eligcheck-referral"
patient=bench/patient.json
order=Tests/EligibilityServerTests/Fixtures/fhir/dk-order-select.json
# wrk with bench/post.lua; fails when wrk reports an answer of 400 or more, or a socket error.
load() {
  local out
  out=$(BODY=$1 wrk -t2 -c"$connections" "${@:2}" -s bench/post.lua)
  printf '%s\n' "$out"
  if grep -qE 'Non-2xx or 3xx responses|Socket errors' <<<"$out"; then
    echo "bench/serve.sh: the server answered with errors (above); these figures are not a benchmark" >&2
    exit 1
  fi
}
echo "RSS after start: $(rss)"
load "$patient" -d5s "$check" >/dev/null
load "$order" -d5s "$cds" >/dev/null
echo "RSS after warm-up: $(rss)"
echo "== POST /v1/check ($(wc -c <"$patient") B patient, $(curl -s -H 'Content-Type: application/json' --data-binary @"$patient" "$check" | wc -c) B report)"
echo "wrk -t2 -c$connections -d${seconds}s --latency -s bench/post.lua $check  (BODY=$patient)"
load "$patient" -d"${seconds}s" --latency "$check"
echo "RSS after /v1/check: $(rss)"
echo "== POST /cds-services/eligcheck-referral (order-select, $(curl -s -H 'Content-Type: application/json' --data-binary @"$order" "$cds" | wc -c) B cards)"
echo "wrk -t2 -c$connections -d${seconds}s --latency -s bench/post.lua $cds  (BODY=$order)"
load "$order" -d"${seconds}s" --latency "$cds"
echo "RSS after order-select: $(rss)"
load "$patient" -d"${seconds}s" "$check" | grep -E 'Requests/sec'
echo "RSS after a second /v1/check run: $(rss)"

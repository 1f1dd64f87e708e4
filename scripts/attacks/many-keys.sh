#!/bin/sh
# Reproduces a body of many unknown keys against the real server: a 260 KB JSON object
# with 24,000 keys none of which is a fact. Before the budgets each key cost a located
# error holding its own copy of the 260 KB line (gigabytes) and a search for a near
# name. It must now answer 422 at the 1,001st key, in under 50 ms, with the server's
# resident memory under 100 MB.
#
# Usage: scripts/attacks/many-keys.sh [PORT]   (after `swift build --product eligcheck`;
# ELIGCHECK=.build/release/eligcheck for the release build)
# Loopback only; the server it starts is stopped on exit; bounded by curl's --max-time.
set -eu
cd "$(dirname "$0")/../.."
bin=${ELIGCHECK:-.build/debug/eligcheck}
port=${1:-18482}
base="http://127.0.0.1:$port"
dir=$(mktemp -d)
"$bin" serve --host 127.0.0.1 --port "$port" --db "$dir/cases.sqlite" >"$dir/server.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$dir"' EXIT INT TERM
tries=0
until curl -s --max-time 1 -o /dev/null "$base/healthz"; do
    tries=$((tries + 1))
    [ "$tries" -lt 100 ] || { echo "the server did not start:"; cat "$dir/server.log"; exit 2; }
    sleep 0.1
done

# {"id":"p1","jurisdiction":"DK","k00000":1,...,"k23999":1}: 24,000 keys of 11 bytes.
{
    printf '{"id":"p1","jurisdiction":"DK"'
    i=0
    while [ $i -lt 24000 ]; do printf ',"k%05d":1' $i; i=$((i + 1)); done
    printf '}'
} >"$dir/body.json"
echo "body: $(wc -c <"$dir/body.json") bytes, 24000 unknown keys"
rss() { sed -n 's/^VmRSS:[[:space:]]*//p' "/proc/$pid/status"; }
echo "server RSS before: $(rss)"
for path in /v1/check /v1/cases; do
    result=$(curl -s --max-time 10 -o "$dir/answer.json" -w '%{http_code} %{time_total}' \
        -H 'Content-Type: application/json' --data-binary "@$dir/body.json" "$base$path")
    status=${result% *}
    seconds=${result#* }
    echo "POST $path: HTTP $status in $(awk "BEGIN { printf \"%.1f\", $seconds * 1000 }") ms; answer $(wc -c <"$dir/answer.json") bytes"
    grep -o '"error": "[^"]*"' "$dir/answer.json" | head -1 | sed 's/^/  /'
    [ "$status" = 422 ] || exit 1
done
echo "server RSS after: $(rss)"

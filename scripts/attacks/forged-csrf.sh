#!/bin/sh
# Reproduces a forged CSRF token against the real server: a cookie and a form field that
# are equal but were never issued by the server (what an attacker who can plant a cookie
# for the host would send). The workspace must refuse it with 403 and change nothing; a
# token the server issued, taken from its own page, must still be accepted.
#
# Usage: scripts/attacks/forged-csrf.sh [PORT]   (after `swift build --product eligcheck`)
# Loopback only; the server it starts is stopped on exit; bounded by curl's --max-time.
set -eu
cd "$(dirname "$0")/../.."
bin=${ELIGCHECK:-.build/debug/eligcheck}
port=${1:-18481}
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

id=$(curl -s --max-time 5 -H 'Content-Type: application/json' -d '{"label": "F-1", "facts": {"jurisdiction": "SE"}}' \
    "$base/v1/cases" | grep -o '"id":[0-9]*' | cut -d: -f2)

# 96 hex digits, the form of a real token (16-byte nonce, 32-byte HMAC), made up.
forged=$(printf 'ab%.0s' $(seq 48))
status=$(curl -s --max-time 5 -o "$dir/forged.html" -w '%{http_code}' -H "Cookie: eligcheck_csrf=$forged" \
    --data "csrf_token=$forged&version=1&label=Forged" "$base/cases/$id")
echo "forged cookie and field: HTTP $status"
grep -o 'Its security token[^<]*' "$dir/forged.html" | sed "s/&#39;/'/g; s/^/  /"
version=$(curl -s --max-time 5 "$base/v1/cases/$id" | grep -o '"version":[0-9]*' | head -1 | cut -d: -f2)
echo "case $id version after the forged post: $version (1: unchanged)"

# The same post with the token the server issued on its own page.
curl -s --max-time 5 -c "$dir/jar" -o "$dir/page.html" "$base/cases/$id"
token=$(sed -n 's/.*name="csrf_token" value="\([0-9a-f]*\)".*/\1/p' "$dir/page.html" | head -1)
real=$(curl -s --max-time 5 -b "$dir/jar" -o /dev/null -w '%{http_code}' \
    --data "csrf_token=$token&version=1&label=F-1&jurisdiction=SE" "$base/cases/$id")
echo "issued token: HTTP $real"
[ "$status" = 403 ] && [ "$version" = 1 ] && [ "$real" = 303 ]

#!/usr/bin/env bash
# Issue 27: schemathesis (PyPI) against the real `eligcheck serve`, reading the description
# the server serves at /openapi.json, with every check of schemathesis on (the exceptions
# and why are in schemathesis.toml beside this script). The server runs on loopback on a
# free port, with a token file and a case database of its own in a temporary folder, and
# is stopped however the run ends. Exit status: schemathesis's (0: no failure).
#
# Usage: Tests/openapi/run-schemathesis.sh [EXAMPLES]   (test cases per operation; default 40)
#   ELIGCHECK_BIN=path  use that binary instead of building `swift build --product eligcheck`
set -euo pipefail
cd "$(dirname "$0")/../.."
examples="${1:-40}"

if [[ -z "${ELIGCHECK_BIN:-}" ]]; then
  swift build --product eligcheck
  ELIGCHECK_BIN="$(swift build --show-bin-path)/eligcheck"
fi

work="$(mktemp -d)"
server=""
stop() {
  if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap stop EXIT

# A port free now; the server is told to take it (taking port 0 would leave it unknown here).
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
token="$(python3 -c 'import secrets; print(secrets.token_hex(24))')"
(umask 077; printf '%s\n' "$token" > "$work/token")

"$ELIGCHECK_BIN" serve --port "$port" --token-file "$work/token" --db "$work/data/cases.sqlite" \
  2> "$work/serve.log" &
server=$!
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log" >&2; echo "error: eligcheck serve did not start" >&2; exit 2; }
  sleep 0.1
done

status=0
schemathesis --config-file Tests/openapi/schemathesis.toml run "http://127.0.0.1:$port/openapi.json" \
  --header "Authorization: Bearer $token" \
  --max-examples "$examples" --seed 27 --workers 2 --no-color \
  || status=$?
if ! kill -0 "$server" 2>/dev/null; then
  echo "error: eligcheck serve died during the run; its log:" >&2
  cat "$work/serve.log" >&2
  status=1
fi
exit "$status"

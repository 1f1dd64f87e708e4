#!/usr/bin/env bash
# issue 11: instructions one `check --format json` costs, counted by callgrind (repeatable,
# unlike time on a shared machine), with the functions that cost most (inclusive).
#   bench/check-instructions.sh [PATIENT] [BINARY]
# default: the Danish example dk-schizophrenia-no-consent and .build/release/eligcheck (built when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
patient=${1:-examples/dk-schizophrenia-no-consent.yaml}
binary=${2:-.build/release/eligcheck}
command -v valgrind >/dev/null 2>&1 || { apt-get update; apt-get install -y valgrind; }
[ -x "$binary" ] || swift build -c release --product eligcheck >&2
mkdir -p bench/out
out=bench/out/callgrind.$$.out
valgrind --tool=callgrind --callgrind-out-file="$out" "$binary" check "$patient" --format json --rules rules >/dev/null 2>bench/out/callgrind.log
echo "total instructions: $(grep -o 'summary: [0-9]*' "$out" | grep -o '[0-9]*')"
callgrind_annotate --inclusive=yes "$out" 2>/dev/null | grep -E 'JSONWriter|JSONReport|Explainer|RuleLibrary.load|Evaluator.run|Engine.report' | head -20
rm -f "$out"

#!/usr/bin/env bash
# Builds one libFuzzer target (cached by the hash of the sources) and runs it.
#   fuzz/run.sh TARGET SECONDS [extra libFuzzer flags...]
# TARGET is a file name under fuzz/targets/ without .swift: rules, patients, cohort-lines.
# Exit status: 0 when no crash was found, libFuzzer's status otherwise (the crashing
# input is kept under fuzz/.work/crashes/ and printed as a path).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: fuzz/run.sh TARGET SECONDS [libFuzzer flags...]}
seconds=${2:?usage: fuzz/run.sh TARGET SECONDS [libFuzzer flags...]}
shift 2
harness=fuzz/targets/$target.swift
[ -f "$harness" ] || { echo "error: no fuzz target '$target' (fuzz/targets/*.swift)" >&2; exit 2; }

# The library is built once (cached by the hash of its sources) as a static library with
# testing enabled, so each harness reaches its internal types (the fast cohort reader)
# with `@testable import Eligibility`. Every Swift file of the library targets is taken,
# whatever folders they are in; the front ends are left out.
mapfile -t sources < <(find Sources -name '*.swift' \
  -not -path 'Sources/eligcheck/*' -not -path 'Sources/eligbench/*' \
  -not -path 'Sources/EligibilityServer/*' -not -path 'Sources/EligibilityWorkspace/*' | sort)
# The C modules: module maps over system headers (CYaml, CMalloc) and the JSON scanner,
# all of it inline in its header (CJSONScan), so nothing of it is linked.
flags=(-O -gline-tables-only -sanitize=fuzzer,address -swift-version 6 -package-name eligcheck -I Sources/CYaml -I Sources/CMalloc -I Sources/CJSONScan/include)
libkey=$( (printf '%s\n' "${flags[@]}" "${sources[@]}"; swiftc --version 2>&1; cat "${sources[@]}" Sources/CJSONScan/include/*) | sha256sum | cut -c1-16)
lib=fuzz/.build/lib-$libkey
if [ ! -f "$lib/libEligibility.a" ]; then
  rm -rf fuzz/.build/lib-*
  mkdir -p "$lib.tmp"
  echo "building the library for fuzzing (${#sources[@]} files)..." >&2
  swiftc "${flags[@]}" -parse-as-library -enable-testing -enable-upcoming-feature ExistentialAny \
    -module-name Eligibility -emit-module -emit-module-path "$lib.tmp/Eligibility.swiftmodule" \
    -emit-library -static -o "$lib.tmp/libEligibility.a" "${sources[@]}"
  mv "$lib.tmp" "$lib"
fi
key=$( (echo "$libkey"; cat "$harness") | sha256sum | cut -c1-16)
bin=fuzz/.build/$target-$key
if [ ! -x "$bin" ]; then
  rm -f "fuzz/.build/$target"-*
  echo "building fuzz target $target..." >&2
  swiftc "${flags[@]}" -parse-as-library -I "$lib" -L "$lib" -lEligibility -lyaml -lm "$harness" -o "$bin.tmp"
  mv "$bin.tmp" "$bin"
fi

# Seeds are committed under fuzz/corpus/TARGET; what the fuzzer adds goes to fuzz/.work.
work=fuzz/.work/$target
mkdir -p "$work" fuzz/.work/crashes
dict=()
[ -f "fuzz/dictionaries/$target.dict" ] && dict=(-dict="fuzz/dictionaries/$target.dict")
# An input still running after 120 s (wall clock: fuzzers run at low priority on a busy
# machine, and a whole rule set with its tests takes seconds under the sanitizer) counts
# as a hang.
# Swift's own crash handler would catch the signals the address sanitizer needs.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
export ELIGCHECK_FUZZ_RULES=rules
exec "$bin" "$work" "fuzz/corpus/$target" "${dict[@]}" \
  -max_total_time="$seconds" -timeout=120 -rss_limit_mb=4096 -print_final_stats=1 \
  -artifact_prefix="fuzz/.work/crashes/$target-" "$@"

#!/usr/bin/env bash
# Builds one libFuzzer target (SwiftPM, incremental) and runs it.
#   fuzz/run.sh TARGET SECONDS [extra libFuzzer flags...]
# TARGET is a file name under fuzz/targets/ without .swift: rules, patients, cohort-lines, cohort-csv.
# Exit status: 0 when no crash was found, libFuzzer's status otherwise (the crashing
# input is kept under fuzz/.work/crashes/ and printed as a path).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: fuzz/run.sh TARGET SECONDS [libFuzzer flags...]}
seconds=${2:?usage: fuzz/run.sh TARGET SECONDS [libFuzzer flags...]}
shift 2
harness=fuzz/targets/$target.swift
[ -f "$harness" ] || { echo "error: no fuzz target '$target' (fuzz/targets/*.swift)" >&2; exit 2; }

# Built by SwiftPM (parallel, incremental) in a build folder of its own, fuzz/.build/spm, with
# libFuzzer's coverage and the address sanitizer in every module; Package.swift declares the
# fuzz targets only when ELIGCHECK_FUZZ=1. One `-sanitize=fuzzer,address` flag, not SwiftPM's
# `--sanitize` twice: the driver keeps only the last of two -sanitize flags, which left the
# library without coverage. Dead stripping is off, or the linker drops the coverage tables.
case $target in
  rules) product=FuzzRules ;;
  patients) product=FuzzPatients ;;
  cohort-lines) product=FuzzCohortLines ;;
  cohort-csv) product=FuzzCohortCSV ;;
  *) echo "error: fuzz target '$target' is not declared in Package.swift" >&2; exit 2 ;;
esac
echo "building fuzz target $target ($product)..." >&2
mkdir -p fuzz/.build
if ! ELIGCHECK_FUZZ=1 swift build -c release --scratch-path fuzz/.build/spm --product "$product" \
  --disable-dead-strip -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address \
  -Xswiftc -enable-testing -Xswiftc -gline-tables-only >fuzz/.build/build.log 2>&1; then
  cat fuzz/.build/build.log >&2
  echo "error: the fuzz target $target did not build" >&2
  exit 2
fi
bin=fuzz/.build/spm/release/$product

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

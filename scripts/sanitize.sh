#!/usr/bin/env bash
# Runs the cohort tests under ThreadSanitizer and then AddressSanitizer. Run it before
# every change to the cohort code (docs/RELIABILITY.md). Each sanitizer builds into a
# folder of its own (.build-sanitize-*), so the ordinary debug build is left alone.
#   scripts/sanitize.sh [FILTER]      FILTER defaults to Cohort (swift test --filter)
# Exit status: 0 when both runs pass with no report, otherwise the first failure's.
set -euo pipefail
cd "$(dirname "$0")/.."
filter=${1:-Cohort}
# Swift's own crash handler would catch the signals the sanitizers report with.
export SWIFT_BACKTRACE=enable=no
# See scripts/tsan-suppressions.txt for the one report suppressed, and why it is false.
export TSAN_OPTIONS="suppressions=$PWD/scripts/tsan-suppressions.txt print_suppressions=1 halt_on_error=1 second_deadlock_stack=1"
export ASAN_OPTIONS="halt_on_error=1 detect_leaks=0"
for sanitizer in thread address; do
  echo "== swift test --sanitize=$sanitizer --filter $filter" >&2
  swift test --scratch-path ".build-sanitize-$sanitizer" --sanitize="$sanitizer" --filter "$filter"
done
echo "== no data race and no memory error reported" >&2

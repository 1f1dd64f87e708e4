#!/usr/bin/env bash
# issue 30: a CSV cohort against the same cohort as JSON Lines, in one run.
#   bench/csv-compare.sh [N] [ROUNDS]        (default 1000000 patients, 3 rounds)
# 1. generates the cohort once: ../shared/bench/make_cohort.py N --seed 1 (or
#    $ELIGCHECK_COHORT_SCRIPT) > bench/out/cohort-N.jsonl, and writes it as CSV with
#    bench/jsonl-to-csv.py > bench/out/cohort-N.csv (one column per fact, dotted names)
# 2. builds eligcheck in release (skipped with ELIGCHECK_NO_BUILD=1)
# 3. checks that both forms give the same answers: `check --cohort` on both, the line
#    numbers of the CSV (one more, for its header) put back, compared byte for byte
# 4. measures, ROUNDS times alternating, under /usr/bin/time -v:
#      eligcheck diff --base rules --proposed rules --cohort FILE --format json --as-of 2026-11-23
#    for FILE the .jsonl and the .csv, and prints each round's wall and CPU time, peak RSS
#    and patients per second, and the best of each form.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
rounds=${2:-3}
[[ "$n" =~ ^[1-9][0-9]*$ && "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/csv-compare.sh [N] [ROUNDS]" >&2; exit 2; }
out=bench/out
json=$out/cohort-$n.jsonl
csv=$out/cohort-$n.csv
script=${ELIGCHECK_COHORT_SCRIPT:-../shared/bench/make_cohort.py}
[ -f "$script" ] || { echo "csv-compare: the cohort generator $script is not there (set ELIGCHECK_COHORT_SCRIPT)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "csv-compare: needs GNU time at /usr/bin/time (Debian package time)" >&2; exit 1; }

mkdir -p "$out"
if [ ! -s "$json" ]; then
  echo "csv-compare: generating $json" >&2
  python3 "$script" "$n" --seed 1 > "$json.part"
  mv "$json.part" "$json"
fi
if [ ! -s "$csv" ] || [ "$csv" -ot "$json" ]; then
  echo "csv-compare: writing $csv" >&2
  python3 bench/jsonl-to-csv.py "$json" "$csv.part"
  mv "$csv.part" "$csv"
fi

[ -n "${ELIGCHECK_NO_BUILD:-}" ] || nice -n 5 swift build -c release --product eligcheck >&2
eligcheck=.build/release/eligcheck
[ -x "$eligcheck" ] || { echo "csv-compare: $eligcheck is missing (build it, or unset ELIGCHECK_NO_BUILD)" >&2; exit 1; }

echo "csv-compare: the same answers from both forms?" >&2
"$eligcheck" check --cohort "$json" --as-of 2026-11-23 2>/dev/null > "$out/check-json.jsonl"
"$eligcheck" check --cohort "$csv" --as-of 2026-11-23 2>/dev/null \
  | python3 -c 'import re, sys
for row in sys.stdin: sys.stdout.write(re.sub(r"\"line\":(\d+)", lambda m: "\"line\":%d" % (int(m[1]) - 1), row, count=1))' \
  > "$out/check-csv.jsonl"
if cmp -s "$out/check-json.jsonl" "$out/check-csv.jsonl"; then
  echo "csv-compare: yes, $(wc -l < "$out/check-json.jsonl") patients, byte for byte" >&2
else
  echo "csv-compare: the two forms give different answers: diff $out/check-json.jsonl $out/check-csv.jsonl" >&2
  exit 1
fi

cat "$json" "$csv" > /dev/null
printf '| form | bytes | round | wall s | CPU s | peak RSS MiB | patients/s |\n|---|---:|---:|---:|---:|---:|---:|\n'
for round in $(seq 1 "$rounds"); do
  for file in "$json" "$csv"; do
    log=$out/time-$(basename "$file").log
    /usr/bin/time -v "$eligcheck" diff --base rules --proposed rules --cohort "$file" --format json --as-of 2026-11-23 \
      > /dev/null 2> "$log"
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log")
    cpu=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.2f", u + s }' "$log")
    rss=$(awk -F': ' '/Maximum resident/ { printf "%.0f", $2 / 1024 }' "$log")
    rate=$(awk -v n="$n" -v w="$wall" 'BEGIN { printf "%.0f", n / w }')
    printf '| %s | %s | %d | %s | %s | %s | %s |\n' "${file##*.}" "$(stat -c %s "$file")" "$round" "$wall" "$cpu" "$rss" "$rate"
  done
done
echo "machine: $(nproc) cores, $(uname -srm); load before: $(cut -d' ' -f1-3 /proc/loadavg); commit $(git rev-parse --short HEAD)"

#!/usr/bin/env bash
# Mutation check of the differential tests: applies, one at a time, small mutations to the
# accelerated engine (Sources/Eligibility/Accelerated) and to the status analysis
# (Sources/Eligibility/Evaluation/StatusAnalysis.swift, EvaluationState+Verdicts.swift), builds, runs the tests that are
# meant to catch them, and says for each whether it was caught. The file is restored after
# each mutation (and on exit), so run it in a clean work tree: it refuses one with changes
# in the files it mutates.
#
# Usage: scripts/mutate.sh [TEST FILTER]
#   default filter: the differential tests, the rule sets' own tests and the goldens.
# Exit status: 0 when every mutation was caught, 1 when one survived, 2 when a mutation
# no longer applies (its text is not in the file exactly once) or a build failed.
set -uo pipefail
cd "$(dirname "$0")/.."
filter=${1:-"DifferentialTests|RandomRulesDifferentialTests|RuleLibraryTests|GoldenTests"}

# file|text as written|text mutated|what the mutation means (no '|' inside the texts)
mutations=(
  "Sources/Eligibility/Accelerated/HotLeaf.swift|case .after: return v.bits > value.bits|case .after: return v.bits >= value.bits|after: strict becomes inclusive"
  "Sources/Eligibility/Accelerated/HotLeaf.swift|case .before: return v.bits < value.bits|case .before: return v.bits <= value.bits|before: strict becomes inclusive"
  "Sources/Eligibility/Accelerated/HotLeaf.swift|case .olderThan: return v.bits <= cutoffs[Int(start)]|case .olderThan: return v.bits < cutoffs[Int(start)]|older_than: the cut-off day left out"
  "Sources/Eligibility/Accelerated/HotLeaf.swift|case .within: return v.bits > cutoffs[Int(start)]|case .within: return v.bits >= cutoffs[Int(start)]|within: the cut-off day taken in"
  "Sources/Eligibility/Accelerated/HotLeaf.swift|case .between: let n = v.numeric; return n >= x && n <= y|case .between: let n = v.numeric; return n >= x && n < y|between: upper bound exclusive"
  "Sources/Eligibility/Accelerated/HotLeaf.swift|case .atMost: return v.numeric <= x|case .atMost: return v.numeric < x|at_most: exclusive"
  "Sources/Eligibility/Accelerated/HotLeaf.swift|for i in Int(start)..<Int(start + count) where v.sameAs(values[i]) { return true }|for i in Int(start)..<Int(start + count - 1) where v.sameAs(values[i]) { return true }|in: the last value of the list ignored"
  "Sources/Eligibility/Accelerated/FullEvaluation+Conditions.swift|return ((leaf.count != 0) == wantTrue ? canBeKnown : !value.isKnown) ? .yes : .no|return ((leaf.count != 0) == wantTrue ? value.isKnown : !value.isKnown) ? .yes : .no|known: a step that supplies the fact no longer makes it known"
  "Sources/Eligibility/Accelerated/FullEvaluation+Conditions.swift|if leaf.kind == .known { return value.isKnown ? 1 : 0 }|if leaf.kind == .known { return 1 }|known: the outcome key ignores whether the value is known"
  "Sources/Eligibility/Evaluation/StatusAnalysis.swift|if canBeOff == .unknown { analysis.unknownWhen[i] = true }|if canBeOff == .unknown { }|a requirement's unknown 'when' no longer makes a service undecided"
  "Sources/Eligibility/Evaluation/StatusAnalysis.swift|analysis.needs[i].contains { need in need.alternatives.allSatisfy { analysis.dead[\$0] } }|analysis.needs[i].allSatisfy { need in need.alternatives.allSatisfy { analysis.dead[\$0] } }|dead only when every need is dead, not any"
  "Sources/Eligibility/Evaluation/StatusAnalysis.swift|if canBeOff == .yes { continue }|if canBeOff != .no { continue }|a requirement whose 'when' is unknown is skipped"
  "Sources/Eligibility/Evaluation/StatusAnalysis.swift|if isUndecided { analysis.undecided[i] = true; changed = true }|if isUndecided { analysis.undecided[i] = true }|undecided: one pass, not the fixed point"
  "Sources/Eligibility/Evaluation/StatusAnalysis.swift|where isActive(a) && !isGranted(a) && !isCostly(a)|where isActive(a) && !isGranted(a)|a costly step counts as a way to meet a criterion"
  "Sources/Eligibility/Evaluation/StatusAnalysis.swift|if groups.count > groupMark + 1 {|if groups.count > groupMark + 2 {|the alternatives of an 'any' stay separate needs"
  "Sources/Eligibility/Evaluation/StatusAnalysis.swift|needs[item].first { \$0.alternatives.allSatisfy { deadOrder[\$0] < deadOrder[item] } }|needs[item].first { \$0.alternatives.allSatisfy { deadOrder[\$0] != .max } }|a root cause followed round a circle of dead services"
  "Sources/Eligibility/Evaluation/EvaluationState+Verdicts.swift|for dep in analysis.dependencies[y] where !analysis.dead[dep.to] {|for dep in analysis.dependencies[y] {|a deadlock's circle may pass through a service that is out for good"
)

# The files the mutations touch, each once.
files=()
for entry in "${mutations[@]}"; do
  file=${entry%%|*}
  [[ " ${files[*]} " == *" $file "* ]] || files+=("$file")
done
restore() { git checkout -q -- "${files[@]}"; }
if ! git diff --quiet -- "${files[@]}"; then
  echo "error: the files the mutations touch (${files[*]}) have uncommitted changes; commit them or run in a clean work tree" >&2
  exit 2
fi
trap restore EXIT

survived=0
status=0
printf '%-4s %-70s %s\n' "" "mutation" "result"
for entry in "${mutations[@]}"; do
  IFS='|' read -r file original mutated meaning <<<"$entry"
  if ! python3 - "$file" "$original" "$mutated" <<'EOF'
import sys
path, old, new = sys.argv[1:4]
text = open(path).read()
if text.count(old) != 1:
    sys.exit(1)
open(path, "w").write(text.replace(old, new))
EOF
  then
    printf '%-4s %-70s %s\n' "??" "$meaning" "does not apply: the text is not in $file exactly once"
    status=2
    continue
  fi
  if ! swift build --build-tests >${TMPDIR:-/tmp}/mutate-build.log 2>&1; then
    printf '%-4s %-70s %s\n' "??" "$meaning" "the build failed (${TMPDIR:-/tmp}/mutate-build.log)"
    status=2
    restore
    continue
  fi
  if swift test --skip-build --filter "$filter" >${TMPDIR:-/tmp}/mutate-test.log 2>&1; then
    printf '%-4s %-70s %s\n' "LIVE" "$meaning" "survived: no test failed"
    survived=$((survived + 1))
  else
    log=${TMPDIR:-/tmp}/mutate-test.log
    failing=$(grep -c '^✘ Test .* failed after' "$log")
    suites=$(sed -n 's/^✘ Suite \(.*\) failed after.*/\1/p' "$log" | paste -sd';' -)
    printf '%-4s %-70s %s\n' "ok" "$meaning" "caught: $failing failing tests ($suites)"
  fi
  restore
done
# Leave the build as the sources are.
swift build --build-tests >/dev/null 2>&1
if [ "$survived" -gt 0 ]; then
  echo "$survived mutation(s) survived"
  exit 1
fi
exit $status

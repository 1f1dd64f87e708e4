#!/usr/bin/env bash
# issue 30: eligcheck against OpenFisca, the speed peer, in one run on the same cohort.
#   bench/openfisca-compare.sh [N]            (default 1000000 patients)
# 1. makes its own virtual environment, bench/.venv-openfisca, with openfisca-core 46.0.1
# 2. generates the cohort once: ../shared/bench/make_cohort.py N --seed 1
#    (or $ELIGCHECK_COHORT_SCRIPT) > bench/out/cohort-N.jsonl
# 3. builds eligcheck in release (skipped with ELIGCHECK_NO_BUILD=1)
# 4. measures with /usr/bin/time -v, one after the other, under `nice -n 5`:
#    a. eligcheck diff --base rules --proposed rules --cohort FILE --format json
#    b. bench/openfisca/run.py FILE: the same file through the OpenFisca model of
#       bench/openfisca/ (about fifteen criteria, calculated for baseline and "proposed")
# 5. prints a Markdown table (wall, user+sys CPU, peak RSS, patients/s, the ratios) and
#    puts it, with the command, date, machine and commit, in bench/openfisca-results.md
#    (the section for this N is replaced; the other sizes' sections stay).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
[[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "usage: bench/openfisca-compare.sh [N]  (N patients, default 1000000)" >&2; exit 2; }
openfisca_version=46.0.1
venv=bench/.venv-openfisca
out=bench/out
cohort=$out/cohort-$n.jsonl
script=${ELIGCHECK_COHORT_SCRIPT:-../shared/bench/make_cohort.py}

if [ ! -f "$script" ]; then
  echo "openfisca-compare: the cohort generator $script is not there." >&2
  echo "It lives in the shared folder beside this repository (../shared/bench/make_cohort.py);" >&2
  echo "check that folder out next to the repository, or set ELIGCHECK_COHORT_SCRIPT to the script." >&2
  exit 1
fi
if [ ! -x /usr/bin/time ]; then
  echo "openfisca-compare: installing GNU time (Debian package time) for /usr/bin/time -v" >&2
  apt-get update >&2
  apt-get install -y time >&2
fi

if ! "$venv/bin/python" -c "import openfisca_core, importlib.metadata as m; assert m.version('openfisca-core') == '$openfisca_version'" 2>/dev/null; then
  echo "openfisca-compare: making $venv with openfisca-core $openfisca_version" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "openfisca-core==$openfisca_version" >&2
fi

mkdir -p "$out"
if [ ! -s "$cohort" ]; then
  echo "openfisca-compare: generating $cohort" >&2
  python3 "$script" "$n" --seed 1 > "$cohort.part"
  mv "$cohort.part" "$cohort"
fi

[ -n "${ELIGCHECK_NO_BUILD:-}" ] || nice -n 5 swift build -c release --product eligcheck >&2
eligcheck=.build/release/eligcheck
[ -x "$eligcheck" ] || { echo "openfisca-compare: $eligcheck is missing (build it, or unset ELIGCHECK_NO_BUILD)" >&2; exit 1; }

# Both read the file from the page cache, not from disk.
cat "$cohort" > /dev/null

eligcheck_cmd=("$eligcheck" diff --base rules --proposed rules --cohort "$cohort" --format json)
openfisca_cmd=("$venv/bin/python" bench/openfisca/run.py "$cohort")
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "openfisca-compare: ${eligcheck_cmd[*]}" >&2
nice -n 5 /usr/bin/time -v -o "$out/openfisca-$n-eligcheck.time" "${eligcheck_cmd[@]}" > "$out/openfisca-$n-eligcheck.json"
echo "openfisca-compare: ${openfisca_cmd[*]}" >&2
nice -n 5 /usr/bin/time -v -o "$out/openfisca-$n-openfisca.time" "${openfisca_cmd[@]}" > "$out/openfisca-$n-openfisca.json"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# Not timed: do the two agree? On the first 20,000 patients, the number for whom each
# OpenFisca criterion holds should be eligcheck's number of `eligible` for that service.
head -n 20000 "$cohort" > "$out/openfisca-$n-check.jsonl"
"$eligcheck" diff --base rules --proposed rules --cohort "$out/openfisca-$n-check.jsonl" --format json --all > "$out/openfisca-$n-check-eligcheck.json"
"$venv/bin/python" bench/openfisca/run.py "$out/openfisca-$n-check.jsonl" > "$out/openfisca-$n-check-openfisca.json"

dirty=$(git status --porcelain -- Sources Package.swift rules | wc -l)
N="$n" OUT="$out" COHORT="$cohort" LOAD_BEFORE="$load_before" LOAD_AFTER="$load_after" \
COMMIT="$(git rev-parse --short HEAD)" DIRTY="$dirty" OPENFISCA_VERSION="$openfisca_version" \
ELIGCHECK_CMD="${eligcheck_cmd[*]}" OPENFISCA_CMD="${openfisca_cmd[*]}" \
python3 - <<'PY'
"""Reads the two /usr/bin/time -v reports and the two outputs; prints the table and
puts it in bench/openfisca-results.md."""
import json, os, re, subprocess, sys, datetime

env = os.environ
n, out = int(env["N"]), env["OUT"]


def measured(tool):
    text = open(f"{out}/openfisca-{n}-{tool}.time").read()
    field = lambda label: re.search(re.escape(label) + r".*?: (\S+)\n", text).group(1)
    status = int(field("Exit status"))
    clock = [float(x) for x in field("Elapsed (wall clock) time").split(":")]
    wall = sum(x * 60 ** i for i, x in enumerate(reversed(clock)))
    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    peak = int(field("Maximum resident set size (kbytes)")) / 1024
    return status, wall, cpu, peak


e_status, e_wall, e_cpu, e_peak = measured("eligcheck")
o_status, o_wall, o_cpu, o_peak = measured("openfisca")
report = json.load(open(f"{out}/openfisca-{n}-eligcheck.json"))
of = json.load(open(f"{out}/openfisca-{n}-openfisca.json"))
if o_status != 0 or e_status not in (0, 1):
    sys.exit(f"openfisca-compare: exit status eligcheck {e_status}, OpenFisca {o_status}")
head = report["headline"]
e_patients, e_changed = head["patients"], head["patients_changed"]
if e_patients != n or of["patients"] != n:
    sys.exit(f"openfisca-compare: patients read: eligcheck {e_patients}, OpenFisca {of['patients']}, expected {n}")

check = json.load(open(f"{out}/openfisca-{n}-check-eligcheck.json"))
eligible = {svc["id"].replace(".", "_"): svc["current"]["eligible"] for svc in check["services"]}
held = json.load(open(f"{out}/openfisca-{n}-check-openfisca.json"))["eligible_on_the_facts"]
differ = [f"{k} (OpenFisca {v}, eligcheck {eligible.get(k)})" for k, v in sorted(held.items()) if eligible.get(k) != v]
agreement = (f"Check (not timed), first {check['evaluated']:,} patients: for each of the {len(held)} criteria, "
             + ("OpenFisca's count of patients it holds for equals eligcheck's count of `eligible` "
                f"for that service ({len(held) - len(differ)} of {len(held)})." if not differ
                else "the counts differ for " + "; ".join(differ) + "."))

s = of["seconds"]
cpu_model = next(l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name"))
nproc = os.cpu_count()
date = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
dirty = int(env["DIRTY"])
commit = env["COMMIT"] + (f" (eligcheck built from the working tree: {dirty} uncommitted change(s) under Sources/, rules/ or Package.swift)" if dirty else "")
f = lambda x, d=2: f"{x:,.{d}f}"
table = f"""| {n:,} patients | wall s | CPU s (user+sys) | peak RSS MiB | patients/s (wall) | people changed |
|---|---:|---:|---:|---:|---:|
| eligcheck `diff` (every service, statuses, plans, deadlocks) | {f(e_wall)} | {f(e_cpu)} | {f(e_peak, 0)} | {f(n / e_wall, 0)} | {e_changed} |
| OpenFisca {env['OPENFISCA_VERSION']} ({of['criteria']} criteria, {of['formula_variables']} formula variables) | {f(o_wall)} | {f(o_cpu)} | {f(o_peak, 0)} | {f(n / o_wall, 0)} | {of['changed']} |
| **eligcheck's ratio to OpenFisca** | **{o_wall / e_wall:.1f}× wall** | **{o_cpu / e_cpu:.1f}× CPU** | {o_peak / e_peak:.1f}× less memory | | |"""
phases = f"""OpenFisca's time by phase (run.py's own clock, seconds):

| load the model | read the file | of which `json.loads` | input arrays | 2 simulations, `set_input` | calculate baseline | calculate proposed | compare | total |
|---:|---:|---:|---:|---:|---:|---:|---:|---:|
| {s['model_load']} | {s['read_file']} | {s['of_which_json_loads']} ({f(n / max(s['of_which_json_loads'], 1e-9), 0)} lines/s) | {s['input_arrays']} | {s['simulations_set_input']} | {s['calculate_base']} | {s['calculate_proposed']} | {s['compare']} | {s['total']} |"""
section = f"""<!-- openfisca-compare {n} -->
## {n:,} patients

`bench/openfisca-compare.sh {n}`, {date}, commit {commit}; {nproc} cores ({cpu_model});
load average {env['LOAD_BEFORE']} before the two runs and {env['LOAD_AFTER']} after.

{table}

{phases}

{agreement}

Measured commands (each under `nice -n 5 /usr/bin/time -v`, one after the other, on
`{env['COHORT']}`):

```sh
{env['ELIGCHECK_CMD']}
{env['OPENFISCA_CMD']}
```
<!-- end openfisca-compare {n} -->"""
print(table)
print()
print(phases)
print()
print(agreement)

path = "bench/openfisca-results.md"
text = open(path).read() if os.path.exists(path) else "# eligcheck and OpenFisca on the same cohort\n"
pattern = re.compile(rf"<!-- openfisca-compare {n} -->.*?<!-- end openfisca-compare {n} -->", re.S)
text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
open(path, "w").write(text)
print(f"\nwritten to {path}", file=sys.stderr)
PY

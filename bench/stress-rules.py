#!/usr/bin/env python3
"""Generated rule sets against the budgets of issue 25: time and peak memory of `lint`,
`check` and `plan` on rule sets of many independent services and on one long
requires-cycle, each run in a process of its own (its own peak resident memory, from
wait4). A run over the memory budget (1 GB) or one that crashes fails the benchmark; a
rule set beyond the documented limits must be refused with a located message (exit 2
for check, 1 for lint) in the same budget.

Usage: bench/stress-rules.py [--eligcheck PATH] [--services 1000,3000,5000,10000]
                             [--cycles 10,50,51,1000,10000] [--budget-mb 1024]
Build first: swift build -c release --product eligcheck (the default PATH).
"""
import argparse
import os
import sys
import tempfile
import time

COMMON = """ruleset: stress.common
agency: Generated agency
version: "1"
valid_from: 2020-01-01
sources:
  t-law: {kind: law, cite: "A generated test law"}
facts:
  jurisdiction: {type: enum, values: [DK, SE, NO], question: "Which country?"}
  stress.ready: {type: bool, label: "ready", changeable_by: [patient], question: "Is the patient ready?"}
actions:
  stress.get_ready:
    who: patient
    does: Get ready
    because: being ready is what every generated service asks
    source: t-law
    effects:
      - {fact: stress.ready, becomes: true, because: "the action makes the patient ready"}
"""

HEADER = """ruleset: stress.{name}
agency: Generated agency
jurisdiction: SE
version: "1"
valid_from: 2020-01-01
sources:
  t-law-{name}: {{kind: law, cite: "A generated test law"}}
services:
"""


def independent_services(n):
    """n services, each open to a Swedish patient once the one action made them ready:
    every service is reachable with a plan of two steps."""
    out = [HEADER.format(name="services")]
    for i in range(n):
        out.append(
            f"""  stress.s{i}:
    title: Generated service {i}
    because: A generated service.
    source: t-law-services
    criteria:
      all:
        - {{fact: jurisdiction, equals: SE}}
        - {{fact: stress.ready, equals: true}}
""")
    return "".join(out)


def cycle_services(n):
    """n services, each requiring the next and the last the first: one cycle of length n."""
    out = [HEADER.format(name="cycle")]
    for i in range(n):
        out.append(
            f"""  stress.c{i}:
    title: Generated service {i} of a cycle
    because: A generated service.
    source: t-law-cycle
    criteria:
      all:
        - {{fact: jurisdiction, equals: SE}}
        - {{fact: stress.ready, equals: true}}
    requires:
      - service: stress.c{(i + 1) % n}
        because: each waits for the next
        source: t-law-cycle
""")
    return "".join(out)


# RuleLibraryLimits in Sources/Eligibility/Loading/LibraryValidator+Limits.swift: a rule
# set within them must be answered, one beyond them refused.
SERVICE_LIMIT = 5000
CIRCLE_LIMIT = 50

PATIENT = '{"id": "stress-1", "jurisdiction": "SE", "stress.ready": false}\n'


def measure(argv):
    """Runs argv alone, returning (exit status, seconds, peak KB, stdout, stderr)."""
    start = time.monotonic()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        pid = os.fork()
        if pid == 0:
            os.dup2(out.fileno(), 1)
            os.dup2(err.fileno(), 2)
            try:
                os.execv(argv[0], argv)
            finally:
                os._exit(127)
        _, status, usage = os.wait4(pid, 0)
        elapsed = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        code = os.waitstatus_to_exitcode(status)
        return code, elapsed, usage.ru_maxrss, out.read(), err.read()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eligcheck", default=".build/release/eligcheck")
    parser.add_argument("--services", default="1000,3000,5000,10000")
    parser.add_argument("--cycles", default="10,50,51,1000,10000")
    parser.add_argument("--budget-mb", type=int, default=1024)
    args = parser.parse_args()
    binary = os.path.abspath(args.eligcheck)
    if not os.access(binary, os.X_OK):
        sys.exit(f"no eligcheck at {binary}: swift build -c release --product eligcheck")
    budget_kb = args.budget_mb * 1024
    cases = [("services", int(n), independent_services) for n in args.services.split(",") if n]
    cases += [("cycle", int(n), cycle_services) for n in args.cycles.split(",") if n]
    failures = 0
    print(f"{'rule set':<16} {'command':<6} {'exit':>4} {'seconds':>8} {'peak MB':>8}  first line of stderr")
    for kind, n, generate in cases:
        with tempfile.TemporaryDirectory() as folder:
            rules = os.path.join(folder, "rules")
            os.mkdir(rules)
            with open(os.path.join(rules, "common.yaml"), "w") as f:
                f.write(COMMON)
            with open(os.path.join(rules, f"{kind}.yaml"), "w") as f:
                f.write(generate(n))
            patient = os.path.join(folder, "patient.json")
            with open(patient, "w") as f:
                f.write(PATIENT)
            for command in ("lint", "check", "plan"):
                argv = [binary, command, "--rules", rules]
                if command != "lint":
                    argv += [patient, "--format", "json"]
                code, seconds, peak_kb, out, err = measure(argv)
                first = err.decode("utf-8", "replace").strip().split("\n")[0][:90]
                label = f"{kind} {n}"
                print(f"{label:<16} {command:<6} {code:>4} {seconds:>8.2f} {peak_kb / 1024:>8.0f}  {first}")
                text = err.decode("utf-8", "replace")
                refused = code in (1, 2) and ": error: " in first and "at most" in text
                within = n <= (SERVICE_LIMIT if kind == "services" else CIRCLE_LIMIT)
                if within and code != 0:
                    print(f"  a rule set within the limits was not answered (exit {code})")
                    failures += 1
                if peak_kb > budget_kb:
                    print(f"  over the budget of {args.budget_mb} MB")
                    failures += 1
                if code < 0 or code > 2 or (code != 0 and not refused):
                    print(f"  neither answered nor refused with a located message (exit {code})")
                    failures += 1
    if failures:
        sys.exit(f"{failures} run(s) over budget or crashed")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes a JSON Lines cohort as a CSV cohort: one column per fact any line states, named
dotted (diagnosis.icd10), in the order first met; true/false and numbers as JSON writes
them, strings as their content; an absent or null fact is an empty cell (unknown).
Quoting as RFC 4180 (Python's csv module, minimal quoting), lines ending in a newline.

    bench/jsonl-to-csv.py IN.jsonl OUT.csv
"""
import csv
import decimal
import json
import sys


def flatten(obj, prefix, row):
    for key, value in obj.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            flatten(value, name, row)
        elif value is None:
            continue
        elif isinstance(value, bool):
            row[name] = "true" if value else "false"
        else:
            row[name] = str(value)


def main(source, target):
    rows, names = [], {}
    with open(source, encoding="utf-8") as lines:
        for line in lines:
            row = {}
            flatten(json.loads(line, parse_float=decimal.Decimal), "", row)
            for name in row:
                names.setdefault(name, None)
            rows.append(row)
    with open(target, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(list(names))
        for row in rows:
            writer.writerow([row.get(name, "") for name in names])


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])

#!/usr/bin/env python3
"""The OpenFisca half of bench/openfisca-compare.sh.

    run.py COHORT.jsonl

Reads the JSON Lines cohort (json.loads per line), builds one array per input variable,
sets them on two simulations of the model in nordic_mental_health/ (the baseline and a
reform with the same parameters, as `eligcheck diff --base rules --proposed rules` loads
the same rules twice), calculates every formula variable in both, and counts the patients
for whom any of them differs (zero). Prints one JSON object with the counts and the time
of each phase on stdout.
"""
import json
import sys
import time
from pathlib import Path

import numpy as np
from openfisca_core.simulations import SimulationBuilder

sys.path.insert(0, str(Path(__file__).parent))
from nordic_mental_health import NordicTaxBenefitSystem, SameParameters  # noqa: E402

PERIOD = "2026"

# Inputs read from the cohort: variable name -> path in the patient profile.
ENUMS = {"jurisdiction": ("jurisdiction",), "diagnosis_severity": ("diagnosis", "severity"),
         "employment_status": ("employment", "status"),
         "social_support_need": ("social", "support_need"),
         "social_functioning": ("social", "functioning")}
BOOLS = {"gp_listed": ("gp", "listed"), "gp_in_care_manager_project": ("gp", "in_care_manager_project"),
         "risk_acute": ("risk", "acute"), "psychiatry_in_treatment": ("psychiatry", "in_treatment"),
         "appointments_shared_consultation_booked": ("appointments", "shared_consultation_booked"),
         "employment_steady_job": ("employment", "steady_job"),
         "social_care_plan_accompaniment": ("social", "care_plan_accompaniment")}
NUMBERS = {"age": ("age",), "income_annual": ("income", "annual")}
DATES = {"as_of": ("as_of",), "employment_sick_leave_start": ("employment", "sick_leave_start")}
CODES = {"diagnosis": ("diagnosis", "icd10")}
COLUMNS = {**ENUMS, **BOOLS, **NUMBERS, **DATES, **CODES}


def icd10_parts(code, memo={}):
    """'F32.1' (also 'DF321', 'F32,1', 'f32.1', 'F321') -> (32, 1); a code outside
    chapter F -> (-1, -1). The cohort has a dozen distinct codes, hence the memo."""
    if code not in memo:
        c = code.strip().upper().replace(".", "").replace(",", "")
        if c.startswith("DF"):
            c = c[1:]
        if len(c) >= 3 and c[0] == "F" and c[1:3].isdigit():
            memo[code] = (int(c[1:3]), int(c[3]) if len(c) > 3 and c[3].isdigit() else -1)
        else:
            memo[code] = (-1, -1)
    return memo[code]


def read_cohort(path):
    """One list per column, None where the fact is not given; and the time json.loads took."""
    columns = {name: [] for name in COLUMNS}
    paths = list(COLUMNS.items())
    loads_s = 0.0
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            t = time.perf_counter()
            patient = json.loads(line)
            loads_s += time.perf_counter() - t
            for name, (first, *rest) in paths:
                value = patient.get(first)
                if rest and value is not None:
                    value = value.get(rest[0])
                columns[name].append(value)
    return columns, loads_s


def input_arrays(columns):
    """The arrays set on the simulations (numpy, one value per patient)."""
    arrays = {}
    for name in ENUMS:
        arrays[name] = np.array(["unknown" if v is None else v for v in columns[name]])
    for name in BOOLS:
        values = np.array(columns[name], dtype=object)
        arrays[name] = values == True  # noqa: E712 (element-wise)
        arrays[name + "_known"] = values != None  # noqa: E711
    for name in NUMBERS:
        values = np.array(columns[name], dtype=object)
        known = values != None  # noqa: E711
        arrays[name] = np.where(known, values, 0).astype(np.float64)
        arrays[name + "_known"] = known
    for name in DATES:
        values = np.array(["NaT" if v is None else v for v in columns[name]], dtype="datetime64[D]")
        arrays[name] = values
        arrays[name + "_known"] = ~np.isnat(values)
    codes = columns["diagnosis"]
    parts = np.array([(-1, -1) if c is None else icd10_parts(c) for c in codes], dtype=np.int32)
    arrays["diagnosis_icd10_category"] = parts[:, 0]
    arrays["diagnosis_icd10_subcode"] = parts[:, 1]
    arrays["diagnosis_known"] = np.array([c is not None for c in codes])
    return arrays


def simulation(system, arrays, count):
    sim = SimulationBuilder().build_default_simulation(system, count)
    for name, values in arrays.items():
        if name in system.variables:  # as_of_known, jurisdiction's... are not variables
            sim.set_input(name, PERIOD, values)
    return sim


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    start = time.perf_counter()
    baseline = NordicTaxBenefitSystem()
    proposed = SameParameters(baseline)
    formulas = sorted(name for name, v in baseline.variables.items() if v.formulas)
    t_model = time.perf_counter()

    columns, loads_s = read_cohort(sys.argv[1])
    t_read = time.perf_counter()
    count = len(columns["jurisdiction"])
    arrays = input_arrays(columns)
    del columns
    t_arrays = time.perf_counter()

    base_sim = simulation(baseline, arrays, count)
    proposed_sim = simulation(proposed, arrays, count)
    t_sims = time.perf_counter()

    base = {name: base_sim.calculate(name, PERIOD) for name in formulas}
    t_base = time.perf_counter()
    after = {name: proposed_sim.calculate(name, PERIOD) for name in formulas}
    t_proposed = time.perf_counter()

    changed = np.zeros(count, dtype=bool)
    for name in formulas:
        changed |= np.asarray(base[name] != after[name])
    criteria = [name for name in formulas if baseline.variables[name].value_type is bool
                and name != "diagnosis_mental"]
    end = time.perf_counter()

    json.dump({
        "patients": count,
        "changed": int(changed.sum()),
        "formula_variables": len(formulas),
        "criteria": len(criteria),
        "eligible_on_the_facts": {name: int(base[name].sum()) for name in criteria},
        "seconds": {
            "model_load": round(t_model - start, 3),
            "read_file": round(t_read - t_model, 3),
            "of_which_json_loads": round(loads_s, 3),
            "input_arrays": round(t_arrays - t_read, 3),
            "simulations_set_input": round(t_sims - t_arrays, 3),
            "calculate_base": round(t_base - t_sims, 3),
            "calculate_proposed": round(t_proposed - t_base, 3),
            "compare": round(end - t_proposed, 3),
            "total": round(end - start, 3),
        },
    }, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()

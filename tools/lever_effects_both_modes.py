#!/usr/bin/env python3
"""Each lever's effect on national vacancy FTE in 2030-12 in both modes: the agents' paired
difference from the baseline (results/levers/<scenario>.csv, written by
tools/lever_results.sh) and the projection's difference from the projected baseline
(--mode expected files). Prints a Markdown table (docs/validation.md).

Usage: tools/lever_effects_both_modes.py EXPECTED_DIR SCENARIO ...   (EXPECTED_DIR holds
baseline.h5 and <scenario>.h5 from `krapte run --mode expected`; Debian's python3-h5py)."""

import csv
import os
import sys

import h5py


def fail(message):
    print(f"lever_effects_both_modes.py: error: {message}", file=sys.stderr)
    sys.exit(2)


def projected_vacancy(path, month):
    if not os.path.isfile(path):
        fail(f"{path}: no such file; allowed: a file of `krapte run --mode expected`")
    with h5py.File(path, "r") as f:
        if "national/vacancy_fte" not in f or "axes/time" not in f:
            fail(f"{path}: not a krapte run file (no /national/vacancy_fte)")
        time = [t.decode() for t in f["axes/time"][()]]
        if month not in time:
            fail(f"{path}: no month {month}; allowed: a run that ends in or after {month}")
        return float(f["national/vacancy_fte"][0, time.index(month), :].sum())


def agents_difference(scenario, month):
    if not os.path.isfile(f"results/levers/{scenario}.csv"):
        fail(f"results/levers/{scenario}.csv: no such file; run tools/lever_results.sh first")
    with open(f"results/levers/{scenario}.csv", newline="") as f:
        for row in csv.DictReader(f):
            if row["month"] == month and row["unit"] == "national" and row["job_family"] == "total":
                return float(row["difference_vacancy_fte"]), float(row["ci90_low_fte"]), float(row["ci90_high_fte"])
    fail(f"results/levers/{scenario}.csv: no national total for {month}; run tools/lever_results.sh")


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    folder, scenarios, month = sys.argv[1], sys.argv[2:], "2030-12"
    base = projected_vacancy(f"{folder}/baseline.h5", month)
    rows = []  # every input read before anything is printed
    for scenario in scenarios:
        agents, low, high = agents_difference(scenario, month)
        projected = projected_vacancy(f"{folder}/{scenario}.h5", month) - base
        ratio = f"{projected / agents:.2f}" if abs(agents) > 1 else "-"
        rows.append(f"| {scenario} | {agents:+.0f} [{low:+.0f}, {high:+.0f}] | {projected:+.0f} | {ratio} |")
    print("| scenario | agents (paired, 90% interval) | projection | projection / agents |")
    print("|---|---|---|---|")
    print("\n".join(rows))

if __name__ == "__main__":
    main()

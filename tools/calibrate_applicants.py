#!/usr/bin/python3
"""Derive applicants_per_100k_inhabitants per job family for a scenario.

Calibration rule (docs/calibration.md): at the start, expected hires per family equal the
family's exits plus its demand growth, so that the vacancy rate would stay level if nothing
else changed; ageing, the AOW schedule and labour-market tightness then move it.

Method, with the model's own matching function (alpha and efficiency from the scenario):
  1. run the scenario for 12 months, 1 replication, without recruitment and without
     workload pressure (vacancies rise without hires, and pressure would inflate exits);
  2. target hires per month H_j = (exits_j in those 12 months) / 12
     + demand growth_j x demand_fte_j(0) / mean_new_hire_fte / 12;
  3. v_rj = vacancy heads per region after the first month (no hires yet),
     a_rj = A_j x inhabitants_r / 100000 x tightness(start);
     solve sum_r efficiency v_rj^alpha a_rj^(1-alpha) = H_j for A_j.
Prints the values to paste into the scenario. Needs python3-h5py and numpy.
Usage: tools/calibrate_applicants.py SCENARIO [--krapte build/release/engine/krapte]
"""
import argparse
import subprocess
import sys
import tempfile

import h5py
import numpy as np
import yaml


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario")
    parser.add_argument("--krapte", default="build/release/engine/krapte")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        out = f"{tmp}/norecruit.h5"
        subprocess.run([args.krapte, "run", args.scenario, "-o", out, "--replications", "1", "--quiet",
                        "--set", "recruitment.matching_efficiency=0",
                        "--set", "exits.pressure_sensitivity=0"], check=True)
        with h5py.File(out, "r") as f:
            scenario = yaml.safe_load(f["scenario"][()].decode())
            start = scenario["start"]
            end_of_year = 12
            exits = sum(f["national"][m][0, 1:end_of_year + 1, :].sum(axis=0)
                        for m in ("exits_retirement", "exits_early_retirement", "exits_quit", "exits_other"))
            demand0 = f["national/demand_fte"][0, 0, :]
            vacancy_region = f["region/vacancy_fte"][0, 1, :, :]  # [region, family] after month 1
            regions = [r.decode() for r in f["axes/region"][()]]
            municipalities = f["axes/municipality"][()]
            families = [j.decode() for j in f["axes/job_family"][()]]

    import csv
    import os
    table = os.path.join(os.path.dirname(args.scenario), scenario["data"]["municipalities"])
    inhabitants = {r: 0 for r in regions}
    with open(table, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            inhabitants[row["labour_market_region"]] += int(row["inhabitants"])
    inh = np.array([inhabitants[r] for r in regions], dtype=float)

    bins = scenario["recruitment"]["new_hire"]["contract_fte"]
    total = sum(b["weight"] for b in bins)
    mean_fte = sum(b["weight"] / total * 0.5 * (b["from"] + b["to"]) for b in bins)
    alpha = scenario["recruitment"]["matching_alpha"]
    tightness = 1.0
    for entry in scenario["recruitment"]["tightness"]:
        if entry["from"] <= start:
            tightness = entry["factor"]
    growth = {f["name"]: f["demand_growth_annual"] for f in scenario["job_families"]}

    print(f"# mean new-hire FTE {mean_fte:.4f}, alpha {alpha}, tightness at start {tightness}")
    for j, name in enumerate(families):
        target = exits[j] / 12.0 + growth[name] * demand0[j] / mean_fte / 12.0
        v = vacancy_region[:, j] / mean_fte
        # sum_r v^alpha (A inh/1e5 t)^(1-alpha) = target  =>  A^(1-alpha) = target / sum_r v^alpha (inh t/1e5)^(1-alpha)
        base = np.sum(v ** alpha * (inh / 1e5 * tightness) ** (1 - alpha))
        applicants = (target / base) ** (1.0 / (1 - alpha))
        print(f"{name:20s} target hires/month {target:8.1f}  applicants_per_100k_inhabitants: {applicants:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

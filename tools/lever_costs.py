#!/usr/bin/python3
"""Cost-effectiveness of every shipped measure against the baseline over the agents (issue 12).

Runs the baseline and each lever scenario with agent replications (the baseline's seed, so the
differences are paired by replication: common random numbers), compares each with
`krapte compare --costs-csv` over 2024-01..2030-12, keeps the CSVs in results/costs/agents/, and
rewrites the block between `<!-- begin: lever_costs -->` and `<!-- end: lever_costs -->` in each
docs/levers page with the numbers of its CSV (no number is typed by hand).

Usage: /usr/bin/python3 tools/lever_costs.py [--replications N] [--krapte PATH] [--reuse]
  --reuse: do not run; rewrite the pages from the CSVs already in results/costs/agents/.
"""
import argparse
import csv
import math
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAGES = {  # scenario -> lever page
    "collective": "collective.md",
    "attractiveness": "attractiveness.md",
    "standardisation": "standardisation.md",
    "shared-services": "shared-services.md",
    "trainees": "trainees.md",
    "flexpools": "flexpools.md",
    "retention": "retention.md",
    "more-hours": "more-hours.md",
    "stap-naar-voren": "package.md",
}
BEGIN, END = "<!-- begin: lever_costs -->", "<!-- end: lever_costs -->"


def run(krapte, scenario, out, replications):
    subprocess.run([krapte, "run", os.path.join(ROOT, "scenarios", scenario + ".yaml"), "--quiet", "--replications", str(replications),
                    "--set", "output.municipality_level=false", "-o", out], check=True)


def millions(row):
    """'+65.8 [+60.1, +71.5]' in M EUR (no interval when the CSV has none)."""
    d = float(row["difference"]) / 1e6
    lo, hi = float(row["ci90_low"]), float(row["ci90_high"])
    return f"{d:+,.1f}" + ("" if math.isnan(lo) else f" [{lo / 1e6:+,.1f}, {hi / 1e6:+,.1f}]")


def plain(row, digits):
    d = float(row["difference"])
    lo, hi = float(row["ci90_low"]), float(row["ci90_high"])
    return f"{d:+,.{digits}f}" + ("" if math.isnan(lo) else f" [{lo:+,.{digits}f}, {hi:+,.{digits}f}]")


def block(csv_path, replications, commit):
    rows = {r["item"]: r for r in csv.DictReader(open(csv_path)) if r["unit"] == "national"}
    measures = [k for k in rows if k.startswith("measure_") and float(rows[k]["other"]) != 0]
    measure_text = "; ".join(f"{k[len('measure_'):]} {millions(rows[k])}" for k in measures) or "none"
    ratio = rows["euros_per_vacancy_fte_year_avoided"]
    r, lo, hi = float(ratio["difference"]), float(ratio["ci90_low"]), float(ratio["ci90_high"])
    if math.isnan(r):
        ratio_text = "n/a (no vacancy FTE-years avoided on average, so no cost per FTE-year avoided is defined)"
    elif math.isnan(lo):
        ratio_text = f"{r:,.0f} (no interval)"
    else:
        ratio_text = f"{r:,.0f} [{lo:,.0f}, {hi:,.0f}]"
    if r < 0:  # total cost falls while vacancies are avoided: the inhuur saved exceeds the measure's cost
        ratio_text += " (negative: it saves more on inhuur for vacancies than it costs)"
    return (f"{BEGIN}\n"
            f"**Cost-effectiveness over the agents** ({replications} replications, the baseline's seed, differences paired by "
            f"replication, 90% intervals; 2024-01..2030-12; `tools/lever_costs.py` at {commit}, "
            f"`results/costs/agents/{os.path.basename(csv_path)}`): total cost {millions(rows['total'])} M EUR; "
            f"the measure's own cost {measure_text} M EUR; vacancy FTE-years avoided {plain(rows['vacancy_fte_years_avoided'], 1)}; "
            f"**EUR per vacancy FTE-year avoided: {ratio_text}**.\n{END}")


def table_row(scenario, csv_path):
    rows = {r["item"]: r for r in csv.DictReader(open(csv_path)) if r["unit"] == "national"}
    ratio = rows["euros_per_vacancy_fte_year_avoided"]
    r, lo, hi = float(ratio["difference"]), float(ratio["ci90_low"]), float(ratio["ci90_high"])
    ratio_text = "n/a (none avoided)" if math.isnan(r) else f"{r:,.0f} [{lo:,.0f}, {hi:,.0f}]"
    return f"| {scenario} | {millions(rows['total'])} | {plain(rows['vacancy_fte_years_avoided'], 1)} | {ratio_text} |\n"


def rewrite(page, text):
    content = open(page).read()
    if BEGIN in content:
        content = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: text, content, flags=re.S)
    else:  # after the page's **Cost** paragraph
        at = content.find("**Cost**")
        if at < 0:
            sys.exit(f"{page}: no **Cost** paragraph to put the block after")
        end = content.find("\n\n", at)
        end = len(content.rstrip("\n")) if end < 0 else end
        content = content[:end] + "\n\n" + text + content[end:]
    open(page, "w").write(content if content.endswith("\n") else content + "\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--replications", type=int, default=20)
    parser.add_argument("--krapte", default=os.path.join(ROOT, "build", "release", "engine", "krapte"))
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()
    out = os.path.join(ROOT, "results", "costs", "agents")
    os.makedirs(out, exist_ok=True)
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    base = os.path.join(out, "baseline.h5")
    summary = []
    if not args.reuse:
        run(args.krapte, "baseline", base, args.replications)
    for scenario, page in PAGES.items():
        csv_path = os.path.join(out, scenario + ".csv")
        if not args.reuse:
            other = os.path.join(out, scenario + ".h5")
            run(args.krapte, scenario, other, args.replications)
            subprocess.run([args.krapte, "compare", base, other, "--from", "2024-01", "--to", "2030-12", "--costs-csv", csv_path],
                           check=True, stdout=subprocess.DEVNULL)
            os.remove(other)
        rewrite(os.path.join(ROOT, "docs", "levers", page), block(csv_path, args.replications, commit))
        summary.append(table_row(scenario, csv_path))
        print(scenario, "->", page, flush=True)
    with open(os.path.join(out, "summary.md"), "w") as f:
        f.write("| scenario | total cost 2024-2030, other - base (M EUR, 90%) | vacancy FTE-years avoided (90%) | "
                "EUR per vacancy FTE-year avoided (90%) |\n|---|---|---|---|\n" + "".join(summary))
    if not args.reuse:
        os.remove(base)


if __name__ == "__main__":
    main()

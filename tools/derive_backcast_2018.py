#!/usr/bin/python3
"""Derives the end-2018 geography and staffing densities of scenarios/backcast-2018.yaml.

No table of the 2018/2019 population on the 2024 municipal boundaries is in
scenarios/data, so every municipality's 1-1-2024 population (CBS, municipalities.csv) is
scaled by the national ratio 17,282,163 / 17,942,942 (CBS 83482NED, 1 January 2019 over
1 January 2024): the assumption is that all municipalities grew at the national rate.
The size-class bounds are scaled by the same factor so that every municipality keeps its
2024 class, and the FTE per 1,000 inhabitants of each class follow the baseline's
derivation (docs/calibration.md) with the PM2018 headcount 163,645 in place of 189,500:

  fte_per_1000 = (H2021_class * 163,645 / 172,500 * 0.90 - 0.465 * 10 * n_class) / (pop_class * f / 1000)

Writes scenarios/data/municipalities_2019-01_scaled.csv and prints the class values.
Usage: tools/derive_backcast_2018.py [--check]   (--check: compare with the files, exit 1 on a difference)
"""
import csv
import io
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "scenarios" / "data"
POP_2019 = 17_282_163   # CBS 83482NED, population on 1 January 2019
POP_2024 = 17_942_942   # CBS 85984NED, 1 January 2024 (sum of municipalities.csv)
HEADCOUNT_2018 = 163_645  # A&O Personeelsmonitor 2018, persons at 31 December 2018
HEADCOUNT_2021 = 172_500  # PM2021 total of the size-class table
PART_TIME_FACTOR = 0.90   # PM2021 deeltijdfactor (nearest monitor with the figure)
OVERSHOOT_FTE_PER_CELL = 0.465  # fill-to-target overshoot, docs/calibration.md
FAMILIES = 10
BOUNDS = {"<20k": 20000, "20-50k": 50000, "50-100k": 100000, ">=100k excl. G4": 0}
G4 = {"GM0344", "GM0363", "GM0518", "GM0599"}


def main():
    factor = POP_2019 / POP_2024
    rows = list(csv.DictReader(open(DATA / "municipalities.csv", newline="", encoding="utf-8")))
    assert sum(int(r["inhabitants"]) for r in rows) == POP_2024
    scaled = [dict(r, inhabitants=str(round(int(r["inhabitants"]) * factor))) for r in rows]
    out = DATA / "municipalities_2019-01_scaled.csv"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0].keys()), lineterminator="\n")
    writer.writeheader()
    writer.writerows(scaled)
    text = buffer.getvalue()
    if "--check" in sys.argv:
        if out.read_text(encoding="utf-8") != text:
            print(f"{out} differs from what this script derives", file=sys.stderr)
            return 1
    else:
        out.write_text(text, encoding="utf-8")

    bounds = {name: round(b * factor) for name, b in BOUNDS.items()}
    classes = {r["size_class"]: r for r in csv.DictReader(open(DATA / "gemeenten_size_class_2021.csv", encoding="utf-8"))}

    def class_of(code, inhabitants):
        if code in G4:
            return "G4"
        for name in ("<20k", "20-50k", "50-100k", ">=100k excl. G4"):
            if bounds[name] == 0 or inhabitants < bounds[name]:
                return name

    counts, pops = {}, {}
    for r, s in zip(rows, scaled):
        c = class_of(r["code"], int(s["inhabitants"]))
        counts[c] = counts.get(c, 0) + 1
        pops[c] = pops.get(c, 0) + int(s["inhabitants"])
    print(f"population factor {factor:.6f}; class bounds {bounds}")
    for name in ("G4", "<20k", "20-50k", "50-100k", ">=100k excl. G4"):
        n2024 = int(classes[name]["n_municipalities_2024"])
        assert counts[name] == n2024, f"{name}: {counts[name]} municipalities after scaling, {n2024} in 2024"
        fte = int(classes[name]["pm2021_headcount_persons"]) * HEADCOUNT_2018 / HEADCOUNT_2021 * PART_TIME_FACTOR
        density = (fte - OVERSHOOT_FTE_PER_CELL * FAMILIES * counts[name]) / (pops[name] / 1000)
        print(f"{name:16s} n={counts[name]:3d} bound={bounds.get(name, '-')!s:>6s} fte_per_1000_inhabitants={density:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Chart of the backcast (docs/backcast.md): published headcount (PM, 31 December) against
the expected-value projection of the unfitted and the fitted backcast, month by month, with
the agents' mean at the target years from the calibrate CSV.

Usage (Debian's python3 with h5py, numpy, matplotlib):
  tools/backcast_chart.py UNFITTED.h5 FITTED.h5 RESIDUALS.csv OUT.png
where the .h5 files are `krapte run ... --mode expected` outputs and RESIDUALS.csv is the
`krapte calibrate --csv` table.
"""
import csv
import pathlib
import sys

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent


def monthly_headcount(path):
    with h5py.File(path, "r") as f:
        months = [t.decode() for t in f["axes/time"][()]]
        headcount = f["national/headcount"][()].mean(axis=0).sum(axis=1)
    x = [int(m[:4]) + (int(m[5:7]) - 1) / 12.0 for m in months]  # the month, in years (December of Y at Y + 11/12)
    return x, headcount


def main(argv):
    if len(argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    unfitted, fitted, residuals, out = argv[1:]
    published = [(int(r["period"]), float(r["value"]))
                 for r in csv.DictReader(open(ROOT / "scenarios/data/gemeenten_workforce_timeseries.csv", encoding="utf-8"))
                 if r["metric"] == "headcount" and 2016 <= int(r["period"]) <= 2023]
    agents = [(int(r["year"]), float(r["agents_mean"]), float(r["agents_p05"]), float(r["agents_p95"]))
              for r in csv.DictReader(open(residuals, encoding="utf-8")) if r["model"] == "headcount" and r["agents_mean"]]
    fig, ax = plt.subplots(figsize=(8, 4.5), dpi=110)
    for path, label, style in ((unfitted, "backcast, unfitted (projection)", ":"), (fitted, "backcast, fitted (projection)", "-")):
        x, y = monthly_headcount(path)
        ax.plot(x, y / 1000, style, color="tab:blue", label=label)
    ax.plot([p + 11 / 12 for p, _ in published], [v / 1000 for _, v in published], "o", color="black",
            label="published (Personeelsmonitor, 31 Dec)")
    if agents:
        ax.errorbar([a[0] + 11 / 12 for a in agents], [a[1] / 1000 for a in agents],
                    yerr=[[(a[1] - a[2]) / 1000 for a in agents], [(a[3] - a[1]) / 1000 for a in agents]],
                    fmt="s", color="tab:orange", markersize=4, capsize=3, label="fitted, agents: mean [5th-95th]")
    ax.set_xlabel("year (each point is the state at the end of its month)")
    ax.set_ylabel("headcount (thousand persons)")
    ax.set_title("Municipal headcount 2016-2023: published and backcast from end 2018")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

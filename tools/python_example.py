#!/usr/bin/python3
"""The worked example of docs/python.md: baseline against the package (stap-naar-voren) from
Python, no file written but the chart. Usage (from the repository root, after the build):

    PYTHONPATH=python:build/release/python /usr/bin/python3 tools/python_example.py [REPLICATIONS]

Writes docs/python-example.png and prints the compare table at the last month.
"""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import krapte  # noqa: E402

replications = int(sys.argv[1]) if len(sys.argv) > 1 else 20
base = krapte.run("scenarios/baseline.yaml", replications=replications)
package = krapte.run("scenarios/stap-naar-voren.yaml", replications=replications)

# National vacancy rate over all families: summed vacancy FTE / summed demand FTE (docs/output.md).
fig, ax = plt.subplots(figsize=(8, 4.5))
for ds, label in ((base, "baseline"), (package, "stap-naar-voren")):
    rate = 100 * ds["vacancy_fte"].sum("job_family") / ds["demand_fte"].sum("job_family")
    months = [str(m) for m in ds["time"].values]
    low, high = rate.quantile([0.05, 0.95], dim="replication").values
    line, = ax.plot(range(len(months)), rate.mean("replication"), label=label)
    ax.fill_between(range(len(months)), low, high, color=line.get_color(), alpha=0.2)
ticks = [i for i, m in enumerate(months) if m.endswith("-12")]
ax.set_xticks(ticks, [months[i][:4] for i in ticks])
ax.set_ylabel("vacancy rate, all job families (%)")
ax.set_title(f"Baseline against the package: mean and 5-95% of {replications} replications")
ax.legend()
fig.tight_layout()
fig.savefig("docs/python-example.png", dpi=100)

table = krapte.compare(base, package)
print(table[table.job_family == "total"].to_string(index=False))
print(table.attrs["table"])

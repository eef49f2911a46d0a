#!/usr/bin/env python3
"""Splits the difference in national vacancy FTE between the agents and the expected-value
projection (docs/validation.md) into two parts, per month:

  jensen: sum over cells of mean_r max(0, D - S_r) - max(0, D - mean_r S_r), the gap that
          max(0, .) opens in the agents' own cells because their supply S is random;
  supply: sum over cells of max(0, D - mean_r S_r) - V_projection, what is left: the
          agents' mean supply differs from the projection's (hiring response, pressure,
          placement).

Usage: tools/vacancy_gap.py AGENTS.h5 EXPECTED.h5 [YYYY-MM ...]   (both with the municipality
level; Debian's python3-h5py and python3-numpy)."""
import sys

import h5py
import numpy as np


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    agents, expected = h5py.File(sys.argv[1], "r"), h5py.File(sys.argv[2], "r")
    time = [t.decode() for t in agents["axes/time"][()]]
    months = sys.argv[3:] or [t for t in time[1:] if t.endswith("-12")]
    vacancy = agents["municipality/vacancy_fte"]   # [replication, time, municipality, family]
    supply = agents["municipality/effective_fte"]
    demand = agents["municipality/demand_fte"]
    projected = expected["municipality/vacancy_fte"]
    print("month    agents   projection  difference   jensen   supply   (vacancy FTE, national)")
    for month in months:
        k = time.index(month)
        mean_vacancy = vacancy[:, k].mean(axis=0)
        at_mean_supply = np.maximum(0.0, demand[0, k] - supply[:, k].mean(axis=0))
        v_projection = projected[0, k]
        print("%s %9.1f %10.1f %+10.1f %+9.1f %+8.1f" % (
            month, mean_vacancy.sum(), v_projection.sum(), mean_vacancy.sum() - v_projection.sum(),
            (mean_vacancy - at_mean_supply).sum(), (at_mean_supply - v_projection).sum()))
    # Where the max(0, .) gap sits, in the last month: by the size of the cell's demand.
    print("\n%s by demand of the cell (municipality x job family):" % month)
    print("demand FTE     cells   jensen  difference")
    for lo, hi in [(0, 5), (5, 20), (20, 100), (100, float("inf"))]:
        cells = (demand[0, k] >= lo) & (demand[0, k] < hi)
        print("%-12s %7d %+8.1f %+10.1f" % ("%g-%g" % (lo, hi), cells.sum(), (mean_vacancy - at_mean_supply)[cells].sum(),
                                          (mean_vacancy - v_projection)[cells].sum()))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Load a krapte result file into a tidy pandas DataFrame: one row per value.

Columns: replication, month, level, unit, job_family, metric, value
  level  national | region | municipality
  unit   "Nederland", the labour-market region, or the municipality's CBS code (GM....)
  value  in the metric's units (docs/output.md; the dataset's `units` attribute)

As a module (Debian's python3-h5py and python3-pandas):

    import sys; sys.path.insert(0, "tools")
    from tidy_results import load_tidy
    df = load_tidy("results/baseline.h5", level="region", metrics=["vacancy_fte", "demand_fte"])

From the shell (prints the first rows, or writes CSV):

    tools/tidy_results.py results/baseline.h5 --level region --metric vacancy_rate --csv regions.csv
"""
import argparse
import sys

import h5py
import numpy as np
import pandas as pd

COLUMNS = ["replication", "month", "level", "unit", "job_family", "metric", "value"]
LEVELS = ("national", "region", "municipality")


def _strings(values):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in values]


def load_tidy(path, level="national", metrics=None):
    """The metrics (default: all but the age histogram) of one level of a result file."""
    if level not in LEVELS:
        raise ValueError(f"level {level!r}; allowed: {', '.join(LEVELS)}")
    with h5py.File(path, "r") as f:
        if level not in f:
            raise ValueError(f"{path} has no /{level} group (run with output.municipality_level: true)")
        months = _strings(f["axes/time"][()])
        families = _strings(f["axes/job_family"][()])
        if level == "national":
            units = ["Nederland"]
        elif level == "region":
            units = _strings(f["axes/region"][()])
        else:
            units = _strings(f["axes/municipality"][()]["code"])
        group = f[level]
        names = metrics or [name for name in group if name != "age_histogram"]
        frames = []
        for name in names:
            if name not in group:
                raise ValueError(f"no metric {name!r} in /{level}; allowed: {', '.join(group)}")
            data = group[name][()]
            if level == "national":  # [replication, time, job_family] -> one unit
                data = data[:, :, np.newaxis, :]
            index = pd.MultiIndex.from_product(
                [range(data.shape[0]), months, units, families], names=["replication", "month", "unit", "job_family"])
            frame = pd.DataFrame({"value": data.reshape(-1)}, index=index).reset_index()
            frame["metric"] = name
            frames.append(frame)
    df = pd.concat(frames, ignore_index=True)
    df["level"] = level
    for column in ("month", "level", "unit", "job_family", "metric"):
        df[column] = df[column].astype("category")
    return df[COLUMNS]


def main(argv=None):
    parser = argparse.ArgumentParser(description="A krapte result file as a tidy table.")
    parser.add_argument("file")
    parser.add_argument("--level", default="national", choices=LEVELS)
    parser.add_argument("--metric", action="append", help="metric to include (repeatable; default: all)")
    parser.add_argument("--csv", help="write the table to this CSV file")
    args = parser.parse_args(argv)
    df = load_tidy(args.file, args.level, args.metric)
    if args.csv:
        df.to_csv(args.csv, index=False)
        print(f"wrote {args.csv}: {len(df)} rows")
    else:
        print(df.head(20).to_string(index=False))
        print(f"... {len(df)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())

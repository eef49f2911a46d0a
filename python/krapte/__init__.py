"""krapte result files in Python (Debian's python3-xarray, python3-h5netcdf, python3-pandas).

    import sys; sys.path.insert(0, "python")    # or PYTHONPATH=python
    import krapte
    ds = krapte.load("results/baseline.h5")                   # xarray.Dataset, group /national
    ds["vacancy_rate"].sel(job_family="ict").mean("replication")
    df = krapte.tidy("results/baseline.h5", level="region", metrics=["vacancy_fte"])

Run files and sweep files carry HDF5 dimension scales (docs/output.md), so every dataset has
named dimensions (replication, time, region or municipality, job_family, age_band; point in
a sweep file) with their labels as coordinates; the attributes (units, description, kind,
dimensions) stay on each variable, the file's own (scenario_name, seed, ...) on the Dataset.

The engine itself (docs/python.md; the extension krapte_engine, built with pybind11-dev):
    ds = krapte.run("scenarios/baseline.yaml", set={"seed": 3}, replications=20)
    table = krapte.compare(ds, krapte.run("scenarios/stap-naar-voren.yaml", replications=20))
    sweep = krapte.sweep("sweeps/trainees-vs-retention.yaml")
"""
import pandas as pd

LEVELS = ("national", "region", "municipality")
COLUMNS = ["replication", "month", "level", "unit", "job_family", "metric", "value"]

from .engine import compare, open_result, run, run_image, save, sweep  # noqa: E402,F401

__all__ = ["load", "tidy", "run", "run_image", "compare", "sweep", "save", "open_result", "LEVELS", "COLUMNS"]


def load(path, level="national"):
    """One level of a krapte run or sweep file as an xarray.Dataset, read into memory."""
    return open_result(path, level)


def tidy(path, level="national", metrics=None):
    """The metrics (default: all but the age histogram) of one level as a tidy DataFrame.

    Columns: [point,] replication, month, level, unit, job_family, metric, value; unit is
    "Nederland", the labour-market region, or the municipality's CBS code (GM....)."""
    ds = load(path, level)
    names = list(metrics) if metrics else [name for name in ds.data_vars if name != "age_histogram"]
    frames = []
    for name in names:
        if name not in ds.data_vars:
            raise ValueError(f"no metric {name!r} in /{level}; allowed: {', '.join(ds.data_vars)}")
        frame = ds[name].to_dataframe(name="value").reset_index()
        frame = frame.rename(columns={"time": "month", "region": "unit", "municipality": "unit"})
        if level == "national":
            frame["unit"] = "Nederland"
        frame["metric"] = name
        frames.append(frame)
    df = pd.concat(frames, ignore_index=True)
    df["level"] = level
    for column in ("month", "level", "unit", "job_family", "metric"):
        df[column] = df[column].astype("category")
    columns = (["point"] if "point" in df.columns else []) + COLUMNS
    return df[columns]

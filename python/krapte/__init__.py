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
"""
import h5py
import pandas as pd
import xarray as xr

LEVELS = ("national", "region", "municipality")
COLUMNS = ["replication", "month", "level", "unit", "job_family", "metric", "value"]

__all__ = ["load", "tidy", "LEVELS", "COLUMNS"]


def _text(value):
    return value.decode() if isinstance(value, bytes) else value


def load(path, level="national"):
    """One level of a krapte run or sweep file as an xarray.Dataset, read into memory."""
    if level not in LEVELS:
        raise ValueError(f"level {level!r}; allowed: {', '.join(LEVELS)}")
    with h5py.File(path, "r") as f:
        if level not in f:
            raise ValueError(f"{path} has no /{level} group (run with output.municipality_level: true)")
        attributes = {name: _text(value) for name, value in f.attrs.items()}
    with xr.open_dataset(path, group=level, engine="h5netcdf") as ds:
        loaded = ds.load()
    loaded.attrs.update(attributes)
    loaded.attrs["level"] = level
    return loaded


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

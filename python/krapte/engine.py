"""The engine from Python (issue 15, part 3; docs/python.md): krapte.run, krapte.compare,
krapte.sweep over the C++ extension krapte_engine (engine/python/krapte_engine.cpp, built by
the normal CMake build when Debian's pybind11-dev is installed).

Nothing is written to disk: the extension writes the run file `krapte run` would write into an
HDF5 file in memory (the same RunFileWriter, dimension scales included) and returns its bytes;
they are opened here with xarray (h5netcdf). Each Dataset keeps those bytes in
`ds.encoding["krapte_image"]`, so `compare` and `save` need no file either.
"""
import glob
import io
import json
import os
import sys
from collections.abc import Mapping

import h5py
import numpy as np
import pandas as pd
import xarray as xr

LEVELS = ("national", "region", "municipality")
_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _engine():
    """krapte_engine from sys.path (PYTHONPATH), else from this checkout's build folders."""
    try:
        import krapte_engine
        return krapte_engine
    except ImportError:
        pass
    for preset in ("release", "ci", "debug", "py"):
        folder = os.path.join(_ROOT, "build", preset, "python")
        if glob.glob(os.path.join(folder, "krapte_engine*.so")):
            sys.path.insert(0, folder)
            import krapte_engine
            return krapte_engine
    raise ImportError("krapte_engine is not built: install pybind11-dev (tools/install-deps.sh), build krapte "
                      "(cmake --preset release && cmake --build --preset release) and put build/release/python "
                      "on PYTHONPATH")


def _value_text(value):
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (np.integer, np.floating)):
        value = value.item()
    return json.dumps(value)  # numbers, lists and maps: JSON is YAML's flow style


def overrides(set=None):
    """--set arguments ("key.path=VALUE") from a dict {key: value} or a list of such strings."""
    if set is None:
        return []
    if isinstance(set, Mapping):
        return [f"{key}={_value_text(value)}" for key, value in set.items()]
    return [str(item) for item in set]


def _text(value):
    return value.decode() if isinstance(value, bytes) else value


def open_result(source, level="national"):
    """One level of a run or sweep file (a path, or the bytes of one) as an xarray.Dataset in memory."""
    if level not in LEVELS:
        raise ValueError(f"level {level!r}; allowed: {', '.join(LEVELS)}")
    image = source if isinstance(source, (bytes, bytearray, memoryview)) else None
    opened = (lambda: io.BytesIO(image)) if image is not None else (lambda: source)
    with h5py.File(opened(), "r") as f:
        if level not in f:
            raise ValueError(f"{'the run' if image is not None else source} has no /{level} group "
                             "(run with output.municipality_level: true)")
        attributes = {name: _text(value) for name, value in f.attrs.items()}
    with xr.open_dataset(opened(), group=level, engine="h5netcdf") as ds:
        loaded = ds.load()
    loaded.attrs.update(attributes)
    loaded.attrs["level"] = level
    if image is not None:
        loaded.encoding["krapte_image"] = bytes(image)
    else:
        loaded.encoding["krapte_path"] = os.fspath(source)
    return loaded


def run_image(scenario, set=None, replications=None, seed=None, mode="agents", threads=0):
    """The bytes of the run file `krapte run SCENARIO --set ... ` would write (nothing is written)."""
    return _engine().run_image(os.fspath(scenario), overrides(set), replications, seed, mode, threads)


def run(scenario, set=None, replications=None, seed=None, mode="agents", level="national", threads=0):
    """`krapte run` as an xarray.Dataset of one level: set={"key.path": value, ...} as --set,
    mode "agents" or "expected" (the expected-value projection: one replication)."""
    return open_result(run_image(scenario, set, replications, seed, mode, threads), level)


def _source(result):
    if isinstance(result, xr.Dataset):
        if "krapte_image" in result.encoding:
            return result.encoding["krapte_image"]
        if "krapte_path" in result.encoding:
            return result.encoding["krapte_path"]
        raise ValueError("this Dataset did not come from krapte.run or krapte.load (its run is unknown)")
    if isinstance(result, (bytes, bytearray, memoryview)):
        return bytes(result)
    return os.fspath(result)


def compare(base, other, at=None, level="national", cost_from=None, cost_to=None):
    """`krapte compare BASE OTHER --csv`: one row per unit and job family with the vacancy
    FTE and rate of both runs, their difference and its 90% interval, as a DataFrame.
    base/other: Datasets from krapte.run or krapte.load, run-file bytes, or paths.
    df.attrs: "table" (what krapte compare prints), "csv" (the CSV text), "costs" (the
    --costs-csv table as a DataFrame, or None without /costs)."""
    table, csv, costs_csv = _engine().compare(_source(base), _source(other), at or "", level, cost_from or "",
                                              cost_to or "")
    df = pd.read_csv(io.StringIO(csv))
    df.attrs["table"] = table
    df.attrs["csv"] = csv
    df.attrs["costs"] = pd.read_csv(io.StringIO(costs_csv)) if costs_csv else None
    return df


def _number_or_text(values):
    try:
        return np.array([float(v) for v in values])
    except ValueError:
        return np.array(values, dtype=object)


def sweep(spec, level="national", threads=0):
    """`krapte sweep SPEC` as one xarray.Dataset with a leading `point` dimension: every point
    run as the sweep runs it, with the point's name and each varied key as coordinates along
    `point`. Counts stay int32 (as in run files); nothing is written to disk."""
    result = _engine().sweep(os.fspath(spec), threads)
    points = [open_result(image, level) for image in result["runs"]]
    for ds in points:
        ds.encoding.pop("krapte_image", None)
    combined = xr.concat(points, dim="point", combine_attrs="drop_conflicts")
    coordinates = {"point": np.arange(len(points)), "point_name": ("point", np.array(result["point_name"], dtype=object))}
    for k, key in enumerate(result["keys"]):
        coordinates[key] = ("point", _number_or_text([row[k] for row in result["values"]]))
    combined = combined.assign_coords(coordinates)
    combined.attrs["sweep_name"] = result["name"]
    combined.encoding["krapte_point_images"] = list(result["runs"])
    return combined


def save(result, path):
    """Writes a Dataset from krapte.run (its whole run file, every level) to `path`."""
    source = _source(result)
    if not isinstance(source, bytes):
        raise ValueError("save needs a Dataset from krapte.run (this one was loaded from a file)")
    with open(path, "wb") as f:
        f.write(source)

#!/usr/bin/python3
"""Issue 15, part 2: a run file and a sweep file open in xarray (Debian's python3-xarray and
python3-h5netcdf) with named dimensions and coordinate labels, every attribute kept, values
equal to h5py's; python/krapte's load() and tidy() on both.
Usage: test_xarray.py KRAPTE SOURCE_ROOT"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import h5netcdf
import h5py
import numpy as np
import xarray as xr

KRAPTE, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
sys.path.insert(0, os.path.join(ROOT, "python"))
import krapte  # noqa: E402

TINY = os.path.join(ROOT, "tests", "data", "tiny", "tiny.yaml")
TINY_COSTS = os.path.join(ROOT, "tests", "data", "tiny", "tiny-costs.yaml")
WORK = tempfile.mkdtemp(prefix="krapte_xarray_")
RUN = os.path.join(WORK, "run.h5")
EXPECTED = os.path.join(WORK, "expected.h5")
COSTS = os.path.join(WORK, "costs.h5")
SWEEP = os.path.join(WORK, "sweep.h5")


def setUpModule():
    subprocess.run([KRAPTE, "run", TINY, "--replications", "3", "--quiet", "-o", RUN], check=True)
    subprocess.run([KRAPTE, "run", TINY, "--mode", "expected", "--quiet", "-o", EXPECTED], check=True)
    subprocess.run([KRAPTE, "run", TINY_COSTS, "--replications", "2", "--quiet", "-o", COSTS], check=True)
    spec = os.path.join(WORK, "sweep.yaml")
    with open(spec, "w") as f:
        f.write(f"scenario: {TINY}\nname: xarray-test\nreplications: 2\ncombine: grid\n"
                "axes:\n  - key: exits.move_share\n    values: [0.1, 0.3]\n")
    subprocess.run([KRAPTE, "sweep", spec, "--yes", "--quiet", "-o", SWEEP], check=True)


def tearDownModule():
    shutil.rmtree(WORK, ignore_errors=True)


def labels(f, path, column=None):
    values = f[path][()]
    if column:
        values = values[column]
    return [v.decode() for v in values]


def groups(path):
    """Every group of the file; h5netcdf (phony_dims unset) raises on any axis without a scale."""
    found = []

    def walk(group, name):
        for variable in group.variables.values():
            variable.dimensions  # noqa: B018 - raises ValueError for an unlabeled axis
        found.append(name)
        for child, sub in group.groups.items():
            walk(sub, f"{name.rstrip('/')}/{child}")

    with h5netcdf.File(path, "r") as f:
        walk(f, "/")
    return found


class EveryGroup(unittest.TestCase):
    def test_every_dataset_of_every_file_has_named_dimensions(self):
        for path in (RUN, EXPECTED, COSTS, SWEEP):
            for group in groups(path):
                if group.startswith("/sweep/summary/"):
                    continue  # opened below: its `region` dataset is named like an axis
                with self.subTest(file=os.path.basename(path), group=group), \
                        xr.open_dataset(path, group=group, engine="h5netcdf") as ds:
                    ds.load()
                    for name, variable in ds.variables.items():
                        self.assertFalse(any(d.startswith("phony") for d in variable.dims), name)
        with xr.open_dataset(RUN, group="axes", engine="h5netcdf") as ds, h5py.File(RUN) as f:
            self.assertEqual(set(ds.dims), {"time", "region", "municipality", "job_family", "age_band"})
            self.assertEqual([v.decode() for v in ds["time"].values], labels(f, "axes/time"))

    def test_costs_groups(self):
        with xr.open_dataset(COSTS, group="costs/region", engine="h5netcdf") as ds, h5py.File(COSTS) as f:
            self.assertEqual(ds["total"].dims, ("replication", "time", "region", "job_family"))
            self.assertEqual(list(ds["region"].values), labels(f, "axes/region"))
            np.testing.assert_array_equal(ds["total"].values, f["costs/region/total"][()])
            self.assertEqual(ds["total"].attrs["units"], f["costs/region/total"].attrs["units"].decode())


class RunFile(unittest.TestCase):
    def test_counts_are_integers_means_are_float(self):
        with xr.open_dataset(RUN, group="national", engine="h5netcdf") as ds:
            for name in ("headcount", "hires_external", "exits_quit", "age_histogram"):
                self.assertEqual(ds[name].dtype, np.int32, name)
            for name in ("fte", "vacancy_rate", "mean_age"):
                self.assertEqual(ds[name].dtype, np.float64, name)
        # The expected-value projection's counts are expectations (fractional): float64.
        with xr.open_dataset(EXPECTED, group="national", engine="h5netcdf") as ds, h5py.File(EXPECTED) as f:
            self.assertEqual(ds["headcount"].dtype, np.float64)
            self.assertEqual(ds["headcount"].dims, ("replication", "time", "job_family"))
            self.assertEqual(list(ds["replication"].values), [0])
            np.testing.assert_array_equal(ds["headcount"].values, f["national/headcount"][()])

    def test_national_dims_coordinates_values_attributes(self):
        with xr.open_dataset(RUN, group="national", engine="h5netcdf") as ds, h5py.File(RUN) as f:
            da = ds["vacancy_rate"]
            self.assertEqual(da.dims, ("replication", "time", "job_family"))
            self.assertEqual(list(ds["time"].values), labels(f, "axes/time"))
            self.assertEqual(list(ds["job_family"].values), labels(f, "axes/job_family"))
            self.assertEqual(list(ds["replication"].values), [0, 1, 2])
            ict = labels(f, "axes/job_family").index("ict")
            month = labels(f, "axes/time")[7]
            self.assertEqual(float(da.sel(replication=2, time=month, job_family="ict")),
                             float(f["national/vacancy_rate"][2, 7, ict]))
            np.testing.assert_array_equal(ds["headcount"].values, f["national/headcount"][()])
            for name in ("units", "description", "kind", "dimensions"):
                self.assertEqual(da.attrs[name], f["national/vacancy_rate"].attrs[name].decode(), name)
            self.assertEqual(ds["age_histogram"].dims, ("replication", "time", "job_family", "age_band"))
            self.assertEqual(list(ds["age_band"].values), labels(f, "axes/age_band"))
            # Every variable has named dimensions: none of h5netcdf's phony_dim_N.
            for name, variable in ds.variables.items():
                self.assertFalse(any(d.startswith("phony") for d in variable.dims), name)

    def test_region_and_municipality(self):
        with h5py.File(RUN) as f:
            with xr.open_dataset(RUN, group="region", engine="h5netcdf") as ds:
                self.assertEqual(ds["fte"].dims, ("replication", "time", "region", "job_family"))
                self.assertEqual(list(ds["region"].values), labels(f, "axes/region"))
                np.testing.assert_array_equal(ds["fte"].values, f["region/fte"][()])
            if "municipality" in f:
                with xr.open_dataset(RUN, group="municipality", engine="h5netcdf") as ds:
                    self.assertEqual(ds["fte"].dims, ("replication", "time", "municipality", "job_family"))
                    self.assertEqual(list(ds["municipality"].values), labels(f, "axes/municipality", "code"))

    def test_load_and_tidy(self):
        ds = krapte.load(RUN, "region")
        self.assertEqual(ds.attrs["scenario_name"], "tiny")
        self.assertEqual(ds.attrs["level"], "region")
        df = krapte.tidy(RUN, "region", ["vacancy_fte"])
        self.assertEqual(list(df.columns), krapte.COLUMNS)
        with h5py.File(RUN) as f:
            data = f["region/vacancy_fte"][()]
            self.assertEqual(len(df), data.size)
            region = labels(f, "axes/region")[0]
            month = labels(f, "axes/time")[3]
            row = df[(df.replication == 1) & (df.month == month) & (df.unit == region) & (df.job_family == "ict")]
            ict = labels(f, "axes/job_family").index("ict")
            self.assertEqual(float(row.value.iloc[0]), float(data[1, 3, 0, ict]))
        national = krapte.tidy(RUN)
        self.assertEqual(set(national.unit), {"Nederland"})
        self.assertNotIn("age_histogram", set(national.metric))
        with self.assertRaises(ValueError):
            krapte.tidy(RUN, "national", ["no_such_metric"])
        with self.assertRaises(ValueError):
            krapte.load(RUN, "province")


class SweepFile(unittest.TestCase):
    def test_point_dimension(self):
        with xr.open_dataset(SWEEP, group="national", engine="h5netcdf") as ds, h5py.File(SWEEP) as f:
            da = ds["vacancy_fte"]
            self.assertEqual(da.dims, ("point", "replication", "time", "job_family"))
            self.assertEqual(list(ds["point"].values), [0, 1])
            np.testing.assert_array_equal(da.values, f["national/vacancy_fte"][()])
            self.assertEqual(da.attrs["dimensions"], "point,replication,time,job_family")
            self.assertEqual(da.dtype, np.float64)
        with xr.open_dataset(SWEEP, group="sweep", engine="h5netcdf") as ds:
            self.assertEqual(ds["done"].dims, ("point", "replication"))
            self.assertEqual(ds["points"].dims, ("point",))
        # Summary groups hold a dataset named `region` beside the axis `region`: xarray opens
        # them once that dataset is dropped (docs/output.md).
        with xr.open_dataset(SWEEP, group="sweep/summary/headcount", engine="h5netcdf",
                             drop_variables=["region"]) as ds, h5py.File(SWEEP) as f:
            self.assertEqual(ds["national"].dims, ("point", "statistic", "time", "job_family"))
            self.assertEqual(list(ds["statistic"].values), labels(f, "sweep/summary/statistic"))
            mean = labels(f, "sweep/summary/statistic").index("mean")
            self.assertEqual(float(ds["national"].sel(point=1, statistic="mean", time=labels(f, "axes/time")[5],
                                                      job_family="ict")),
                             float(f["sweep/summary/headcount/national"][1, mean, 5,
                                                                         labels(f, "axes/job_family").index("ict")]))
        df = krapte.tidy(SWEEP, "national", ["vacancy_fte"])
        self.assertEqual(list(df.columns), ["point"] + krapte.COLUMNS)
        self.assertEqual(sorted(set(df.point)), [0, 1])


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)

#!/usr/bin/python3
"""Issue 15, part 3: krapte.run / compare / sweep through the extension krapte_engine give
bit-identical results to the CLI's files for the same scenario and seed, and write no file.
Usage: test_engine.py KRAPTE SOURCE_ROOT ENGINE_DIR"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import h5py
import numpy as np

KRAPTE, ROOT, ENGINE_DIR = (os.path.abspath(a) for a in sys.argv[1:4])
sys.path.insert(0, ENGINE_DIR)
sys.path.insert(0, os.path.join(ROOT, "python"))
import krapte  # noqa: E402

TINY = os.path.join(ROOT, "tests", "data", "tiny", "tiny.yaml")
TINY_COSTS = os.path.join(ROOT, "tests", "data", "tiny", "tiny-costs.yaml")
WORK = tempfile.mkdtemp(prefix="krapte_engine_")


def cli(*arguments, quiet=True):
    subprocess.run([KRAPTE, *arguments, *(["--quiet"] if quiet else [])], check=True, cwd=WORK,
                   stdout=subprocess.DEVNULL)


def tearDownModule():
    shutil.rmtree(WORK, ignore_errors=True)


def bits(values):
    """float64 bit patterns, as tools/golden.py compares values."""
    return np.asarray(values).astype(np.float64).view(np.uint64)


class Identical(unittest.TestCase):
    def assert_level_identical(self, ds, path, level, leading=()):
        """Every result variable of ds equals /level of the file at `path`: values (as float64
        bits), stored type, dims and attributes."""
        with h5py.File(path) as f:
            names = [n for n, d in f[level].items() if "dimensions" in d.attrs]
            self.assertEqual(sorted(names), sorted(n for n in ds.data_vars))
            for name in names:
                stored = f[level][name]
                dims = stored.attrs["dimensions"].decode().split(",")
                self.assertEqual(ds[name].dims, tuple(dims), name)
                np.testing.assert_array_equal(bits(ds[name].values), bits(stored[()]), err_msg=name)
                if not leading:
                    self.assertEqual(ds[name].dtype, stored.dtype, name)
                for attribute in ("units", "description", "kind"):
                    self.assertEqual(ds[name].attrs[attribute], stored.attrs[attribute].decode(), name)

    def test_run_agents_with_set(self):
        cli("run", TINY, "--replications", "3", "--seed", "11", "--set", "exits.move_share=0.3", "-o", "cli.h5")
        for level in ("national", "region", "municipality"):
            ds = krapte.run(TINY, set={"exits.move_share": 0.3}, replications=3, seed=11, level=level)
            self.assertEqual(ds.attrs["seed"], 11)
            self.assertEqual(ds.attrs["mode"], "agents")
            self.assert_level_identical(ds, os.path.join(WORK, "cli.h5"), level)
        # The setting matters (the comparison above could not pass without it).
        other = krapte.run(TINY, replications=3, seed=11)
        self.assertFalse(np.array_equal(other["moves_out"].values, ds_national(TINY, 0.3)["moves_out"].values))

    def test_run_expected(self):
        cli("run", TINY, "--mode", "expected", "--seed", "5", "-o", "expected.h5")
        ds = krapte.run(TINY, mode="expected", seed=5)
        self.assertEqual(ds.attrs["mode"], "expected")
        self.assertEqual(ds["headcount"].dtype, np.float64)
        self.assert_level_identical(ds, os.path.join(WORK, "expected.h5"), "national")

    def test_save_writes_the_run_file(self):
        cli("run", TINY, "--replications", "2", "-o", "for-save.h5")
        ds = krapte.run(TINY, replications=2)
        path = os.path.join(WORK, "saved.h5")
        krapte.save(ds, path)
        for level in ("national", "region"):
            self.assert_level_identical(krapte.load(path, level), os.path.join(WORK, "for-save.h5"), level)

    def test_compare(self):
        cli("run", TINY_COSTS, "--replications", "3", "-o", "a.h5")
        cli("run", TINY_COSTS, "--replications", "3", "--set", "exits.move_share=0.3", "-o", "b.h5")
        cli("compare", "a.h5", "b.h5", "--level", "region", "--csv", "diff.csv", "--costs-csv", "costs.csv", quiet=False)
        a = krapte.run(TINY_COSTS, replications=3, level="region")
        b = krapte.run(TINY_COSTS, replications=3, set={"exits.move_share": 0.3})
        df = krapte.compare(a, b, level="region")
        with open(os.path.join(WORK, "diff.csv")) as f:
            self.assertEqual(df.attrs["csv"], f.read())
        self.assertIn("vacancy", " ".join(df.columns))
        self.assertGreater(len(df), 3)
        with open(os.path.join(WORK, "costs.csv")) as f:
            self.assertEqual(df.attrs["costs"].to_csv(index=False).splitlines()[0], f.read().splitlines()[0])
        # Paths and images give the same table.
        from_files = krapte.compare(os.path.join(WORK, "a.h5"), os.path.join(WORK, "b.h5"), level="region")
        self.assertEqual(from_files.attrs["csv"], df.attrs["csv"])
        self.assertEqual(from_files.attrs["table"], df.attrs["table"])

    def test_sweep(self):
        spec = os.path.join(WORK, "sweep.yaml")
        with open(spec, "w") as f:
            f.write(f"scenario: {TINY}\nname: engine-test\nreplications: 2\ncombine: grid\n"
                    "axes:\n  - key: exits.move_share\n    values: [0.1, 0.3]\n")
        cli("sweep", spec, "--yes", "-o", "sweep.h5")
        for level in ("national", "region"):
            ds = krapte.sweep(spec, level=level)
            self.assertEqual(ds.sizes["point"], 2)
            np.testing.assert_array_equal(ds["exits.move_share"].values, [0.1, 0.3])
            self.assertEqual(ds["vacancy_fte"].dims[:2], ("point", "replication"))
            self.assert_level_identical(ds, os.path.join(WORK, "sweep.h5"), level, leading=("point",))

    def test_bad_input_is_one_value_error_and_no_file(self):
        before = set(os.listdir(os.getcwd()))
        with self.assertRaises(ValueError) as caught:
            krapte.run(TINY, set={"exits.no_such_key": 1})
        self.assertIn("no_such_key", str(caught.exception))
        self.assertNotIn("\n", str(caught.exception))
        with self.assertRaises(ValueError):
            krapte.run(TINY, mode="expected", replications=3)
        with self.assertRaises(ValueError):
            krapte.run(os.path.join(WORK, "missing.yaml"))
        krapte.run(TINY, replications=1)
        self.assertEqual(set(os.listdir(os.getcwd())), before)
        self.assertFalse(os.path.exists(os.path.join(os.getcwd(), "results", "tiny.h5")))


def ds_national(scenario, move_share):
    return krapte.run(scenario, set={"exits.move_share": move_share}, replications=3, seed=11)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=2)

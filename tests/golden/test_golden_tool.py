#!/usr/bin/python3
"""The golden comparison can fail: a copy of a golden file with one value moved by one ulp,
one dataset missing, or one stored as integers is told apart from the original exactly."""
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import h5py
import numpy as np

root = Path(sys.argv[1])
tool = root / "tools/golden.py"
golden = root / "tests/golden/tiny.h5"


def compare(run):
    return subprocess.run([sys.executable, tool, "compare", run, golden], capture_output=True, text=True)


with tempfile.TemporaryDirectory() as work:
    same = Path(work) / "same.h5"
    shutil.copy(golden, same)
    result = compare(same)
    assert result.returncode == 0, result.stdout + result.stderr

    moved = Path(work) / "moved.h5"
    shutil.copy(golden, moved)
    with h5py.File(moved, "r+") as f:
        values = f["region/fte"][()]
        values[1, 5, 2, 1] = np.nextafter(values[1, 5, 2, 1], np.inf)
        f["region/fte"][...] = values
    result = compare(moved)
    assert result.returncode == 1 and "/region/fte: 1 values moved; first at [1, 5, 2, 1]" in result.stdout, result.stdout

    missing = Path(work) / "missing.h5"
    shutil.copy(golden, missing)
    with h5py.File(missing, "r+") as f:
        del f["national/exits_quit"]
    result = compare(missing)
    assert result.returncode == 1 and "/national/exits_quit: in the golden file, not in the run" in result.stdout, result.stdout

    # Counts stored as integers are the same values: no refresh needed.
    integers = Path(work) / "integers.h5"
    shutil.copy(golden, integers)
    with h5py.File(integers, "r+") as f:
        values = f["national/headcount"][()]
        del f["national/headcount"]
        f["national/headcount"] = values.astype(np.int32)
    result = compare(integers)
    assert result.returncode == 0, result.stdout

    result = compare(Path(work) / "absent.h5")
    assert result.returncode == 2 and "cannot open as HDF5" in result.stderr, result.stderr
print("golden tool: 5 cases as expected")

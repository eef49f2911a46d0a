#!/usr/bin/python3
"""Golden result files (tests/golden): extract them from a run file, or compare a run with them.

  golden.py extract RUN.h5 GOLDEN.h5 [--municipality]   keep /axes, /national, /region (and
                                                         /municipality) plus krapte_version and
                                                         git_commit of the run that made them
  golden.py compare RUN.h5 GOLDEN.h5                     exit 0 if every kept dataset of the run
                                                         is bit-identical to the golden one, 1 if
                                                         not (naming each dataset that moved, its
                                                         first moved index and both values), 2 on
                                                         a missing or foreign file

Values are compared as float64 bit patterns, so a dataset may change its stored type (counts as
integers rather than float64) without a refresh, while any moved value, NaN or -0.0 is caught.
"""
import argparse
import sys

import numpy as np

try:
    import h5py
except ImportError:  # pragma: no cover - Debian's python3-h5py is installed by tools/install-deps.sh
    print("golden.py: error: python3-h5py is not installed (tools/install-deps.sh installs it)", file=sys.stderr)
    sys.exit(2)

KEPT_GROUPS = ("axes", "national", "region")


def fail_input(message):
    print(f"golden.py: error: {message}", file=sys.stderr)
    sys.exit(2)


def open_h5(path):
    try:
        return h5py.File(path, "r")
    except (OSError, FileNotFoundError) as error:
        fail_input(f"{path}: cannot open as HDF5 ({error})")


def datasets(group, prefix=""):
    """Every dataset below group, by its path."""
    found = {}
    for name, item in group.items():
        path = f"{prefix}/{name}"
        if isinstance(item, h5py.Dataset):
            if item.attrs.get("CLASS") == b"DIMENSION_SCALE" and not path.startswith("/axes/"):
                continue  # a coordinate made from /axes (issue 15), not a result; /axes itself is compared
            found[path] = item
        else:
            found.update(datasets(item, path))
    return found


def kept(file, municipality):
    groups = KEPT_GROUPS + (("municipality",) if municipality else ())
    found = {}
    for group in groups:
        if group in file:
            found.update(datasets(file[group], f"/{group}"))
    return found


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def as_bits(values):
    """float64 bit patterns of a numeric array; strings and compounds compare as they are."""
    if values.dtype.kind in "iuf":
        return values.astype(np.float64).view(np.uint64)
    return values


def extract(run_path, golden_path, municipality):
    with open_h5(run_path) as run, h5py.File(golden_path, "w") as golden:
        for attribute in ("krapte_version", "git_commit", "scenario_name", "scenario_hash", "seed",
                          "replications", "start", "end", "mode"):
            if attribute in run.attrs:
                golden.attrs[attribute] = run.attrs[attribute]
        golden.attrs["municipality_level"] = municipality
        for path, dataset in kept(run, municipality).items():
            values = dataset[()]
            options = {}
            if values.ndim > 0 and values.dtype.kind in "iuf":
                options = dict(compression="gzip", compression_opts=9, shuffle=True)
            golden.create_dataset(path, data=values, **options)


def compare(run_path, golden_path):
    with open_h5(run_path) as run, open_h5(golden_path) as golden:
        municipality = bool(golden.attrs.get("municipality_level", False))
        expected = kept(golden, municipality)
        actual = kept(run, municipality)
        problems = []
        for path in sorted(set(expected) - set(actual)):
            problems.append(f"{path}: in the golden file, not in the run")
        for path in sorted(set(actual) - set(expected)):
            problems.append(f"{path}: in the run, not in the golden file (a new dataset needs a refresh)")
        for path in sorted(set(expected) & set(actual)):
            want, got = expected[path][()], actual[path][()]
            if want.shape != got.shape:
                problems.append(f"{path}: shape {got.shape}, golden {want.shape}")
                continue
            want_bits, got_bits = as_bits(want), as_bits(got)
            if want_bits.dtype != got_bits.dtype:
                problems.append(f"{path}: type {got.dtype}, golden {want.dtype}")
                continue
            moved = np.argwhere(want_bits != got_bits) if want.ndim > 0 else (
                np.zeros((1, 0), dtype=int) if want_bits != got_bits else np.zeros((0, 0), dtype=int))
            if len(moved):
                first = tuple(int(i) for i in moved[0])
                problems.append(f"{path}: {len(moved)} values moved; first at {list(first)}: "
                                f"{got[first]!r}, golden {want[first]!r}")
        source = f"golden {text(golden.attrs.get('krapte_version', '?'))} at {text(golden.attrs.get('git_commit', '?'))}"
        if problems:
            print(f"{run_path} differs from {golden_path} ({source}):")
            for problem in problems:
                print(f"  {problem}")
            return 1
        print(f"{run_path}: {len(expected)} datasets bit-identical to {golden_path} ({source})")
        return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    extract_parser = commands.add_parser("extract")
    extract_parser.add_argument("run")
    extract_parser.add_argument("golden")
    extract_parser.add_argument("--municipality", action="store_true")
    compare_parser = commands.add_parser("compare")
    compare_parser.add_argument("run")
    compare_parser.add_argument("golden")
    args = parser.parse_args()
    if args.command == "extract":
        extract(args.run, args.golden, args.municipality)
        return 0
    return compare(args.run, args.golden)


if __name__ == "__main__":
    sys.exit(main())

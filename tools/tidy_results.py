#!/usr/bin/python3
"""A krapte result file as a tidy table: the command line over python/krapte (krapte.tidy).

    tools/tidy_results.py results/baseline.h5 --level region --metric vacancy_rate --csv regions.csv

In Python use the module itself (docs/output.md): `import krapte; krapte.tidy(path)`.
`load_tidy` stays as the old name of krapte.tidy.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import krapte  # noqa: E402

COLUMNS = krapte.COLUMNS
LEVELS = krapte.LEVELS
load_tidy = krapte.tidy


def main(argv=None):
    parser = argparse.ArgumentParser(description="A krapte result file as a tidy table.")
    parser.add_argument("file")
    parser.add_argument("--level", default="national", choices=LEVELS)
    parser.add_argument("--metric", action="append", help="metric to include (repeatable; default: all)")
    parser.add_argument("--csv", help="write the table to this CSV file")
    args = parser.parse_args(argv)
    df = krapte.tidy(args.file, args.level, args.metric)
    if args.csv:
        df.to_csv(args.csv, index=False)
        print(f"wrote {args.csv}: {len(df)} rows")
    else:
        print(df.head(20).to_string(index=False))
        print(f"... {len(df)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())

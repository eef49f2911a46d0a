"""HR extracts through the binary (issue 15 part 4, docs/hr-import.md): the import summary of
`krapte validate`, bad rows as one error line, and privacy: no person-level value of the
extract reaches the run file, `krapte summary` or `krapte report`, and the run file holds no
per-agent array.

Usage: test_hr_import.py KRAPTE_BINARY TEST_DATA_DIR
Runs with Debian's python3 (h5py)."""
import csv
import os
import subprocess
import sys
import tempfile

import h5py
import numpy as np

krapte, data = sys.argv[1], sys.argv[2]
scenario = os.path.join(data, "hr", "hr.yaml")
extract = os.path.join(data, "hr", "youforce_dijkum_eemhuizen.csv")
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def run(*args):
    return subprocess.run([krapte, *args], capture_output=True, text=True, timeout=120)


# 1. validate prints the import summary (as YAML comments) before the resolved scenario.
done = run("validate", scenario)
check(done.returncode == 0, f"validate exit {done.returncode}: {done.stderr}")
out = done.stdout
check(out.startswith("# import population.files[0]: "), "the summary comes first:\n" + out[:300])
check("#   rows read 36, imported 33, left out by the function map 3, rejected 0" in out, "rows of the extract:\n" + out[:900])
check("#   rows with more hours than the 36-hour full-time week, counted as 1 FTE: 1" in out, "capped hours row")
check("#   GM0004        (all)                        22       18.09" in out, "Dijkum's total:\n" + out[:900])
check("#   GM0007        (all)                       102       88.95" in out, "Gouwe's aggregate total")
check("# synthetic: 5 of 8 municipalities" in out, "synthetic count")
check("\nname: \"tiny-hr\"" in out, "the resolved scenario follows")

# 2. Bad rows: exit 2, one line on stderr (the first, then "and N more"), all of them listed on stdout.
bad = run("validate", scenario, "--set", "population.files.0.file=youforce_bad_rows.csv")
check(bad.returncode == 2, f"bad rows: exit {bad.returncode}")
lines = bad.stderr.splitlines()
check(len(lines) == 1, "one line on stderr: " + bad.stderr)
check(lines and lines[0].startswith("krapte: error: ") and "youforce_bad_rows.csv:3:6: Functie: function 'Kok'" in lines[0]
      and "; and 9 more rejected rows (lines 4, 5, 6, 7, 8, ...); krapte validate lists them all" in lines[0], "error line: " + bad.stderr)
check(bad.stdout.count("#   rejected: line ") == 10, "all 10 rejected rows listed:\n" + bad.stdout)
check(": valid." not in bad.stdout, "not called valid")
ran = run("run", scenario, "--set", "population.files.0.file=youforce_bad_rows.csv", "-o", os.devnull, "--quiet")
check(ran.returncode == 2 and len(ran.stderr.splitlines()) == 1, f"run with bad rows: exit {ran.returncode}: {ran.stderr}")

# 3. Privacy. Person-level values of the extract: personnel numbers, names, dates (as written
# and as ISO dates), cost centres.
secrets = set()
with open(extract, encoding="utf-8-sig", newline="") as f:
    for row in csv.DictReader(f, delimiter=";"):
        for key in ("Personeelsnummer", "Achternaam", "Kostenplaats"):
            secrets.add(row[key])
        for key in ("Geboortedatum", "Datum in dienst"):
            d, m, y = row[key].split("-")
            secrets.update({row[key], f"{y}-{m}-{d}"})
check(len(secrets) > 60, f"too few identifiers collected: {len(secrets)}")


def leaks(text, where):
    found = sorted(s for s in secrets if s in text)
    check(not found, f"{where} contains person-level values of the extract: {found[:5]}")


with tempfile.TemporaryDirectory() as folder:
    h5 = os.path.join(folder, "hr.h5")
    done = run("run", scenario, "-o", h5, "--quiet")
    check(done.returncode == 0, f"run: {done.stderr}")
    with h5py.File(h5, "r") as f:
        replications = int(f.attrs["replications"])
        allowed_sizes = {replications, f["axes/time"].shape[0], f["axes/municipality"].shape[0],
                         f["axes/region"].shape[0], f["axes/job_family"].shape[0], f["axes/age_band"].shape[0]}
        texts = []

        def text_of(value):
            if isinstance(value, bytes):
                return value.decode("utf-8", "replace")
            if isinstance(value, np.ndarray):
                return text_of(value.tolist())
            if isinstance(value, (list, tuple)):
                return " ".join(text_of(v) for v in value)
            return str(value)

        def visit(name, obj):
            for key, value in obj.attrs.items():
                texts.append(f"{name}@{key}={text_of(value)}")
            if isinstance(obj, h5py.Dataset):
                check(all(n in allowed_sizes for n in obj.shape),
                      f"/{name} has shape {obj.shape}: a dimension that is not an axis (a per-agent array?)")
                if obj.dtype.kind in "OSUV":  # strings and compound labels; numbers cannot hold a name
                    texts.append(text_of(obj[()]))

        for key, value in f.attrs.items():
            texts.append(f"@{key}={text_of(value)}")
        f.visititems(visit)
        leaks("\n".join(texts), "the run file")
        check(any("Dijkum" in t for t in texts), "the scan reads the file's strings (axis labels)")
    summary = run("summary", h5)
    check(summary.returncode == 0, f"summary: {summary.stderr}")
    leaks(summary.stdout, "krapte summary")
    leaks(run("validate", scenario).stdout, "krapte validate")
    page = os.path.join(folder, "hr.html")
    report = run("report", h5, "-o", page, "--quiet")
    if report.returncode == 0:
        with open(page, encoding="utf-8") as f:
            leaks(f.read(), "krapte report")
    else:
        check("page is missing" in report.stderr, f"report: {report.stderr}")  # a build without the npm bundles

for failure in failures:
    print("FAIL:", failure)
print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)

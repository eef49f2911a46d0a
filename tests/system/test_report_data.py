#!/usr/bin/python3
"""The data in the page of `krapte report` equals what the HDF5 files hold.

Runs the tiny scenario three times (two runs with the same seed: paired; one with another
seed and replication count: unpaired), makes one report of the three, takes the JSON out
of the page and checks every figure against numpy over the HDF5 datasets (to the 6
significant digits the page carries), the differences against `krapte compare --csv`, the
page for anything it would load from elsewhere, and tools/tidy_results.py against h5py.

    test_report_data.py KRAPTE_BINARY TEST_DATA_DIR SOURCE_DIR
Prints "N passed, N failed"; exit 1 on any failure.
"""
import csv
import io
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser

import h5py
import numpy as np

KRAPTE, TEST_DATA, SOURCE = sys.argv[1:4]
sys.path.insert(0, os.path.join(SOURCE, "tools"))
from tidy_results import load_tidy  # noqa: E402

FLOWS = ["hires_external", "hires_trainee", "exits_retirement", "exits_early_retirement", "exits_quit",
         "exits_other", "exits_trainee"]
passed = 0
failed = 0


def check(condition, what):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        print("FAILED:", what)


def close(page_value, exact, what, rel=1e-5, abs_=1e-9):
    """The page carries 6 significant digits (None for NaN)."""
    page = np.array(page_value, dtype=float)
    exact = np.asarray(exact, dtype=float)
    ok = page.shape == exact.shape and np.allclose(page, exact, rtol=rel, atol=abs_, equal_nan=True)
    if not ok and page.shape == exact.shape:
        worst = np.nanmax(np.abs(page - exact))
        what = f"{what}: largest difference {worst:g}"
    elif not ok:
        what = f"{what}: shape {page.shape} against {exact.shape}"
    check(ok, what)


def krapte(*args):
    result = subprocess.run([KRAPTE, *args], capture_output=True, text=True)
    if result.returncode != 0:
        print("krapte", " ".join(args), "exited", result.returncode, result.stderr)
        sys.exit(1)
    return result.stdout


def strings(values):
    return [v.decode() if isinstance(v, bytes) else str(v) for v in values]


def stats(values, axis=0):
    """Mean, 5th and 95th percentile over replications (numpy's linear interpolation)."""
    return (values.mean(axis=axis), np.percentile(values, 5, axis=axis), np.percentile(values, 95, axis=axis))


def rate(vacancy, demand):
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(demand > 0, vacancy / np.where(demand > 0, demand, 1), 0.0)


def t_quantile(p, df):
    """Student's t quantile by bisection on the CDF, integrated numerically (no scipy)."""
    def pdf(x):
        return math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi) * \
            (1 + x * x / df) ** (-(df + 1) / 2)

    def cdf(t):  # Simpson on [0, t]
        n = 2000
        h = t / n
        s = pdf(0) + pdf(t) + sum((4 if i % 2 else 2) * pdf(i * h) for i in range(1, n))
        return 0.5 + s * h / 3

    lo, hi = 0.0, 50.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if cdf(mid) < p else (lo, mid)
    return (lo + hi) / 2


def check_scenario(page, s, path):
    with h5py.File(path, "r") as f:
        check(s["seed"] == int(f.attrs["seed"]) and s["replications"] == int(f.attrs["replications"]), f"{path}: seed, replications")
        check(s["scenario_name"] == f.attrs["scenario_name"].decode() if isinstance(f.attrs["scenario_name"], bytes)
              else s["scenario_name"] == str(f.attrs["scenario_name"]), f"{path}: scenario name")
        vacancy = f["national/vacancy_fte"][()]
        demand = f["national/demand_fte"][()]
        families = vacancy.shape[2]
        # Fan charts: per family, then all families (summed before the rate).
        for j in range(families + 1):
            v = vacancy[:, :, j] if j < families else vacancy.sum(axis=2)
            d = demand[:, :, j] if j < families else demand.sum(axis=2)
            for metric, values in (("vacancy_fte", v), ("vacancy_rate", rate(v, d))):
                mean, p05, p95 = stats(values)
                band = s["national"][metric][j]
                close(band["mean"], mean, f"{path}: national {metric} mean, family {j}")
                close(band["p05"], p05, f"{path}: national {metric} p05, family {j}")
                close(band["p95"], p95, f"{path}: national {metric} p95, family {j}")
        # Flows per calendar year, all families, mean over replications.
        time = strings(f["axes/time"][()])
        years = sorted({t[:4] for t in time[1:]})
        check(page["years"] == years, f"{path}: years {page['years']}")
        check(page["months_in_year"] == [sum(1 for t in time[1:] if t[:4] == y) for y in years], "months per year")
        for name in FLOWS:
            flow = f["national/" + name][()]
            per_year = [flow[:, [k for k in range(1, len(time)) if time[k][:4] == y], :].sum(axis=(1, 2)).mean() for y in years]
            close(s["flows"][name], per_year, f"{path}: flows {name}")
        # Age pyramid.
        histogram = f["national/age_histogram"][()]
        close(s["age"]["start"], histogram[:, 0].sum(axis=1).mean(axis=0), f"{path}: age at the start")
        close(s["age"]["end"], histogram[:, -1].sum(axis=1).mean(axis=0), f"{path}: age at the end")
        # Regions: the table (last month) and the map.
        region_rate = f["region/vacancy_rate"][()]
        rv = f["region/vacancy_fte"][()]
        rd = f["region/demand_fte"][()]
        total_rate = rate(rv.sum(axis=3), rd.sum(axis=3))  # [rep, time, region]
        table = np.concatenate([region_rate[:, -1].mean(axis=0), total_rate[:, -1].mean(axis=0)[:, None]], axis=1)
        close(s["region_last_rate"], table, f"{path}: region table")
        close(s["region_map"]["rate"], total_rate.mean(axis=0), f"{path}: region map rate")
        close(s["region_map"]["vacancy_fte"], rv.sum(axis=3).mean(axis=0), f"{path}: region map vacancy")
        close(s["region_map"]["demand_fte"], rd.sum(axis=3).mean(axis=0), f"{path}: region map demand")
        # Municipalities: the map, the last month, the 20 largest rates.
        mv = f["municipality/vacancy_fte"][()].sum(axis=3)
        md = f["municipality/demand_fte"][()].sum(axis=3)
        m_rate = rate(mv, md)  # [rep, time, municipality]
        m = s["municipality"]
        close(m["rate"], m_rate.mean(axis=0), f"{path}: municipality map rate")
        close(m["vacancy_fte"], mv.mean(axis=0), f"{path}: municipality map vacancy")
        close(m["demand_fte"], md.mean(axis=0), f"{path}: municipality map demand")
        mean, p05, p95 = stats(m_rate[:, -1])
        close(m["last"]["rate_mean"], mean, f"{path}: municipality last rate")
        close(m["last"]["rate_p05"], p05, f"{path}: municipality last p05")
        close(m["last"]["rate_p95"], p95, f"{path}: municipality last p95")
        order = sorted(range(len(mean)), key=lambda i: -mean[i])  # stable: ties in axis order
        check(m["top"] == order[:20], f"{path}: top municipalities {m['top']} against {order[:20]}")
        return vacancy, demand


def main():
    work = tempfile.mkdtemp(prefix="krapte_report_data_")
    tiny = os.path.join(TEST_DATA, "tiny", "tiny.yaml")
    a = os.path.join(work, "a.h5")
    b = os.path.join(work, "b.h5")
    c = os.path.join(work, "c.h5")
    krapte("run", tiny, "-o", a, "--replications", "3", "--quiet")
    krapte("run", tiny, "-o", b, "--replications", "3", "--set", "exits.move_share=0.1", "--quiet")
    krapte("run", tiny, "-o", c, "--replications", "4", "--seed", "11", "--quiet")
    out = os.path.join(work, "report.html")
    krapte("report", a, b, c, "-o", out, "--quiet")
    html = open(out, encoding="utf-8").read()
    check(not os.path.exists(out + ".tmp-") and not any(".tmp-" in n for n in os.listdir(work)), "no temporary file left")

    # Self-contained: no element of the page loads anything (script and style contents are
    # not markup, as a browser reads them); the attribution of the map data is there.
    loaders = []

    class Elements(HTMLParser):
        def handle_starttag(self, tag, attrs):
            for name, value in attrs:
                if name in ("src", "href", "srcset", "data", "poster") and not (value or "").startswith("#"):
                    loaders.append(f"<{tag} {name}={value}>")
            if tag == "link":
                loaders.append("<link>")

    Elements().feed(html)
    check(not loaders, f"elements that load something: {loaders}")
    check("CBS / PDOK" in html, "map attribution CBS / PDOK")
    check(html.count("gemeente_2024") >= 2 and html.count("arbeidsmarktregio_2024") >= 2, "both map shapes inlined")
    for bundle in ("vega/build/vega.min.js", "vega-lite/build/vega-lite.min.js", "vega-embed/build/vega-embed.min.js"):
        head = open(os.path.join(SOURCE, "tools/report/node_modules", bundle), encoding="utf-8").read()[:200]
        check(head in html, f"{bundle} inlined")

    match = re.search(r'<script type="application/json" id="krapte-data">\s*(.*?)\s*</script>', html, re.S)
    check(match is not None, "the page embeds its data")
    page = json.loads(match.group(1))

    with h5py.File(a, "r") as f:
        check(page["time"] == strings(f["axes/time"][()]), "time axis")
        check([x["key"] for x in page["families"]] == strings(f["axes/job_family"][()]), "job families")
        check(page["regions"] == strings(f["axes/region"][()]), "regions")
        check([m["code"] for m in page["municipalities"]] == strings(f["axes/municipality"][()]["code"]), "municipalities")
        check(page["age_bands"] == strings(f["axes/age_band"][()]), "age bands")
    names = {x["key"]: x["name"] for x in page["families"]}
    check(names == {"beleid": "Beleid", "ict": "ICT en informatievoorziening", "sociaal_domein": "Sociaal domein"},
          f"display names {names}")
    check([s["label"] for s in page["scenarios"]] == ["a", "b", "c"], "labels")

    per_file = [check_scenario(page, s, path) for s, path in zip(page["scenarios"], (a, b, c))]

    # Differences against the first file: means from the files, intervals as krapte compare gives them.
    check(len(page["differences"]) == 2, "two tables of differences")
    base_v, base_d = per_file[0]
    for d, path, (other_v, other_d), paired in zip(page["differences"], (b, c), per_file[1:], (True, False)):
        check(d["paired"] is paired, f"{path}: paired {d['paired']}")
        families = base_v.shape[2]
        compared = list(csv.DictReader(io.StringIO(krapte("compare", a, path, "--csv", "-"))))
        check(len(compared) == families + 1 == len(d["rows"]), f"{path}: rows")
        for j, row in enumerate(d["rows"]):
            key = page["families"][j]["key"] if j < families else None
            check(row["family"] == key, f"{path}: row {j} family {row['family']}")
            sel = (lambda x: x[:, -1, j]) if j < families else (lambda x: x[:, -1].sum(axis=1))
            fte0, fte1 = sel(base_v), sel(other_v)
            rate0, rate1 = rate(fte0, sel(base_d)), rate(fte1, sel(other_d))
            for metric, x0, x1, suffix in (("vacancy_fte", fte0, fte1, "fte"), ("vacancy_rate", rate0, rate1, "rate")):
                stat = row[metric]
                close([stat["base"], stat["other"], stat["difference"]], [x0.mean(), x1.mean(), x1.mean() - x0.mean()],
                      f"{path}: {metric} means, row {j}")
                # The interval: krapte compare's, to the digits the page carries.
                c_row = compared[j]
                check(c_row["job_family"] == (key or "total"), f"{path}: compare row {j}")
                close([stat["low"], stat["high"]], [float(c_row["ci90_low_" + suffix]), float(c_row["ci90_high_" + suffix])],
                      f"{path}: {metric} interval equals krapte compare's, row {j}")
                # ... and a t interval of the mean difference (compare's t quantile is an approximation).
                if paired:
                    diffs = x1 - x0
                    half = t_quantile(0.95, len(diffs) - 1) * diffs.std(ddof=1) / math.sqrt(len(diffs))
                else:
                    v0, v1 = x0.var(ddof=1) / len(x0), x1.var(ddof=1) / len(x1)
                    dof = (v0 + v1) ** 2 / (v0 ** 2 / (len(x0) - 1) + v1 ** 2 / (len(x1) - 1)) if v0 + v1 > 0 else 1
                    half = t_quantile(0.95, dof) * math.sqrt(v0 + v1)
                centre = (stat["low"] + stat["high"]) / 2
                close(centre, stat["difference"], f"{path}: {metric} interval centred, row {j}")
                close((stat["high"] - stat["low"]) / 2, half, f"{path}: {metric} 90% half width, row {j}", rel=0.03, abs_=1e-6)

    # The tidy DataFrame of tools/tidy_results.py.
    df = load_tidy(a, "region", ["vacancy_fte"])
    check(list(df.columns) == ["replication", "month", "level", "unit", "job_family", "metric", "value"], "tidy columns")
    with h5py.File(a, "r") as f:
        data = f["region/vacancy_fte"][()]
        regions = strings(f["axes/region"][()])
        families = strings(f["axes/job_family"][()])
        time = strings(f["axes/time"][()])
    check(len(df) == data.size, "tidy rows")
    row = df[(df.replication == 2) & (df.month == time[-1]) & (df.unit == regions[1]) & (df.job_family == families[2])]
    check(len(row) == 1 and row.value.iloc[0] == data[2, -1, 1, 2], "tidy value equals the dataset")
    national = load_tidy(a)
    check(set(national.unit) == {"Nederland"} and set(national.level) == {"national"}, "tidy national level")
    check("age_histogram" not in set(national.metric) and "vacancy_rate" in set(national.metric), "tidy metrics")

    shutil.rmtree(work, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

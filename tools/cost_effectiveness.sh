#!/usr/bin/env bash
# Cost and cost-effectiveness of every shipped lever scenario against the baseline (issue 12,
# docs/costs.md): each scenario on the expected-value projection (deterministic, one run),
# then krapte compare over 2024-01..2030-12. Prints a Markdown table; results/costs/*.h5 kept.
# Usage: tools/cost_effectiveness.sh [KRAPTE]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
krapte=${1:-$root/build/release/engine/krapte}
out=$root/results/costs
mkdir -p "$out"
"$krapte" run "$root/scenarios/baseline.yaml" --mode expected --quiet -o "$out/baseline.h5"
echo "| scenario | total cost 2024-2030, other - base (M EUR) | of which measures (M EUR) | vacancy FTE-years avoided | EUR per vacancy FTE-year avoided |"
echo "|---|---|---|---|---|"
for scenario in attractiveness standardisation shared-services trainees flexpools retention more-hours collective stap-naar-voren; do
  "$krapte" run "$root/scenarios/$scenario.yaml" --mode expected --quiet -o "$out/$scenario.h5"
  "$krapte" compare "$out/baseline.h5" "$out/$scenario.h5" --from 2024-01 --to 2030-12 --costs-csv "$out/$scenario.csv" > /dev/null
  /usr/bin/python3 - "$out/$scenario.csv" "$scenario" <<'PY'
import csv, sys
rows = {r["item"]: r for r in csv.DictReader(open(sys.argv[1])) if r["unit"] == "national"}
measures = sum(float(rows[k]["difference"]) for k in rows if k.startswith("measure_"))
ratio = float(rows["euros_per_vacancy_fte_year_avoided"]["difference"])
ratio_text = "n/a (none avoided)" if ratio != ratio else f"{ratio:,.0f}"
print(f"| {sys.argv[2]} | {float(rows['total']['difference'])/1e6:+,.1f} | {measures/1e6:+,.1f} | "
      f"{float(rows['vacancy_fte_years_avoided']['difference']):+,.1f} | {ratio_text} |")
PY
done

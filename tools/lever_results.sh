#!/usr/bin/env bash
# Runs the baseline and every lever scenario (20 replications each, national and region
# levels) and compares each with the baseline at 2030-12: the figures quoted in
# docs/levers/. Writes results/levers/<scenario>.txt and .csv, and results/levers/summary.md.
# Usage: tools/lever_results.sh   (after a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
krapte=build/release/engine/krapte
[ -x "$krapte" ] || { echo "build the release preset first" >&2; exit 2; }
out=results/levers
mkdir -p "$out"
lever_scenarios=$("$krapte" levers --scenarios)  # every lever the schema declares (docs/levers/README.md)
scenarios=($lever_scenarios stap-naar-voren)  # then the package of levers 1-8
run() { "$krapte" run "scenarios/$1.yaml" -o "$out/$1.h5" --quiet --set output.municipality_level=false; }
run baseline
{
  echo "# Levers against the baseline, 2030-12"
  echo
  echo "Written by \`tools/lever_results.sh\` at commit $(git rev-parse --short HEAD): 20 replications each, same seed,"
  echo "differences paired by replication (common random numbers), 90% intervals."
  echo
  echo "| scenario | vacancy FTE (difference, 90% interval) | vacancy rate, points (difference, 90% interval) |"
  echo "|---|---|---|"
} > "$out/summary.md"
for s in "${scenarios[@]}"; do
  run "$s"
  "$krapte" compare "$out/baseline.h5" "$out/$s.h5" --at 2030-12 --csv "$out/$s.csv" > "$out/$s.txt"
  awk -F, -v s="$s" '$3 == "total" {printf "| %s | %+.0f [%+.0f, %+.0f] | %+.2f [%+.2f, %+.2f] |\n", s, $7, $8, $9, 100*$13, 100*$14, 100*$15}' \
    "$out/$s.csv" >> "$out/summary.md"
done
rm -f "$out"/*.h5
cat "$out/summary.md"

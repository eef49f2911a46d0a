#!/usr/bin/env bash
# `krapte check` on the baseline, on the baseline without feedbacks and in collective mode,
# on every shipped scenario, and on the package of levers without feedbacks (20
# replications each), plus the split of the vacancy difference for the baseline and for
# shared services: the figures quoted in docs/validation.md. Writes
# results/validation_<name>.txt (the tables), results/validation_baseline.csv (every month
# of every series of the baseline), results/validation_summary.txt (one line a check) and
# results/validation_vacancy_gap*.txt.
# Usage: tools/validation_results.sh   (after a release build; KRAPTE=path overrides the binary)
set -euo pipefail
cd "$(dirname "$0")/.."
krapte=${KRAPTE:-build/release/engine/krapte}
[ -x "$krapte" ] || { echo "build the release preset first" >&2; exit 2; }
mkdir -p results
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() {  # name csv scenario [--set ...]
  local name=$1 csv=$2 scenario=$3
  shift 3
  "$krapte" check "$scenario" --replications 20 --csv "$csv" "$@" > "results/validation_$name.txt" ||
    true  # FAIL is a result to report, not an error of this script
  tail -n 1 "results/validation_$name.txt"
}
check baseline results/validation_baseline.csv scenarios/baseline.yaml
check baseline-no-feedbacks "$tmp/no-feedbacks.csv" scenarios/baseline.yaml --set recruitment.matching_efficiency=0 \
  --set exits.pressure_sensitivity=0 --set exits.move_share=0
check baseline-collective "$tmp/collective.csv" scenarios/baseline.yaml --set recruitment.mode=collective
for scenario in scenarios/*.yaml; do
  name=$(basename "$scenario" .yaml)
  case $name in *.calib) continue ;; esac  # calibration files (krapte calibrate), not scenarios
  [ "$name" = baseline ] || check "$name" "$tmp/$name.csv" "$scenario"
done
check stap-naar-voren-no-feedbacks "$tmp/package-no-feedbacks.csv" scenarios/stap-naar-voren.yaml \
  --set recruitment.matching_efficiency=0 --set exits.pressure_sensitivity=0 --set exits.move_share=0
for table in results/validation_*.txt; do
  case $table in *vacancy_gap*|*summary*) continue ;; esac
  printf '%-40s %s\n' "$(basename "$table" .txt | sed 's/^validation_//')" "$(tail -n 1 "$table")"
done > results/validation_summary.txt

"$krapte" run scenarios/baseline.yaml --replications 20 -o "$tmp/agents.h5" --quiet
"$krapte" run scenarios/baseline.yaml --mode expected -o "$tmp/expected.h5" --quiet
python3 tools/vacancy_gap.py "$tmp/agents.h5" "$tmp/expected.h5" 2024-06 2024-12 2026-12 2028-12 2030-12 |
  tee results/validation_vacancy_gap.txt

# Shared services: the month the centres open, the transfer's random split of small cells
# widens the max(0, D - S) gap (docs/validation.md).
"$krapte" run scenarios/shared-services.yaml --replications 20 -o "$tmp/agents.h5" --quiet
"$krapte" run scenarios/shared-services.yaml --mode expected -o "$tmp/expected.h5" --quiet
python3 tools/vacancy_gap.py "$tmp/agents.h5" "$tmp/expected.h5" 2025-12 2026-01 2026-06 2026-12 2030-12 |
  tee results/validation_vacancy_gap_shared_services.txt

# Each lever's effect on 2030-12 vacancies in both modes (agents: results/levers, written by
# tools/lever_results.sh).
lever_scenarios=$("$krapte" levers --scenarios)  # every lever the schema declares (docs/levers/README.md)
levers=($lever_scenarios stap-naar-voren)  # then the package of levers 1-8
for s in baseline "${levers[@]}"; do
  "$krapte" run "scenarios/$s.yaml" --mode expected -o "$tmp/$s.h5" --quiet --set output.municipality_level=false
done
python3 tools/lever_effects_both_modes.py "$tmp" "${levers[@]}" | tee results/validation_lever_effects.md

#!/usr/bin/env bash
# `krapte check` on the baseline, on the baseline without feedbacks and in collective mode,
# and on the shipped scenarios the projection supports (20 replications each), plus the split of the 2030
# vacancy difference: the figures quoted in docs/validation.md. Writes
# results/validation_<name>.txt (the tables), results/validation_baseline.csv (every month
# of every series of the baseline) and results/validation_vacancy_gap.txt.
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
check aow-later "$tmp/aow-later.csv" scenarios/aow-later.yaml

"$krapte" run scenarios/baseline.yaml --replications 20 -o "$tmp/agents.h5" --quiet
"$krapte" run scenarios/baseline.yaml --mode expected -o "$tmp/expected.h5" --quiet
python3 tools/vacancy_gap.py "$tmp/agents.h5" "$tmp/expected.h5" 2024-06 2024-12 2026-12 2028-12 2030-12 |
  tee results/validation_vacancy_gap.txt

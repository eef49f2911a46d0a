#!/usr/bin/env bash
# Runs one libFuzzer target for SECONDS with its seed corpus (shipped files) and the
# regression inputs of earlier findings (tests/fuzz/regressions/<target>/), which must pass.
# Usage: tools/run-fuzz.sh BINARY SOURCE_ROOT SECONDS
# A finding is a crash file under $KRAPTE_FUZZ_ARTIFACTS (default build/fuzz-artifacts):
# turn it into a regression test (tests/fuzz/regressions/<target>/) when fixing it.
set -euo pipefail
binary=$1 root=$2 seconds=$3
name=$(basename "$binary")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus"
case "$name" in
  fuzz_scenario) cp "$root"/scenarios/*.yaml "$root"/tests/data/tiny/tiny.yaml "$work/corpus/" ;;
  fuzz_municipality_table) cp "$root"/scenarios/data/municipalities.csv "$work/corpus/municipalities-nl.csv"
                           cp "$root"/tests/data/tiny/municipalities.csv \
                              "$root"/tests/data/bad/municipalities_*.csv "$work/corpus/" ;;
  fuzz_employee_csv) cp "$root"/tests/data/bad/employees_*.csv "$root"/tests/data/hr/*.csv "$work/corpus/" ;;
  fuzz_hr_import) cp "$root"/tests/data/hr/*.csv "$work/corpus/" ;;
  fuzz_sweep_spec) cp "$root"/sweeps/*.yaml "$work/corpus/"
                   sed -i 's|\.\./scenarios/trainees\.yaml|tiny.yaml|' "$work/corpus/"*.yaml ;;
  *) echo "run-fuzz.sh: error: unknown target $name" >&2; exit 2 ;;
esac
regressions="$root/tests/fuzz/regressions/$name"
if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
  "$binary" -runs=0 "$regressions"/*   # every earlier finding must now pass
fi
artifacts=${KRAPTE_FUZZ_ARTIFACTS:-$root/build/fuzz-artifacts}/$name/
mkdir -p "$artifacts"
# -rss_limit_mb: the scenario's own size limits keep memory well below; 2 GB catches a leak.
"$binary" -max_total_time="$seconds" -seed=1 -rss_limit_mb=2048 -max_len=65536 -timeout=30 \
  -artifact_prefix="$artifacts" -print_final_stats=1 "$work/corpus" 2>&1 | tail -n 25

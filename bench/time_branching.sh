#!/usr/bin/env bash
# Branched against unbranched sweeps (issue 13, docs/sweeps.md "branch_at"): the national
# baseline with a retention lever from 2027-01 at 4 strengths (4 points x 4 replications,
# national and region levels), run whole and with `branch_at: 2026-12` (36 of 84 months
# shared), alternately, ROUNDS times each (default 2), in one invocation; checks that both
# files hold the same results; reports wall times (median), the ratio, the load average and
# the CPU time other work on the machine took meanwhile. Replaces (or appends) the section
# between the "bench/time_branching.sh" markers in results/BENCHMARKS.md.
# Usage: bench/time_branching.sh   (after a release build; KRAPTE=path/to/krapte, THREADS=2, ROUNDS=2)
set -euo pipefail
cd "$(dirname "$0")/.."
krapte=${KRAPTE:-build/release/engine/krapte}
threads=${THREADS:-2}
rounds=${ROUNDS:-2}
[ -x "$krapte" ] || { echo "build the release preset first (cmake --preset release && cmake --build --preset release)" >&2; exit 2; }
out=results/BENCHMARKS.md
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

busy_seconds() { awk '/^cpu / {printf "%.2f", ($2 + $3 + $4 + $7 + $8 + $9) / 100}' /proc/stat; }

write_sweep() {  # file, extra line
  cat > "$1" <<YAML
scenario: $PWD/scenarios/baseline.yaml
name: branching-bench
replications: 4
set:
  output.municipality_level: false
  retention: [{from_age_years: 60, quit_multiplier: 0.7, early_retirement_multiplier: 0.7, from: 2027-01}]
axes:
  - {key: retention.0.quit_multiplier, values: [0.4, 0.6, 0.8, 1.0]}
$2
YAML
}
write_sweep "$tmp/plain.yaml" ""
write_sweep "$tmp/branched.yaml" "branch_at: 2026-12"

# Sets wall and other_cpu for one sweep.
measure() {
  local sweep=$1 output=$2
  rm -f "$output" "$tmp/time"
  local start end busy_before busy_after
  busy_before=$(busy_seconds)
  start=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$tmp/time" "$krapte" sweep "$sweep" -o "$output" --threads "$threads" --quiet
  end=$(date +%s.%N)
  busy_after=$(busy_seconds)
  wall=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", b - a}')
  other_cpu=$(awk -v a="$busy_before" -v b="$busy_after" '{x = b - a - $1 - $2; printf "%.0f", x < 0 ? 0 : x}' "$tmp/time")
}

plain_walls=() branched_walls=() others=()
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for ((round = 1; round <= rounds; round++)); do
  measure "$tmp/plain.yaml" "$tmp/plain.h5"; plain_walls+=("$wall"); others+=("$other_cpu")
  echo "round $round unbranched: $wall s (other work $other_cpu CPU s)" >&2
  measure "$tmp/branched.yaml" "$tmp/branched.h5"; branched_walls+=("$wall"); others+=("$other_cpu")
  echo "round $round branched:   $wall s (other work $other_cpu CPU s)" >&2
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# The two files must hold the same results (all but the sweep file's own text).
/usr/bin/python3 - "$tmp/plain.h5" "$tmp/branched.h5" <<'PY'
import sys, h5py
a, b = h5py.File(sys.argv[1]), h5py.File(sys.argv[2])
names = []
a.visititems(lambda n, o: names.append(n) if isinstance(o, h5py.Dataset) else None)
bad = [n for n in names if n != "sweep/spec" and a[n][()].tobytes() != b[n][()].tobytes()]
if bad: sys.exit("branched and unbranched differ: " + ", ".join(bad[:5]))
print(f"{len(names) - 1} datasets bit-identical", file=sys.stderr)
PY

median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
plain=$(median "${plain_walls[@]}")
branched=$(median "${branched_walls[@]}")
ratio=$(awk -v a="$branched" -v b="$plain" 'BEGIN {printf "%.2f", a / b}')
cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
section="$tmp/section.md"
{
  echo "<!-- begin: bench/time_branching.sh -->"
  echo "## Branched sweeps (\`branch_at\`, issue 13)"
  echo
  echo "Written by \`bench/time_branching.sh\` on $(date -u +%Y-%m-%d) at commit $(git rev-parse --short HEAD)."
  echo "Machine: ${cpu:-unknown CPU}, $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; shared with other work:"
  echo "load average $load_before (1, 5, 15 min) before, $load_after after; other processes took"
  echo "$(IFS=,; echo "${others[*]}" | sed 's/,/, /g') CPU s during the sweeps, in run order. Treat the ratio as indicative."
  echo
  echo "The national baseline (2024-01..2030-12), 4 points (a retention lever from 2027-01, quit"
  echo "multiplier 0.4, 0.6, 0.8, 1.0) x 4 replications, national and region levels, $threads threads,"
  echo "run alternately $rounds times each. Branched at 2026-12: each replication's first 36 of 84"
  echo "months run once instead of 4 times, i.e. 4 x 36 + 16 x 48 = 912 replication-months instead"
  echo "of 1,344 (0.68 of the work, before the fixed costs: planning, initial populations, writing)."
  echo "Both files hold bit-identical results (checked by the script)."
  echo
  echo "| sweep | wall time, median (s) | runs |"
  echo "|---|---|---|"
  echo "| unbranched | $plain ($(IFS=,; echo "${plain_walls[*]}" | sed 's/,/, /g')) | 16 |"
  echo "| \`branch_at: 2026-12\` | $branched ($(IFS=,; echo "${branched_walls[*]}" | sed 's/,/, /g')) | 16 |"
  echo
  echo "Branched / unbranched: **$ratio** of the wall time."
  echo "<!-- end: bench/time_branching.sh -->"
} > "$section"

# Replace the marked section, or append it.
if grep -q '<!-- begin: bench/time_branching.sh -->' "$out"; then
  awk -v file="$section" '
    /<!-- begin: bench\/time_branching.sh -->/ {while ((getline line < file) > 0) print line; skip = 1; next}
    /<!-- end: bench\/time_branching.sh -->/ {skip = 0; next}
    !skip {print}' "$out" > "$tmp/out.md"
  cp "$tmp/out.md" "$out"
else
  { echo; cat "$section"; } >> "$out"
fi
cat "$section"

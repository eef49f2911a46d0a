#!/usr/bin/env bash
# Whole-sweep timings of bench/sweep-baseline-50.yaml (the national baseline, 50 points x 10
# replications) at 1 and 2 threads in one process and at 1 and 2 MPI ranks of one thread
# each: wall time, runs per second, parallel efficiency, peak memory (the largest process)
# and the CPU time other work on the machine took meanwhile; then peak memory against the
# number of points (10, 50, 200 points of 2 replications, 2 threads). Appends (or replaces)
# the "Sweeps" section at the end of results/BENCHMARKS.md, leaving the sections before it.
# Usage: bench/time_sweep.sh   (after a release build with MPI; KRAPTE=path/to/krapte for another binary)
set -euo pipefail
cd "$(dirname "$0")/.."
krapte=${KRAPTE:-build/release/engine/krapte}
[ -x "$krapte" ] || { echo "build the release preset first (cmake --preset release && cmake --build --preset release)" >&2; exit 2; }
command -v mpirun > /dev/null || { echo "mpirun not found: tools/install-deps.sh installs openmpi-bin" >&2; exit 2; }
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
out=results/BENCHMARKS.md
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
runs=500

# Busy CPU seconds of the whole machine so far (user, nice, system, irq, softirq, steal).
busy_seconds() { awk '/^cpu / {printf "%.2f", ($2 + $3 + $4 + $7 + $8 + $9) / 100}' /proc/stat; }

# One sweep: ranks (0 = no mpirun), threads, sweep file. Sets wall, memory_mib and other_cpu
# (CPU seconds the rest of the machine used during the sweep: noise on a shared machine).
measure() {
  local ranks=$1 threads=$2 sweep=$3
  rm -f "$tmp/sweep.h5" "$tmp"/time.*
  local start end busy_before busy_after
  busy_before=$(busy_seconds)
  start=$(date +%s.%N)
  if [ "$ranks" -eq 0 ]; then
    /usr/bin/time -f "%M %U %S" -o "$tmp/time.0" "$krapte" sweep "$sweep" -o "$tmp/sweep.h5" --threads "$threads" --quiet
  else
    # Each rank under its own /usr/bin/time: peak memory and CPU time per process.
    mpirun --oversubscribe --allow-run-as-root -np "$ranks" sh -c \
      '/usr/bin/time -f "%M %U %S" -o "$0/time.$OMPI_COMM_WORLD_RANK" "$1" sweep "$2" -o "$0/sweep.h5" --threads "$3" --quiet' \
      "$tmp" "$krapte" "$sweep" "$threads"
  fi
  end=$(date +%s.%N)
  busy_after=$(busy_seconds)
  wall=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", b - a}')
  memory_mib=$(cat "$tmp"/time.* | sort -n | tail -1 | awk '{printf "%d", $1 / 1024}')
  other_cpu=$(cat "$tmp"/time.* | awk -v a="$busy_before" -v b="$busy_after" '{own += $2 + $3} END {x = b - a - own; printf "%.0f", x < 0 ? 0 : x}')
}

declare -A wall_of memory_of other_of
settings=("0 1" "0 2" "1 1" "2 1")
for setting in "${settings[@]}"; do
  read -r ranks threads <<< "$setting"
  measure "$ranks" "$threads" bench/sweep-baseline-50.yaml
  wall_of[$setting]=$wall
  memory_of[$setting]=$memory_mib
  other_of[$setting]=$other_cpu
  echo "ranks=$ranks threads=$threads: $wall s, $memory_mib MiB, other work $other_cpu CPU s" >&2
done
file_size=$(du -m "$tmp/sweep.h5" | cut -f1)

# Peak memory against the number of points: the same sweep with 2 replications per point.
declare -A memory_at wall_at
for points in 10 50 200; do
  cat > "$tmp/points.yaml" <<YAML
scenario: $PWD/scenarios/baseline.yaml
replications: 2
set: {output.municipality_level: false}
axes:
  - {key: exits.move_share, range: {from: 0.1, to: 0.6, count: $points}}
YAML
  measure 0 2 "$tmp/points.yaml"
  memory_at[$points]=$memory_mib
  wall_at[$points]=$wall
  echo "$points points: $wall s, $memory_mib MiB" >&2
done

cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
section="$tmp/section.md"
{
  echo "## Sweeps: \`krapte sweep bench/sweep-baseline-50.yaml\`"
  echo
  echo "Written by \`bench/time_sweep.sh\` on $(date -u +%Y-%m-%d) at commit $(git rev-parse --short HEAD)."
  echo "Machine: ${cpu:-unknown CPU}, $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; shared and noisy, one run per setting."
  echo
  echo "The national baseline, 50 points (exits.move_share x recruitment.matching_efficiency) x 10"
  echo "replications = $runs runs, national and region levels (output file ${file_size} MB). Efficiency ="
  echo "speed-up over 1 process x 1 thread / cores used. Peak memory is the largest process's maximum"
  echo "resident set. \"Other work\" is the CPU time the rest of the shared machine used meanwhile. One run per"
  echo "setting: differences of a few percent are noise (1 process x 1 and mpirun -np 1 x 1 do the same work), so an"
  echo "efficiency above 100% means \"no measurable loss\"."
  echo
  echo "| processes x threads | wall time (s) | runs/s | parallel efficiency | peak memory (MiB) | other work (CPU s) |"
  echo "|---|---|---|---|---|---|"
  for setting in "${settings[@]}"; do
    read -r ranks threads <<< "$setting"
    cores=$(( (ranks > 0 ? ranks : 1) * threads ))
    label=$([ "$ranks" -eq 0 ] && echo "1 process x $threads" || echo "mpirun -np $ranks x $threads")
    awk -v l="$label" -v w="${wall_of[$setting]}" -v w1="${wall_of[0 1]}" -v c="$cores" -v m="${memory_of[$setting]}" -v n="$runs" \
      -v o="${other_of[$setting]}" 'BEGIN {printf "| %s | %.1f | %.2f | %.0f%% | %d | %s |\n", l, w, n / w, 100 * w1 / w / c, m, o}'
  done
  echo
  echo "Peak memory against the number of points (the same sweep, 2 replications per point, 1 process x 2 threads):"
  echo
  echo "| points | runs | wall time (s) | peak memory (MiB) |"
  echo "|---|---|---|---|"
  for points in 10 50 200; do echo "| $points | $((2 * points)) | ${wall_at[$points]} | ${memory_at[$points]} |"; done
  echo
  echo "Memory is bounded by the runs in flight (one series per thread, the prepared points of a cache of"
  echo "threads + 1) and HDF5's metadata cache, which has a fixed upper bound, not by the number of points."
} > "$section"
# Keep everything before an earlier "## Sweeps" section; replace that section.
: > "$tmp/head.md"
[ -f "$out" ] && awk '/^## Sweeps: /{exit} {line[NR] = $0} END {n = NR; while (n > 0 && line[n] == "") n--; for (i = 1; i <= n; i++) print line[i]}' \
  "$out" > "$tmp/head.md"
{ cat "$tmp/head.md"; if [ -s "$tmp/head.md" ]; then echo; fi; cat "$section"; } > "$out"
cat "$section"

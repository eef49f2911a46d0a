#!/usr/bin/env bash
# Whole-sweep timings of bench/sweep-baseline-50.yaml (the national baseline, 50 points x 10
# replications) at 1 and 2 threads in one process and at 1 and 2 MPI ranks of one thread
# each: wall time, runs per second, parallel efficiency and peak memory (the largest
# process); then peak memory of the 10-point cut (bench/sweep-baseline-10.yaml) against the
# 50-point sweep at 2 threads. Appends (or replaces) the "Sweeps" section at the end of
# results/BENCHMARKS.md, leaving the sections before it alone.
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

# One setting: label, ranks (0 = no mpirun), threads, sweep file. Sets wall and memory_mib.
measure() {
  local ranks=$1 threads=$2 sweep=$3
  rm -f "$tmp/sweep.h5" "$tmp"/mem.*
  local start end
  load=$(cut -d' ' -f1 /proc/loadavg)  # other work on the machine before the run
  start=$(date +%s.%N)
  if [ "$ranks" -eq 0 ]; then
    /usr/bin/time -f "%M" -o "$tmp/mem.0" "$krapte" sweep "$sweep" -o "$tmp/sweep.h5" --threads "$threads" --quiet
  else
    # Each rank under its own /usr/bin/time: peak memory per process.
    mpirun --oversubscribe --allow-run-as-root -np "$ranks" sh -c \
      '/usr/bin/time -f "%M" -o "$0/mem.$OMPI_COMM_WORLD_RANK" "$1" sweep "$2" -o "$0/sweep.h5" --threads "$3" --quiet' \
      "$tmp" "$krapte" "$sweep" "$threads"
  fi
  end=$(date +%s.%N)
  wall=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", b - a}')
  memory_mib=$(cat "$tmp"/mem.* | sort -n | tail -1 | awk '{printf "%d", $1 / 1024}')
}

declare -A wall_of memory_of load_of
for setting in "0 1" "0 2" "1 1" "2 1"; do
  read -r ranks threads <<< "$setting"
  measure "$ranks" "$threads" bench/sweep-baseline-50.yaml
  wall_of[$setting]=$wall
  memory_of[$setting]=$memory_mib
  load_of[$setting]=$load
  echo "ranks=$ranks threads=$threads: $wall s, $memory_mib MiB, load before $load" >&2
done
file_size=$(du -m "$tmp/sweep.h5" | cut -f1)
measure 0 2 bench/sweep-baseline-10.yaml
wall_10=$wall
memory_10=$memory_mib

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
  echo "speed-up over 1 process x 1 thread / cores used. Peak memory is the largest process's maximum resident"
  echo "set. A load average above 0 before a run means other work shared the 2 cores."
  echo
  echo "| processes x threads | wall time (s) | runs/s | parallel efficiency | peak memory (MiB) | load average before |"
  echo "|---|---|---|---|---|---|"
  for setting in "0 1" "0 2" "1 1" "2 1"; do
    read -r ranks threads <<< "$setting"
    cores=$(( (ranks > 0 ? ranks : 1) * threads ))
    label=$([ "$ranks" -eq 0 ] && echo "1 process x $threads" || echo "mpirun -np $ranks x $threads")
    awk -v l="$label" -v w="${wall_of[$setting]}" -v w1="${wall_of[0 1]}" -v c="$cores" -v m="${memory_of[$setting]}" -v n="$runs" \
      -v a="${load_of[$setting]}" 'BEGIN {printf "| %s | %.1f | %.2f | %.0f%% | %d | %s |\n", l, w, n / w, 100 * w1 / w / c, m, a}'
  done
  echo
  echo "Peak memory against the number of points (2 threads, 10 replications each): 10 points ${memory_10} MiB"
  echo "(${wall_10} s), 50 points ${memory_of[0 2]} MiB. Memory is bounded by the runs in flight (one series per"
  echo "thread, the prepared points of a cache of threads + 1), not by the size of the sweep."
} > "$section"
# Keep everything before an earlier "## Sweeps" section; replace that section.
: > "$tmp/head.md"
[ -f "$out" ] && awk '/^## Sweeps: /{exit} {line[NR] = $0} END {n = NR; while (n > 0 && line[n] == "") n--; for (i = 1; i <= n; i++) print line[i]}' \
  "$out" > "$tmp/head.md"
{ cat "$tmp/head.md"; if [ -s "$tmp/head.md" ]; then echo; fi; cat "$section"; } > "$out"
cat "$section"

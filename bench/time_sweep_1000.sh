#!/usr/bin/env bash
# Issue 10 target 6, written to its own section of results/BENCHMARKS.md: a 1,000-run sweep
# of the national baseline (bench/sweep-baseline-1000.yaml: 100 points x 10 replications,
# national and region levels) on 2 threads against a lone one-replication `krapte run` of
# its first point on 1 thread (the same levels), in one run of this script: wall and CPU time
# per run, runs per second, bytes per run of the sweep file.
# Usage: bench/time_sweep_1000.sh   (after a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
krapte=build/release/engine/krapte
[ -x "$krapte" ] || { echo "build the release preset first (cmake --preset release && cmake --build --preset release)" >&2; exit 2; }
out=results/BENCHMARKS.md
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
point=(--set exits.move_share=0.1 --set recruitment.matching_efficiency=0.8 --set output.municipality_level=false)

: > "$tmp/lone"
for i in 1 2 3; do
  /usr/bin/time -f "%e %U %S" -o "$tmp/time" "$krapte" run scenarios/baseline.yaml --replications 1 --threads 1 "${point[@]}" \
    -o "$tmp/lone.h5" --quiet
  cat "$tmp/time" >> "$tmp/lone"
done
lone_wall=$(awk '{print $1}' "$tmp/lone" | sort -g | sed -n 2p)
lone_cpu=$(awk '{print $2 + $3}' "$tmp/lone" | sort -g | sed -n 2p)
/usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$krapte" sweep bench/sweep-baseline-1000.yaml --threads 2 -o "$tmp/sweep.h5" --quiet
read -r sweep_wall sweep_user sweep_system sweep_kb < "$tmp/time"
bytes=$(stat -c %s "$tmp/sweep.h5")

cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
section="$tmp/section.md"
{
  echo "<!-- begin: bench/time_sweep_1000.sh -->"
  echo "## A 1,000-run sweep against a lone run (issue 10, target 6)"
  echo
  echo "Written by \`bench/time_sweep_1000.sh\` on $(date -u +%Y-%m-%d) at commit $(git rev-parse --short HEAD)."
  echo "Machine: ${cpu:-unknown CPU}, $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "\`krapte sweep bench/sweep-baseline-1000.yaml --threads 2\` (100 points x 10 replications, national and region"
  echo "levels) against \`krapte run scenarios/baseline.yaml --replications 1 --threads 1\` at its first point with the"
  echo "same levels (median of 3); CPU = user + system."
  echo
  awk -v w="$sweep_wall" -v u="$sweep_user" -v s="$sweep_system" -v k="$sweep_kb" -v lw="$lone_wall" -v lc="$lone_cpu" -v b="$bytes" 'BEGIN {
    printf "| | wall (s) | CPU (s) | per run, wall (s) | runs/s |\n|---|---|---|---|---|\n";
    printf "| lone run, 1 thread | %.2f | %.2f | %.3f | %.2f |\n", lw, lc, lw, 1 / lw;
    printf "| sweep, 1,000 runs, 2 threads | %.1f | %.1f | %.3f | %.2f |\n\n", w, u + s, w / 1000, 1000 / w;
    printf "Per run the sweep costs %.2fx the lone run (wall; target at most 0.55), %.2fx in CPU. Peak memory %.0f MiB.\n", (w / 1000) / lw, ((u + s) / 1000) / lc, k / 1024;
    printf "Sweep file: %.1f MB, %.3f MB per run (target: at most a quarter of 918 MB / 500 = 0.459 MB).\n", b / 1e6, b / 1e9 }'
  echo "<!-- end: bench/time_sweep_1000.sh -->"
} > "$section"

/usr/bin/python3 bench/replace_section.py "$out" "$section" bench/time_sweep_1000.sh bench/time_scaling.sh
cat "$section"

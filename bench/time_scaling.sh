#!/usr/bin/env bash
# Issue 10 targets 4 and 5, written to their own section of results/BENCHMARKS.md:
# one replication on 1 thread of the national baseline (189,500 agents) and of the same
# scaled to about 1 and 10 million agents (bench/scale-1m.yaml, bench/scale-10m.yaml):
# wall time, CPU time (user + system: less disturbed by other processes on a shared machine),
# peak resident memory, bytes per agent beyond the fixed base and time per agent-step; and
# the expected-value projection (`--mode expected`) of the baseline against its agent run.
# Median of N runs per setting. Usage: bench/time_scaling.sh [runs, default 3] (after a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
krapte=build/release/engine/krapte
[ -x "$krapte" ] || { echo "build the release preset first (cmake --preset release && cmake --build --preset release)" >&2; exit 2; }
out=results/BENCHMARKS.md
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }

# measure NAME SCENARIO krapte-run-options...: medians into $tmp/NAME.{wall,cpu,kb}; agents into $tmp/NAME.agents
measure() {
  local name=$1 scenario=$2
  shift 2
  : > "$tmp/$name.wall"; : > "$tmp/$name.cpu"; : > "$tmp/$name.kb"
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$krapte" run "$scenario" --threads 1 \
      -o "$tmp/$name.h5" "$@" 2> "$tmp/$name.log"
    read -r seconds user system kb < "$tmp/time"
    echo "$seconds" >> "$tmp/$name.wall"
    awk -v u="$user" -v s="$system" 'BEGIN {print u + s}' >> "$tmp/$name.cpu"
    echo "$kb" >> "$tmp/$name.kb"
  done
  sed -n 's/.*, \([0-9]*\) initial agents.*/\1/p' "$tmp/$name.log" > "$tmp/$name.agents"
  for kind in wall cpu kb; do median < "$tmp/$name.$kind" > "$tmp/$name.$kind.median"; done
}

measure n190k scenarios/baseline.yaml --replications 1
measure n1m bench/scale-1m.yaml --replications 1
measure n10m bench/scale-10m.yaml --replications 1
measure expected scenarios/baseline.yaml --mode expected
steps=$(sed -n 's/^start: *\([0-9]*\)-\([0-9]*\).*/\1 \2/p;s/^end: *\([0-9]*\)-\([0-9]*\).*/\1 \2/p' scenarios/baseline.yaml |
        awk 'NR==1 {y=$1; m=$2} NR==2 {print ($1 - y) * 12 + $2 - m + 1}')

cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
section="$tmp/section.md"
{
  echo "<!-- begin: bench/time_scaling.sh -->"
  echo "## One replication: scaling to 10 million agents, and the expected-value projection"
  echo
  echo "Written by \`bench/time_scaling.sh $runs\` on $(date -u +%Y-%m-%d) at commit $(git rev-parse --short HEAD)."
  echo "Machine: ${cpu:-unknown CPU}, $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo "\`krapte run SCENARIO --replications 1 --threads 1\` (municipality level written), medians of $runs runs;"
  echo "CPU = user + system time. Bytes per agent = the growth of peak memory per added agent between the runs named."
  echo
  echo "| run | initial agents | wall (s) | CPU (s) | peak memory (MiB) | CPU ns per agent-step |"
  echo "|---|---|---|---|---|---|"
  for name in n190k n1m n10m expected; do
    label=$name
    case $name in
      n190k) label="baseline" ;; n1m) label="bench/scale-1m.yaml" ;; n10m) label="bench/scale-10m.yaml" ;;
      expected) label="baseline, --mode expected" ;;
    esac
    awk -v l="$label" -v a="$(cat "$tmp/$name.agents")" -v w="$(cat "$tmp/$name.wall.median")" -v c="$(cat "$tmp/$name.cpu.median")" \
        -v k="$(cat "$tmp/$name.kb.median")" -v t="$steps" \
        -v agent_run="$([ "$name" = expected ] && echo 0 || echo 1)" \
        'BEGIN {printf "| %s | %s | %.2f | %.2f | %.0f | %s |\n", l, a, w, c, k / 1024, agent_run ? sprintf("%.1f", 1e9 * c / (a * t)) : "-"}'
  done
  echo
  awk -v a1="$(cat "$tmp/n1m.agents")" -v k1="$(cat "$tmp/n1m.kb.median")" -v a10="$(cat "$tmp/n10m.agents")" \
      -v k10="$(cat "$tmp/n10m.kb.median")" -v a0="$(cat "$tmp/n190k.agents")" -v k0="$(cat "$tmp/n190k.kb.median")" \
      -v c0="$(cat "$tmp/n190k.cpu.median")" -v c10="$(cat "$tmp/n10m.cpu.median")" \
      'BEGIN {printf "Bytes per agent beyond the fixed base: %.1f (1M -> 10M), %.1f (190k -> 10M); target (issue 10, 5): at most 24.\n", 1024 * (k10 - k1) / (a10 - a1), 1024 * (k10 - k0) / (a10 - a0);
              printf "CPU time per agent-step at 10M / at 190k: %.2f; target at most 1.3.\n", (c10 / a10) / (c0 / a0)}'
  awk -v e="$(cat "$tmp/expected.wall.median")" -v a="$(cat "$tmp/n190k.wall.median")" \
      -v ec="$(cat "$tmp/expected.cpu.median")" -v ac="$(cat "$tmp/n190k.cpu.median")" \
      'BEGIN {printf "Expected-value projection / one agent replication, whole command, 1 thread: %.2f wall, %.2f CPU; target (issue 10, 4): at most 0.25.\n", e / a, ec / ac}'
  echo "<!-- end: bench/time_scaling.sh -->"
} > "$section"

/usr/bin/python3 bench/replace_section.py "$out" "$section" bench/time_scaling.sh bench/time_baseline.sh
cat "$section"

#!/usr/bin/env bash
# Whole-run timings of `krapte run scenarios/baseline.yaml --replications 20` at 1 and 2
# threads (median of N runs each, wall clock and peak memory), plus the Google Benchmark
# of the monthly step, written with the machine's description to results/BENCHMARKS.md.
# Only this script's section (between its marker comments) is replaced; the sections other
# benchmarks write (projection, sweeps) are kept.
# Usage: bench/time_baseline.sh [runs per setting, default 5]   (after a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
krapte=build/release/engine/krapte
bench=build/release/bench/bench_month_step
[ -x "$krapte" ] && [ -x "$bench" ] || { echo "build the release preset first (cmake --preset release && cmake --build --preset release)" >&2; exit 2; }
out=results/BENCHMARKS.md
tmp=$(mktemp -d)
section="$tmp/section.md"
trap 'rm -rf "$tmp"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }

declare -A wall memory all_runs
for threads in 1 2; do
  : > "$tmp/wall" ; : > "$tmp/mem"
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f "%e %M" -o "$tmp/time" "$krapte" run scenarios/baseline.yaml --replications 20 --threads "$threads" \
      -o "$tmp/baseline.h5" --quiet
    read -r seconds kb < "$tmp/time"
    echo "$seconds" >> "$tmp/wall"
    echo "$kb" >> "$tmp/mem"
  done
  wall[$threads]=$(median < "$tmp/wall")
  memory[$threads]=$(( $(median < "$tmp/mem" | cut -d. -f1) / 1024 ))
  all_runs[$threads]=$(tr '\n' ' ' < "$tmp/wall")
done
file_size=$(du -m "$tmp/baseline.h5" | cut -f1)
# The same at 2 threads without the municipality level: what writing the largest group costs.
: > "$tmp/wall"
for ((i = 0; i < runs; i++)); do
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$krapte" run scenarios/baseline.yaml --replications 20 --threads 2 \
    -o "$tmp/national.h5" --quiet --set output.municipality_level=false
  read -r seconds kb < "$tmp/time"
  echo "$seconds" >> "$tmp/wall"
done
wall_no_municipality=$(median < "$tmp/wall")
"$bench" --benchmark_repetitions=5 --benchmark_enable_random_interleaving=true --benchmark_report_aggregates_only=true --benchmark_format=console \
  --benchmark_counters_tabular=true --benchmark_out="$tmp/gbench.json" --benchmark_out_format=json 2> /dev/null \
  | grep -E "median|Benchmark|^---" > "$tmp/gbench" || true
# Ratios to the floor (bench_floor.cpp), all from the medians of this one benchmark run.
/usr/bin/python3 - "$tmp/gbench.json" > "$tmp/ratios" <<'PY'
import json, sys
runs = {b["run_name"]: b for b in json.load(open(sys.argv[1]))["benchmarks"] if b.get("aggregate_name") == "median"}
def per_step(name): return runs[name]["time_per_agent_step"] * 1e9 if name in runs else float("nan")
floor, scalar = per_step("BM_Floor/190000/real_time"), per_step("BM_FloorScalarDraw/190000/real_time")
print("| benchmark | ns per agent-step (median) | ratio to BM_Floor/190000 | ratio to BM_FloorScalarDraw/190000 |")
print("|---|---|---|---|")
for name in ["BM_Floor/190000/real_time", "BM_Floor/10000000/real_time", "BM_FloorScalarDraw/190000/real_time",
             "BM_FloorScalarDraw/10000000/real_time", "BM_MonthStep/1/real_time", "BM_MonthStep/2/real_time",
             "BM_Replication/1/real_time", "BM_Replication/2/real_time"]:
    if name in runs:
        print(f"| {name.replace('/real_time', '')} | {per_step(name):.2f} | {per_step(name) / floor:.2f} | {per_step(name) / scalar:.2f} |")
if "BM_EncodeReplication/real_time" in runs and "BM_Replication/1/real_time" in runs:
    encode, replication = runs["BM_EncodeReplication/real_time"]["real_time"], runs["BM_Replication/1/real_time"]["real_time"]
    print()
    print(f"Output work per replication (BM_EncodeReplication: derive the levels, int32 counts, shuffle, deflate; "
          f"{runs['BM_EncodeReplication/real_time']['encoded_bytes'] / 1e6:.1f} MB encoded): {encode:.0f} ms, against "
          f"{replication:.0f} ms for the replication itself (BM_Replication/1): {100 * encode / (encode + replication):.0f}% "
          f"of the work per replication.")
PY

cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
{
  echo "<!-- begin: bench/time_baseline.sh -->"
  echo "Written by \`bench/time_baseline.sh\` on $(date -u +%Y-%m-%d) at commit $(git rev-parse --short HEAD)."
  echo "Machine: ${cpu:-unknown CPU}, $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr)."
  echo "The machine is shared and noisy: figures are medians of $runs runs; compare ratios, not single numbers."
  echo
  echo "## Whole run: \`krapte run scenarios/baseline.yaml --replications 20\`"
  echo
  echo "342 municipalities, ~189,500 agents, 84 months, 20 replications, municipality level written (output file ${file_size} MB)."
  echo
  echo "| threads | median wall time (s) | all runs (s) | peak memory (MiB) |"
  echo "|---|---|---|---|"
  for threads in 1 2; do echo "| $threads | ${wall[$threads]} | ${all_runs[$threads]}| ${memory[$threads]} |"; done
  echo
  awk -v a="${wall[1]}" -v b="${wall[2]}" 'BEGIN {printf "Speed-up 1 -> 2 threads: %.2fx (parallel efficiency %.0f%%). Targets: issue #2 under 10 s on 2 cores; issue #10 at least 1.9x.\n", a/b, 50*a/b}'
  echo
  echo "Without the municipality level (\`--set output.municipality_level=false\`), 2 threads: median ${wall_no_municipality} s."
  awk -v a="${wall[2]}" -v b="$wall_no_municipality" 'BEGIN {printf "The difference, %.0f%% of the wall time, is deriving, compressing and writing 20 x 19 municipality datasets.\n", 100*(a-b)/a}' 
  echo
  echo "## Google Benchmark: \`build/release/bench/bench_month_step\` (medians of 5 repetitions, randomly interleaved)"
  echo
  echo "BM_MonthStep/N: one month step of the national baseline population on N threads."
  echo "BM_Replication/N: one whole replication (84 steps, recording included, no file output)."
  echo
  echo "BM_Floor/N, BM_FloorScalarDraw/N: the floor of issue 10 (bench/bench_floor.cpp) for N agents: one exit draw"
  echo "(vectorised block draws as krapte makes them / one Random123 call per agent), ageing, exit-table lookup, a"
  echo "compare, compaction. BM_EncodeReplication: deriving and encoding one replication's run-file chunks, 1 thread."
  echo
  echo '```'
  cat "$tmp/gbench"
  echo '```'
  echo
  cat "$tmp/ratios"
  echo "<!-- end: bench/time_baseline.sh -->"
} > "$section"

# Replace this script's section in place (or put it first), keep everything else.
/usr/bin/python3 - "$out" "$section" <<'PY'
import pathlib, sys
out, section = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]).read_text()
begin, end = "<!-- begin: bench/time_baseline.sh -->", "<!-- end: bench/time_baseline.sh -->"
text = out.read_text() if out.exists() else ""
if begin in text and end in text:
    text = text[:text.index(begin)] + section.rstrip("\n") + text[text.index(end) + len(end):]
else:
    body = text.split("\n", 1)[1] if text.startswith("# Benchmarks") else text
    text = "# Benchmarks\n\n" + section + "\n" + body.lstrip("\n")
out.write_text(text)
PY
cat "$section"

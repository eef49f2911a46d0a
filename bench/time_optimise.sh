#!/usr/bin/env bash
# Timings of `krapte optimise` (issue 12, docs/optimise.md), printed as Markdown for the
# "costs and optimise" section of results/BENCHMARKS.md:
#  A. evaluations per second on the national projection: bench/bench_optimise's
#     BM_OptimiseEvaluation (close-the-gap's start point: load, prepare, project, costs,
#     constraints) at 1 and 2 threads, median of REPS repetitions of 3 iterations;
#  B. time to a verified optimum: optimise/close-the-gap.yaml as shipped (80 evaluations at
#     most, 2 candidates x 5 agent replications), RUNS runs, each in a fresh folder (no journal);
#  C. scaling with the number of variables: bench/optimise-scaling.yaml (tests/data/tiny, eight
#     levers) with its first 1, 2, 4 and 8 variables, RUNS runs each: evaluations to convergence,
#     search time, evaluations per second.
# Medians over runs; the load average before and after each part. Both national parts take
# many minutes (about 5-20 s per national evaluation, depending on the load).
# Usage: bench/time_optimise.sh [A] [B] [C]   (default: all; after a release build with benchmarks)
#        RUNS=3 REPS=3 KRAPTE=build/release/engine/krapte BENCH=build/release/bench/bench_optimise KEEP=folder
set -euo pipefail
cd "$(dirname "$0")/.."
krapte=${KRAPTE:-build/release/engine/krapte}
bench=${BENCH:-build/release/bench/bench_optimise}
runs=${RUNS:-3}
reps=${REPS:-3}
parts=${*:-A B C}
[ -x "$krapte" ] || { echo "build the release preset first" >&2; exit 2; }
if [ -n "${KEEP:-}" ]; then  # KEEP=folder: the per-run figures (b.txt, c.txt, ...) stay there
  tmp=$KEEP
  mkdir -p "$tmp"
else
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
fi
load() { cut -d' ' -f1-3 /proc/loadavg; }
median() { sort -g | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

echo "Machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB;" \
     "commit $(git rev-parse --short HEAD); $(date -u +%Y-%m-%d); runs per figure: $runs."
echo

if [[ $parts == *A* ]]; then
  [ -x "$bench" ] || { echo "build bench_optimise first (cmake --build --preset release --target bench_optimise)" >&2; exit 2; }
  before=$(load)
  "$bench" --benchmark_filter=BM_OptimiseEvaluation --benchmark_repetitions="$reps" --benchmark_format=csv 2> /dev/null > "$tmp/a.csv"
  echo "**A. One national projection evaluation** (\`bench_optimise\`, BM_OptimiseEvaluation, median of $reps repetitions of 3; load average before $before, after $(load)):"
  echo
  echo "| threads | real time per evaluation (s) | CPU time (s) | evaluations/s |"
  echo "|---|---|---|---|"
  for t in 1 2; do
    awk -F, -v t="$t" '$1 == "\"BM_OptimiseEvaluation/" t "/iterations:3/real_time_median\"" {printf "| %s | %.2f | %.2f | %.3f |\n", t, $3 / 1000, $4 / 1000, 1000 / $3}' "$tmp/a.csv"
  done
  echo
fi

# One optimise run in a fresh folder: prints "evaluations search_seconds total_seconds".
optimise_once() {
  local file=$1 dir
  dir=$(mktemp -d -p "$tmp")
  "$krapte" optimise "$file" -o "$dir/package.yaml" --quiet > "$dir/out.txt"
  local evaluations search total
  evaluations=$(sed -n 's/^search: \([0-9]*\) evaluations in \([0-9.]*\) s.*/\1/p' "$dir/out.txt")
  search=$(sed -n 's/^search: \([0-9]*\) evaluations in \([0-9.]*\) s.*/\2/p' "$dir/out.txt")
  total=$(sed -n 's/^chosen: .*(\([0-9.]*\) s in all)$/\1/p' "$dir/out.txt")
  echo "$evaluations $search ${total:-nan}"
  cp "$dir/out.txt" "$tmp/last-$(basename "$file").txt"
  rm -rf "$dir"
}

if [[ $parts == *B* ]]; then
  before=$(load)
  : > "$tmp/b.txt"
  for ((r = 0; r < runs; ++r)); do optimise_once optimise/close-the-gap.yaml >> "$tmp/b.txt"; done
  echo "**B. Time to a verified optimum**, \`krapte optimise optimise/close-the-gap.yaml\` as shipped (6 variables, 35 regional constraints, 2 threads; load average before $before, after $(load)):"
  echo
  echo "| runs | evaluations (median) | search (s, median) | to the verified package (s, median) | each run: evaluations / search s / total s |"
  echo "|---|---|---|---|---|"
  echo "| $runs | $(cut -d' ' -f1 "$tmp/b.txt" | median) | $(cut -d' ' -f2 "$tmp/b.txt" | median) | $(cut -d' ' -f3 "$tmp/b.txt" | median) | $(paste -sd';' "$tmp/b.txt" | sed 's/ / \/ /g; s/;/; /g') |"
  echo
  echo "The last run's result: $(grep -E '^(search|chosen):' "$tmp/last-close-the-gap.yaml.txt" | tr '\n' ' ')"
  echo
fi

if [[ $parts == *C* ]]; then
  before=$(load)
  echo "**C. Scaling with the number of variables** (\`bench/optimise-scaling.yaml\`, tests/data/tiny, COBYLA, the first k variables; load average before $before):"
  echo
  echo "| variables | evaluations (median) | search time (s, median) | evaluations/s (median) |"
  echo "|---|---|---|---|"
  for k in 1 2 4 8; do
    /usr/bin/python3 - bench/optimise-scaling.yaml "$tmp/scaling-$k.yaml" "$k" <<'PY'
import sys
# Keeps the first k entries of variables: and of search.start (the file's own layout: one
# variable per line, start as one flow list), so the rest of the file is kept as written.
source, target, k = sys.argv[1], sys.argv[2], int(sys.argv[3])
out, in_variables, kept = [], False, 0
for line in open(source):
    if line.startswith("variables:"):
        in_variables = True
    elif in_variables and line.startswith("  - "):
        kept += 1
        if kept > k:
            continue
    elif in_variables and not line.startswith("  "):
        in_variables = False
    if line.strip().startswith("start: ["):
        values = line.split("[", 1)[1].split("]", 1)[0].split(",")
        line = line.split("[", 1)[0] + "[" + ", ".join(v.strip() for v in values[:k]) + "]\n"
    if line.startswith("scenario: ../"):
        line = "scenario: " + __import__("os").path.abspath("tests/data/tiny/tiny-costs.yaml") + "\n"
    out.append(line)
open(target, "w").write("".join(out))
PY
    : > "$tmp/c-$k.txt"
    for ((r = 0; r < runs; ++r)); do optimise_once "$tmp/scaling-$k.yaml" >> "$tmp/c-$k.txt"; done
    awk '{printf "%.2f\n", $1 / $2}' "$tmp/c-$k.txt" > "$tmp/rate.txt"
    echo "| $k | $(cut -d' ' -f1 "$tmp/c-$k.txt" | median) | $(cut -d' ' -f2 "$tmp/c-$k.txt" | median) | $(median < "$tmp/rate.txt") |"
  done
  echo
  echo "Load average after: $(load)."
fi

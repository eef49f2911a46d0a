#!/usr/bin/env bash
# The README's first command: install what is missing, build (release), run the baseline
# scenario (20 replications) and print its summary.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
cmake --preset release > /dev/null
cmake --build --preset release -j "$(nproc)"
mkdir -p results
build/release/engine/krapte run scenarios/baseline.yaml -o results/baseline.h5 --replications 20
build/release/engine/krapte summary results/baseline.h5

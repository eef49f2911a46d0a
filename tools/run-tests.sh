#!/usr/bin/env bash
# The README's second command (and what .ci/run runs): install what is missing, build with
# the ci preset (optimised, invariant checks on), run every test with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
cmake --preset ci > /dev/null
cmake --build --preset ci -j "$(nproc)"
ctest --preset ci -j "$(nproc)"

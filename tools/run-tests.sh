#!/usr/bin/env bash
# The README's second command (and what .ci/run runs): install what is missing, build with
# the ci preset (optimised, invariant checks on), run every test with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
cmake --preset ci > /dev/null
cmake --build --preset ci -j "$(nproc)"
ctest --preset ci -j "$(nproc)"

# Sanitizers and fuzzing (issue 14, README "Reliability"): with KRAPTE_CI_SANITIZERS=1, an
# asan build (ASan+UBSan, any report fails) runs the unit, property and system tests, a tsan
# build the determinism and sweep tests, and the fuzz preset (clang-14, libFuzzer) each fuzz
# target for KRAPTE_FUZZ_SECONDS (default 20). Only the targets those tests need are built.
# Off by default until its time on a clean 2-core clone is measured within the CI budget.
if [ "${KRAPTE_CI_SANITIZERS:-0}" = 1 ]; then
  jobs="$(nproc)"
  export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1" UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
  export LSAN_OPTIONS="suppressions=$PWD/tools/lsan.supp" TSAN_OPTIONS="halt_on_error=1"
  cmake --preset asan > /dev/null
  cmake --build --preset asan -j "$jobs" --target krapte test_core test_scenario test_population test_processes \
    test_output test_property test_levers test_system test_sweep_spec test_sweep_cli
  ctest --preset asan -j "$jobs" -L 'unit|property|system' -E 'report|Report|golden'
  cmake --preset tsan > /dev/null
  cmake --build --preset tsan -j "$jobs" --target test_determinism test_sweep_file
  ctest --test-dir build/tsan -j "$jobs" -L determinism
  cmake --preset fuzz -DKRAPTE_FUZZ_SECONDS="${KRAPTE_FUZZ_SECONDS:-20}" > /dev/null
  cmake --build --preset fuzz -j "$jobs"
  ctest --preset fuzz -L fuzz
fi

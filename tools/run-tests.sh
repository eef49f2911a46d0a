#!/usr/bin/env bash
# The README's second command (and what .ci/run runs): install what is missing, build with
# the ci preset (optimised, invariant checks on), run every test with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
cmake --preset ci > /dev/null
cmake --build --preset ci -j "$(nproc)"
ctest --preset ci -j "$(nproc)"

# Sanitizers and fuzzing (issue 14, README "Reliability"), on unless KRAPTE_CI_SANITIZERS=0.
# One clang-14 build (the asan preset: ASan with leak detection + UBSan, no recovery, -O1,
# objects also instrumented for libFuzzer) serves both stages, so CI compiles the engine
# twice, not three times. Under it run the unit, property and system tests but:
#  - the regression label (golden runs, agents-vs-projection agreement), the install, package
#    and browser tests: the same code paths as other tests, at many times their cost;
#  - the projection's and optimiser's longest tests and the sweep kill trials (each over a
#    minute under ASan on 2 cores; together 2,100 of the 3,300 test-seconds of a full ASan
#    run, measured at load 7-10; listed below).
# Then every fuzz target for KRAPTE_FUZZ_SECONDS (default 30) with its seed corpus and its
# earlier findings. Any report fails CI (halt_on_error, abort_on_error). The tsan preset
# (determinism and sweep tests) runs only with KRAPTE_CI_TSAN=1: Debian's libtbb is not built
# with ThreadSanitizer, so TSan does not see oneTBB's own synchronisation and reports its task
# hand-offs as races (results/FUZZING.md). Times: results/FUZZING.md, "Sanitizers in CI".
if [ "${KRAPTE_CI_SANITIZERS:-1}" != 0 ]; then
  jobs="$(nproc)"
  export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1" UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
  export LSAN_OPTIONS="suppressions=$PWD/tools/lsan.supp" TSAN_OPTIONS="halt_on_error=1"
  cmake --preset asan -DKRAPTE_FUZZ_SECONDS="${KRAPTE_FUZZ_SECONDS:-30}" > /dev/null
  cmake --build --preset asan -j "$jobs"
  not_under_asan='^(report_browser|install_and_run|deb_package|python_engine)$'
  not_under_asan+='|^(LeverFirstMonth|SweepKillTrials)\.|^SweepCli\.Sigterm|^OptimiseCli\.(FindsTheOptimum|Front)'
  not_under_asan+='|^ProjectionLevers\.KeepTheStockFlow|^Projection\.(KeepsTheStockFlow|WithoutFeedbacksItEquals)|^Costs\.TotalIsSumOfParts'
  ctest --preset asan -j "$jobs" -L 'unit|property|system' -E "$not_under_asan"
  ctest --preset fuzz -j "$jobs"
  if [ "${KRAPTE_CI_TSAN:-0}" = 1 ]; then
    cmake --preset tsan > /dev/null
    cmake --build --preset tsan -j "$jobs" --target test_determinism test_sweep_file
    ctest --test-dir build/tsan -j "$jobs" -L determinism
  fi
fi

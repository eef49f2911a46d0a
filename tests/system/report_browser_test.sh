#!/usr/bin/env bash
# ctest `report_browser`: the page of `krapte report` in headless Chromium, with the network
# refused (report_browser.cjs). Two short baseline runs with the real 342 municipalities (so
# that the maps are shaded): a report of one file, and of both (overlay and differences).
# Screenshots: results/report_screenshot.png and results/report_compare_screenshot.png.
# Exit 77 (ctest SKIP) with a message when Chromium is not installed; never a silent pass.
#
#   report_browser_test.sh KRAPTE_BINARY SOURCE_DIR
set -euo pipefail
krapte=$1
source_dir=$2
chromium=${KRAPTE_CHROMIUM:-/usr/bin/chromium}
modules="$source_dir/tools/report/node_modules"

if [ ! -x "$chromium" ]; then
  echo "SKIPPED: $chromium is not installed (Debian package chromium; tools/install-deps.sh installs it)"
  exit 77
fi
command -v node > /dev/null || { echo "FAILED: node is not installed (tools/install-deps.sh installs it)"; exit 1; }
[ -d "$modules/playwright-core" ] || { echo "FAILED: $modules/playwright-core is missing: run tools/install-deps.sh (npm ci)"; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/krapte_report_browser.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$source_dir/results"

# 3 replications of 2024-01..2026-12: about a second each on 2 cores.
"$krapte" run "$source_dir/scenarios/baseline.yaml" -o "$work/baseline.h5" --replications 3 --set end=2026-12 --quiet
"$krapte" run "$source_dir/scenarios/baseline.yaml" -o "$work/collective.h5" --replications 3 --set end=2026-12 \
  --set recruitment.mode=collective --quiet
"$krapte" report "$work/baseline.h5" -o "$work/baseline.html" --quiet
"$krapte" report "$work/baseline.h5" "$work/collective.h5" -o "$work/compare.html" --quiet

status=0
echo "== one file"
node "$source_dir/tests/system/report_browser.cjs" "$work/baseline.html" "$source_dir/results/report_screenshot.png" \
  "$modules" || status=$?
if [ "$status" -eq 0 ]; then
  echo "== two files"
  node "$source_dir/tests/system/report_browser.cjs" "$work/compare.html" \
    "$source_dir/results/report_compare_screenshot.png" "$modules" --scenarios 2 || status=$?
fi
exit "$status"

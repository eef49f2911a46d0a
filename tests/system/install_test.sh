#!/usr/bin/env bash
# Issue 15: `cmake --install` into a temporary prefix, then run, summary and report with the
# installed krapte and its share/krapte/ only: the source and build trees are hidden behind
# empty folders (a private mount namespace, unshare), the environment is emptied and the
# working folder is a fresh one. Without unshare (no user namespaces) the trees stay visible
# and the test says so; the installed binary must then still hold no path into them.
# Usage: install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd) source=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"
cmake --install "$build" --prefix "$prefix" > "$work/install.log"
for f in bin/krapte share/krapte/scenarios/baseline.yaml share/krapte/scenarios/data/municipalities.csv \
         share/krapte/docs/model.md share/krapte/report/report.js share/krapte/README.md \
         share/krapte/report/node_modules/vega/build/vega.min.js share/krapte/report/node_modules/vega/LICENSE \
         share/krapte/report/node_modules/vega-lite/LICENSE share/krapte/report/node_modules/vega-embed/LICENSE; do
  [ -e "$prefix/$f" ] || { echo "install_test: $f was not installed" >&2; exit 1; }
done
if grep -q -F "$source/tools" "$prefix/bin/krapte" || grep -q -F "$source/scenarios" "$prefix/bin/krapte"; then
  echo "install_test: the installed krapte names a folder of the source tree:" >&2
  grep -a -o -F "$source/"'[^[:cntrl:]]*' "$prefix/bin/krapte" | head -3 >&2 || true
  exit 1
fi
mkdir "$work/analyst"
cat > "$work/steps.sh" <<STEPS
set -euo pipefail
cd "$work/analyst"
k="$prefix/bin/krapte"
"\$k" --version
"\$k" run "$prefix/share/krapte/scenarios/baseline.yaml" --set end=2024-03 --replications 2 --quiet -o base.h5
"\$k" summary base.h5 > summary.txt
grep -q "vacancy" summary.txt
"\$k" report base.h5 -o page.html
grep -q "vega-lite" page.html
grep -q "gemeente_2024" page.html
[ -s page.html ]
if [ -d "$source/tools" ] || [ -d "$build/engine" ]; then echo "trees visible"; else echo "trees hidden"; fi
STEPS
if unshare --user --map-root-user --mount true 2> /dev/null; then
  # The build tree may lie inside the source tree: hide the source tree last.
  out=$(env -i PATH=/usr/bin:/bin unshare --user --map-root-user --mount \
          sh -c "mount -t tmpfs none '$build' && mount -t tmpfs none '$source' && bash '$work/steps.sh'")
  echo "$out"
  echo "$out" | grep -q "trees hidden" || { echo "install_test: the source tree was not hidden" >&2; exit 1; }
else
  echo "install_test: unshare is not allowed here; running with the trees visible"
  env -i PATH=/usr/bin:/bin bash "$work/steps.sh"
fi
echo "install_test: PASS"

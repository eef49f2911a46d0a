#!/usr/bin/env bash
# Issue 15: `cpack -G DEB` builds a Debian package with bin/krapte, the scenarios and the
# report libraries' licences under /usr, and Depends filled in by dpkg-shlibdeps.
# Usage: deb_test.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$build" && cpack -G DEB -B "$work" > "$work/cpack.log") || { cat "$work/cpack.log" >&2; exit 1; }
deb=$(ls "$work"/krapte_*_*.deb)
dpkg-deb -c "$deb" > "$work/contents"
for f in ./usr/bin/krapte ./usr/share/krapte/scenarios/baseline.yaml ./usr/share/krapte/report/node_modules/vega/LICENSE; do
  grep -q " $f\$" "$work/contents" || { echo "deb_test: $f is not in $(basename "$deb")" >&2; exit 1; }
done
depends=$(dpkg-deb -f "$deb" Depends)
for library in libhdf5 libtbb libyaml-cpp; do
  [[ "$depends" == *"$library"* ]] || { echo "deb_test: Depends lacks $library: $depends" >&2; exit 1; }
done
echo "deb_test: PASS $(basename "$deb") Depends: $depends"

#!/usr/bin/env bash
# Regenerates tests/golden/*.h5 from the current build: the deliberate "new reference" step.
# Run it only when a change is meant to move results; commit the refreshed files in a commit
# of their own that says why, and explain the change in docs/model.md ("Golden files").
# Usage: tools/refresh_golden.sh [NAME ...]   only the named runs of tests/golden/runs.txt (default:
#        all); KRAPTE=path/to/krapte to use another build than build/release/engine/krapte.
#        Refresh only the runs whose golden_<NAME> test fails, so the others keep their commit.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
krapte=${KRAPTE:-$root/build/release/engine/krapte}
wanted=" $* "
[ -x "$krapte" ] || { echo "refresh_golden.sh: error: $krapte is not built (cmake --build --preset release)" >&2; exit 2; }
python=/usr/bin/python3  # Debian's, with h5py and numpy (tools/install-deps.sh)
[ -x "$python" ] || python=python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
grep -vE '^[[:space:]]*(#|$)' "$root/tests/golden/runs.txt" | while IFS='|' read -r name scenario arguments; do
  name=$(echo "$name" | xargs) scenario=$(echo "$scenario" | xargs)
  [ $# -eq 0 ] || [[ "$wanted" == *" $name "* ]] || continue
  read -r -a argv <<< "$arguments"
  "$krapte" run "$root/$scenario" "${argv[@]}" --threads 1 --quiet -o "$work/$name.h5"
  municipality=()
  [ "$name" = tiny ] && municipality=(--municipality)
  "$python" "$root/tools/golden.py" extract "$work/$name.h5" "$root/tests/golden/$name.h5" "${municipality[@]}"
  echo "refresh_golden.sh: tests/golden/$name.h5 ($(du -k "$root/tests/golden/$name.h5" | cut -f1) KiB)"
done

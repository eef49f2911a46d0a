#!/usr/bin/env bash
# Reruns one golden run of tests/golden/runs.txt and requires bit-identical results
# (tools/golden.py compare). Usage: check_golden.sh KRAPTE SOURCE_ROOT NAME [PYTHON3]
set -euo pipefail
krapte=$1 root=$2 name=$3 python=${4:-python3}
line=$(grep -E "^${name}[[:space:]]*\|" "$root/tests/golden/runs.txt") || {
  echo "check_golden.sh: error: no run named '$name' in tests/golden/runs.txt" >&2; exit 2; }
scenario=$(echo "$line" | cut -d'|' -f2 | xargs)
read -r -a arguments <<< "$(echo "$line" | cut -d'|' -f3)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# One thread: the golden values must not depend on it (determinism tests cover the thread count).
"$krapte" run "$root/$scenario" "${arguments[@]}" --threads 1 --quiet -o "$work/run.h5"
"$python" "$root/tools/golden.py" compare "$work/run.h5" "$root/tests/golden/$name.h5"

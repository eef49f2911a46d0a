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
# Where krapte is now, and how to call it as plain `krapte` (docs/install.md).
krapte_dir="$(pwd)/build/release/engine"
cat <<MESSAGE

krapte is $krapte_dir/krapte
To call it as \`krapte\` in this shell:   export PATH="$krapte_dir:\$PATH"
To install it (bin/krapte, share/krapte/ with the scenarios, docs and report page):
  cmake --install build/release --prefix "\$HOME/.local"   # then ~/.local/bin on the PATH
  or: (cd build/release && cpack -G DEB) && sudo apt install ./build/release/krapte_*.deb
MESSAGE

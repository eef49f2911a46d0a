#!/usr/bin/env bash
# Installs what krapte needs from Debian 12's packages, only what is missing.
# Needs root (or sudo) the first time; a no-op once everything is there.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache git
  libtbb-dev libeigen3-dev libyaml-cpp-dev libhdf5-dev hdf5-tools librandom123-dev libcli11-dev
  libgtest-dev libbenchmark-dev libdeflate-dev
  clang-14 libfuzzer-14-dev  # tests/fuzz (issue 14): the fuzz preset
  libnlopt-dev libnlopt-cxx-dev
  libopenmpi-dev openmpi-bin
  python3 python3-h5py python3-numpy python3-yaml python3-matplotlib
  python3-pandas
  python3-xarray python3-h5netcdf  # python/krapte: result files as xarray Datasets (issue 15)
  pybind11-dev python3-dev  # krapte_engine: the Python module over the engine (issue 15, docs/python.md)
)
# krapte report: Node.js and npm for the page's libraries; a node from elsewhere (NodeSource's
# nodejs bundles npm) is kept.
command -v npm > /dev/null || packages+=(nodejs npm)

# krapte report: Chromium for the browser test (optional: without it that test is skipped),
# then Vega, Vega-Lite, vega-embed and playwright-core into tools/report/node_modules,
# exactly as package-lock.json says (npm ci), again only when the lock file changed.
install_report_extras() {
  if ! dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q "install ok installed"; then
    echo "install-deps: installing chromium"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium ||
      { "${sudo[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium; } ||
      echo "install-deps: chromium could not be installed; the browser test of krapte report will be skipped"
  fi
  local report_dir
  report_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/report"
  if ! cmp -s "$report_dir/package-lock.json" "$report_dir/node_modules/.krapte-package-lock.json"; then
    echo "install-deps: npm ci in tools/report"
    (cd "$report_dir" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$report_dir/package-lock.json" "$report_dir/node_modules/.krapte-package-lock.json"
  fi
}

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: everything is installed"
  install_report_extras
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
install_report_extras

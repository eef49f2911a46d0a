#!/usr/bin/env bash
# Installs what krapte needs from Debian 12's packages, only what is missing.
# Needs root (or sudo) the first time; a no-op once everything is there.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache git
  libtbb-dev libeigen3-dev libyaml-cpp-dev libhdf5-dev hdf5-tools librandom123-dev libcli11-dev
  libgtest-dev libbenchmark-dev libdeflate-dev
  python3 python3-h5py python3-numpy python3-yaml python3-matplotlib
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: everything is installed"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"

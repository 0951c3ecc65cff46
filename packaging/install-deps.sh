#!/usr/bin/env bash
# Installs every Debian 12 package Slipway needs to build, run and test.
# Idempotent: packages already present are skipped, `apt-get update` runs at most once.
set -euo pipefail

packages=(
  # build
  cmake ninja-build g++ pkg-config git clang-format ccache
  qt6-base-dev qt6-base-dev-tools qt6-svg-dev libqt6svg6 qt6-tools-dev-tools
  libyaml-cpp-dev libarchive-dev qtkeychain-qt6-dev libhttp-parser-dev
  libbenchmark-dev
  libprotobuf-dev protobuf-compiler libnghttp2-dev
  # fuzzing (libFuzzer ships with clang; the fuzz preset uses clang 16, see CMakePresets.json)
  clang-14 libclang-rt-14-dev libfuzzer-14-dev
  clang-16 libclang-rt-16-dev libfuzzer-16-dev
  # GUI at run time and for screenshots
  xvfb xauth imagemagick fonts-dejavu-core libxcb-cursor0 qt6-qpa-plugins qt6-wayland
  # test services
  docker.io docker-registry busybox-static debootstrap iproute2 curl ca-certificates util-linux
  dbus dbus-x11 gnome-keyring libsecret-tools
  python3 python3-jwt python3-cryptography apache2-utils openssl
  # benchmarks (tests/bench): /usr/bin/time for peak memory
  time
  skopeo # tests/bench/pull-check: the baseline registry client
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"

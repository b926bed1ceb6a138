#!/usr/bin/env bash
# The two commands of the README, for a fresh Debian 12 machine (run as root, or with sudo).
#   scripts/agrodesk.sh run    install packages, build, launch the desktop app on the demo
#   scripts/agrodesk.sh test   install packages, build with warnings as errors, run every test
#                              (also under AddressSanitizer + UBSan)
# Both are idempotent and need no terminal.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake ninja-build g++ dpkg-dev pkg-config
  qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-tools-dev qt6-l10n-tools
  qcoro-qt6-dev libeigen3-dev libsqlite3-dev libxlsxwriter-dev qt6-pdf-dev poppler-utils
  zlib1g-dev qt6-httpserver-dev qt6-websockets-dev libssl-dev qtkeychain-qt6-dev
  libqt6sql6-psql postgresql
  fonts-dejavu-core xvfb xauth
)

install_packages() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    echo "==> installing: ${missing[*]}"
    local sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
  fi
}

case "${1:-}" in
  run)
    install_packages
    cmake --preset release
    cmake --build --preset release
    if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
      exec build/release/app/agrodesk --demo
    fi
    echo "==> no display: running under Xvfb and saving a screenshot instead"
    xvfb-run -a -s "-screen 0 1400x900x24" build/release/app/agrodesk --demo \
      --screenshot build/agrodesk-demo.png
    echo "==> screenshot: build/agrodesk-demo.png"
    ;;
  test)
    install_packages
    cmake --preset ci
    cmake --build --preset ci
    ctest --preset ci
    cmake --preset asan
    cmake --build --preset asan
    ctest --preset asan
    ;;
  *)
    echo "usage: $0 run|test" >&2
    exit 2
    ;;
esac

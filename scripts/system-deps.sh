#!/usr/bin/env bash
# Make sure the system libraries Qt needs are present.
#   system-deps.sh test   what the offscreen test suite needs
#   system-deps.sh run    that, plus what a window on X11 (xcb) needs
# Installs what is missing when run as root with apt-get; otherwise prints the
# exact command to run, and fails.
set -euo pipefail

offscreen=(libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core minisign)
window=(libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
        libxcb-render-util0 libxcb-image0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1)

wanted=("${offscreen[@]}")
[ "${1:-test}" = run ] && wanted+=("${window[@]}")

command -v dpkg-query >/dev/null || exit 0   # not Debian-like: nothing we can check
missing=()
for package in "${wanted[@]}"; do
    # A package may have another name on a newer release (t64); accept any installed match.
    status=$(dpkg-query -W -f='${Status}\n' "$package" "${package}t64" 2>/dev/null || true)
    if ! grep -q "ok installed" <<<"$status"; then
        missing+=("$package")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing system libraries for Qt: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
    echo "Qt needs these system libraries. Install them, then run make again:" >&2
    echo "    sudo apt-get install ${missing[*]}" >&2
    exit 1
fi

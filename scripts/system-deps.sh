#!/usr/bin/env bash
# Make sure the system packages Drug Guide needs are present (Debian and Ubuntu).
#   system-deps.sh run    Qt's libraries for a window on X11 (xcb)
#   system-deps.sh test   Qt's libraries for the offscreen suite, plus what the frozen build needs
#   system-deps.sh dist   the same as test
# The frozen build needs objdump (binutils), dpkg-deb and the shared library of the Python
# in use; PYTHON names that interpreter (default python3). Installs what is missing when run
# as root with apt-get; otherwise prints the exact command to run, and fails.
set -euo pipefail

mode=${1:-test}
python=${PYTHON:-python3}

offscreen=(libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core minisign)
window=(libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
        libxcb-render-util0 libxcb-image0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1)

command -v dpkg-query >/dev/null || exit 0   # not Debian-like: nothing we can check
missing=()

need_package() {
    # A package may have another name on a newer release (t64); accept any installed match.
    local status
    status=$(dpkg-query -W -f='${Status}\n' "$1" "${1}t64" 2>/dev/null || true)
    grep -q "ok installed" <<<"$status" || missing+=("$1")
}

need_command() {  # command, the package that provides it
    command -v "$1" >/dev/null || missing+=("$2")
}

# PyInstaller bundles the interpreter's shared library, found by its soname in the
# interpreter's own folders or the linker's cache. Prints the package that provides it when
# it is missing; fails when no package can (a Python built without --enable-shared).
python_library_package() {
    "$python" - <<'EOF'
import subprocess
import sys
import sysconfig
from pathlib import Path

version = f"{sys.version_info.major}.{sys.version_info.minor}"
if not sysconfig.get_config_var("Py_ENABLE_SHARED"):
    soname = f"libpython{version}.so.1.0"  # PyInstaller looks only beside such a build
    folders = [Path(sys.base_prefix), Path(sys.base_prefix) / "lib"]
    if not any((folder / soname).exists() for folder in folders):
        sys.exit(f"{sys.executable} was built without a shared library, which the frozen "
                 "build needs: rebuild it with --enable-shared, or remove .venv and run make "
                 "with PYTHON=/usr/bin/python3.")
    sys.exit()
soname = sysconfig.get_config_var("INSTSONAME")
folders = [sysconfig.get_config_var("LIBDIR"), sys.base_prefix, f"{sys.base_prefix}/lib"]
if any(folder and (Path(folder) / soname).exists() for folder in folders):
    sys.exit()
for ldconfig in ("ldconfig", "/sbin/ldconfig"):
    try:
        cache = subprocess.run([ldconfig, "-p"], capture_output=True, text=True).stdout
    except FileNotFoundError:
        continue
    if f"{soname} " in cache:
        sys.exit()
print(f"libpython{version}")
EOF
}

for package in "${offscreen[@]}"; do need_package "$package"; done
case $mode in
    run)
        for package in "${window[@]}"; do need_package "$package"; done ;;
    test | dist)
        need_command objdump binutils
        need_command dpkg-deb dpkg
        library=$(python_library_package)
        [ -z "$library" ] || missing+=("$library") ;;
    *)
        echo "usage: $0 run|test|dist" >&2
        exit 2 ;;
esac
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing system packages for make $mode: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
    echo "make $mode needs these system packages. Install them, then run make again:" >&2
    echo "    sudo apt-get install ${missing[*]}" >&2
    exit 1
fi

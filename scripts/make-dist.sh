#!/usr/bin/env bash
# Build the frozen app and its Linux packages into dist/:
#   dist/drug-guide/                     one-folder bundle (PyInstaller, build.spec)
#   dist/drug-guide-VERSION-linux-ARCH.tar.gz
#   dist/drug-guide_VERSION_ARCH.deb     installs to /opt/drug-guide, /usr/bin/drug-guide,
#                                        with a desktop entry and icon
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}

version=$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
arch=$(dpkg --print-architecture 2>/dev/null || uname -m)

"$PYTHON" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller build.spec

tar -C dist -czf "dist/drug-guide-$version-linux-$arch.tar.gz" drug-guide

root=$(mktemp -d)
chmod 755 "$root"  # the package root becomes /; keep its usual mode
trap 'rm -rf "$root"' EXIT
install -d "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
    "$root/usr/share/icons/hicolor/256x256/apps" "$root/usr/share/icons/hicolor/scalable/apps"
cp -a dist/drug-guide "$root/opt/drug-guide"
ln -s /opt/drug-guide/drug-guide "$root/usr/bin/drug-guide"
install -m 644 packaging/drug-guide.desktop "$root/usr/share/applications/drug-guide.desktop"
install -m 644 resources/icons/app.png "$root/usr/share/icons/hicolor/256x256/apps/drug-guide.png"
install -m 644 resources/icons/app.svg "$root/usr/share/icons/hicolor/scalable/apps/drug-guide.svg"
size=$(du -sk "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" \
    packaging/deb-control > "$root/DEBIAN/control"
install -m 755 packaging/deb-postinst "$root/DEBIAN/postinst"
install -m 755 packaging/deb-postinst "$root/DEBIAN/postrm"
dpkg-deb --root-owner-group -Zxz --build "$root" "dist/drug-guide_${version}_${arch}.deb" >/dev/null
ls -la dist/*.tar.gz dist/*.deb

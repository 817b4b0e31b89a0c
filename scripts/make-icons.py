"""Render resources/icons/app.svg to the formats installers need (PNG, ICO, ICNS).

Run after changing app.svg: `.venv/bin/python scripts/make-icons.py`. The outputs are
committed, so builds need no image tools.
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(ICONS / "app.svg")).render(painter)
    painter.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv)
    for name, size in (("app.png", 256), ("app.ico", 256), ("app.icns", 512)):
        if not render(size).save(str(ICONS / name)):
            print(f"could not write {name}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

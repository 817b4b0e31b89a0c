"""Draw search time against monograph count from a `make bench` JSON line, with QPainter.

    python -m benchmarks.plot REPORT.json docs/search-scaling.png
"""

import json
import math
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen

WIDTH, HEIGHT = 900, 520
LEFT, RIGHT, TOP, BOTTOM = 90, 40, 60, 70
SERIES = (("search_ms_p50", "median", "#1f5f8b"), ("search_ms_p99", "99th percentile", "#b71c1c"))
FRAME_MS = 16.0


def main(argv: list[str]) -> int:
    report = json.loads(Path(argv[0]).read_text().strip().splitlines()[-1])
    counts = sorted(int(c) for c in report["search_ms_p50"])
    top = max(FRAME_MS * 1.25, *(v for key, _, _ in SERIES for v in report[key].values()))
    QGuiApplication(sys.argv[:1])
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    plot = QRectF(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM)

    def x(count: int) -> float:
        span = math.log10(counts[-1]) - math.log10(counts[0]) or 1
        return plot.left() + plot.width() * (math.log10(count) - math.log10(counts[0])) / span

    def y(ms: float) -> float:
        return plot.bottom() - plot.height() * ms / top

    painter.setFont(QFont("DejaVu Sans", 11))
    painter.setPen(QPen(QColor("#444444"), 1))
    painter.drawRect(plot)
    for count in counts:
        painter.drawText(QRectF(x(count) - 40, plot.bottom() + 8, 80, 20),
                         Qt.AlignmentFlag.AlignCenter, f"{count:,}")
    for step in range(0, int(top) + 1, 4):
        painter.drawText(QRectF(0, y(step) - 10, LEFT - 10, 20),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{step} ms")
    painter.setPen(QPen(QColor("#999999"), 1, Qt.PenStyle.DashLine))
    painter.drawLine(QPointF(plot.left(), y(FRAME_MS)), QPointF(plot.right(), y(FRAME_MS)))
    painter.drawText(QPointF(plot.left() + 6, y(FRAME_MS) - 6), "one frame (16 ms)")
    for index, (key, label, color) in enumerate(SERIES):
        painter.setPen(QPen(QColor(color), 3))
        points = [QPointF(x(c), y(report[key][str(c)])) for c in counts]
        painter.drawPolyline(points)
        for point in points:
            painter.drawEllipse(point, 4, 4)
        painter.drawText(QPointF(plot.right() - 220, plot.top() + 24 + 22 * index), label)
    painter.setPen(QColor("#000000"))
    painter.drawText(QRectF(0, 10, WIDTH, 30), Qt.AlignmentFlag.AlignCenter,
                     "Search time per keystroke (query + results model) by monograph count")
    painter.drawText(QRectF(0, HEIGHT - 30, WIDTH, 24), Qt.AlignmentFlag.AlignCenter,
                     "monographs in the database (log scale)")
    painter.end()
    return 0 if image.save(argv[1]) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""How tiers and severities look: always an icon and a word, never colour alone."""

from dataclasses import dataclass
from functools import cache
from html import escape

from PySide6 import QtCore  # QtCore.Qt only when used: its enums take 12 ms to build
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QImage, QPainter
from PySide6.QtWidgets import QHeaderView, QTableView

from desktop.content.schema import NONE, TIER_LABELS, UNLISTED
from desktop.paths import ICONS, RESOURCES

NEGATED = "negated"
# Rich text names the app's icons as `icon:NAME`; nothing else is ever loaded.
ICON_SCHEME = "icon"
SOURCE_SCHEME = "source"  # links in documents: source markers, never followed
# Text on a tinted row stays dark in every theme, for contrast.
TINT_TEXT = "#1b1f24"


@dataclass(frozen=True)
class Badge:
    """The icon, word and colours for one tier or severity."""

    icon: str
    word: str
    background: str
    foreground: str
    tint: str = "#f3f4f6"


BADGES: dict[str, Badge] = {
    "emergency": Badge("emergency", TIER_LABELS["emergency"], "#b71c1c", "#ffffff", "#fde4e2"),
    "contact_doctor": Badge("contact_doctor", TIER_LABELS["contact_doctor"], "#f6b23c",
                            "#1f1300", "#fff0d4"),
    "common": Badge("common", TIER_LABELS["common"], "#dcefe3", "#0f3d23", "#e4f3ea"),
    UNLISTED: Badge("unlisted", "Not listed", "#dde6f3", "#13243d", "#e6edf7"),
    NEGATED: Badge("negated", "Denied", "#e5e7eb", "#1f2937", "#eceef1"),
    NONE: Badge("unlisted", "Nothing entered", "#eef1f5", "#1f2937"),
    "major": Badge("emergency", "Major", "#b71c1c", "#ffffff"),
    "moderate": Badge("contact_doctor", "Moderate", "#f6b23c", "#1f1300"),
    "avoid": Badge("negated", "Avoid", "#4b5563", "#ffffff"),
}


@cache
def icon_image(name: str, size: int = 48) -> QImage:
    """An icon from resources/icons rendered at `size` pixels."""
    from PySide6.QtSvg import QSvgRenderer  # only once a badge is drawn, not at start-up

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QtCore.Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(ICONS / f"{name}.svg")).render(painter)
    painter.end()
    return image


@cache
def icon(name: str) -> QIcon:
    result = QIcon()
    result.addFile(str(ICONS / f"{name}.svg"), QSize(48, 48))
    return result


def badge_html(key: str, size: int) -> str:
    """A tier's or severity's icon and word, as rich text."""
    badge = BADGES[key]
    return (f"<img src='{ICON_SCHEME}:{badge.icon}' width='{size}' height='{size}'> "
            f"<b>{escape(badge.word)}</b>")


def badge_color(key: str) -> QColor:
    return QColor(BADGES[key].background)


def stylesheet() -> str:
    sheet = (RESOURCES / "styles" / "app.qss").read_text(encoding="utf-8")
    return sheet.replace("@ICONS@", ICONS.as_posix())  # url() needs a real path


def fit_columns(table: QTableView, stretch: tuple[int, ...]) -> None:
    """Size columns to their contents, share spare width among `stretch`, and grow rows
    to fit wrapped text."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

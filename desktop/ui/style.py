"""How tiers and severities look: always an icon and a word, never colour alone."""

from functools import cache
from typing import NamedTuple

from PySide6 import QtCore  # QtCore.Qt only when used: its enums take 12 ms to build
from PySide6.QtCore import QSize
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QGuiApplication,
    QIcon,
    QImage,
    QPainter,
    QPalette,
)
from PySide6.QtWidgets import QHeaderView, QTableView

from desktop.content.schema import NONE, PARTLY_UNDERSTOOD, TIER_LABELS, UNLISTED
from desktop.paths import ICONS, RESOURCES

NEGATED = "negated"
HISTORY = "history"
# Rich text names the app's icons as `icon:NAME`; nothing else is ever loaded.
ICON_SCHEME = "icon"
SOURCE_SCHEME = "source"  # links in documents: source markers, never followed
# Text on a tinted row: dark on the light theme's pastel, light on the dark theme's tint.
TINT_TEXT = "#1b1f24"
DARK_TINT_TEXT = "#eceff3"


class Badge(NamedTuple):
    """The icon, word and colours for one tier or severity."""

    icon: str
    word: str
    background: str
    foreground: str
    tint: str = "#f3f4f6"  # a result card's background in the light theme
    dark_tint: str = "#2a2f36"  # and in the dark theme


BADGES: dict[str, Badge] = {
    "emergency": Badge("emergency", TIER_LABELS["emergency"], "#b71c1c", "#ffffff", "#fde4e2",
                       "#4a1c1c"),
    "contact_doctor": Badge("contact_doctor", TIER_LABELS["contact_doctor"], "#f6b23c",
                            "#1f1300", "#fff0d4", "#47361a"),
    "common": Badge("common", TIER_LABELS["common"], "#dcefe3", "#0f3d23", "#e4f3ea",
                    "#1d3a2a"),
    UNLISTED: Badge("unlisted", "Not listed", "#dde6f3", "#13243d", "#e6edf7", "#1f2c40"),
    NEGATED: Badge("negated", "Denied", "#e5e7eb", "#1f2937", "#eceef1", "#30343a"),
    HISTORY: Badge("negated", "In the past", "#e5e7eb", "#1f2937", "#eceef1", "#30343a"),
    NONE: Badge("unlisted", "Nothing entered", "#eef1f5", "#1f2937"),
    # Amber like "contact doctor", never the green or grey of a settled answer.
    PARTLY_UNDERSTOOD: Badge("contact_doctor", "Partly understood", "#ffd166", "#1f1300"),
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


def line_height() -> int:
    """A line of text at the zoom in use: the size of an icon beside text.

    The application font carries the zoom at once; a widget's own font only once it
    is re-polished, which left icons at the old size after Ctrl+0.
    """
    return QFontMetrics(QGuiApplication.font()).height()


def badge_html(key: str, size: int | None = None) -> str:
    """A tier's or severity's icon (a line tall unless `size` says) and word, as rich
    text."""
    from html import escape  # html.entities takes 2 ms to import, not needed at start-up

    badge = BADGES[key]
    size = size or line_height()
    return (f"<img src='{ICON_SCHEME}:{badge.icon}' width='{size}' height='{size}'> "
            f"<b>{escape(badge.word)}</b>")


def is_dark() -> bool:
    """Whether the palette in use is a dark one."""
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def tint(key: str) -> str:
    """A result card's background for tier `key`, in the theme in use."""
    return BADGES[key].dark_tint if is_dark() else BADGES[key].tint


def tint_text() -> str:
    return DARK_TINT_TEXT if is_dark() else TINT_TEXT


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

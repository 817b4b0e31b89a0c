"""Light, dark or follow-the-system colours, on Qt's Fusion style (desktop.ui.app)."""

from functools import cache, lru_cache

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from desktop.ui.style import stylesheet

THEMES = ("system", "light", "dark")
# Tab titles grow with the zoom up to this percent only, so that every tab stays in
# sight on a small screen.
TAB_ZOOM_CAP = 150

_DARK = {
    QPalette.ColorRole.Window: "#1f2329",
    QPalette.ColorRole.WindowText: "#e8eaed",
    QPalette.ColorRole.Base: "#15181c",
    QPalette.ColorRole.AlternateBase: "#262b33",
    QPalette.ColorRole.Text: "#e8eaed",
    QPalette.ColorRole.Button: "#2b3038",
    QPalette.ColorRole.ButtonText: "#e8eaed",
    QPalette.ColorRole.Highlight: "#4d8fd6",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#262b33",
    QPalette.ColorRole.ToolTipText: "#e8eaed",
    QPalette.ColorRole.PlaceholderText: "#9aa0a6",
    QPalette.ColorRole.Link: "#8ab4f8",
    QPalette.ColorRole.Mid: "#7a828e",  # input edges: at least 3:1 against Window
    QPalette.ColorRole.Midlight: "#353b44",
}
_LIGHT = {
    QPalette.ColorRole.Window: "#f4f5f7",
    QPalette.ColorRole.WindowText: "#1b1f24",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#eef2f7",
    QPalette.ColorRole.Text: "#1b1f24",
    QPalette.ColorRole.Button: "#f8f9fb",
    QPalette.ColorRole.ButtonText: "#1b1f24",
    QPalette.ColorRole.Highlight: "#1f5f8b",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.PlaceholderText: "#5f6670",
    QPalette.ColorRole.Mid: "#b8bec7",
    QPalette.ColorRole.Midlight: "#e3e7ec",
}


@cache
def _system_is_dark() -> bool:
    """Whether the platform's own palette is dark, read once, before the app sets its
    own. QStyleHints.colorScheme() would tell the same, but its answer is a Qt enum,
    and PySide builds all of Qt's ~100 namespace enums (12 ms) to name the first one."""
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def palette_for(theme: str) -> QPalette:
    system_dark = _system_is_dark()  # the first call comes before any palette of ours
    dark = theme == "dark" or (theme == "system" and system_dark)
    palette = QPalette()
    for role, color in (_DARK if dark else _LIGHT).items():
        palette.setColor(role, QColor(color))
    return palette


@cache
def unzoomed_point_size() -> float:
    """The application font's size as the platform gave it, read before any zoom."""
    return QApplication.font().pointSizeF()


def apply_look(theme: str, zoom: int) -> None:
    """Colours for `theme` and text at `zoom` percent, for every widget, shown or not."""
    point_size = unzoomed_point_size() * zoom / 100
    font = QApplication.font()
    font.setPointSizeF(point_size)
    QApplication.setFont(font)  # dialogs and widgets made later start here
    _polish(theme if theme in THEMES else "system", None if zoom == 100 else point_size,
            unzoomed_point_size() * min(zoom, TAB_ZOOM_CAP) / 100)


@lru_cache(maxsize=1)  # re-polishing every widget is costly: a repeat of the look is skipped
def _polish(theme: str, point_size: float | None, tab_point_size: float) -> None:
    """The palette and style sheet; a zoomed text size goes into the style sheet because
    an application style sheet stops QApplication.setFont from reaching existing widgets.
    """
    app = QApplication.instance()  # on Fusion, chosen when it was made (app.application)
    app.setPalette(palette_for(theme))
    size_rule = (f"\n* {{ font-size: {point_size:g}pt; }}\n"
                 f"QTabBar {{ font-size: {tab_point_size:g}pt; }}\n") if point_size else ""
    app.setStyleSheet(stylesheet() + size_rule)

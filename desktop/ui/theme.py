"""Light, dark or follow-the-system colours, on Qt's Fusion style."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from desktop.ui.style import stylesheet

THEMES = ("system", "light", "dark")

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
    QPalette.ColorRole.Mid: "#4a505a",
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


def _system_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def palette_for(theme: str) -> QPalette:
    dark = theme == "dark" or (theme == "system" and _system_is_dark())
    palette = QPalette()
    for role, color in (_DARK if dark else _LIGHT).items():
        palette.setColor(role, QColor(color))
    return palette


def apply_theme(app: QApplication, theme: str, point_size: float | None = None) -> None:
    """Colours for `theme` and, when zoomed, the text size for every widget.

    The size goes into the style sheet because an application style sheet stops
    QApplication.setFont from reaching existing widgets.
    """
    theme = theme if theme in THEMES else "system"
    look = f"{theme} {point_size}"
    if app.property("look") == look:
        return  # re-polishing every widget is costly; nothing would change
    app.setProperty("look", look)
    app.setStyle("Fusion")
    app.setPalette(palette_for(theme))
    size_rule = f"\n* {{ font-size: {point_size:g}pt; }}\n" if point_size else ""
    app.setStyleSheet(stylesheet() + size_rule)

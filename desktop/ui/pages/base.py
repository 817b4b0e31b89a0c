"""What every page of the window is and does."""

from dataclasses import dataclass

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.content.models import GuideInfo, Monograph, SearchHit, Source


@dataclass(frozen=True)
class PageContext:
    """What a page is built from: one drug's monograph, the guide's own texts and the
    sources it cites."""

    monograph: Monograph
    info: GuideInfo
    sources: tuple[Source, ...] = ()


class Page(QWidget):
    """One tab of the main window, built from `context` when first shown and again
    whenever the drug changes.

    A page must give its `focus_target` (where the keyboard goes when the page is
    opened by shortcut) and its `printable()` document. It overrides `render()` if it
    draws documents from the palette or font, and `highlight()` if search hits point
    at it (hits name the page by its registry key).
    """

    def __init__(self, key: str, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.monograph = context.monograph
        self.info = context.info

    def fill_with(self, view: QWidget) -> None:
        """Lay `view`, the widget holding the page's layout, over the whole page."""
        layout = QVBoxLayout(self)
        layout.addWidget(view)

    @property
    def focus_target(self) -> QWidget:
        raise NotImplementedError(f"{type(self).__name__} must name its focus target")

    def printable(self) -> QTextDocument:
        """What File > Print and Export PDF produce while this page is shown."""
        raise NotImplementedError(f"{type(self).__name__} must say what it prints")

    def render(self) -> None:
        """Rebuild whatever the theme or zoom cannot restyle by itself."""

    def highlight(self, hit: SearchHit) -> bool:
        """Show and mark the block or row `hit.anchor` names; False if not found."""
        return False

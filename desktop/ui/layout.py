"""Layout pieces the pages share."""

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QFrame,
    QHBoxLayout,
    QListView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QWidget,
)


class InstantButton(QPushButton):
    """A button whose Alt+letter clicks at once and leaves the keyboard where it was.

    A plain button takes the focus on its mnemonic and clicks 100 ms later, so the
    first keys typed after Alt+L went to the button and were lost.
    """

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Shortcut and self.isEnabled():
            self.click()
            return True
        return super().event(event)


def panes(parent: QWidget, first: QWidget, second: QWidget,
          orientation: Qt.Orientation = Qt.Orientation.Horizontal,
          stretch: tuple[int, int] = (2, 3)) -> QSplitter:
    """Two panes the user can resize but never collapse, sharing space as `stretch`."""
    splitter = QSplitter(orientation, parent)
    splitter.addWidget(first)
    splitter.addWidget(second)
    splitter.setStretchFactor(0, stretch[0])
    splitter.setStretchFactor(1, stretch[1])
    splitter.setChildrenCollapsible(False)
    return splitter


def button_row(buttons: Iterable[QPushButton]) -> QHBoxLayout:
    """Buttons side by side from the left."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


class FittingTabs(QTabWidget):
    """Tabs that never scroll: full titles when they all fit, short ones when not
    (high zoom, a small screen, the search panel open), elided as a last resort, so
    the first tab is always in sight."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self.tabBar().setUsesScrollButtons(False)
        self.tabBar().setElideMode(Qt.TextElideMode.ElideRight)
        self._titles: list[tuple[str, str]] = []  # (full, short) by index

    def add_titled_tab(self, page: QWidget, title: str, short_title: str) -> int:
        index = self.addTab(page, title)
        self._titles.insert(index, (title, short_title))
        # A screen reader says the full title whichever one shows ("Interact." is not a word).
        self.tabBar().setAccessibleTabName(index, title)
        self.fit_titles()
        return index

    def tabRemoved(self, index: int) -> None:  # noqa: N802
        del self._titles[index]
        super().tabRemoved(index)

    def full_titles_fit(self) -> bool:
        """Whether every full title fits in the width the tabs have."""
        bar = self.tabBar()
        metrics = bar.fontMetrics()
        # The style's padding around each title, read from the tab as it is now.
        needed = sum(bar.tabSizeHint(i).width() - metrics.horizontalAdvance(bar.tabText(i))
                     + metrics.horizontalAdvance(full)
                     for i, (full, _) in enumerate(self._titles))
        return needed <= self.width()

    def fit_titles(self) -> None:
        use_full = self.full_titles_fit()
        for index, (full, short) in enumerate(self._titles):
            wanted = full if use_full else short
            if self.tabText(index) != wanted:
                self.setTabText(index, wanted)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit_titles()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit_titles()


class ScrollingPane(QScrollArea):
    """A pane that fills its space and scrolls only when the space is smaller than its
    content's minimum (a small screen at high zoom), so nothing is squeezed out of
    sight. Each tab holds its page in one, which may scroll sideways too, so that no
    page can make the window wider than the screen.

    The content is sized by hand: a resizable scroll area gives content with wrapped
    text its preferred height for the width, which scrolls even when it would fit.
    """

    def __init__(self, name: str, parent: QWidget | None = None, *,
                 sideways: bool = False) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)  # it takes focus, so a screen reader lands on it
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.sideways = sideways  # whether it may scroll sideways too, or keeps its width

    def hold(self, page: QWidget) -> None:
        self.setWidget(page)
        self._fit_page()

    def sizeHint(self) -> QSize:  # noqa: N802
        content = self.widget()
        return content.sizeHint() if content is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """As low as a scroll area may be; as narrow too if it may scroll sideways, else
        as narrow as the content allows."""
        content = self.widget()
        if content is None or self.sideways:
            return super().minimumSizeHint()
        scroll_bar = self.verticalScrollBar().sizeHint().width()
        return QSize(content.minimumSizeHint().width() + scroll_bar,
                     super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)  # the viewport's resizes come here too
        self._fit_page()

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        """The content's minimum changed (a splitter turned, text wrapped): fit again."""
        if event.type() == QEvent.Type.LayoutRequest:
            self._fit_page()
        return super().viewportEvent(event)

    def _fit_page(self) -> None:
        page = self.widget()
        if page is None:
            return
        least = page.minimumSizeHint()
        width = max(self.viewport().width(), least.width())
        height = least.height()
        layout = page.layout()
        if layout is not None and layout.hasHeightForWidth():
            # Wrapped text (the banner, the Ask: line) needs more lines when narrower.
            height = max(height, layout.totalMinimumHeightForWidth(width))
        page.resize(width, max(self.viewport().height(), height))


class _RowKeeper(QObject):
    """Keeps a view's minimum height at a number of text rows as the zoom changes and,
    for a list of wrapped cards, at its first item whole (up to `first_lines` lines of
    text) as the items and width change."""

    def __init__(self, view: QAbstractScrollArea, rows: int, first_lines: int) -> None:
        super().__init__(view)
        self.rows = rows
        self.first_lines = first_lines
        view.installEventFilter(self)
        if isinstance(view, QAbstractItemView):
            # A row taller than the view (wrapped text at high zoom) scrolls into sight
            # line by line; by whole rows its end could never be shown.
            view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        if first_lines and isinstance(view, QListView):
            for signal in (view.model().modelReset, view.model().layoutChanged):
                signal.connect(lambda *_: self.apply(view))
        self.apply(view)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange) or (
                self.first_lines and event.type() == QEvent.Type.Resize
                and event.size().width() != event.oldSize().width()):  # type: ignore[attr-defined]
            self.apply(watched)
        return False

    def apply(self, view: QAbstractScrollArea) -> None:
        line = view.fontMetrics().height()
        if isinstance(view, QAbstractItemView):
            view.setIconSize(QSize(line, line))  # icons beside text grow with it
        header = view.horizontalHeader().sizeHint().height() \
            if isinstance(view, QTableView) and view.horizontalHeader().isVisible() else 0
        # Item padding and spacing, and the frame and document margins.
        rows = header + self.rows * (line + line // 4) + line // 2
        # Past the cap the card scrolls in the list, whose scroll bar then stays in sight.
        first = min(_first_item_height(view), self.first_lines * line) if self.first_lines else 0
        view.setMinimumHeight(max(rows, first) + 2 * view.frameWidth())


def _first_item_height(view: QAbstractScrollArea) -> int:
    """The height a list's first item takes, wrapped to the list's width."""
    if not isinstance(view, QListView) or view.model().rowCount() == 0:
        return 0
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    spacing = view.spacing()
    option.rect = QRect(0, 0, view.viewport().width() - 2 * spacing, 0)
    return view.itemDelegate().sizeHint(option, view.model().index(0, 0)).height() + 2 * spacing


def keep_rows(view: QAbstractScrollArea, rows: int, *, first_lines: int = 0) -> None:
    """Never let layouts squeeze `view` below `rows` rows of text, nor a list of wrapped
    cards below its first card whole when that takes up to `first_lines` lines; and keep
    its icons a line of text tall, at any zoom."""
    _RowKeeper(view, rows, first_lines)

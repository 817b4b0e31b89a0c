"""The main window: toolbar search, the monograph tabs and the symptom checker."""

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.content.models import SearchHit
from desktop.content.packs import Content, install_pack, open_content, remove_pack
from desktop.content.schema import SECTION_KEYS
from desktop.locations import content_folders, user_content_folder
from desktop.ui import dialogs
from desktop.ui.style import icon
from desktop.ui.tabs import MonographTab, SectionTab
from desktop.ui.theme import THEMES, apply_theme

if TYPE_CHECKING:
    from desktop.ui.search_panel import SearchPanel

CHECKER = "symptom_checker"
TAB_KEYS = (*SECTION_KEYS, CHECKER)
PRINT_SERVICE_WAIT = ("Asking the system's print service for printers\u2026 (this can take a "
                      "while if the print server is unreachable)")
ZOOM_STEPS = (80, 90, 100, 110, 125, 150, 175, 200)
SHORTCUTS = [
    ("Ctrl+F", "Search the guide (Down/Up pick a result, Enter opens it, Esc clears)"),
    ("Ctrl+1 \u2026 Ctrl+7", "Switch tabs"),
    ("Ctrl+P", "Print the current tab"),
    ("Ctrl+Shift+E", "Export the current tab as PDF"),
    ("Ctrl++ / Ctrl+- / Ctrl+0", "Zoom in, zoom out, reset"),
    ("Enter (complaint box)", "Add the complaint"),
    ("Delete (complaint list)", "Remove the selected complaint"),
    ("F1", "This list"),
    ("Ctrl+Q", "Quit"),
]


def _unzoomed_point_size() -> float:
    """The application font's size before any zoom, remembered on the application."""
    app = QApplication.instance()
    if app.property("unzoomedPointSize") is None:
        app.setProperty("unzoomedPointSize", QApplication.font().pointSizeF())
    return float(app.property("unzoomedPointSize"))


class MainWindow(QMainWindow):
    def __init__(self, content: Content, drug_id: str, settings: QSettings) -> None:
        super().__init__()
        self.content = content
        self.settings = settings
        self.drug_id = drug_id
        self.zoom = self._int_setting("zoom", 100)
        self.base_point_size = _unzoomed_point_size()
        self.setWindowIcon(icon("app"))
        self._build_toolbar()
        self._build_central()
        self._build_menus()
        self._build_shortcuts()
        self._load_drug(drug_id)
        self._restore()

    # Construction --------------------------------------------------------------
    def _build_toolbar(self) -> None:
        toolbar = self.addToolBar("Search")
        toolbar.setObjectName("searchToolbar")
        toolbar.setMovable(False)
        self.drug_picker = QComboBox(self)
        self.drug_picker.setAccessibleName("Drug")
        for drug in self.content.database.drugs():
            self.drug_picker.addItem(drug.name, drug.id)
        self.drug_picker_action = toolbar.addWidget(self.drug_picker)
        self.drug_picker.activated.connect(
            lambda index: self._load_drug(self.drug_picker.itemData(index)))
        label = self.search_label = QLabel(" &Search: ", self)
        toolbar.addWidget(label)
        self.search_field = QLineEdit(self)
        self.search_field.setPlaceholderText("Search everything (Ctrl+F)")
        self.search_field.setAccessibleName("Search the guide")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMinimumWidth(260)
        label.setBuddy(self.search_field)
        toolbar.addWidget(self.search_field)
        self.search_field.textChanged.connect(self.run_search)
        self.search_field.installEventFilter(self)

    def _build_central(self) -> None:
        self._search_panel: SearchPanel | None = None  # built on the first search
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName("Sections")
        self.tabs.currentChanged.connect(self._ensure_tab)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.tabs)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

    @property
    def search_panel(self) -> "SearchPanel":
        if self._search_panel is None:
            from desktop.ui.search_panel import SearchPanel

            self._search_panel = SearchPanel(self)
            self._search_panel.hide()
            self._search_panel.opened.connect(self.open_hit)
            self.splitter.insertWidget(0, self._search_panel)
            self.splitter.setStretchFactor(1, 3)
        return self._search_panel

    def _action(self, menu: QWidget, text: str, slot: Callable[[], object],
                keys: QKeySequence | str | list | None = None) -> QAction:
        action = QAction(text, self)
        if isinstance(keys, list):
            action.setShortcuts(keys)
        elif keys is not None:
            action.setShortcut(keys)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        self._action(file, "&Print\u2026", self.print_current, QKeySequence.StandardKey.Print)
        self._action(file, "&Export PDF\u2026", self.export_current, "Ctrl+Shift+E")
        file.addSeparator()
        self._action(file, "&Load content pack\u2026", self.load_content_pack)
        file.addSeparator()
        self._action(file, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        view = bar.addMenu("&View")
        self._action(view, "Zoom &in", partial(self.step_zoom, 1),
                     [QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
        self._action(view, "Zoom &out", partial(self.step_zoom, -1), "Ctrl+-")
        self._action(view, "&Reset zoom", partial(self.set_zoom, 100), "Ctrl+0")
        view.addSeparator()
        themes = view.addMenu("&Theme")
        group = QActionGroup(self)
        current = self.theme()
        self.theme_actions = {}
        for theme in THEMES:
            label = "Follow &system" if theme == "system" else f"&{theme.capitalize()}"
            action = self._action(themes, label, partial(self.set_theme, theme))
            action.setCheckable(True)
            action.setChecked(theme == current)
            group.addAction(action)
            self.theme_actions[theme] = action
        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&Keyboard shortcuts", self.show_shortcuts, "F1")
        self._action(help_menu, "&About Drug Guide", self.show_about)

    def _build_shortcuts(self) -> None:
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        for index in range(len(TAB_KEYS)):
            QShortcut(QKeySequence(f"Ctrl+{index + 1}"), self, partial(self.activate_tab, index))

    # Drugs and tabs ----------------------------------------------------------------
    def _load_drug(self, drug_id: str) -> None:
        self.drug_id = drug_id
        self.monograph = self.content.database.monograph(drug_id)
        self.drug_picker.setCurrentIndex(self.drug_picker.findData(drug_id))
        self.drug_picker_action.setVisible(self.drug_picker.count() > 1)
        self.setWindowTitle(f"Drug Guide \u2014 {self.monograph.name}")
        current = max(self.tabs.currentIndex(), 0)
        self.tabs.blockSignals(True)
        while self.tabs.count():
            page = self.tabs.widget(0)
            self.tabs.removeTab(0)
            page.deleteLater()
        titles = [s.title for s in self.monograph.sections] + ["Symptom checker"]
        for number, title in enumerate(titles, start=1):
            page = QWidget()
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(page, f"{title}")
            self.tabs.setTabToolTip(number - 1, f"{title} (Ctrl+{number})")
        self.tabs.blockSignals(False)
        self.tabs.setCurrentIndex(current)
        self._ensure_tab(current)

    def activate_tab(self, index: int) -> None:
        """Show tab `index` and put the keyboard where work starts: the complaint box,
        the drug name box, the checklist, or the text."""
        self.tabs.setCurrentIndex(index)
        self.tab(TAB_KEYS[index]).focus_target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def tab(self, key: str) -> QWidget:
        """The widget for tab `key`, built on first use."""
        index = TAB_KEYS.index(key)
        self._ensure_tab(index)
        return self.tabs.widget(index).layout().itemAt(0).widget()

    def current_tab(self) -> QWidget:
        return self.tab(TAB_KEYS[self.tabs.currentIndex()])

    def _ensure_tab(self, index: int) -> None:
        page = self.tabs.widget(index)
        if page is None or page.layout().count():
            return
        page.layout().addWidget(self._create_tab(TAB_KEYS[index], page))

    def _create_tab(self, key: str, page: QWidget) -> QWidget:
        # The interactive tabs (and the triage engine) load when first opened, which
        # keeps start-up near a bare Qt window's.
        info = self.content.database.info
        if key == CHECKER:
            from desktop.ui.checker import SymptomCheckerTab

            return SymptomCheckerTab(self.monograph, info, page)
        if key == "interactions":
            from desktop.ui.interactions_tab import InteractionsTab

            return InteractionsTab(self.monograph, info, page)
        if key == "precautions":
            from desktop.ui.precautions_tab import PrecautionsTab

            return PrecautionsTab(self.monograph, info, page)
        return MonographTab(self.monograph, key, page)

    def built_tabs(self) -> list[QWidget]:
        pages = (self.tabs.widget(i) for i in range(self.tabs.count()))
        return [p.layout().itemAt(0).widget() for p in pages if p.layout().count()]

    # Search ------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def run_search(self, text: str) -> None:
        if not text.strip():
            if self._search_panel is not None:
                self._search_panel.hide()
                self._search_panel.show_hits("", [])
            return
        self.search_panel.show_hits(text, self.content.database.search(text))
        self.search_panel.show()

    def open_hit(self, hit: SearchHit) -> None:
        if hit.drug_id != self.drug_id:
            self._load_drug(hit.drug_id)
        self.tabs.setCurrentIndex(TAB_KEYS.index(hit.section_key))
        words = [hit.snippet[start:end] for start, end in hit.highlights]
        self.tab(hit.section_key).highlight(words, hit.title)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.search_field and event.type() == QEvent.Type.KeyPress:
            return self._search_key(event)
        return super().eventFilter(watched, event)

    def _search_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        searching = self._search_panel is not None and self._search_panel.isVisible()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and searching:
            self.search_panel.step_selection(1 if key == Qt.Key.Key_Down else -1)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and searching:
            self.search_panel.open_current()
            return True
        if key == Qt.Key.Key_Escape:
            self.search_field.clear()
            self.tabs.currentWidget().setFocus()
            return True
        return False

    # Print, zoom, theme ---------------------------------------------------------------------
    def print_current(self) -> None:
        from desktop.ui import printing  # QtPrintSupport loads on first use

        # Listing printers asks the system's print service, which can be slow or
        # unreachable on a network; say so before the wait, not after it.
        self.statusBar().showMessage(PRINT_SERVICE_WAIT)
        self.statusBar().repaint()
        try:
            printing.print_document(self, self.current_tab().printable())
        finally:
            self.statusBar().clearMessage()

    def export_current(self) -> None:
        from desktop.ui import printing

        title = self.tabs.tabText(self.tabs.currentIndex()).lower().replace(" ", "-")
        printing.export_pdf(self, self.current_tab().printable(),
                            f"{self.monograph.id}-{title}.pdf")

    def step_zoom(self, step: int) -> None:
        nearest = min(range(len(ZOOM_STEPS)), key=lambda i: abs(ZOOM_STEPS[i] - self.zoom))
        self.set_zoom(ZOOM_STEPS[min(max(nearest + step, 0), len(ZOOM_STEPS) - 1)])

    def set_zoom(self, percent: int) -> None:
        self.zoom = min(max(percent, ZOOM_STEPS[0]), ZOOM_STEPS[-1])
        self._apply_look()
        self.statusBar().showMessage(f"Zoom {self.zoom}%", 2000)

    def theme(self) -> str:
        return str(self.settings.value("theme", "system"))

    def set_theme(self, theme: str) -> None:
        self.settings.setValue("theme", theme)
        self._apply_look()

    def _apply_look(self) -> None:
        """Theme colours and zoomed text size, then documents rebuilt to match."""
        point_size = self.base_point_size * self.zoom / 100
        font = QApplication.font()
        font.setPointSizeF(point_size)
        QApplication.setFont(font)  # dialogs and widgets made later start here
        apply_theme(QApplication.instance(), self.theme(),
                    None if self.zoom == 100 else point_size)
        self._rerender()

    def _rerender(self) -> None:
        for widget in self.built_tabs():
            if isinstance(widget, SectionTab):
                widget.render()

    # Content packs, help ---------------------------------------------------------------------
    def load_content_pack(self) -> None:
        path = dialogs.ask_open_path(self, "Load content pack",
                                     "Drug Guide content (*.sqlite3);;All files (*)")
        if path is None:
            return
        installed: Path | None = None
        old = self.content
        try:
            installed = install_pack(path, user_content_folder())
            self._switch_content(open_content(None, content_folders()))
        except Exception as error:  # whatever a pack does, the window stays as it was
            if installed is not None:
                remove_pack(installed)
            if self.content is not old:
                self.content.database.close()
                self._switch_content(old)
            dialogs.show_message(self, "Content pack refused",
                                 f"The content pack was not loaded, and the guide in use is "
                                 f"unchanged.\n\n{error}", error=True)
            return
        old.database.close()
        self.statusBar().showMessage(
            f"Content version {self.content.database.info.content_version} in use", 5000)

    def _switch_content(self, content: Content) -> None:
        self.content = content
        self.drug_picker.clear()
        for drug in content.database.drugs():
            self.drug_picker.addItem(drug.name, drug.id)
        self._load_drug(content.database.drug_id(None))

    def about_text(self) -> str:
        info = self.content.database.info
        sources = "\n".join(f"\u2022 {s.title}: {s.detail}" for s in self.monograph.sources)
        refused = "".join(f"\nRefused content pack {p}: {why}" for p, why in self.content.refused)
        return (
            f"Drug Guide {__version__}\n\n"
            f"Content version {info.content_version}, {self.content.origin}.\n"
            f"{self.monograph.name} last reviewed {self.monograph.last_reviewed}.\n\n"
            f"Sources:\n{sources}\n\n{info.disclaimer}{refused}"
        )

    def show_about(self) -> None:
        dialogs.show_message(self, "About Drug Guide", self.about_text())

    def show_shortcuts(self) -> None:
        text = "\n".join(f"{keys}\t{what}" for keys, what in SHORTCUTS)
        dialogs.show_message(self, "Keyboard shortcuts", text)

    # Settings ----------------------------------------------------------------------------------
    def _restore(self) -> None:
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray) and not self.restoreGeometry(geometry):
            geometry = None
        if not isinstance(geometry, QByteArray):
            self.resize(1200, 760)
        state = self.settings.value("windowState")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        self.tabs.setCurrentIndex(min(max(self._int_setting("lastTab", 0), 0),
                                      len(TAB_KEYS) - 1))
        if self.zoom != 100:
            self.set_zoom(self.zoom)

    def _int_setting(self, key: str, default: int) -> int:
        try:
            return int(self.settings.value(key, default))
        except (TypeError, ValueError):
            return default  # a hand-edited or damaged settings file

    def save_settings(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("windowState", self.saveState())
        self.settings.setValue("zoom", self.zoom)
        self.settings.setValue("lastTab", self.tabs.currentIndex())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.save_settings()
        super().closeEvent(event)

"""The main window: toolbar search, one tab per registered page, menus and keys.

Pages come from desktop.ui.pages.registry and are built the first time they are
shown; the content, drug, zoom and theme in use belong to the GuideController.
"""

from functools import partial
from typing import TYPE_CHECKING

from PySide6 import QtCore  # QtCore.Qt only when used: its enums take 12 ms to build
from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QSize
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.content.models import SearchHit
from desktop.content.packs import Content
from desktop.content.trust import SIGNED_ONLY, Trust
from desktop.printable import printable
from desktop.ui import dialogs
from desktop.ui.controller import GuideController, int_setting
from desktop.ui.layout import FittingTabs, ScrollingPane
from desktop.ui.pages.base import Page, PageContext
from desktop.ui.pages.registry import PAGE_KEYS, PAGES
from desktop.ui.style import icon
from desktop.ui.theme import THEMES

if TYPE_CHECKING:
    from desktop.ui.search_panel import SearchPanel
    from desktop.ui.search_runner import SearchRunner

UNVERIFIED = ("Unverified content: this guide is not signed by a trusted publisher (started "
              "with --allow-unsigned). Do not rely on it for patients.")
# Keys that are not menu commands, for the F1 list; the commands list their own.
OTHER_KEYS = [
    ("Ctrl+F", "Search the guide (Down/Up pick a result, Enter opens it, Esc clears)"),
    *((spec.shortcut, f"Show {spec.title}") for spec in PAGES),
    ("Enter (complaint box)", "Add the complaint"),
    ("Delete (complaint list)", "Remove the selected complaint"),
    ("Alt+Q (symptom checker)", "Go to the first open question"),
    ("Y / N / U or 1, 2, 3 \u2026 (a question)", "Answer it; Delete clears; Tab moves on"),
    ("Ctrl+Z (symptom checker)", "Bring back the call Clear took, until the next call starts"),
]
# Shortcuts of the pages' own buttons, shown beside them as Alt+letter.
BUTTON_KEYS = [
    ("Alt+A / Alt+R / Alt+L", "Symptom checker: Add, Remove, Clear"),
]


FIRST_RUN_SIZE = QSize(1200, 760)


def first_run_size(available: QSize) -> QSize:
    """The first-run size, shrunk to fit the screen's free area (a 1024x600 netbook
    leaves less than that once its panels are drawn)."""
    return FIRST_RUN_SIZE.boundedTo(available)


class MainWindow(QMainWindow):
    def __init__(self, content: Content, drug_id: str, settings: QSettings,
                 trust: Trust = SIGNED_ONLY) -> None:
        super().__init__()
        self.settings = settings
        self.controller = GuideController(content, drug_id, settings, trust, self)
        self.pages: dict[str, Page] = {}  # only those built so far
        self._search_panel: SearchPanel | None = None  # built on the first search
        self._search_runner: SearchRunner | None = None  # likewise
        self.setWindowIcon(icon("app"))
        self._build_toolbar()
        self._build_central()
        self.actions_by_name = self._build_menus()
        self._connect_signals()
        self._on_content_changed()
        self._on_drug_changed(self._restore())  # only the tab last open is built
        # The keyboard starts where work starts on that page, not in the search box:
        # a complaint typed after a restart must not become a search.
        self.current_page().focus_target.setFocus()  # (Qt.FocusReason.OtherFocusReason)

    @property
    def content(self) -> Content:
        return self.controller.content

    # Construction -------------------------------------------------------------------
    def _build_toolbar(self) -> None:
        toolbar = self.addToolBar("Search")
        toolbar.setObjectName("searchToolbar")
        toolbar.setMovable(False)
        self.drug_picker = QComboBox(self)
        self.drug_picker.setAccessibleName("Drug")
        self.drug_picker_action = toolbar.addWidget(self.drug_picker)
        label = QLabel(" &Search: ", self)
        toolbar.addWidget(label)
        self.search_field = QLineEdit(self)
        self.search_field.setPlaceholderText("Search everything (Ctrl+F)")
        self.search_field.setAccessibleName("Search the guide")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMinimumWidth(260)
        label.setBuddy(self.search_field)
        toolbar.addWidget(self.search_field)

    def _build_central(self) -> None:
        self.tabs = FittingTabs(self)
        self.tabs.setAccessibleName("Pages")
        self.splitter = QSplitter()  # horizontal; naming Qt.Orientation would cost 12 ms
        self.splitter.addWidget(self.tabs)
        self.splitter.setChildrenCollapsible(False)
        # Shown for as long as unsigned content is in use, above everything it shows.
        self.unverified_bar = QLabel(UNVERIFIED, self)
        self.unverified_bar.setObjectName("unverifiedBar")
        self.unverified_bar.setWordWrap(True)
        self.unverified_bar.setAccessibleName("Unverified content")
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.unverified_bar)
        layout.addWidget(self.splitter)
        self.setCentralWidget(central)

    def _build_menus(self) -> dict[str, QAction]:
        """Every menu command, by name, for `_connect_signals` to wire."""
        actions: dict[str, QAction] = {}

        def add(menu: QMenu, name: str, text: str,
                keys: QKeySequence.StandardKey | tuple[str, ...] = ()) -> QAction:
            action = actions[name] = QAction(text, self)
            # Always setShortcuts: PySide picks among setShortcut's overloads by building
            # all of Qt's namespace enums, 12 ms before the first frame.
            action.setShortcuts(keys if isinstance(keys, QKeySequence.StandardKey)
                                else [QKeySequence(key) for key in keys])
            menu.addAction(action)
            return action

        bar = self.menuBar()
        file = bar.addMenu("&File")
        add(file, "copy", "&Copy record (chart note, ticks, drugs checked)", ("Ctrl+Shift+C",))
        add(file, "print", "&Print\u2026", QKeySequence.StandardKey.Print)
        add(file, "export", "&Export PDF\u2026", ("Ctrl+Shift+E",))
        file.addSeparator()
        add(file, "load_pack", "&Load content pack\u2026")
        file.addSeparator()
        add(file, "quit", "&Quit", QKeySequence.StandardKey.Quit)
        view = bar.addMenu("&View")
        add(view, "zoom_in", "Zoom &in", ("Ctrl++", "Ctrl+="))
        add(view, "zoom_out", "Zoom &out", ("Ctrl+-",))
        add(view, "zoom_reset", "&Reset zoom", ("Ctrl+0",))
        view.addSeparator()
        themes = view.addMenu("&Theme")
        add(themes, "theme_next", "&Next theme", ("Ctrl+Shift+T",))
        themes.addSeparator()
        group = QActionGroup(self)
        for theme in THEMES:
            label = "Follow &system" if theme == "system" else f"&{theme.capitalize()}"
            action = add(themes, f"theme_{theme}", label)
            action.setCheckable(True)
            action.setChecked(theme == self.controller.theme())
            group.addAction(action)
        help_menu = bar.addMenu("&Help")
        add(help_menu, "shortcuts", "&Keyboard shortcuts", ("F1",))
        add(help_menu, "about", "&About Drug Guide")
        return actions

    def _connect_signals(self) -> None:
        """Every connection the window makes, in one place; only the search panel, built
        on the first search to keep start-up light, is connected where it is built."""
        self.drug_picker.activated.connect(
            lambda index: self.controller.choose_drug(self.drug_picker.itemData(index)))
        self.search_field.textChanged.connect(self.run_search)
        self.search_field.installEventFilter(self)
        self.tabs.currentChanged.connect(lambda index: self.page(PAGE_KEYS[index]))
        controller = self.controller
        controller.contentChanged.connect(self._on_content_changed)
        controller.drugChanged.connect(self._on_drug_changed)
        controller.lookChanged.connect(self._on_look_changed)
        controller.zoomChanged.connect(
            lambda zoom: self.statusBar().showMessage(f"Zoom {zoom}%", 2000))
        slots = {
            "copy": self.copy_current,
            "print": self.print_current, "export": self.export_current,
            "load_pack": self.load_content_pack, "quit": self.close,
            "zoom_in": partial(controller.step_zoom, 1),
            "zoom_out": partial(controller.step_zoom, -1),
            "zoom_reset": partial(controller.set_zoom, 100),
            "theme_next": self.next_theme,
            "shortcuts": self.show_shortcuts, "about": self.show_about,
        } | {f"theme_{theme}": partial(controller.set_theme, theme) for theme in THEMES}
        for name, slot in slots.items():
            self.actions_by_name[name].triggered.connect(slot)
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        for spec in PAGES:
            QShortcut(QKeySequence(spec.shortcut), self, partial(self.activate_page, spec.key))

    # Content and pages ----------------------------------------------------------------
    def _on_content_changed(self) -> None:
        self.drug_picker.clear()
        for drug in self.controller.drugs():
            self.drug_picker.addItem(drug.name, drug.id)
        self.drug_picker_action.setVisible(self.drug_picker.count() > 1)
        self.unverified_bar.setVisible(self.content.unverified)

    def _on_drug_changed(self, current: int | None = None) -> None:
        """Rebuild the tabs for the new monograph, showing tab `current` (by default the
        page that was open)."""
        monograph = self.controller.monograph
        self.drug_picker.setCurrentIndex(self.drug_picker.findData(self.controller.drug_id))
        # The platform adds the application's name: "Baclofen \u2014 Drug Guide".
        self.setWindowTitle(monograph.name)
        current = max(self.tabs.currentIndex(), 0) if current is None else current
        self.tabs.blockSignals(True)
        while self.tabs.count():
            holder = self.tabs.widget(0)
            self.tabs.removeTab(0)
            holder.deleteLater()
        self.pages.clear()
        for spec in PAGES:
            title = spec.title_for(monograph)
            holder = ScrollingPane(f"{title} page", sideways=True)
            index = self.tabs.add_titled_tab(holder, title, spec.short_title)
            self.tabs.setTabToolTip(index, f"{title} ({spec.shortcut})")
            self.tabs.setTabVisible(index, spec.shown_for(monograph))
        if not self.tabs.isTabVisible(current):
            current = 0
        self.tabs.blockSignals(False)
        self.tabs.setCurrentIndex(current)
        self.page(PAGE_KEYS[current])

    def page(self, key: str) -> Page:
        """The page for `key`, built on first use."""
        if key not in self.pages:
            index = PAGE_KEYS.index(key)
            holder = self.tabs.widget(index)
            database = self.content.database
            context = PageContext(self.controller.monograph, database.info,
                                  tuple(database.sources()))
            self.pages[key] = PAGES[index].load()(key, context, holder)
            self.pages[key].statusMessage.connect(self.show_status)
            holder.hold(self.pages[key])
        return self.pages[key]

    def current_page(self) -> Page:
        return self.page(PAGE_KEYS[self.tabs.currentIndex()])

    def show_page(self, key: str) -> Page:
        self.tabs.setCurrentIndex(PAGE_KEYS.index(key))
        return self.page(key)

    def shown_page_keys(self) -> list[str]:
        """The pages this drug shows, in tab order (a section it lacks has no tab)."""
        return [key for index, key in enumerate(PAGE_KEYS) if self.tabs.isTabVisible(index)]

    def activate_page(self, key: str) -> None:
        """Show page `key` and put the keyboard where work starts on it; a page this drug
        does not show (its shortcut still exists) does nothing."""
        if key not in self.shown_page_keys():
            return
        self.show_page(key).focus_target.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)

    def _on_look_changed(self) -> None:
        for page in self.pages.values():
            page.render()
        self.tabs.fit_titles()

    def load_content_pack(self) -> None:
        path = dialogs.ask_open_path(self, "Load content pack",
                                     "Drug Guide content (*.sqlite3);;All files (*)")
        if path is None:
            return
        try:
            self.controller.load_pack(path)
        except Exception as error:  # whatever a pack does, the window stays as it was
            dialogs.show_message(self, "Content pack refused",
                                 f"The content pack was not loaded, and the guide in use is "
                                 f"unchanged.\n\n{error}", error=True)
            return
        self.statusBar().showMessage(
            f"Content version {self.content.database.info.content_version} in use", 5000)

    # Search ------------------------------------------------------------------------------
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

    def focus_search(self) -> None:
        self.search_field.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    @property
    def search_runner(self) -> "SearchRunner":
        if self._search_runner is None:
            from desktop.ui.search_runner import SearchRunner

            self._search_runner = SearchRunner(lambda: self.content.database.search, self)
            self._search_runner.found.connect(self.show_hits)
        return self._search_runner

    def run_search(self, text: str) -> None:
        """Search for `text` off the UI thread; its results appear when found."""
        if not text.strip():
            if self._search_runner is not None:
                self._search_runner.cancel()
            if self._search_panel is not None:
                self._search_panel.hide()
                self._search_panel.show_hits("", [])
            return
        self.search_runner.request(text)

    def show_hits(self, text: str, hits: list[SearchHit]) -> None:
        # Two drugs share many headings: a hit of the drug not shown names it.
        others = {drug.id: drug.name for drug in self.content.database.drugs()
                  if drug.id != self.controller.drug_id}
        self.search_panel.show_hits(text, hits, others)
        self.search_panel.show()

    def finish_search(self) -> None:
        """Show the results for the text in the field now, if they have not arrived:
        a key that acts on results (Enter, Down, Up) acts on what was typed."""
        if self._search_runner is not None and self._search_runner.pending():
            self._search_runner.cancel()
            text = self.search_field.text()
            self.show_hits(text, self.content.database.search(text))

    def open_hit(self, hit: SearchHit) -> bool:
        """Show the hit's page and mark what it points at; False if the page found nothing."""
        if hit.drug_id != self.controller.drug_id:
            self.controller.choose_drug(hit.drug_id)
        return self.show_page(hit.page).highlight(hit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.search_field and event.type() == QEvent.Type.KeyPress:
            return self._search_key(event)
        return super().eventFilter(watched, event)

    def _search_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in (QtCore.Qt.Key.Key_Down, QtCore.Qt.Key.Key_Up, QtCore.Qt.Key.Key_Return,
                   QtCore.Qt.Key.Key_Enter):
            self.finish_search()
        searching = self._search_panel is not None and self._search_panel.isVisible()
        if key in (QtCore.Qt.Key.Key_Down, QtCore.Qt.Key.Key_Up) and searching:
            self.search_panel.step_selection(1 if key == QtCore.Qt.Key.Key_Down else -1)
            return True
        if key in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter) and searching:
            self.search_panel.open_current()
            return True
        if key == QtCore.Qt.Key.Key_Escape:
            self.search_field.clear()
            for page in self.pages.values():
                page.clear_highlight()
            self.tabs.currentWidget().setFocus()
            return True
        return False

    # Records, help ------------------------------------------------------------------------
    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)
        self.statusBar().repaint()  # before a slow print dialog, not after it

    def copy_current(self) -> None:
        self.current_page().copy_record()

    def print_current(self) -> None:
        self.current_page().print_record()

    def export_current(self) -> None:
        self.current_page().export_record()

    def about_text(self) -> str:
        info = self.content.database.info
        monograph = self.controller.monograph
        sources = "\n".join(f"\u2022 {s.short}" for s in self.content.database.sources())
        refused = "".join(f"\nRefused content pack {printable(p)}: {printable(why)}"
                          for p, why in self.content.refused)
        refused += "".join(f"\nNote: {printable(note)}" for note in self.content.notes)
        return (
            f"Drug Guide {__version__}\n\n"
            f"Content version {info.content_version}, {self.content.origin}.\n"
            f"{self._provenance()}\n"
            f"{monograph.name} last reviewed {monograph.last_reviewed}.\n\n"
            f"Sources (in full on the Sources page):\n{sources}\n\n{info.disclaimer}{refused}"
        )

    def _provenance(self) -> str:
        """Who vouches for the content in use."""
        signed = self.content.signed
        if signed is not None:
            return f"Signed by publisher key {signed.key_id} ({signed.key_source})."
        if self.content.unverified:
            return UNVERIFIED
        return "Shipped with this installation of Drug Guide."

    def show_about(self) -> None:
        dialogs.show_message(self, "About Drug Guide", self.about_text())

    def shortcut_rows(self) -> list[tuple[str, str]]:
        """Every key the window answers to: the menu commands' own shortcuts, read
        from the actions that register them, then the keys that are not commands."""
        commands = [(" / ".join(k.toString(QKeySequence.SequenceFormat.NativeText)
                                for k in action.shortcuts()), action.text().replace("&", ""))
                    for action in self.actions_by_name.values() if action.shortcuts()]
        return [*OTHER_KEYS, *commands, *BUTTON_KEYS]

    def show_shortcuts(self) -> None:
        from html import escape  # html.entities takes 2 ms to import, not needed at start-up

        rows = "".join(f"<tr><td style='padding-right:18px'><b>{escape(keys)}</b></td>"
                       f"<td>{escape(what)}</td></tr>" for keys, what in self.shortcut_rows())
        dialogs.show_message(self, "Keyboard shortcuts", f"<table>{rows}</table>", rich=True)

    def next_theme(self) -> None:
        """Light, dark, follow the system, in turn."""
        theme = THEMES[(THEMES.index(self.controller.theme()) + 1) % len(THEMES)] \
            if self.controller.theme() in THEMES else THEMES[0]
        self.actions_by_name[f"theme_{theme}"].setChecked(True)
        self.controller.set_theme(theme)
        self.statusBar().showMessage(f"Theme: {theme}", 3000)

    # Window settings ----------------------------------------------------------------------------
    def _restore(self) -> int:
        """The window's saved size and state; returns the tab to show."""
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray) and not self.restoreGeometry(geometry):
            geometry = None
        if not isinstance(geometry, QByteArray):
            self.resize(first_run_size(self.screen().availableGeometry().size()))
        state = self.settings.value("windowState")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        return min(max(int_setting(self.settings, "lastTab", 0), 0), len(PAGES) - 1)

    def save_settings(self) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("windowState", self.saveState())
        self.settings.setValue("lastTab", self.tabs.currentIndex())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Quitting with a call not yet copied, printed or exported asks first."""
        unsaved = [page for page in self.pages.values() if page.has_unsaved_work()]
        if unsaved and not dialogs.confirm(
                self, "Quit Drug Guide?",
                f"The {unsaved[0].record_kind} on screen has not been copied, printed or "
                "exported. Quitting loses it.", "&Quit without saving"):
            event.ignore()
            return
        self.save_settings()
        if self._search_runner is not None:
            self._search_runner.stop()
        super().closeEvent(event)

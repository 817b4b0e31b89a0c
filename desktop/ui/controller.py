"""What the main window shows and how: the content and drug in use, zoom and theme.

The window asks the controller for changes and follows its signals; the
controller knows nothing of the window's widgets.
"""

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal

from desktop.content.models import DrugSummary, Monograph
from desktop.content.packs import Content, install_pack, open_drug, remove_pack
from desktop.content.trust import SIGNED_ONLY, Trust
from desktop.locations import content_folders, user_content_folder
from desktop.ui.theme import apply_look

ZOOM_STEPS = (80, 90, 100, 110, 125, 150, 175, 200)


def int_setting(settings: QSettings, key: str, default: int) -> int:
    try:
        return int(settings.value(key, default))
    except (TypeError, ValueError):
        return default  # a hand-edited or damaged settings file


class GuideController(QObject):
    contentChanged = Signal()  # another database: the drug list may differ too
    drugChanged = Signal()  # another monograph in `monograph`
    lookChanged = Signal()  # theme or zoom applied
    zoomChanged = Signal(int)

    def __init__(self, content: Content, drug_id: str, settings: QSettings,
                 trust: Trust = SIGNED_ONLY, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.content = content
        self.trust = trust  # what a pack must pass: the keys, and whether unsigned may pass
        self.settings = settings
        self.drug_id = drug_id
        self.monograph: Monograph = content.database.monograph(drug_id)
        self.zoom = _clamp_zoom(int_setting(settings, "zoom", 100))
        apply_look(self.theme(), self.zoom)

    # Content ----------------------------------------------------------------------
    def drugs(self) -> list[DrugSummary]:
        return self.content.database.drugs()

    def choose_drug(self, drug_id: str) -> None:
        self.drug_id = drug_id
        self.monograph = self.content.database.monograph(drug_id)
        self.drugChanged.emit()

    def load_pack(self, path: Path) -> None:
        """Install the pack at `path` and switch to the newest valid content.

        A pack that is unsigned, badly signed, signed by an untrusted key or for another
        file, or older than the content in use is refused with that reason. Whatever
        goes wrong, the error is raised with the content in use unchanged and no pack
        file left behind.
        """
        installed = install_pack(path, user_content_folder(), self.trust, content_folders())
        old, old_drug = self.content, self.drug_id
        try:
            content, drug_id = open_drug(None, content_folders(), None, self.trust)
            self.content = content
            self.contentChanged.emit()
            self.choose_drug(drug_id)
        except Exception:
            remove_pack(installed)
            if self.content is not old:
                self.content.database.close()
                self.content = old
                self.contentChanged.emit()
                self.choose_drug(old_drug)
            raise
        old.database.close()

    # Look ---------------------------------------------------------------------------
    def theme(self) -> str:
        return str(self.settings.value("theme", "system"))

    def set_theme(self, theme: str) -> None:
        self.settings.setValue("theme", theme)
        self._apply()

    def step_zoom(self, step: int) -> None:
        nearest = min(range(len(ZOOM_STEPS)), key=lambda i: abs(ZOOM_STEPS[i] - self.zoom))
        self.set_zoom(ZOOM_STEPS[min(max(nearest + step, 0), len(ZOOM_STEPS) - 1)])

    def set_zoom(self, percent: int) -> None:
        self.zoom = _clamp_zoom(percent)
        self.settings.setValue("zoom", self.zoom)
        self._apply()
        self.zoomChanged.emit(self.zoom)

    def _apply(self) -> None:
        apply_look(self.theme(), self.zoom)
        self.lookChanged.emit()


def _clamp_zoom(percent: int) -> int:
    return min(max(percent, ZOOM_STEPS[0]), ZOOM_STEPS[-1])

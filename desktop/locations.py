"""Per-user and per-machine folders, from Qt's platform conventions (QtCore only)."""

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths

from desktop.content import trust

ORGANIZATION = "DrugGuide"
APPLICATION = "Drug Guide"
CONTENT_FOLDER = "content"


def set_application_names() -> None:
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)


def content_folders() -> list[Path]:
    """Where IT may drop content packs: the user's data folder first, then the machine's
    (fixed in desktop/content/trust.py, not taken from the environment)."""
    return [user_content_folder(), *trust.machine_content_folders()]


def user_content_folder() -> Path:
    set_application_names()
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location) / CONTENT_FOLDER


def machine_content_folder() -> Path:
    """Where `pack install --machine` writes (Linux: /usr/local/share/..., Windows:
    ProgramData, macOS: /Library/Application Support)."""
    return trust.machine_content_folders()[0]


def version_record() -> Path:
    """The user's record of the newest content version used (see packs.check_rollback)."""
    set_application_names()
    return Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppLocalDataLocation)) / "newest-content.json"


def log_folder() -> Path:
    set_application_names()
    return Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    ) / "logs"


def documents_folder() -> Path:
    """Where a save dialog first opens: the user's Documents folder."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))

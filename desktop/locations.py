"""Per-user and per-machine folders, from Qt's platform conventions (QtCore only)."""

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths

ORGANIZATION = "DrugGuide"
APPLICATION = "Drug Guide"
CONTENT_FOLDER = "content"


def set_application_names() -> None:
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)


def content_folders() -> list[Path]:
    """Where IT may drop content packs: the user's data folder first, then the machine's."""
    set_application_names()
    locations = QStandardPaths.standardLocations(QStandardPaths.StandardLocation.AppDataLocation)
    return [Path(location) / CONTENT_FOLDER for location in locations]


def user_content_folder() -> Path:
    return content_folders()[0]


def machine_content_folder() -> Path:
    """The first machine-wide content folder (Linux: /usr/local/share/..., Windows:
    ProgramData, macOS: /Library/Application Support)."""
    return content_folders()[1]


def log_folder() -> Path:
    set_application_names()
    return Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    ) / "logs"


def documents_folder() -> Path:
    """Where a save dialog first opens: the user's Documents folder."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))

"""Where the app's files live: from source, in a PyInstaller bundle, or installed.

From source and in a bundle (whose spec mirrors the source layout, and where
PyInstaller sets `__file__`) resources/ sits beside the package; a wheel installs
it inside the package instead (see pyproject.toml).
"""

from pathlib import Path

APP_ROOT = Path(__file__).resolve().parent.parent
_INSTALLED = Path(__file__).resolve().parent / "resources"
RESOURCES = _INSTALLED if _INSTALLED.is_dir() else APP_ROOT / "resources"
DEFAULT_DATABASE = RESOURCES / "content.sqlite3"
ICONS = RESOURCES / "icons"

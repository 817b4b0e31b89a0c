"""Where the app's files live, from source and inside a PyInstaller bundle.

PyInstaller sets `__file__` inside a bundle and the spec mirrors this layout,
so one relative path serves both.
"""

from pathlib import Path

APP_ROOT = Path(__file__).resolve().parent.parent
RESOURCES = APP_ROOT / "resources"
DEFAULT_DATABASE = RESOURCES / "content.sqlite3"
ICONS = RESOURCES / "icons"

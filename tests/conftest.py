import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.content.database import ContentDatabase
from desktop.paths import DEFAULT_DATABASE
from desktop.triage.engine import Triage
from devtools.repo import CONTENT
from devtools.signing import sign, trusted_publisher

# `make test` runs a short profile; `make fuzz` at least 10,000 examples each.
settings.register_profile("default", max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=10_000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(autouse=True)
def machine_keys(tmp_path_factory, monkeypatch):
    """The machine-wide trusted-keys folder, holding the test publisher's key, owned as
    an administrator's would be (by whoever runs the tests)."""
    from desktop.content import trust

    folder = tmp_path_factory.mktemp("machine-keys")
    folder.chmod(0o755)
    shutil.copyfile(trusted_publisher()[1], folder / "publisher.pub")
    monkeypatch.setattr(trust, "machine_key_folder", lambda: folder)
    monkeypatch.setattr(trust, "ADMIN_UID", os.getuid())
    return folder


@pytest.fixture(scope="session")
def database():
    with ContentDatabase(DEFAULT_DATABASE) as db:
        yield db


@pytest.fixture(scope="session")
def monograph(database):
    return database.monograph("baclofen")


@pytest.fixture(scope="session")
def triage(monograph):
    return Triage(monograph.triage)


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A writable copy of the content sources, for tests that break them."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture
def two_drug_db(tmp_path) -> Path:
    """A database of baclofen and a renamed copy, built by the real builder."""
    from devtools.synthetic import build_synthetic

    return sign(build_synthetic(2, tmp_path))


@pytest.fixture
def one_drug_db(tmp_path) -> Path:
    """A database of baclofen alone, built by the real builder."""
    from devtools.synthetic import build_synthetic

    return sign(build_synthetic(1, tmp_path))


@pytest.fixture
def built_db(tmp_path, content_copy) -> Path:
    """A freshly built database from a copy of the sources."""
    from db.build import build

    out = tmp_path / "built.sqlite3"
    build(content_copy, out)
    return out


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory, monkeypatch):
    """Every test gets its own HOME and data folders, so nothing touches the real ones
    and tests can check what was written."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for variable, folder in (("XDG_DATA_HOME", ".local/share"), ("XDG_CONFIG_HOME", ".config"),
                             ("XDG_CACHE_HOME", ".cache"), ("XDG_STATE_HOME", ".local/state")):
        monkeypatch.setenv(variable, str(home / folder))
    monkeypatch.setenv("XDG_DATA_DIRS", str(home / "machine-share"))
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(home / "machine-config"))
    return home


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    """Any dialog a test did not expect fails the test instead of hanging it."""
    from desktop.ui import dialogs

    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected modal dialog: {args[1:3]}")

    for name in ("ask_save_path", "ask_open_path", "ask_print", "show_message"):
        monkeypatch.setattr(dialogs, name, unexpected)
    # Every window closes at a test's end, some with a call on screen: quit without
    # asking. A test of the question patches `confirm` itself.
    monkeypatch.setattr(dialogs, "confirm", lambda *args: True)


@pytest.fixture
def dialog_log(monkeypatch):
    """Records every message dialog instead of showing it."""
    from desktop.ui import dialogs

    shown = []
    monkeypatch.setattr(dialogs, "show_message",
                        lambda parent, title, text, details="", error=False, rich=False:
                        shown.append((title, text, details, error)))
    return shown


@pytest.fixture
def settings_dir(private_home):
    from PySide6.QtCore import QSettings

    folder = private_home / "settings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture
def make_window(qtbot, settings_dir):
    """Opens a main window as the app does; call again to simulate a restart."""
    from desktop.ui.app import application, create_window

    application()
    windows = []

    def make(db=None, drug=None, trust=None):
        window = create_window(db, drug, *(trust,) if trust else ())
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.content.database.close()


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def search_for(qtbot):
    """Types `text` into a window's search field and waits for its results, which are
    found off the UI thread (desktop/ui/search_runner.py)."""
    def search(window, text):
        with qtbot.waitSignal(window.search_runner.found, timeout=10_000):
            window.search_field.setText(text)

    return search


@pytest.fixture
def pdf_target(monkeypatch, tmp_path):
    """Makes Export PDF and Print write to a file in tmp_path, as if the user chose it."""
    from desktop.ui import dialogs

    target = tmp_path / "out.pdf"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *args: target)

    def print_to_pdf(parent, printer):
        from PySide6.QtPrintSupport import QPrinter

        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return True

    monkeypatch.setattr(dialogs, "ask_print", print_to_pdf)
    return target


_KEYBOARD: list[object] = []  # one hidden widget that every test's stray key releases reach


@pytest.fixture(autouse=True)
def no_held_modifiers():
    """A shortcut that eats a key's release leaves the application holding Shift,
    Ctrl or Alt for every later test, which then types the wrong keys; let go of them
    after each test."""
    yield
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication.instance()
    if app is None or not app.keyboardModifiers():
        return
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    if not _KEYBOARD:
        _KEYBOARD.append(QWidget())
    for key in (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta):
        QTest.keyRelease(_KEYBOARD[0], key)

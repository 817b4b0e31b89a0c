"""Faults fail loudly and safely: bad databases, content packs, crashes."""

import logging
import sys

import pytest

from desktop.content.database import ContentDatabase, ContentError
from desktop.content.packs import BUNDLED, install_pack, open_content, version_key
from desktop.paths import DEFAULT_DATABASE
from desktop.ui.pages.registry import PAGE_KEYS
from devtools.faults import DB_OPTION_FAULTS
from devtools.synthetic import make_pack


def broken_copy(tmp_path, fault):
    path = tmp_path / f"broken-{fault.replace(' ', '-')}.sqlite3"
    DB_OPTION_FAULTS[fault][0](path)
    return path


# Bad databases --------------------------------------------------------------------------


@pytest.mark.parametrize("fault", sorted(DB_OPTION_FAULTS))
def test_window_explains_a_bad_database_and_exits(tmp_path, fault, dialog_log, settings_dir):
    from desktop.ui.app import run_app

    assert run_app(broken_copy(tmp_path, fault), None) == 2
    title, text, _, error = dialog_log[0]
    assert title == "Drug Guide cannot start" and error
    assert DB_OPTION_FAULTS[fault][1] in text and "Traceback" not in text


@pytest.mark.parametrize("fault", sorted(DB_OPTION_FAULTS))
def test_command_line_reports_a_bad_database_in_one_line(tmp_path, fault, capsys):
    from desktop.cli import main

    assert main(["triage", "dizzy", "--db", str(broken_copy(tmp_path, fault))]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and DB_OPTION_FAULTS[fault][1] in err


def test_bundled_database_is_never_written(qtbot, make_window, capsys):
    before = (DEFAULT_DATABASE.read_bytes(), DEFAULT_DATABASE.stat().st_mtime_ns)
    window = make_window()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
    window.search_field.setText("seizures")
    checker = window.page("symptom_checker")
    checker.view.sentence.setPlainText("dizzy and I had a fit")
    window.close()
    from desktop.cli import main

    for command in (["triage", "fit"], ["search", "x"], ["interactions", "codeine"]):
        main(command)
    capsys.readouterr()
    assert (DEFAULT_DATABASE.read_bytes(), DEFAULT_DATABASE.stat().st_mtime_ns) == before
    assert not list(DEFAULT_DATABASE.parent.glob("*-journal")) + list(
        DEFAULT_DATABASE.parent.glob("*-wal"))


# Content packs --------------------------------------------------------------------------


def test_version_order():
    assert version_key("2026.11.26") < version_key("2026.12.1") < version_key("2027.1.1")


def test_newest_valid_pack_wins(tmp_path, content_copy):
    folder = tmp_path / "packs"
    folder.mkdir()
    make_pack(folder, content_copy, "2098.1.1", "a-older")
    make_pack(folder, content_copy, "2099.1.1", "b-newer")
    make_pack(folder, content_copy, "2097.1.1", "c-oldest")
    content = open_content(None, [folder])
    assert content.database.info.content_version == "2099.1.1"
    assert content.origin == f"content pack {folder / 'b-newer.sqlite3'}"
    reasons = {path.name: why for path, why in content.refused}
    assert sorted(reasons) == ["a-older.sqlite3", "c-oldest.sqlite3"]
    assert all(why.startswith("older content: ") and "b-newer.sqlite3 (2099.1.1)" in why
               for why in reasons.values())
    content.database.close()


def test_pack_older_than_the_bundled_content_is_refused(tmp_path, content_copy):
    make_pack(tmp_path, content_copy, "2000.1.1")
    content = open_content(None, [tmp_path])
    assert content.origin == BUNDLED
    [(_, reason)] = content.refused
    assert reason.startswith("older content: ") and BUNDLED in reason
    content.database.close()


def test_invalid_pack_is_refused_with_reason(tmp_path):
    (tmp_path / "bad.sqlite3").write_bytes(b"garbage")
    content = open_content(None, [tmp_path])
    assert content.origin == BUNDLED
    assert content.refused[0][0].name == "bad.sqlite3"
    assert "not a Drug Guide content database" in content.refused[0][1]
    content.database.close()


def test_pack_in_the_users_data_folder_is_used(make_window, tmp_path, content_copy):
    from desktop.locations import user_content_folder

    folder = user_content_folder()
    folder.mkdir(parents=True)
    make_pack(folder, content_copy, "2099.2.2")
    window = make_window()
    assert window.content.database.info.content_version == "2099.2.2"
    assert "content pack" in window.about_text() and str(folder) in window.about_text()


def test_install_pack_validates_first(tmp_path):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"x")
    with pytest.raises(ContentError):
        install_pack(bad, tmp_path / "target")
    assert not (tmp_path / "target").exists()


def test_load_content_pack_from_the_menu(window, monkeypatch, tmp_path, content_copy):
    from desktop.ui import dialogs

    pack = make_pack(tmp_path, content_copy, "2099.3.3")
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *args: pack)
    window.load_content_pack()
    assert window.content.database.info.content_version == "2099.3.3"
    assert "2099.3.3" in window.about_text()


def test_invalid_pack_from_the_menu_keeps_what_it_had(window, monkeypatch, tmp_path,
                                                       dialog_log):
    from desktop.ui import dialogs

    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"\x00" * 100)
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *args: bad)
    before = window.content
    window.load_content_pack()
    assert window.content is before
    assert dialog_log[0][0] == "Content pack refused"
    assert "unchanged" in dialog_log[0][1] and "not a Drug Guide" in dialog_log[0][1]
    assert window.tabs.count() == len(PAGE_KEYS)


def test_explicit_database_must_be_valid(tmp_path):
    with pytest.raises(ContentError):
        open_content(tmp_path / "missing.sqlite3", [])


# Crash handling ---------------------------------------------------------------------------


@pytest.fixture
def installed_crash_handler(tmp_path, monkeypatch, dialog_log):
    from PySide6.QtCore import qInstallMessageHandler

    from desktop.ui import crash

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    path = crash.install(tmp_path / "logs")
    yield path
    qInstallMessageHandler(None)
    for handler in list(crash.log.handlers):
        crash.log.removeHandler(handler)
        handler.close()


def test_unhandled_error_is_logged_and_shown(installed_crash_handler, dialog_log):
    said = "".join(["patient said: ", "I had a fit"])  # not in any source line
    try:
        raise ValueError(said)
    except ValueError:
        sys.excepthook(*sys.exc_info())
    text = installed_crash_handler.read_text()
    assert "ValueError" in text and "test_reliability.py" in text
    assert "patient said" not in text  # messages may quote patient text; never logged
    _, message, details, error = dialog_log[0]
    assert error and "keep working" in message and "ValueError" in details


@pytest.mark.qt_log_ignore("something odd")
def test_qt_warnings_go_to_the_log(installed_crash_handler):
    from PySide6.QtCore import qWarning

    from desktop.ui import crash

    crash.install(installed_crash_handler.parent)  # pytest-qt swaps its handler in per test
    qWarning("something odd")
    for handler in logging.getLogger("drug_guide").handlers:
        handler.flush()
    assert "Qt: something odd" in installed_crash_handler.read_text()


def test_app_keeps_running_after_a_fault_in_a_slot(qtbot, window, installed_crash_handler,
                                                   dialog_log, monkeypatch):
    checker = window.page("symptom_checker")

    def broken(*args):
        raise RuntimeError("boom")

    # Undo only this patch: the dialogs stay replaced for the window's closing.
    with monkeypatch.context() as patched:
        patched.setattr(checker.triage, "assess_all", broken)
        with qtbot.capture_exceptions() as raised:
            checker.view.sentence.setPlainText("dizzy")
    assert raised  # pytest-qt saw it; in the app the crash handler takes it
    checker.view.sentence.setPlainText("seizures")
    assert checker.view.banner.tier == "emergency"


def test_log_folder_that_cannot_be_written(tmp_path, monkeypatch):
    from desktop.ui import crash

    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    assert crash.install(blocked / "logs") is None
    from PySide6.QtCore import qInstallMessageHandler

    qInstallMessageHandler(None)


def test_self_test_exit_code_on_failure(monkeypatch, capsys):
    from desktop.ui import selftest

    monkeypatch.setattr(selftest, "KNOWN_ANSWERS", [("seizures", "common")])
    with ContentDatabase(DEFAULT_DATABASE) as db:
        assert selftest.run_self_test(db, "baclofen") == 1
    assert capsys.readouterr().out.startswith("self-test FAILED: triage 'seizures' gave emergency")



def test_crash_dialog_names_the_log(installed_crash_handler, dialog_log):
    try:
        raise ValueError("x")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert f"logged in {installed_crash_handler}" in dialog_log[0][1]


def test_crash_dialog_says_when_the_log_could_not_be_written(tmp_path, monkeypatch,
                                                             dialog_log):
    from PySide6.QtCore import qInstallMessageHandler

    from desktop.ui import crash

    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / crash.LOG_NAME).symlink_to("/dev/full")  # a disk with no space left
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    crash.install(logs)
    try:
        raise ValueError("x")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    qInstallMessageHandler(None)
    for handler in list(crash.log.handlers):
        crash.log.removeHandler(handler)
        handler.close()
    message = dialog_log[0][1]
    assert "could not be written to the log" in message and "has been logged" not in message

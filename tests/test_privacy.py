"""What patients say is never written to disk, except in a file the user exports."""

from desktop.locations import log_folder
from desktop.paths import RESOURCES

SAID = ["dizzy and I had a fit last night", "my ears are ringing", "Mrs Example, 12 Any St"]


def files_under(folder):
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_a_triage_session_writes_nothing_but_settings(qtbot, make_window, private_home,
                                                      settings_dir, monkeypatch, version_records):
    """Nothing but the settings and the record of the newest content version used."""
    from PySide6.QtCore import qInstallMessageHandler

    from desktop.ui import crash

    before_resources = {p: p.read_bytes() for p in files_under(RESOURCES)}
    monkeypatch.setattr("sys.excepthook", __import__("sys").excepthook)
    crash.install(log_folder())
    window = make_window()
    checker = window.page("symptom_checker")
    qtbot.keyClicks(checker.view.entry, SAID[0])
    checker.add_entry()
    checker.view.sentence.setPlainText(SAID[1])
    checker.view.buttons["copy"].click()
    window.search_field.setText(SAID[2])
    window.page("interactions").view.lookup.setText(SAID[2])
    window.close()
    qInstallMessageHandler(None)

    written = [path for path in files_under(private_home) if path not in version_records]
    assert written and all(path.is_relative_to(settings_dir) for path in written), written
    for path in written:
        text = path.read_text(errors="replace")
        assert not any(said in text for said in SAID), path
    assert {p: p.read_bytes() for p in files_under(RESOURCES)} == before_resources

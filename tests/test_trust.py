"""Content you can trust byte for byte: edits are refused, one bad pack never stops
the app, crafted files cannot hang it, and every fault ends cleanly in one line."""

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from db.build import build
from db.sources import ContentSourceError
from desktop.content import database as database_module
from desktop.content.database import ContentDatabase, ContentError
from desktop.content.limits import MAX_TEXT_CHARS
from desktop.content.packs import BUNDLED, open_content, validated
from desktop.content.trust import signature_path
from desktop.paths import DEFAULT_DATABASE
from desktop.ui.pages.registry import PAGES
from devtools.faults import copy_bundled, edited_copy
from devtools.repo import ROOT
from devtools.signing import trusted_publisher
from devtools.synthetic import make_pack
from tests.test_cli import run

# 2. meta and the search index are covered -------------------------------------------


@pytest.mark.parametrize("statements", [
    ["UPDATE meta SET value = '9999' WHERE key = 'content_version'"],
    ["UPDATE meta SET value = 'Mild overdose: no need to call anyone' "
     "WHERE key = 'emergency_message'"],
    ["UPDATE search_items SET body = 'fake advice' WHERE id = 1",
     "INSERT INTO search_fts(search_fts) VALUES ('rebuild')"],
])
def test_edited_pack_is_refused_and_bundled_content_wins(tmp_path, statements, capsys):
    edited_copy(tmp_path / "edited.sqlite3", *statements, forge=False)
    content = open_content(None, [tmp_path])
    assert content.origin == BUNDLED
    [(path, reason)] = content.refused
    assert path.name == "edited.sqlite3"
    assert reason.startswith("signature made for another file: ")
    content.database.close()


# 3. one unreadable or damaged pack breaks nothing -------------------------------------


def test_every_kind_of_bad_pack_is_refused_and_the_rest_still_load(tmp_path, content_copy,
                                                                   monkeypatch):

    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / "a-folder.sqlite3").mkdir()
    os.mkfifo(folder / "b-fifo.sqlite3")
    (folder / "c-loop.sqlite3").symlink_to(folder / "c-loop.sqlite3")
    copy_bundled(folder / "d-unsigned.sqlite3")
    copy_bundled(folder / "e-bad-signature.sqlite3")
    signature_path(folder / "e-bad-signature.sqlite3").write_bytes(b"\xff\xfe not minisign")
    make_pack(folder, content_copy, "2099.1.1", "f-raises")
    make_pack(folder, content_copy, "2098.1.1", "g-good")
    real_validate = ContentDatabase.validate

    def hostile_validate(self, until):
        if self.path.name == "f-raises.sqlite3":  # as an I/O or decoding fault would
            raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")
        real_validate(self, until)

    monkeypatch.setattr(ContentDatabase, "validate", hostile_validate)
    content = open_content(None, [folder])
    assert content.database.info.content_version == "2098.1.1"
    reasons = dict((p.name, why) for p, why in content.refused)
    assert sorted(reasons) == ["a-folder.sqlite3", "b-fifo.sqlite3", "c-loop.sqlite3",
                               "d-unsigned.sqlite3", "e-bad-signature.sqlite3",
                               "f-raises.sqlite3"]
    assert "is a folder" in reasons["a-folder.sqlite3"]
    assert "not a regular file" in reasons["b-fifo.sqlite3"]
    assert reasons["d-unsigned.sqlite3"].startswith("unsigned: ")
    assert reasons["e-bad-signature.sqlite3"].startswith("bad signature: ")
    assert "UnicodeDecodeError" in reasons["f-raises.sqlite3"]
    assert all("\n" not in why for why in reasons.values())
    content.database.close()


def test_command_line_names_each_refused_pack(tmp_path, private_home):
    folder = private_home / ".local/share/DrugGuide/Drug Guide/content"
    folder.mkdir(parents=True)
    (folder / "junk.sqlite3").write_bytes(b"junk")
    edited_copy(folder / "edited.sqlite3", "UPDATE meta SET value = 'x' WHERE key = 'title'",
           forge=False)
    result = run("triage", "seizures", "--json", "--trusted-key", str(trusted_publisher()[1]))
    assert result.returncode == 0 and '"emergency"' in result.stdout
    notes = result.stderr.splitlines()
    assert len(notes) == 2 and all(line.startswith("note: pack ") for line in notes)
    assert any("edited.sqlite3 refused: signature made for another file" in line
               for line in notes)


# 4. a pack that opens but fails in use never wins ------------------------------------


def test_pack_with_a_broken_drug_is_refused_before_it_wins(tmp_path):
    edited_copy(tmp_path / "broken.sqlite3", "UPDATE meta SET value = '2999.1.1' WHERE key = "
           "'content_version'", "DELETE FROM sections WHERE key = 'uses'")
    content = open_content(None, [tmp_path])
    assert content.origin == BUNDLED
    assert "missing sections" in content.refused[0][1]
    content.database.close()


def test_menu_pack_that_fails_while_switching_changes_nothing(window, monkeypatch, tmp_path,
                                                              content_copy, dialog_log):
    from desktop.locations import user_content_folder
    from desktop.ui import dialogs
    from desktop.ui.controller import GuideController

    pack = make_pack(tmp_path, content_copy, "2099.4.4")
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *args: pack)
    real_choose = GuideController.choose_drug

    def failing_choose(self, drug_id):
        if self.content.database.info.content_version == "2099.4.4":
            raise OSError("Input/output error")
        real_choose(self, drug_id)

    monkeypatch.setattr(GuideController, "choose_drug", failing_choose)
    before = window.content
    window.load_content_pack()
    assert window.content is before and window.tabs.count() == len(PAGES)
    assert window.content.database.drugs()  # still open and usable
    assert dialog_log[0][0] == "Content pack refused" and "unchanged" in dialog_log[0][1]
    assert list(user_content_folder().iterdir()) == []


# 5. a schema the builder does not make is refused before any query ---------------------


_NESTED_VIEWS = ["BEGIN", "CREATE VIEW v0 AS SELECT key, value FROM meta",
                 *(f"CREATE VIEW v{n} AS SELECT key, value FROM v{n - 1}" for n in range(1, 1000))]


@pytest.mark.parametrize(("statements", "reason"), [
    (["PRAGMA writable_schema = ON",
      "UPDATE sqlite_master SET sql = replace(sql, 'porter unicode61', 'nosuch') "
      "WHERE name = 'search_fts'"], "search index is declared differently"),
    (["DROP TABLE search_fts_idx"], "lacks tables or indexes"),
    (["ALTER TABLE meta RENAME TO meta_rows",
      "CREATE VIEW meta AS WITH RECURSIVE forever(n) AS (SELECT 1 UNION ALL "
      "SELECT n + 1 FROM forever) SELECT key, value FROM meta_rows, forever"],
     "which the builder does not make"),
    (_NESTED_VIEWS, "holds the view 'v"),
    (["CREATE TRIGGER t AFTER DELETE ON meta BEGIN SELECT 1; END"], "holds the trigger 't'"),
    (["CREATE TABLE notes (text TEXT)"], "holds the table 'notes'"),
    (["CREATE INDEX extra ON blocks (body)"], "holds the index 'extra'"),
    (["ALTER TABLE blocks ADD COLUMN costly TEXT AS (instr(body || body, body || 'x'))"],
     "other or computed columns"),
    (["INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)')"],
     "search index has other settings"),
])
def test_a_schema_the_builder_does_not_make_is_refused(tmp_path, capsys, statements, reason):
    from desktop.cli import main

    path = edited_copy(tmp_path / "hostile.sqlite3", *statements)
    assert main(["search", "dose", "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a Drug Guide content database" in err
    assert reason in err


@pytest.mark.parametrize("version", ["9" * 4400, "2099.1.1/../x", "2099.1.1\nnote: forged",
                                     "2099.01.01.0001", "99.1.1", ""])
def test_a_content_version_that_is_not_a_release_date_is_refused(tmp_path, capsys, version):
    path = edited_copy(tmp_path / "version.sqlite3",
                       f"UPDATE meta SET value = '{version}' WHERE key = 'content_version'")
    with pytest.raises(ContentError, match="not a release date"):
        ContentDatabase(path)  # by its manifest, as the bundled database is checked
    from desktop.cli import main

    assert main(["pack", "verify", str(path)]) == 2  # by its signature, as a pack
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not YEAR.MONTH.DAY" in err


# 6. bounded work ---------------------------------------------------------------------


def test_reads_that_each_stay_in_budget_cannot_add_up(monkeypatch):
    """One budget covers the whole trial, from the first byte hashed to the last
    search, however many reads it takes."""
    monkeypatch.setattr(database_module, "TRIAL_SECONDS", 0.0)
    monkeypatch.setattr(database_module, "TRIAL_SECONDS_PER_GIB", 0.0)
    with pytest.raises(ContentError, match="the checks on opening it ran out of time"):
        validated(DEFAULT_DATABASE)


def test_sqlite_memory_is_capped():
    """The cap is for the whole process and can only be lowered, so a child tries it."""
    code = ("from desktop.content import verify; from desktop.content.packs import validated; "
            "from desktop.paths import DEFAULT_DATABASE; verify.MAX_HEAP_BYTES = 2**20\n"
            "try: validated(DEFAULT_DATABASE)\nexcept Exception as error: print(error)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, cwd=ROOT, check=True)
    assert "out of memory" in result.stdout and result.stdout.count("\n") == 1


@pytest.mark.parametrize(("size", "reason"), [
    (MAX_TEXT_CHARS + 1, "longer than 1,000,000 characters"),
    (8_000_000, "string or blob too big"),
])
def test_a_text_over_the_caps_is_refused(tmp_path, size, reason):
    path = edited_copy(tmp_path / "huge.sqlite3",
                  f"UPDATE blocks SET body = printf('%.{size}c', 'x') WHERE id = 1")
    with pytest.raises(ContentError, match=reason):
        open_content(path)


def test_builder_refuses_text_over_the_cap(content_copy, tmp_path):
    sections = content_copy / "baclofen" / "sections.toml"
    marker = 'title = "Overview"\n\n[[overview.blocks]]\nkind = "paragraph"\ntext = """'
    sections.write_text(sections.read_text().replace(marker, marker + "x" * MAX_TEXT_CHARS, 1))
    with pytest.raises(ContentSourceError, match="longer than 1,000,000 characters"):
        build(content_copy, tmp_path / "out.sqlite3")


def test_huge_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    from desktop.content import verify

    monkeypatch.setattr(verify, "MAX_FILE_BYTES", 100_000)
    with pytest.raises(ContentError, match="larger than any content database"):
        ContentDatabase(copy_bundled(tmp_path / "big.sqlite3"))


def test_long_unbroken_text_gets_break_points():
    from desktop.ui.documents import breakable

    text = breakable("x" * 200 + " short words stay " + "y" * 64)
    assert [len(run) for run in text.replace(" ", "\u200b").split("\u200b")] == [
        64, 64, 64, 8, 5, 5, 4, 64]


# 8. clean failure everywhere ------------------------------------------------------------


@pytest.mark.parametrize(("make", "reason"), [
    (lambda tmp: tmp, "is a folder"),
    (lambda tmp: (os.mkfifo(tmp / "fifo"), tmp / "fifo")[1], "is not a regular file"),
    (lambda tmp: tmp / ("x" * 5000), "File name too long"),
    (lambda tmp: tmp / "missing.sqlite3", "not found"),
])
def test_db_option_names_what_is_wrong(tmp_path, capsys, make, reason):
    from desktop.cli import main

    assert main(["triage", "x", "--db", str(make(tmp_path))]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and reason in err


def test_empty_db_option_is_a_usage_error(capsys):
    from desktop.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["triage", "x", "--db", ""])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and "not an empty one" in err and err.count("\n") == 1


def test_output_error_is_one_line_exit_2():
    with Path("/dev/full").open("w") as full:
        result = subprocess.run([sys.executable, "-m", "desktop", "triage", "seizures"],
                                cwd=ROOT, stdout=full, stderr=subprocess.PIPE, text=True,
                                check=False, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 2
    assert result.stderr == "drug-guide: error: the disk is full; the output is incomplete\n"


def test_closed_stdin_reads_as_empty():
    result = subprocess.run([sys.executable, "-m", "desktop", "triage", "-", "--json"], cwd=ROOT,
                            stdin=subprocess.DEVNULL, capture_output=True, text=True,
                            check=False, close_fds=True, pass_fds=(),
                            env={**os.environ, "PYTHONPATH": str(ROOT)},
                            preexec_fn=lambda: os.close(0))
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_ctrl_c_exits_130_with_one_line():
    process = subprocess.Popen([sys.executable, "-m", "desktop", "triage", "-", "--json"],
                               cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        process.stdin.write("seizures\n")
        process.stdin.flush()
        assert '"emergency"' in process.stdout.readline()  # now waiting for the next line
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 130 and err == "drug-guide: interrupted\n"


def test_window_quits_on_sigint(qtbot, window):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.ui.app import INTERRUPTED, quit_on_interrupt

    app = QApplication.instance()
    previous = signal.getsignal(signal.SIGINT)
    # A failure must not hang the suite; stopped afterwards, or its exit() would end the
    # event loops of the tests that run 30 s later.
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: app.exit(-1))
    try:
        quit_on_interrupt(app)
        QTimer.singleShot(0, lambda: os.kill(os.getpid(), signal.SIGINT))
        guard.start(30_000)
        assert app.exec() == INTERRUPTED
    finally:
        guard.stop()
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGINT, previous)


def test_print_says_it_is_waiting_on_the_print_service(window, monkeypatch):
    from desktop.ui import dialogs
    from desktop.ui.pages.base import PRINT_SERVICE_WAIT

    seen = []
    monkeypatch.setattr(dialogs, "ask_print",
                        lambda parent, printer: seen.append(
                            window.statusBar().currentMessage()) or False)
    window.print_current()
    assert seen == [PRINT_SERVICE_WAIT]
    assert window.statusBar().currentMessage() == "Print cancelled"


def test_nothing_but_printing_opens_a_socket(tmp_path):
    """Every command and the window (all tabs, search, triage, PDF export) under strace:
    not one socket is created. Printing is left out: it asks the system's print service."""
    strace = shutil.which("strace")
    if strace is None:
        pytest.skip("strace is not installed")
    script = tmp_path / "session.py"
    script.write_text(SESSION.format(pdf=tmp_path / "out.pdf"))
    trace = tmp_path / "trace"
    result = subprocess.run(
        [strace, "-f", "-qq", "-e", "trace=socket,connect", "-o", str(trace),
         sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
             "HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out.pdf").stat().st_size > 0
    assert trace.read_text() == ""


SESSION = '''
from pathlib import Path
from desktop.cli import main
for command in (["triage", "dizzy and I had a fit"], ["search", "kidney"],
                ["interactions", "valium"], ["self-test"]):
    main(command)
from desktop.ui import dialogs, printing
from desktop.ui.app import application, create_window
application()
window = create_window(None, None)
window.show()
for index in range(window.tabs.count()):
    window.tabs.setCurrentIndex(index)
window.search_field.setText("seizures")
window.show_page("symptom_checker").view.sentence.setPlainText("dizzy and I had a fit")
dialogs.ask_save_path = lambda *args: Path("{pdf}")
window.export_current()
window.close()
'''

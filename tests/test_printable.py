"""Names with new lines and escape codes cannot forge lines or colours, and every
refused pack is named (issue 25). Each test makes its hostile names itself."""

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.printable import printable
from tests.test_cli import run

FORGED = "pack\nnote: pack all.sqlite3 refused: none\x1b[31m\u202e.sqlite3"


def test_hidden_characters_are_shown_as_escapes():
    assert printable("a\nb\r\x1b[2J\x85\u2028\u202ec\x00") == \
        "a\\nb\\r\\x1b[2J\\x85\\u2028\\u202ec\\x00"
    for plain in ("dizzy é 🙂 你好", r"C:\Users\nurse\packs", "tab-free ~!@#$%^&*()"):
        assert printable(plain) == plain
    assert printable(Path("/tmp/a\nb")) == "/tmp/a\\nb"


def _user_pack_folder(home: Path) -> Path:
    folder = home / ".local/share/DrugGuide/Drug Guide/content"
    folder.mkdir(parents=True)
    return folder


def test_refused_pack_names_cannot_forge_note_lines(private_home):
    folder = _user_pack_folder(private_home)
    (folder / FORGED).write_bytes(b"junk")
    (folder / "\x1b]0;title\x07b.sqlite3").write_bytes(b"junk")
    result = run("triage", "seizures", "--json")
    assert result.returncode == 0
    notes = result.stderr.splitlines()
    assert len(notes) == 2 and all(line.startswith("note: pack ") for line in notes)
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert any("pack\\nnote: pack all.sqlite3 refused: none\\x1b[31m\\u202e" in line
               for line in notes)


def test_errors_that_name_a_path_stay_one_line(capsys, tmp_path):
    code = main(["pack", "verify", str(tmp_path / FORGED)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and err.startswith("drug-guide: refused: ")
    assert "\x1b" not in err


def test_usage_errors_escape_what_was_typed(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["search", "x", "extra\nnote: forged\x1b[2J"])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and err.count("\n") == 1 and "\x1b" not in err


def test_the_status_bar_names_every_refused_pack(private_home, make_window):
    folder = _user_pack_folder(private_home)
    for name in ("a.sqlite3", "b.sqlite3", FORGED):
        (folder / name).write_bytes(b"junk")
    window = make_window()
    message = window.statusBar().currentMessage()
    assert message.startswith("3 content packs refused: ")
    assert "a.sqlite3" in message and "b.sqlite3" in message and "\n" not in message
    assert message.endswith("(why: Help \u2192 About)")
    about = window.about_text()
    assert about.count("\nRefused content pack ") == 3 and "\x1b" not in about


def test_one_refused_pack_is_named_with_its_reason(private_home, make_window):
    (_user_pack_folder(private_home) / "only.sqlite3").write_bytes(b"junk")
    message = make_window().statusBar().currentMessage()
    assert message.startswith("Content pack only.sqlite3 refused: ")

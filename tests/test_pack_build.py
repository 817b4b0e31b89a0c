"""`drug-guide pack build` on hostile sources and a full disk (issue 25): exit 2 and
one line on stderr naming the fault, never a traceback. Each test breaks its own copy
of the sources."""

import errno
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import db.build
from desktop.cli import main
from devtools.repo import ROOT


@pytest.fixture
def build_from(monkeypatch, content_copy):
    """`pack build` reads the copy of the sources instead of db/content."""
    monkeypatch.setattr(db.build, "CONTENT_DIR", content_copy)
    return content_copy


def _pack_build(capsys, out, *extra):
    code = main(["pack", "build", "--out", str(out), *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _append(file, text):
    file.write_text(file.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.mark.parametrize(("breakage", "problem"), [
    (lambda guide: _append(guide, "\nx = " + "[" * 50_000 + "]" * 50_000 + "\n"),
     "malformed TOML (nested too deeply)"),
    (lambda guide: _append(guide, "\nbig = " + "9" * 5_001 + "\n"),
     "malformed TOML (Exceeds the limit (4300 digits) for integer string conversion"),
    (lambda guide: (guide.unlink(), guide.mkdir()), "cannot be read (Is a directory)"),
], ids=["nested", "long-integer", "folder"])
def test_broken_guide_toml_is_one_line(capsys, tmp_path, build_from, breakage, problem):
    breakage(build_from / "guide.toml")
    code, out, err = _pack_build(capsys, tmp_path / "out")
    assert code == 2 and out == ""
    assert err.startswith("drug-guide: error: The content sources have an error: ")
    assert problem in err and err.count("\n") == 1
    assert not list((tmp_path / "out").iterdir())  # nothing half-built is left


def test_a_folder_named_like_a_source_is_refused(capsys, tmp_path, build_from):
    (build_from / "baclofen" / "notes.toml").mkdir()
    code, _, err = _pack_build(capsys, tmp_path / "out")
    assert code == 2 and "notes.toml: is not a file" in err and err.count("\n") == 1


def test_a_300_digit_version_is_a_usage_error(capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_:
        main(["pack", "build", "--out", str(tmp_path), "--version", "1" * 300])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and "at most 32 characters" in err and err.count("\n") == 1


def test_a_full_disk_says_so_when_sqlite_fills_it(capsys, tmp_path, build_from, monkeypatch):
    """SQLite's own "disk full" (its page cap stands in for the disk)."""
    connect = sqlite3.connect

    def small_disk(*args, **kwargs):
        connection = connect(*args, **kwargs)
        connection.execute("PRAGMA max_page_count = 8")
        return connection

    monkeypatch.setattr(sqlite3, "connect", small_disk)
    code, out, err = _pack_build(capsys, tmp_path / "out")
    assert (code, out) == (2, "")
    assert err == f"drug-guide: error: Cannot write the pack into {tmp_path / 'out'}: " \
                  "the disk is full.\n"
    assert not list((tmp_path / "out").iterdir())


def test_a_full_disk_says_so_when_a_write_fails(capsys, tmp_path, build_from, monkeypatch):
    def no_space(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", no_space)
    code, _, err = _pack_build(capsys, tmp_path / "out")
    assert code == 2 and err.endswith(": the disk is full.\n") and err.count("\n") == 1
    assert "cannot write the output" not in err


def test_an_output_folder_that_is_a_file_is_one_line(capsys, tmp_path, build_from):
    (tmp_path / "out").write_text("")
    code, _, err = _pack_build(capsys, tmp_path / "out")
    assert code == 2 and err.startswith("drug-guide: error: Cannot write the pack into ")
    assert err.count("\n") == 1


def test_the_installed_command_builds_from_the_source_tree(tmp_path):
    """`drug-guide pack build`, the console script, run at the tree's root as the README
    shows: its own folder, not the tree, heads sys.path."""
    script = Path(sys.executable).with_name("drug-guide")
    if not script.is_file():
        pytest.skip("the drug-guide command is not installed in this environment")
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    result = subprocess.run([script, "pack", "build", "--out", tmp_path, "--version", "2099.1.1"],
                            cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == str(tmp_path / "drug-guide-content-2099.1.1.sqlite3")

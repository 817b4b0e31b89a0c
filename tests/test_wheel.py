"""An installed wheel works on its own: built from a copy of the source, installed into a
fresh virtual environment outside the repository, and run from another folder."""

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

from devtools.repo import ROOT

SOURCES = ("pyproject.toml", "README.md", "desktop", "resources")
PACKAGED_RESOURCES = ("desktop/resources/content.sqlite3", "desktop/resources/icons/common.svg",
                      "desktop/resources/icons/emergency.svg", "desktop/resources/styles/app.qss")


def run(*command, cwd, **env):
    return subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True,
                          check=False, env={**os.environ, **env})


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Built offline (no build isolation) from a copy, so the worktree gains no build files."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, source / name)
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                "--no-index", "-w", work / "dist", ".", cwd=source)
    assert built.returncode == 0, built.stderr
    return next((work / "dist").glob("drug_guide-*.whl"))


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh venv holding the wheel; the dependencies are borrowed from this venv through a
    path file (no network), whose own path files, such as the editable install, stay unread."""
    venv = tmp_path_factory.mktemp("fresh") / "venv"
    created = run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=venv.parent)
    assert created.returncode == 0, created.stderr
    python = venv / "bin" / "python"
    added = run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps",
                "--no-index", wheel, cwd=venv.parent)
    assert added.returncode == 0, added.stderr
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))",
                  cwd=venv.parent).stdout.strip()
    (Path(purelib) / "borrowed-dependencies.pth").write_text(sysconfig.get_path("purelib"))
    return venv


def test_wheel_holds_the_resources(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert set(PACKAGED_RESOURCES) <= names
    assert not any(name.startswith(("tests/", "devtools/", "db/", "benchmarks/"))
                   for name in names)


def test_every_package_is_in_the_wheel_list():
    listed = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    found = {".".join(p.parent.relative_to(ROOT).parts)
             for p in (ROOT / "desktop").rglob("__init__.py")}
    assert found <= set(listed)


def test_installed_app_runs_from_another_folder(installed, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    app = installed / "bin" / "drug-guide"
    where = run(installed / "bin" / "python", "-c", "import desktop.paths as p; print(p.RESOURCES)",
                cwd=elsewhere)
    assert Path(where.stdout.strip()).is_relative_to(installed), where.stdout + where.stderr
    checked = run(app, "self-test", cwd=elsewhere, QT_QPA_PLATFORM="offscreen",
                  HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"))
    assert checked.returncode == 0 and checked.stdout.startswith("self-test passed"), (
        checked.stdout + checked.stderr)
    triaged = run(app, "triage", "seizures", "--json", cwd=elsewhere)
    assert triaged.returncode == 0, triaged.stderr
    assert json.loads(triaged.stdout)["overall"] == "emergency"
    # A typo is repaired from the spell checker's word list, which must load when installed.
    repaired = run(app, "triage", "a siezure", "--json", cwd=elsewhere)
    assert json.loads(repaired.stdout)["symptoms"][0]["symptom"] == "seizures"

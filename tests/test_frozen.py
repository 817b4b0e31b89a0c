"""The frozen build works: bundle, archive and .deb, each started for real.

Marked `frozen`; `make test` runs these (the build takes under a minute). A failed build
shows the end of its stderr, which names the missing tool or library.
"""

import json
import os
import subprocess
import sys
import tarfile

import pytest

from devtools.repo import ROOT

# The first test also builds the bundle, archive and .deb (about a minute).
pytestmark = [pytest.mark.frozen, pytest.mark.timeout(900)]
DIST = ROOT / "dist"
REASON_LINES = 15  # PyInstaller ends with the missing tool or library and how to install it


def build_dist(env):
    """Run scripts/make-dist.sh; if it fails, fail with the last lines of its stderr."""
    build = subprocess.run(["bash", "scripts/make-dist.sh"], cwd=ROOT, env=env, check=False,
                           capture_output=True, text=True, errors="replace")
    if build.returncode != 0:
        reason = "\n".join(build.stderr.splitlines()[-REASON_LINES:])
        pytest.fail(f"scripts/make-dist.sh exited with {build.returncode}:\n{reason}",
                    pytrace=False)


@pytest.fixture(scope="session")
def dist():
    build_dist({**os.environ, "PYTHON": sys.executable})
    return DIST


def test_failed_build_names_its_reason(tmp_path):
    # A stand-in interpreter that fails the way PyInstaller does on a bare system.
    python = tmp_path / "python"
    python.write_text("#!/bin/sh\necho 'On Linux, objdump is required.' >&2\nexit 1\n")
    python.chmod(0o755)
    with pytest.raises(pytest.fail.Exception, match="exited with 1:\nOn Linux, objdump"):
        build_dist({**os.environ, "PYTHON": str(python)})


def run_frozen(executable, *args):
    return subprocess.run([str(executable), *args], capture_output=True, text=True,
                          timeout=120, check=False,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def test_frozen_self_test(dist):
    result = run_frozen(dist / "drug-guide" / "drug-guide", "self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("self-test passed")
    assert result.stderr == ""


def test_frozen_triage(dist):
    result = run_frozen(dist / "drug-guide" / "drug-guide", "triage", "seizures", "--json")
    assert result.returncode == 0 and json.loads(result.stdout)["overall"] == "emergency"
    typo = run_frozen(dist / "drug-guide" / "drug-guide", "triage", "siezure", "--json")
    assert json.loads(typo.stdout)["overall"] == "emergency"  # the word list is bundled


def test_frozen_bad_database_is_one_line(dist, tmp_path):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"junk")
    result = run_frozen(dist / "drug-guide" / "drug-guide", "search", "x", "--db", str(bad))
    assert result.returncode == 2 and result.stderr.count("\n") == 1


def test_frozen_checks_pack_signatures(dist, tmp_path):
    """PyNaCl is bundled: a signed pack verifies, and a stranger's key is refused."""
    from devtools.faults import copy_bundled
    from devtools.signing import sign, trusted_publisher

    pack = sign(copy_bundled(tmp_path / "pack.sqlite3"))
    app = dist / "drug-guide" / "drug-guide"
    trusted = run_frozen(app, "pack", "verify", str(pack), "--json",
                         "--trusted-key", str(trusted_publisher()[1]))
    assert trusted.returncode == 0 and json.loads(trusted.stdout)["valid"], trusted.stderr
    untrusted = run_frozen(app, "pack", "verify", str(pack), "--json")
    assert untrusted.returncode == 2
    assert json.loads(untrusted.stdout)["reason"].startswith("untrusted key: ")


def test_bundle_is_trimmed(dist):
    internal = dist / "drug-guide" / "_internal"
    names = {p.relative_to(internal).as_posix() for p in internal.rglob("*")}
    assert not any("/translations/" in n or "/plugins/tls" in n for n in names)
    assert not any("libQt6Network" in n or "libQt6Qml" in n or "libqgtk3" in n for n in names)
    assert any(n.endswith("platforms/libqxcb.so") for n in names)
    assert any(n.endswith("platforms/libqwayland.so") or "libqwayland-generic" in n
               for n in names)
    # PyStemmer, a top-level extension module no library links to, survives the pruning
    assert any(n.startswith("Stemmer.") and n.endswith(".so") for n in names)
    database = internal / "resources" / "content.sqlite3"
    from desktop.content.verify import read_manifest, verified_bytes

    assert verified_bytes(database, read_manifest(database))  # shipped with its digest


def test_archive_holds_the_bundle(dist):
    archive = next(dist.glob("drug-guide-*-linux-*.tar.gz"))
    with tarfile.open(archive) as tar:
        assert "drug-guide/drug-guide" in tar.getnames()


def test_deb_installs_and_starts(dist, tmp_path):
    package = next(dist.glob("drug-guide_*.deb"))
    info = subprocess.run(["dpkg-deb", "--info", str(package)], capture_output=True, text=True,
                          check=True).stdout
    assert "Package: drug-guide" in info and "Depends:" in info
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(package), str(root)], check=True)
    assert str((root / "usr/bin/drug-guide").readlink()) == "/opt/drug-guide/drug-guide"
    desktop = (root / "usr/share/applications/drug-guide.desktop").read_text()
    assert "Exec=/usr/bin/drug-guide" in desktop and "Icon=drug-guide" in desktop
    assert (root / "usr/share/icons/hicolor/256x256/apps/drug-guide.png").is_file()
    assert oct(root.stat().st_mode & 0o777) == "0o755"
    result = run_frozen(root / "opt/drug-guide/drug-guide", "self-test")
    assert result.returncode == 0, result.stdout + result.stderr

"""Bundle size against a bare PySide6 hello-world frozen by the same PyInstaller.

    python -m benchmarks.bundle     (after `make dist`; `make bench` includes it)

The bare build uses PyInstaller's default options, as a developer's first build would.
"""

import json
import sys
import tempfile
from pathlib import Path

from benchmarks.launch import BUILD_SECONDS, run_child

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
HELLO = """
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel("Hello")
label.show()
app.exec()
"""


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def bare_bundle_size() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        (work / "hello.py").write_text(HELLO)
        run_child([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
                   "hello.py"], timeout=BUILD_SECONDS, cwd=work)
        return folder_size(work / "dist" / "hello")


def bundle_report() -> dict[str, float]:
    app = folder_size(DIST / "drug-guide")
    bare = bare_bundle_size()
    mib = 2**20
    report = {
        "bundle_mib": app / mib,
        "bare_bundle_mib": bare / mib,
        "bundle_ratio": app / bare,
    }
    for key, pattern in (("tar_gz_mib", "*.tar.gz"), ("deb_mib", "*.deb")):
        found = sorted(DIST.glob(pattern))
        if found:
            report[key] = found[-1].stat().st_size / mib
    return report


def main() -> None:
    if not (DIST / "drug-guide").is_dir():
        sys.exit("run `make dist` first")
    print(json.dumps({k: round(v, 3) for k, v in bundle_report().items()}))


if __name__ == "__main__":
    main()

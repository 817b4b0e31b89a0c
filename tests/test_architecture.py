"""Domain code stays free of Qt, checked by import-linter's contract in pyproject.toml."""

import ast
import subprocess
import sys
from pathlib import Path

from devtools.repo import ROOT

DOMAIN = ["desktop/content", "desktop/triage"]


def test_import_linter_contract_holds():
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout


def test_domain_modules_name_no_qt():
    """A second, independent check, including imports inside functions."""
    for folder in DOMAIN:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                assert not any(n.startswith(("PySide6", "shiboken6", "desktop.ui"))
                               for n in names), path

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.content.database import ContentDatabase
from desktop.paths import DEFAULT_DATABASE
from desktop.triage.engine import Triage

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "db" / "content"

# `make test` runs a short profile; `make fuzz` at least 10,000 examples each.
settings.register_profile("default", max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=10_000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def database():
    with ContentDatabase(DEFAULT_DATABASE) as db:
        yield db


@pytest.fixture(scope="session")
def monograph(database):
    return database.monograph("baclofen")


@pytest.fixture(scope="session")
def triage(monograph):
    return Triage(monograph.side_effects)


@pytest.fixture
def content_copy(tmp_path) -> Path:
    """A writable copy of the content sources, for tests that break them."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture
def built_db(tmp_path, content_copy) -> Path:
    """A freshly built database from a copy of the sources."""
    from db.build import build

    out = tmp_path / "built.sqlite3"
    build(content_copy, out)
    return out

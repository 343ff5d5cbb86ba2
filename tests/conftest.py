"""Shared fixtures: a fresh database per test, a demo database built once per session and
copied per test, and an isolated data folder so no test touches the user's own."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["CLIENTELA_TESTING"] = "1"

from app.db import Database, open_database

PG_URL = os.environ.get("CLIENTELA_TEST_PG_URL")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings, logs and the default database go to a folder of the test's own."""
    from app import paths

    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("CLIENTELA_DATA_DIR", str(folder))
    paths.set_data_dir(None)
    return folder


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "clientela.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo database, generated once; tests get copies."""
    from app.services import demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    database = open_database(path)
    demo.generate(database, customers=300, seed=7, locale="zh_CN")
    database.dispose()
    return path


@pytest.fixture
def demo_db_path(demo_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "demo.db"
    shutil.copy(demo_template, target)
    return target


@pytest.fixture
def demo_db(demo_db_path: Path) -> Iterator[Database]:
    database = open_database(demo_db_path)
    yield database
    database.dispose()

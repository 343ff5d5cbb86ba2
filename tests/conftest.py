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
ON_SERVER = os.environ.get("CLIENTELA_TEST_BACKEND") == "postgresql"
"""Run the suite's databases on the PostgreSQL server at CLIENTELA_TEST_PG_URL: each
test gets a fresh server database copied from a template (migrated, or with the demo
office) instead of a file. Tests that are about files (backups, the shared drive, the
file's own checks) are marked ``sqlite_only`` and skipped there."""


class _Server:
    """Creates template databases once and a copy per test, dropping them afterwards."""

    def __init__(self, url: str) -> None:
        import uuid

        from sqlalchemy import create_engine

        self.url = url
        self.admin = create_engine(url, isolation_level="AUTOCOMMIT")
        self.prefix = f"clt_{uuid.uuid4().hex[:6]}"
        self.made: list[str] = []
        self.n = 0

    def _exec(self, sql: str) -> None:
        from sqlalchemy import text

        with self.admin.connect() as conn:
            conn.execute(text(sql))

    def url_of(self, name: str) -> str:
        from sqlalchemy.engine import make_url

        return make_url(self.url).set(database=name).render_as_string(hide_password=False)

    def create(self, template: str | None = None) -> str:
        self.n += 1
        name = f"{self.prefix}_{self.n}"
        self._exec(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        self.made.append(name)
        return name

    def drop(self, name: str) -> None:
        self._exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        for name in self.made:
            self.drop(name)
        self.admin.dispose()


@pytest.fixture(autouse=True)
def _collect_on_server() -> Iterator[None]:
    """On a server run, collect garbage after each test: a connection left open is then
    reported by the test that left it, not by whichever test the collector ran in."""
    yield
    if ON_SERVER:
        import gc

        gc.collect()


@pytest.fixture(scope="session")
def _server() -> Iterator[_Server | None]:
    if not ON_SERVER:
        yield None
        return
    if not PG_URL:
        pytest.exit("CLIENTELA_TEST_BACKEND=postgresql needs CLIENTELA_TEST_PG_URL", 2)
    server = _Server(PG_URL)
    yield server
    server.close()


@pytest.fixture(scope="session")
def _server_templates(_server: _Server | None) -> dict[str, str]:
    """A migrated empty database and a demo office on the server, copied per test."""
    if _server is None:
        return {}
    from app.services import demo

    empty = _server.create()
    database = open_database(_server.url_of(empty))
    database.dispose()
    office = _server.create()
    database = open_database(_server.url_of(office))
    demo.generate(database, customers=300, seed=7, locale="zh_CN")
    database.dispose()
    return {"empty": empty, "demo": office}


def _skip_file_tests_on_server(items: list[pytest.Item]) -> None:
    skip = pytest.mark.skip(reason="about database files; the suite runs on a server")
    for item in items:
        if item.get_closest_marker("sqlite_only"):
            item.add_marker(skip)


def pytest_configure(config: pytest.Config) -> None:
    if ON_SERVER:
        # A window closed at a test's end may still be reading when its database is
        # disposed (the program closes its one window at exit, where this cannot
        # happen); the server connection that read used is then collected unclosed.
        config.addinivalue_line(
            "filterwarnings",
            "ignore:Exception ignored in.*BaseConnection.__del__"
            ":pytest.PytestUnraisableExceptionWarning",
        )
        config.addinivalue_line(
            "filterwarnings", "ignore:.*was deleted while still open:ResourceWarning"
        )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)
    if ON_SERVER:
        _skip_file_tests_on_server(items)


@pytest.fixture(autouse=True)
def _data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings, logs and the default database go to a folder of the test's own."""
    from app import paths

    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("CLIENTELA_DATA_DIR", str(folder))
    paths.set_data_dir(None)
    import sys

    formats = sys.modules.get("app.ui.formats")
    if formats is not None:  # the office's currency and country, as a window last read them
        formats.set_office_country(None)
        formats.set_office_currency(None)
    return folder


@pytest.fixture
def db_path(tmp_path: Path, _server: _Server | None, _server_templates: dict[str, str]) -> Path:
    """The test database's file; on a server run, its URL (as a str, which is what the
    command-line tests pass to --db)."""
    if _server is not None:
        return _server.url_of(_server.create(_server_templates["empty"]))  # type: ignore[return-value]
    return tmp_path / "clientela.db"


def _settle() -> None:
    """Let the window's background operations end before a test's database is closed:
    a connection a worker still holds is not closed by ``dispose`` (a server connection
    left to the garbage collector is a ResourceWarning, an error in this suite)."""
    import sys
    import time

    ops = sys.modules.get("app.ui.operations")
    if ops is None or getattr(ops, "_manager", None) is None:
        return
    from PySide6.QtCore import QCoreApplication

    manager = ops.task_manager()
    manager.cancel_all()
    deadline = time.monotonic() + 10
    while manager.running() and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.005)


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    yield database
    _settle()
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
def demo_db_path(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    _server: _Server | None,
    _server_templates: dict[str, str],
) -> Path:
    if _server is not None:
        return _server.url_of(_server.create(_server_templates["demo"]))  # type: ignore[return-value]
    target = tmp_path / "demo.db"
    shutil.copy(request.getfixturevalue("demo_template"), target)
    return target


@pytest.fixture
def demo_db(demo_db_path: Path) -> Iterator[Database]:
    database = open_database(demo_db_path)
    yield database
    _settle()
    database.dispose()

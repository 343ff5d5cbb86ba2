"""Fixtures for the window tests. The top-level conftest gives each test its own data
folder (settings, logs, default database) and a fresh ``db``; these add a signed-in
admin, a shown main window, and make sure no operation outlives its test."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.db import Database
from app.services.users import ensure_admin

OP_TIMEOUT_MS = 10_000


@pytest.fixture(autouse=True)
def _english(request: pytest.FixtureRequest) -> None:
    """Window tests read the window in English as an English user does: with
    clientela_en.qm installed ("1 deal", "3 deals", never "deal(s)"), whatever an earlier
    test installed."""
    if "qtbot" not in request.fixturenames:
        return
    from PySide6.QtCore import QLocale

    from app.ui import application

    application.install_translators(request.getfixturevalue("qapp"), QLocale("en_US"))


@pytest.fixture(autouse=True)
def _no_operation_left_running(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test that starts operations waits for them to end before the next test."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    from app.ui.operations import task_manager

    qtbot = request.getfixturevalue("qtbot")
    yield
    manager = task_manager()
    manager.cancel_all()
    qtbot.waitUntil(lambda: not manager.running(), timeout=OP_TIMEOUT_MS)


@pytest.fixture
def admin_db(db: Database) -> Database:
    """The test's database with one admin, so the window offers no welcome dialog."""
    ensure_admin(db, "ada", "Ada Admin")
    return db


@pytest.fixture
def window(qtbot, admin_db: Database):  # type: ignore[no-untyped-def]
    from app.ui.main_window import MainWindow

    w = MainWindow(admin_db, offer_welcome=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.user is not None, timeout=OP_TIMEOUT_MS)
    return w


@pytest.fixture
def error_handler() -> Iterator[object]:
    """The program's error handler installed for one test, then removed."""
    from app.ui import errors

    handler = errors.install()
    yield handler
    handler.uninstall()


@pytest.fixture(params=["es", "zh_CN", "en"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    """Each interface language in turn, its translators installed (English afterwards):
    for tests that measure what the longest labels do to a layout."""
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from app.ui import application

    app = QApplication.instance()
    locale = QLocale("en_US") if request.param == "en" else QLocale(request.param)
    loaded = application.install_translators(app, locale)  # type: ignore[arg-type]
    assert request.param == "en" or loaded, f"no translation for {request.param}"
    yield request.param
    application.install_translators(app, QLocale("en_US"))  # type: ignore[arg-type]

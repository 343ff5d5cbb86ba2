"""Starting the program: the application object, the first database, and failures to
open one."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from app import paths
from app.db import open_database
from app.services.users import ensure_admin
from app.ui import application, errors
from app.ui.main_window import MainWindow

TIMEOUT = 10_000


@pytest.fixture
def gui_app(qapp) -> Iterator[QApplication]:  # type: ignore[no-untyped-def]
    font = qapp.font()
    created = application.create_app([])
    yield created
    errors.handler().uninstall()
    qapp.setFont(font)


@pytest.mark.gui
def test_create_app_sets_names_settings_and_error_handler(gui_app: QApplication) -> None:
    assert gui_app is QApplication.instance()
    assert QCoreApplication.organizationName() == "Clientela"
    assert QCoreApplication.applicationName() == "Clientela"
    assert QSettings.defaultFormat() == QSettings.Format.IniFormat
    assert Path(QSettings().fileName()).parent.parent == paths.settings_file().parent
    assert sys.excepthook == errors.handler().excepthook
    assert (paths.log_dir() / errors.LOG_NAME).exists()
    # The program's icon, for every window's title bar and the taskbar.
    assert 256 in [size.width() for size in gui_app.windowIcon().availableSizes()]


def test_start_creates_the_default_database_and_welcomes(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = application.start(None)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.welcome_dialog is not None, timeout=TIMEOUT)
    assert window.database is not None
    assert window.database.path == paths.default_db_path()
    assert window.status_location.text() == str(paths.default_db_path())
    assert window.isVisible()


def test_start_on_a_missing_file_explains_and_offers_quit(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "typo.db"
    window = application.start(missing)
    qtbot.addWidget(window)
    qtbot.waitUntil(
        lambda: window.findChild(QMessageBox, "openFailedBox") is not None, timeout=TIMEOUT
    )
    box = window.findChild(QMessageBox, "openFailedBox")
    assert "no database at" in box.informativeText()
    assert not missing.exists()  # a mistyped path does not become a new database
    assert window.database is None
    assert window.status_location.text() == "No database open"
    quit_button = box.findChild(QPushButton, "closeButton")
    assert quit_button.text() == "Quit"
    quit_button.click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=TIMEOUT)


def test_run_gui_runs_until_the_window_closes(qtbot, gui_app: QApplication, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "office.db"
    db = open_database(path)
    ensure_admin(db, "ada", "Ada Admin")
    db.dispose()
    seen: list[str] = []

    def close_when_ready() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, MainWindow) and w.isVisible() and w.user is not None:
                seen.append(w.status_user.text())
                w.close()
                return
        poll.start(20)

    poll = QTimer()
    poll.setSingleShot(True)
    poll.timeout.connect(close_when_ready)
    poll.start(0)
    safety = QTimer()
    safety.setSingleShot(True)
    safety.timeout.connect(QApplication.quit)
    safety.start(20_000)
    try:
        code = application.run_gui(str(path), shared_drive=None, user_name=None)
    finally:
        safety.stop()
        poll.stop()
    assert code == 0
    assert seen == ["Ada Admin"]

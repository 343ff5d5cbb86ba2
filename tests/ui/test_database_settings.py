"""Settings ▸ Database and backups: where the data is, the backup folder, Back up now,
and the way to a server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.db import Database
from app.services import backup
from app.services.users import current_user
from app.ui.database_settings import DatabaseSettingsTab

pytestmark = pytest.mark.gui

TIMEOUT = 15_000


def _tab(qtbot, db: Database) -> DatabaseSettingsTab:  # type: ignore[no-untyped-def]
    tab = DatabaseSettingsTab()
    qtbot.addWidget(tab)
    tab.show()
    tab.set_context(db, current_user(db, None))
    qtbot.waitUntil(lambda: tab.last_label.text() != "", timeout=TIMEOUT)
    return tab


@pytest.mark.sqlite_only  # a database file
def test_folder_and_back_up_now(qtbot, admin_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = _tab(qtbot, admin_db)
    assert tab.where_label.text() == str(admin_db.path)
    assert "this PC" in tab.mode_label.text()
    assert tab.last_label.text().startswith("None yet")
    folder = tmp_path / "copies"
    folder.mkdir()
    tab.ask_folder = lambda: str(folder)
    tab.folder_button.click()
    op = tab.save_folder()
    qtbot.waitUntil(lambda: op.done and tab.folder_edit.text() == str(folder), timeout=TIMEOUT)
    with qtbot.waitSignal(tab.stateChanged, timeout=TIMEOUT) as known:
        tab.back_up_now()
    state = known.args[0]
    assert state.folder == folder and not state.warn
    copies = sorted(p.name for p in folder.iterdir())
    assert len(copies) == 2 and any("-manual-" in n for n in copies)
    assert all(backup.verify(folder / n) is None for n in copies)
    assert "day" in tab.last_label.text() and str(folder) in tab.last_label.text()


@pytest.mark.sqlite_only  # a database file
def test_move_to_a_server_asks_and_reports(qtbot, admin_db: Database) -> None:  # type: ignore[no-untyped-def]
    tab = _tab(qtbot, admin_db)
    tab.ask_url = lambda _title: "mysql://somewhere/office"
    op = tab.move_to_server()
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert op.error is not None and "postgresql" in str(op.error)
    assert tab.status.text() == "Nothing was moved."
    asked: list[str] = []
    tab.openRequested.connect(asked.append)
    tab.ask_url = lambda _title: "postgresql+psycopg://u@host/office"
    tab.connect_server()
    assert asked == ["postgresql+psycopg://u@host/office"]


@pytest.mark.skipif(not os.environ.get("CLIENTELA_TEST_PG_URL"), reason="no PostgreSQL server")
@pytest.mark.sqlite_only  # a database file
def test_move_then_open(qtbot, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = os.environ["CLIENTELA_TEST_PG_URL"]
    name = f"clientela_ui_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    try:
        tab = _tab(qtbot, demo_db)
        tab.ask_url = lambda _title: url
        asked: list[str] = []
        tab.openRequested.connect(asked.append)
        op = tab.move_to_server()
        qtbot.waitUntil(lambda: op.done, timeout=60_000)
        assert op.error is None and op.result.counts["customers"] == 300
        from PySide6.QtWidgets import QMessageBox

        tab.moved_box.button(QMessageBox.StandardButton.Open).click()
        assert asked == [url]
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

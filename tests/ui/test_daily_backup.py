"""The first start of a day backs the database up; the Today page warns when the last
good backup is missing or more than two days old."""

from __future__ import annotations

import datetime as dt

import pytest

from app.db import Database
from app.models import Setting
from app.services import backup
from app.ui.daily_backup import DailyBackup
from app.ui.pages.today import TodayPage

pytestmark = pytest.mark.gui

TIMEOUT = 15_000


@pytest.mark.sqlite_only  # backups of a file
def test_the_window_backs_up_on_start(qtbot, window, admin_db: Database) -> None:  # type: ignore[no-untyped-def]
    folder = admin_db.path.parent / "backups"
    today = dt.date.today()
    qtbot.waitUntil(
        lambda: (folder / f"{admin_db.path.stem}-{today.isoformat()}.db").exists(),
        timeout=TIMEOUT,
    )
    qtbot.waitUntil(lambda: window.daily_backup.operation.done, timeout=TIMEOUT)
    assert backup.verify(folder / f"{admin_db.path.stem}-{today.isoformat()}.db") is None
    assert not window.page("today").backup_warning.isVisible()


@pytest.mark.sqlite_only  # backups of a file
def test_a_failing_backup_shows_on_today(qtbot, tmp_path, admin_db: Database) -> None:  # type: ignore[no-untyped-def]
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the backup folder should be")
    with admin_db.write() as s:
        s.add(Setting(key=backup.FOLDER_SETTING, value=str(blocked)))
    page = TodayPage()
    qtbot.addWidget(page)
    page.show()
    runner = DailyBackup()
    runner.stateKnown.connect(page.show_backup_state)
    with qtbot.waitSignal(runner.stateKnown, timeout=TIMEOUT):
        runner.start(admin_db)
    assert runner.error
    assert page.backup_warning.isVisible()
    assert "no good backup" in page.backup_warning.text()


@pytest.mark.sqlite_only  # backups of a file
def test_an_old_backup_is_named_with_its_age(qtbot, admin_db: Database) -> None:  # type: ignore[no-untyped-def]
    today = dt.date(2026, 11, 24)
    backup.daily(admin_db, today=today - dt.timedelta(days=5))
    page = TodayPage()
    qtbot.addWidget(page)
    page.show()
    page.show_backup_state(backup.state(admin_db, today))
    assert page.backup_warning.isVisible() and "5 day" in page.backup_warning.text()
    page.show_backup_state(backup.state(admin_db, today - dt.timedelta(days=4)))
    assert not page.backup_warning.isVisible()

"""Backups and restores of a real database file."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.db import open_database
from app.errors import ClientelaError
from app.models import Customer
from app.services import backup

pytestmark = pytest.mark.sqlite_only  # backups are of database files


def count(db) -> int:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Customer)) or 0


def test_backup_while_open_then_restore_round_trip(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "copy.db"
    seen: list[tuple[int, int]] = []
    result = backup.backup(demo_db, out, progress=lambda d, t: seen.append((d, t)))
    assert result.size > 0 and seen and seen[-1][0] == seen[-1][1]
    assert backup.verify(out) is None
    with demo_db.write() as s:
        s.query(Customer).delete()
    assert count(demo_db) == 0
    path = demo_db.path
    demo_db.dispose()
    aside = backup.restore(path, out, now=dt.datetime(2026, 11, 24, 9, 30))
    assert aside.name == "demo.before-restore-20261124-093000.db"
    assert backup.verify(aside) is None
    again = open_database(path)
    try:
        assert count(again) == 300
    finally:
        again.dispose()
    kept = open_database(aside)
    try:
        assert count(kept) == 0
    finally:
        kept.dispose()


def test_a_damaged_backup_is_never_restored(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "copy.db"
    backup.backup(demo_db, out)
    data = bytearray(out.read_bytes())
    for offset in range(4096 * 3, min(len(data), 4096 * 40), 4096):
        data[offset : offset + 100] = b"\xee" * 100
    out.write_bytes(bytes(data))
    before = demo_db.path.read_bytes()
    with pytest.raises(ClientelaError, match="cannot be restored"):
        backup.restore(demo_db.path, out)
    assert demo_db.path.read_bytes() == before


def test_restoring_something_else_is_refused(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE x (a)")
    conn.commit()
    conn.close()
    with pytest.raises(ClientelaError, match="not a Clientela database"):
        backup.restore(db.path, other)
    with pytest.raises(ClientelaError, match="no backup"):
        backup.restore(db.path, tmp_path / "missing.db")


def test_backup_refuses_its_own_file_and_missing_folders(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ClientelaError, match="overwrite the database"):
        backup.backup(db, db.path)
    with pytest.raises(ClientelaError, match="does not exist"):
        backup.backup(db, tmp_path / "nope" / "x.db")


def test_daily_backups_are_thinned_to_14_days_and_12_months(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "backups"
    made = [dt.date(2025, 1, 1) + dt.timedelta(days=n) for n in range(0, 450, 5)]
    for day in made:
        assert backup.daily(db, folder, today=day) is not None
    assert backup.daily(db, folder, today=made[-1]) is None
    first_of_month: dict[tuple[int, int], dt.date] = {}
    for day in made:
        first_of_month.setdefault((day.year, day.month), day)
    expected = set(made[-14:]) | set(sorted(first_of_month.values())[-12:])
    kept = {dt.date.fromisoformat(p.name[-13:-3]) for p in folder.iterdir()}
    assert kept == expected
    assert backup.last_good(folder, db.path.stem) == made[-1]


def test_state_warns_without_a_recent_good_backup(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.models import Setting

    today = dt.date(2026, 11, 24)
    none = backup.state(db, today)
    assert none is not None and none.last_good is None and none.warn
    assert none.folder == db.path.parent / "backups"  # beside the database by default
    folder = tmp_path / "elsewhere"
    with db.write() as s:
        s.add(Setting(key=backup.FOLDER_SETTING, value=str(folder)))
    backup.daily(db, today=today - dt.timedelta(days=3))
    old = backup.state(db, today)
    assert old.folder == folder and old.last_good == today - dt.timedelta(days=3)
    assert old.days_old == 3 and old.warn
    backup.daily(db, today=today - dt.timedelta(days=1))
    fresh = backup.state(db, today)
    assert fresh.last_good == today - dt.timedelta(days=1) and not fresh.warn
    newest = folder / f"{db.path.stem}-{today.isoformat()}.db"
    newest.write_bytes(b"not a database at all")  # damaged: passed over
    assert backup.state(db, today).last_good == today - dt.timedelta(days=1)

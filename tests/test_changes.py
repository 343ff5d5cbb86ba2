"""Seeing other PCs' writes: the probe reports a commit made through another connection
once, and stays quiet while nothing is written (reads included)."""

from __future__ import annotations

from pathlib import Path

from app.db import Database, open_database
from app.models import Customer
from app.services.changes import ChangeProbe


def test_sqlite_probe_sees_other_connections_commits(db: Database, db_path: Path) -> None:
    other = open_database(db_path)
    probe = ChangeProbe(db)
    try:
        assert probe.poll() is False  # takes its bearings
        with db.session() as s:  # reading changes nothing
            s.get(Customer, 1)
        assert probe.poll() is False
        with other.write() as s:
            s.add(Customer(number="C1", name="Wang"))
        assert probe.poll() is True
        assert probe.poll() is False
        with db.write() as s:  # this program's own writes count too: the pages refresh
            s.add(Customer(number="C2", name="Li"))
        assert probe.poll() is True
    finally:
        probe.close()
        other.dispose()


def test_shared_drive_mode_too(tmp_path: Path) -> None:
    path = tmp_path / "office.db"
    a = open_database(path, shared_drive=True, create=True)
    b = open_database(path, shared_drive=True)
    probe = ChangeProbe(a)
    try:
        probe.poll()
        with b.write() as s:
            s.add(Customer(number="C1", name="Wang"))
        assert probe.poll() is True
    finally:
        probe.close()
        a.dispose()
        b.dispose()

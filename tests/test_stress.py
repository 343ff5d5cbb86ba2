"""Six PCs on one SQLite file in shared-drive mode for 30 seconds, and a PC killed in the
middle of its writes: every committed write is there afterwards, every conflicting edit
was detected (the notes hold every marker whose save succeeded), the file is whole, and
no process met an error other than a conflict."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.db import Database, open_database
from app.models import Activity, Customer
from app.services import customers
from app.services.customers import CustomerData

pytestmark = pytest.mark.slow

WORKER = Path(__file__).with_name("stress_worker.py")
PROCESSES = 6
SECONDS = 30


def _office(tmp_path: Path) -> tuple[Path, list[int]]:
    path = tmp_path / "office.db"
    db = open_database(path, shared_drive=True, create=True)
    try:
        ids = [
            customers.create(db, None, CustomerData(name=f"Shared {i}")).customer_id
            for i in range(3)
        ]
    finally:
        db.dispose()
    return path, ids


def _start(
    path: Path, seconds: float, wid: int, journal: Path, ids: list[int], csv: str
) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            str(WORKER),
            str(path),
            str(seconds),
            str(wid),
            str(journal),
            ",".join(map(str, ids)),
            csv,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _journal(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def _check_whole(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def _check_journal(db: Database, lines: list[str]) -> dict[str, int]:
    seen = {"create": 0, "edit": 0, "conflict": 0, "activity": 0, "import": 0}
    with db.session() as s:
        notes = {c.id: c.notes or "" for c in s.scalars(select(Customer))}
        for line in lines:
            kind, *rest = line.split(" ")
            assert kind != "error", line
            seen[kind] += 1
            if kind == "create":
                assert int(rest[0]) in notes, line
            elif kind == "edit":
                assert rest[1] in notes[int(rest[0])], f"edit lost: {line}"
            elif kind == "activity":
                assert s.get(Activity, int(rest[0])) is not None, line
    return seen


def test_six_pcs_for_thirty_seconds(tmp_path: Path) -> None:
    path, ids = _office(tmp_path)
    procs = []
    for wid in range(PROCESSES):
        csv = tmp_path / f"import{wid}.csv"
        csv.write_text(
            "姓名,手机\n" + "".join(f"导入{wid}-{k},1390000{wid}{k:03d}\n" for k in range(50)),
            encoding="utf-8",
        )
        procs.append((_start(path, SECONDS, wid, tmp_path / f"j{wid}.txt", ids, str(csv)), wid))
    for proc, wid in procs:
        _out, err = proc.communicate(timeout=SECONDS * 6)
        assert proc.returncode == 0, (
            wid,
            err.decode(errors="replace")[-2000:],
            _journal(tmp_path / f"j{wid}.txt")[-3:],
        )
    _check_whole(path)
    db = open_database(path, shared_drive=True)
    try:
        seen = {"create": 0, "edit": 0, "conflict": 0, "activity": 0, "import": 0}
        for _proc, wid in procs:
            for k, v in _check_journal(db, _journal(tmp_path / f"j{wid}.txt")).items():
                seen[k] += v
        with db.session() as s:
            imported = s.scalar(select(func.count()).where(Customer.name.like("导入%")))
        assert seen["import"] == PROCESSES and imported == PROCESSES * 50
        assert seen["create"] > 0 and seen["edit"] > 0 and seen["activity"] > 0
        print(f"\nstress: {seen}")
    finally:
        db.dispose()


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_pc_killed_mid_write_leaves_the_file_whole(tmp_path: Path) -> None:
    path, ids = _office(tmp_path)
    journal = tmp_path / "killed.txt"
    proc = _start(path, 60, 9, journal, ids, "-")
    deadline = time.monotonic() + 60
    while len(_journal(journal)) < 30 and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.stderr is not None
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    _check_whole(path)
    db = open_database(path, shared_drive=True)
    try:
        seen = _check_journal(db, _journal(journal))
        assert seen["create"] + seen["edit"] + seen["activity"] >= 30
        customers.create(db, None, CustomerData(name="after the crash"))  # still writable
    finally:
        db.dispose()

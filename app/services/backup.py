"""Backups of a SQLite database with SQLite's online backup API (safe while other PCs
use the file), checked before they are trusted, and restores that keep the current file
aside and check the backup before it replaces anything."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from app.db import Database, known_revisions
from app.errors import ClientelaError
from app.models import Setting

DAILY_KEEP = 14
MONTHLY_KEEP = 12
PAGES_PER_STEP = 2048
NAME = re.compile(r"^(?P<stem>.+)-(?P<date>\d{4}-\d{2}-\d{2})\.db$")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int


def _require_file(db: Database) -> Path:
    if not db.is_sqlite or db.path is None:
        raise ClientelaError("a server database is backed up with the server's own tools (pg_dump)")
    return db.path


def copy_database(source: Path, target: Path, progress: Progress | None = None) -> None:
    """Page by page through the backup API into ``target`` (a temporary name first, so a
    failure never leaves a half file under the real name)."""
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(tmp)
    try:

        def step(_status: int, remaining: int, total: int) -> None:
            if progress is not None:
                progress(total - remaining, total)

        src.backup(dst, pages=PAGES_PER_STEP, progress=step)
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        src.close()
    os.replace(tmp, target)


def verify(path: Path) -> str | None:
    """None when ``path`` is a whole Clientela database this program can read, else why not."""
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if result != ["ok"]:
            return "damaged: " + "; ".join(result[:3])
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables or "customers" not in tables:
            return "not a Clientela database"
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if revision and revision[0] not in known_revisions()[0]:
            return "made by a newer version of Clientela"
        return None
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()


def backup(db: Database, out: Path, progress: Progress | None = None) -> BackupResult:
    source = _require_file(db)
    out = Path(out)
    if out.resolve() == source.resolve():
        raise ClientelaError("the backup cannot overwrite the database itself")
    if not out.parent.is_dir():
        raise ClientelaError("the folder {folder} does not exist", folder=out.parent)
    try:
        copy_database(source, out, progress)
    except (OSError, sqlite3.Error) as exc:
        raise ClientelaError("the backup failed: {err}", err=exc) from exc
    problem = verify(out)
    if problem:
        out.unlink(missing_ok=True)
        raise ClientelaError("the backup did not check out ({why}); nothing was kept", why=problem)
    return BackupResult(out, out.stat().st_size)


def restore(db_path: Path, backup_file: Path, now: dt.datetime | None = None) -> Path:
    """Put ``backup_file`` in place of ``db_path``; returns where the current file was kept.

    The backup is checked first; the current database is copied aside (whole, through the
    backup API) before anything is replaced."""
    db_path, backup_file = Path(db_path), Path(backup_file)
    if not backup_file.is_file():
        raise ClientelaError("no backup at {path}", path=backup_file)
    problem = verify(backup_file)
    if problem:
        raise ClientelaError("{path} cannot be restored: {why}", path=backup_file, why=problem)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    aside = db_path.with_name(f"{db_path.stem}.before-restore-{stamp}{db_path.suffix}")
    if db_path.exists():
        copy_database(db_path, aside)
    src = sqlite3.connect(f"{backup_file.as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(db_path, timeout=30)
    try:
        src.backup(dst, pages=PAGES_PER_STEP)
    except sqlite3.OperationalError as exc:
        raise ClientelaError(
            "the database is in use by another PC; close Clientela there and try again"
        ) from exc
    finally:
        dst.close()
        src.close()
    return aside


FOLDER_SETTING = "backup.folder"
WARN_AFTER_DAYS = 2


def backup_folder(db: Database) -> Path:
    """The office's backup folder (setting ``backup.folder``), else ``backups`` beside
    the database file."""
    source = _require_file(db)
    try:
        with db.session() as s:
            chosen = s.scalar(select(Setting.value).where(Setting.key == FOLDER_SETTING))
    except SQLAlchemyError:  # an unreadable setting must not stop the backup
        chosen = None
    if isinstance(chosen, str) and chosen.strip():
        return Path(chosen.strip())
    return source.parent / "backups"


@dataclass(frozen=True)
class BackupState:
    folder: Path
    last_good: dt.date | None
    """The newest backup that checks out, or None."""
    today: dt.date

    @property
    def days_old(self) -> int | None:
        return None if self.last_good is None else (self.today - self.last_good).days

    @property
    def warn(self) -> bool:
        """The Today page warns: no good backup, or the last is older than two days."""
        return self.last_good is None or (self.today - self.last_good).days > WARN_AFTER_DAYS


_checked: dict[tuple[str, int, int], bool] = {}


def _good(path: Path) -> bool:
    """``verify`` once per file version: an integrity check of a large database takes
    seconds, and the Today page asks again on every refresh."""
    try:
        st = path.stat()
    except OSError:
        return False
    key = (str(path), st.st_size, st.st_mtime_ns)
    if key not in _checked:
        _checked[key] = verify(path) is None
    return _checked[key]


def state(db: Database, today: dt.date | None = None) -> BackupState | None:
    """How recent the last good backup is; None for a server database (backed up with
    the server's own tools)."""
    if not db.is_sqlite or db.path is None:
        return None
    folder = backup_folder(db)
    return BackupState(folder, last_good(folder, db.path.stem), today or dt.date.today())


def daily(
    db: Database, folder: Path | None = None, today: dt.date | None = None
) -> BackupResult | None:
    """The first start of a day makes that day's backup; older ones are thinned to the
    last 14 days and one a month for 12 months. None when today's exists already."""
    source = _require_file(db)
    folder = Path(folder) if folder else backup_folder(db)
    folder.mkdir(parents=True, exist_ok=True)
    today = today or dt.date.today()
    target = folder / f"{source.stem}-{today.isoformat()}.db"
    if target.exists():
        return None
    result = backup(db, target)
    prune(folder, source.stem, today)
    return result


def prune(folder: Path, stem: str, today: dt.date) -> list[Path]:
    dated = sorted(
        (dt.date.fromisoformat(m["date"]), p)
        for p in folder.iterdir()
        if (m := NAME.match(p.name)) and m["stem"] == stem
    )
    keep: set[Path] = {p for _, p in dated[-DAILY_KEEP:]}
    months: dict[tuple[int, int], Path] = {}
    for day, p in dated:
        months.setdefault((day.year, day.month), p)  # the month's first backup
    keep.update(p for _, p in sorted(months.items())[-MONTHLY_KEEP:])
    removed = [p for _, p in dated if p not in keep]
    for p in removed:
        p.unlink(missing_ok=True)
    return removed


def last_good(folder: Path, stem: str) -> dt.date | None:
    """The date of the newest backup that checks out (Today warns when it is old)."""
    dated = (
        sorted(
            (
                (dt.date.fromisoformat(m["date"]), p)
                for p in folder.iterdir()
                if (m := NAME.match(p.name)) and m["stem"] == stem
            ),
            reverse=True,
        )
        if folder.is_dir()
        else []
    )
    for day, p in dated:
        if _good(p):
            return day
    return None

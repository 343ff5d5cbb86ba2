"""Opening a database: the file or server, its mode, its schema revision.

Three modes:
- ``local``: a SQLite file on this PC, WAL journal.
- ``shared``: a SQLite file on a network drive. WAL's shared memory does not work across
  machines, so the rollback journal is used, with a long busy timeout, and writes begin
  IMMEDIATE so two PCs never deadlock upgrading a read lock.
- ``server``: any SQLAlchemy URL, PostgreSQL in practice.

The schema is brought to the newest revision on open. A database stamped by a revision
this program does not know was written by a newer version: it is opened read-only.
"""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from . import paths
from .errors import DatabaseBusyError, DatabaseOpenError, NewerSchemaError, ReadOnlyError

T = TypeVar("T")

SQLITE_MAGIC = b"SQLite format 3\x00"
LOCAL_BUSY_MS = 5_000
SHARED_BUSY_MS = 15_000
NETWORK_FS = {"cifs", "smb3", "smbfs", "nfs", "nfs4", "fuse.sshfs", "sshfs", "9p", "afs", "ncpfs"}


class DbMode(StrEnum):
    LOCAL = "local"
    SHARED = "shared"
    SERVER = "server"


def migrations_dir() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "migrations", here / "migrations"):
        if (candidate / "env.py").is_file():
            return candidate
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", here)) / "migrations"
    raise DatabaseOpenError("the program's migrations folder is missing; reinstall Clientela")


def _alembic_config(connection: Any = None) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.attributes["connection"] = connection
    return cfg


def known_revisions() -> tuple[set[str], str]:
    """All revisions this program knows, and the newest."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config())
    revs = {r.revision for r in script.walk_revisions()}
    head = script.get_current_head()
    assert head is not None
    return revs, head


def is_network_path(path: Path) -> bool:
    """UNC paths and remote drives on Windows; network filesystems on Linux and macOS."""
    s = str(path)
    if s.startswith(("\\\\", "//")):
        return True
    if os.name == "nt":
        import ctypes

        drive = os.path.splitdrive(os.path.abspath(s))[0]
        if drive:
            DRIVE_REMOTE = 4
            return bool(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE)  # type: ignore[attr-defined]
        return False
    return _mount_fstype(path) in NETWORK_FS


def _mount_fstype(path: Path, mounts_text: str | None = None) -> str | None:
    """The filesystem type of the mount holding ``path``, from /proc/mounts."""
    if mounts_text is None:
        try:
            with open("/proc/mounts", encoding="utf-8") as f:
                mounts_text = f.read()
        except OSError:
            return None
    target = os.path.realpath(path if path.exists() else path.parent)
    best, fstype = "", None
    for parts in (line.split() for line in mounts_text.splitlines()):
        if len(parts) < 3:
            continue
        mnt = parts[1].replace("\\040", " ")
        if (target == mnt or target.startswith(mnt.rstrip("/") + "/")) and len(mnt) >= len(best):
            best, fstype = mnt, parts[2]
    return fstype


def _is_locked(exc: BaseException) -> bool:
    msg = str(exc).lower()
    return "database is locked" in msg or "database table is locked" in msg or "busy" in msg


@dataclass
class Database:
    """An open database. Reads use ``session()``; writes go through ``write()`` or
    ``run_write()``, which begin IMMEDIATE on SQLite and retry while another PC writes."""

    url: URL
    mode: DbMode
    engine: Engine
    write_engine: Engine
    read_only: bool = False
    revision: str | None = None
    path: Path | None = None
    read_only_reason: str | None = None
    _sessions: sessionmaker[Session] = field(init=False, repr=False)
    _write_sessions: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(self.write_engine, expire_on_commit=False)

    @property
    def location(self) -> str:
        if self.path is not None:
            return str(self.path)
        return self.url.render_as_string(hide_password=True)

    @property
    def target(self) -> str:
        """What opens this database again (``--db``): the file, or the full address."""
        if self.path is not None:
            return str(self.path)
        return self.url.render_as_string(hide_password=False)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    def session(self) -> Session:
        return self._sessions()

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One short write transaction, committed on success, rolled back on error."""
        if self.read_only:
            raise ReadOnlyError(self.read_only_reason or "this database is open read-only")
        try:
            with self._write_sessions() as session, session.begin():
                yield session
        except OperationalError as exc:
            if _is_locked(exc):
                raise DatabaseBusyError(
                    "another PC is writing to the database; try again in a moment"
                ) from exc
            raise

    def run_write(
        self,
        work: Callable[[Session], T],
        *,
        attempts: int = 6,
        on_wait: Callable[[int], None] | None = None,
    ) -> T:
        """Run ``work`` in a write transaction, retrying with backoff while the database is
        locked by another PC. ``on_wait(attempt)`` lets a window say "waiting for another PC"."""
        delay = 0.2
        for attempt in range(1, attempts + 1):
            try:
                with self.write() as session:
                    return work(session)
            except DatabaseBusyError:
                if attempt == attempts:
                    raise
                if on_wait is not None:
                    on_wait(attempt)
                time.sleep(delay * (0.5 + random.random()))
                delay = min(delay * 2, 5.0)
        raise AssertionError("unreachable")

    def journal_mode(self) -> str | None:
        if not self.is_sqlite:
            return None
        with self.engine.connect() as conn:
            return str(conn.exec_driver_sql("PRAGMA journal_mode").scalar())

    def dispose(self) -> None:
        self.engine.dispose()
        if self.write_engine is not self.engine:
            self.write_engine.dispose()


def resolve_target(target: str | os.PathLike[str] | None) -> tuple[URL, Path | None]:
    """A path or a SQLAlchemy URL (anything with ``://``)."""
    if target is None:
        path = paths.default_db_path()
        paths.ensure(path.parent)
        return URL.create("sqlite", database=str(path)), path
    s = os.fspath(target)
    if "://" in s:
        try:
            url = make_url(s)
            _ = url.port
        except (ArgumentError, ValueError) as exc:
            raise DatabaseOpenError("not a valid database address: {url}", url=s) from exc
        if url.get_backend_name() == "sqlite":
            if not url.database or url.database == ":memory:":
                return url, None
            return url, Path(url.database).expanduser().resolve()
        return url, None
    path = Path(s).expanduser().resolve()
    return URL.create("sqlite", database=str(path)), path


def _check_sqlite_file(path: Path, create: bool) -> None:
    if path.is_dir():
        raise DatabaseOpenError("{path} is a folder, not a database file", path=path)
    if path.exists():
        if not os.access(path, os.R_OK):
            raise DatabaseOpenError("cannot read {path}: permission denied", path=path)
        try:
            with open(path, "rb") as f:
                head = f.read(16)
        except OSError as exc:
            raise DatabaseOpenError(
                "cannot read {path}: {err}", path=path, err=exc.strerror
            ) from exc
        if head and head != SQLITE_MAGIC:
            raise DatabaseOpenError("{path} is not a Clientela database", path=path)
        return
    if not create:
        raise DatabaseOpenError("no database at {path}", path=path)
    if not path.parent.is_dir():
        raise DatabaseOpenError("the folder {folder} does not exist", folder=path.parent)
    if not os.access(path.parent, os.W_OK):
        raise DatabaseOpenError("cannot write to the folder {folder}", folder=path.parent)


def _sqlite_engine(url: URL, mode: DbMode, read_only: bool, busy_ms: int | None = None) -> Engine:
    if busy_ms is None:
        busy_ms = SHARED_BUSY_MS if mode is DbMode.SHARED else LOCAL_BUSY_MS
    if read_only:
        db_path = Path(url.database or "")
        url = URL.create(
            "sqlite", database=f"file:{db_path.as_posix()}?mode=ro", query={"uri": "true"}
        )
    # NullPool on a shared drive: no connection (and no file handle) outlives its use.
    engine = create_engine(
        url,
        poolclass=NullPool if mode is DbMode.SHARED else None,
        connect_args={"timeout": busy_ms / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # transactions are begun by _on_begin
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={busy_ms}")
        if not read_only:
            if mode is DbMode.SHARED:
                cur.execute("PRAGMA journal_mode=DELETE")
                cur.execute("PRAGMA synchronous=FULL")
            else:
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        kind = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {kind}")

    return engine


def _server_engine(url: URL, read_only: bool) -> Engine:
    try:
        engine = create_engine(url, pool_pre_ping=True)
    except (ArgumentError, ImportError, ValueError) as exc:
        raise DatabaseOpenError(
            "cannot use the database address {url}: {err}",
            url=url.render_as_string(hide_password=True),
            err=exc,
        ) from exc
    if read_only and url.get_backend_name() == "postgresql":

        @event.listens_for(engine, "connect")
        def _ro(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            cur.close()
            dbapi_conn.commit()

    return engine


def current_revision(engine: Engine) -> tuple[str | None, bool]:
    """(revision, has_other_tables): the stamped revision, and whether the database holds
    tables of its own without a stamp (then it is somebody else's database)."""
    with engine.connect() as conn:
        names = inspect(conn).get_table_names()
        if "alembic_version" not in names:
            return None, bool(names)
        rev = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return rev, False


def _probe_sqlite(path: Path) -> tuple[str | None, bool]:
    """Like current_revision, through a read-only connection that changes nothing, so a
    file that turns out to be somebody else's database is left exactly as it was."""
    if not path.exists() or path.stat().st_size == 0:
        return None, False
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5)
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in names:
            return None, bool(names)
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return (row[0] if row else None), False
    finally:
        conn.close()


def upgrade(engine: Engine) -> None:
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "head")


def open_database(
    target: str | os.PathLike[str] | None = None,
    *,
    shared_drive: bool | None = None,
    create: bool = True,
    read_only: bool = False,
    migrate: bool = True,
    busy_timeout_ms: int | None = None,
) -> Database:
    """Open (and if needed create and upgrade) a database.

    ``shared_drive`` forces the network-drive mode on or off; ``None`` detects it.
    Raises DatabaseOpenError with a one-line reason when the target cannot be used.
    """
    url, path = resolve_target(target)
    is_sqlite = url.get_backend_name() == "sqlite"
    if is_sqlite:
        if path is not None:
            _check_sqlite_file(path, create and not read_only)
        network = (
            shared_drive
            if shared_drive is not None
            else (path is not None and is_network_path(path))
        )
        mode = DbMode.SHARED if network else DbMode.LOCAL
    else:
        mode = DbMode.SERVER

    engine: Engine | None = None
    revision: str | None = None
    foreign = False
    try:
        if is_sqlite and path is not None:
            revision, foreign = _probe_sqlite(path)
        if not foreign:
            engine = (
                _sqlite_engine(url, mode, read_only, busy_timeout_ms)
                if is_sqlite
                else _server_engine(url, read_only)
            )
            revision, foreign = current_revision(engine)
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        if engine is not None:
            engine.dispose()
        if _is_locked(exc):
            raise DatabaseBusyError("the database is locked by another PC; try again") from exc
        where = str(path) if path else url.render_as_string(hide_password=True)
        raise DatabaseOpenError(
            "cannot open the database {where}: {err}", where=where, err=_short(exc)
        ) from exc
    if foreign or engine is None:
        if engine is not None:
            engine.dispose()
        where = str(path) if path else url.render_as_string(hide_password=True)
        raise DatabaseOpenError("{where} is not a Clientela database", where=where)

    known, head = known_revisions()
    reason = None
    if revision is not None and revision not in known:
        reason = "this database was written by a newer version of Clientela; it is open read-only"
        if not read_only:
            engine.dispose()
            if is_sqlite:
                engine = _sqlite_engine(url, mode, True, busy_timeout_ms)
            else:
                engine = _server_engine(url, read_only=True)
            read_only = True
    elif revision != head and not read_only and migrate:
        try:
            upgrade(engine)
        except OperationalError as exc:
            engine.dispose()
            if _is_locked(exc):
                raise DatabaseBusyError("the database is locked by another PC; try again") from exc
            raise DatabaseOpenError("cannot prepare the database: {err}", err=_short(exc)) from exc
        revision = head
    elif read_only:
        reason = "opened read-only"

    write_engine = engine.execution_options(sqlite_begin="IMMEDIATE") if is_sqlite else engine
    return Database(
        url=url,
        mode=mode,
        engine=engine,
        write_engine=write_engine,
        read_only=read_only,
        revision=revision,
        path=path,
        read_only_reason=reason,
    )


def require_current(db: Database) -> None:
    """For commands that write: refuse a database from a newer version."""
    known, _ = known_revisions()
    if db.revision is not None and db.revision not in known:
        raise NewerSchemaError(
            "{where} was written by a newer version of Clientela (schema {rev}); "
            "update Clientela to change it",
            where=db.location,
            rev=db.revision,
        )


def _short(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc).splitlines()[0]

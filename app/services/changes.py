"""Has anyone written to the database since we last looked? The window asks every few
seconds so its pages show what other PCs saved without a restart.

SQLite: ``PRAGMA data_version`` on one connection kept for the purpose changes whenever
another connection (another PC, or another part of this program) commits. PostgreSQL:
the next transaction id (``pg_current_snapshot``'s xmax) moves only when some
transaction writes; reads do not move it. A write elsewhere on the same server may give
a needless refresh, never a missed one.
"""

from __future__ import annotations

import sqlite3
import threading

from sqlalchemy import text

from app.db import Database


class ChangeProbe:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._last: int | None = None

    def _marker(self) -> int:
        if self.db.is_sqlite and self.db.path is not None:
            if self._conn is None:
                self._conn = sqlite3.connect(
                    f"{self.db.path.as_uri()}?mode=ro", uri=True, check_same_thread=False
                )
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])
        with self.db.engine.connect() as conn:
            if conn.dialect.server_version_info and conn.dialect.server_version_info >= (13,):
                sql = "SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint"
            else:
                sql = "SELECT txid_snapshot_xmax(txid_current_snapshot())"
            return int(conn.execute(text(sql)).scalar_one())

    def poll(self) -> bool:
        """True when something was committed since the previous poll (the first poll
        only takes its bearings). Safe to call from any one worker thread at a time."""
        with self._lock:
            value = self._marker()
            changed = self._last is not None and value != self._last
            self._last = value
            return changed

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

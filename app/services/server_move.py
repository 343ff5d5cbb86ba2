"""Move an office that outgrew its shared file to a PostgreSQL server: every table of the
SQLite database copied into an empty server database of the same schema version, in one
transaction there, then every table counted on both sides. The file is only read, so
the office keeps working on it until the server copy checks out.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Table, func, select, text, update
from sqlalchemy.engine import Connection

from app.db import Database, open_database
from app.errors import ClientelaError
from app.models import Base, Customer, User

BATCH = 2000

Progress = Callable[[int, int, str | None], None]


class MoveError(ClientelaError):
    """The move cannot be made, or its copy does not check out."""


@dataclass
class MoveResult:
    target: str
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def _self_references(table: Table) -> list[str]:
    """Columns pointing at their own table (a merged customer's survivor): copied as NULL
    first and filled in afterwards, since the row they point at may come later."""
    return [
        fk.parent.name
        for fk in table.foreign_keys
        if fk.column.table is table and fk.parent.nullable
    ]


def _count(conn: Connection, table: Table) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def move_to_server(
    source: Database,
    target_url: str,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> MoveResult:
    """Copy ``source`` (a SQLite database) into the empty server database at
    ``target_url`` and check every table's count. MoveError when the source is not a
    file, the target is not a server or not empty, or the counts differ (then nothing
    stays on the server: the copy is one transaction)."""
    started = time.perf_counter()
    if not source.is_sqlite:
        raise MoveError("the database to move is already on a server")
    if not target_url.startswith(("postgresql", "postgres")):
        raise MoveError("give the server as postgresql+psycopg://user:password@host/database")
    target = open_database(target_url, create=True)
    try:
        if target.is_sqlite:
            raise MoveError("the target is not a server database")
        if target.revision != source.revision:
            raise MoveError(
                "the server database is at schema {theirs} and this file at {ours}; "
                "use the same version of Clientela for both",
                theirs=target.revision,
                ours=source.revision,
            )
        with target.engine.connect() as conn:
            if _count(conn, Customer.__table__) or _count(conn, User.__table__):
                raise MoveError("the server database already holds an office; give an empty one")
        tables = [t for t in Base.metadata.sorted_tables if t.name != "alembic_version"]
        with source.engine.connect() as src:
            totals = {t.name: _count(src, t) for t in tables}
        total = sum(totals.values()) or 1
        done = 0
        result = MoveResult(target_url)
        with source.engine.connect() as src, target.engine.begin() as dst:
            for table in tables:
                # Settings and the like that the server's own migrations wrote: the file's win.
                dst.execute(table.delete())
                later = _self_references(table)
                pending: list[dict[str, object]] = []
                rows = src.execution_options(yield_per=BATCH).execute(select(table))
                for part in rows.partitions(BATCH):
                    batch = [dict(r._mapping) for r in part]
                    if later:
                        pending += [
                            {"_id": r["id"], **{c: r[c] for c in later}}
                            for r in batch
                            if any(r[c] is not None for c in later)
                        ]
                        for r in batch:
                            for c in later:
                                r[c] = None
                    dst.execute(table.insert(), batch)
                    done += len(batch)
                    if progress is not None:
                        progress(done, total, table.name)
                    if cancelled is not None and cancelled():
                        raise MoveError("the move was cancelled; nothing was kept on the server")
                for r in pending:
                    dst.execute(
                        update(table).where(table.c.id == r["_id"]).values({c: r[c] for c in later})
                    )
                if "id" in table.c and totals[table.name]:
                    dst.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                            f"(SELECT max(id) FROM {table.name}))"
                        )
                    )
            for table in tables:
                got = _count(dst, table)
                if got != totals[table.name]:
                    raise MoveError(
                        "{table}: {got} rows on the server, {want} in the file; nothing was kept",
                        table=table.name,
                        got=got,
                        want=totals[table.name],
                    )
                result.counts[table.name] = got
        result.seconds = time.perf_counter() - started
        return result
    finally:
        target.dispose()

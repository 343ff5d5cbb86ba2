"""``check``: is the database whole, and can this version write it?"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import IntEnum

from sqlalchemy import text

from app.db import Database, known_revisions, open_database
from app.errors import DatabaseBusyError, DatabaseOpenError


class Health(IntEnum):
    HEALTHY = 0
    DAMAGED = 1
    NEWER = 2


@dataclass
class CheckResult:
    health: Health
    location: str
    revision: str | None = None
    head: str | None = None
    problems: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "health": self.health.name.lower(),
            "location": self.location,
            "schema_revision": self.revision,
            "program_revision": self.head,
            "problems": self.problems,
        }


def check(
    target: str | os.PathLike[str] | None, *, shared_drive: bool | None = None
) -> CheckResult:
    """Open read-only (nothing is upgraded or written) and run SQLite's integrity and
    foreign-key checks. A file that cannot even be opened counts as damaged."""
    known, head = known_revisions()
    try:
        db = open_database(target, shared_drive=shared_drive, create=False, read_only=True)
    except DatabaseBusyError:
        raise
    except DatabaseOpenError as exc:
        if exc.template.startswith("no database at"):
            raise
        return CheckResult(Health.DAMAGED, str(target), head=head, problems=[exc.message])
    try:
        return _check_open(db, known, head)
    finally:
        db.dispose()


def _check_open(db: Database, known: set[str], head: str) -> CheckResult:
    result = CheckResult(Health.HEALTHY, db.location, revision=db.revision, head=head)
    if db.revision is not None and db.revision not in known:
        result.health = Health.NEWER
        result.problems.append(
            f"written by a newer version of Clientela (schema {db.revision}, this program {head})"
        )
        return result
    if db.revision is None:
        result.problems.append("empty database: no Clientela schema yet")
    elif db.revision != head:
        result.problems.append(f"schema {db.revision} will be upgraded to {head} when opened")
    if db.is_sqlite:
        try:
            with db.engine.connect() as conn:
                rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
                fk = list(conn.exec_driver_sql("PRAGMA foreign_key_check"))
        except Exception as exc:  # a damaged file fails in many driver-specific ways
            result.health = Health.DAMAGED
            result.problems.append(f"integrity check failed: {str(exc).splitlines()[0]}")
            return result
        if rows != ["ok"]:
            result.health = Health.DAMAGED
            result.problems.extend(rows[:20])
        if fk:
            result.health = Health.DAMAGED
            result.problems.append(f"{len(fk)} rows point to records that do not exist")
    else:
        with db.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    return result

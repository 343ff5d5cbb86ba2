"""Optimistic locking across PCs.

A window reads a record in one transaction and saves it in another, maybe minutes later.
The save passes the version it read; if the row has moved on, someone else saved first,
and the person decides what happens: nothing is overwritten silently.
"""

from __future__ import annotations

from typing import Any

from app.errors import ConflictError


def expect_version(record: Any, seen_version: int) -> None:
    """Raise ConflictError when ``record`` is gone or newer than the version the user saw."""
    if record is None:
        raise ConflictError("someone else deleted this record meanwhile")
    if record.version != seen_version:
        raise ConflictError(
            "someone else saved this record meanwhile (your version {seen}, now {now})",
            seen=seen_version,
            now=record.version,
        )

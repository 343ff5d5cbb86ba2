"""The audit log: who changed what, when, old → new, written in the same transaction as
the change itself so neither exists without the other."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.models import AuditEntry, utcnow
from app.models.enums import AuditAction

MAX_VALUE = 2000


def as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    text = str(value)
    return text if len(text) <= MAX_VALUE else text[:MAX_VALUE] + "…"


def record(
    session: Session,
    user_id: int | None,
    action: AuditAction,
    entity: str,
    entity_id: int | None,
    changes: Mapping[str, tuple[Any, Any]] | None = None,
    note: str | None = None,
) -> None:
    """One row per changed field, or a single row when there are no field changes."""
    at = utcnow()
    base = {
        "at": at,
        "user_id": user_id,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "note": note,
    }
    if changes:
        rows = [
            {**base, "field": name, "old_value": as_text(old), "new_value": as_text(new)}
            for name, (old, new) in changes.items()
        ]
    else:
        rows = [{**base, "field": None, "old_value": None, "new_value": None}]
    session.execute(insert(AuditEntry), rows)

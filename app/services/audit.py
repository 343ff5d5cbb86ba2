"""The audit log: who changed what, when, old → new, written in the same transaction as
the change itself so neither exists without the other."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, and_, func, insert, or_, select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import PermissionDenied
from app.models import AuditEntry, ContactPerson, Deal, Task, User, Vehicle, utcnow
from app.models.enums import AuditAction

from . import access

if TYPE_CHECKING:
    from app.reports.export import ExportResult

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


# ------------------------------------------------------------------ reading the log
@dataclass(frozen=True)
class AuditFilter:
    """What the audit view asks for; dates are local days, both ends included."""

    user_id: int | None = None
    action: AuditAction | None = None
    entity: str | None = None
    entity_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    text: str = ""


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime
    user: str | None
    action: AuditAction
    entity: str
    entity_id: int | None
    field: str | None
    old_value: str | None
    new_value: str | None
    note: str | None

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "user": self.user,
            "action": self.action.value,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "field": self.field,
            "old": self.old_value,
            "new": self.new_value,
            "note": self.note,
        }


COLUMNS = (
    "at",
    "user",
    "action",
    "entity",
    "entity_id",
    "field",
    "old_value",
    "new_value",
    "note",
)


def _local_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time()).astimezone().astimezone(dt.UTC)


def conditions(f: AuditFilter) -> list[ColumnElement[bool]]:
    a = AuditEntry.__table__.c
    conds: list[ColumnElement[bool]] = []
    if f.user_id is not None:
        conds.append(a.user_id == f.user_id)
    if f.action is not None:
        conds.append(a.action == f.action)
    if f.entity:
        conds.append(a.entity == f.entity)
    if f.entity_id is not None:
        conds.append(a.entity_id == f.entity_id)
    if f.date_from is not None:
        conds.append(a.at >= _local_start(f.date_from))
    if f.date_to is not None:
        conds.append(a.at < _local_start(f.date_to + dt.timedelta(days=1)))
    text = f.text.strip()
    if text:
        conds.append(
            or_(
                *(
                    func.lower(col).contains(text.lower(), autoescape=True)
                    for col in (a.field, a.old_value, a.new_value, a.note)
                )
            )
        )
    return conds


def _query(where: list[ColumnElement[bool]]) -> Select[Any]:
    a = AuditEntry.__table__.c
    return (
        select(
            a.id,
            a.at,
            User.display_name,
            a.action,
            a.entity,
            a.entity_id,
            a.field,
            a.old_value,
            a.new_value,
            a.note,
        )
        .outerjoin(User, User.id == a.user_id)
        .where(and_(True, *where))
        .order_by(a.at.desc(), a.id.desc())
    )


def _row(r: Any) -> AuditRow:
    return AuditRow(
        r.id,
        r.at,
        r.display_name,
        AuditAction(r.action),
        r.entity,
        r.entity_id,
        r.field,
        r.old_value,
        r.new_value,
        r.note,
    )


def count(session: Session, user_id: int | None, f: AuditFilter) -> int:
    access.check_manager(session, user_id, "read the audit log")
    q = select(func.count()).select_from(AuditEntry).where(and_(True, *conditions(f)))
    return session.scalar(q) or 0


def page(
    session: Session, user_id: int | None, f: AuditFilter, offset: int = 0, limit: int = 200
) -> list[AuditRow]:
    """Rows ``offset`` … ``offset + limit`` of the log, newest first (managers only)."""
    access.check_manager(session, user_id, "read the audit log")
    q = _query(conditions(f)).offset(offset).limit(limit)
    return [_row(r) for r in session.execute(q)]


def stream(session: Session, user_id: int | None, f: AuditFilter) -> Iterator[list[Any]]:
    """Every matching row as a list of ``COLUMNS`` values, for an export."""
    access.check_manager(session, user_id, "read the audit log")
    for r in session.execute(_query(conditions(f)).execution_options(yield_per=1000)):
        row = _row(r)
        yield [
            row.at.astimezone().replace(tzinfo=None),
            row.user,
            row.action.value,
            row.entity,
            row.entity_id,
            row.field,
            row.old_value,
            row.new_value,
            row.note,
        ]


def _customer_terms(customer_id: int) -> list[ColumnElement[bool]]:
    a = AuditEntry.__table__.c
    terms: list[ColumnElement[bool]] = [and_(a.entity == "customer", a.entity_id == customer_id)]
    for entity, model in (
        ("deal", Deal),
        ("contact", ContactPerson),
        ("vehicle", Vehicle),
        ("task", Task),
    ):
        ids = select(model.id).where(model.customer_id == customer_id)
        terms.append(and_(a.entity == entity, a.entity_id.in_(ids)))
    return terms


def customer_history(
    session: Session, user_id: int | None, customer_id: int, limit: int = 1000
) -> list[AuditRow]:
    """The customer's own rows and those of its deals, contacts, vehicles and tasks,
    newest first, for whoever may see the customer."""
    access.check_may_see_customer(session, user_id, customer_id)
    q = _query([or_(*_customer_terms(customer_id))]).limit(limit)
    return [_row(r) for r in session.execute(q)]


def deal_history(
    session: Session, user_id: int | None, deal_id: int, limit: int = 1000
) -> list[AuditRow]:
    if not access.may_see_deal(session, user_id, deal_id):
        raise PermissionDenied("this deal belongs to another salesperson")
    a = AuditEntry.__table__.c
    q = _query([a.entity == "deal", a.entity_id == deal_id]).limit(limit)
    return [_row(r) for r in session.execute(q)]


def entities(session: Session) -> list[str]:
    """The kinds of record the log mentions, for the audit view's filter."""
    return list(session.scalars(select(AuditEntry.entity).distinct().order_by(AuditEntry.entity)))


def export(
    db: Database,
    user_id: int | None,
    f: AuditFilter,
    path: str | os.PathLike[str],
    *,
    headers: Mapping[str, str] | None = None,
    sheet: str = "Audit log",
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExportResult:
    """Write the log rows ``f`` selects to ``path`` (.xlsx or .csv), newest first, and
    note the export in the log itself (managers only)."""
    from app.reports.export import Column, Kind, write_table

    kinds = {"at": Kind.DATETIME, "entity_id": Kind.INT}
    titles = {**EXPORT_HEADERS, **(headers or {})}
    columns = [Column(key, titles[key], kinds.get(key, Kind.TEXT)) for key in COLUMNS]
    with db.session() as session:
        total = count(session, user_id, f) if progress is not None else 0
        result = write_table(
            path,
            columns,
            stream(session, user_id, f),
            sheet=sheet,
            total=total,
            progress=progress,
            cancelled=cancelled,
        )
    if not db.read_only:
        note = f"{result.rows} audit rows to {result.path.name}"
        db.run_write(lambda s: record(s, user_id, AuditAction.EXPORT, "audit_log", None, note=note))
    return result


EXPORT_HEADERS = {
    "at": "When",
    "user": "Who",
    "action": "Action",
    "entity": "Record",
    "entity_id": "Id",
    "field": "Field",
    "old_value": "Old",
    "new_value": "New",
    "note": "Note",
}

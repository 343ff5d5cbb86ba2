"""Office-wide settings (table ``settings``): one JSON value per key, shared by every PC
of the office. Writing goes through ``store`` so every change is in the audit log with
its old and new value."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import PermissionDenied
from app.models import Setting, User
from app.models.enums import AuditAction, Role

from . import audit


def read(session: Session, prefix: str) -> dict[str, Any]:
    """Every setting whose key starts with ``prefix``."""
    return dict(
        session.execute(
            select(Setting.key, Setting.value).where(
                Setting.key.startswith(prefix, autoescape=True)
            )
        ).all()
    )


def check_may_change(session: Session, user_id: int | None) -> None:
    """Office settings are for administrators and managers (the command line acting as
    no particular user may change them)."""
    if user_id is None:
        return
    role = session.scalar(select(User.role).where(User.id == user_id))
    if role not in (Role.ADMIN, Role.MANAGER):
        raise PermissionDenied("only an administrator or a manager changes office settings")


def store(session: Session, user_id: int | None, values: Mapping[str, Any]) -> list[str]:
    """Write ``values``; returns the keys that changed (each one audited)."""
    changed: list[str] = []
    for key, value in values.items():
        row = session.get(Setting, key)
        old = None if row is None else row.value
        if row is not None and old == value:
            continue
        if row is None:
            session.add(Setting(key=key, value=value))
        else:
            row.value = value
        changed.append(key)
        session.flush()
        audit.record(session, user_id, AuditAction.UPDATE, "setting", None, {key: (old, value)})
    return changed

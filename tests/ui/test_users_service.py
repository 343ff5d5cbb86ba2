"""The first administrator and the signed-in user (app.services.users)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.db import Database
from app.errors import ValidationError
from app.models import AuditEntry, User
from app.models.enums import Role
from app.services import users


def test_ensure_admin_creates_the_first_admin_once(db: Database) -> None:
    assert users.is_empty(db)
    first = users.ensure_admin(db, "  boss ", "The Boss")
    assert users.ensure_admin(db, "boss") == first
    assert users.ensure_admin(db, "someone-else") == first
    with db.session() as s:
        (user,) = s.scalars(select(User)).all()
        assert (user.username, user.display_name, user.role, user.active) == (
            "boss",
            "The Boss",
            Role.ADMIN,
            True,
        )
        audit = s.scalars(select(AuditEntry)).one()
        assert audit.entity == "user" and audit.entity_id == first
    assert not users.is_empty(db)


def test_ensure_admin_refuses_an_empty_or_taken_name(db: Database) -> None:
    with pytest.raises(ValidationError):
        users.ensure_admin(db, "   ")
    with pytest.raises(ValidationError):
        users.ensure_admin(db, "x" * (users.USERNAME_MAX + 1))
    with db.write() as s:
        s.add(User(username="li", display_name="Li", role=Role.SALES))
    with pytest.raises(ValidationError, match="taken"):
        users.ensure_admin(db, "li")
    assert users.ensure_admin(db, "wang") > 0


def test_current_user_by_name_os_login_or_first_admin(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert users.current_user(db, None) is None
    admin = users.ensure_admin(db, "boss", "Boss")
    with db.write() as s:
        s.add(User(username="mei", display_name="Mei", role=Role.SALES))
        s.add(User(username="gone", display_name="Gone", role=Role.SALES, active=False))
    monkeypatch.setattr(users, "os_login_name", lambda: "nobody-here")
    info = users.current_user(db, None)
    assert info is not None and (info.id, info.username, info.role) == (admin, "boss", Role.ADMIN)
    monkeypatch.setattr(users, "os_login_name", lambda: "mei")
    info = users.current_user(db, None)
    assert info is not None and info.display_name == "Mei"
    assert users.current_user(db, "boss") == users.UserInfo(admin, "boss", "Boss", Role.ADMIN)
    assert users.current_user(db, "gone") is None
    assert users.current_user(db, "unknown") is None

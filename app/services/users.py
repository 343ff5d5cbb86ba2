"""Who is signed in, and the first administrator of a fresh database.

Sign-in with passwords and the user administration come later; for now a database has
at least one active admin, and the window acts as the user named on the command line,
else the user whose name is the operating-system login, else the first active admin.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from sqlalchemy import exists, select

from app.db import Database
from app.errors import ValidationError
from app.models import AuditEntry, Customer, User
from app.models.enums import AuditAction, Role

USERNAME_MAX = 64


@dataclass(frozen=True)
class UserInfo:
    """Plain data about a user, safe to hand between threads."""

    id: int
    username: str
    display_name: str
    role: Role


def _info(user: User) -> UserInfo:
    return UserInfo(user.id, user.username, user.display_name, Role(user.role))


def os_login_name() -> str | None:
    """The operating-system login, or None where it cannot be found out."""
    try:
        name = getpass.getuser().strip()
    except (OSError, KeyError, ImportError):
        return None
    return name or None


def ensure_admin(db: Database, username: str, display_name: str | None = None) -> int:
    """Make sure the database has an active admin and return that admin's id.

    On a database without one, inserts ``username`` as an active admin (who may sign in by
    the operating-system login) and records it in the audit log. If an active admin exists
    already, nothing is written: ``username``'s id when that user is an active admin, else
    the first active admin's.
    """
    username = username.strip()
    if not username:
        raise ValidationError("a user name is needed", field="username")
    if len(username) > USERNAME_MAX:
        raise ValidationError(
            "a user name has at most {n} characters", field="username", n=USERNAME_MAX
        )
    display = (display_name or "").strip() or username

    with db.write() as session:
        admins = select(User).where(User.active.is_(True), User.role == Role.ADMIN)
        same = session.scalar(admins.where(User.username == username))
        if same is not None:
            return same.id
        first = session.scalar(admins.order_by(User.id).limit(1))
        if first is not None:
            return first.id
        if session.scalar(select(exists().where(User.username == username))):
            raise ValidationError(
                "the user name {username} is taken", field="username", username=username
            )
        user = User(
            username=username,
            display_name=display,
            role=Role.ADMIN,
            active=True,
            os_login_allowed=True,
        )
        session.add(user)
        session.flush()
        session.add(
            AuditEntry(
                user_id=user.id,
                action=AuditAction.CREATE,
                entity="user",
                entity_id=user.id,
                note=f"first administrator: {username}",
            )
        )
        return user.id


def current_user(db: Database, username: str | None) -> UserInfo | None:
    """The active user named ``username``; without a name, the user whose name is the
    operating-system login, else the first active admin. None when there is no such user."""
    with db.session() as session:
        active = select(User).where(User.active.is_(True))
        if username is not None:
            user = session.scalar(active.where(User.username == username))
            return _info(user) if user is not None else None
        login = os_login_name()
        if login is not None:
            user = session.scalar(active.where(User.username == login))
            if user is not None:
                return _info(user)
        user = session.scalar(active.where(User.role == Role.ADMIN).order_by(User.id).limit(1))
        return _info(user) if user is not None else None


def is_empty(db: Database) -> bool:
    """A fresh database: no users and no customers. The window then offers demo data."""
    with db.session() as session:
        has_users = session.scalar(select(exists().where(User.id.is_not(None))))
        has_customers = session.scalar(select(exists().where(Customer.id.is_not(None))))
        return not has_users and not has_customers

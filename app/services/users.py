"""Users: who is signed in, sign-in by password (argon2) or by the operating-system login,
the first administrator of a fresh database, the user administration, and handing a
leaving user's customers, open deals and open tasks to others.

Wrong passwords slow the next try down: after ``FREE_ATTEMPTS`` failures in a row for a
name, each further failure makes that name wait ``2 ** (failures - FREE_ATTEMPTS)``
seconds (at most ``MAX_DELAY_S``) before another try is even checked. The count and the
time are kept in the ``users`` row, so restarting the program resets nothing; a right
password resets both.

Permissions (app.services.access): an administrator manages users; a manager (or an
administrator) reassigns; ``by_user_id`` None is the program itself with full rights.
"""

from __future__ import annotations

import datetime as dt
import getpass
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Select, exists, func, select, update
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import PermissionDenied, ValidationError
from app.models import AuditEntry, Customer, Deal, Task, User, utcnow
from app.models.enums import AuditAction, DealStatus, Role, TaskStatus

from . import access, audit
from .concurrency import expect_version

USERNAME_MAX = 64
DISPLAY_MAX = 120
PASSWORD_MIN = 8
FREE_ATTEMPTS = 3
MAX_DELAY_S = 15 * 60

_hasher = PasswordHasher()
# Names that do not exist are slowed down in this process too, so trying names reveals
# nothing and costs the same.
_unknown_failures: dict[str, int] = {}
_unknown_lock = threading.Lock()


@dataclass(frozen=True)
class UserInfo:
    """Plain data about a user, safe to hand between threads."""

    id: int
    username: str
    display_name: str
    role: Role
    may_see_financials: bool = True

    @property
    def may_write(self) -> bool:
        """Anyone but a viewer changes data (the services refuse a viewer in any case;
        the window hides its editing controls)."""
        return self.role is not Role.VIEWER


def _info(user: User) -> UserInfo:
    return UserInfo(
        user.id,
        user.username,
        user.display_name,
        Role(user.role),
        bool(user.may_see_financials),
    )


def os_login_name() -> str | None:
    """The operating-system login, or None where it cannot be found out."""
    try:
        name = getpass.getuser().strip()
    except (OSError, KeyError, ImportError):
        return None
    return name or None


def ensure_admin(
    db: Database,
    username: str,
    display_name: str | None = None,
    password: str | None = None,
) -> int:
    """Make sure the database has an active admin and return that admin's id.

    On a database without one, inserts ``username`` as an active admin (who may sign in by
    the operating-system login; with ``password``, by that password too) and records it
    in the audit log. If an active admin exists already, nothing is written:
    ``username``'s id when that user is an active admin, else the first active admin's.
    """
    username = _clean_username(username)
    display = (display_name or "").strip() or username
    hashed = hash_password(password) if password else None

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
            password_hash=hashed,
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


def user_info(db: Database, user_id: int) -> UserInfo | None:
    with db.session() as session:
        user = session.get(User, user_id)
        return _info(user) if user is not None else None


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


# ------------------------------------------------------------------ passwords
def hash_password(password: str) -> str:
    if len(password) < PASSWORD_MIN:
        raise ValidationError(
            "a password has at least {n} characters", field="password", n=PASSWORD_MIN
        )
    return _hasher.hash(password)


def _verify(hashed: str | None, password: str) -> bool:
    if not hashed:
        return False
    try:
        return _hasher.verify(hashed, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _clean_username(username: str) -> str:
    username = username.strip()
    if not username:
        raise ValidationError("a user name is needed", field="username")
    if len(username) > USERNAME_MAX:
        raise ValidationError(
            "a user name has at most {n} characters", field="username", n=USERNAME_MAX
        )
    return username


def delay_after(failures: int) -> int:
    """Seconds the next try waits after ``failures`` wrong passwords in a row."""
    if failures < FREE_ATTEMPTS:
        return 0
    return min(2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_S)


# ------------------------------------------------------------------ signing in
@dataclass(frozen=True)
class Start:
    """What the window needs to know on opening a database."""

    user: UserInfo | None
    """Signed in already (no passwords in this database, or by the OS login)."""
    needs_sign_in: bool
    empty: bool
    suggested_name: str | None = None


def sign_in_required(session: Session) -> bool:
    """Once any active user has a password, the window asks everyone to sign in."""
    return bool(
        session.scalar(
            select(exists().where(User.active.is_(True), User.password_hash.is_not(None)))
        )
    )


def os_login_user(session: Session, login: str | None) -> UserInfo | None:
    """The user who may sign in as the operating-system login ``login`` without a
    password: the office allows it (setting ``access.os_login``) and so does that user."""
    if not login or not access.setting(session, access.OS_LOGIN):
        return None
    user = session.scalar(
        select(User).where(
            User.username == login, User.active.is_(True), User.os_login_allowed.is_(True)
        )
    )
    return _info(user) if user is not None else None


def start(db: Database, username: str | None) -> Start:
    """Who the window acts as on ``db``: without passwords in the database, as before
    (``current_user``); with them, the OS login where allowed, else ask (``needs_sign_in``)."""
    empty = is_empty(db)
    with db.session() as session:
        if not sign_in_required(session):
            return Start(current_user(db, username), False, empty, username)
        login = os_login_name()
        if username is None or username == login:
            user = os_login_user(session, login)
            if user is not None:
                return Start(user, False, empty, login)
        return Start(None, True, empty, username or login)


def sign_in(db: Database, username: str, password: str, now: dt.datetime | None = None) -> UserInfo:
    """The user, when ``password`` is theirs. PermissionDenied otherwise, with the same
    message for an unknown name and a wrong password; a name that failed too often is
    refused without even checking until its waiting time is over."""
    now = now or utcnow()
    name = username.strip()
    with db.session() as session:
        user = session.scalar(select(User).where(User.username == name, User.active.is_(True)))
        if user is None or not user.password_hash:
            _verify(_DUMMY_HASH, password)  # the same time as a real check
            with _unknown_lock:
                failures = _unknown_failures.get(name, 0) + 1
                _unknown_failures[name] = failures
            raise PermissionDenied("wrong user name or password")
        if user.locked_until is not None and user.locked_until > now:
            wait = int((user.locked_until - now).total_seconds() + 0.999)
            raise PermissionDenied(
                "too many wrong passwords: try again in {seconds} s", seconds=wait
            )
        user_id, hashed, failures = user.id, user.password_hash, user.failed_logins or 0
    ok = _verify(hashed, password)
    table = User.__table__
    if ok:
        if failures:
            # a plain UPDATE: the row's version stays, so nobody editing the user conflicts
            db.run_write(
                lambda s: s.execute(
                    update(table)
                    .where(table.c.id == user_id)
                    .values(failed_logins=0, locked_until=None)
                )
            )
        with db.session() as session:
            found = session.get(User, user_id)
            assert found is not None
            return _info(found)
    failures += 1
    wait = delay_after(failures)
    until = now + dt.timedelta(seconds=wait) if wait else None

    def work(s: Session) -> None:
        s.execute(
            update(table)
            .where(table.c.id == user_id)
            .values(failed_logins=table.c.failed_logins + 1, locked_until=until)
        )
        audit.record(
            s, None, AuditAction.SIGN_IN, "user", user_id, note=f"wrong password ({failures})"
        )

    if not db.read_only:
        db.run_write(work)
    raise PermissionDenied("wrong user name or password")


def record_sign_in(db: Database, user: UserInfo, how: str) -> None:
    """Note a sign-in in the audit log (``how``: "password" or "os login")."""
    if db.read_only:
        return
    db.run_write(lambda s: audit.record(s, user.id, AuditAction.SIGN_IN, "user", user.id, note=how))


_DUMMY_HASH = _hasher.hash("not a password of anyone")


# ------------------------------------------------------------------ administration
@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    display_name: str
    role: Role
    active: bool
    has_password: bool
    os_login_allowed: bool
    may_see_financials: bool
    email: str | None
    version: int
    failed_logins: int


def list_users(session: Session, *, active_only: bool = False) -> list[UserRow]:
    q = select(User).order_by(User.active.desc(), User.display_name, User.id)
    if active_only:
        q = q.where(User.active.is_(True))
    return [
        UserRow(
            u.id,
            u.username,
            u.display_name,
            Role(u.role),
            bool(u.active),
            u.password_hash is not None,
            bool(u.os_login_allowed),
            bool(u.may_see_financials),
            u.email,
            u.version,
            u.failed_logins or 0,
        )
        for u in session.scalars(q)
    ]


def resolve(session: Session, ref: str | int) -> int:
    """A user id from a user name or an id."""
    text = str(ref).strip()
    found = session.scalar(select(User.id).where(User.username == text))
    if found is None and text.isdigit():
        found = session.scalar(select(User.id).where(User.id == int(text)))
    if found is None:
        raise ValidationError("no user {name}", name=text)
    return found


@dataclass
class UserData:
    """The fields of the user form."""

    username: str
    display_name: str = ""
    role: Role = Role.SALES
    active: bool = True
    may_see_financials: bool = True
    os_login_allowed: bool = False
    email: str | None = None


def _clean(data: UserData) -> UserData:
    username = _clean_username(data.username)
    display = data.display_name.strip() or username
    if len(display) > DISPLAY_MAX:
        raise ValidationError(
            "a display name has at most {n} characters", field="display_name", n=DISPLAY_MAX
        )
    email = (data.email or "").strip() or None
    return UserData(
        username,
        display,
        Role(data.role),
        data.active,
        data.may_see_financials,
        data.os_login_allowed,
        email,
    )


def _active_admins(s: Session, except_id: int) -> int:
    return (
        s.scalar(
            select(func.count()).where(
                User.active.is_(True), User.role == Role.ADMIN, User.id != except_id
            )
        )
        or 0
    )


def add_user(
    db: Database, by_user_id: int | None, data: UserData, password: str | None = None
) -> int:
    data = _clean(data)
    hashed = hash_password(password) if password else None

    def work(s: Session) -> int:
        access.check_admin(s, by_user_id)
        if s.scalar(select(exists().where(User.username == data.username))):
            raise ValidationError(
                "the user name {username} is taken", field="username", username=data.username
            )
        user = User(
            username=data.username,
            display_name=data.display_name,
            role=data.role,
            active=data.active,
            may_see_financials=data.may_see_financials,
            os_login_allowed=data.os_login_allowed,
            email=data.email,
            password_hash=hashed,
        )
        s.add(user)
        s.flush()
        changes = {
            "username": (None, data.username),
            "display_name": (None, data.display_name),
            "role": (None, data.role),
            "may_see_financials": (None, data.may_see_financials),
        }
        if hashed:
            changes["password"] = (None, "(set)")
        audit.record(s, by_user_id, AuditAction.CREATE, "user", user.id, changes)
        return user.id

    return db.run_write(work)


EDITABLE = (
    "username",
    "display_name",
    "role",
    "active",
    "may_see_financials",
    "os_login_allowed",
    "email",
)


def update_user(
    db: Database, by_user_id: int | None, user_id: int, seen_version: int, data: UserData
) -> int:
    """Save the user form over the version seen; returns the new version."""
    data = _clean(data)

    def work(s: Session) -> int:
        access.check_admin(s, by_user_id)
        user = s.get(User, user_id)
        expect_version(user, seen_version)
        assert user is not None
        if data.username != user.username and s.scalar(
            select(exists().where(User.username == data.username, User.id != user_id))
        ):
            raise ValidationError(
                "the user name {username} is taken", field="username", username=data.username
            )
        losing_admin = user.role == Role.ADMIN and user.active
        losing_admin = losing_admin and (data.role != Role.ADMIN or not data.active)
        if losing_admin and _active_admins(s, user_id) == 0:
            raise ValidationError("the office needs at least one active administrator")
        if user_id == by_user_id and not data.active:
            raise ValidationError("you cannot deactivate yourself")
        changes = {}
        for name in EDITABLE:
            old, new = getattr(user, name), getattr(data, name)
            if old != new:
                changes[name] = (old, new)
                setattr(user, name, new)
        if changes:
            s.flush()
            audit.record(s, by_user_id, AuditAction.UPDATE, "user", user_id, changes)
        return user.version

    return db.run_write(work)


def set_password(db: Database, by_user_id: int | None, user_id: int, password: str | None) -> None:
    """Set or reset a password (None: remove it). An administrator does it for anyone; a
    user for themselves. Resets the wrong-password count."""
    hashed = hash_password(password) if password else None

    def work(s: Session) -> None:
        if by_user_id != user_id:
            access.check_admin(s, by_user_id, "set other people's passwords")
        else:
            access.role(s, by_user_id)
        user = s.get(User, user_id)
        if user is None:
            raise ValidationError("no user {name}", name=str(user_id))
        had = user.password_hash is not None
        user.password_hash = hashed
        user.failed_logins = 0
        user.locked_until = None
        s.flush()
        change = ("(set)" if had else None, "(set)" if hashed else None)
        note = "password reset" if had else "password set"
        audit.record(
            s, by_user_id, AuditAction.UPDATE, "user", user_id, {"password": change}, note=note
        )

    db.run_write(work)


def deactivate(db: Database, by_user_id: int | None, user_id: int) -> None:
    """A user who leaves is deactivated, never deleted: their name stays on their work."""

    def work(s: Session) -> None:
        access.check_admin(s, by_user_id, "deactivate users")
        _deactivate(s, by_user_id, user_id)

    db.run_write(work)


def _deactivate(s: Session, by_user_id: int | None, user_id: int) -> None:
    user = s.get(User, user_id)
    if user is None:
        raise ValidationError("no user {name}", name=str(user_id))
    if not user.active:
        return
    if user_id == by_user_id:
        raise ValidationError("you cannot deactivate yourself")
    if user.role == Role.ADMIN and _active_admins(s, user_id) == 0:
        raise ValidationError("the office needs at least one active administrator")
    user.active = False
    s.flush()
    audit.record(s, by_user_id, AuditAction.UPDATE, "user", user_id, {"active": (True, False)})


# ------------------------------------------------------------------ reassigning
@dataclass(frozen=True)
class ReassignPreview:
    """What a reassignment of ``from_user_id``'s work would move."""

    from_user_id: int
    customers: int
    open_deals: int
    open_tasks: int
    team_places: int = 0
    """Places on account teams (app.services.teams) and contact persons' counterparts."""


@dataclass
class Reassigned:
    from_user_id: int
    to_user_ids: list[int]
    customer_ids: list[int] = field(default_factory=list)
    deal_ids: list[int] = field(default_factory=list)
    task_ids: list[int] = field(default_factory=list)
    deactivated: bool = False
    per_user: dict[int, int] = field(default_factory=dict)
    """How many customers each receiver got."""
    team_customer_ids: list[int] = field(default_factory=list)
    """Customers whose team places or counterparts moved."""
    team_places: int = 0
    """Team places and counterpart pairings moved (or dropped: the receiver had one)."""


def _moving(user_id: int) -> tuple[Select[Any], Select[Any], Select[Any]]:
    customers = select(Customer.id).where(
        Customer.owner_id == user_id, Customer.deleted_at.is_(None)
    )
    deals = select(Deal.id, Deal.customer_id).where(
        Deal.owner_id == user_id, Deal.status == DealStatus.OPEN, Deal.deleted_at.is_(None)
    )
    tasks = select(Task.id, Task.customer_id).where(
        Task.owner_id == user_id, Task.status == TaskStatus.OPEN
    )
    return customers, deals, tasks


def reassign_preview(session: Session, from_user_id: int) -> ReassignPreview:
    customers, deals, tasks = _moving(from_user_id)

    def n(q: Select[Any]) -> int:
        return session.scalar(select(func.count()).select_from(q.subquery())) or 0

    from . import teams

    return ReassignPreview(
        from_user_id, n(customers), n(deals), n(tasks), teams.places_of(session, from_user_id)
    )


def reassign(
    db: Database,
    by_user_id: int | None,
    from_user_id: int,
    to_user_id: int | Sequence[int],
    deactivate: bool = True,
) -> Reassigned:
    """Give every customer, open deal and open task of ``from_user_id`` to ``to_user_id``
    (a list: spread evenly, customer by customer; a deal or task of a moved customer goes
    with it), then deactivate ``from_user_id``; one transaction, one audit row per record
    moved. Only a manager or an administrator reassigns."""
    receivers = [to_user_id] if isinstance(to_user_id, int) else list(dict.fromkeys(to_user_id))
    if not receivers:
        raise ValidationError("choose who receives the work", field="to_user")
    if from_user_id in receivers:
        raise ValidationError("a user cannot hand their work to themselves", field="to_user")

    def work(s: Session) -> Reassigned:
        access.check_manager(s, by_user_id, "reassign customers")
        leaving = s.get(User, from_user_id)
        if leaving is None:
            raise ValidationError("no user {name}", name=str(from_user_id))
        for rid in receivers:
            target = s.get(User, rid)
            if target is None or not target.active:
                raise ValidationError("the receiving user must be active", field="to_user")
            if target.role == Role.VIEWER:
                raise ValidationError("a viewer cannot own customers", field="to_user")
        customers_q, deals_q, tasks_q = _moving(from_user_id)
        result = Reassigned(from_user_id, receivers, per_user=dict.fromkeys(receivers, 0))
        new_owner: dict[int, int] = {}
        for i, cid in enumerate(s.scalars(customers_q.order_by(Customer.id))):
            new_owner[cid] = receivers[i % len(receivers)]
        spread = 0

        def receiver_for(customer_id: int | None) -> int:
            nonlocal spread
            if customer_id is not None and customer_id in new_owner:
                return new_owner[customer_id]
            spread += 1
            return receivers[(spread - 1) % len(receivers)]

        deals = {did: receiver_for(cid) for did, cid in s.execute(deals_q.order_by(Deal.id))}
        tasks = {tid: receiver_for(cid) for tid, cid in s.execute(tasks_q.order_by(Task.id))}
        for model, moves, ids in (
            (Customer, new_owner, result.customer_ids),
            (Deal, deals, result.deal_ids),
            (Task, tasks, result.task_ids),
        ):
            table = model.__table__
            for rid in receivers:
                chosen = [k for k, v in moves.items() if v == rid]
                for start_at in range(0, len(chosen), 500):
                    chunk = chosen[start_at : start_at + 500]
                    s.execute(
                        update(table)
                        .where(table.c.id.in_(chunk))
                        .values(owner_id=rid, version=table.c.version + 1, updated_at=utcnow())
                    )
            ids.extend(sorted(moves))
            entity = model.__tablename__.rstrip("s")
            if moves:
                s.execute(
                    AuditEntry.__table__.insert(),
                    [
                        {
                            "at": utcnow(),
                            "user_id": by_user_id,
                            "action": AuditAction.REASSIGN,
                            "entity": entity,
                            "entity_id": k,
                            "field": "owner_id",
                            "old_value": str(from_user_id),
                            "new_value": str(v),
                            "note": None,
                        }
                        for k, v in moves.items()
                    ],
                )
        for rid in new_owner.values():
            result.per_user[rid] += 1
        from . import teams

        result.team_places = teams.places_of(s, from_user_id)
        result.team_customer_ids = teams.hand_over(s, by_user_id, from_user_id, receiver_for)
        audit.record(
            s,
            by_user_id,
            AuditAction.REASSIGN,
            "user",
            from_user_id,
            note=(
                f"{leaving.username}: {len(new_owner)} customers, {len(deals)} open deals, "
                f"{len(tasks)} open tasks, team places on {len(result.team_customer_ids)} "
                "customers to user(s) " + ", ".join(str(r) for r in receivers)
            ),
        )
        if deactivate:
            _deactivate(s, by_user_id, from_user_id)
            result.deactivated = True
        return result

    return db.run_write(work)


# ------------------------------------------------------------------ office rules
def set_office_rules(
    db: Database,
    by_user_id: int | None,
    *,
    everyone_sees_all: bool | None = None,
    os_login: bool | None = None,
) -> list[str]:
    """Who sees which customers (managers decide) and whether users marked so may sign in
    by the OS login without a password (administrators decide); returns the keys changed,
    each in the audit log."""
    from . import settings

    def work(s: Session) -> list[str]:
        values: dict[str, bool] = {}
        if everyone_sees_all is not None:
            access.check_manager(s, by_user_id, "change who sees which customers")
            values[access.EVERYONE_SEES_ALL] = everyone_sees_all
        if os_login is not None:
            access.check_admin(s, by_user_id, "allow signing in without a password")
            values[access.OS_LOGIN] = os_login
        return settings.store(s, by_user_id, values)

    return db.run_write(work)

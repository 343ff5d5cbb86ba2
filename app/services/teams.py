"""Account teams [大客户小组]: besides its owner, a customer may have a team of our people,
each with a role on the account (lead, manager, executive sponsor, service), and each of
the customer's contact persons may be paired with our counterpart (decision maker ↔ our
general manager, purchaser ↔ sales manager, window contact ↔ salesperson, finance ↔ a
named person). "When the person leaves, the customers leave" [人走客户走] is what this
prevents.

- A team member sees and works on the customer as its owner does (app.services.access).
- The owner of the customer, a manager or an administrator changes the team and the
  counterparts; a viewer changes nothing.
- A key account is a customer marked so, starred ★ by the key-account score, or of class
  A (app.services.segments). A key account whose team has fewer than ``MIN_TEAM`` active
  members besides its owner is *thin*: the managers' Today page lists it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, func, or_, select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import PermissionDenied, ValidationError
from app.models import AccountTeamMember, ContactPerson, Customer, CustomerSegment, User
from app.models.enums import AuditAction, ContactRole, Role, TeamRole

from . import access, audit
from .concurrency import expect_version

MIN_TEAM = 2
"""A key account needs at least this many team members besides its owner."""

SUGGESTED_ROLE: dict[ContactRole, TeamRole] = {
    ContactRole.DECISION_MAKER: TeamRole.SPONSOR,
    ContactRole.PURCHASER: TeamRole.MANAGER,
    ContactRole.WINDOW: TeamRole.LEAD,
    ContactRole.FINANCE: TeamRole.SERVICE,
}
"""Whose counterpart a contact person usually is: the decision maker's is our executive
sponsor (the general manager), the purchaser's our sales manager, the window contact's
the account lead (the salesperson); finance is paired with a named person."""


@dataclass(frozen=True)
class Member:
    """A line of a customer's team: plain data, safe to hand between threads."""

    user_id: int
    name: str
    role: str
    version: int
    active: bool
    is_owner: bool = False
    """The customer's owner listed on the team too (the owner is always on it)."""


@dataclass(frozen=True)
class Counterpart:
    contact_id: int
    contact_name: str
    contact_role: str
    version: int
    user_id: int | None
    user_name: str | None


@dataclass(frozen=True)
class Team:
    customer_id: int
    owner_id: int | None
    owner_name: str | None
    members: list[Member] = field(default_factory=list)
    counterparts: list[Counterpart] = field(default_factory=list)
    may_change: bool = False
    """Whether the user who asked may change the team (owner, manager, administrator)."""
    key_account: bool = False
    """Marked a key account, starred ★ or of class A: its team should not be thin."""

    @property
    def size(self) -> int:
        """Active members besides the owner."""
        return sum(1 for m in self.members if m.active and not m.is_owner)


# ------------------------------------------------------------------ reading
def may_change(session: Session, user_id: int | None, customer_id: int) -> bool:
    user_role = access.role(session, user_id)
    if user_role is None or user_role in access.MANAGERS:
        return True
    if user_role is Role.VIEWER:
        return False
    owner = session.scalar(select(Customer.owner_id).where(Customer.id == customer_id))
    return owner == user_id


def _check_may_change(session: Session, user_id: int | None, customer_id: int) -> None:
    access.check_may_write(session, user_id)
    if not may_change(session, user_id, customer_id):
        raise PermissionDenied("only the owner or a manager changes an account's team")


def team(session: Session, user_id: int | None, customer_id: int) -> Team:
    """The customer's owner, team members (owner first, then by role) and the
    counterparts of its contact persons."""
    access.check_may_see_customer(session, user_id, customer_id)
    row = session.execute(
        select(Customer.owner_id, User.display_name)
        .outerjoin(User, User.id == Customer.owner_id)
        .where(Customer.id == customer_id)
    ).first()
    if row is None:
        raise ValidationError("no customer {name}", name=str(customer_id))
    order = {r.value: i for i, r in enumerate(TeamRole)}
    members = [
        Member(uid, name, TeamRole(r).value, version, bool(active), uid == row.owner_id)
        for uid, name, r, version, active in session.execute(
            select(
                AccountTeamMember.user_id,
                User.display_name,
                AccountTeamMember.role,
                AccountTeamMember.version,
                User.active,
            )
            .join(User, User.id == AccountTeamMember.user_id)
            .where(AccountTeamMember.customer_id == customer_id)
        )
    ]
    members.sort(key=lambda m: (not m.is_owner, order.get(m.role, 9), m.name))
    counterparts = [
        Counterpart(pid, pname, ContactRole(prole).value, version, uid, uname)
        for pid, pname, prole, version, uid, uname in session.execute(
            select(
                ContactPerson.id,
                ContactPerson.name,
                ContactPerson.role,
                ContactPerson.version,
                ContactPerson.counterpart_user_id,
                User.display_name,
            )
            .outerjoin(User, User.id == ContactPerson.counterpart_user_id)
            .where(ContactPerson.customer_id == customer_id)
            .order_by(ContactPerson.id)
        )
    ]
    key = session.scalar(key_accounts_query(Customer.id).where(Customer.id == customer_id))
    return Team(
        customer_id,
        row.owner_id,
        row.display_name,
        members,
        counterparts,
        may_change(session, user_id, customer_id),
        key is not None,
    )


def candidates(session: Session) -> list[tuple[int, str]]:
    """Who may be put on a team or paired with a contact: active users but viewers."""
    return [
        (uid, name)
        for uid, name in session.execute(
            select(User.id, User.display_name)
            .where(User.active.is_(True), User.role != Role.VIEWER)
            .order_by(User.display_name)
        )
    ]


def customers_of(session: Session, member_id: int) -> list[int]:
    """The customers on whose team ``member_id`` is."""
    return list(
        session.scalars(
            select(AccountTeamMember.customer_id)
            .where(AccountTeamMember.user_id == member_id)
            .order_by(AccountTeamMember.customer_id)
        )
    )


# ------------------------------------------------------------------ changing
def _active_member(session: Session, member_id: int) -> User:
    user = session.get(User, member_id)
    if user is None or not user.active:
        raise ValidationError("no such active user", field="user")
    if user.role == Role.VIEWER:
        raise ValidationError("a viewer cannot be on an account's team", field="user")
    return user


def set_member(
    db: Database, user_id: int | None, customer_id: int, member_id: int, role: TeamRole | str
) -> Team:
    """Put ``member_id`` on the customer's team with ``role``, or change their role."""
    role = TeamRole(role)

    def work(s: Session) -> Team:
        _check_may_change(s, user_id, customer_id)
        _active_member(s, member_id)
        row = s.scalar(
            select(AccountTeamMember).where(
                AccountTeamMember.customer_id == customer_id,
                AccountTeamMember.user_id == member_id,
            )
        )
        if row is None:
            row = AccountTeamMember(customer_id=customer_id, user_id=member_id, role=role)
            s.add(row)
            s.flush()
            audit.record(
                s,
                user_id,
                AuditAction.CREATE,
                "account_team",
                customer_id,
                {"user_id": (None, member_id), "role": (None, role.value)},
            )
        elif row.role != role:
            old = row.role
            row.role = role
            s.flush()
            audit.record(
                s,
                user_id,
                AuditAction.UPDATE,
                "account_team",
                customer_id,
                {"role": (TeamRole(old).value, role.value)},
                note=f"user {member_id}",
            )
        return team(s, user_id, customer_id)

    return db.run_write(work)


def remove_member(db: Database, user_id: int | None, customer_id: int, member_id: int) -> Team:
    def work(s: Session) -> Team:
        _check_may_change(s, user_id, customer_id)
        gone = s.execute(
            delete(AccountTeamMember).where(
                AccountTeamMember.customer_id == customer_id,
                AccountTeamMember.user_id == member_id,
            )
        ).rowcount
        if gone:
            audit.record(
                s,
                user_id,
                AuditAction.DELETE,
                "account_team",
                customer_id,
                {"user_id": (member_id, None)},
            )
        return team(s, user_id, customer_id)

    return db.run_write(work)


def set_counterpart(
    db: Database,
    user_id: int | None,
    contact_id: int,
    version: int | None,
    counterpart_id: int | None,
) -> Team:
    """Pair a contact person with our counterpart (None: nobody); the counterpart joins
    the team (role suggested by the contact's role) when not on it yet."""

    def work(s: Session) -> Team:
        contact = s.get(ContactPerson, contact_id)
        if contact is None:
            raise ValidationError("no contact person {name}", name=str(contact_id))
        _check_may_change(s, user_id, contact.customer_id)
        if version is not None:
            expect_version(contact, version)
        if counterpart_id is not None:
            _active_member(s, counterpart_id)
        old = contact.counterpart_user_id
        if old != counterpart_id:
            contact.counterpart_user_id = counterpart_id
            s.flush()
            audit.record(
                s,
                user_id,
                AuditAction.UPDATE,
                "contact",
                contact_id,
                {"counterpart_user_id": (old, counterpart_id)},
            )
        owner = s.scalar(select(Customer.owner_id).where(Customer.id == contact.customer_id))
        if counterpart_id is not None and counterpart_id != owner:
            on_team = s.scalar(
                select(AccountTeamMember.id).where(
                    AccountTeamMember.customer_id == contact.customer_id,
                    AccountTeamMember.user_id == counterpart_id,
                )
            )
            if on_team is None:
                role = SUGGESTED_ROLE.get(ContactRole(contact.role), TeamRole.SERVICE)
                s.add(
                    AccountTeamMember(
                        customer_id=contact.customer_id, user_id=counterpart_id, role=role
                    )
                )
                s.flush()
                audit.record(
                    s,
                    user_id,
                    AuditAction.CREATE,
                    "account_team",
                    contact.customer_id,
                    {"user_id": (None, counterpart_id), "role": (None, role.value)},
                )
        return team(s, user_id, contact.customer_id)

    return db.run_write(work)


# ------------------------------------------------------------------ key accounts
def key_account_term() -> ColumnElement[bool]:
    """A WHERE term over ``customers`` (outer-joined to ``customer_segments``) keeping
    the key accounts: marked so, starred ★, or class A."""
    g = CustomerSegment
    return or_(Customer.is_key_account.is_(True), g.starred.is_(True), g.abc_class == "A")


def key_accounts_query(*columns: Any) -> Any:
    """``select(columns)`` over the live key accounts."""
    return (
        select(*columns)
        .select_from(Customer)
        .outerjoin(CustomerSegment, CustomerSegment.customer_id == Customer.id)
        .where(
            key_account_term(),
            Customer.deleted_at.is_(None),
            Customer.erased_at.is_(None),
            Customer.merged_into_id.is_(None),
        )
    )


def team_size() -> Any:
    """A correlated count of a customer's active team members besides its owner."""
    return (
        select(func.count())
        .select_from(AccountTeamMember)
        .join(User, User.id == AccountTeamMember.user_id)
        .where(
            AccountTeamMember.customer_id == Customer.id,
            User.active.is_(True),
            or_(Customer.owner_id.is_(None), AccountTeamMember.user_id != Customer.owner_id),
        )
        .correlate(Customer)
        .scalar_subquery()
    )


@dataclass(frozen=True)
class ThinTeam:
    customer_id: int
    customer_name: str
    owner: str | None
    members: int


def thin_teams(
    session: Session, owner_id: int | None = None, limit: int = 200
) -> tuple[int, list[ThinTeam]]:
    """Key accounts whose team has fewer than ``MIN_TEAM`` members besides the owner
    (of ``owner_id``'s customers, or of everyone's): (count, the first ``limit``, the
    thinnest first)."""
    size = team_size().label("size")
    q = key_accounts_query(Customer.id, Customer.name, User.display_name, size).outerjoin(
        User, and_(User.id == Customer.owner_id)
    )
    if owner_id is not None:
        q = q.where(Customer.owner_id == owner_id)
    q = q.where(team_size() < MIN_TEAM)
    count = session.scalar(select(func.count()).select_from(q.subquery())) or 0
    rows = session.execute(q.order_by(size, Customer.sort_name, Customer.id).limit(limit))
    return count, [ThinTeam(cid, name, owner, int(n or 0)) for cid, name, owner, n in rows]


# ------------------------------------------------------------------ someone leaves
def places_of(session: Session, user_id: int) -> int:
    """How many team places and counterpart pairings ``user_id`` holds."""
    places = session.scalar(
        select(func.count())
        .select_from(AccountTeamMember)
        .where(AccountTeamMember.user_id == user_id)
    )
    pairs = session.scalar(
        select(func.count())
        .select_from(ContactPerson)
        .where(ContactPerson.counterpart_user_id == user_id)
    )
    return int(places or 0) + int(pairs or 0)


def hand_over(
    s: Session, by_user_id: int | None, from_user_id: int, receiver_for: Any
) -> list[int]:
    """Inside a reassignment (app.services.users.reassign): give ``from_user_id``'s team
    places and counterpart pairings to ``receiver_for(customer_id)``; a receiver already
    on that team keeps their own place and role, and the leaver's goes. Returns the
    customers whose team changed."""
    changed: set[int] = set()
    rows = s.execute(
        select(AccountTeamMember.id, AccountTeamMember.customer_id)
        .where(AccountTeamMember.user_id == from_user_id)
        .order_by(AccountTeamMember.customer_id)
    ).all()
    for row_id, cid in rows:
        to = receiver_for(cid)
        place = s.get(AccountTeamMember, row_id)
        assert place is not None
        taken = s.scalar(
            select(AccountTeamMember.id).where(
                AccountTeamMember.customer_id == cid, AccountTeamMember.user_id == to
            )
        )
        if taken is None:
            place.user_id = to
        else:
            s.delete(place)
        s.flush()
        audit.record(
            s,
            by_user_id,
            AuditAction.REASSIGN,
            "account_team",
            cid,
            {"user_id": (from_user_id, to)},
        )
        changed.add(cid)
    for contact in s.scalars(
        select(ContactPerson)
        .where(ContactPerson.counterpart_user_id == from_user_id)
        .order_by(ContactPerson.id)
    ):
        to = receiver_for(contact.customer_id)
        contact.counterpart_user_id = to
        s.flush()
        audit.record(
            s,
            by_user_id,
            AuditAction.REASSIGN,
            "contact",
            contact.id,
            {"counterpart_user_id": (from_user_id, to)},
        )
        changed.add(contact.customer_id)
    return sorted(changed)

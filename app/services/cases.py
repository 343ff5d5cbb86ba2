"""Complaints taken to closure [客户投诉]: a case has a customer, what happened, an owner
(the customer's by default), a due date (office setting ``cases.due_days``, 3 days by
default), a status (open → in progress → resolved), the resolution and, once resolved,
the customer's satisfaction (1–5).

Open cases show on their owner's Today page and on the front desk card; overdue ones on
the manager's Today page (``today_sections``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from app.db import Database
from app.errors import ClientelaError, PermissionDenied, ValidationError
from app.models import Activity, Customer, ServiceCase, User, utcnow
from app.models.enums import ActivityKind, AuditAction, CaseStatus, Role

from . import access, audit, validation
from .concurrency import expect_version

DUE_DAYS_KEY = "cases.due_days"
DUE_DAYS_DEFAULT = 3
TITLE_MAX = 200
LIST_LIMIT = 5000
StatusFilter = Literal["all", "open", "in_progress", "resolved", "unresolved", "overdue"]
STATUS_FILTERS: tuple[str, ...] = (
    "all",
    "unresolved",
    "open",
    "in_progress",
    "resolved",
    "overdue",
)


def due_days(session: Session) -> int:
    value = access.setting(session, DUE_DAYS_KEY, DUE_DAYS_DEFAULT)
    try:
        days = int(value)
    except (TypeError, ValueError):
        return DUE_DAYS_DEFAULT
    return days if 0 <= days <= 365 else DUE_DAYS_DEFAULT


@dataclass
class CaseData:
    customer_id: int
    title: str
    description: str | None = None
    owner_id: int | None = None
    """None: the customer's owner."""
    due_on: dt.date | None = None
    """None: today plus the office's ``cases.due_days``."""
    activity_id: int | None = None
    """The complaint activity the case comes from, if any."""


@dataclass(frozen=True)
class CaseChanged:
    case_id: int
    customer_id: int
    version: int
    status: str


def _check_owner(s: Session, owner_id: int | None) -> None:
    if owner_id is None:
        return
    active = s.scalar(select(User.active).where(User.id == owner_id))
    if not active:
        raise ValidationError("no active user with this id", field="owner_id")


def open_case(
    db: Database, user_id: int | None, data: CaseData, *, today: dt.date | None = None
) -> CaseChanged:
    """A new case, status open. ValidationError for a missing title or a due date before
    today; PermissionDenied unless the user may change the customer's file."""
    title = validation.text(data.title, "title", TITLE_MAX, required=True)
    description = validation.text(data.description, "description", 100_000)
    day = today or dt.date.today()
    if data.due_on is not None and data.due_on < day:
        raise ValidationError("the due date is in the past", field="due_on")

    def work(s: Session) -> CaseChanged:
        access.check_may_edit_customer(s, user_id, data.customer_id)
        customer = s.get(Customer, data.customer_id)
        if customer is None or customer.deleted_at is not None:
            raise ValidationError("this customer no longer exists", field="customer_id")
        owner_id = data.owner_id if data.owner_id is not None else customer.owner_id
        if owner_id is None:
            owner_id = user_id
        _check_owner(s, owner_id)
        if data.activity_id is not None:
            act = s.get(Activity, data.activity_id)
            if act is None or act.customer_id != data.customer_id:
                raise ValidationError("this activity is not the customer's", field="activity_id")
        case = ServiceCase(
            customer_id=data.customer_id,
            activity_id=data.activity_id,
            owner_id=owner_id,
            title=title,
            description=description,
            opened_at=utcnow(),
            due_on=data.due_on or day + dt.timedelta(days=due_days(s)),
            status=CaseStatus.OPEN,
        )
        s.add(case)
        s.flush()
        audit.record(s, user_id, AuditAction.CREATE, "case", case.id, {"title": (None, case.title)})
        return CaseChanged(case.id, case.customer_id, case.version, case.status.value)

    return db.run_write(work)


def _editable(
    s: Session, user_id: int | None, case_id: int, seen_version: int | None
) -> ServiceCase:
    case = s.get(ServiceCase, case_id)
    if seen_version is not None:
        expect_version(case, seen_version)
    if case is None:
        raise ClientelaError("this case no longer exists")
    role = access.check_may_write(s, user_id)
    if role is not None and role not in access.MANAGERS and case.owner_id != user_id:
        access.check_may_see_customer(s, user_id, case.customer_id)
    return case


def start(
    db: Database, user_id: int | None, case_id: int, seen_version: int | None = None
) -> CaseChanged:
    """Someone is working on it: open → in progress."""

    def work(s: Session) -> CaseChanged:
        case = _editable(s, user_id, case_id, seen_version)
        if case.status is CaseStatus.RESOLVED:
            raise ClientelaError("this case is resolved already")
        old = case.status
        case.status = CaseStatus.IN_PROGRESS
        s.flush()
        audit.record(
            s, user_id, AuditAction.UPDATE, "case", case.id, {"status": (old, case.status)}
        )
        return CaseChanged(case.id, case.customer_id, case.version, case.status.value)

    return db.run_write(work)


def reassign(
    db: Database,
    user_id: int | None,
    case_id: int,
    owner_id: int,
    seen_version: int | None = None,
) -> CaseChanged:
    """Give the case to someone else (a manager's decision, or the owner passing it on)."""

    def work(s: Session) -> CaseChanged:
        case = _editable(s, user_id, case_id, seen_version)
        role = access.role(s, user_id)
        if role is not None and role not in access.MANAGERS and case.owner_id != user_id:
            raise PermissionDenied("only a manager gives cases to another person")
        _check_owner(s, owner_id)
        old = case.owner_id
        case.owner_id = owner_id
        s.flush()
        audit.record(s, user_id, AuditAction.UPDATE, "case", case.id, {"owner_id": (old, owner_id)})
        return CaseChanged(case.id, case.customer_id, case.version, case.status.value)

    return db.run_write(work)


def resolve(
    db: Database,
    user_id: int | None,
    case_id: int,
    resolution: str,
    satisfaction: int | None = None,
    seen_version: int | None = None,
    *,
    now: dt.datetime | None = None,
) -> CaseChanged:
    """Closed: what was done (required) and, when asked, the customer's satisfaction 1–5.
    The resolution is also logged on the customer's timeline."""
    text = validation.text(resolution, "resolution", 100_000, required=True)
    if satisfaction is not None and not 1 <= satisfaction <= 5:
        raise ValidationError("satisfaction is scored 1 to 5", field="satisfaction")
    when = now or utcnow()

    def work(s: Session) -> CaseChanged:
        case = _editable(s, user_id, case_id, seen_version)
        if case.status is CaseStatus.RESOLVED:
            raise ClientelaError("this case is resolved already")
        old = case.status
        case.status = CaseStatus.RESOLVED
        case.resolution = text
        case.resolved_at = when
        case.satisfaction = satisfaction
        act = Activity(
            customer_id=case.customer_id,
            user_id=user_id,
            kind=ActivityKind.NOTE,
            occurred_at=when,
            subject=case.title[:200],
            text=text,
            outcome=text,
            satisfaction=satisfaction,
        )
        s.add(act)
        s.flush()
        if satisfaction is not None:
            from .satisfaction import follow_up_low_score

            follow_up_low_score(s, act.id, when)
        audit.record(
            s,
            user_id,
            AuditAction.UPDATE,
            "case",
            case.id,
            {"status": (old, case.status), "satisfaction": (None, satisfaction)},
        )
        return CaseChanged(case.id, case.customer_id, case.version, case.status.value)

    return db.run_write(work)


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class CaseRow:
    id: int
    version: int
    customer_id: int
    customer_number: str
    customer_name: str
    title: str
    description: str | None
    owner_id: int | None
    owner: str | None
    status: str
    opened_at: dt.datetime
    due_on: dt.date | None
    overdue: bool
    resolution: str | None
    resolved_at: dt.datetime | None
    satisfaction: int | None

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for key in ("opened_at", "due_on", "resolved_at"):
            if d[key] is not None:
                d[key] = d[key].isoformat()
        return d


def status_terms(status: str, today: dt.date) -> list[Any]:
    if status == "all":
        return []
    if status == "unresolved":
        return [ServiceCase.status != CaseStatus.RESOLVED]
    if status == "overdue":
        return [ServiceCase.status != CaseStatus.RESOLVED, ServiceCase.due_on < today]
    try:
        return [ServiceCase.status == CaseStatus(status)]
    except ValueError:
        raise ValidationError(
            "unknown case status {status}", field="status", status=status
        ) from None


def listing(
    session: Session,
    user_id: int | None,
    *,
    status: str = "all",
    owner_id: int | None = None,
    customer_id: int | None = None,
    opened_from: dt.date | None = None,
    opened_to: dt.date | None = None,
    today: dt.date | None = None,
    limit: int = LIST_LIMIT,
) -> list[CaseRow]:
    """Cases the user may see, newest first, narrowed by status (all, unresolved, open,
    in_progress, resolved, overdue), owner, customer and the day they were opened."""
    day = today or dt.date.today()
    owner = aliased(User)
    terms = [
        access.visible_customers(session, user_id),
        Customer.deleted_at.is_(None),
        *status_terms(status, day),
    ]
    if owner_id is not None:
        terms.append(ServiceCase.owner_id == owner_id)
    if customer_id is not None:
        terms.append(ServiceCase.customer_id == customer_id)
    if opened_from is not None:
        terms.append(ServiceCase.opened_at >= dt.datetime.combine(opened_from, dt.time(), dt.UTC))
    if opened_to is not None:
        end = dt.datetime.combine(opened_to + dt.timedelta(days=1), dt.time(), dt.UTC)
        terms.append(ServiceCase.opened_at < end)
    rows = session.execute(
        select(ServiceCase, Customer.number, Customer.name, owner.display_name)
        .join(Customer, Customer.id == ServiceCase.customer_id)
        .outerjoin(owner, owner.id == ServiceCase.owner_id)
        .where(*terms)
        .order_by(ServiceCase.opened_at.desc(), ServiceCase.id.desc())
        .limit(limit)
    ).all()
    return [_row(c, number, name, oname, day) for c, number, name, oname in rows]


def _row(c: ServiceCase, number: str, name: str, owner: str | None, day: dt.date) -> CaseRow:
    return CaseRow(
        id=c.id,
        version=c.version,
        customer_id=c.customer_id,
        customer_number=number,
        customer_name=name,
        title=c.title,
        description=c.description,
        owner_id=c.owner_id,
        owner=owner,
        status=c.status.value,
        opened_at=c.opened_at,
        due_on=c.due_on,
        overdue=c.status is not CaseStatus.RESOLVED and c.due_on is not None and c.due_on < day,
        resolution=c.resolution,
        resolved_at=c.resolved_at,
        satisfaction=c.satisfaction,
    )


def get(session: Session, user_id: int | None, case_id: int) -> CaseRow:
    case = session.get(ServiceCase, case_id)
    if case is None:
        raise ClientelaError("this case no longer exists")
    access.check_may_see_customer(session, user_id, case.customer_id)
    found = listing(session, user_id, customer_id=case.customer_id, limit=LIST_LIMIT)
    return next(r for r in found if r.id == case_id)


def open_for(
    session: Session, owner_id: int | None, day: dt.date, limit: int
) -> tuple[int, list[CaseRow]]:
    """Unresolved cases of ``owner_id`` (everyone's for None), the soonest due first."""
    return _unresolved(
        session, day, limit, [] if owner_id is None else [ServiceCase.owner_id == owner_id]
    )


def overdue_for_manager(
    session: Session, manager_id: int | None, day: dt.date, limit: int
) -> tuple[int, list[CaseRow]]:
    """Overdue cases of the people who report to ``manager_id`` (of everyone when nobody
    reports to them, or for None), except the manager's own."""
    terms: list[Any] = [ServiceCase.due_on < day]
    if manager_id is not None:
        team = list(session.scalars(select(User.id).where(User.manager_id == manager_id)))
        if team:
            terms.append(ServiceCase.owner_id.in_(team))
        else:
            terms.append((ServiceCase.owner_id != manager_id) | ServiceCase.owner_id.is_(None))
    return _unresolved(session, day, limit, terms)


def _unresolved(
    session: Session, day: dt.date, limit: int, terms: list[Any]
) -> tuple[int, list[CaseRow]]:
    from sqlalchemy import func

    base = [ServiceCase.status != CaseStatus.RESOLVED, Customer.deleted_at.is_(None), *terms]
    count = (
        session.scalar(
            select(func.count())
            .select_from(ServiceCase)
            .join(Customer, Customer.id == ServiceCase.customer_id)
            .where(*base)
        )
        or 0
    )
    owner = aliased(User)
    rows = session.execute(
        select(ServiceCase, Customer.number, Customer.name, owner.display_name)
        .join(Customer, Customer.id == ServiceCase.customer_id)
        .outerjoin(owner, owner.id == ServiceCase.owner_id)
        .where(*base)
        .order_by(ServiceCase.due_on.is_(None), ServiceCase.due_on, ServiceCase.id)
        .limit(limit)
    ).all()
    return count, [_row(c, n, name, o, day) for c, n, name, o in rows]


def is_manager(session: Session, user_id: int | None) -> bool:
    return access.role(session, user_id) in (Role.ADMIN, Role.MANAGER)

"""To-dos [待办事务]: create, edit, complete, snooze and reassign tasks, and the Today
view that gathers what needs doing.

A task's effective due time is ``snoozed_until`` when set, else ``due_at``: snoozing
moves a task out of today's lists without forgetting when it was first due. Completing
a follow-up (a return visit, a call, a win-back…) asks for its outcome, which is logged
as an activity on the customer. A recurring task, when completed, makes its next one.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from sqlalchemy import and_, extract, func, or_, select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import ClientelaError, PermissionDenied, ValidationError
from app.models import (
    Activity,
    ContactPerson,
    Customer,
    Deal,
    Stage,
    Task,
    User,
    utcnow,
)
from app.models.enums import (
    ActivityKind,
    AuditAction,
    DealStatus,
    Priority,
    Recurrence,
    Role,
    TaskKind,
    TaskStatus,
)

from . import access, audit, reminders, validation
from .concurrency import expect_version
from .dates import anniversary

FOLLOW_UP_KINDS = (TaskKind.RETURN_VISIT, TaskKind.FOLLOW_UP)
OUTCOME_KINDS = (TaskKind.RETURN_VISIT, TaskKind.FOLLOW_UP, TaskKind.CALL, TaskKind.WIN_BACK)
"""Completing these asks what came of it, and logs that on the customer."""
PLAIN_KINDS = (TaskKind.TODO, TaskKind.CALL, TaskKind.CASE, TaskKind.CONTRACT)
"""The kinds listed under overdue / due today; the others have sections of their own."""
MANAGERS = access.MANAGERS
BIRTHDAY_DAYS = 7
SECTION_LIMIT = 200
TITLE_MAX = 200


def needs_outcome(kind: TaskKind | str) -> bool:
    return TaskKind(kind) in OUTCOME_KINDS


def effective_due() -> Any:
    return func.coalesce(Task.snoozed_until, Task.due_at)


# ---------------------------------------------------------------- permissions


def _role(s: Session, user_id: int | None) -> Role | None:
    return access.role(s, user_id)  # None: the program itself, or a script without a user


def _may_change(s: Session, user_id: int | None, task: Task) -> None:
    role = _role(s, user_id)
    if role is None or role in MANAGERS:
        return
    if role is Role.VIEWER:
        raise PermissionDenied("a viewer cannot change tasks")
    if task.owner_id not in (None, user_id) and task.created_by_id != user_id:
        raise PermissionDenied("this task belongs to someone else")
    if task.owner_id is None and task.created_by_id != user_id and task.customer_id is not None:
        access.check_may_see_customer(s, user_id, task.customer_id)


def _check_may_use(
    s: Session, user_id: int | None, values: dict[str, Any], task: Task | None
) -> None:
    """A task is put on a customer or deal only by someone who may work on it (a task
    already there keeps its customer without a second check)."""
    did = values.get("deal_id")
    if did is not None and (task is None or did != task.deal_id):
        access.check_may_edit_deal(s, user_id, did)
    cid = values.get("customer_id")
    if cid is None or (task is not None and cid == task.customer_id):
        return
    if did is None or s.scalar(select(Deal.customer_id).where(Deal.id == did)) != cid:
        access.check_may_edit_customer(s, user_id, cid)


# ---------------------------------------------------------------- changes


@dataclass
class TaskData:
    title: str
    due_at: dt.datetime
    kind: TaskKind = TaskKind.TODO
    priority: Priority = Priority.NORMAL
    customer_id: int | None = None
    deal_id: int | None = None
    owner_id: int | None = None
    note: str | None = None
    recurrence: Recurrence = Recurrence.NONE


@dataclass(frozen=True)
class TaskChanged:
    """What a task change touched, for the pages to refresh."""

    task_id: int
    customer_id: int | None
    version: int
    next_task_id: int | None = None
    activity_id: int | None = None


def _clean(data: TaskData) -> dict[str, Any]:
    title = validation.text(data.title, "title", TITLE_MAX, required=True)
    if data.due_at.tzinfo is None:
        raise ValidationError("a time needs its time zone", field="due_at")
    return {
        "title": title,
        "due_at": data.due_at,
        "kind": TaskKind(data.kind),
        "priority": Priority(data.priority),
        "customer_id": data.customer_id,
        "deal_id": data.deal_id,
        "owner_id": data.owner_id,
        "note": validation.text(data.note, "note", 10_000),
        "recurrence": Recurrence(data.recurrence),
    }


def _check_refs(s: Session, values: dict[str, Any]) -> None:
    cid = values.get("customer_id")
    if cid is not None:
        c = s.get(Customer, cid)
        if c is None or c.deleted_at is not None:
            raise ValidationError("this customer no longer exists", field="customer_id")
    did = values.get("deal_id")
    if did is not None:
        d = s.get(Deal, did)
        if d is None or d.deleted_at is not None:
            raise ValidationError("this deal no longer exists", field="deal_id")
        if cid is None:
            values["customer_id"] = d.customer_id
    oid = values.get("owner_id")
    if (
        oid is not None
        and s.scalar(select(User.id).where(User.id == oid, User.active.is_(True))) is None
    ):
        raise ValidationError("no such active user", field="owner_id")


def create(db: Database, user_id: int | None, data: TaskData) -> TaskChanged:
    values = _clean(data)

    def work(s: Session) -> TaskChanged:
        if _role(s, user_id) is Role.VIEWER:
            raise PermissionDenied("a viewer cannot change tasks")
        if values["owner_id"] is None:
            values["owner_id"] = user_id
        _check_refs(s, values)
        _check_may_use(s, user_id, values, None)
        task = Task(created_by_id=user_id, status=TaskStatus.OPEN, **values)
        s.add(task)
        s.flush()
        audit.record(s, user_id, AuditAction.CREATE, "task", task.id, {"title": (None, task.title)})
        return TaskChanged(task.id, task.customer_id, task.version)

    return db.run_write(work)


def update(
    db: Database, user_id: int | None, task_id: int, seen_version: int, data: TaskData
) -> TaskChanged:
    values = _clean(data)

    def work(s: Session) -> TaskChanged:
        task = s.get(Task, task_id)
        expect_version(task, seen_version)
        assert task is not None
        _may_change(s, user_id, task)
        _check_refs(s, values)
        _check_may_use(s, user_id, values, task)
        changes = {}
        for name, new in values.items():
            old = getattr(task, name)
            if old != new:
                changes[name] = (old, new)
                setattr(task, name, new)
        if changes:
            s.flush()
            audit.record(s, user_id, AuditAction.UPDATE, "task", task.id, changes)
        return TaskChanged(task.id, task.customer_id, task.version)

    return db.run_write(work)


def add_months(when: dt.datetime, months: int) -> dt.datetime:
    """The same day ``months`` later; the 31st becomes the month's last day."""
    index = when.month - 1 + months
    year, month = when.year + index // 12, index % 12 + 1
    day = min(when.day, calendar.monthrange(year, month)[1])
    return when.replace(year=year, month=month, day=day)


def next_due(due: dt.datetime, recurrence: Recurrence, after: dt.datetime) -> dt.datetime:
    """The next occurrence strictly after ``after`` (a task done late does not leave a
    trail of overdue copies behind it)."""
    step = 0
    nxt = due
    while nxt <= after or step == 0:
        step += 1
        nxt = (
            due + dt.timedelta(weeks=step)
            if recurrence is Recurrence.WEEKLY
            else add_months(due, step)
        )
    return nxt


def complete(
    db: Database,
    user_id: int | None,
    task_id: int,
    seen_version: int | None = None,
    *,
    outcome: str | None = None,
    satisfaction: int | None = None,
    now: dt.datetime | None = None,
) -> TaskChanged:
    """Mark done. A follow-up needs its outcome, logged on the customer as an activity
    (a return visit with its satisfaction score, 1–5). A recurring task makes its next."""
    outcome = validation.text(outcome, "outcome", 10_000)
    if satisfaction is not None and not 1 <= satisfaction <= 5:
        raise ValidationError("satisfaction is scored 1 to 5", field="satisfaction")
    when = now or utcnow()

    def work(s: Session) -> TaskChanged:
        task = s.get(Task, task_id)
        if seen_version is not None:
            expect_version(task, seen_version)
        if task is None:
            raise ClientelaError("this task no longer exists")
        _may_change(s, user_id, task)
        if task.status is not TaskStatus.OPEN:
            raise ClientelaError("this task is already done")
        if needs_outcome(task.kind) and outcome is None:
            raise ValidationError("what came of it?", field="outcome")
        task.status = TaskStatus.DONE
        task.done_at = when
        task.outcome = outcome
        activity_id = None
        if outcome is not None and task.customer_id is not None:
            kind = {
                TaskKind.RETURN_VISIT: ActivityKind.RETURN_VISIT,
                TaskKind.CALL: ActivityKind.CALL,
                TaskKind.WIN_BACK: ActivityKind.CALL,
                TaskKind.FOLLOW_UP: ActivityKind.CALL,
            }.get(task.kind, ActivityKind.NOTE)
            act = Activity(
                customer_id=task.customer_id,
                contact_id=task.contact_id,
                deal_id=task.deal_id,
                user_id=user_id,
                kind=kind,
                occurred_at=when,
                subject=task.title,
                text=outcome,
                outcome=outcome,
                satisfaction=satisfaction,
            )
            s.add(act)
            s.flush()
            activity_id = act.id
            audit.record(s, user_id, AuditAction.CREATE, "activity", act.id, {"kind": (None, kind)})
            if satisfaction is not None:
                from .satisfaction import follow_up_low_score

                follow_up_low_score(s, act.id, when)
        next_id = None
        if task.recurrence is not Recurrence.NONE:
            nxt = Task(
                title=task.title,
                kind=task.kind,
                customer_id=task.customer_id,
                contact_id=task.contact_id,
                deal_id=task.deal_id,
                owner_id=task.owner_id,
                created_by_id=task.created_by_id,
                due_at=next_due(task.due_at, task.recurrence, when),
                priority=task.priority,
                status=TaskStatus.OPEN,
                recurrence=task.recurrence,
                note=task.note,
            )
            s.add(nxt)
            s.flush()
            next_id = nxt.id
            audit.record(
                s, user_id, AuditAction.CREATE, "task", nxt.id, {"title": (None, nxt.title)}
            )
        s.flush()
        audit.record(
            s,
            user_id,
            AuditAction.UPDATE,
            "task",
            task.id,
            {"status": (TaskStatus.OPEN, TaskStatus.DONE), "outcome": (None, outcome)},
        )
        return TaskChanged(task.id, task.customer_id, task.version, next_id, activity_id)

    return db.run_write(work)


def snooze(
    db: Database,
    user_id: int | None,
    task_id: int,
    until: dt.datetime,
    seen_version: int | None = None,
) -> TaskChanged:
    """Hide the task until ``until`` (aware); it comes back then, due."""
    if until.tzinfo is None:
        raise ValidationError("a time needs its time zone", field="until")

    def work(s: Session) -> TaskChanged:
        task = s.get(Task, task_id)
        if seen_version is not None:
            expect_version(task, seen_version)
        if task is None:
            raise ClientelaError("this task no longer exists")
        _may_change(s, user_id, task)
        if task.status is not TaskStatus.OPEN:
            raise ClientelaError("this task is already done")
        old = task.snoozed_until
        task.snoozed_until = until
        s.flush()
        audit.record(
            s, user_id, AuditAction.UPDATE, "task", task.id, {"snoozed_until": (old, until)}
        )
        return TaskChanged(task.id, task.customer_id, task.version)

    return db.run_write(work)


def snooze_for(
    db: Database,
    user_id: int | None,
    task_id: int,
    days: int,
    now: dt.datetime,
    tz: dt.tzinfo | None = None,
    seen_version: int | None = None,
) -> TaskChanged:
    """Snooze by whole days: the task comes back at 9:00 office time that day."""
    zone = tz or now.tzinfo or dt.UTC
    day = now.astimezone(zone).date() + dt.timedelta(days=days)
    until = dt.datetime.combine(day, dt.time(9), tzinfo=zone).astimezone(dt.UTC)
    return snooze(db, user_id, task_id, until, seen_version)


def reassign(
    db: Database, user_id: int | None, task_ids: Iterable[int], owner_id: int
) -> list[TaskChanged]:
    """Give tasks to another person (managers: any task; others: their own)."""
    ids = list(task_ids)

    def work(s: Session) -> list[TaskChanged]:
        if s.scalar(select(User.id).where(User.id == owner_id, User.active.is_(True))) is None:
            raise ValidationError("no such active user", field="owner_id")
        out = []
        for tid in ids:
            task = s.get(Task, tid)
            if task is None:
                raise ClientelaError("this task no longer exists")
            _may_change(s, user_id, task)
            if task.owner_id == owner_id:
                continue
            old = task.owner_id
            task.owner_id = owner_id
            s.flush()
            audit.record(
                s, user_id, AuditAction.REASSIGN, "task", task.id, {"owner_id": (old, owner_id)}
            )
            out.append(TaskChanged(task.id, task.customer_id, task.version))
        return out

    return db.run_write(work)


# ---------------------------------------------------------------- Today

Scope = Literal["mine", "all"] | int
SECTIONS = (
    "overdue",
    "today",
    "birthdays",
    "follow_ups",
    "at_risk",
    "stuck_deals",
    "cases",
    "overdue_cases",
    "contracts",
    "thin_teams",
)


@dataclass(frozen=True)
class TodayItem:
    """One line of a Today section. ``kind``: task, birthday, deal or case."""

    kind: str
    title: str
    customer_id: int | None
    customer_name: str | None = None
    when: dt.datetime | dt.date | None = None
    task_id: int | None = None
    task_version: int | None = None
    task_kind: str | None = None
    priority: str | None = None
    needs_outcome: bool = False
    deal_id: int | None = None
    owner: str | None = None
    days: int | None = None
    """Birthdays: days until; overdue: days late; stuck deals: days in the stage."""
    detail: str | None = None
    case_id: int | None = None

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        if self.when is not None:
            d["when"] = self.when.isoformat()
        return d


@dataclass
class TodaySection:
    key: str
    count: int
    items: list[TodayItem] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"count": self.count, "items": [i.as_dict() for i in self.items]}


@dataclass
class TodayView:
    date: dt.date
    owner_id: int | None
    """Whose view: a user's id, or None for everyone."""
    sections: dict[str, TodaySection]

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "owner_id": self.owner_id,
            "sections": {k: v.as_dict() for k, v in self.sections.items()},
        }


def _scope_owner(s: Session, user_id: int | None, scope: Scope) -> int | None:
    role = _role(s, user_id)
    if scope == "mine":
        return user_id
    if isinstance(scope, int) and scope == user_id:
        return scope
    if role is not None and role not in MANAGERS:
        raise PermissionDenied("only a manager sees other people's work")
    return None if scope == "all" else int(scope)


def today(
    session: Session,
    user_id: int | None,
    now: dt.datetime,
    scope: Scope = "mine",
    tz: dt.tzinfo | None = None,
    limit: int = SECTION_LIMIT,
) -> TodayView:
    """The Today page: overdue, due today, birthdays in the next 7 days, follow-up visits
    due, customers at risk (their win-back tasks) and deals stuck too long in a stage.
    Each section has its full count and at most ``limit`` items."""
    if now.tzinfo is None:
        raise ValueError("now needs its time zone")
    zone = tz or now.tzinfo
    assert zone is not None
    day = now.astimezone(zone).date()
    start = dt.datetime.combine(day, dt.time(), tzinfo=zone).astimezone(dt.UTC)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=zone).astimezone(dt.UTC)
    owner = _scope_owner(session, user_id, scope)
    everyone = owner is None
    names = dict(session.execute(select(User.id, User.display_name)).all()) if everyone else {}

    def task_section(key: str, *conds: Any) -> TodaySection:
        due = effective_due()
        base = [Task.status == TaskStatus.OPEN, *conds]
        if owner is not None:
            base.append(Task.owner_id == owner)
        count = session.scalar(select(func.count()).select_from(Task).where(*base)) or 0
        rows = session.execute(
            select(Task, Customer.name)
            .outerjoin(Customer, Customer.id == Task.customer_id)
            .where(*base)
            .order_by(due, Task.id)
            .limit(limit)
        ).all()
        items = []
        for task, cname in rows:
            when = task.snoozed_until or task.due_at
            late = (day - when.astimezone(zone).date()).days
            items.append(
                TodayItem(
                    kind="task",
                    title=task.title,
                    customer_id=task.customer_id,
                    customer_name=cname,
                    when=when,
                    task_id=task.id,
                    task_version=task.version,
                    task_kind=task.kind.value,
                    priority=task.priority.value,
                    needs_outcome=needs_outcome(task.kind),
                    deal_id=task.deal_id,
                    owner=names.get(task.owner_id) if everyone else None,
                    days=late if late > 0 else None,
                )
            )
        return TodaySection(key, count, items)

    due = effective_due()
    sections = {
        "overdue": task_section("overdue", Task.kind.in_(PLAIN_KINDS), due < start),
        "today": task_section("today", Task.kind.in_(PLAIN_KINDS), due >= start, due < end),
        "birthdays": _birthdays(session, day, owner, names, limit),
        "follow_ups": task_section("follow_ups", Task.kind.in_(FOLLOW_UP_KINDS), due < end),
        "at_risk": task_section("at_risk", Task.kind == TaskKind.WIN_BACK, due < end),
        "stuck_deals": _stuck_deals(session, now, owner, names, limit),
        **_cases(session, user_id, day, owner, limit),
        "contracts": _contracts(session, day, owner, limit, user_id),
        "thin_teams": _thin_teams(session, user_id, owner, limit),
    }
    return TodayView(day, owner, sections)


def _thin_teams(s: Session, user_id: int | None, owner: int | None, limit: int) -> TodaySection:
    """For a manager: key accounts with too thin a team (services.teams), everyone's on
    their own view and on Everyone, one salesperson's when that person is chosen."""
    from . import teams

    role = _role(s, user_id)
    if role is not None and role not in MANAGERS:
        return TodaySection("thin_teams", 0)
    count, rows = teams.thin_teams(s, None if owner == user_id else owner, limit)
    items = [
        TodayItem(
            kind="thin_team",
            title=r.customer_name,
            customer_id=r.customer_id,
            customer_name=r.customer_name,
            owner=r.owner,
            days=None,
            detail=str(r.members),
        )
        for r in rows
    ]
    return TodaySection("thin_teams", count, items)


def _contracts(
    s: Session, day: dt.date, owner: int | None, limit: int, user_id: int | None
) -> TodaySection:
    """Contracts signed or in force that end within 30 days (services.contracts), what is
    left of each unless ``user_id`` may not see money figures."""
    from . import contracts

    rows = contracts.hidden_for(s, user_id, contracts.expiring(s, owner, day))
    items = [
        TodayItem(
            kind="contract",
            title=" ".join(x for x in (r.number, r.title) if x),
            customer_id=r.customer_id,
            customer_name=r.customer_name,
            when=r.ends_on,
            days=(r.ends_on - day).days if r.ends_on else None,
            detail=None if r.remaining is None else str(r.remaining),
        )
        for r in rows[:limit]
    ]
    return TodaySection("contracts", len(rows), items)


def _cases(
    s: Session, user_id: int | None, day: dt.date, owner: int | None, limit: int
) -> dict[str, TodaySection]:
    """Open complaint cases of the owner; on a manager's own view also the overdue cases
    of the people who report to them."""
    from . import cases

    def section(key: str, found: tuple[int, list[cases.CaseRow]]) -> TodaySection:
        count, rows = found
        items = []
        for r in rows:
            late = (day - r.due_on).days if r.due_on is not None else 0
            items.append(
                TodayItem(
                    kind="case",
                    title=r.title,
                    customer_id=r.customer_id,
                    customer_name=r.customer_name,
                    when=r.due_on,
                    owner=r.owner if owner is None or key == "overdue_cases" else None,
                    days=late if late > 0 else None,
                    detail=r.status,
                    case_id=r.id,
                )
            )
        return TodaySection(key, count, items)

    mine = section("cases", cases.open_for(s, owner, day, limit))
    if owner is not None and owner == user_id and cases.is_manager(s, user_id):
        late = section("overdue_cases", cases.overdue_for_manager(s, user_id, day, limit))
    else:
        late = TodaySection("overdue_cases", 0)
    return {"cases": mine, "overdue_cases": late}


def _birthdays(
    s: Session, day: dt.date, owner: int | None, names: dict[int, str], limit: int
) -> TodaySection:
    """Customers' and contact persons' birthdays from today to ``BIRTHDAY_DAYS`` ahead,
    soonest first, with the open birthday task where the reminder made one."""
    last = day + dt.timedelta(days=BIRTHDAY_DAYS)
    months = {day.month, last.month}
    live = [Customer.deleted_at.is_(None), Customer.erased_at.is_(None)]
    mine = [] if owner is None else [Customer.owner_id == owner]
    found: list[tuple[dt.date, int, str, int, int | None, str]] = []

    def within(born: dt.date) -> dt.date | None:
        for year in (day.year, day.year + 1):
            when = anniversary(born, year)
            if day <= when <= last:
                return when
        return None

    q1 = select(Customer.id, Customer.name, Customer.birthday, Customer.owner_id).where(
        Customer.birthday.is_not(None),
        extract("month", Customer.birthday).in_(months),
        *live,
        *mine,
    )
    for cid, name, born, own in s.execute(q1):
        when = within(born)
        if when is not None:
            found.append((when, cid, name, own, None, f"birthday:customer:{cid}:{when.year}"))
    q2 = (
        select(
            ContactPerson.id,
            ContactPerson.name,
            ContactPerson.birthday,
            Customer.id,
            Customer.name,
            Customer.owner_id,
            ContactPerson.counterpart_user_id,
        )
        .join(Customer, Customer.id == ContactPerson.customer_id)
        .where(
            ContactPerson.birthday.is_not(None),
            extract("month", ContactPerson.birthday).in_(months),
            *live,
        )
    )
    if owner is not None:  # a contact's birthday is also their counterpart's (teams)
        q2 = q2.where(or_(Customer.owner_id == owner, ContactPerson.counterpart_user_id == owner))
    for pid, pname, born, cid, cname, own, mate in s.execute(q2):
        when = within(born)
        if when is not None:
            key = f"birthday:contact:{pid}:{when.year}"
            if owner is not None and own != owner and mate == owner:
                key, own = reminders.counterpart_key(key, mate), mate
            found.append((when, cid, f"{pname} ({cname})", own, pid, key))
    found.sort(key=lambda f: (f[0], f[2]))
    keys = [f[5] for f in found[:limit]]
    tasks = (
        {
            t.source_key: t
            for t in s.scalars(
                select(Task).where(Task.source_key.in_(keys), Task.status == TaskStatus.OPEN)
            )
        }
        if keys
        else {}
    )
    items = []
    for when, cid, name, own, _pid, key in found[:limit]:
        task = tasks.get(key)
        items.append(
            TodayItem(
                kind="birthday",
                title=name,
                customer_id=cid,
                customer_name=name,
                when=when,
                task_id=task.id if task else None,
                task_version=task.version if task else None,
                task_kind=TaskKind.BIRTHDAY.value if task else None,
                owner=names.get(own) if owner is None else None,
                days=(when - day).days,
            )
        )
    return TodaySection("birthdays", len(found), items)


def _stuck_deals(
    s: Session, now: dt.datetime, owner: int | None, names: dict[int, str], limit: int
) -> TodaySection:
    """Open deals that have sat in their stage longer than the stage's ``aging_days``."""
    stages = s.execute(
        select(Stage.id, Stage.name, Stage.aging_days).where(
            Stage.is_won.is_(False), Stage.is_lost.is_(False), Stage.aging_days > 0
        )
    ).all()
    if not stages:
        return TodaySection("stuck_deals", 0)
    stage_names = {sid: name for sid, name, _ in stages}
    aged = or_(
        *(
            and_(Deal.stage_id == sid, Deal.stage_entered_at < now - dt.timedelta(days=days))
            for sid, _, days in stages
        )
    )
    conds = [Deal.status == DealStatus.OPEN, Deal.deleted_at.is_(None), aged]
    if owner is not None:
        conds.append(Deal.owner_id == owner)
    count = s.scalar(select(func.count()).select_from(Deal).where(*conds)) or 0
    rows = s.execute(
        select(Deal, Customer.name)
        .join(Customer, Customer.id == Deal.customer_id)
        .where(*conds)
        .order_by(Deal.stage_entered_at, Deal.id)
        .limit(limit)
    ).all()
    items = [
        TodayItem(
            kind="deal",
            title=deal.title,
            customer_id=deal.customer_id,
            customer_name=cname,
            when=deal.stage_entered_at,
            deal_id=deal.id,
            owner=names.get(deal.owner_id) if owner is None else None,
            days=(now - deal.stage_entered_at).days,
            detail=stage_names.get(deal.stage_id),
        )
        for deal, cname in rows
    ]
    return TodaySection("stuck_deals", count, items)


# ---------------------------------------------------------------- the Tasks list

StatusFilter = Literal["open", "done", "all"]


@dataclass(frozen=True)
class TaskRow:
    """A line of the Tasks list: plain data, safe to hand between threads."""

    id: int
    version: int
    title: str
    kind: str
    priority: str
    status: str
    due_at: dt.datetime
    snoozed_until: dt.datetime | None
    customer_id: int | None
    customer_name: str | None
    owner: str | None
    recurrence: str
    outcome: str | None
    needs_outcome: bool


def status_terms(status: StatusFilter) -> tuple[list[Any], list[Any]]:
    """The Tasks page's conditions and order for a status choice; its export uses them
    too, so the file lists what the page shows in the same order."""
    if status == "open":
        return [Task.status == TaskStatus.OPEN], [effective_due(), Task.id]
    if status == "done":
        return [Task.status == TaskStatus.DONE], [Task.done_at.desc(), Task.id.desc()]
    return [], [effective_due().desc(), Task.id.desc()]


def listing(
    session: Session,
    user_id: int | None,
    scope: Scope = "mine",
    status: StatusFilter = "open",
    *,
    offset: int = 0,
    limit: int = 200,
) -> tuple[int, list[TaskRow]]:
    """Tasks by effective due time (open) or by when done (done): (total, one page)."""
    owner = _scope_owner(session, user_id, scope)
    conds, order = status_terms(status)
    if owner is not None:
        conds.append(Task.owner_id == owner)
    total = session.scalar(select(func.count()).select_from(Task).where(*conds)) or 0
    rows = session.execute(
        select(Task, Customer.name, User.display_name)
        .outerjoin(Customer, Customer.id == Task.customer_id)
        .outerjoin(User, User.id == Task.owner_id)
        .where(*conds)
        .order_by(*order)
        .offset(offset)
        .limit(limit)
    ).all()
    return total, [_task_row(t, cname, uname) for t, cname, uname in rows]


def _task_row(t: Task, customer_name: str | None, owner: str | None) -> TaskRow:
    return TaskRow(
        id=t.id,
        version=t.version,
        title=t.title,
        kind=t.kind.value,
        priority=t.priority.value,
        status=t.status.value,
        due_at=t.due_at,
        snoozed_until=t.snoozed_until,
        customer_id=t.customer_id,
        customer_name=customer_name,
        owner=owner,
        recurrence=t.recurrence.value,
        outcome=t.outcome,
        needs_outcome=needs_outcome(t.kind),
    )


def falling_due(
    session: Session, user_id: int, after: dt.datetime, until: dt.datetime
) -> list[TaskRow]:
    """The user's open tasks that fall due in (``after``, ``until``], for the tray
    notification that announces them while the program runs."""
    due = effective_due()
    rows = session.execute(
        select(Task, Customer.name)
        .outerjoin(Customer, Customer.id == Task.customer_id)
        .where(
            Task.owner_id == user_id,
            Task.status == TaskStatus.OPEN,
            due > after,
            due <= until,
        )
        .order_by(due, Task.id)
    ).all()
    return [_task_row(t, cname, None) for t, cname in rows]

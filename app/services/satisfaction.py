"""Customer satisfaction [客户满意度]: the 1–5 score asked on a return visit (or when a
complaint case is resolved) is stored on the activity. A score of 1 or 2 makes a
follow-up task for the manager of the customer's salesperson, once per answer (its
``source_key``, so two PCs saving the same answer make one task).

Per customer: the last score and its trend; per salesperson (the customer's owner) and per
month: answers, average, share of 4–5 and of 1–2 (``report``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.models import Activity, Customer, Setting, Task, User, utcnow
from app.models.enums import Priority, Role, TaskKind, TaskStatus

from . import access

LOW_SCORES = (1, 2)
HIGH_SCORES = (4, 5)
TREND_OF = 3
"""The last score is compared with the average of up to this many answers before it."""
TITLES = {
    "zh": "客户不满意（{score} 分）：{name}",
    "es": "Cliente insatisfecho ({score}/5): {name}",
    "en": "Unhappy customer ({score}/5): {name}",
}


def manager_of(session: Session, owner_id: int | None) -> int | None:
    """Who follows up an unhappy customer: the salesperson's manager; else the first
    active manager, else the first active administrator; None when there is nobody."""
    if owner_id is not None:
        manager = session.scalar(select(User.manager_id).where(User.id == owner_id))
        if manager is not None and session.scalar(select(User.active).where(User.id == manager)):
            return int(manager)
    for role in (Role.MANAGER, Role.ADMIN):
        found = session.scalar(
            select(User.id).where(User.role == role, User.active.is_(True)).order_by(User.id)
        )
        if found is not None:
            return int(found)
    return None


def follow_up_low_score(
    session: Session, activity_id: int, now: dt.datetime | None = None
) -> int | None:
    """Inside a write: when the activity's score is 1 or 2, a follow-up task for the
    owner's manager, due the next day, high priority. Returns the new task's id (None when
    the score is not low or the task exists already)."""
    from .reminders import insert_ignoring_duplicates

    act = session.get(Activity, activity_id)
    if act is None or act.satisfaction not in LOW_SCORES:
        return None
    customer = session.get(Customer, act.customer_id)
    if customer is None:
        return None
    when = now or utcnow()
    locale = session.scalar(select(Setting.value).where(Setting.key == "office.locale"))
    title = TITLES.get(str(locale or "en")[:2], TITLES["en"])
    note = act.outcome or act.text
    row = {
        "title": title.format(score=act.satisfaction, name=customer.name)[:200],
        "kind": TaskKind.FOLLOW_UP,
        "customer_id": customer.id,
        "contact_id": act.contact_id,
        "order_id": None,
        "owner_id": manager_of(session, customer.owner_id),
        "created_by_id": act.user_id,
        "due_at": when + dt.timedelta(days=1),
        "priority": Priority.HIGH,
        "status": TaskStatus.OPEN,
        "source_key": f"satisfaction:{activity_id}",
        "note": note[:10_000] if note else None,
        "version": 1,
        "created_at": when,
        "updated_at": when,
    }
    made = insert_ignoring_duplicates(session, [row])
    return made[0] if made else None


def low_score_task(session: Session, activity_id: int) -> Task | None:
    return session.scalar(select(Task).where(Task.source_key == f"satisfaction:{activity_id}"))


# ---------------------------------------------------------------- per customer


@dataclass(frozen=True)
class CustomerScores:
    last: int | None
    last_at: dt.datetime | None
    trend: str | None
    """up, down or steady against the answers before the last; None with one answer."""
    answers: int
    average: float | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "last": self.last,
            "last_at": self.last_at.isoformat() if self.last_at else None,
            "trend": self.trend,
            "answers": self.answers,
            "average": self.average,
        }


def customer_scores(session: Session, customer_id: int) -> CustomerScores:
    rows = list(
        session.execute(
            select(Activity.satisfaction, Activity.occurred_at)
            .where(Activity.customer_id == customer_id, Activity.satisfaction.isnot(None))
            .order_by(Activity.occurred_at.desc(), Activity.id.desc())
        )
    )
    if not rows:
        return CustomerScores(None, None, None, 0, None)
    scores = [int(r[0]) for r in rows]
    trend = None
    before = scores[1 : 1 + TREND_OF]
    if before:
        mean = sum(before) / len(before)
        trend = "up" if scores[0] > mean + 0.25 else "down" if scores[0] < mean - 0.25 else "steady"
    return CustomerScores(
        scores[0], rows[0][1], trend, len(scores), round(sum(scores) / len(scores), 2)
    )


# ---------------------------------------------------------------- report


@dataclass
class Line:
    key: str
    """A month (YYYY-MM) or a salesperson's name."""
    answers: int = 0
    total: int = 0
    high: int = 0
    low: int = 0
    user_id: int | None = None

    def add(self, score: int) -> None:
        self.answers += 1
        self.total += score
        self.high += score in HIGH_SCORES
        self.low += score in LOW_SCORES

    def as_dict(self) -> dict[str, Any]:
        n = self.answers
        return {
            "key": self.key,
            "user_id": self.user_id,
            "answers": n,
            "average": round(self.total / n, 2) if n else None,
            "share_4_5": round(self.high / n, 4) if n else None,
            "share_1_2": round(self.low / n, 4) if n else None,
        }


@dataclass
class Report:
    date_from: dt.date
    date_to: dt.date
    months: list[Line] = field(default_factory=list)
    salespeople: list[Line] = field(default_factory=list)
    total: Line = field(default_factory=lambda: Line("total"))

    def as_dict(self) -> dict[str, Any]:
        return {
            "from": self.date_from.isoformat(),
            "to": self.date_to.isoformat(),
            "months": [m.as_dict() for m in self.months],
            "salespeople": [p.as_dict() for p in self.salespeople],
            "total": self.total.as_dict(),
        }


def report(
    session: Session,
    user_id: int | None,
    date_from: dt.date,
    date_to: dt.date,
    tz: dt.tzinfo | None = None,
) -> Report:
    """Scores given from ``date_from`` to ``date_to`` (whole local days, both included),
    per month and per salesperson (the customer's owner), of the customers the user sees."""
    if date_to < date_from:
        raise ValidationError(
            "the first day {first} comes after the last day {last}",
            field="date_from",
            first=date_from.isoformat(),
            last=date_to.isoformat(),
        )
    zone = tz or dt.datetime.now().astimezone().tzinfo
    start = dt.datetime.combine(date_from, dt.time(), zone).astimezone(dt.UTC)
    end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time(), zone).astimezone(dt.UTC)
    rows = session.execute(
        select(Activity.occurred_at, Customer.owner_id, Activity.satisfaction)
        .join(Customer, Customer.id == Activity.customer_id)
        .where(
            Activity.satisfaction.isnot(None),
            Activity.occurred_at >= start,
            Activity.occurred_at < end,
            Customer.deleted_at.is_(None),
            access.visible_customers(session, user_id),
        )
    ).all()
    names = dict(session.execute(select(User.id, User.display_name)).all())
    out = Report(date_from, date_to)
    months: dict[str, Line] = {}
    people: dict[int | None, Line] = defaultdict(lambda: Line(""))
    for at, owner, score in rows:
        month = at.astimezone(zone).strftime("%Y-%m")
        months.setdefault(month, Line(month)).add(int(score))
        line = people[owner]
        line.key, line.user_id = names.get(owner, "") if owner else "", owner
        line.add(int(score))
        out.total.add(int(score))
    out.months = [months[k] for k in sorted(months)]
    out.salespeople = sorted(people.values(), key=lambda ln: (-ln.answers, ln.key))
    return out

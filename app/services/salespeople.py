"""Per salesperson, per day / week / month [日周月报表]: follow-ups logged by kind, new
customers, deals created, moved, won and lost, orders and amounts, payments collected.

Each figure is one grouped SQL query over the period; who counts is:
activities by ``user_id``; new customers by ``created_by_id`` (else the owner); deals
created, won and lost by the deal's owner; moves by the user who moved (a stay in a stage
that is not the deal's first); orders by their owner; payments by who recorded them.
A salesperson sees their own line; managers and admins see everyone side by side.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, and_, exists, func, literal, select, type_coerce
from sqlalchemy.orm import Session, aliased

from app.models import (
    Activity,
    Customer,
    Deal,
    DealStageHistory,
    Order,
    Payment,
    User,
    UTCDateTime,
)
from app.models.base import CENT
from app.models.enums import ActivityKind, DealStatus, OrderStatus, Role

from . import figures
from .segments import Period

PERIODS = ("day", "week", "month")
CALLS = (ActivityKind.CALL,)
VISITS = (ActivityKind.VISIT, ActivityKind.RETURN_VISIT, ActivityKind.MEETING)


def period_of(kind: str, day: dt.date) -> Period:
    """The day, the Monday-to-Sunday week or the calendar month that holds ``day``."""
    if kind == "day":
        return Period(day, day)
    if kind == "week":
        start = day - dt.timedelta(days=day.weekday())
        return Period(start, start + dt.timedelta(days=6))
    if kind == "month":
        start = day.replace(day=1)
        nxt = (start + dt.timedelta(days=32)).replace(day=1)
        return Period(start, nxt - dt.timedelta(days=1))
    raise ValueError(f"period must be one of {', '.join(PERIODS)}")


def _cents(value: Any) -> Decimal:
    return (Decimal(int(value or 0)) / 100).quantize(CENT)


MONEY_FIELDS = ("won_amount", "order_amount", "collected")


@dataclass
class SalespersonLine:
    user_id: int | None
    name: str
    activities: dict[str, int] = field(default_factory=dict)
    """Activity kind → count."""
    new_customers: int = 0
    deals_created: int = 0
    deals_moved: int = 0
    deals_won: int = 0
    won_amount: Decimal | None = Decimal("0.00")
    deals_lost: int = 0
    orders: int = 0
    order_amount: Decimal | None = Decimal("0.00")
    collected: Decimal | None = Decimal("0.00")

    @property
    def calls(self) -> int:
        return sum(self.activities.get(k.value, 0) for k in CALLS)

    @property
    def visits(self) -> int:
        return sum(self.activities.get(k.value, 0) for k in VISITS)

    @property
    def other_activities(self) -> int:
        return sum(self.activities.values()) - self.calls - self.visits

    def as_dict(self) -> dict[str, Any]:
        return {
            "user_id": self.user_id,
            "name": self.name,
            "calls": self.calls,
            "visits": self.visits,
            "other_activities": self.other_activities,
            "activities": dict(sorted(self.activities.items())),
            "new_customers": self.new_customers,
            "deals_created": self.deals_created,
            "deals_moved": self.deals_moved,
            "deals_won": self.deals_won,
            "won_amount": figures.text(self.won_amount),
            "deals_lost": self.deals_lost,
            "orders": self.orders,
            "order_amount": figures.text(self.order_amount),
            "collected": figures.text(self.collected),
        }


@dataclass(frozen=True)
class ActivityReport:
    period: Period
    lines: list[SalespersonLine]
    targets: dict[int, dict[str, Any]] | None = None
    """For a calendar month, each salesperson's targets by measure (``services.targets``
    ``Measured``: target, actual, share); None for a day, a week or a range."""

    def as_dict(self) -> dict[str, Any]:
        def line_dict(line: SalespersonLine) -> dict[str, Any]:
            data = line.as_dict()
            if self.targets is not None:
                aims = self.targets.get(line.user_id or 0, {})
                data["targets"] = {k: m.as_dict() for k, m in aims.items()}
            return data

        return {
            "period_start": self.period.start.isoformat(),
            "period_end": self.period.end.isoformat(),
            "salespeople": [line_dict(line) for line in self.lines],
        }


def visible_user_ids(session: Session, user_id: int | None, role: Role | None) -> list[int] | None:
    """Whose lines the acting user may see: everyone (None) for managers, admins and
    scripts without a user; only their own for a salesperson or viewer."""
    if user_id is None or role in (Role.ADMIN, Role.MANAGER):
        return None
    return [user_id]


def activity_report(
    session: Session,
    period: Period,
    user_ids: list[int] | None = None,
    *,
    user_id: int | None = None,
) -> ActivityReport:
    """One line per salesperson (active users, plus anyone with figures in the period);
    the amounts blank when ``user_id`` may not see financial figures."""
    start_at = literal(period.start_at(), UTCDateTime)
    end_at = literal(period.end_before(), UTCDateTime)
    lines: dict[int | None, SalespersonLine] = {}
    names = dict(session.execute(select(User.id, User.display_name)).all())
    for uid in session.scalars(select(User.id).where(User.active.is_(True))):
        lines[uid] = SalespersonLine(uid, names.get(uid, ""))

    def line(uid: int | None) -> SalespersonLine:
        if uid not in lines:
            lines[uid] = SalespersonLine(uid, names.get(uid, "") if uid is not None else "")
        return lines[uid]

    a = Activity
    for uid, kind, n in session.execute(
        select(a.user_id, a.kind, func.count())
        .where(a.occurred_at >= start_at, a.occurred_at < end_at)
        .group_by(a.user_id, a.kind)
    ):
        line(uid).activities[str(getattr(kind, "value", kind))] = int(n)

    c = Customer
    who = func.coalesce(c.created_by_id, c.owner_id)
    for uid, n in session.execute(
        select(who, func.count())
        .where(c.created_at >= start_at, c.created_at < end_at, c.deleted_at.is_(None))
        .group_by(who)
    ):
        line(uid).new_customers = int(n)

    d = Deal
    for uid, n in session.execute(
        select(d.owner_id, func.count())
        .where(d.created_at >= start_at, d.created_at < end_at, d.deleted_at.is_(None))
        .group_by(d.owner_id)
    ):
        line(uid).deals_created = int(n)
    won_value = type_coerce(func.coalesce(d.won_amount, d.amount), BigInteger)
    for uid, status, n, cents in session.execute(
        select(d.owner_id, d.status, func.count(), func.sum(won_value))
        .where(
            d.closed_at >= start_at,
            d.closed_at < end_at,
            d.deleted_at.is_(None),
            d.status.in_((DealStatus.WON, DealStatus.LOST)),
        )
        .group_by(d.owner_id, d.status)
    ):
        if status == DealStatus.WON:
            line(uid).deals_won = int(n)
            line(uid).won_amount = _cents(cents)
        else:
            line(uid).deals_lost = int(n)

    h = DealStageHistory
    earlier = aliased(DealStageHistory)
    for uid, n in session.execute(
        select(h.user_id, func.count())
        .where(
            h.entered_at >= start_at,
            h.entered_at < end_at,
            exists().where(and_(earlier.deal_id == h.deal_id, earlier.entered_at < h.entered_at)),
        )
        .group_by(h.user_id)
    ):
        line(uid).deals_moved = int(n)

    o = Order
    for uid, n, cents in session.execute(
        select(o.owner_id, func.count(), func.sum(type_coerce(o.amount, BigInteger)))
        .where(
            o.order_date >= period.start,
            o.order_date <= period.end,
            o.deleted_at.is_(None),
            o.status.not_in((OrderStatus.CANCELLED, OrderStatus.DRAFT)),
        )
        .group_by(o.owner_id)
    ):
        line(uid).orders = int(n)
        line(uid).order_amount = _cents(cents)

    p = Payment
    for uid, cents in session.execute(
        select(p.user_id, func.sum(type_coerce(p.amount, BigInteger)))
        .where(p.paid_on >= period.start, p.paid_on <= period.end)
        .group_by(p.user_id)
    ):
        line(uid).collected = _cents(cents)

    out = [ln for uid, ln in lines.items() if user_ids is None or uid in user_ids]
    out.sort(key=lambda ln: (ln.user_id is None, ln.name, ln.user_id or 0))
    if not figures.may_see_financials(session, user_id):
        out = figures.blank_all(out, *MONEY_FIELDS)
    from .targets import for_report

    return ActivityReport(period, out, for_report(session, period, user_id, user_ids))

"""Monthly sales targets [销售目标] per salesperson, and progress against them.

A target is for one salesperson, one month and one measure — sales, collections or new
customers — optionally narrowed to a product category (sales only) or a customer region.
Managers and administrators set them; everyone sees their own, managers everyone's.

"Actual" is counted exactly as the monthly workbook counts it (``services.monthly``):
- sales: orders that count (not deleted, not cancelled, not drafts) by order date,
  credited to the order's salesperson; by category, the amounts of those orders' lines
  whose product is in the category; by region, orders of customers of that region;
- collections: payments by payment date, credited to who recorded them;
- new customers: created in the month (not deleted), credited to their owner.

Pace is counted in calendar days: what is still missing, divided by the days left in the
month including today (every day of the month for a month still to come, none for a past
one). Spreading a year's target over its months is even, or in proportion to last year's
actual figures month by month; either way rounding is settled so the months add up to the
year exactly (the remainder goes one unit at a time to the first months).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from sqlalchemy import BigInteger, func, select, type_coerce
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import PermissionDenied, ValidationError
from app.models import Customer, Order, OrderLine, Payment, Product, SalesTarget, User
from app.models.enums import AuditAction, ProductCategory, Role, TargetMeasure

from . import access, audit, credit, monthly
from .segments import Period, add_months

MEASURES = tuple(TargetMeasure)
MONEY = (TargetMeasure.SALES, TargetMeasure.COLLECTIONS)
DIMENSIONS = ("", "category", "region")
SPREADS = ("even", "last_year")
ZERO = Decimal("0.00")


def month_of(month: str | dt.date) -> dt.date:
    """``YYYY-MM`` (or any day of it) as the month's first day."""
    return monthly.month_period(month).start


def _measure(value: TargetMeasure | str) -> TargetMeasure:
    try:
        return TargetMeasure(str(getattr(value, "value", value)).strip())
    except ValueError:
        raise ValidationError(
            "{value} is not a target measure (sales, collections, new_customers)",
            field="measure",
            value=value,
        ) from None


def _dimension(measure: TargetMeasure, dimension: str, value: str) -> tuple[str, str]:
    dimension, value = (dimension or "").strip(), (value or "").strip()
    if dimension not in DIMENSIONS:
        raise ValidationError(
            "{value} is not a target dimension (category, region)",
            field="dimension",
            value=dimension,
        )
    if not dimension:
        return "", ""
    if not value:
        raise ValidationError("say which {dimension}", field="dimension_value", dimension=dimension)
    if dimension == "category":
        if measure is not TargetMeasure.SALES:
            raise ValidationError(
                "only a sales target can be by product category", field="dimension"
            )
        try:
            value = ProductCategory(value).value
        except ValueError:
            raise ValidationError(
                "{value} is not a product category", field="dimension_value", value=value
            ) from None
    return dimension, value[:100]


def _amount(session: Session, measure: TargetMeasure, value: Any) -> Decimal | None:
    """The target as typed, checked; None (or empty) clears it."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if measure in MONEY:
        return credit.money(value, measure.value, credit.office_decimals(session))
    return credit.money(value, measure.value, 0)


def _norm(measure: TargetMeasure | str, value: Decimal) -> Decimal:
    """Counts as whole numbers (the column keeps two decimals for every measure)."""
    if str(getattr(measure, "value", measure)) == TargetMeasure.NEW_CUSTOMERS.value:
        return Decimal(int(value))
    return value


def _zero(measure: TargetMeasure) -> Decimal:
    return ZERO if measure in MONEY else Decimal(0)


# ---------------------------------------------------------------- reading
@dataclass(frozen=True)
class Target:
    user_id: int
    name: str
    month: dt.date
    measure: str
    dimension: str
    dimension_value: str
    target: Decimal

    def as_dict(self) -> dict[str, Any]:
        return {
            "user_id": self.user_id,
            "name": self.name,
            "month": f"{self.month:%Y-%m}",
            "measure": self.measure,
            "dimension": self.dimension,
            "dimension_value": self.dimension_value,
            "target": str(self.target),
        }


def _visible(session: Session, user_id: int | None) -> list[int] | None:
    user_role = access.role(session, user_id)
    if user_role is None or user_role in access.MANAGERS:
        return None
    return [user_id] if user_id is not None else []


def targets(session: Session, user_id: int | None, month: str | dt.date) -> list[Target]:
    """The month's targets the acting user may see, by salesperson and measure."""
    first = month_of(month)
    q = (
        select(SalesTarget, User.display_name)
        .join(User, User.id == SalesTarget.user_id)
        .where(SalesTarget.month == first)
        .order_by(User.display_name, User.id, SalesTarget.measure, SalesTarget.dimension)
    )
    visible = _visible(session, user_id)
    if visible is not None:
        q = q.where(SalesTarget.user_id.in_(visible))
    return [
        Target(
            t.user_id,
            name,
            t.month,
            t.measure.value,
            t.dimension,
            t.dimension_value,
            _norm(t.measure, t.target),
        )
        for t, name in session.execute(q)
    ]


def salespeople(session: Session) -> list[tuple[int, str]]:
    """Who targets are set for: active users who sell (salespeople and managers)."""
    return [
        (uid, name)
        for uid, name in session.execute(
            select(User.id, User.display_name)
            .where(User.active.is_(True), User.role.in_((Role.SALES, Role.MANAGER)))
            .order_by(User.display_name, User.id)
        )
    ]


# ---------------------------------------------------------------- writing
@dataclass(frozen=True)
class TargetInput:
    user_id: int
    measure: TargetMeasure | str
    target: Decimal | str | int | None
    """None or "" clears the target."""
    dimension: str = ""
    dimension_value: str = ""


def _put(
    s: Session,
    user_id: int | None,
    first: dt.date,
    who: int,
    measure: TargetMeasure,
    value: Decimal | None,
    dimension: str,
    dimension_value: str,
) -> bool:
    """Set (or clear) one target, audited; True when something changed."""
    row = s.scalar(
        select(SalesTarget).where(
            SalesTarget.user_id == who,
            SalesTarget.month == first,
            SalesTarget.measure == measure,
            SalesTarget.dimension == dimension,
            SalesTarget.dimension_value == dimension_value,
        )
    )
    note = f"{first:%Y-%m} {measure.value}" + (
        f" {dimension}={dimension_value}" if dimension else ""
    )
    if row is None:
        if value is None:
            return False
        row = SalesTarget(
            user_id=who,
            month=first,
            measure=measure,
            dimension=dimension,
            dimension_value=dimension_value,
            target=value,
        )
        s.add(row)
        s.flush()
        audit.record(
            s, user_id, AuditAction.CREATE, "sales_target", row.id, {"target": (None, value)}, note
        )
        return True
    if value is None:
        audit.record(
            s,
            user_id,
            AuditAction.DELETE,
            "sales_target",
            row.id,
            {"target": (row.target, None)},
            note,
        )
        s.delete(row)
        s.flush()
        return True
    if Decimal(row.target) == value:
        return False
    old = row.target
    row.target = value
    s.flush()
    audit.record(
        s, user_id, AuditAction.UPDATE, "sales_target", row.id, {"target": (old, value)}, note
    )
    return True


def _check_user(s: Session, who: int) -> None:
    if s.scalar(select(User.id).where(User.id == who)) is None:
        raise ValidationError("there is no user {value}", field="user_id", value=who)


def set_targets(
    db: Database, user_id: int | None, month: str | dt.date, entries: Sequence[TargetInput]
) -> int:
    """Set (or clear) several targets of one month, all or nothing; how many changed."""
    first = month_of(month)

    def work(s: Session) -> int:
        access.check_manager(s, user_id, "set sales targets")
        changed = 0
        for e in entries:
            _check_user(s, e.user_id)
            measure = _measure(e.measure)
            dim, dim_value = _dimension(measure, e.dimension, e.dimension_value)
            value = _amount(s, measure, e.target)
            changed += _put(s, user_id, first, e.user_id, measure, value, dim, dim_value)
        return changed

    return db.run_write(work)


def set_target(
    db: Database,
    user_id: int | None,
    who: int,
    month: str | dt.date,
    measure: TargetMeasure | str,
    target: Decimal | str | int | None,
    dimension: str = "",
    dimension_value: str = "",
) -> int:
    return set_targets(
        db, user_id, month, [TargetInput(who, measure, target, dimension, dimension_value)]
    )


def copy_last_month(
    db: Database, user_id: int | None, month: str | dt.date, *, overwrite: bool = False
) -> int:
    """The previous month's targets copied into ``month``; a target already set there is
    kept unless ``overwrite``. How many were written."""
    first = month_of(month)
    before = add_months(first, -1)

    def work(s: Session) -> int:
        access.check_manager(s, user_id, "set sales targets")
        existing = {
            (t.user_id, t.measure, t.dimension, t.dimension_value)
            for t in s.scalars(select(SalesTarget).where(SalesTarget.month == first))
        }
        n = 0
        for t in list(s.scalars(select(SalesTarget).where(SalesTarget.month == before))):
            key = (t.user_id, t.measure, t.dimension, t.dimension_value)
            if key in existing and not overwrite:
                continue
            n += _put(
                s, user_id, first, t.user_id, t.measure, t.target, t.dimension, t.dimension_value
            )
        return n

    return db.run_write(work)


def split(total: Decimal, weights: Sequence[Decimal | int], unit: Decimal) -> list[Decimal]:
    """``total`` in parts proportional to ``weights`` (even when they are all zero), each a
    whole number of ``unit``, adding up to ``total`` exactly: each part rounded down, the
    units left over given one each to the first months."""
    weights = [Decimal(w) for w in weights]
    if sum(weights) <= 0:
        weights = [Decimal(1)] * len(weights)
    whole = sum(weights)
    units = int((total / unit).to_integral_value(ROUND_FLOOR))
    parts = [int((units * w / whole).to_integral_value(ROUND_FLOOR)) for w in weights]
    left = units - sum(parts)
    for i in range(left):
        parts[i % len(parts)] += 1
    return [(unit * p).quantize(unit) for p in parts]


def spread_year(
    db: Database,
    user_id: int | None,
    who: int,
    year: int,
    measure: TargetMeasure | str,
    total: Decimal | str | int,
    *,
    how: str = "even",
    dimension: str = "",
    dimension_value: str = "",
) -> list[tuple[dt.date, Decimal]]:
    """A year's target for one salesperson spread over its twelve months (replacing what
    those months had): ``even``, or ``last_year`` — in proportion to the salesperson's
    actual figure of the same month a year before (even when there was none)."""
    if how not in SPREADS:
        raise ValidationError("spread {value}: even or last_year", field="how", value=how)
    if not 1900 < int(year) < 3000:
        raise ValidationError("{value} is not a year", field="year", value=year)
    m = _measure(measure)
    dim, dim_value = _dimension(m, dimension, dimension_value)
    months = [dt.date(int(year), k, 1) for k in range(1, 13)]

    def work(s: Session) -> list[tuple[dt.date, Decimal]]:
        access.check_manager(s, user_id, "set sales targets")
        _check_user(s, who)
        amount = _amount(s, m, total)
        if amount is None:
            raise ValidationError("give the year's target", field="target")
        if how == "last_year":
            weights = [
                actual(s, who, monthly.month_period(add_months(first, -12)), m, dim, dim_value)
                for first in months
            ]
        else:
            weights = [Decimal(1)] * 12
        unit = Decimal(1).scaleb(-credit.office_decimals(s)) if m in MONEY else Decimal(1)
        parts = split(amount, weights, unit)
        for first, part in zip(months, parts, strict=True):
            _put(s, user_id, first, who, m, part, dim, dim_value)
        return list(zip(months, parts, strict=True))

    return db.run_write(work)


# ---------------------------------------------------------------- actual figures
def _sales(session: Session, period: Period, dim: str, value: str) -> dict[int | None, Decimal]:
    if dim == "category":
        q = (
            select(Order.owner_id, func.sum(type_coerce(OrderLine.amount, BigInteger)))
            .join(OrderLine, OrderLine.order_id == Order.id)
            .join(Product, Product.id == OrderLine.product_id)
            .where(Product.category == ProductCategory(value))
        )
    else:
        q = select(Order.owner_id, func.sum(type_coerce(Order.amount, BigInteger)))
        if dim == "region":
            q = q.join(Customer, Customer.id == Order.customer_id).where(Customer.region == value)
    rows = session.execute(q.where(*monthly._sales_conds(period)).group_by(Order.owner_id))
    return {uid: monthly._cents(c) for uid, c in rows}


def _collections(
    session: Session, period: Period, dim: str, value: str
) -> dict[int | None, Decimal]:
    q = select(Payment.user_id, func.sum(type_coerce(Payment.amount, BigInteger))).where(
        Payment.paid_on >= period.start, Payment.paid_on <= period.end
    )
    if dim == "region":
        q = q.join(Customer, Customer.id == Payment.customer_id).where(Customer.region == value)
    return {uid: monthly._cents(c) for uid, c in session.execute(q.group_by(Payment.user_id))}


def _new_customers(
    session: Session, period: Period, dim: str, value: str
) -> dict[int | None, Decimal]:
    q = select(Customer.owner_id, func.count()).where(
        Customer.deleted_at.is_(None), *monthly._in_month(Customer.created_at, period)
    )
    if dim == "region":
        q = q.where(Customer.region == value)
    return {uid: Decimal(int(n)) for uid, n in session.execute(q.group_by(Customer.owner_id))}


ACTUALS = {
    TargetMeasure.SALES: _sales,
    TargetMeasure.COLLECTIONS: _collections,
    TargetMeasure.NEW_CUSTOMERS: _new_customers,
}


def actuals(
    session: Session, period: Period, measure: TargetMeasure, dim: str = "", value: str = ""
) -> dict[int | None, Decimal]:
    """Each salesperson's actual figure (None: credited to nobody)."""
    return ACTUALS[measure](session, period, dim, value)


def actual(
    session: Session,
    who: int,
    period: Period,
    measure: TargetMeasure,
    dim: str = "",
    value: str = "",
) -> Decimal:
    return actuals(session, period, measure, dim, value).get(who, ZERO)


# ---------------------------------------------------------------- progress
@dataclass(frozen=True)
class Measured:
    """One target against what was done."""

    measure: str
    dimension: str
    dimension_value: str
    target: Decimal | None
    actual: Decimal
    days_left: int
    """Calendar days left in the month, today included."""

    @property
    def share(self) -> float | None:
        """Actual ÷ target (1.0 = reached); None without a positive target."""
        if not self.target:
            return None
        return float(self.actual / self.target)

    @property
    def missing(self) -> Decimal:
        zero = _zero(TargetMeasure(self.measure))
        return max(self.target - self.actual, zero) if self.target is not None else zero

    @property
    def per_day(self) -> Decimal | None:
        """Still needed per calendar day left; None when the month is over or reached."""
        if self.target is None or self.days_left <= 0 or not self.missing:
            return None
        unit = Decimal("0.01") if self.measure in MONEY else Decimal("0.1")
        return (self.missing / self.days_left).quantize(unit)

    def as_dict(self) -> dict[str, Any]:
        return {
            "measure": self.measure,
            "dimension": self.dimension,
            "dimension_value": self.dimension_value,
            "target": None if self.target is None else str(self.target),
            "actual": str(self.actual),
            "share": None if self.share is None else round(self.share, 4),
            "missing": str(self.missing),
            "needed_per_day": None if self.per_day is None else str(self.per_day),
        }


@dataclass
class PersonProgress:
    user_id: int | None
    """None for the office as a whole."""
    name: str
    measures: list[Measured] = field(default_factory=list)

    def main(self, measure: TargetMeasure | str) -> Measured | None:
        key = str(getattr(measure, "value", measure))
        return next((m for m in self.measures if m.measure == key and not m.dimension), None)

    def as_dict(self) -> dict[str, Any]:
        return {
            "user_id": self.user_id,
            "name": self.name,
            "measures": [m.as_dict() for m in self.measures],
        }


@dataclass(frozen=True)
class Progress:
    month: dt.date
    today: dt.date
    days_left: int
    people: list[PersonProgress]
    office: PersonProgress | None
    """The sum of everyone's targets against the whole office's figures (orders credited
    to nobody included); None for a salesperson, who sees only their own line."""
    money: bool
    """False when the acting user may not see money figures: sales and collections are left out."""

    def person(self, user_id: int) -> PersonProgress | None:
        return next((p for p in self.people if p.user_id == user_id), None)

    def as_dict(self) -> dict[str, Any]:
        return {
            "month": f"{self.month:%Y-%m}",
            "today": self.today.isoformat(),
            "days_left": self.days_left,
            "counting": "calendar days left in the month, today included",
            "salespeople": [p.as_dict() for p in self.people],
            "office": None if self.office is None else self.office.as_dict(),
        }


def days_left(period: Period, today: dt.date) -> int:
    if today > period.end:
        return 0
    return (period.end - max(today, period.start)).days + 1


def progress(
    session: Session,
    user_id: int | None,
    month: str | dt.date,
    today: dt.date | None = None,
    *,
    only: Iterable[int] | None = None,
) -> Progress:
    """Each salesperson's targets of the month against their actual figures: the three
    main measures for everyone who sells or has a target (a blank target where none was
    set), then any by category or region. ``only`` narrows to some salespeople."""
    period = monthly.month_period(month)
    today = today or dt.date.today()
    left = days_left(period, today)
    user_role = access.role(session, user_id)
    visible = _visible(session, user_id)
    money = user_id is None or bool(
        session.scalar(select(User.may_see_financials).where(User.id == user_id))
    )
    measures = [m for m in MEASURES if money or m not in MONEY]
    rows = session.scalars(select(SalesTarget).where(SalesTarget.month == period.start)).all()
    names = dict(session.execute(select(User.id, User.display_name)).all())
    wanted = set(only) if only is not None else None
    people_ids = {uid for uid, _ in salespeople(session)} | {t.user_id for t in rows}
    if visible is not None:
        people_ids &= set(visible)
    if wanted is not None:
        people_ids &= wanted
    set_targets: dict[tuple[int, str, str, str], Decimal] = {
        (t.user_id, t.measure.value, t.dimension, t.dimension_value): _norm(t.measure, t.target)
        for t in rows
    }
    cache: dict[tuple[TargetMeasure, str, str], dict[int | None, Decimal]] = {}

    def got(measure: TargetMeasure, dim: str, value: str) -> dict[int | None, Decimal]:
        key = (measure, dim, value)
        if key not in cache:
            cache[key] = actuals(session, period, measure, dim, value)
        return cache[key]

    people = []
    for uid in sorted(people_ids, key=lambda u: (names.get(u, ""), u)):
        line = PersonProgress(uid, names.get(uid, ""))
        for m in measures:
            line.measures.append(
                Measured(
                    m.value,
                    "",
                    "",
                    set_targets.get((uid, m.value, "", "")),
                    got(m, "", "").get(uid, _zero(m)),
                    left,
                )
            )
        for (t_uid, m_value, dim, value), target in sorted(set_targets.items()):
            m = TargetMeasure(m_value)
            if t_uid != uid or not dim or m not in measures:
                continue
            line.measures.append(
                Measured(m_value, dim, value, target, got(m, dim, value).get(uid, _zero(m)), left)
            )
        people.append(line)
    office = None
    if user_role is None or user_role in access.MANAGERS or user_role is Role.VIEWER:
        office = PersonProgress(None, "")
        for m in measures:
            set_any = [t for (u, mv, d, _), t in set_targets.items() if mv == m.value and not d]
            office.measures.append(
                Measured(
                    m.value,
                    "",
                    "",
                    sum(set_any, _zero(m)) if set_any else None,
                    sum(got(m, "", "").values(), _zero(m)),
                    left,
                )
            )
    return Progress(period.start, today, left, people, office, money)


# ---------------------------------------------------------------- the Today page
@dataclass(frozen=True)
class TodayTargets:
    """The Today page's "This month's targets": one person's, or the office's (user_id
    None); only the main measures (not those narrowed to a category or region)."""

    month: dt.date
    days_left: int
    user_id: int | None
    name: str
    measures: list[Measured]

    @property
    def any_set(self) -> bool:
        return any(m.target is not None for m in self.measures)

    def as_dict(self) -> dict[str, Any]:
        return {
            "month": f"{self.month:%Y-%m}",
            "days_left": self.days_left,
            "user_id": self.user_id,
            "name": self.name,
            "measures": [m.as_dict() for m in self.measures],
        }


def for_today(
    session: Session, user_id: int | None, day: dt.date, scope: str | int = "mine"
) -> TodayTargets:
    """``scope`` as the Today page's: "mine" (one's own; for a manager or administrator
    without targets of their own that month, and the program itself, the office's), "all"
    (the office; managers), or a salesperson's id (theirs; managers, or themselves)."""
    user_role = access.role(session, user_id)
    manager = user_role is None or user_role in access.MANAGERS
    if scope == "mine":
        who = user_id
        if manager and not session.scalar(
            select(func.count())
            .select_from(SalesTarget)
            .where(SalesTarget.user_id == user_id, SalesTarget.month == day.replace(day=1))
        ):
            who = None
    elif scope == "all":
        if not manager:
            raise PermissionDenied("only a manager sees other people's work")
        who = None
    else:
        who = int(scope)
        if who != user_id and not manager:
            raise PermissionDenied("only a manager sees other people's work")
    prog = progress(session, None, day, day, only=[who] if who is not None else [])
    money = user_id is None or bool(
        session.scalar(select(User.may_see_financials).where(User.id == user_id))
    )
    line = prog.person(who) if who is not None else prog.office
    measures = [
        m
        for m in (line.measures if line is not None else [])
        if not m.dimension and (money or m.measure not in MONEY)
    ]
    name = line.name if line is not None and who is not None else ""
    return TodayTargets(prog.month, prog.days_left, who, name, measures)


def for_report(
    session: Session, period: Period, user_id: int | None, user_ids: list[int] | None
) -> dict[int, dict[str, Measured]] | None:
    """The salesperson report's target columns: for a whole calendar month, each
    salesperson's main targets (user id → measure → Measured); None for other periods.
    Money measures are left out for a user who may not see money figures."""
    if period != monthly.month_period(period.start):
        return None
    prog = progress(session, user_id, period.start, only=user_ids)
    return {
        p.user_id: {m.measure: m for m in p.measures if not m.dimension}
        for p in prog.people
        if p.user_id is not None
    }


def regions(session: Session) -> list[str]:
    """The customers' regions, for a target by region."""
    return [
        r
        for r in session.scalars(
            select(Customer.region)
            .where(Customer.deleted_at.is_(None), Customer.region.is_not(None))
            .distinct()
            .order_by(Customer.region)
        )
        if r and r.strip()
    ]

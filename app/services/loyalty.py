"""Membership levels and points [频数营销].

Levels and points are for members: customers with a membership card. A member's level
(ordinary, silver, gold, VIP) comes from their spend over the last 12 months against the
office's thresholds (setting ``loyalty.level_thresholds``); it is worked out again after
each purchase at the desk and, for every member, at the first start of a day
(``recompute_daily``). A change of level is an activity on the customer.

Points are a ledger (``points_ledger``): earn, redeem, adjust and expire entries, each
saying who and why; the balance is the sum. A purchase earns
``amount × loyalty.points_per_unit × the level's multiplier`` points, rounded down, in
the same transaction as the purchase, once per visit even when two PCs save it (the
ledger's unique ``activity_id`` and an insert that skips a duplicate). With
``loyalty.points_expire_months`` set, earned points expire that many months later; what
was redeemed counts against the oldest points first.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import ClientelaError, ValidationError
from app.models import Activity, Customer, Order, PointsEntry, Setting, User, utcnow
from app.models.enums import ActivityKind, AuditAction, MembershipLevel, OrderStatus, PointsKind

from . import access, audit, figures, validation

S_THRESHOLDS = "loyalty.level_thresholds"
S_POINTS_PER_UNIT = "loyalty.points_per_unit"
S_MULTIPLIERS = "loyalty.level_multipliers"
S_EXPIRE_MONTHS = "loyalty.points_expire_months"
S_LAST_RUN = "loyalty.last_daily_run"

LEVELS = (
    MembershipLevel.ORDINARY,
    MembershipLevel.SILVER,
    MembershipLevel.GOLD,
    MembershipLevel.VIP,
)
DEFAULT_THRESHOLDS = {"ordinary": 0, "silver": 5000, "gold": 20000, "vip": 50000}
DEFAULT_MULTIPLIERS = {"ordinary": 1.0, "silver": 1.2, "gold": 1.5, "vip": 2.0}
NOT_SPENT = (OrderStatus.DRAFT, OrderStatus.CANCELLED)
REASON_MAX = 300


@dataclass(frozen=True)
class LoyaltySettings:
    thresholds: dict[str, Decimal]
    points_per_unit: Decimal
    multipliers: dict[str, Decimal]
    expire_months: int | None

    def level_for(self, spend: Decimal) -> MembershipLevel:
        level = MembershipLevel.ORDINARY
        for candidate in LEVELS:
            if spend >= self.thresholds[candidate.value]:
                level = candidate
        return level

    def points_for(self, amount: Decimal, level: MembershipLevel) -> int:
        factor = self.multipliers.get(level.value, Decimal(1))
        return max(0, math.floor(amount * self.points_per_unit * factor))


def _number(value: Any, default: Decimal) -> Decimal:
    try:
        number = Decimal(str(value))
    except (ArithmeticError, ValueError, TypeError):
        return default
    return number if number.is_finite() and number >= 0 else default


def load_settings(session: Session) -> LoyaltySettings:
    rows = dict(
        session.execute(
            select(Setting.key, Setting.value).where(Setting.key.startswith("loyalty."))
        ).all()
    )
    given = rows.get(S_THRESHOLDS) if isinstance(rows.get(S_THRESHOLDS), dict) else {}
    thresholds = {k: _number(given.get(k, d), Decimal(d)) for k, d in DEFAULT_THRESHOLDS.items()}
    mult = rows.get(S_MULTIPLIERS) if isinstance(rows.get(S_MULTIPLIERS), dict) else {}
    multipliers = {
        k: _number(mult.get(k, d), Decimal(str(d))) for k, d in DEFAULT_MULTIPLIERS.items()
    }
    months = rows.get(S_EXPIRE_MONTHS)
    expire = int(months) if isinstance(months, int | float) and months > 0 else None
    return LoyaltySettings(
        thresholds,
        _number(rows.get(S_POINTS_PER_UNIT, 1), Decimal(1)),
        multipliers,
        expire,
    )


def check_settings(values: dict[str, Any]) -> None:
    """ValidationError unless the thresholds rise with the level and every number is
    zero or more (for the Settings page and scripts writing these keys)."""
    th = values.get(S_THRESHOLDS)
    if th is not None:
        try:
            nums = [Decimal(str(th[level.value])) for level in LEVELS]
        except (KeyError, ArithmeticError, ValueError, TypeError):
            raise ValidationError("give a threshold for every level", field=S_THRESHOLDS) from None
        if any(n < 0 for n in nums) or nums != sorted(nums):
            raise ValidationError(
                "the thresholds must rise from ordinary to VIP", field=S_THRESHOLDS
            )
    ppu = values.get(S_POINTS_PER_UNIT)
    if ppu is not None and _number(ppu, Decimal(-1)) < 0:
        raise ValidationError("points per unit must be zero or more", field=S_POINTS_PER_UNIT)


# ---------------------------------------------------------------- levels


def spend(session: Session, customer_id: int, as_of: dt.date) -> Decimal:
    """What the customer bought in the 12 months up to ``as_of`` (included)."""
    total = session.scalar(
        select(func.coalesce(func.sum(Order.amount), 0)).where(
            Order.customer_id == customer_id,
            Order.deleted_at.is_(None),
            Order.status.not_in(NOT_SPENT),
            Order.order_date > _year_before(as_of),
            Order.order_date <= as_of,
        )
    )
    return Decimal(total or 0)


def _year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _change_level(
    s: Session,
    user_id: int | None,
    customer: Customer,
    new: MembershipLevel,
    amount: Decimal,
    when: dt.datetime,
) -> None:
    old = customer.membership_level
    customer.membership_level = new
    audit.record(
        s, user_id, AuditAction.UPDATE, "customer", customer.id, {"membership_level": (old, new)}
    )
    if old is MembershipLevel.NONE and new is MembershipLevel.ORDINARY:
        return  # a new member taking the first level: not news
    s.add(
        Activity(
            customer_id=customer.id,
            user_id=user_id,
            kind=ActivityKind.LEVEL_CHANGE,
            occurred_at=when,
            subject=f"{old.value} → {new.value}",
            text=f"{old.value} → {new.value} ({amount} / 12 m)",
            amount=amount,
        )
    )
    s.flush()


def recompute_level(
    s: Session,
    user_id: int | None,
    customer_id: int,
    as_of: dt.date,
    cfg: LoyaltySettings | None = None,
    when: dt.datetime | None = None,
) -> MembershipLevel | None:
    """Inside a write: the member's level from their 12-month spend. Returns the new level
    when it changed (logged as a level-change activity), else None."""
    customer = s.get(Customer, customer_id)
    if customer is None or not customer.membership_card or customer.deleted_at is not None:
        return None
    cfg = cfg or load_settings(s)
    amount = spend(s, customer_id, as_of)
    new = cfg.level_for(amount)
    if new is customer.membership_level:
        return None
    _change_level(s, user_id, customer, new, amount, when or utcnow())
    return new


def recompute_all(db: Database, as_of: dt.date, when: dt.datetime | None = None) -> int:
    """Every member's level (once a day: spend leaves the 12-month window by itself).
    Returns how many changed."""

    def work(s: Session) -> int:
        cfg = load_settings(s)
        spent = (
            select(Order.customer_id, func.sum(Order.amount).label("spent"))
            .where(
                Order.deleted_at.is_(None),
                Order.status.not_in(NOT_SPENT),
                Order.order_date > _year_before(as_of),
                Order.order_date <= as_of,
            )
            .group_by(Order.customer_id)
            .subquery()
        )
        rows = s.execute(
            select(Customer.id, Customer.membership_level, func.coalesce(spent.c.spent, 0))
            .outerjoin(spent, spent.c.customer_id == Customer.id)
            .where(Customer.membership_card.isnot(None), Customer.deleted_at.is_(None))
        ).all()
        changed = 0
        stamp = when or utcnow()
        for customer_id, current, amount in rows:
            new = cfg.level_for(Decimal(amount))
            if new is not MembershipLevel(current):
                customer = s.get(Customer, customer_id)
                assert customer is not None
                _change_level(s, None, customer, new, Decimal(amount), stamp)
                changed += 1
        return changed

    return db.run_write(work)


@dataclass(frozen=True)
class DailyRun:
    day: dt.date
    levels_changed: int
    points_expired: int


def recompute_daily(db: Database, today: dt.date) -> DailyRun | None:
    """At the first start of a day (any PC): levels of every member and expired points.
    None when it already ran today."""
    with db.session() as s:
        if s.scalar(select(Setting.value).where(Setting.key == S_LAST_RUN)) == today.isoformat():
            return None
    changed = recompute_all(db, today)
    expired = expire(db, today)

    def mark(s: Session) -> None:
        row = s.get(Setting, S_LAST_RUN)
        if row is None:
            s.add(Setting(key=S_LAST_RUN, value=today.isoformat()))
        else:
            row.value = today.isoformat()

    db.run_write(mark)
    return DailyRun(today, changed, expired)


# ---------------------------------------------------------------- points


def _insert_ignoring(s: Session, row: dict[str, Any]) -> int | None:
    """Insert a ledger row unless one with the same ``activity_id`` exists (also when
    another PC inserts it at the same moment). Returns its id, or None when skipped."""
    if row.get("activity_id") is not None and s.scalar(
        select(PointsEntry.id).where(PointsEntry.activity_id == row["activity_id"])
    ):
        return None
    dialect = s.get_bind().dialect.name
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    elif dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:  # pragma: no cover - other servers: the unique index still guards
        return s.scalar(insert(PointsEntry).values(**row).returning(PointsEntry.id))
    stmt = (
        dialect_insert(PointsEntry)
        .values(**row)
        .on_conflict_do_nothing(index_elements=["activity_id"])
        .returning(PointsEntry.id)
    )
    return s.scalar(stmt)


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def after_purchase(
    s: Session,
    user_id: int | None,
    customer_id: int,
    activity_id: int,
    order_id: int | None,
    amount: Decimal,
    when: dt.datetime,
) -> int | None:
    """Inside the purchase's write: the member's level again, then the points it earns
    (at the level reached). Returns the points earned, None for a non-member or when the
    visit had its points already.

    The customer's row is locked first (on a server; one SQLite file has one writer
    anyway) and read afresh: a second PC awarding the same visit waits for the first to
    commit, then finds the level already changed and the points already there, instead
    of overwriting the level (a version conflict) or adding the points again."""
    s.execute(  # FOR NO KEY UPDATE: the other PC's inserts citing the customer go on
        select(Customer.id).where(Customer.id == customer_id).with_for_update(key_share=True)
    )
    customer = s.get(Customer, customer_id, populate_existing=True)
    if customer is None or not customer.membership_card:
        return None
    cfg = load_settings(s)
    recompute_level(s, user_id, customer_id, when.date(), cfg, when)
    points = cfg.points_for(amount, customer.membership_level)
    if points <= 0:
        return None
    expires = _add_months(when.date(), cfg.expire_months) if cfg.expire_months else None
    made = _insert_ignoring(
        s,
        {
            "customer_id": customer_id,
            "at": when,
            "kind": PointsKind.EARN,
            "points": points,
            "order_id": order_id,
            "activity_id": activity_id,
            "user_id": user_id,
            "reason": f"purchase {amount}",
            "expires_on": expires,
        },
    )
    return points if made is not None else None


def balance(session: Session, customer_id: int) -> int:
    return int(
        session.scalar(
            select(func.coalesce(func.sum(PointsEntry.points), 0)).where(
                PointsEntry.customer_id == customer_id
            )
        )
        or 0
    )


def _lock_customer(s: Session, customer_id: int) -> Customer:
    customer = s.scalars(
        select(Customer).where(Customer.id == customer_id).with_for_update()
    ).first()
    if customer is None or customer.deleted_at is not None:
        raise ClientelaError("this customer no longer exists")
    return customer


@dataclass(frozen=True)
class PointsChanged:
    customer_id: int
    entry_id: int
    points: int
    balance: int


def redeem(
    db: Database,
    user_id: int | None,
    customer_id: int,
    points: int,
    reason: str | None = None,
    *,
    now: dt.datetime | None = None,
) -> PointsChanged:
    """Points taken off at the desk; ValidationError (field ``points``) for none, a
    negative number or more than the balance."""
    if not isinstance(points, int) or points <= 0:
        raise ValidationError("redeem a whole number of points above zero", field="points")
    why = validation.text(reason, "reason", REASON_MAX)

    def work(s: Session) -> PointsChanged:
        access.check_may_edit_customer(s, user_id, customer_id)
        customer = _lock_customer(s, customer_id)
        if not customer.membership_card:
            raise ValidationError("only a member with a card has points", field="points")
        have = balance(s, customer_id)
        if points > have:
            raise ValidationError("only {balance} points to redeem", field="points", balance=have)
        return _entry(s, user_id, customer_id, PointsKind.REDEEM, -points, why, now)

    return db.run_write(work)


def adjust(
    db: Database,
    user_id: int | None,
    customer_id: int,
    points: int,
    reason: str,
    *,
    now: dt.datetime | None = None,
) -> PointsChanged:
    """A manager's correction, up or down, with its reason; never below a zero balance."""
    why = validation.text(reason, "reason", REASON_MAX)
    if why is None:
        raise ValidationError("an adjustment needs its reason", field="reason")
    if not isinstance(points, int) or points == 0:
        raise ValidationError("adjust by a whole number of points", field="points")

    def work(s: Session) -> PointsChanged:
        access.check_manager(s, user_id, "adjust points")
        _lock_customer(s, customer_id)
        if balance(s, customer_id) + points < 0:
            raise ValidationError("the balance cannot go below zero", field="points")
        return _entry(s, user_id, customer_id, PointsKind.ADJUST, points, why, now)

    return db.run_write(work)


def _entry(
    s: Session,
    user_id: int | None,
    customer_id: int,
    kind: PointsKind,
    points: int,
    reason: str | None,
    now: dt.datetime | None,
) -> PointsChanged:
    entry = PointsEntry(
        customer_id=customer_id,
        at=now or utcnow(),
        kind=kind,
        points=points,
        user_id=user_id,
        reason=reason,
    )
    s.add(entry)
    s.flush()
    audit.record(s, user_id, AuditAction.CREATE, "points", entry.id, {"points": (None, points)})
    return PointsChanged(customer_id, entry.id, points, balance(s, customer_id))


def expire(db: Database, as_of: dt.date) -> int:
    """Points earned with ``expires_on`` on or before ``as_of`` that were not redeemed
    (the oldest points go first) get an expire entry. Returns the points expired."""

    def work(s: Session) -> int:
        due = dict(
            s.execute(
                select(PointsEntry.customer_id, func.sum(PointsEntry.points))
                .where(
                    PointsEntry.kind == PointsKind.EARN,
                    PointsEntry.expires_on.isnot(None),
                    PointsEntry.expires_on <= as_of,
                )
                .group_by(PointsEntry.customer_id)
            ).all()
        )
        if not due:
            return 0
        used = dict(
            s.execute(
                select(PointsEntry.customer_id, func.sum(PointsEntry.points))
                .where(
                    PointsEntry.customer_id.in_(list(due)),
                    PointsEntry.kind.in_((PointsKind.REDEEM, PointsKind.EXPIRE)),
                )
                .group_by(PointsEntry.customer_id)
            ).all()
        )
        total = 0
        when = dt.datetime.combine(as_of, dt.time(), dt.UTC)
        for customer_id, earned in due.items():
            gone = int(earned) + int(used.get(customer_id) or 0)  # used is negative
            gone = min(gone, balance(s, customer_id))
            if gone > 0:
                _entry(s, None, customer_id, PointsKind.EXPIRE, -gone, "expired", when)
                total += gone
        return total

    return db.run_write(work)


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class LedgerLine:
    id: int
    at: dt.datetime
    kind: str
    points: int
    reason: str | None
    user: str | None
    order_id: int | None
    activity_id: int | None
    expires_on: dt.date | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "kind": self.kind,
            "points": self.points,
            "reason": self.reason,
            "user": self.user,
            "order_id": self.order_id,
            "activity_id": self.activity_id,
            "expires_on": self.expires_on.isoformat() if self.expires_on else None,
        }


@dataclass(frozen=True)
class Membership:
    customer_id: int
    number: str
    name: str
    card: str | None
    level: str
    spend_12_months: Decimal | None
    """None for a user who may not see financial figures."""
    balance: int
    ledger: list[LedgerLine]

    def as_dict(self) -> dict[str, Any]:
        return {
            "customer_id": self.customer_id,
            "number": self.number,
            "name": self.name,
            "card": self.card,
            "level": self.level,
            "spend_12_months": figures.text(self.spend_12_months),
            "balance": self.balance,
            "ledger": [e.as_dict() for e in self.ledger],
        }


def membership(
    session: Session, user_id: int | None, customer_id: int, today: dt.date | None = None
) -> Membership:
    access.check_may_see_customer(session, user_id, customer_id)
    c = session.get(Customer, customer_id)
    if c is None or c.deleted_at is not None:
        raise ClientelaError("customer {id} does not exist", id=customer_id)
    rows = session.execute(
        select(PointsEntry, User.display_name)
        .outerjoin(User, User.id == PointsEntry.user_id)
        .where(PointsEntry.customer_id == customer_id)
        .order_by(PointsEntry.at, PointsEntry.id)
    ).all()
    ledger = [
        LedgerLine(
            e.id,
            e.at,
            e.kind.value,
            e.points,
            e.reason,
            name,
            e.order_id,
            e.activity_id,
            e.expires_on,
        )
        for e, name in rows
    ]
    return Membership(
        c.id,
        c.number,
        c.name,
        c.membership_card,
        c.membership_level.value,
        spend(session, customer_id, today or dt.date.today())
        if figures.may_see_financials(session, user_id)
        else None,
        sum(e.points for e in ledger),
        ledger,
    )


# ---------------------------------------------------------------- settings


@dataclass(frozen=True)
class ServiceSettings:
    """What Settings ▸ Service and loyalty edits."""

    loyalty: LoyaltySettings
    case_due_days: int


def read_settings(session: Session) -> ServiceSettings:
    from .cases import due_days

    return ServiceSettings(load_settings(session), due_days(session))


def save_settings(db: Database, user_id: int | None, new: ServiceSettings) -> list[str]:
    """Store the levels, points and case rules (managers and administrators); each
    change is audited. ValidationError, and nothing stored, for thresholds that do not
    rise or a number out of range."""
    from . import cases
    from . import settings as office_settings

    cfg = new.loyalty
    values: dict[str, Any] = {
        S_THRESHOLDS: {k: float(v) for k, v in cfg.thresholds.items()},
        S_POINTS_PER_UNIT: float(cfg.points_per_unit),
        S_MULTIPLIERS: {k: float(v) for k, v in cfg.multipliers.items()},
        S_EXPIRE_MONTHS: cfg.expire_months or 0,
        cases.DUE_DAYS_KEY: new.case_due_days,
    }
    check_settings(values)
    if any(v < 0 or v > 100 for v in cfg.multipliers.values()):
        raise ValidationError("a multiplier is 0 to 100", field=S_MULTIPLIERS)
    if not 0 <= (cfg.expire_months or 0) <= 120:
        raise ValidationError("points expire after 0 to 120 months", field=S_EXPIRE_MONTHS)
    if not 0 <= new.case_due_days <= 365:
        raise ValidationError("a case is due in 0 to 365 days", field=cases.DUE_DAYS_KEY)

    def work(s: Session) -> list[str]:
        office_settings.check_may_change(s, user_id)
        return office_settings.store(s, user_id, values)

    return db.run_write(work)

"""The front desk: who just walked in, at a glance, and logging the visit in one key."""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import ClientelaError
from app.models import (
    Activity,
    Customer,
    Order,
    Payment,
    ServiceCase,
    User,
    Vehicle,
    utcnow,
)
from app.models.enums import (
    ActivityKind,
    AuditAction,
    CaseStatus,
    OrderStatus,
    Regularity,
    Source,
)

from . import access, audit, balance, figures, loyalty, orders, satisfaction, validation
from .customers import CustomerData, create
from .dates import days_until_anniversary

REGULAR_WINDOW_DAYS = 90
REGULAR_MIN_VISITS = 3
BIRTHDAY_AHEAD_DAYS = 7
VISIT_KINDS = (ActivityKind.DESK_VISIT, ActivityKind.VISIT)


@dataclass
class DeskCard:
    id: int
    number: str
    name: str
    version: int
    membership_level: str
    membership_card: str | None
    phones: list[str]
    vehicles: list[str]
    owner: str | None
    last_visit: dt.datetime | None
    usual_interval_days: float | None
    visits_90_days: int
    regularity: Regularity
    owed: Decimal | None
    """None: hidden from a user without the right to see financial figures."""
    birthday_in_days: int | None
    open_complaints: int
    last_purchases: list[tuple[dt.date, Decimal | None]] = field(default_factory=list)
    purchase_products: list[list[str]] = field(default_factory=list)
    """What each of ``last_purchases`` was (product names), in the same order."""
    points: int | None = None
    """The points balance of a member (a customer with a card); None for the others."""
    last_satisfaction: int | None = None
    satisfaction_trend: str | None = None
    """up, down or steady against the answers before (services.satisfaction)."""


def card(
    session: Session,
    customer_id: int,
    today: dt.date | None = None,
    *,
    user_id: int | None = None,
) -> DeskCard:
    access.check_may_see_customer(session, user_id, customer_id)
    today = today or dt.date.today()
    c = session.get(Customer, customer_id)
    if c is None:
        raise ClientelaError("customer {id} does not exist", id=customer_id)
    owner = session.scalar(select(User.display_name).where(User.id == c.owner_id))
    plates = list(
        session.scalars(
            select(Vehicle.plate).where(Vehicle.customer_id == customer_id).order_by(Vehicle.id)
        )
    )
    since = dt.datetime.combine(today - dt.timedelta(days=365), dt.time(), dt.UTC)
    visits = list(
        session.scalars(
            select(Activity.occurred_at)
            .where(
                Activity.customer_id == customer_id,
                Activity.kind.in_(VISIT_KINDS),
                Activity.occurred_at >= since,
            )
            .order_by(Activity.occurred_at)
        )
    )
    last = session.scalar(
        select(func.max(Activity.occurred_at)).where(
            Activity.customer_id == customer_id, Activity.kind.in_(VISIT_KINDS)
        )
    )
    gaps = [(b - a).total_seconds() / 86400 for a, b in itertools.pairwise(visits)]
    window_start = dt.datetime.combine(
        today - dt.timedelta(days=REGULAR_WINDOW_DAYS), dt.time(), dt.UTC
    )
    recent = sum(1 for v in visits if v >= window_start)
    if c.regularity_set_by_hand:
        regularity = c.regularity
    elif last is None:
        regularity = Regularity.UNKNOWN
    else:
        regularity = Regularity.REGULAR if recent >= REGULAR_MIN_VISITS else Regularity.PASSING
    birthday_in = None
    if c.birthday is not None:
        days = days_until_anniversary(c.birthday, today)
        birthday_in = days if days <= BIRTHDAY_AHEAD_DAYS else None
    complaints = (
        session.scalar(
            select(func.count()).where(
                ServiceCase.customer_id == customer_id, ServiceCase.status != CaseStatus.RESOLVED
            )
        )
        or 0
    )
    bought = orders.last_purchases(session, customer_id, 3)
    purchases = [(p.date, p.amount) for p in bought]
    scores = satisfaction.customer_scores(session, customer_id)
    allowed = figures.may_see_financials(session, user_id)
    if not allowed:
        purchases = figures.blank_at(purchases, 1)  # type: ignore[assignment]
    return DeskCard(
        id=c.id,
        number=c.number,
        name=c.name,
        version=c.version,
        membership_level=c.membership_level.value,
        membership_card=c.membership_card,
        phones=[p for p in (c.phone, c.phone2) if p],
        vehicles=plates,
        owner=owner,
        last_visit=last,
        usual_interval_days=round(statistics.median(gaps), 1) if gaps else None,
        visits_90_days=recent,
        regularity=regularity,
        owed=owed(session, customer_id) if allowed else None,
        birthday_in_days=birthday_in,
        open_complaints=complaints,
        last_purchases=purchases,
        purchase_products=[p.products for p in bought],
        points=loyalty.balance(session, customer_id) if c.membership_card else None,
        last_satisfaction=scores.last,
        satisfaction_trend=scores.trend,
    )


def owed(session: Session, customer_id: int) -> Decimal:
    return balance.totals(session, customer_id).owed


@dataclass(frozen=True)
class VisitLogged:
    customer_id: int
    activity_id: int
    order_id: int | None
    amount: Decimal | None = None
    points: int | None = None
    """Points the purchase earned (members only)."""


def log_visit(
    db: Database,
    user_id: int | None,
    customer_id: int,
    amount: Decimal | str | None = None,
    note: str | None = None,
) -> VisitLogged:
    """A desk visit; with an amount it is also a purchase (paid at the desk), so it counts
    for recency, frequency and value."""
    value = validation.amount(amount)
    note = validation.text(note, "note", 2000)

    def work(s: Session) -> VisitLogged:
        access.check_may_edit_customer(s, user_id, customer_id)
        customer = s.get(Customer, customer_id)
        if customer is None or customer.deleted_at is not None:
            raise ClientelaError("this customer no longer exists")
        now = utcnow()
        act = Activity(
            customer_id=customer_id,
            user_id=user_id,
            kind=ActivityKind.DESK_VISIT,
            occurred_at=now,
            text=note,
            amount=value,
        )
        s.add(act)
        s.flush()
        order_id = None
        points = None
        if value is not None and value > 0:
            order = Order(
                customer_id=customer_id,
                owner_id=customer.owner_id,
                activity_id=act.id,
                order_date=now.date(),
                amount=value,
                status=OrderStatus.DELIVERED,
            )
            s.add(order)
            s.flush()
            s.add(
                Payment(
                    customer_id=customer_id,
                    order_id=order.id,
                    user_id=user_id,
                    paid_on=now.date(),
                    amount=value,
                )
            )
            order_id = order.id
            points = loyalty.after_purchase(s, user_id, customer_id, act.id, order.id, value, now)
        audit.record(
            s,
            user_id,
            AuditAction.CREATE,
            "activity",
            act.id,
            {"kind": (None, "desk_visit"), "amount": (None, value)},
        )
        return VisitLogged(customer_id, act.id, order_id, value, points)

    return db.run_write(work)


def register_walk_in(
    db: Database,
    user_id: int | None,
    name: str,
    phone: str | None = None,
    plate: str | None = None,
    region: str = validation.DEFAULT_REGION,
) -> int:
    data = CustomerData(
        name=name, phone=phone, source=Source.WALK_IN, plates=[plate] if plate else []
    )
    return create(db, user_id, data, region).customer_id

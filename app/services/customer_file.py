"""The 360° view of one customer, read in one go as plain data for the form's tabs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.errors import ClientelaError
from app.models import (
    Activity,
    ContactPerson,
    Customer,
    Deal,
    Order,
    Payment,
    Stage,
    Task,
    User,
    Vehicle,
)
from app.models.enums import ActivityKind, DealStatus, TaskStatus

from . import access, balance, figures
from . import orders as order_service
from .customers import EDITABLE, CustomerData
from .orders import Purchase

TIMELINE_LIMIT = 500


@dataclass
class Person:
    id: int
    name: str
    role: str
    title: str | None
    phone: str | None
    mobile: str | None
    email: str | None
    birthday: dt.date | None


@dataclass
class Car:
    id: int
    plate: str
    brand: str | None
    model: str | None
    use: str
    nature: str


@dataclass
class Event:
    id: int
    kind: str
    occurred_at: dt.datetime
    subject: str | None
    text: str | None
    amount: Decimal | None
    user: str | None
    satisfaction: int | None


@dataclass
class Money:
    """Every amount is None for a user who may not see financial figures (figures.py)."""

    orders: list[tuple[int, str | None, dt.date, Decimal | None, str, Decimal | None]]
    """id, number, date, amount, status, cost (0 when the order's cost is not known)."""
    payments: list[tuple[int, dt.date, Decimal | None, str]]
    ordered: Decimal | None
    returned: Decimal | None
    paid: Decimal | None
    returns: int = 0
    """How many returns (a key-account indicator, with their amount ``returned``)."""
    purchases: list[Purchase] = field(default_factory=list)
    """The newest three orders that count, with their products."""
    margin: Decimal | None = None
    """Gross margin on everything bought (returns deducted) when any cost is known."""

    @property
    def owed(self) -> Decimal | None:
        if self.ordered is None or self.returned is None or self.paid is None:
            return None
        return self.ordered - self.returned - self.paid

    def hidden(self) -> Money:
        """The same lists with every amount blank."""
        return Money(
            figures.blank_at(self.orders, 3, 5),  # type: ignore[arg-type]
            figures.blank_at(self.payments, 2),  # type: ignore[arg-type]
            None,
            None,
            None,
            self.returns,
            figures.blank_all(self.purchases, "amount"),
            None,
        )


@dataclass
class CustomerFile:
    id: int
    number: str
    version: int
    data: CustomerData
    owner: str | None
    created_at: dt.datetime
    deleted: bool
    people: list[Person] = field(default_factory=list)
    vehicles: list[Car] = field(default_factory=list)
    timeline: list[Event] = field(default_factory=list)
    money: Money | None = None
    deals: list[tuple[int, str, str, Decimal | None, str]] = field(default_factory=list)
    tasks: list[tuple[int, str, dt.datetime, str]] = field(default_factory=list)
    last_visit: dt.datetime | None = None
    visits_90_days: int = 0


def load(session: Session, customer_id: int, user_id: int | None = None) -> CustomerFile:
    """The customer's file as ``user_id`` may see it (PermissionDenied if not theirs)."""
    access.check_may_see_customer(session, user_id, customer_id)
    c = session.get(Customer, customer_id)
    if c is None:
        raise ClientelaError("customer {id} does not exist", id=customer_id)
    data = CustomerData(**{name: getattr(c, name) for name in EDITABLE})
    owner = session.scalar(select(User.display_name).where(User.id == c.owner_id))
    f = CustomerFile(
        id=c.id,
        number=c.number,
        version=c.version,
        data=data,
        owner=owner,
        created_at=c.created_at,
        deleted=c.deleted_at is not None,
    )
    f.people = [
        Person(p.id, p.name, p.role.value, p.title, p.phone, p.mobile, p.email, p.birthday)
        for p in session.scalars(
            select(ContactPerson).where(ContactPerson.customer_id == customer_id)
        )
    ]
    f.vehicles = [
        Car(v.id, v.plate, v.brand, v.model, v.use.value, v.nature.value)
        for v in session.scalars(select(Vehicle).where(Vehicle.customer_id == customer_id))
    ]
    data.plates = [v.plate for v in f.vehicles]
    rows = session.execute(
        select(Activity, User.display_name)
        .outerjoin(User, User.id == Activity.user_id)
        .where(Activity.customer_id == customer_id)
        .order_by(Activity.occurred_at.desc(), Activity.id.desc())
        .limit(TIMELINE_LIMIT)
    )
    f.timeline = [
        Event(a.id, a.kind.value, a.occurred_at, a.subject, a.text, a.amount, u, a.satisfaction)
        for a, u in rows
    ]
    f.money = _money(session, customer_id)
    f.deals = [
        (d.id, d.title, stage, d.amount, d.status.value)
        for d, stage in session.execute(
            select(Deal, Stage.name)
            .join(Stage, Stage.id == Deal.stage_id)
            .where(Deal.customer_id == customer_id, Deal.deleted_at.is_(None))
            .order_by(case((Deal.status == DealStatus.OPEN, 0), else_=1), Deal.id.desc())
        )
    ]
    f.tasks = [
        (t.id, t.title, t.due_at, t.status.value)
        for t in session.scalars(
            select(Task)
            .where(Task.customer_id == customer_id)
            .order_by(case((Task.status == TaskStatus.OPEN, 0), else_=1), Task.due_at)
            .limit(200)
        )
    ]
    if not figures.may_see_financials(session, user_id):
        f.money = f.money.hidden()
        f.deals = figures.blank_at(f.deals, 3)  # type: ignore[assignment]
        f.timeline = figures.blank_all(f.timeline, "amount")
    visits = select(Activity.occurred_at).where(
        Activity.customer_id == customer_id,
        Activity.kind.in_([ActivityKind.DESK_VISIT, ActivityKind.VISIT]),
    )
    f.last_visit = session.scalar(visits.order_by(Activity.occurred_at.desc()).limit(1))
    since = dt.datetime.now(dt.UTC) - dt.timedelta(days=90)
    f.visits_90_days = (
        session.scalar(
            select(func.count()).select_from(visits.where(Activity.occurred_at >= since).subquery())
        )
        or 0
    )
    return f


def _money(session: Session, customer_id: int) -> Money:
    orders = [
        (o.id, o.number, o.order_date, o.amount, o.status.value, o.cost)
        for o in session.scalars(
            select(Order)
            .where(Order.customer_id == customer_id, Order.deleted_at.is_(None))
            .order_by(Order.order_date.desc(), Order.id.desc())
            .limit(500)
        )
    ]
    payments = [
        (p.id, p.paid_on, p.amount, p.method.value)
        for p in session.scalars(
            select(Payment)
            .where(Payment.customer_id == customer_id)
            .order_by(Payment.paid_on.desc(), Payment.id.desc())
            .limit(500)
        )
    ]
    t = balance.totals(session, customer_id)
    returns, _amount = order_service.return_figures(session, customer_id)
    return Money(
        orders,
        payments,
        t.ordered,
        t.returned,
        t.paid,
        returns,
        order_service.last_purchases(session, customer_id, 3),
        _margin(session, customer_id),
    )


def _margin(session: Session, customer_id: int) -> Decimal | None:
    from .margins import margins

    rows = margins(session, "customer", dt.date.min, dt.date.max, customer_id=customer_id)
    if not rows or not (rows[0].cost or rows[0].returned_cost):
        return None
    return rows[0].margin

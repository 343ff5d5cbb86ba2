"""Credit [信用资料]: terms, due dates, what is overdue and how old it is.

- An order is due on its ``due_date`` when one was stored (imports, the demo), else on
  its date plus the customer's credit term, else plus the office's default term
  (setting ``credit.term_days``, 30 days when never set).
- What is owed (``services.balance``: orders that count, less returns and payments) is
  laid on the newest orders first, i.e. payments and returns settle the oldest orders
  first; what remains of each order ages from its due date.
- Ages by days past due: not yet due, 1–30, 31–60, 61–90, over 90.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import ClientelaError
from app.models import Customer, Order, Payment, Return
from app.models.enums import OrderStatus

from . import access
from . import settings as office_settings

ZERO = Decimal("0.00")
NOT_SALES = (OrderStatus.CANCELLED, OrderStatus.DRAFT)

TERM_KEY = "credit.term_days"
LIMIT_KEY = "credit.limit"
STATEMENT_DAY_KEY = "credit.statement_day"
PAYMENT_TERMS_KEY = "credit.payment_terms"
BLOCK_KEY = "credit.block"
"""Office setting: refuse (rather than warn about) an order over the limit or for a
customer more than ``OVERDUE_DAYS`` days overdue."""
DEFAULT_TERM_DAYS = 30
OVERDUE_DAYS = 30
AGE_KEYS = ("current", "d1_30", "d31_60", "d61_90", "d90")


@dataclass(frozen=True)
class CreditDefaults:
    """The office's defaults for customers whose own terms are empty."""

    term_days: int = DEFAULT_TERM_DAYS
    limit: Decimal | None = None
    statement_day: int | None = None
    payment_terms: str | None = None
    block: bool = False


def _int(value: Any, default: int | None) -> int | None:
    try:
        return int(value) if value is not None and value != "" else default
    except (TypeError, ValueError):
        return default


def defaults(session: Session) -> CreditDefaults:
    values = office_settings.read(session, "credit.")
    limit = values.get(LIMIT_KEY)
    try:
        limit_d = None if limit in (None, "") else Decimal(str(limit))
    except ArithmeticError:
        limit_d = None
    return CreditDefaults(
        term_days=_int(values.get(TERM_KEY), DEFAULT_TERM_DAYS) or 0,
        limit=limit_d,
        statement_day=_int(values.get(STATEMENT_DAY_KEY), None),
        payment_terms=values.get(PAYMENT_TERMS_KEY) or None,
        block=bool(values.get(BLOCK_KEY, False)),
    )


@dataclass(frozen=True)
class Terms:
    """One customer's terms, the office's defaults filled in."""

    limit: Decimal | None
    term_days: int
    statement_day: int | None
    payment_terms: str | None
    created_on: dt.date | None


def terms(session: Session, customer_id: int, office: CreditDefaults | None = None) -> Terms:
    row = session.execute(
        select(
            Customer.credit_limit,
            Customer.credit_term_days,
            Customer.statement_day,
            Customer.payment_terms,
            Customer.created_at,
        ).where(Customer.id == customer_id)
    ).first()
    if row is None:
        raise ClientelaError("customer {id} does not exist", id=customer_id)
    office = office or defaults(session)
    return Terms(
        limit=row.credit_limit if row.credit_limit is not None else office.limit,
        term_days=row.credit_term_days if row.credit_term_days is not None else office.term_days,
        statement_day=row.statement_day if row.statement_day is not None else office.statement_day,
        payment_terms=row.payment_terms or office.payment_terms,
        created_on=row.created_at.date() if row.created_at else None,
    )


@dataclass(frozen=True)
class OpenOrder:
    """What is still owed on one order on a day."""

    order_id: int
    number: str | None
    order_date: dt.date
    due: dt.date
    amount: Decimal
    open: Decimal

    def days_overdue(self, as_of: dt.date) -> int:
        return max((as_of - self.due).days, 0)


def owed_on(session: Session, customer_id: int, as_of: dt.date) -> Decimal:
    """``balance.totals``'s "owed" counting only what happened up to ``as_of``."""
    ordered = session.scalar(
        select(func.sum(Order.amount)).where(
            Order.customer_id == customer_id,
            Order.deleted_at.is_(None),
            Order.status.not_in(NOT_SALES),
            Order.order_date <= as_of,
        )
    )
    returned = session.scalar(
        select(func.sum(Return.amount)).where(
            Return.customer_id == customer_id, Return.return_date <= as_of
        )
    )
    paid = session.scalar(
        select(func.sum(Payment.amount)).where(
            Payment.customer_id == customer_id, Payment.paid_on <= as_of
        )
    )
    return (ordered or ZERO) - (returned or ZERO) - (paid or ZERO)


def open_orders(
    session: Session, customer_id: int, as_of: dt.date, term_days: int | None = None
) -> list[OpenOrder]:
    """The orders still (partly) unpaid on ``as_of``, oldest first: what is owed that day
    laid on the newest orders first."""
    if term_days is None:
        term_days = terms(session, customer_id).term_days
    owed = owed_on(session, customer_id, as_of)
    if owed <= 0:
        return []
    rows = session.execute(
        select(Order.id, Order.number, Order.order_date, Order.due_date, Order.amount)
        .where(
            Order.customer_id == customer_id,
            Order.deleted_at.is_(None),
            Order.status.not_in(NOT_SALES),
            Order.order_date <= as_of,
        )
        .order_by(Order.order_date.desc(), Order.id.desc())
    )
    found: list[OpenOrder] = []
    left = owed
    for oid, number, day, due, amount in rows:
        if left <= 0:
            break
        part = min(amount, left)
        if part <= 0:
            continue
        left -= part
        found.append(
            OpenOrder(oid, number, day, due or day + dt.timedelta(days=term_days), amount, part)
        )
    found.reverse()
    return found


def age_index(days_overdue: int) -> int:
    """0 not yet due, 1 for 1–30 days, 2 for 31–60, 3 for 61–90, 4 over 90."""
    if days_overdue <= 0:
        return 0
    if days_overdue <= 30:
        return 1
    if days_overdue <= 60:
        return 2
    if days_overdue <= 90:
        return 3
    return 4


@dataclass(frozen=True)
class Aging:
    as_of: dt.date
    buckets: tuple[Decimal, Decimal, Decimal, Decimal, Decimal]
    """Not yet due, 1–30, 31–60, 61–90 and over 90 days overdue."""
    oldest_days: int
    """Days the oldest unpaid order is past due (0 when nothing is overdue)."""

    @property
    def total(self) -> Decimal:
        return sum(self.buckets, ZERO)

    @property
    def overdue(self) -> Decimal:
        return sum(self.buckets[1:], ZERO)

    def as_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            **{k: str(v) for k, v in zip(AGE_KEYS, self.buckets, strict=True)},
            "overdue": str(self.overdue),
            "total": str(self.total),
            "oldest_days": self.oldest_days,
        }


def aging(session: Session, customer_id: int, as_of: dt.date, user_id: int | None = None) -> Aging:
    """One customer's receivables on ``as_of`` by days past due."""
    access.check_may_see_customer(session, user_id, customer_id)
    parts = [ZERO] * 5
    oldest = 0
    for o in open_orders(session, customer_id, as_of):
        days = o.days_overdue(as_of)
        parts[age_index(days)] += o.open
        oldest = max(oldest, days)
    return Aging(as_of, (parts[0], parts[1], parts[2], parts[3], parts[4]), oldest)

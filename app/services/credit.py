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

from app.errors import ClientelaError, ValidationError
from app.models import Customer, Order, Payment, Return
from app.models.enums import AuditAction, OrderStatus

from . import access, audit, figures
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
    buckets: tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None, Decimal | None]
    """Not yet due, 1–30, 31–60, 61–90 and over 90 days overdue (None: hidden)."""
    oldest_days: int
    """Days the oldest unpaid order is past due (0 when nothing is overdue)."""

    @property
    def total(self) -> Decimal | None:
        return figures.total(self.buckets)

    @property
    def overdue(self) -> Decimal | None:
        return figures.total(self.buckets[1:])

    def as_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            **{k: figures.text(v) for k, v in zip(AGE_KEYS, self.buckets, strict=True)},
            "overdue": figures.text(self.overdue),
            "total": figures.text(self.total),
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
    if not figures.may_see_financials(session, user_id):
        return Aging(as_of, (None, None, None, None, None), oldest)
    return Aging(as_of, (parts[0], parts[1], parts[2], parts[3], parts[4]), oldest)


# ---------------------------------------------------------------- money as typed
ZERO_DECIMAL_CURRENCIES = frozenset(
    ("JPY", "KRW", "CLP", "PYG", "VND", "ISK", "UGX", "XAF", "XOF", "KMF", "RWF", "VUV")
)


def currency_decimals(currency: str | None) -> int:
    """Decimals an amount in ``currency`` may have: 0 for yen, pesos chilenos…, else 2."""
    return 0 if (currency or "").upper() in ZERO_DECIMAL_CURRENCIES else 2


def office_decimals(session: Session) -> int:
    from .exports import office_currency

    return currency_decimals(office_currency(session))


def money(
    value: Decimal | str | int | float | None,
    field: str,
    decimals: int = 2,
    *,
    allow_negative: bool = False,
    required: bool = True,
) -> Decimal | None:
    """An amount as typed ("88,50", Decimal…) checked: a number, not negative (unless
    allowed), no more decimals than the currency has, not absurdly large."""
    from .validation import MAX_AMOUNT

    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ValidationError("give an amount", field=field)
        return None
    try:
        d = Decimal(
            repr(value) if isinstance(value, float) else str(value).strip().replace(",", ".")
        )
    except ArithmeticError:
        raise ValidationError("{value} is not an amount", field=field, value=value) from None
    if not d.is_finite():
        raise ValidationError("{value} is not an amount", field=field, value=value)
    if d < 0 and not allow_negative:
        raise ValidationError("{value} is below zero", field=field, value=value)
    if d != d.quantize(Decimal(1).scaleb(-decimals)):
        if decimals == 0:
            raise ValidationError(
                "{value}: this currency has no decimals", field=field, value=value
            )
        raise ValidationError(
            "{value} has more than {n} decimals", field=field, value=value, n=decimals
        )
    if abs(d) > MAX_AMOUNT:
        raise ValidationError("the amount is too large", field=field)
    return d.quantize(Decimal("0.01"))


# ---------------------------------------------------------------- terms and defaults
def _days(value: Any, field: str, low: int, high: int) -> int | None:
    if value is None or value == "":
        return None
    try:
        n = int(str(value).strip())
    except ValueError:
        raise ValidationError("{value} is not a whole number", field=field, value=value) from None
    if not low <= n <= high:
        raise ValidationError(
            "{value} is not between {low} and {high}", field=field, value=n, low=low, high=high
        )
    return n


@dataclass(frozen=True)
class TermsInput:
    """As typed: empty means "the office's default"."""

    limit: Decimal | str | None = None
    term_days: int | str | None = None
    statement_day: int | str | None = None
    payment_terms: str | None = None


def set_terms(db: Any, user_id: int | None, customer_id: int, data: TermsInput) -> list[str]:
    """Store one customer's credit terms (whoever may edit the customer); the fields that
    changed, audited. A limit below zero, a term beyond a year or a statement day that is
    no day of a month is refused and nothing is stored."""

    def work(s: Session) -> list[str]:
        access.check_may_edit_customer(s, user_id, customer_id)
        values = {
            "credit_limit": money(data.limit, "credit_limit", office_decimals(s), required=False),
            "credit_term_days": _days(data.term_days, "credit_term_days", 0, 365),
            "statement_day": _days(data.statement_day, "statement_day", 1, 31),
            "payment_terms": (data.payment_terms or "").strip()[:200] or None,
        }
        c = s.get(Customer, customer_id)
        if c is None or c.deleted_at is not None:
            raise ClientelaError("this customer no longer exists")
        changes = {}
        for name, new in values.items():
            old = getattr(c, name)
            if old != new:
                changes[name] = (old, new)
                setattr(c, name, new)
        if changes:
            s.flush()
            audit.record(s, user_id, AuditAction.UPDATE, "customer", customer_id, changes)
        return list(changes)

    return db.run_write(work)


def save_defaults(db: Any, user_id: int | None, data: CreditDefaults) -> list[str]:
    """The office's credit defaults and the block setting (administrators and managers)."""

    def work(s: Session) -> list[str]:
        office_settings.check_may_change(s, user_id)
        limit = money(data.limit, "limit", office_decimals(s), required=False)
        values = {
            TERM_KEY: _days(data.term_days, "term_days", 0, 365) or 0,
            LIMIT_KEY: None if limit is None else str(limit),
            STATEMENT_DAY_KEY: _days(data.statement_day, "statement_day", 1, 31),
            PAYMENT_TERMS_KEY: (data.payment_terms or "").strip()[:200] or None,
            BLOCK_KEY: bool(data.block),
        }
        return office_settings.store(s, user_id, values)

    return db.run_write(work)


# ---------------------------------------------------------------- the order check
class CreditWarning(ClientelaError):
    """Saving the order goes over the credit limit or sells to a customer more than 30
    days overdue; saved only when the person confirms (``accept_credit_warning``)."""

    def __init__(self, problems: list[ClientelaError]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.template for p in problems))

    @property
    def message(self) -> str:
        return "; ".join(p.message for p in getattr(self, "problems", []))


class CreditBlocked(CreditWarning):
    """The office blocks such orders (setting ``credit.block``)."""

    exit_code = 3


@dataclass(frozen=True)
class CreditCheck:
    owed: Decimal | None
    """Owed before the order. The figures are None for a user who may not see them."""
    owed_after: Decimal | None
    limit: Decimal | None
    overdue_30: Decimal | None
    """Unpaid more than 30 days past due."""
    oldest_days: int
    block: bool
    problems: list[ClientelaError]

    def unseen(self) -> CreditCheck:
        """The same check for a user who may not see money figures: its problems told
        without what is owed, the limit or the order's total."""
        problems: list[ClientelaError] = []
        for p in self.problems:
            if "limit" in p.params:
                problems.append(
                    ClientelaError("this order takes the customer over their credit limit")
                )
            elif "late" in p.params:
                problems.append(
                    ClientelaError(
                        "the customer has payments more than 30 days overdue "
                        "(the oldest {days} days)",
                        days=p.params["days"],
                    )
                )
        return CreditCheck(None, None, None, None, self.oldest_days, self.block, problems)


def check_order(
    session: Session,
    customer_id: int,
    amount: Decimal,
    today: dt.date,
    office: CreditDefaults | None = None,
) -> CreditCheck:
    """What adding an order of ``amount`` means for the customer's credit today."""
    from . import balance

    office = office or defaults(session)
    t = terms(session, customer_id, office)
    owed = balance.totals(session, customer_id).owed
    after = owed + amount
    late = ZERO
    oldest = 0
    for o in open_orders(session, customer_id, today, t.term_days):
        days = o.days_overdue(today)
        oldest = max(oldest, days)
        if days > OVERDUE_DAYS:
            late += o.open
    problems: list[ClientelaError] = []
    if t.limit is not None and amount > 0 and after > t.limit:
        problems.append(
            ClientelaError(
                "this order takes what the customer owes to {after}, over the credit limit of "
                "{limit} (owed now {owed})",
                after=str(after),
                limit=str(t.limit),
                owed=str(owed),
            )
        )
    if late > 0:
        problems.append(
            ClientelaError(
                "the customer has {late} more than 30 days overdue (the oldest {days} days)",
                late=str(late),
                days=oldest,
            )
        )
    return CreditCheck(owed, after, t.limit, late, oldest, office.block, problems)


def raise_for(check: CreditCheck, accepted: bool) -> None:
    """CreditBlocked when the office blocks and there is a problem; CreditWarning when
    there is one the person has not accepted."""
    if not check.problems:
        return
    if check.block:
        raise CreditBlocked(check.problems)
    if not accepted:
        raise CreditWarning(check.problems)

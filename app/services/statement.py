"""The statement of account [对账单]: for one customer and a period, the opening balance,
every order, return and payment in date order with a running balance, the closing
balance and what is overdue at the period's end.

What counts is ``services.balance``'s definition of "owed": orders not deleted, not
cancelled and not drafts; every return and payment. Orders raise the balance, returns
and payments lower it (their amounts are negative on the statement), so the opening
balance plus the lines is the closing balance, always. On one day orders come first,
then returns, then payments. Overdue is ``services.credit``'s: what remains unpaid of
orders whose due date is before the period's last day.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import ClientelaError, PermissionDenied, ValidationError
from app.models import Customer, Order, Payment, Return
from app.models.enums import AuditAction, OrderStatus

from . import access, audit, credit, figures
from .customers import resolve

ZERO = Decimal("0.00")
KINDS = ("order", "return", "payment")
MAX_DAYS = 366 * 20


@dataclass(frozen=True)
class Line:
    date: dt.date
    kind: str
    """order, return or payment"""
    ref: str
    """The order's number (``#id`` without one), the return's order, the payment's reference."""
    amount: Decimal
    """What the line does to the balance: orders positive, returns and payments negative."""
    balance: Decimal
    detail: str = ""
    due: dt.date | None = None
    """An order's due date."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "kind": self.kind,
            "ref": self.ref,
            "amount": str(self.amount),
            "balance": str(self.balance),
        }


@dataclass(frozen=True)
class OverdueOrder:
    ref: str
    order_date: dt.date
    due: dt.date
    amount: Decimal
    open: Decimal
    days: int


@dataclass
class Statement:
    customer_id: int
    number: str
    name: str
    start: dt.date
    end: dt.date
    opening: Decimal
    lines: list[Line] = field(default_factory=list)
    term_days: int = credit.DEFAULT_TERM_DAYS
    overdue_orders: list[OverdueOrder] = field(default_factory=list)

    @property
    def closing(self) -> Decimal:
        return self.lines[-1].balance if self.lines else self.opening

    @property
    def overdue(self) -> Decimal:
        return sum((o.open for o in self.overdue_orders), ZERO)

    def total(self, kind: str) -> Decimal:
        return sum((ln.amount for ln in self.lines if ln.kind == kind), ZERO)

    def as_dict(self) -> dict[str, Any]:
        return {
            "customer": {"id": self.customer_id, "number": self.number, "name": self.name},
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "opening": str(self.opening),
            "lines": [ln.as_dict() for ln in self.lines],
            "closing": str(self.closing),
            "overdue": str(self.overdue),
            "overdue_orders": [
                {
                    "ref": o.ref,
                    "date": o.order_date.isoformat(),
                    "due": o.due.isoformat(),
                    "open": str(o.open),
                    "days": o.days,
                }
                for o in self.overdue_orders
            ],
        }


def check_period(start: dt.date | None, end: dt.date | None) -> tuple[dt.date, dt.date]:
    if start is None:
        raise ValidationError("give the period's first day", field="from")
    if end is None:
        raise ValidationError("give the period's last day", field="to")
    if end < start:
        raise ValidationError(
            "the period ends ({end}) before it starts ({start})",
            field="to",
            start=start.isoformat(),
            end=end.isoformat(),
        )
    if (end - start).days > MAX_DAYS:
        raise ValidationError("a statement covers at most twenty years", field="from")
    return start, end


def _ref(number: str | None, oid: int) -> str:
    return number or f"#{oid}"


def build(
    session: Session,
    customer_id: int,
    start: dt.date,
    end: dt.date,
    user_id: int | None = None,
) -> Statement:
    """The statement of ``customer_id`` from ``start`` to ``end`` (both included), as
    ``user_id`` may see it (PermissionDenied if the customer is not theirs)."""
    start, end = check_period(start, end)
    access.check_may_see_customer(session, user_id, customer_id)
    if not figures.may_see_financials(session, user_id):
        raise PermissionDenied("a statement of account shows money figures you may not see")
    c = session.execute(
        select(Customer.number, Customer.name).where(Customer.id == customer_id)
    ).first()
    if c is None:
        raise ClientelaError("customer {id} does not exist", id=customer_id)
    term_days = credit.terms(session, customer_id).term_days
    opening = credit.owed_on(session, customer_id, start - dt.timedelta(days=1))

    entries: list[tuple[dt.date, int, int, str, Decimal, str, dt.date | None]] = []
    for oid, number, day, due, amount in session.execute(
        select(Order.id, Order.number, Order.order_date, Order.due_date, Order.amount).where(
            Order.customer_id == customer_id,
            Order.deleted_at.is_(None),
            Order.status.not_in((OrderStatus.CANCELLED, OrderStatus.DRAFT)),
            Order.order_date >= start,
            Order.order_date <= end,
        )
    ):
        due_on = due or day + dt.timedelta(days=term_days)
        entries.append((day, 0, oid, _ref(number, oid), amount, "", due_on))
    for rid, day, amount, reason, oid, number in session.execute(
        select(Return.id, Return.return_date, Return.amount, Return.reason, Order.id, Order.number)
        .join(Order, Order.id == Return.order_id)
        .where(
            Return.customer_id == customer_id,
            Return.return_date >= start,
            Return.return_date <= end,
        )
    ):
        entries.append((day, 1, rid, _ref(number, oid), -amount, reason or "", None))
    for pid, day, amount, reference, method in session.execute(
        select(
            Payment.id, Payment.paid_on, Payment.amount, Payment.reference, Payment.method
        ).where(
            Payment.customer_id == customer_id,
            Payment.paid_on >= start,
            Payment.paid_on <= end,
        )
    ):
        entries.append((day, 2, pid, reference or "", -amount, method.value, None))
    entries.sort(key=lambda e: (e[0], e[1], e[2]))

    st = Statement(customer_id, c.number, c.name, start, end, opening, term_days=term_days)
    running = opening
    for day, kind, _id, ref, amount, detail, due in entries:
        running += amount
        st.lines.append(Line(day, KINDS[kind], ref, amount, running, detail, due))
    st.overdue_orders = [
        OverdueOrder(_ref(o.number, o.order_id), o.order_date, o.due, o.amount, o.open, days)
        for o in credit.open_orders(session, customer_id, end, term_days)
        if (days := o.days_overdue(end)) > 0
    ]
    return st


def statement(
    db: Database,
    user_id: int | None,
    customer: int | str,
    start: dt.date,
    end: dt.date,
) -> Statement:
    """``build`` in its own session; ``customer`` is an id or a customer number."""
    with db.session() as s:
        customer_id = customer if isinstance(customer, int) else resolve(s, customer)
        return build(s, customer_id, start, end, user_id)


def make_workbook(
    db: Database,
    user_id: int | None,
    customer: int | str,
    start: dt.date,
    end: dt.date,
    path: str | os.PathLike[str],
    *,
    lang: str | None = None,
    today: dt.date | None = None,
) -> tuple[Path, Statement]:
    """Write the statement to ``path`` (.xlsx) with the office's name (setting
    ``office.name``), currency and language (``office.locale``, unless ``lang``), and
    record the export in the audit log. Returns the file and the statement written."""
    from app.reports import statement_workbook
    from app.reports.export import currency_format

    from . import settings as office_settings
    from .exports import office_currency

    with db.session() as s:
        customer_id = customer if isinstance(customer, int) else resolve(s, customer)
        st = build(s, customer_id, start, end, user_id)
        office = office_settings.read(s, "office.")
        money = currency_format(office_currency(s))
    written = statement_workbook.write(
        path,
        st,
        office=str(office.get("office.name") or ""),
        lang=lang or str(office.get("office.locale") or "en"),
        currency_format=money,
        made_on=today,
    )
    if not db.read_only:
        db.run_write(
            lambda s: audit.record(
                s,
                user_id,
                AuditAction.EXPORT,
                "customer",
                customer_id,
                note=f"statement {start.isoformat()} – {end.isoformat()} → {written.name}",
            )
        )
    return written, st

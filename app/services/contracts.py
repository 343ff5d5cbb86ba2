"""Contracts [合同] as records: number, customer, deal (optional), signed, start and end
dates, amount, status (draft, signed, in force, completed, cancelled) and notes. Orders
may point to a contract; a contract shows what was ordered, delivered (orders delivered
or invoiced) and invoiced against it. Contracts signed or in force that end within
``EXPIRING_DAYS`` days are listed for their owner (the contract's, else the customer's)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, case, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import ClientelaError, ValidationError
from app.models import Contract, Customer, Deal, Order
from app.models.enums import AuditAction, ContractStatus, OrderStatus

from . import access, audit, credit, figures
from .concurrency import expect_version

ZERO = Decimal("0.00")
EXPIRING_DAYS = 30
LIVE = (ContractStatus.SIGNED, ContractStatus.IN_FORCE)


@dataclass(frozen=True)
class ContractData:
    customer_id: int
    number: str
    title: str | None = None
    deal_id: int | None = None
    signed_on: dt.date | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    amount: Decimal | str | None = None
    """None: no amount on a new contract; on saving one already stored, keep its amount
    (the form of a user who may not see it has none)."""
    status: ContractStatus | str = ContractStatus.DRAFT
    notes: str | None = None
    owner_id: int | None = None


@dataclass(frozen=True)
class ContractRow:
    id: int
    version: int
    number: str
    customer_id: int
    customer_name: str
    title: str | None
    status: str
    signed_on: dt.date | None
    starts_on: dt.date | None
    ends_on: dt.date | None
    amount: Decimal | None
    ordered: Decimal | None
    delivered: Decimal | None
    invoiced: Decimal | None

    @property
    def remaining(self) -> Decimal | None:
        """The contract's amount not yet delivered (None: hidden)."""
        if self.amount is None or self.delivered is None:
            return None
        return self.amount - self.delivered

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "number": self.number,
            "customer_id": self.customer_id,
            "customer": self.customer_name,
            "title": self.title,
            "status": self.status,
            "signed_on": self.signed_on.isoformat() if self.signed_on else None,
            "starts_on": self.starts_on.isoformat() if self.starts_on else None,
            "ends_on": self.ends_on.isoformat() if self.ends_on else None,
            "amount": figures.text(self.amount),
            "ordered": figures.text(self.ordered),
            "delivered": figures.text(self.delivered),
            "invoiced": figures.text(self.invoiced),
            "remaining": figures.text(self.remaining),
        }


def _clean(s: Session, data: ContractData, contract_id: int | None) -> dict[str, Any]:
    number = (data.number or "").strip()
    if not number:
        raise ValidationError("a contract needs a number", field="number")
    other = s.scalar(select(Contract.id).where(Contract.number == number))
    if other is not None and other != contract_id:
        raise ValidationError(
            "another contract is numbered {number}", field="number", number=number
        )
    try:
        status = ContractStatus(str(getattr(data.status, "value", data.status)))
    except ValueError:
        raise ValidationError(
            "{value} is not a contract status", field="status", value=data.status
        ) from None
    if data.starts_on and data.ends_on and data.ends_on < data.starts_on:
        raise ValidationError("the contract ends before it starts", field="ends_on")
    if data.deal_id is not None:
        deal_customer = s.scalar(select(Deal.customer_id).where(Deal.id == data.deal_id))
        if deal_customer != data.customer_id:
            raise ValidationError("that deal is not this customer's", field="deal_id")
    amount = credit.money(data.amount, "amount", credit.office_decimals(s), required=False)
    return {
        "customer_id": data.customer_id,
        "number": number[:40],
        "title": (data.title or "").strip()[:200] or None,
        "deal_id": data.deal_id,
        "signed_on": data.signed_on,
        "starts_on": data.starts_on,
        "ends_on": data.ends_on,
        "amount": amount or ZERO,
        "status": status,
        "notes": (data.notes or "").strip() or None,
    }


def save(
    db: Database,
    user_id: int | None,
    data: ContractData,
    contract_id: int | None = None,
    version: int | None = None,
) -> int:
    def work(s: Session) -> int:
        access.check_may_edit_customer(s, user_id, data.customer_id)
        c = s.get(Customer, data.customer_id)
        if c is None or c.deleted_at is not None:
            raise ClientelaError("this customer no longer exists")
        values = _clean(s, data, contract_id)
        if contract_id is not None and data.amount is None:
            del values["amount"]
        if contract_id is None:
            row = Contract(owner_id=data.owner_id or c.owner_id or user_id, **values)
            s.add(row)
            s.flush()
            audit.record(
                s,
                user_id,
                AuditAction.CREATE,
                "contract",
                row.id,
                {k: (None, str(v)) for k, v in values.items() if v is not None},
            )
            return row.id
        row = s.get(Contract, contract_id)
        if row is None:
            raise ClientelaError("this contract no longer exists")
        if row.customer_id != data.customer_id:  # taken from its customer: theirs too
            access.check_may_edit_customer(s, user_id, row.customer_id)
        if version is not None:
            expect_version(row, version)
        changes = {}
        for k, v in values.items():
            if getattr(row, k) != v:
                changes[k] = (str(getattr(row, k)), str(v))
                setattr(row, k, v)
        if changes:
            s.flush()
            audit.record(s, user_id, AuditAction.UPDATE, "contract", row.id, changes)
        return row.id

    return db.run_write(work)


@dataclass(frozen=True)
class ContractForm:
    """A contract as its form shows it, with the version read (``save`` refuses to write
    over another PC's newer save)."""

    id: int
    version: int
    data: ContractData


def for_edit(s: Session, contract_id: int, user_id: int | None = None) -> ContractForm:
    row = s.get(Contract, contract_id)
    if row is None:
        raise ClientelaError("this contract no longer exists")
    access.check_may_see_customer(s, user_id, row.customer_id)
    money = figures.may_see_financials(s, user_id)
    data = ContractData(
        customer_id=row.customer_id,
        number=row.number,
        title=row.title,
        deal_id=row.deal_id,
        signed_on=row.signed_on,
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        amount=row.amount if money else None,
        status=row.status,
        notes=row.notes,
        owner_id=row.owner_id,
    )
    return ContractForm(row.id, row.version, data)


def _rows(s: Session, *where: Any) -> list[ContractRow]:
    counting = Order.status.not_in((OrderStatus.CANCELLED, OrderStatus.DRAFT))

    def raw(expr: Any, name: str) -> Any:
        return type_coerce(func.sum(expr), BigInteger).label(name)  # cents

    amount = type_coerce(Order.amount, BigInteger)
    sums = (
        select(
            Order.contract_id.label("cid"),
            raw(amount, "ordered"),
            raw(
                case(
                    (Order.status.in_((OrderStatus.DELIVERED, OrderStatus.INVOICED)), amount),
                    else_=0,
                ),
                "delivered",
            ),
            raw(case((Order.status == OrderStatus.INVOICED, amount), else_=0), "invoiced"),
        )
        .where(Order.contract_id.is_not(None), Order.deleted_at.is_(None), counting)
        .group_by(Order.contract_id)
        .subquery()
    )
    q = (
        select(Contract, Customer.name, sums.c.ordered, sums.c.delivered, sums.c.invoiced)
        .join(Customer, Customer.id == Contract.customer_id)
        .outerjoin(sums, sums.c.cid == Contract.id)
        .where(*where)
        .order_by(Contract.ends_on.is_(None), Contract.ends_on, Contract.id)
    )

    def cents(v: Any) -> Decimal:
        return ZERO if v is None else (Decimal(int(v)) / 100).quantize(ZERO)

    return [
        ContractRow(
            c.id,
            c.version,
            c.number,
            c.customer_id,
            name,
            c.title,
            c.status.value,
            c.signed_on,
            c.starts_on,
            c.ends_on,
            c.amount,
            cents(o),
            cents(d),
            cents(i),
        )
        for c, name, o, d, i in s.execute(q)
    ]


def for_customer(s: Session, customer_id: int, user_id: int | None = None) -> list[ContractRow]:
    access.check_may_see_customer(s, user_id, customer_id)
    return hidden_for(s, user_id, _rows(s, Contract.customer_id == customer_id))


MONEY_FIELDS = ("amount", "ordered", "delivered", "invoiced")


def hidden_for(s: Session, user_id: int | None, rows: list[ContractRow]) -> list[ContractRow]:
    """``rows`` with their money blank for a user who may not see financial figures."""
    if figures.may_see_financials(s, user_id):
        return rows
    return figures.blank_all(rows, *MONEY_FIELDS)


def expiring(
    s: Session, owner_id: int | None, today: dt.date, days: int = EXPIRING_DAYS
) -> list[ContractRow]:
    """Signed or in-force contracts ending from ``today`` to ``days`` ahead, soonest first;
    ``owner_id`` None: everyone's."""
    where = [
        Contract.status.in_(LIVE),
        Contract.ends_on.is_not(None),
        Contract.ends_on >= today,
        Contract.ends_on <= today + dt.timedelta(days=days),
        Customer.deleted_at.is_(None),
    ]
    if owner_id is not None:
        where.append(
            or_(
                Contract.owner_id == owner_id,
                (Contract.owner_id.is_(None)) & (Customer.owner_id == owner_id),
            )
        )
    return _rows(s, *where)


def resolve(s: Session, ref: str) -> int:
    text = str(ref).strip()
    found = s.scalar(select(Contract.id).where(Contract.number == text))
    if found is None and text.isdigit():
        found = s.scalar(select(Contract.id).where(Contract.id == int(text)))
    if found is None:
        raise ValidationError("no contract {ref}", field="contract", ref=text)
    return found

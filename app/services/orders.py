"""Orders with lines, returns and payments: what is typed is checked, worked out in
``Decimal`` (never float) and stored all or nothing.

- A line's amount is quantity × unit price less its discount, rounded to cents half up;
  its cost is quantity × unit cost (the product's cost when none is typed). The order's
  amount and cost are the sums of its lines; an order without lines keeps the amount
  typed (as imports always did).
- Saving an order that counts (not a draft, not cancelled) checks the customer's credit
  (``services.credit.check_order``): over the limit, or anything more than 30 days
  overdue, raises ``CreditWarning`` naming the figures unless the person accepted it,
  or ``CreditBlocked`` when the office blocks such orders.
- A return refers to an order, or to some of its lines with quantities; never more than
  was bought less what was returned before. A payment is never dated before the
  customer existed.

SQLite gives ``Numeric`` columns (quantities, discounts) back as float: they are read
through ``dec`` (the float's shortest repr), never used as floats.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import ClientelaError, PermissionDenied, ValidationError
from app.models import Contract, Customer, Order, OrderLine, Payment, Product, Return, ReturnLine
from app.models.base import CENT, utcnow
from app.models.enums import AuditAction, OrderStatus, PaymentMethod

from . import access, audit, credit, figures, loyalty
from .concurrency import expect_version

QTY = Decimal("0.001")
MAX_QUANTITY = Decimal("100000000")
HUNDRED = Decimal(100)
COUNTING = (OrderStatus.CONFIRMED, OrderStatus.DELIVERED, OrderStatus.INVOICED)


def dec(value: Any) -> Decimal:
    """A stored Numeric as Decimal (SQLite returns float: its repr, not its binary value)."""
    if value is None:
        return Decimal(0)
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def _decimal(value: Any, field: str) -> Decimal:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValidationError("give a number", field=field)
    try:
        d = Decimal(
            repr(value) if isinstance(value, float) else str(value).strip().replace(",", ".")
        )
    except ArithmeticError:
        raise ValidationError("{value} is not a number", field=field, value=value) from None
    if not d.is_finite():
        raise ValidationError("{value} is not a number", field=field, value=value)
    return d


def quantity(value: Any, field: str = "quantity") -> Decimal:
    q = _decimal(value, field)
    if q <= 0:
        raise ValidationError(
            "the quantity must be above zero, not {value}", field=field, value=value
        )
    if q != q.quantize(QTY):
        raise ValidationError("a quantity has at most three decimals", field=field)
    if q > MAX_QUANTITY:
        raise ValidationError("the quantity is too large", field=field)
    return q.quantize(QTY)


def discount(value: Any, field: str = "discount_pct") -> Decimal:
    if value is None or (isinstance(value, str) and not value.strip()):
        return Decimal("0.00")
    d = _decimal(value, field)
    if d < 0 or d > HUNDRED:
        raise ValidationError(
            "a discount is between 0 and 100 %, not {value}", field=field, value=value
        )
    if d != d.quantize(CENT):
        raise ValidationError("a discount has at most two decimals", field=field)
    return d.quantize(CENT)


def line_amount(qty: Decimal, unit_price: Decimal, discount_pct: Decimal) -> Decimal:
    gross = qty * unit_price * (HUNDRED - discount_pct) / HUNDRED
    return gross.quantize(CENT, rounding=ROUND_HALF_UP)


def line_cost(qty: Decimal, unit_cost: Decimal) -> Decimal:
    return (qty * unit_cost).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class LineInput:
    """One order line as typed. ``unit_price``/``unit_cost`` empty: the product's list
    price and cost."""

    product_id: int | None = None
    quantity: Decimal | str | int = Decimal(1)
    unit_price: Decimal | str | None = None
    discount_pct: Decimal | str | None = None
    unit_cost: Decimal | str | None = None
    description: str | None = None
    line_id: int | None = None
    """The stored line this one edits (``update``); None: a new line."""


@dataclass(frozen=True)
class OrderInput:
    customer_id: int
    order_date: dt.date
    lines: Sequence[LineInput] = ()
    amount: Decimal | str | None = None
    """Only for an order without lines."""
    cost: Decimal | str | None = None
    number: str | None = None
    status: OrderStatus = OrderStatus.CONFIRMED
    due_date: dt.date | None = None
    contract_id: int | None = None
    notes: str | None = None


@dataclass(frozen=True)
class SavedOrder:
    order_id: int
    amount: Decimal
    cost: Decimal | None
    """None for a user who may not see money figures (so is the margin)."""
    check: credit.CreditCheck | None = None
    """The credit check as the user may see it (``CreditCheck.unseen``)."""

    @property
    def margin(self) -> Decimal | None:
        return None if self.cost is None else self.amount - self.cost


def _saved(
    s: Session,
    user_id: int | None,
    order_id: int,
    amount: Decimal,
    cost: Decimal,
    check: credit.CreditCheck | None,
) -> SavedOrder:
    """What a save hands back, with the cost and the credit figures blank for a user
    who may not see them."""
    if figures.may_see_financials(s, user_id):
        return SavedOrder(order_id, amount, cost, check)
    return SavedOrder(order_id, amount, None, None if check is None else check.unseen())


def _raise_for(s: Session, user_id: int | None, check: credit.CreditCheck, accepted: bool) -> None:
    """``credit.raise_for`` with the problems told as the user may see them."""
    shown = check if figures.may_see_financials(s, user_id) else check.unseen()
    credit.raise_for(shown, accepted)


@dataclass
class _Line:
    line_id: int | None
    product_id: int | None
    description: str | None
    quantity: Decimal
    unit_price: Decimal
    discount_pct: Decimal
    unit_cost: Decimal
    amount: Decimal = field(default=Decimal("0.00"))
    cost: Decimal = field(default=Decimal("0.00"))


def _clean_lines(s: Session, lines: Sequence[LineInput], decimals: int) -> list[_Line]:
    out = []
    for i, ln in enumerate(lines, 1):
        product = None
        if ln.product_id is not None:
            product = s.get(Product, ln.product_id)
            if product is None:
                raise ValidationError("line {n}: no such product", field="product_id", n=i)
        if product is None and not (ln.description or "").strip():
            raise ValidationError(
                "line {n}: give a product or a description", field="product_id", n=i
            )
        qty = quantity(ln.quantity)
        price = (
            credit.money(ln.unit_price, "unit_price", decimals)
            if ln.unit_price not in (None, "")
            else (product.list_price if product else None)
        )
        if price is None:
            raise ValidationError("line {n}: give a unit price", field="unit_price", n=i)
        unit_cost = (
            credit.money(ln.unit_cost, "unit_cost", decimals)
            if ln.unit_cost not in (None, "")
            else (product.cost if product else Decimal("0.00"))
        )
        disc = discount(ln.discount_pct)
        line = _Line(
            ln.line_id,
            product.id if product else None,
            (ln.description or "").strip()[:200] or (product.name if product else None),
            qty,
            price,
            disc,
            unit_cost or Decimal("0.00"),
        )
        line.amount = line_amount(qty, price, disc)
        line.cost = line_cost(qty, line.unit_cost)
        out.append(line)
    return out


def _checked(
    s: Session, user_id: int | None, data: OrderInput, order_id: int | None
) -> tuple[Customer, list[_Line], Decimal, Decimal, str | None]:
    """What ``create`` and ``update`` both check: the customer, lines, totals, number
    (``order_id``: the order being edited keeps its own), contract and due date."""
    access.check_may_edit_customer(s, user_id, data.customer_id)
    customer = s.get(Customer, data.customer_id)
    if customer is None or customer.deleted_at is not None:
        raise ClientelaError("this customer no longer exists")
    decimals = credit.office_decimals(s)
    lines = _clean_lines(s, data.lines, decimals)
    if lines:
        amount = sum((ln.amount for ln in lines), Decimal("0.00"))
        cost = sum((ln.cost for ln in lines), Decimal("0.00"))
    else:
        amount = credit.money(data.amount, "amount", decimals)  # type: ignore[assignment]
        cost = credit.money(data.cost, "cost", decimals, required=False) or Decimal("0.00")
    number = (data.number or "").strip() or None
    other = s.scalar(select(Order.id).where(Order.number == number)) if number else None
    if other is not None and other != order_id:
        raise ValidationError(
            "an order numbered {number} exists already", field="number", number=number
        )
    if data.contract_id is not None and (
        s.scalar(select(Contract.customer_id).where(Contract.id == data.contract_id))
        != data.customer_id
    ):
        raise ValidationError("that contract is not this customer's", field="contract_id")
    if data.due_date is not None and data.due_date < data.order_date:
        raise ValidationError("the order is due before its date", field="due_date")
    return customer, lines, amount, cost, number


def create(
    db: Database,
    user_id: int | None,
    data: OrderInput,
    *,
    accept_credit_warning: bool = False,
    today: dt.date | None = None,
) -> SavedOrder:
    """Store a new order with its lines; see the module docstring for the credit check."""
    today = today or dt.date.today()
    return db.run_write(
        lambda s: create_in(
            s, user_id, data, accept_credit_warning=accept_credit_warning, today=today
        )
    )


def create_in(
    s: Session,
    user_id: int | None,
    data: OrderInput,
    *,
    accept_credit_warning: bool = False,
    today: dt.date,
    check_credit: bool = True,
) -> SavedOrder:
    """``create`` inside the caller's transaction (an import stores many orders at once);
    ``check_credit`` False for orders of the past brought in from a file."""
    customer, lines, amount, cost, number = _checked(s, user_id, data, None)
    check = None
    if check_credit and data.status in COUNTING:
        check = credit.check_order(s, data.customer_id, amount, today)
        _raise_for(s, user_id, check, accept_credit_warning)
    order = Order(
        customer_id=data.customer_id,
        owner_id=customer.owner_id,
        contract_id=data.contract_id,
        number=number,
        order_date=data.order_date,
        due_date=data.due_date,
        amount=amount,
        cost=cost,
        status=data.status,
        notes=(data.notes or "").strip() or None,
    )
    order.lines = [
        OrderLine(
            product_id=ln.product_id,
            description=ln.description,
            quantity=ln.quantity,
            unit_price=ln.unit_price,
            discount_pct=ln.discount_pct,
            unit_cost=ln.unit_cost,
            amount=ln.amount,
            cost=ln.cost,
        )
        for ln in lines
    ]
    s.add(order)
    s.flush()
    changes: dict[str, tuple[Any, Any]] = {
        "amount": (None, str(amount)),
        "lines": (None, len(lines)),
    }
    if check is not None and check.problems:
        changes["credit_warning"] = (None, "; ".join(p.message for p in check.problems))
    audit.record(s, user_id, AuditAction.CREATE, "order", order.id, changes)
    if check_credit and data.status in COUNTING:
        # A member's level follows each purchase, as at the desk (imports of the past are
        # levelled by the first start of the next day).
        loyalty.recompute_level(s, user_id, data.customer_id, today)
    return _saved(s, user_id, order.id, amount, cost, check)


# ---------------------------------------------------------------- editing
@dataclass(frozen=True)
class OrderForm:
    """An order as its edit form shows it: what ``update`` takes back, with the version
    read (the save is refused when another PC saved the order meanwhile)."""

    id: int
    version: int
    data: OrderInput
    returned: dict[int, Decimal]
    """Quantity returned so far, by line id: such a line stays, with at least that much."""


def for_edit(session: Session, order_id: int, user_id: int | None = None) -> OrderForm:
    """One order as its edit form fills in, for someone who may edit its customer."""
    order = session.get(Order, order_id)
    if order is None or order.deleted_at is not None:
        raise ClientelaError("this order no longer exists")
    access.check_may_edit_customer(session, user_id, order.customer_id)
    if not figures.may_see_financials(session, user_id):
        raise PermissionDenied("an order's form shows prices and costs you may not see")
    data = OrderInput(
        order.customer_id,
        order.order_date,
        [
            LineInput(
                product_id=ln.product_id,
                quantity=dec(ln.quantity),
                unit_price=ln.unit_price,
                discount_pct=dec(ln.discount_pct),
                unit_cost=ln.unit_cost,
                description=ln.description,
                line_id=ln.id,
            )
            for ln in order.lines
        ],
        amount=None if order.lines else order.amount,
        cost=None if order.lines else order.cost,
        number=order.number,
        status=order.status,
        due_date=order.due_date,
        contract_id=order.contract_id,
        notes=order.notes,
    )
    done = _returned_of(session, [ln.id for ln in order.lines])
    return OrderForm(order.id, order.version, data, done)


def update(
    db: Database,
    user_id: int | None,
    order_id: int,
    version: int,
    data: OrderInput,
    *,
    accept_credit_warning: bool = False,
    today: dt.date | None = None,
) -> SavedOrder:
    """Save an edited order: its date, number, status, due date, contract, notes and
    lines (``LineInput.line_id`` names the stored line each edits; stored lines not given
    are removed), checked as ``create`` checks a new one. ``version`` is the one read:
    ``ConflictError`` when another PC saved the order since. A line something was returned
    of stays, with at least what came back. Taking the order up, or into a status that
    counts, checks the customer's credit for the difference."""
    today = today or dt.date.today()

    def work(s: Session) -> SavedOrder:
        order = s.get(Order, order_id)
        if order is not None and order.deleted_at is not None:
            order = None
        expect_version(order, version)
        assert order is not None
        if data.customer_id != order.customer_id:
            raise ValidationError("an order stays with its customer", field="customer_id")
        _customer, lines, amount, cost, number = _checked(s, user_id, data, order.id)
        stored = {ln.id: ln for ln in order.lines}
        done = _returned_of(s, list(stored))
        kept = {ln.line_id for ln in lines if ln.line_id is not None}
        if kept - set(stored):
            raise ValidationError("that line is not on this order", field="lines")
        for line_id in done:
            if line_id not in kept:
                raise ValidationError(
                    "{what} cannot be removed: some of it came back",
                    field="product_id",
                    what=stored[line_id].description or "#" + str(line_id),
                )
        for i, ln in enumerate(lines, 1):
            back = done.get(ln.line_id or 0, Decimal(0))
            if ln.quantity < back:
                raise ValidationError(
                    "line {n}: {qty} were returned already",
                    field="quantity",
                    n=i,
                    qty=str(back.normalize()),
                )
        returned = s.scalar(select(func.sum(Return.amount)).where(Return.order_id == order.id))
        if returned and data.status not in COUNTING:
            raise ValidationError(
                "an order something was returned of cannot become a draft or be cancelled",
                field="status",
            )
        if returned and amount < returned:
            raise ValidationError(
                "the order cannot come to less than the {amount} returned of it",
                field="amount",
                amount=str(returned),
            )
        was_counting = order.status in COUNTING
        increase = amount - order.amount if was_counting else amount
        check = None
        if data.status in COUNTING and increase > 0:
            check = credit.check_order(s, order.customer_id, increase, today)
            _raise_for(s, user_id, check, accept_credit_warning)
        before = {
            "order_date": order.order_date,
            "number": order.number,
            "status": order.status,
            "due_date": order.due_date,
            "contract_id": order.contract_id,
            "notes": order.notes,
            "amount": order.amount,
            "cost": order.cost,
        }
        after = {
            "order_date": data.order_date,
            "number": number,
            "status": data.status,
            "due_date": data.due_date,
            "contract_id": data.contract_id,
            "notes": (data.notes or "").strip() or None,
            "amount": amount,
            "cost": cost,
        }
        changes: dict[str, tuple[Any, Any]] = {
            k: (_text(before[k]), _text(v)) for k, v in after.items() if before[k] != v
        }
        new_lines = []
        lines_changed = len(lines) != len(stored)
        for ln in lines:
            row = stored.get(ln.line_id) if ln.line_id is not None else None
            if row is None:
                row = OrderLine()
                lines_changed = True
            values = {
                "product_id": ln.product_id,
                "description": ln.description,
                "quantity": ln.quantity,
                "unit_price": ln.unit_price,
                "discount_pct": ln.discount_pct,
                "unit_cost": ln.unit_cost,
                "amount": ln.amount,
                "cost": ln.cost,
            }
            for k, v in values.items():
                old = getattr(row, k)
                if isinstance(old, float):
                    old = dec(old)
                if old != v:
                    setattr(row, k, v)
                    lines_changed = True
            new_lines.append(row)
        if lines_changed:
            order.lines = new_lines
            changes["lines"] = (len(stored), len(lines))
        if not changes:
            return _saved(s, user_id, order.id, amount, cost, check)
        for k, v in after.items():
            if before[k] != v:
                setattr(order, k, v)
        order.updated_at = utcnow()  # a change of lines alone still moves the version
        s.flush()
        if check is not None and check.problems:
            changes["credit_warning"] = (None, "; ".join(p.message for p in check.problems))
        audit.record(s, user_id, AuditAction.UPDATE, "order", order.id, changes)
        if was_counting or data.status in COUNTING:
            loyalty.recompute_level(s, user_id, order.customer_id, today)
        return _saved(s, user_id, order.id, amount, cost, check)

    return db.run_write(work)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return str(getattr(value, "value", value))


# ---------------------------------------------------------------- returns
@dataclass(frozen=True)
class ReturnLineInput:
    order_line_id: int
    quantity: Decimal | str | int


def _returned_of(s: Session, line_ids: Sequence[int]) -> dict[int, Decimal]:
    rows = s.execute(
        select(ReturnLine.order_line_id, ReturnLine.quantity).where(
            ReturnLine.order_line_id.in_(line_ids)
        )
    )
    done: dict[int, Decimal] = {}
    for lid, qty in rows:
        done[lid] = done.get(lid, Decimal(0)) + dec(qty)
    return done


def add_return(
    db: Database,
    user_id: int | None,
    order_id: int,
    return_date: dt.date,
    *,
    lines: Sequence[ReturnLineInput] = (),
    amount: Decimal | str | None = None,
    reason: str | None = None,
) -> int:
    """A return against an order: of some of its lines (amount and cost in proportion to
    what each line cost the customer), or of an amount for an order without lines.
    Never more than was bought less what came back before."""

    def work(s: Session) -> int:
        order = s.get(Order, order_id)
        if order is None or order.deleted_at is not None:
            raise ClientelaError("this order no longer exists")
        access.check_may_edit_customer(s, user_id, order.customer_id)
        if order.status in (OrderStatus.CANCELLED, OrderStatus.DRAFT):
            raise ValidationError(
                "nothing can be returned of a draft or cancelled order", field="order"
            )
        if return_date < order.order_date:
            raise ValidationError(
                "a return cannot be dated before its order ({day})",
                field="return_date",
                day=order.order_date.isoformat(),
            )
        decimals = credit.office_decimals(s)
        before = s.scalar(select(func.sum(Return.amount)).where(Return.order_id == order_id))
        left = order.amount - (before or Decimal("0.00"))
        kept: list[tuple[OrderLine, Decimal, Decimal, Decimal]] = []
        if lines:
            by_id = {ln.id: ln for ln in order.lines}
            done = _returned_of(s, list(by_id))
            for item in lines:
                ol = by_id.get(item.order_line_id)
                if ol is None:
                    raise ValidationError("that line is not on this order", field="lines")
                qty = quantity(item.quantity)
                bought = dec(ol.quantity)
                may = bought - done.get(ol.id, Decimal(0))
                if qty > may:
                    raise ValidationError(
                        "a return of {qty} is more than the {left} left of {what}",
                        field="quantity",
                        qty=str(qty.normalize()),
                        left=str(may.normalize()),
                        what=ol.description or "#" + str(ol.id),
                    )
                share = qty / bought
                kept.append(
                    (ol, qty, (ol.amount * share).quantize(CENT), (ol.cost * share).quantize(CENT))
                )
            total = sum((k[2] for k in kept), Decimal("0.00"))
            cost = sum((k[3] for k in kept), Decimal("0.00"))
        else:
            total = credit.money(amount, "amount", decimals)  # type: ignore[assignment]
            if total <= 0:
                raise ValidationError("give the amount returned", field="amount")
            cost = (
                (order.cost * total / order.amount).quantize(CENT)
                if order.amount
                else Decimal("0.00")
            )
        if total > left:
            raise ValidationError(
                "a return of {amount} is more than the {left} left to return on this order",
                field="amount",
                amount=str(total),
                left=str(left),
            )
        r = Return(
            order_id=order_id,
            customer_id=order.customer_id,
            user_id=user_id,
            return_date=return_date,
            amount=total,
            cost=cost,
            reason=(reason or "").strip() or None,
        )
        s.add(r)
        s.flush()
        for ol, qty, part, _cost in kept:
            s.add(ReturnLine(return_id=r.id, order_line_id=ol.id, quantity=qty, amount=part))
        audit.record(s, user_id, AuditAction.CREATE, "return", r.id, {"amount": (None, str(total))})
        return r.id

    return db.run_write(work)


# ---------------------------------------------------------------- payments
def add_payment(
    db: Database,
    user_id: int | None,
    customer_id: int,
    paid_on: dt.date,
    amount: Decimal | str,
    *,
    method: PaymentMethod = PaymentMethod.TRANSFER,
    reference: str | None = None,
    order_id: int | None = None,
) -> int:
    def work(s: Session) -> int:
        access.check_may_edit_customer(s, user_id, customer_id)
        c = s.get(Customer, customer_id)
        if c is None or c.deleted_at is not None:
            raise ClientelaError("this customer no longer exists")
        value = credit.money(amount, "amount", credit.office_decimals(s))
        if value is None or value <= 0:
            raise ValidationError("a payment is above zero", field="amount")
        created = c.created_at.date() if c.created_at else None
        if created is not None and paid_on < created:
            raise ValidationError(
                "a payment cannot be dated before the customer existed ({day})",
                field="paid_on",
                day=created.isoformat(),
            )
        p = Payment(
            customer_id=customer_id,
            order_id=order_id,
            user_id=user_id,
            paid_on=paid_on,
            amount=value,
            method=method,
            reference=(reference or "").strip()[:80] or None,
        )
        s.add(p)
        s.flush()
        audit.record(
            s, user_id, AuditAction.CREATE, "payment", p.id, {"amount": (None, str(value))}
        )
        return p.id

    return db.run_write(work)


# ---------------------------------------------------------------- counts
def return_figures(session: Session, customer_id: int) -> tuple[int, Decimal]:
    """How many returns a customer made and their amount (key-account indicators)."""
    n, total = session.execute(
        select(func.count(Return.id), func.sum(Return.amount)).where(
            Return.customer_id == customer_id
        )
    ).one()
    return int(n or 0), total or Decimal("0.00")


@dataclass(frozen=True)
class Purchase:
    order_id: int
    number: str | None
    date: dt.date
    amount: Decimal
    products: list[str]
    """What the order's lines were (product names, else their descriptions), in order."""


def last_purchases(session: Session, customer_id: int, n: int = 3) -> list[Purchase]:
    """The customer's newest ``n`` orders that count (not deleted, draft or cancelled),
    with the products on each."""
    heads = session.execute(
        select(Order.id, Order.number, Order.order_date, Order.amount)
        .where(
            Order.customer_id == customer_id,
            Order.deleted_at.is_(None),
            Order.status.in_(COUNTING),
        )
        .order_by(Order.order_date.desc(), Order.id.desc())
        .limit(n)
    ).all()
    names: dict[int, list[str]] = {oid: [] for oid, *_ in heads}
    if heads:
        for oid, description, product in session.execute(
            select(OrderLine.order_id, OrderLine.description, Product.name)
            .outerjoin(Product, Product.id == OrderLine.product_id)
            .where(OrderLine.order_id.in_(list(names)))
            .order_by(OrderLine.order_id, OrderLine.id)
        ):
            name = product or description
            if name and name not in names[oid]:
                names[oid].append(name)
    return [Purchase(oid, num, day, amount, names[oid]) for oid, num, day, amount in heads]


@dataclass(frozen=True)
class LineDetail:
    id: int
    name: str
    quantity: Decimal
    unit_price: Decimal
    discount_pct: Decimal
    amount: Decimal
    cost: Decimal
    returned: Decimal
    """Quantity returned so far."""

    @property
    def left(self) -> Decimal:
        return self.quantity - self.returned


@dataclass(frozen=True)
class OrderDetail:
    id: int
    customer_id: int
    number: str | None
    order_date: dt.date
    status: str
    amount: Decimal
    cost: Decimal
    returned: Decimal
    """Amount returned so far."""
    lines: list[LineDetail]

    @property
    def ref(self) -> str:
        return self.number or f"#{self.id}"


def detail(session: Session, order_id: int, user_id: int | None = None) -> OrderDetail:
    """One order with its lines and what came back of each, as ``user_id`` may see it."""
    order = session.get(Order, order_id)
    if order is None or order.deleted_at is not None:
        raise ClientelaError("this order no longer exists")
    access.check_may_see_customer(session, user_id, order.customer_id)
    names = dict(
        session.execute(
            select(Product.id, Product.name).where(
                Product.id.in_([ln.product_id for ln in order.lines if ln.product_id])
            )
        ).all()
    )
    done = _returned_of(session, [ln.id for ln in order.lines])
    returned = session.scalar(select(func.sum(Return.amount)).where(Return.order_id == order_id))
    found = OrderDetail(
        order.id,
        order.customer_id,
        order.number,
        order.order_date,
        order.status.value,
        order.amount,
        order.cost,
        returned or Decimal("0.00"),
        [
            LineDetail(
                ln.id,
                ln.description or names.get(ln.product_id, "") or f"#{ln.id}",
                dec(ln.quantity),
                ln.unit_price,
                dec(ln.discount_pct),
                ln.amount,
                ln.cost,
                done.get(ln.id, Decimal(0)),
            )
            for ln in order.lines
        ],
    )
    if figures.may_see_financials(session, user_id):
        return found
    lines = figures.blank_all(found.lines, "unit_price", "amount", "cost")
    return replace(figures.blank(found, "amount", "cost", "returned"), lines=lines)

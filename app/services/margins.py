"""Gross margin [毛利] over a period, per order, per customer and per product.

Sales are the orders that count (not deleted, not cancelled, not drafts) by order date;
returns by their date subtract their amount from sales and their cost from the cost.
margin = (sales − returns) − (cost − cost of returns); its share is of net sales.
Per order, every return against the order counts, whenever it came back. Per product
only order lines with a product count (orders without lines, from earlier imports, have
no products), less the return lines of that product (their cost in proportion).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import PermissionDenied, ValidationError
from app.models import Customer, Order, OrderLine, Product, Return, ReturnLine
from app.models.enums import OrderStatus

from . import access, figures

ZERO = Decimal("0.00")
NOT_SALES = (OrderStatus.CANCELLED, OrderStatus.DRAFT)
By = Literal["order", "customer", "product"]


@dataclass(frozen=True)
class MarginRow:
    id: int | None
    ref: str
    name: str
    sales: Decimal
    cost: Decimal
    returned: Decimal = ZERO
    returned_cost: Decimal = ZERO

    @property
    def net_sales(self) -> Decimal:
        return self.sales - self.returned

    @property
    def margin(self) -> Decimal:
        return self.net_sales - (self.cost - self.returned_cost)

    @property
    def share(self) -> Decimal | None:
        """Margin as a percentage of net sales (one decimal)."""
        if not self.net_sales:
            return None
        return (100 * self.margin / self.net_sales).quantize(Decimal("0.1"), ROUND_HALF_UP)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "ref": self.ref,
            "name": self.name,
            "sales": str(self.sales),
            "returned": str(self.returned),
            "cost": str(self.cost - self.returned_cost),
            "margin": str(self.margin),
            "share": None if self.share is None else str(self.share),
        }


def _m(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else (ZERO if value is None else Decimal(value))


def _period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ValidationError(
            "the period ends ({end}) before it starts ({start})",
            field="to",
            start=start.isoformat(),
            end=end.isoformat(),
        )


def margins(
    session: Session,
    by: By,
    start: dt.date,
    end: dt.date,
    *,
    customer_id: int | None = None,
    user_id: int | None = None,
) -> list[MarginRow]:
    """The rows, the largest margin first; only customers ``user_id`` may see."""
    _period(start, end)
    if customer_id is not None:
        access.check_may_see_customer(session, user_id, customer_id)
    if not figures.may_see_financials(session, user_id):
        raise PermissionDenied("the margins report shows money figures you may not see")
    visible = access.visible_customers(session, user_id)
    orders_where = [
        Order.deleted_at.is_(None),
        Order.status.not_in(NOT_SALES),
        Order.order_date >= start,
        Order.order_date <= end,
        Order.customer_id.in_(select(Customer.id).where(visible)),
    ]
    returns_where = [
        Return.return_date >= start,
        Return.return_date <= end,
        Return.customer_id.in_(select(Customer.id).where(visible)),
    ]
    if customer_id is not None:
        orders_where.append(Order.customer_id == customer_id)
        returns_where.append(Return.customer_id == customer_id)

    if by == "customer":
        sold = session.execute(
            select(Order.customer_id, func.sum(Order.amount), func.sum(Order.cost))
            .where(*orders_where)
            .group_by(Order.customer_id)
        ).all()
        back = {
            cid: (_m(a), _m(c))
            for cid, a, c in session.execute(
                select(Return.customer_id, func.sum(Return.amount), func.sum(Return.cost))
                .where(*returns_where)
                .group_by(Return.customer_id)
            )
        }
        ids = {r[0] for r in sold} | set(back)
        names = dict(
            (cid, (num, name))
            for cid, num, name in session.execute(
                select(Customer.id, Customer.number, Customer.name).where(Customer.id.in_(ids))
            )
        )
        sales = {cid: (_m(a), _m(c)) for cid, a, c in sold}
        rows = [
            MarginRow(
                cid,
                names.get(cid, ("", ""))[0],
                names.get(cid, ("", ""))[1],
                *sales.get(cid, (ZERO, ZERO)),
                *back.get(cid, (ZERO, ZERO)),
            )
            for cid in ids
        ]
    elif by == "product":
        sold = session.execute(
            select(OrderLine.product_id, func.sum(OrderLine.amount), func.sum(OrderLine.cost))
            .join(Order, Order.id == OrderLine.order_id)
            .where(*orders_where, OrderLine.product_id.is_not(None))
            .group_by(OrderLine.product_id)
        ).all()
        back_rows = session.execute(
            select(
                OrderLine.product_id,
                ReturnLine.amount,
                ReturnLine.quantity,
                OrderLine.quantity,
                OrderLine.cost,
            )
            .join(OrderLine, OrderLine.id == ReturnLine.order_line_id)
            .join(Return, Return.id == ReturnLine.return_id)
            .where(*returns_where, OrderLine.product_id.is_not(None))
        ).all()
        back: dict[int, tuple[Decimal, Decimal]] = {}
        from .orders import dec

        for pid, amount, rq, oq, ocost in back_rows:
            part = (_m(ocost) * dec(rq) / dec(oq)).quantize(Decimal("0.01")) if dec(oq) else ZERO
            a, c = back.get(pid, (ZERO, ZERO))
            back[pid] = (a + _m(amount), c + part)
        ids = {r[0] for r in sold} | set(back)
        names = {
            pid: (code, name)
            for pid, code, name in session.execute(
                select(Product.id, Product.code, Product.name).where(Product.id.in_(ids))
            )
        }
        sales = {pid: (_m(a), _m(c)) for pid, a, c in sold}
        rows = [
            MarginRow(
                pid,
                names.get(pid, ("", ""))[0] or "",
                names.get(pid, ("", ""))[1],
                *sales.get(pid, (ZERO, ZERO)),
                *back.get(pid, (ZERO, ZERO)),
            )
            for pid in ids
        ]
    elif by == "order":
        sold = session.execute(
            select(Order.id, Order.number, Customer.name, Order.amount, Order.cost)
            .join(Customer, Customer.id == Order.customer_id)
            .where(*orders_where)
        ).all()
        back = {
            oid: (_m(a), _m(c))
            for oid, a, c in session.execute(
                select(Return.order_id, func.sum(Return.amount), func.sum(Return.cost))
                .where(Return.order_id.in_(select(Order.id).where(*orders_where)))
                .group_by(Return.order_id)
            )
        }
        rows = [
            MarginRow(oid, number or f"#{oid}", name, _m(a), _m(c), *back.get(oid, (ZERO, ZERO)))
            for oid, number, name, a, c in sold
        ]
    else:
        raise ValueError(f"unknown grouping {by!r}")
    rows.sort(key=lambda r: (-r.margin, r.ref, r.id or 0))
    return rows


def total(rows: list[MarginRow]) -> MarginRow:
    return MarginRow(
        None,
        "",
        "",
        sum((r.sales for r in rows), ZERO),
        sum((r.cost for r in rows), ZERO),
        sum((r.returned for r in rows), ZERO),
        sum((r.returned_cost for r in rows), ZERO),
    )

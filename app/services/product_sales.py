"""The Products page: each product with what it sold over a period — quantity, revenue
and margin — filtered by category, still sold or not, and a piece of its name or code.

Revenue and margin are ``services.margins`` per product (net of returns in the period);
the quantity counts the same order lines (orders that count, by order date, of
customers the user may see) less the quantities returned in the period. A user who may
not see financial figures gets the quantities and blanks (None) for list price, cost,
revenue and margin.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, String, case, func, select, type_coerce
from sqlalchemy.orm import Session

from app.errors import PermissionDenied
from app.models import Customer, Order, OrderLine, Product, Return, ReturnLine
from app.models.enums import ProductCategory

from . import access, figures, margins
from .orders import dec

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class ProductFilter:
    category: ProductCategory | str | None = None
    active: bool | None = None
    """True: still sold; False: no longer sold; None: both."""
    text: str = ""
    """A piece of the name or the code."""


@dataclass(frozen=True)
class ProductSales:
    id: int
    version: int
    code: str | None
    name: str
    category: str
    unit: str
    list_price: Decimal | None
    cost: Decimal | None
    active: bool
    quantity: Decimal
    """Sold in the period less returned in it."""
    revenue: Decimal | None
    """Net sales in the period (None: hidden, or nothing sold)."""
    margin: Decimal | None


def _quantities(
    session: Session, user_id: int | None, start: dt.date, end: dt.date
) -> dict[int, Decimal]:
    visible = select(Customer.id).where(access.visible_customers(session, user_id))
    sold = session.execute(
        select(OrderLine.product_id, func.sum(OrderLine.quantity))
        .join(Order, Order.id == OrderLine.order_id)
        .where(
            OrderLine.product_id.is_not(None),
            Order.deleted_at.is_(None),
            Order.status.not_in(margins.NOT_SALES),
            Order.order_date >= start,
            Order.order_date <= end,
            Order.customer_id.in_(visible),
        )
        .group_by(OrderLine.product_id)
    )
    out = {pid: dec(q) for pid, q in sold}
    back = session.execute(
        select(OrderLine.product_id, func.sum(ReturnLine.quantity))
        .join(OrderLine, OrderLine.id == ReturnLine.order_line_id)
        .join(Return, Return.id == ReturnLine.return_id)
        .where(
            OrderLine.product_id.is_not(None),
            Return.return_date >= start,
            Return.return_date <= end,
            Return.customer_id.in_(visible),
        )
        .group_by(OrderLine.product_id)
    )
    for pid, q in back:
        out[pid] = out.get(pid, Decimal(0)) - dec(q)
    return out


def _where(flt: ProductFilter | None) -> list[Any]:
    flt = flt or ProductFilter()
    conds: list[Any] = []
    if flt.category:
        category = ProductCategory(str(getattr(flt.category, "value", flt.category)))
        conds.append(Product.category == category)
    if flt.active is not None:
        conds.append(Product.active.is_(flt.active))
    text = flt.text.strip()
    if text:
        like = f"%{text}%"
        conds.append(Product.name.ilike(like) | Product.code.ilike(like))
    return conds


def export_query(flt: ProductFilter | None, columns: Sequence[Any]) -> Select[Any]:
    """The products ``flt`` selects as ``exports`` writes them (``columns``' keys), in
    the page's order; still sold is the word "sold" or "not_sold"."""
    t = Product.__table__.c
    fields = {
        **dict(t.items()),
        "category": type_coerce(t.category, String()),
        "active": case((t.active.is_(True), "sold"), else_="not_sold"),
    }
    return (
        select(*(fields[c.key].label(c.key) for c in columns))
        .where(*_where(flt))
        .order_by(t.category, t.name, t.id)
    )


def listing(
    session: Session,
    user_id: int | None,
    start: dt.date,
    end: dt.date,
    flt: ProductFilter | None = None,
) -> list[ProductSales]:
    """The products ``flt`` selects, by category and name, with their period figures."""
    flt = flt or ProductFilter()
    money = figures.may_see_financials(session, user_id)
    by_product = {}
    if money:
        try:
            rows = margins.margins(session, "product", start, end, user_id=user_id)
            by_product = {r.id: r for r in rows}
        except PermissionDenied:
            money = False
    quantities = _quantities(session, user_id, start, end)
    q = select(Product).where(*_where(flt)).order_by(Product.category, Product.name, Product.id)
    out = []
    for p in session.scalars(q):
        m = by_product.get(p.id)
        out.append(
            ProductSales(
                p.id,
                p.version,
                p.code,
                p.name,
                p.category.value,
                p.unit,
                p.list_price if money else None,
                p.cost if money else None,
                p.active,
                quantities.get(p.id, Decimal(0)),
                m.net_sales if m is not None else (ZERO if money else None),
                m.margin if m is not None else (ZERO if money else None),
            )
        )
    return out

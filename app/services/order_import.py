"""Orders with lines from a spreadsheet: one row per line, grouped by an order number
column. The header is found wherever it is (English, Chinese or Spanish words); dates
may be Excel serial numbers or text, money may be text ("¥1,234.50"). When the sheet
with the lines has no customer or date, another sheet of the file with the order number
and those columns is the master (Akaunting's invoices and invoice_items, for example).

A line's product is looked up by code or name (else the text is the line's
description); the customer by number, else exact name, else phone. Quantity × price
less discount must agree with an amount given. All or nothing: any bad row stops the
import with its sheet and row, and nothing is stored. Orders whose number exists
already are skipped (so a file can be imported again). Orders of the past are not
checked against the credit limit.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import ClientelaError, ValidationError
from app.models import Customer, Order
from app.models.enums import AuditAction, OrderStatus

from . import access, audit, orders, products
from .import_files import Table, open_source

HEADERS: dict[str, tuple[str, ...]] = {
    "order": (
        "order",
        "order number",
        "order no",
        "order_number",
        "invoice_number",
        "invoice number",
        "订单号",
        "订单编号",
        "单据编号",
        "单号",
        "pedido",
        "número de pedido",
        "nº pedido",
        "factura",
    ),
    "customer": (
        "customer",
        "customer number",
        "customer name",
        "contact_name",
        "client",
        "客户",
        "客户编号",
        "客户名称",
        "cliente",
    ),
    "date": (
        "date",
        "order date",
        "invoiced_at",
        "日期",
        "订单日期",
        "单据日期",
        "fecha",
        "fecha del pedido",
    ),
    "product": (
        "product",
        "item",
        "item_name",
        "产品",
        "商品",
        "品名",
        "商品名称",
        "产品名称",
        "producto",
        "artículo",
    ),
    "quantity": ("quantity", "qty", "数量", "cantidad"),
    "price": ("price", "unit price", "单价", "precio", "precio unitario"),
    "discount": ("discount", "discount %", "折扣", "折扣%", "descuento"),
    "amount": ("amount", "total", "line total", "金额", "小计", "importe"),
    "cost": ("unit cost", "cost", "成本", "单位成本", "coste", "costo"),
}
KNOWN = {w for words in HEADERS.values() for w in words}


@dataclass
class _Order:
    number: str
    customer: Any = None
    date: Any = None
    lines: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    sheet: str = ""


@dataclass(frozen=True)
class OrderImport:
    orders: int
    lines: int
    skipped: int
    """Orders whose number exists already."""


def _columns(table: Table) -> dict[str, int]:
    where: dict[str, int] = {}
    for i, words in enumerate(table.header_words):
        for w in words:
            text = str(w or "").strip().lower()
            for key, names in HEADERS.items():
                if text in names and key not in where:
                    where[key] = i
    return where


def _known(text: str) -> bool:
    return text.strip().lower() in KNOWN


def read(path: str | os.PathLike[str], sheet: str | None = None) -> list[_Order]:
    """The orders of the file, grouped by number, in file order."""
    source = open_source(path)
    names = [sheet] if sheet else source.sheet_names()
    tables = [(n, source.table(n, known=_known)) for n in names]
    detail = next(
        ((n, t, c) for n, t in tables if {"order", "product", "quantity"} <= set(c := _columns(t))),
        None,
    )
    if detail is None:
        raise ValidationError(
            "{file}: no sheet has order number, product and quantity columns",
            field="file",
            file=os.path.basename(str(path)),
        )
    name, table, cols = detail
    master: dict[str, tuple[Any, Any]] = {}
    if not {"customer", "date"} <= set(cols) and not sheet:
        for other, t in tables:
            c = _columns(t)
            if other != name and "order" in c and ({"customer", "date"} - set(cols)) <= set(c):
                for _n, row in t.rows:
                    key = str(row[c["order"]] or "").strip()
                    if key:
                        master[key] = (
                            row[c["customer"]] if "customer" in c else None,
                            row[c["date"]] if "date" in c else None,
                        )
                break
    grouped: OrderedDict[str, _Order] = OrderedDict()
    for n, row in table.rows:

        def get(key: str, row: list[Any] = row) -> Any:
            i = cols.get(key)
            value = row[i] if i is not None and i < len(row) else None
            return None if value is None or str(value).strip() == "" else value

        number = get("order")
        if number is None:
            continue
        number = str(number).strip()
        order = grouped.setdefault(number, _Order(number, sheet=name))
        customer, date = master.get(number, (None, None))
        order.customer = order.customer or get("customer") or customer
        order.date = order.date or get("date") or date
        order.lines.append((n, {k: get(k) for k in HEADERS if k not in ("order",)}))
    return list(grouped.values())


def _customer(s: Session, ref: Any) -> int | None:
    text = str(ref).strip()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    for cond in (Customer.number == text, Customer.name == text, Customer.phone == text):
        found = s.scalar(select(Customer.id).where(cond, Customer.deleted_at.is_(None)).limit(1))
        if found is not None:
            return found
    return None


def import_orders(
    db: Database,
    user_id: int | None,
    path: str | os.PathLike[str],
    sheet: str | None = None,
    *,
    status: OrderStatus = OrderStatus.INVOICED,
    dry_run: bool = False,
) -> OrderImport:
    """Store the file's orders with their lines, all or nothing; ``dry_run`` checks them
    all the same (customers, products, figures, numbers) and stores nothing."""
    from .importer import parse_amount, parse_date

    found = read(path, sheet)

    def work(s: Session) -> OrderImport:
        access.check_may_write(s, user_id)
        made = lines = skipped = 0
        for o in found:
            if s.scalar(select(Order.id).where(Order.number == o.number)) is not None:
                skipped += 1
                continue
            first = o.lines[0][0]

            def fail(row: int, exc: ClientelaError, o: _Order = o) -> ValidationError:
                return ValidationError(
                    "{sheet}, row {row}: {problem}",
                    field=getattr(exc, "field", None),
                    sheet=o.sheet,
                    row=row,
                    problem=exc.message,
                )

            if o.customer is None:
                raise fail(first, ValidationError("order {n} has no customer", n=o.number))
            cid = _customer(s, o.customer)
            if cid is None:
                raise fail(first, ValidationError("no customer {ref}", ref=str(o.customer)))
            try:
                day = parse_date(o.date, "date")
            except ValidationError as exc:
                raise fail(first, exc) from exc
            if day is None:
                raise fail(first, ValidationError("order {n} has no date", n=o.number))
            items = []
            for row, v in o.lines:
                try:
                    qty = orders.quantity(
                        v["quantity"]
                        if not isinstance(v["quantity"], float)
                        else repr(v["quantity"])
                    )
                    amount = parse_amount(v["amount"], "amount")
                    price = parse_amount(v["price"], "unit_price")
                    disc = orders.discount(v["discount"])
                    if price is None:
                        if amount is None:
                            raise ValidationError(
                                "give a unit price or an amount", field="unit_price"
                            )
                        if disc >= 100:
                            raise ValidationError("give a unit price", field="unit_price")
                        price = (amount / qty / ((100 - disc) / 100)).quantize(Decimal("0.01"))
                    line = orders.line_amount(qty, price, disc)
                    if amount is not None and abs(line - amount) > Decimal("0.01"):
                        raise ValidationError(
                            "the amount {amount} is not quantity × price ({line})",
                            field="amount",
                            amount=str(amount),
                            line=str(line),
                        )
                    cost = parse_amount(v["cost"], "unit_cost")
                except ClientelaError as exc:
                    raise fail(row, exc) from exc
                what = v["product"]
                pid = products.resolve(s, what) if what is not None else None
                items.append(
                    orders.LineInput(
                        pid,
                        qty,
                        price,
                        disc,
                        cost,
                        description=None if pid is not None else (str(what) if what else None),
                    )
                )
            try:
                orders.create_in(
                    s,
                    user_id,
                    orders.OrderInput(cid, day, items, number=o.number, status=status),
                    today=dt.date.today(),
                    check_credit=False,
                )
            except ClientelaError as exc:
                raise fail(first, exc) from exc
            made += 1
            lines += len(items)
        audit.record(
            s,
            user_id,
            AuditAction.IMPORT,
            "order",
            None,
            note=f"{os.path.basename(str(path))}: {made} orders, {lines} lines, {skipped} skipped",
        )
        return OrderImport(made, lines, skipped)

    if dry_run:
        with db.session() as s:
            try:
                return work(s)
            finally:
                s.rollback()
    return db.run_write(work)

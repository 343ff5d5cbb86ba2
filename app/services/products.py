"""The product list [产品]: name, code, category (fuel grade, vehicle model, accessory,
service, parts, other), unit, list price, cost and whether it is still sold. Read by
anyone; changed by administrators and managers. Exported to and imported from Excel
with the same columns (an import updates the product of the same code, else of the same
name, and adds the others; all or nothing)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import ClientelaError, ValidationError
from app.models import Product
from app.models.enums import AuditAction, ProductCategory

from . import access, audit, credit, figures
from .concurrency import expect_version

COLUMNS = ("code", "name", "category", "unit", "list_price", "cost", "active")


@dataclass(frozen=True)
class ProductData:
    name: str
    category: ProductCategory | str = ProductCategory.OTHER
    unit: str = "pc"
    list_price: Decimal | str | None = None
    cost: Decimal | str | None = None
    active: bool = True
    code: str | None = None


@dataclass(frozen=True)
class ProductRow:
    id: int
    version: int
    code: str | None
    name: str
    category: str
    unit: str
    list_price: Decimal
    cost: Decimal | None
    """None in a listing for a user who may not see financial figures."""
    active: bool

    @property
    def margin(self) -> Decimal | None:
        return None if self.cost is None else self.list_price - self.cost

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "code": self.code,
            "name": self.name,
            "category": self.category,
            "unit": self.unit,
            "list_price": str(self.list_price),
            "cost": figures.text(self.cost),
            "active": self.active,
        }


def _row(p: Product) -> ProductRow:
    return ProductRow(
        p.id,
        p.version,
        p.code,
        p.name,
        p.category.value,
        p.unit,
        p.list_price,
        p.cost,
        p.active,
    )


def listing(
    session: Session, *, active_only: bool = False, text: str = "", user_id: int | None = None
) -> list[ProductRow]:
    """The products; their costs blank for a ``user_id`` who may not see money figures
    (the order form reads them as the program: a new order's lines carry their cost)."""
    q = select(Product).order_by(Product.category, Product.name, Product.id)
    if active_only:
        q = q.where(Product.active.is_(True))
    if text.strip():
        like = f"%{text.strip()}%"
        q = q.where(Product.name.ilike(like) | Product.code.ilike(like))
    rows = [_row(p) for p in session.scalars(q)]
    return rows if figures.may_see_financials(session, user_id) else figures.blank_all(rows, "cost")


def clean(session: Session, data: ProductData) -> dict[str, Any]:
    name = (data.name or "").strip()
    if not name:
        raise ValidationError("a product needs a name", field="name")
    try:
        category = ProductCategory(str(getattr(data.category, "value", data.category)).strip())
    except ValueError:
        raise ValidationError(
            "{value} is not a product category", field="category", value=data.category
        ) from None
    decimals = credit.office_decimals(session)
    return {
        "name": name[:200],
        "code": (data.code or "").strip()[:40] or None,
        "category": category,
        "unit": (data.unit or "").strip()[:20] or "pc",
        "list_price": credit.money(data.list_price, "list_price", decimals, required=False)
        or Decimal("0.00"),
        "cost": credit.money(data.cost, "cost", decimals, required=False) or Decimal("0.00"),
        "active": bool(data.active),
    }


def _check_code(session: Session, code: str | None, product_id: int | None) -> None:
    if code is None:
        return
    other = session.scalar(select(Product.id).where(Product.code == code))
    if other is not None and other != product_id:
        raise ValidationError("another product has the code {code}", field="code", code=code)


def save(
    db: Database,
    user_id: int | None,
    data: ProductData,
    product_id: int | None = None,
    version: int | None = None,
) -> int:
    """Add a product, or change one (``version`` as read, for the conflict check)."""

    def work(s: Session) -> int:
        access.check_manager(s, user_id, "change the product list")
        values = clean(s, data)
        _check_code(s, values["code"], product_id)
        if product_id is None:
            p = Product(**values)
            s.add(p)
            s.flush()
            audit.record(
                s,
                user_id,
                AuditAction.CREATE,
                "product",
                p.id,
                {k: (None, str(v)) for k, v in values.items()},
            )
            return p.id
        p = s.get(Product, product_id)
        if p is None:
            raise ClientelaError("this product no longer exists")
        if version is not None:
            expect_version(p, version)
        changes = {}
        for k, v in values.items():
            if getattr(p, k) != v:
                changes[k] = (str(getattr(p, k)), str(v))
                setattr(p, k, v)
        if changes:
            s.flush()
            audit.record(s, user_id, AuditAction.UPDATE, "product", p.id, changes)
        return p.id

    return db.run_write(work)


def set_active(
    db: Database, user_id: int | None, product_id: int, version: int, active: bool
) -> int:
    """Stop selling a product (it stays on past orders and in the figures) or sell it
    again; managers and administrators, with the version read. The new version."""

    def work(s: Session) -> int:
        access.check_manager(s, user_id, "change the product list")
        p = s.get(Product, product_id)
        expect_version(p, version)
        assert p is not None
        if p.active != active:
            audit.record(
                s, user_id, AuditAction.UPDATE, "product", p.id, {"active": (p.active, active)}
            )
            p.active = active
            s.flush()
        return p.version

    return db.run_write(work)


def resolve(session: Session, ref: str | int) -> int | None:
    """A product id from its id, code or exact name; None when there is none."""
    text = str(ref).strip()
    found = session.scalar(select(Product.id).where(Product.code == text))
    if found is None:
        found = session.scalar(select(Product.id).where(Product.name == text).limit(1))
    if found is None and text.isdigit():
        found = session.scalar(select(Product.id).where(Product.id == int(text)))
    return found


def count(session: Session) -> int:
    return session.scalar(select(func.count(Product.id))) or 0


# ---------------------------------------------------------------- Excel
def export(db: Database, path: str | os.PathLike[str], headers: Sequence[str] | None = None) -> int:
    """The product list to .xlsx or .csv (typed cells); the number of products."""
    from app.reports.export import Column, Kind, currency_format, write_table

    from .exports import office_currency

    with db.session() as s:
        rows = listing(s)
        money = currency_format(office_currency(s))
    names = headers or ("Code", "Name", "Category", "Unit", "List price", "Cost", "Active")
    kinds = (Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.MONEY, Kind.MONEY, Kind.TEXT)
    columns = [Column(k, h, kind) for k, h, kind in zip(COLUMNS, names, kinds, strict=True)]
    write_table(
        path,
        columns,
        (
            (r.code, r.name, r.category, r.unit, r.list_price, r.cost, "yes" if r.active else "no")
            for r in rows
        ),
        sheet="Products",
        money_format=money,
    )
    return len(rows)


def import_file(db: Database, user_id: int | None, path: str | os.PathLike[str]) -> tuple[int, int]:
    """Add or update the products of a file, all or nothing: (added, updated). A bad row
    stops the import with its row number (``services.product_import`` lists them all)."""
    from .product_import import import_products

    result = import_products(db, user_id, path)
    if result.errors:
        first = result.errors[0]
        raise ValidationError(
            "row {row}: {problem}", field=first.field, row=first.row, problem=first.message
        )
    return result.added, result.updated

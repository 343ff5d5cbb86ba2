"""A product list from a spreadsheet (.xlsx, .xls — also an .xlsx that is really an
.xls — or .csv), as other programs and offices write it.

- The header is found wherever it is (``import_files``), its words matched in English,
  Chinese or Spanish (名称/品名, 类别, 单位, 单价/售价, 成本/进价, nombre, categoría,
  unidad, precio, coste…); a star marking a required column and a unit in brackets
  ("单价(元)") are ignored. Only a name column is required.
- Money may be text ("¥1,234.50", "$7.50", "7,50 €"); categories and "still sold" may
  be written in any of the three languages.
- Every row is checked first; every bad row is reported with its row number (as the
  spreadsheet shows it) and what is wrong, and then nothing is stored: all or nothing.
- A row updates the product of the same code, else of the same name, and adds the
  others. ``dry_run`` checks and counts without writing.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import ClientelaError, ValidationError
from app.models import Product
from app.models.enums import AuditAction, ProductCategory

from . import access, audit, credit
from .import_files import ImportFileError, cell_text, open_source
from .products import ProductData, clean

Progress = Callable[[int, int, str | None], None]

HEADERS: dict[str, tuple[str, ...]] = {
    "code": (
        "code",
        "product code",
        "sku",
        "item code",
        "编码",
        "编号",
        "产品编码",
        "产品编号",
        "商品编码",
        "货号",
        "código",
        "codigo",
        "referencia",
    ),
    "name": (
        "name",
        "product",
        "product name",
        "item",
        "item name",
        "名称",
        "品名",
        "产品",
        "产品名称",
        "商品",
        "商品名称",
        "nombre",
        "producto",
        "artículo",
        "articulo",
        "descripción",
    ),
    "category": (
        "category",
        "type",
        "类别",
        "分类",
        "类型",
        "产品类别",
        "商品类别",
        "categoría",
        "categoria",
        "tipo",
    ),
    "unit": ("unit", "uom", "单位", "计量单位", "unidad", "unidad de medida"),
    "list_price": (
        "list price",
        "price",
        "sale price",
        "unit price",
        "单价",
        "售价",
        "销售价",
        "零售价",
        "价格",
        "标准售价",
        "precio",
        "precio de lista",
        "precio de venta",
        "precio unitario",
        "pvp",
    ),
    "cost": (
        "cost",
        "unit cost",
        "purchase price",
        "成本",
        "成本价",
        "进价",
        "进货价",
        "采购价",
        "coste",
        "costo",
        "precio de compra",
    ),
    "active": (
        "active",
        "sold",
        "still sold",
        "在售",
        "启用",
        "状态",
        "activo",
        "a la venta",
        "vendido",
    ),
}
CATEGORIES: dict[str, ProductCategory] = {
    **{c.value: c for c in ProductCategory},
    **dict.fromkeys(
        ("fuel grade", "燃油", "油品", "油", "燃料", "combustible", "carburante"),
        ProductCategory.FUEL,
    ),
    **dict.fromkeys(
        (
            "vehicle model",
            "vehicles",
            "车辆",
            "车型",
            "整车",
            "vehículo",
            "vehiculo",
            "modelo",
            "modelo de vehículo",
        ),
        ProductCategory.VEHICLE,
    ),
    **dict.fromkeys(
        ("accessories", "精品", "附件", "装饰", "用品", "配件用品", "accesorio", "accesorios"),
        ProductCategory.ACCESSORY,
    ),
    **dict.fromkeys(
        ("services", "服务", "维修", "保养", "servicio", "servicios"), ProductCategory.SERVICE
    ),
    **dict.fromkeys(
        (
            "part",
            "配件",
            "零件",
            "零部件",
            "备件",
            "零配件",
            "repuesto",
            "repuestos",
            "recambio",
            "recambios",
            "piezas",
            "pieza",
        ),
        ProductCategory.PARTS,
    ),
    **dict.fromkeys(("其他", "其它", "otro", "otros", "otra"), ProductCategory.OTHER),
}
NOT_SOLD = {
    "no",
    "n",
    "0",
    "false",
    "inactive",
    "not sold",
    "not_sold",
    "no longer sold",
    "否",
    "停售",
    "停用",
    "禁用",
    "不在售",
    "no activo",
    "inactivo",
    "ya no se vende",
}


def norm(text: Any) -> str:
    """A header or value as compared: folded case and width, no star, no bracketed unit,
    no spaces around."""
    s = unicodedata.normalize("NFKC", str(text or "")).strip().casefold()
    s = re.sub(r"[（(\[].*?[)）\]]", "", s).replace("*", "").strip(" :：_")
    return re.sub(r"[\s_]+", " ", s)


_KNOWN = {norm(w): key for key, words in HEADERS.items() for w in words}


@dataclass(frozen=True)
class RowError:
    row: int
    error: ValidationError

    @property
    def field(self) -> str | None:
        return self.error.field

    @property
    def message(self) -> str:
        return self.error.message

    def __str__(self) -> str:
        return f"row {self.row}: {self.message}"


@dataclass
class ProductImportResult:
    file: str
    sheet: str
    rows: int = 0
    """Data rows with a product name."""
    added: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False
    committed: bool = False

    def summary(self) -> str:
        """One line, in English (the command line's)."""
        head = f"{self.file}: {self.rows} products read"
        if self.errors:
            return f"{head}, {len(self.errors)} rows with errors; nothing imported"
        if self.dry_run:
            return (
                f"{head}, would add {self.added}, update {self.updated} (dry run, nothing written)"
            )
        return f"{head}, added {self.added}, updated {self.updated}"


@dataclass(frozen=True)
class _Row:
    row: int
    values: dict[str, Any]
    """Only the fields the file has a column for: an update leaves the others as they are
    (a list exported without prices does not set every price to zero)."""


def _columns(header_words: list[list[str]]) -> dict[str, int]:
    where: dict[str, int] = {}
    for i, words in enumerate(header_words):
        for w in words:
            key = _KNOWN.get(norm(w))
            if key is not None and key not in where:
                where[key] = i
                break
    return where


def read(path: str | os.PathLike[str]) -> tuple[str, list[_Row]]:
    """The sheet's name and its rows with a name: (row number, field → cell)."""
    source = open_source(path)
    table = source.table(known=lambda text: norm(text) in _KNOWN)
    where = _columns(table.header_words)
    if "name" not in where:
        raise ImportFileError(
            "{file} has no product name column (looked for name, 名称, 品名, nombre…); "
            "its columns: {headers}",
            file=Path(path).name,
            headers=", ".join(h for h in table.headers if h) or "none",
        )
    out = []
    for n, cells in table.rows:
        values = {k: cells[i] if i < len(cells) else None for k, i in where.items()}
        if not cell_text(values.get("name")).strip():
            continue
        out.append(_Row(n, values))
    return table.sheet, out


def _money(value: Any, field: str, decimals: int) -> Decimal | None:
    from .importer import parse_amount

    amount = parse_amount(value, field)
    return credit.money(amount, field, decimals, required=False)


def _category(value: Any) -> ProductCategory:
    text = norm(cell_text(value))
    if not text:
        return ProductCategory.OTHER
    found = CATEGORIES.get(text)
    if found is None:
        raise ValidationError(
            "{value} is not a product category (fuel, vehicle, accessory, service, parts, other)",
            field="category",
            value=cell_text(value).strip(),
        )
    return found


def _data(s: Session, r: _Row, decimals: int) -> dict[str, Any]:
    v = r.values
    data = ProductData(
        name=cell_text(v.get("name")).strip(),
        category=_category(v.get("category")),
        unit=cell_text(v.get("unit")).strip() or "pc",
        list_price=_money(v.get("list_price"), "list_price", decimals),
        cost=_money(v.get("cost"), "cost", decimals),
        active=norm(cell_text(v.get("active"))) not in NOT_SOLD,
        code=cell_text(v.get("code")).strip() or None,
    )
    return clean(s, data)


def _cancelled(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise ImportCancelled("import cancelled; nothing was written")


class ImportCancelled(ClientelaError):
    exit_code = 3


def import_products(
    db: Database,
    user_id: int | None,
    path: str | os.PathLike[str],
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ProductImportResult:
    """Check every row, then (unless ``dry_run`` or a row is bad) add and update the
    products in one transaction. Managers and administrators only (a dry run too: it
    is the first half of an import)."""
    sheet, rows = read(path)
    result = ProductImportResult(Path(path).name, sheet, rows=len(rows), dry_run=dry_run)
    total = max(len(rows), 1) * 2

    def work(s: Session) -> ProductImportResult:
        access.check_manager(s, user_id, "change the product list")
        result.errors.clear()  # a retry of a busy database starts again
        decimals = credit.office_decimals(s)
        by_code = {p.code: p for p in s.scalars(select(Product).where(Product.code.is_not(None)))}
        by_name: dict[str, Product] = {}
        for p in s.scalars(select(Product).order_by(Product.id)):
            by_name.setdefault(p.name, p)
        seen: dict[str, int] = {}
        planned: list[tuple[Product | None, dict[str, Any]]] = []
        for i, r in enumerate(rows):
            _cancelled(cancelled)
            if progress is not None and i % 50 == 0:
                progress(i, total, "checking")
            try:
                values = _data(s, r, decimals)
            except ValidationError as exc:
                result.errors.append(RowError(r.row, exc))
                continue
            key = f"code:{values['code']}" if values["code"] else f"name:{values['name']}"
            if key in seen:
                twice = ValidationError(
                    "{what} is on row {row} already",
                    field="code" if values["code"] else "name",
                    what=values["code"] or values["name"],
                    row=seen[key],
                )
                result.errors.append(RowError(r.row, twice))
                continue
            seen[key] = r.row
            existing = (by_code.get(values["code"]) if values["code"] else None) or by_name.get(
                values["name"]
            )
            if (
                existing is not None
                and values["code"]
                and existing.code not in (None, values["code"])
            ):
                existing = None  # same name, another code: a product of its own
            planned.append((existing, values))
        present = set(rows[0].values) if rows else set()
        result.added = sum(1 for p, _ in planned if p is None)
        result.updated = len(planned) - result.added
        if result.errors or dry_run:
            return result
        for i, (p, values) in enumerate(planned):
            _cancelled(cancelled)
            if progress is not None and i % 50 == 0:
                progress(len(rows) + i, total, "writing")
            if p is None:
                s.add(Product(**values))
            else:
                for k, v in values.items():
                    if k in present:
                        setattr(p, k, v)
        s.flush()
        _cancelled(cancelled)
        audit.record(
            s,
            user_id,
            AuditAction.IMPORT,
            "product",
            None,
            note=f"{result.file}: {result.added} added, {result.updated} updated",
        )
        result.committed = True
        return result

    if dry_run:
        with db.session() as s:
            work(s)
    else:
        db.run_write(work)
    if progress is not None:
        progress(total, total, "done")
    return result

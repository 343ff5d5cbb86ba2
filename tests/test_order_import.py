"""Orders with lines from spreadsheets shaped like real ones: a header below a title,
Excel serial dates, money as text, master and detail on two sheets; all or nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from app import cli
from app.db import Database
from app.errors import ValidationError
from app.models import Customer, Order, OrderLine, Product
from app.services import order_import, orders

D = Decimal


@pytest.fixture
def shop(db: Database) -> dict[str, int]:
    with db.write() as s:
        a = Customer(number="C000001", name="华通物流", phone="13800138000")
        b = Customer(number="C000002", name="Beta SL")
        p = Product(code="D0", name="0# 柴油", unit="L", list_price=D("7.50"), cost=D("6.80"))
        s.add_all([a, b, p])
        s.flush()
        return {"a": a.id, "b": b.id, "diesel": p.id}


def one_sheet(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "销售明细"
    ws.append(["2026年4月销售单"])  # a title, then an empty row, then the header
    ws.append([])
    ws.append(["订单号", "客户", "日期", "商品", "数量", "单价", "折扣", "金额"])
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def count(db: Database, model: type) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_lines_grouped_by_order_number(db: Database, shop: dict[str, int], tmp_path: Path) -> None:
    # SO-1 (华通物流 by phone, 2 Apr as an Excel serial 46114): 40 L diesel at 7.50 less 2 %
    # = 294.00 and a wash of 30; SO-2 (Beta by number, text date): 10 L at the list price.
    path = one_sheet(
        tmp_path / "orders.xlsx",
        [
            ["SO-1", 13800138000, 46114, "D0", 40, "¥7.50", 2, "¥294.00"],
            ["SO-1", None, None, "精洗", 1, "30", None, "30"],
            ["SO-2", "C000002", "2026-04-03", "0# 柴油", "10", None, None, "75.00"],
        ],
    )
    result = order_import.import_orders(db, None, path)
    assert (result.orders, result.lines, result.skipped) == (2, 3, 0)
    with db.session() as s:
        so1 = s.scalar(select(Order).where(Order.number == "SO-1"))
        assert (so1.customer_id, so1.order_date, so1.amount) == (
            shop["a"],
            dt.date(2026, 4, 2),
            D("324.00"),
        )
        assert [(ln.product_id, ln.description) for ln in so1.lines] == [
            (shop["diesel"], "0# 柴油"),
            (None, "精洗"),
        ]
        so2 = s.scalar(select(Order).where(Order.number == "SO-2"))
        assert (so2.amount, orders.dec(so2.lines[0].quantity)) == (D("75.00"), D("10"))
    # Again: both are here already and skipped.
    assert order_import.import_orders(db, None, path).skipped == 2


@pytest.mark.parametrize(
    ("row", "said"),
    [
        (["SO-9", "C000001", "2026-04-03", "D0", -1, "7.50", None, None], "above zero"),
        (["SO-9", "C000001", "2026-04-03", "D0", 1, "7.50", 120, None], "discount"),
        (["SO-9", "C000001", "2026-04-03", "D0", 2, "7.50", None, "16.00"], "15.00"),
        (["SO-9", "nobody", "2026-04-03", "D0", 1, "7.50", None, None], "no customer"),
        (["SO-9", "C000001", "31/02/2026", "D0", 1, "7.50", None, None], "not a date"),
    ],
)
def test_a_bad_row_stores_nothing(
    db: Database, shop: dict[str, int], tmp_path: Path, row: list[object], said: str
) -> None:
    path = one_sheet(
        tmp_path / "bad.xlsx",
        [["SO-8", "C000001", "2026-04-03", "D0", 1, "7.50", None, None], row],
    )
    with pytest.raises(ValidationError) as e:
        order_import.import_orders(db, None, path)
    assert "销售明细, row 5" in e.value.message and said in e.value.message
    assert (count(db, Order), count(db, OrderLine)) == (0, 0)


def test_master_and_detail_sheets(db: Database, shop: dict[str, int], tmp_path: Path) -> None:
    # Like Akaunting: invoices (number, date, customer) and invoice_items (lines).
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "invoices"
    ws.append(["invoice_number", "invoiced_at", "contact_name", "amount"])
    ws.append(["INV-1", dt.datetime(2026, 4, 5), "Beta SL", 45.0])
    items = wb.create_sheet("invoice_items")
    items.append(["invoice_number", "item_name", "quantity", "price", "total"])
    items.append(["INV-1", "Aceite 5W-30", 1.0, 40.0, 40.0])
    items.append(["INV-1", "Filtro", 1.0, 5.0, 5.0])
    wb.save(tmp_path / "akaunting.xlsx")
    result = order_import.import_orders(db, None, tmp_path / "akaunting.xlsx")
    assert (result.orders, result.lines) == (1, 2)
    with db.session() as s:
        inv = s.scalar(select(Order).where(Order.number == "INV-1"))
        assert (inv.customer_id, inv.order_date, inv.amount) == (
            shop["b"],
            dt.date(2026, 4, 5),
            D("45.00"),
        )


def test_a_file_without_lines_says_so(db: Database, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    wb = openpyxl.Workbook()
    wb.active.append(["name", "phone"])
    wb.active.append(["王师傅", "13800138000"])
    wb.save(tmp_path / "customers.xlsx")
    code = cli.main(["import-orders", "--db", db.target, str(tmp_path / "customers.xlsx")])
    assert code == 1
    err = capsys.readouterr().err
    assert "no sheet has order number, product and quantity columns" in err
    assert len(err.strip().splitlines()) == 1

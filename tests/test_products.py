"""The product list (service, Excel round trip, managers only) and the money commands of
the command line: order with lines, the credit warning, payment, return, set-credit."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from app import cli
from app.db import Database
from app.errors import PermissionDenied, ValidationError
from app.models import Customer, Order, Payment, Product, Return, User
from app.models.enums import Role
from app.services import products

D = Decimal


def test_add_change_and_refuse(db: Database) -> None:
    pid = products.save(
        db, None, products.ProductData("95# 汽油", "fuel", "L", "8.12", "7.40", code="G95")
    )
    with db.session() as s:
        (row,) = products.listing(s)
    assert (row.name, row.category, row.list_price, row.cost, row.margin) == (
        "95# 汽油",
        "fuel",
        D("8.12"),
        D("7.40"),
        D("0.72"),
    )
    products.save(
        db,
        None,
        products.ProductData("95# 汽油", "fuel", "L", "8.20", "7.40", code="G95"),
        pid,
        row.version,
    )
    for data, field in (
        (products.ProductData(""), "name"),
        (products.ProductData("x", list_price="-1"), "list_price"),
        (products.ProductData("x", cost="1.234"), "cost"),
        (products.ProductData("x", category="food"), "category"),
        (products.ProductData("x", code="G95"), "code"),
    ):
        with pytest.raises(ValidationError) as e:
            products.save(db, None, data)
        assert e.value.field == field
    with db.write() as s:
        sam = User(username="sam", display_name="Sam", role=Role.SALES)
        s.add(sam)
        s.flush()
        sam_id = sam.id
    with pytest.raises(PermissionDenied):
        products.save(db, sam_id, products.ProductData("x"))
    with db.session() as s:
        assert products.count(s) == 1
        assert s.get(Product, pid).list_price == D("8.20")


def test_excel_round_trip(db: Database, tmp_path: Path) -> None:
    products.save(db, None, products.ProductData("洗车", "service", "次", "30", "5", code="W1"))
    out = tmp_path / "products.xlsx"
    assert products.export(db, out) == 1
    wb = openpyxl.load_workbook(out)
    ws = wb.active
    assert [c.value for c in ws[1]][:6] == [
        "Code",
        "Name",
        "Category",
        "Unit",
        "List price",
        "Cost",
    ]
    assert ws["E2"].value == 30 and ws["E2"].number_format != "General"
    # Edit the file: a new price for W1 and a new product.
    ws["E2"] = 35
    ws.append(["P2", "机油 5W-30", "parts", "瓶", 98.5, 60, "yes"])
    wb.save(out)
    assert products.import_file(db, None, out) == (1, 1)
    with db.session() as s:
        rows = {r.code: r for r in products.listing(s)}
    assert rows["W1"].list_price == D("35.00")
    assert (rows["P2"].name, rows["P2"].list_price, rows["P2"].category) == (
        "机油 5W-30",
        D("98.50"),
        "parts",
    )
    # A bad row: nothing of the file is stored.
    ws.append(["P3", "坏的", "other", "pc", -1, 0, "yes"])
    wb.save(out)
    with pytest.raises(ValidationError) as e:
        products.import_file(db, None, out)
    assert "row 4" in e.value.message
    with db.session() as s:
        assert products.count(s) == 2


@pytest.fixture
def fleet(db: Database) -> int:
    with db.write() as s:
        c = Customer(
            number="F1",
            name="顺达车队",
            credit_limit=D("500.00"),
            credit_term_days=30,
            created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        )
        s.add(c)
        s.add(Product(code="D0", name="0# 柴油", unit="L", list_price=D("7.50"), cost=D("6.80")))
        s.flush()
        return c.id


def run(db: Database, *args: str) -> int:
    return cli.main([args[0], "--db", db.target, *args[1:]])


def test_order_payment_return_from_the_command_line(
    db: Database, fleet: int, capsys: pytest.CaptureFixture[str]
) -> None:
    # 40 L of diesel at list price less 5 %: 300 × 0.95 = 285.00, cost 272.00.
    day = dt.date.today().isoformat()
    code = run(db, "order", "--customer", "F1", "--date", day, "--number", "SO-1",
               "--line", "D0:40::5", "--json")  # fmt: skip
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["amount"], data["cost"], data["margin"]) == ("285.00", "272.00", "13.00")
    # 285 + 250 = 535 > 500: a warning, nothing stored; accepted, stored.
    assert run(db, "order", "--customer", "F1", "--date", day, "--line", "洗车:1:250") == 1
    err = capsys.readouterr().err
    assert "535.00" in err and "500.00" in err
    with db.session() as s:
        assert s.scalar(select(func.count(Order.id))) == 1
    assert run(db, "order", "--customer", "F1", "--date", day, "--line", "洗车:1:250",
               "--accept-credit-warning") == 0  # fmt: skip
    assert run(db, "order", "--customer", "F1", "--line", "D0:-1") == 1
    assert "above zero" in capsys.readouterr().err
    assert run(db, "payment", "--customer", "F1", "--date", day, "--amount", "100.5") == 0
    assert run(db, "payment", "--customer", "F1", "--date", "2025-12-31", "--amount", "1") == 1
    assert "before the customer existed" in capsys.readouterr().err
    with db.session() as s:
        line_id = s.scalar(select(Order).where(Order.number == "SO-1")).lines[0].id
    assert run(db, "return", "--order", "SO-1", "--date", day, "--line", f"{line_id}:41") == 1
    assert "more than" in capsys.readouterr().err
    assert run(db, "return", "--order", "SO-1", "--date", day, "--line", f"{line_id}:4") == 0
    with db.session() as s:
        assert s.scalar(select(func.sum(Payment.amount))) == D("100.50")
        assert s.scalar(select(Return.amount)) == D("28.50")  # 285 × 4 / 40


def test_set_credit_and_products_from_the_command_line(
    db: Database, fleet: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db, "set-credit", "--customer", "F1", "--limit", "-5") == 1
    assert "below zero" in capsys.readouterr().err
    assert run(db, "set-credit", "--customer", "F1", "--term-days", "45") == 0
    assert "credit_term_days" in capsys.readouterr().out
    with db.session() as s:
        c = s.get(Customer, fleet)
        assert (c.credit_limit, c.credit_term_days) == (D("500.00"), 45)
    assert run(db, "products", "add", "洗车", "--category", "service", "--price", "30") == 0
    assert run(db, "products", "list", "--json") == 0
    capsys.readouterr()
    assert run(db, "products", "export", "--out", str(tmp_path / "p.csv")) == 0
    assert "2 products" in capsys.readouterr().out

"""Gross margin per customer, product and order over April 2026, worked out by hand, and
``python main.py report margins``."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from sqlalchemy import select

from app import cli
from app.db import Database
from app.errors import ValidationError
from app.models import Customer, Order, Product
from app.models.enums import OrderStatus, ProductCategory
from app.services import margins, orders
from app.services.orders import LineInput, OrderInput, ReturnLineInput

D = Decimal
APR1, APR30 = dt.date(2026, 4, 1), dt.date(2026, 4, 30)


@pytest.fixture
def april(db: Database) -> dict[str, int]:
    """Diesel (7.50, cost 6.80) and car wash (30.00, cost 5.00).

    - A1 Acme 2 Apr: diesel 100 L → 750.00 (cost 680.00), wash 2 → 60.00 (cost 10.00)
    - B1 Beta 5 Apr: diesel 50 L at 7.20 → 360.00 (cost 340.00)
    - B3 Beta 10 Apr, no lines: 200.00, cost 150.00
    - A2 Acme 20 Mar (before April): wash 1 → 30.00 (cost 5.00); B2 Beta draft in April
    - returns: 10 L of A1's diesel on 15 Apr → 75.00 (cost 68.00); A2's wash on 3 Apr
      → 30.00 (cost 5.00)

    Per customer: Acme (810 − 105) − (690 − 73) = 705 − 617 = 88.00 (12.5 % of 705);
    Beta 560 − 490 = 70.00. Per product: diesel (1,110 − 75) − (1,020 − 68) = 83.00;
    wash (60 − 30) − (10 − 5) = 25.00; 83 + 25 + B3's 50 = 158 = 88 + 70.
    Per order: A1 735 − 622 = 113.00, B3 50.00, B1 20.00."""
    with db.write() as s:
        acme = Customer(number="A", name="Acme 加油卡")
        beta = Customer(number="B", name="Beta")
        diesel = Product(
            code="D0",
            name="0# 柴油",
            category=ProductCategory.FUEL,
            unit="L",
            list_price=D("7.50"),
            cost=D("6.80"),
        )
        wash = Product(
            code="W",
            name="洗车",
            category=ProductCategory.SERVICE,
            list_price=D("30.00"),
            cost=D("5.00"),
        )
        s.add_all([acme, beta, diesel, wash])
        s.flush()
        ids = {"acme": acme.id, "beta": beta.id, "diesel": diesel.id, "wash": wash.id}

    def order(cid: int, day: dt.date, lines: list[LineInput], **kw: object) -> int:
        data = OrderInput(ids[cid] if isinstance(cid, str) else cid, day, lines, **kw)  # type: ignore[arg-type]
        return orders.create(db, None, data, accept_credit_warning=True).order_id

    a1 = order(
        "acme",
        dt.date(2026, 4, 2),
        [LineInput(ids["diesel"], 100), LineInput(ids["wash"], 2)],
        number="A1",
    )
    order("beta", dt.date(2026, 4, 5), [LineInput(ids["diesel"], 50, "7.20")], number="B1")
    order("beta", dt.date(2026, 4, 10), [], amount="200", cost="150", number="B3")
    a2 = order("acme", dt.date(2026, 3, 20), [LineInput(ids["wash"], 1)], number="A2")
    order(
        "beta",
        dt.date(2026, 4, 12),
        [LineInput(ids["wash"], 9)],
        number="B2",
        status=OrderStatus.DRAFT,
    )
    with db.session() as s:
        a1_diesel = s.get(Order, a1).lines[0].id
        a2_wash = s.get(Order, a2).lines[0].id
    orders.add_return(db, None, a1, dt.date(2026, 4, 15), lines=[ReturnLineInput(a1_diesel, 10)])
    orders.add_return(db, None, a2, dt.date(2026, 4, 3), lines=[ReturnLineInput(a2_wash, 1)])
    return ids


def test_by_customer(db: Database, april: dict[str, int]) -> None:
    with db.session() as s:
        rows = margins.margins(s, "customer", APR1, APR30)
    assert [(r.ref, r.net_sales, r.margin, r.share) for r in rows] == [
        ("A", D("705.00"), D("88.00"), D("12.5")),
        ("B", D("560.00"), D("70.00"), D("12.5")),
    ]
    assert margins.total(rows).margin == D("158.00")


def test_by_product(db: Database, april: dict[str, int]) -> None:
    with db.session() as s:
        rows = margins.margins(s, "product", APR1, APR30)
    assert [(r.name, r.sales, r.returned, r.margin) for r in rows] == [
        ("0# 柴油", D("1110.00"), D("75.00"), D("83.00")),
        ("洗车", D("60.00"), D("30.00"), D("25.00")),
    ]


def test_by_order_and_for_one_customer(db: Database, april: dict[str, int]) -> None:
    with db.session() as s:
        rows = margins.margins(s, "order", APR1, APR30)
        assert [(r.ref, r.margin) for r in rows] == [
            ("A1", D("113.00")),
            ("B3", D("50.00")),
            ("B1", D("20.00")),
        ]
        mine = margins.margins(s, "product", APR1, APR30, customer_id=april["beta"])
        assert [(r.name, r.margin) for r in mine] == [("0# 柴油", D("20.00"))]
        with pytest.raises(ValidationError):
            margins.margins(s, "order", APR30, APR1)


def test_report_margins_cli(db: Database, april: dict[str, int], capsys) -> None:  # type: ignore[no-untyped-def]
    args = ["report", "margins", "--db", db.target, "--from", "2026-04-01", "--to", "2026-04-30"]
    assert cli.main([*args, "--by", "customer", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["margin"] for r in data["rows"]] == ["88.00", "70.00"]
    assert data["total"]["margin"] == "158.00"
    assert cli.main([*args, "--by", "product", "--customer", "A"]) == 0
    out = capsys.readouterr().out
    assert "0# 柴油" in out and "洗车" in out


def test_no_mixed_statuses_leak(db: Database, april: dict[str, int]) -> None:
    with db.session() as s:
        drafts = s.scalars(select(Order.number).where(Order.status == OrderStatus.DRAFT)).all()
    assert drafts == ["B2"]

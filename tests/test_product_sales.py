"""The Products page's figures worked out by hand: quantity sold less returned, revenue
and margin net of returns in the period, drafts and cancelled orders left out, other
salespeople's customers left out, blanks for whoever may not see money; the filter."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from app.db import Database
from app.models import Customer, Product, User
from app.models.enums import OrderStatus, ProductCategory, Role
from app.services import orders, product_sales
from app.services.orders import LineInput, OrderInput, ReturnLineInput
from app.services.product_sales import ProductFilter

D = Decimal
START, END = dt.date(2026, 4, 1), dt.date(2026, 4, 30)


@pytest.fixture
def shop(db: Database) -> dict[str, int]:
    with db.write() as s:
        sam = User(username="sam", display_name="Sam", role=Role.SALES, password_hash="x")
        eve = User(
            username="eve",
            display_name="Eve",
            role=Role.MANAGER,
            password_hash="x",
            may_see_financials=False,
        )
        s.add_all([sam, eve])
        s.flush()
        mine = Customer(number="C1", name="顺达车队", owner_id=sam.id)
        theirs = Customer(number="C2", name="Other")
        diesel = Product(
            code="D0", name="0# 柴油", category=ProductCategory.FUEL, unit="L",
            list_price=D("7.50"), cost=D("6.80"),
        )  # fmt: skip
        wash = Product(name="洗车", category=ProductCategory.SERVICE, unit="次")
        wash.list_price, wash.cost = D("30.00"), D("5.00")
        s.add_all([mine, theirs, diesel, wash])
        s.flush()
        ids = {
            "sam": sam.id,
            "eve": eve.id,
            "mine": mine.id,
            "theirs": theirs.id,
            "diesel": diesel.id,
            "wash": wash.id,
        }

    def order(customer: str, day: dt.date, lines: list[LineInput], **kw: object) -> int:
        data = OrderInput(ids[customer], day, lines, **kw)  # type: ignore[arg-type]
        return orders.create(db, None, data, accept_credit_warning=True, today=END).order_id

    # April: 40 L diesel + 1 wash (mine), 20.5 L diesel (theirs), a draft of 100 L (mine);
    # March: 10 L (mine, outside the period). 8 L of April's 40 came back on 20 April.
    first = order(
        "mine", dt.date(2026, 4, 5), [LineInput(ids["diesel"], "40"), LineInput(ids["wash"], 1)]
    )
    order("theirs", dt.date(2026, 4, 6), [LineInput(ids["diesel"], "20.5")])
    order("mine", dt.date(2026, 4, 7), [LineInput(ids["diesel"], "100")], status=OrderStatus.DRAFT)
    order("mine", dt.date(2026, 3, 7), [LineInput(ids["diesel"], "10")])
    with db.session() as s:
        line = orders.for_edit(s, first).data.lines[0]
    assert line.line_id is not None
    orders.add_return(
        db, None, first, dt.date(2026, 4, 20), lines=[ReturnLineInput(line.line_id, "8")]
    )
    return ids


def by_name(rows: list[product_sales.ProductSales]) -> dict[str, product_sales.ProductSales]:
    return {r.name: r for r in rows}


def test_the_figures_by_hand(db: Database, shop: dict[str, int]) -> None:
    with db.session() as s:
        rows = by_name(product_sales.listing(s, None, START, END))
    diesel = rows["0# 柴油"]
    # 40 + 20.5 − 8 = 52.5 L; revenue 300.00 + 153.75 − 60.00 = 393.75;
    # cost 272.00 + 139.40 − 54.40 = 357.00; margin 36.75
    assert (diesel.quantity, diesel.revenue, diesel.margin) == (D("52.5"), D("393.75"), D("36.75"))
    wash = rows["洗车"]
    assert (wash.quantity, wash.revenue, wash.margin) == (D("1"), D("30.00"), D("25.00"))


def test_a_salesperson_sees_the_figures_of_their_customers(
    db: Database, shop: dict[str, int]
) -> None:
    with db.session() as s:
        diesel = by_name(product_sales.listing(s, shop["sam"], START, END))["0# 柴油"]
    # 40 − 8 = 32 L; 300.00 − 60.00 = 240.00; cost 272.00 − 54.40 = 217.60
    assert (diesel.quantity, diesel.revenue, diesel.margin) == (D("32"), D("240.00"), D("22.40"))


def test_no_money_for_whoever_may_not_see_it(db: Database, shop: dict[str, int]) -> None:
    with db.session() as s:
        diesel = by_name(product_sales.listing(s, shop["eve"], START, END))["0# 柴油"]
    assert diesel.quantity == D("52.5")
    assert (diesel.list_price, diesel.cost, diesel.revenue, diesel.margin) == (None,) * 4


def test_the_filter(db: Database, shop: dict[str, int]) -> None:
    with db.write() as s:
        s.add(Product(name="旧款脚垫", category=ProductCategory.ACCESSORY, active=False))
    with db.session() as s:

        def names(**kw: object) -> list[str]:
            flt = ProductFilter(**kw)  # type: ignore[arg-type]
            return [r.name for r in product_sales.listing(s, None, START, END, flt)]

        assert names() == ["旧款脚垫", "0# 柴油", "洗车"]
        assert names(active=True) == ["0# 柴油", "洗车"]
        assert names(active=False) == ["旧款脚垫"]
        assert names(category="service") == ["洗车"]
        assert names(text="d0") == ["0# 柴油"]  # the code, any case
        assert names(text="车") == ["洗车"]

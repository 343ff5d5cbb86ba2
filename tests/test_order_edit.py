"""Editing an order: the same checks as a new one, totals worked out again, the version
read guards against a second PC's save, returned lines stay, an audit row says what
changed, and the credit check looks at the increase."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.db import Database
from app.errors import ConflictError, ValidationError
from app.models import AuditEntry, Contract, Customer, Order, OrderLine, Product
from app.models.enums import AuditAction, OrderStatus, ProductCategory
from app.services import orders
from app.services.credit import CreditWarning
from app.services.orders import LineInput, OrderInput, ReturnLineInput

D = Decimal
TODAY = dt.date(2026, 5, 1)


@pytest.fixture
def shop(db: Database) -> dict[str, int]:
    """Beta (limit 1,000.00) and a diesel at 7.50 (cost 6.80); an order of 10 L diesel
    and a car wash at 30.00: 75.00 + 30.00 = 105.00."""
    with db.write() as s:
        beta = Customer(
            number="B1",
            name="北方运输",
            credit_limit=D("1000.00"),
            credit_term_days=30,
            created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        )
        other = Customer(number="O1", name="Other")
        diesel = Product(
            name="0# 柴油",
            category=ProductCategory.FUEL,
            unit="L",
            list_price=D("7.50"),
            cost=D("6.80"),
        )
        s.add_all([beta, other, diesel])
        s.flush()
        theirs = Contract(number="C-OTHER", customer_id=other.id)
        mine = Contract(number="C-1", customer_id=beta.id)
        s.add_all([theirs, mine])
        s.flush()
        ids = {
            "beta": beta.id,
            "diesel": diesel.id,
            "contract": mine.id,
            "their_contract": theirs.id,
        }
    saved = orders.create(
        db,
        None,
        OrderInput(
            ids["beta"],
            dt.date(2026, 4, 20),
            [
                LineInput(ids["diesel"], "10"),
                LineInput(None, 1, "30", unit_cost="5", description="洗车"),
            ],
            number="SO-1",
        ),
        today=TODAY,
    )
    assert saved.amount == D("105.00")
    ids["order"] = saved.order_id
    return ids


def edited(form: orders.OrderForm, **changes: object) -> OrderInput:
    values = {
        "customer_id": form.data.customer_id,
        "order_date": form.data.order_date,
        "lines": form.data.lines,
        "number": form.data.number,
        "status": form.data.status,
        "contract_id": form.data.contract_id,
    }
    values.update(changes)
    return OrderInput(**values)  # type: ignore[arg-type]


def read(db: Database, order_id: int) -> orders.OrderForm:
    with db.session() as s:
        return orders.for_edit(s, order_id)


def test_change_a_quantity_date_status_and_contract(db: Database, shop: dict[str, int]) -> None:
    form = read(db, shop["order"])
    diesel, wash = form.data.lines
    # 20 L diesel: 150.00 + 30.00 = 180.00; cost 136.00 + 5.00
    lines = [
        LineInput(diesel.product_id, "20", line_id=diesel.line_id),
        wash,
    ]
    saved = orders.update(
        db,
        None,
        form.id,
        form.version,
        edited(
            form,
            lines=lines,
            order_date=dt.date(2026, 4, 22),
            status=OrderStatus.DELIVERED,
            contract_id=shop["contract"],
        ),
        today=TODAY,
    )
    assert (saved.amount, saved.cost) == (D("180.00"), D("141.00"))
    with db.session() as s:
        order = s.get(Order, shop["order"])
        assert order is not None
        assert (order.amount, order.order_date, order.status, order.contract_id) == (
            D("180.00"),
            dt.date(2026, 4, 22),
            OrderStatus.DELIVERED,
            shop["contract"],
        )
        assert order.version == form.version + 1
        # the lines kept their ids: the diesel line was edited, not replaced
        assert [ln.id for ln in order.lines] == [diesel.line_id, wash.line_id]
        logged = {
            e.field: (e.old_value, e.new_value)
            for e in s.scalars(
                select(AuditEntry).where(
                    AuditEntry.entity == "order", AuditEntry.action == AuditAction.UPDATE
                )
            )
        }
        assert logged["amount"] == ("105.00", "180.00")
        assert logged["status"] == ("confirmed", "delivered")
        assert logged["contract_id"] == (None, str(shop["contract"]))


def test_removing_and_adding_lines(db: Database, shop: dict[str, int]) -> None:
    form = read(db, shop["order"])
    diesel, _wash = form.data.lines
    saved = orders.update(
        db,
        None,
        form.id,
        form.version,
        edited(form, lines=[diesel, LineInput(None, 2, "12.50", description="玻璃水")]),
        today=TODAY,
    )
    assert saved.amount == D("100.00")  # 75.00 + 25.00
    with db.session() as s:
        names = s.scalars(
            select(OrderLine.description).where(OrderLine.order_id == shop["order"])
        ).all()
        assert sorted(names) == ["0# 柴油", "玻璃水"]


def test_a_second_pc_saving_the_same_order_is_a_conflict(
    db: Database, shop: dict[str, int]
) -> None:
    first = read(db, shop["order"])
    second = read(db, shop["order"])
    orders.update(db, None, first.id, first.version, edited(first, number="SO-1A"), today=TODAY)
    with pytest.raises(ConflictError):
        orders.update(
            db, None, second.id, second.version, edited(second, number="SO-1B"), today=TODAY
        )
    with db.session() as s:
        assert s.scalar(select(Order.number).where(Order.id == shop["order"])) == "SO-1A"
    # nothing changed, nothing saved: the version stays
    again = read(db, shop["order"])
    orders.update(db, None, again.id, again.version, edited(again), today=TODAY)
    assert read(db, shop["order"]).version == again.version


def test_the_checks_of_a_new_order(db: Database, shop: dict[str, int]) -> None:
    orders.create(
        db, None, OrderInput(shop["beta"], TODAY, amount="10", number="SO-2"), today=TODAY
    )
    form = read(db, shop["order"])
    bad = [
        (edited(form, number="SO-2"), "number"),
        (edited(form, contract_id=shop["their_contract"]), "contract_id"),
        (edited(form, lines=[LineInput(shop["diesel"], "0")]), "quantity"),
        (edited(form, due_date=dt.date(2026, 1, 1)), "due_date"),
        (edited(form, lines=[LineInput(shop["diesel"], "1", line_id=999999)]), "lines"),
    ]
    for data, field in bad:
        with pytest.raises(ValidationError) as caught:
            orders.update(db, None, form.id, form.version, data, today=TODAY)
        assert caught.value.field == field
    assert read(db, shop["order"]).version == form.version


def test_returned_lines_stay(db: Database, shop: dict[str, int]) -> None:
    form = read(db, shop["order"])
    diesel, wash = form.data.lines
    assert diesel.line_id is not None
    orders.add_return(db, None, shop["order"], TODAY, lines=[ReturnLineInput(diesel.line_id, "4")])
    form = read(db, shop["order"])
    assert form.returned == {diesel.line_id: D("4.000")}
    with pytest.raises(ValidationError):
        orders.update(db, None, form.id, form.version, edited(form, lines=[wash]), today=TODAY)
    with pytest.raises(ValidationError):
        orders.update(
            db,
            None,
            form.id,
            form.version,
            edited(form, lines=[LineInput(shop["diesel"], "3", line_id=diesel.line_id), wash]),
            today=TODAY,
        )


def test_taking_an_order_over_the_limit_warns(db: Database, shop: dict[str, int]) -> None:
    form = read(db, shop["order"])
    diesel, wash = form.data.lines
    # 105.00 owed; 130 L diesel: 975.00 + 30.00 = 1,005.00 > 1,000.00
    data = edited(form, lines=[LineInput(shop["diesel"], "130", line_id=diesel.line_id), wash])
    with pytest.raises(CreditWarning):
        orders.update(db, None, form.id, form.version, data, today=TODAY)
    saved = orders.update(
        db, None, form.id, form.version, data, accept_credit_warning=True, today=TODAY
    )
    assert saved.amount == D("1005.00")
    assert saved.check is not None and saved.check.problems
    # taking it down again asks nothing
    form = read(db, shop["order"])
    orders.update(db, None, form.id, form.version, edited(form, lines=[wash]), today=TODAY)


def test_an_order_with_returns_stays_an_order(db: Database, shop: dict[str, int]) -> None:
    form = read(db, shop["order"])
    orders.add_return(db, None, shop["order"], TODAY, amount=None, lines=[
        ReturnLineInput(form.data.lines[1].line_id or 0, "1")
    ])  # fmt: skip
    form = read(db, shop["order"])
    for status in (OrderStatus.CANCELLED, OrderStatus.DRAFT):
        with pytest.raises(ValidationError) as caught:
            orders.update(db, None, form.id, form.version, edited(form, status=status), today=TODAY)
        assert caught.value.field == "status"


def test_an_order_without_lines_keeps_its_total(db: Database, shop: dict[str, int]) -> None:
    old = orders.create(
        db, None, OrderInput(shop["beta"], TODAY, amount="250", cost="200"), today=TODAY
    )
    form = read(db, old.order_id)
    assert (form.data.lines, form.data.amount) == ([], D("250.00"))
    saved = orders.update(
        db,
        None,
        form.id,
        form.version,
        replace(form.data, status=OrderStatus.INVOICED),
        today=TODAY,
    )
    assert (saved.amount, saved.cost) == (D("250.00"), D("200.00"))
    with db.session() as s:
        assert s.get(Order, old.order_id).status == OrderStatus.INVOICED  # type: ignore[union-attr]

"""A new order with lines from the customer file: amounts worked out as typed, the credit
warning naming the figures (saved only when confirmed), the office's block, bad input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.db import Database
from app.models import Customer, Order, Product
from app.models.enums import ProductCategory, Role
from app.services import credit
from app.services.users import UserInfo, ensure_admin
from app.ui.customer_form import CustomerForm
from app.ui.customer_form_tabs import format_money
from app.ui.order_dialog import AMOUNT, OrderDialog

pytestmark = pytest.mark.gui

TIMEOUT = 5000
D = Decimal
TODAY = dt.date(2026, 5, 1)


@pytest.fixture
def user(db: Database) -> UserInfo:
    uid = ensure_admin(db, "ada", "Ada Admin")
    return UserInfo(uid, "ada", "Ada Admin", Role.ADMIN)


@pytest.fixture
def fleet(db: Database) -> dict[str, int]:
    """顺达车队: limit 1,000.00, 30 days, owes 600.00 for an order of 20 Apr (not due).
    Diesel 0#: 7.50 a litre, cost 6.80."""
    with db.write() as s:
        c = Customer(number="F1", name="顺达车队", credit_limit=D("1000.00"), credit_term_days=30)
        p = Product(
            name="0# 柴油",
            category=ProductCategory.FUEL,
            unit="L",
            list_price=D("7.50"),
            cost=D("6.80"),
        )
        s.add_all([c, p])
        s.flush()
        s.add(Order(customer_id=c.id, order_date=dt.date(2026, 4, 20), amount=D("600.00")))
        return {"customer": c.id, "diesel": p.id}


def orders_count(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count(Order.id))) or 0


def open_dialog(qtbot, db, user, fleet) -> OrderDialog:  # type: ignore[no-untyped-def]
    dialog = OrderDialog(db, user, fleet["customer"], "顺达车队", today=TODAY)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.load_op.done, timeout=TIMEOUT)
    return dialog


def test_lines_are_worked_out_as_typed(qtbot, db, user, fleet) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, db, user, fleet)
    # 40 L of diesel less 2 %: 300 × 0.98 = 294.00 (cost 272.00); a wash 30.00 (cost 5).
    dialog.set_line(0, fleet["diesel"], "40", discount="2")
    assert dialog.table.item(0, 2).text() == "7.50"
    row = dialog.add_line()
    dialog.set_line(row, "洗车", "1", "30", cost="5")
    assert dialog.table.item(0, AMOUNT).text() == format_money(D("294.00"))
    assert format_money(D("324.00")) in dialog.totals.text()
    assert format_money(D("47.00")) in dialog.totals.text()  # 324 − 277
    # 600 + 324 = 924 ≤ 1,000: saved without a question.
    asked: list[str] = []
    dialog.ask_accept = lambda text: asked.append(text) or False
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT):
        dialog.save()
    assert asked == []
    assert dialog.result_order.amount == D("324.00")
    with db.session() as s:
        order = s.get(Order, dialog.result_order.order_id)
        assert [ln.description for ln in order.lines] == ["0# 柴油", "洗车"]


def test_over_the_limit_asks_and_saves_only_when_confirmed(qtbot, db, user, fleet) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, db, user, fleet)
    dialog.set_line(0, fleet["diesel"], "60")  # 450.00: 600 + 450 = 1,050 > 1,000
    asked: list[str] = []
    dialog.ask_accept = lambda text: asked.append(text) or False
    op = dialog.save()
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert len(asked) == 1
    assert "1050.00" in asked[0] and "1000.00" in asked[0] and "600.00" in asked[0]
    assert orders_count(db) == 1  # nothing stored
    assert dialog.isVisible() is False or dialog.result() == 0
    dialog.ask_accept = lambda text: True
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT):
        dialog.save()
    assert orders_count(db) == 2


def test_the_office_blocks(qtbot, db, user, fleet) -> None:  # type: ignore[no-untyped-def]
    credit.save_defaults(db, None, credit.CreditDefaults(block=True))
    dialog = open_dialog(qtbot, db, user, fleet)
    dialog.set_line(0, fleet["diesel"], "60")
    dialog.ask_accept = lambda text: pytest.fail("a blocked order offers no choice")
    op = dialog.save()
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert "1050.00" in dialog.status.text()
    assert orders_count(db) == 1


def test_bad_input_is_said_and_nothing_stored(qtbot, db, user, fleet) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, db, user, fleet)
    dialog.set_line(0, fleet["diesel"], "-2")
    op = dialog.save()
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert "above zero" in dialog.status.text()
    assert dialog.table.currentColumn() == 1
    dialog.set_line(0, fleet["diesel"], "2", discount="120")
    assert dialog.table.item(0, AMOUNT).text() == ""
    op = dialog.save()
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert "100" in dialog.status.text()
    assert orders_count(db) == 1


def test_from_the_customer_file(qtbot, db, user, fleet) -> None:  # type: ignore[no-untyped-def]
    form = CustomerForm(db, user, fleet["customer"])
    qtbot.addWidget(form, before_close_func=lambda w: w.setWindowModified(False))
    with qtbot.waitSignal(form.loaded, timeout=TIMEOUT):
        form.show()
    assert form.money.order_button.isEnabled()
    dialog = form.new_order()
    assert isinstance(dialog, OrderDialog)
    qtbot.waitUntil(lambda: dialog.load_op.done, timeout=TIMEOUT)
    dialog.today = dt.date.today()
    dialog.set_line(0, fleet["diesel"], "10")
    dialog.ask_accept = lambda text: True
    with qtbot.waitSignal(form.loaded, timeout=TIMEOUT):
        dialog.save()
    assert form.money.orders.rowCount() == 2
    # The summary names what was bought.
    assert "0# 柴油" in form.money.purchases_label.text()
    # 10 L: 75.00 − 68.00 = 7.00 on the new order; the customer's margin counts the
    # earlier order (no cost known) whole: 600 + 7 = 607.00.
    assert form.money.orders.index(0, 4).data() == format_money(D("7.00"))
    assert form.money.orders.index(1, 4).data() == ""
    assert form.money.totals["margin"].text() == format_money(D("607.00"))


def test_a_desk_that_may_not_see_figures_sells_without_costs(qtbot, db, fleet) -> None:  # type: ignore[no-untyped-def]
    """Prices and the order's amount are the desk's to quote; costs, margins and what
    the customer owes are not: no cost column, no margin, a credit warning without
    figures, and the order still stored with the product's cost."""
    from app.models import User

    with db.write() as s:
        desk = User(username="desk", display_name="Desk", role=Role.SALES, password_hash="x")
        desk.may_see_financials = False
        s.add(desk)
        s.flush()
        s.get(Customer, fleet["customer"]).owner_id = desk.id
        uid = desk.id
    user = UserInfo(uid, "desk", "Desk", Role.SALES, may_see_financials=False)
    dialog = open_dialog(qtbot, db, user, fleet)
    dialog.show()
    assert dialog.table.isColumnHidden(4)  # unit cost
    assert [p.cost for p in dialog.products] == [None]
    dialog.set_line(0, fleet["diesel"], "60")  # 450.00: over the limit
    assert dialog.table.item(0, 2).text() == "7.50"  # the price the desk sells at
    assert dialog.table.item(0, 4).text() == ""
    assert format_money(D("450.00")) in dialog.totals.text()
    assert format_money(D("408.00")) not in dialog.totals.text()  # 60 × 6.80
    assert format_money(D("42.00")) not in dialog.totals.text()  # the margin
    asked: list[str] = []
    dialog.ask_accept = lambda text: asked.append(text) or True
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT):
        dialog.save()
    assert len(asked) == 1 and "credit limit" in asked[0]
    assert not any(figure in asked[0] for figure in ("1050", "1000", "600"))
    assert dialog.result_order.cost is None and dialog.result_order.margin is None
    with db.session() as s:
        order = s.get(Order, dialog.result_order.order_id)
        assert (order.amount, order.cost) == (D("450.00"), D("408.00"))
        assert order.lines[0].unit_cost == D("6.80")

"""An existing order opened from the customer file and edited: a line's quantity changed,
saved, and the file's totals follow; a second PC's save in between is asked about."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.db import Database
from app.models import Contract, Customer, Order, Product
from app.models.enums import OrderStatus, ProductCategory, Role
from app.services import orders
from app.services.orders import LineInput, OrderInput
from app.services.users import UserInfo, ensure_admin
from app.ui import conflict_box
from app.ui.customer_form import CustomerForm
from app.ui.customer_form_tabs import format_money
from app.ui.order_dialog import AMOUNT, QUANTITY, OrderDialog

pytestmark = pytest.mark.gui

TIMEOUT = 5000
D = Decimal


@pytest.fixture
def user(db: Database) -> UserInfo:
    uid = ensure_admin(db, "ada", "Ada Admin")
    return UserInfo(uid, "ada", "Ada Admin", Role.ADMIN)


@pytest.fixture
def fleet(db: Database) -> dict[str, int]:
    """顺达车队 bought 10 L of diesel (7.50) and a wash (30.00): 105.00."""
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
        k = Contract(number="HT-2026-01", title="年度供油", customer_id=c.id)
        s.add(k)
        s.flush()
        ids = {"customer": c.id, "diesel": p.id, "contract": k.id}
    saved = orders.create(
        db,
        None,
        OrderInput(
            ids["customer"],
            dt.date.today(),
            [LineInput(ids["diesel"], "10"), LineInput(None, 1, "30", description="洗车")],
            number="SO-7",
        ),
    )
    ids["order"] = saved.order_id
    return ids


def open_from_file(qtbot, db, user, fleet) -> tuple[CustomerForm, OrderDialog]:  # type: ignore[no-untyped-def]
    form = CustomerForm(db, user, fleet["customer"])
    qtbot.addWidget(form, before_close_func=lambda w: w.setWindowModified(False))
    with qtbot.waitSignal(form.loaded, timeout=TIMEOUT):
        form.show()
    assert form.money.totals["ordered"].text() == format_money(D("105.00"))
    # double-click the order in Purchases & payments
    view = form.money.orders_list.view
    index = view.model().index(0, 0)
    view.doubleClicked.emit(index)
    dialog = form.findChild(OrderDialog)
    assert isinstance(dialog, OrderDialog)
    qtbot.waitUntil(lambda: dialog.form is not None, timeout=TIMEOUT)
    return form, dialog


def test_change_a_quantity_and_see_the_amount(qtbot, db, user, fleet) -> None:  # type: ignore[no-untyped-def]
    form, dialog = open_from_file(qtbot, db, user, fleet)
    assert dialog.number_edit.text() == "SO-7"
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, QUANTITY).text() == "10"
    assert dialog._combo(1).currentText() == "洗车"
    assert dialog.table.item(0, AMOUNT).text() == format_money(D("75.00"))
    # 24 L: 180.00 + 30.00 = 210.00, on the contract, delivered
    dialog.table.item(0, QUANTITY).setText("24")
    assert dialog.table.item(0, AMOUNT).text() == format_money(D("180.00"))
    assert format_money(D("210.00")) in dialog.totals.text()
    dialog.contract_box.setCurrentIndex(dialog.contract_box.findData(fleet["contract"]))
    dialog.status_box.setCurrentIndex(dialog.status_box.findData(OrderStatus.DELIVERED))
    with qtbot.waitSignal(form.loaded, timeout=TIMEOUT):
        dialog.save()
    assert form.money.totals["ordered"].text() == format_money(D("210.00"))
    with db.session() as s:
        order = s.get(Order, fleet["order"])
        assert (order.amount, order.status, order.contract_id, len(order.lines)) == (
            D("210.00"),
            OrderStatus.DELIVERED,
            fleet["contract"],
            2,
        )


def test_over_the_limit_still_asks(qtbot, db, user, fleet) -> None:  # type: ignore[no-untyped-def]
    _form, dialog = open_from_file(qtbot, db, user, fleet)
    dialog.table.item(0, QUANTITY).setText("200")  # 1,500.00 + 30.00 > 1,000.00
    asked: list[str] = []
    dialog.ask_accept = lambda text: asked.append(text) or False
    op = dialog.save()
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert len(asked) == 1 and "1000.00" in asked[0]
    with db.session() as s:
        assert s.scalar(select(Order.amount).where(Order.id == fleet["order"])) == D("105.00")


@pytest.mark.parametrize("choice", [conflict_box.KEEP_MINE, conflict_box.RELOAD])
def test_another_pc_saved_the_order_first(qtbot, db, user, fleet, choice) -> None:  # type: ignore[no-untyped-def]
    _form, dialog = open_from_file(qtbot, db, user, fleet)
    # the other PC renumbers it meanwhile
    with db.session() as s:
        theirs = orders.for_edit(s, fleet["order"])
    d = theirs.data
    orders.update(
        db,
        None,
        theirs.id,
        theirs.version,
        OrderInput(d.customer_id, d.order_date, d.lines, number="SO-7B", status=d.status),
    )
    asked: list[str] = []
    dialog.ask_conflict = lambda: asked.append("asked") or choice
    dialog.table.item(0, QUANTITY).setText("12")  # 90.00 + 30.00
    if choice == conflict_box.KEEP_MINE:
        with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT):
            dialog.save()
        expected = ("SO-7", D("120.00"))
    else:
        dialog.save()
        qtbot.waitUntil(lambda: dialog.number_edit.text() == "SO-7B", timeout=TIMEOUT)
        assert dialog.table.item(0, QUANTITY).text() == "10"
        expected = ("SO-7B", D("105.00"))
    assert asked == ["asked"]
    with db.session() as s:
        order = s.get(Order, fleet["order"])
        assert (order.number, order.amount) == expected


def test_an_imported_order_without_lines(qtbot, db, user, fleet) -> None:  # type: ignore[no-untyped-def]
    old = orders.create(
        db, None, OrderInput(fleet["customer"], dt.date.today(), amount="250", number="IMP-1")
    )
    dialog = OrderDialog(db, user, fleet["customer"], "顺达车队", order_id=old.order_id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.form is not None, timeout=TIMEOUT)
    assert format_money(D("250.00")) in dialog.totals.text()  # its total, not 0.00
    dialog.status_box.setCurrentIndex(dialog.status_box.findData(OrderStatus.INVOICED))
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT):
        dialog.save()
    with db.session() as s:
        order = s.get(Order, old.order_id)
        assert (order.amount, order.status, order.lines) == (D("250.00"), OrderStatus.INVOICED, [])

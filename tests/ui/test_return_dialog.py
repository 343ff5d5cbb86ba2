"""A return against an order from the customer file: never more than is left, the
customer's returned amount and count follow."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.db import Database
from app.models import Customer, Order, Product, Return
from app.models.enums import Role
from app.services import orders
from app.services.orders import LineInput, OrderInput
from app.services.users import UserInfo, ensure_admin
from app.ui.customer_form import CustomerForm
from app.ui.customer_form_tabs import format_money
from app.ui.order_dialog import OrderDialog
from app.ui.return_dialog import ReturnDialog

pytestmark = pytest.mark.gui

TIMEOUT = 5000
D = Decimal


@pytest.fixture
def user(db: Database) -> UserInfo:
    uid = ensure_admin(db, "ada", "Ada Admin")
    return UserInfo(uid, "ada", "Ada Admin", Role.ADMIN)


@pytest.fixture
def bought(db: Database) -> dict[str, int]:
    """40 L of diesel at 7.50 = 300.00 (cost 272.00) and an old order of 200.00 without
    lines, both for 远航物流."""
    with db.write() as s:
        c = Customer(
            number="Y1", name="远航物流", created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        )
        p = Product(name="0# 柴油", unit="L", list_price=D("7.50"), cost=D("6.80"))
        s.add_all([c, p])
        s.flush()
        old = Order(customer_id=c.id, number="OLD", order_date=dt.date(2026, 3, 1), amount=D("200"))
        s.add(old)
        s.flush()
        ids = {"customer": c.id, "diesel": p.id, "old": old.id}
    ids["order"] = orders.create(
        db,
        None,
        OrderInput(ids["customer"], dt.date(2026, 4, 1), [LineInput(ids["diesel"], "40")]),
        accept_credit_warning=True,
    ).order_id
    return ids


def returns(db: Database) -> list[Decimal]:
    with db.session() as s:
        return list(s.scalars(select(Return.amount).order_by(Return.id)))


def open_dialog(qtbot, db, user, order_id) -> ReturnDialog:  # type: ignore[no-untyped-def]
    dialog = ReturnDialog(db, user, order_id, today=dt.date(2026, 4, 10))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.order is not None, timeout=TIMEOUT)
    return dialog


def test_return_part_of_a_line(qtbot, db, user, bought) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, db, user, bought["order"])
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "40"
    dialog.set_return(0, "41")  # more than bought: said, nothing stored
    op = dialog.save()
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert "more than" in dialog.status.text()
    assert returns(db) == []
    dialog.set_return(0, "10")  # 300 × 10 / 40 = 75.00
    dialog.reason_edit.setText("加错油")
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT):
        dialog.save()
    assert returns(db) == [D("75.00")]
    again = open_dialog(qtbot, db, user, bought["order"])
    assert again.table.item(0, 3).text() == "10"
    assert format_money(D("75.00")) in again.heading.text()


def test_return_an_amount_of_an_order_without_lines(qtbot, db, user, bought) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, db, user, bought["old"])
    assert not dialog.table.isVisibleTo(dialog) and dialog.amount_edit.isVisibleTo(dialog)
    dialog.amount_edit.setText("250")
    op = dialog.save()
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert "more than" in dialog.status.text()
    dialog.amount_edit.setText("50")
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT):
        dialog.save()
    assert returns(db) == [D("50.00")]


def test_double_click_an_order_in_the_customer_file(qtbot, db, user, bought) -> None:  # type: ignore[no-untyped-def]
    form = CustomerForm(db, user, bought["customer"])
    qtbot.addWidget(form, before_close_func=lambda w: w.setWindowModified(False))
    with qtbot.waitSignal(form.loaded, timeout=TIMEOUT):
        form.show()
    editor = form.open_order(bought["order"])
    assert isinstance(editor, OrderDialog)
    qtbot.waitUntil(lambda: editor.form is not None, timeout=TIMEOUT)
    editor.return_button.click()
    dialog = form.findChild(ReturnDialog)
    assert isinstance(dialog, ReturnDialog)
    qtbot.waitUntil(lambda: dialog.order is not None, timeout=TIMEOUT)
    dialog.set_return(0, "4")
    with qtbot.waitSignal(form.loaded, timeout=TIMEOUT):
        dialog.save()
    # 30.00 back, one return
    assert form.money.totals["returned"].text().startswith(format_money(D("30.00")))
    assert "1" in form.money.totals["returned"].text()
    with db.session() as s:
        assert s.scalar(select(func.count(Return.id))) == 1

"""The statement of account from the customer file: the Statement… button on Purchases &
payments opens it for last month to today, a period can be picked, and Save as Excel
writes the workbook in a worker."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QDate

from app.db import Database
from app.models import Customer, Order, Payment, Return
from app.models.enums import Role
from app.services.users import UserInfo, ensure_admin
from app.ui.customer_form import CustomerForm
from app.ui.customer_form_tabs import format_money
from app.ui.statement_dialog import StatementDialog, default_period

pytestmark = pytest.mark.gui

TIMEOUT = 5000
D = Decimal


@pytest.fixture
def user(db: Database) -> UserInfo:
    uid = ensure_admin(db, "ada", "Ada Admin")
    return UserInfo(uid, "ada", "Ada Admin", Role.ADMIN)


@pytest.fixture
def customer(db: Database) -> int:
    """华通物流: 30 days' credit. 10 Jan order 1,000.00; 20 Jan payment 300.00; 5 Feb
    order 500.00 (due 7 Mar); 10 Feb return 100.00; 15 Feb payment 600.00.
    1 Feb – 31 Mar: opening 700.00, closing 500.00 (700 + 500 − 100 − 600), and on 31 Mar
    the 500.00 lies on the 5 Feb order, 24 days past due."""
    with db.write() as s:
        c = Customer(number="C7", name="华通物流", credit_term_days=30)
        s.add(c)
        s.flush()
        s.add(
            Order(
                customer_id=c.id,
                number="SO-1",
                order_date=dt.date(2026, 1, 10),
                amount=D("1000.00"),
            )
        )
        o2 = Order(
            customer_id=c.id, number="SO-2", order_date=dt.date(2026, 2, 5), amount=D("500.00")
        )
        s.add(o2)
        s.flush()
        s.add(
            Return(
                order_id=o2.id,
                customer_id=c.id,
                return_date=dt.date(2026, 2, 10),
                amount=D("100.00"),
                reason="包装破损",
            )
        )
        s.add(Payment(customer_id=c.id, paid_on=dt.date(2026, 1, 20), amount=D("300.00")))
        s.add(Payment(customer_id=c.id, paid_on=dt.date(2026, 2, 15), amount=D("600.00")))
        return c.id


def test_default_period() -> None:
    assert default_period(dt.date(2026, 3, 15)) == (dt.date(2026, 2, 1), dt.date(2026, 3, 15))
    assert default_period(dt.date(2026, 1, 5)) == (dt.date(2025, 12, 1), dt.date(2026, 1, 5))


def open_dialog(qtbot, db: Database, user: UserInfo, cid: int) -> StatementDialog:  # type: ignore[no-untyped-def]
    dialog = StatementDialog(db, user, cid, "华通物流", today=dt.date(2026, 3, 31))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.statement is not None, timeout=TIMEOUT)
    return dialog


def test_the_statement_by_hand(qtbot, db, user, customer) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, db, user, customer)
    assert dialog.period() == (dt.date(2026, 2, 1), dt.date(2026, 3, 31))
    assert dialog.figures["opening"].text() == format_money(D("700.00"))
    assert dialog.figures["closing"].text() == format_money(D("500.00"))
    assert dialog.figures["overdue"].text() == format_money(D("500.00"))
    m = dialog.model
    # opening, order, return, payment, closing
    assert m.rowCount() == 5
    assert [m.index(r, 1).data() for r in range(5)] == [
        "Opening balance",
        "Order",
        "Return",
        "Payment",
        "Closing balance",
    ]
    assert m.index(2, 3).data() == format_money(D("-100.00"))
    assert m.index(3, 4).data() == format_money(D("500.00"))
    assert "24 days" in dialog.status.text()


def test_changing_the_period_reloads(qtbot, db, user, customer) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, db, user, customer)
    dialog.from_edit.setDate(QDate(2026, 1, 1))
    dialog.to_edit.setDate(QDate(2026, 1, 31))
    qtbot.waitUntil(
        lambda: dialog.statement is not None and dialog.statement.end == dt.date(2026, 1, 31),
        timeout=TIMEOUT,
    )
    # January: opening 0, order 1,000.00, payment 300.00 → 700.00; SO-1 is due 9 Feb.
    assert dialog.figures["closing"].text() == format_money(D("700.00"))
    assert dialog.figures["overdue"].text() == format_money(D("0.00"))
    dialog.to_edit.setDate(QDate(2025, 12, 1))  # before it starts: said, nothing shown
    qtbot.waitUntil(lambda: dialog.statement is None, timeout=TIMEOUT)
    assert "before it starts" in dialog.status.text()
    assert dialog.model.rowCount() == 0


def test_save_as_excel(qtbot, db, user, customer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, db, user, customer)
    asked: list[str] = []
    target = tmp_path / "statement.xlsx"

    def ask(suggested: str) -> str:
        asked.append(suggested)
        return str(target)

    dialog.ask_path = ask
    op = dialog.save()
    assert op is not None
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert "C7" in asked[0] and "2026-02-01" in asked[0]
    assert dialog.path == target and dialog.open_button.isEnabled()
    ws = openpyxl.load_workbook(target).active
    assert ws["B3"].value == "C7 华通物流"
    assert ws["B4"].value == dt.datetime(2026, 2, 1)


def test_the_button_in_the_customer_file(qtbot, db, user, customer) -> None:  # type: ignore[no-untyped-def]
    form = CustomerForm(db, user, customer)
    qtbot.addWidget(form, before_close_func=lambda w: w.setWindowModified(False))
    with qtbot.waitSignal(form.loaded, timeout=TIMEOUT):
        form.show()
    button = form.money.statement_button
    assert button.isEnabled()
    button.click()
    dialog = form.findChild(StatementDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.statement is not None, timeout=TIMEOUT)
    assert "华通物流" in dialog.windowTitle()
    dialog.close()


def test_a_new_customer_has_no_statement_yet(qtbot, db, user) -> None:  # type: ignore[no-untyped-def]
    form = CustomerForm(db, user, None)
    qtbot.addWidget(form, before_close_func=lambda w: w.setWindowModified(False))
    form.show()
    assert not form.money.statement_button.isEnabled()
    assert form.open_statement() is None

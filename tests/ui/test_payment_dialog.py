"""Recording a payment from the customer file; bad input said, nothing stored."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate
from sqlalchemy import select

from app.db import Database
from app.models import Customer, Payment
from app.models.enums import PaymentMethod, Role
from app.services.users import UserInfo, ensure_admin
from app.ui.customer_form import CustomerForm
from app.ui.customer_form_tabs import format_money
from app.ui.payment_dialog import PaymentDialog

pytestmark = pytest.mark.gui

TIMEOUT = 5000


@pytest.fixture
def user(db: Database) -> UserInfo:
    uid = ensure_admin(db, "ada", "Ada Admin")
    return UserInfo(uid, "ada", "Ada Admin", Role.ADMIN)


def payments(db: Database) -> list[tuple[dt.date, Decimal, PaymentMethod]]:
    with db.session() as s:
        return [
            tuple(r) for r in s.execute(select(Payment.paid_on, Payment.amount, Payment.method))
        ]  # type: ignore[misc]


def test_record_a_payment(qtbot, db: Database, user: UserInfo) -> None:  # type: ignore[no-untyped-def]
    with db.write() as s:
        c = Customer(
            number="P1", name="鹏程运输", created_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        )
        s.add(c)
        s.flush()
        cid = c.id
    form = CustomerForm(db, user, cid)
    qtbot.addWidget(form, before_close_func=lambda w: w.setWindowModified(False))
    with qtbot.waitSignal(form.loaded, timeout=TIMEOUT):
        form.show()
    assert form.money.payment_button.isEnabled()
    dialog = form.record_payment()
    assert isinstance(dialog, PaymentDialog)
    for day, amount, said in (
        (QDate(2026, 2, 28), "100", "before the customer existed"),
        (QDate(2026, 4, 1), "-5", "below zero"),
        (QDate(2026, 4, 1), "10.005", "decimals"),
    ):
        dialog.date_edit.setDate(day)
        dialog.amount_edit.setText(amount)
        op = dialog.save()
        qtbot.waitUntil(lambda op=op: op.done, timeout=TIMEOUT)
        assert said in dialog.status.text()
    assert payments(db) == []
    dialog.amount_edit.setText("1280.50")
    dialog.method_box.setCurrentIndex(dialog.method_box.findData("cash"))
    with qtbot.waitSignal(form.loaded, timeout=TIMEOUT):
        dialog.save()
    assert payments(db) == [(dt.date(2026, 4, 1), Decimal("1280.50"), PaymentMethod.CASH)]
    assert form.money.totals["paid"].text() == format_money(Decimal("1280.50"))

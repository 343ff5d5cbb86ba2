"""Reports ▸ Margins: per customer, product and order for a period, with a total line."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate

from app.db import Database
from app.models import Customer, Product
from app.services import orders
from app.services.orders import LineInput, OrderInput
from app.ui.customer_form_tabs import format_money
from app.ui.margins_tab import MarginsTab

pytestmark = pytest.mark.gui

TIMEOUT = 5000
D = Decimal


def test_margins_tab(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    # 100 L of diesel at 7.50 (cost 6.80): 750.00 − 680.00 = 70.00 (9.3 %).
    with db.write() as s:
        c = Customer(number="M1", name="明达物流")
        p = Product(name="0# 柴油", unit="L", list_price=D("7.50"), cost=D("6.80"))
        s.add_all([c, p])
        s.flush()
        cid, pid = c.id, p.id
    orders.create(
        db,
        None,
        OrderInput(cid, dt.date(2026, 4, 2), [LineInput(pid, 100)], number="SO-1"),
        accept_credit_warning=True,
    )
    tab = MarginsTab()
    qtbot.addWidget(tab)
    tab.from_edit.setDate(QDate(2026, 4, 1))
    tab.to_edit.setDate(QDate(2026, 4, 30))
    tab.set_context(db, None)
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.show()
    m = tab.model
    assert m.rowCount() == 2  # 明达物流 and the total
    assert (m.index(0, 1).data(), m.index(0, 5).data(), m.index(0, 6).data()) == (
        "明达物流",
        format_money(D("70.00")),
        "9.3 %",
    )
    assert m.index(1, 0).data() == "Total"
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.by_box.setCurrentIndex(tab.by_box.findData("product"))
    assert m.index(0, 1).data() == "0# 柴油"
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.by_box.setCurrentIndex(tab.by_box.findData("order"))
    assert m.index(0, 0).data() == "SO-1"

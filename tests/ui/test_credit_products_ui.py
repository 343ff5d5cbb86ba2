"""Settings ▸ Credit and Settings ▸ Products, and the customer file's Credit… dialog."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from app.db import Database
from app.models import Customer, Order, Product
from app.models.enums import Role
from app.services import credit, products
from app.services.products import ProductData
from app.services.users import UserInfo, ensure_admin
from app.ui.credit_settings import CreditSettingsTab, CustomerCreditDialog
from app.ui.customer_form import CustomerForm
from app.ui.customer_form_tabs import format_money
from app.ui.pages.products import CATEGORY, PRICE, ProductsWidget
from app.ui.pages.settings import SettingsPage

pytestmark = pytest.mark.gui

TIMEOUT = 5000
D = Decimal


@pytest.fixture
def admin(db: Database) -> UserInfo:
    uid = ensure_admin(db, "ada", "Ada Admin")
    return UserInfo(uid, "ada", "Ada Admin", Role.ADMIN)


def shown(qtbot, tab):  # type: ignore[no-untyped-def]
    qtbot.addWidget(tab)
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.show()
    return tab


def test_credit_defaults_and_the_block(qtbot, db, admin) -> None:  # type: ignore[no-untyped-def]
    tab = CreditSettingsTab()
    tab.set_context(db, admin)
    shown(qtbot, tab)
    assert tab.term_box.value() == 30 and tab.limit_edit.text() == ""
    tab.term_box.setValue(45)
    tab.limit_edit.setText("-1")
    op = tab.save()
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert "below zero" in tab.status.text()
    with db.session() as s:
        assert credit.defaults(s).term_days == 30  # nothing stored
    tab.limit_edit.setText("50000")
    tab.block_check.setChecked(True)
    with qtbot.waitSignal(tab.saved, timeout=TIMEOUT):
        tab.save()
    with db.session() as s:
        d = credit.defaults(s)
    assert (d.term_days, d.limit, d.block) == (45, D("50000.00"), True)


def test_a_salesperson_sees_the_credit_defaults_but_cannot_change_them(qtbot, db) -> None:  # type: ignore[no-untyped-def]
    tab = CreditSettingsTab()
    tab.set_context(db, UserInfo(99, "sam", "Sam", Role.SALES))
    shown(qtbot, tab)
    assert not tab.save_button.isEnabled() and not tab.block_check.isEnabled()


def test_settings_products_add_change_export_import(qtbot, db, admin, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Settings ▸ Products is the Products page's widget."""
    page = SettingsPage()
    qtbot.addWidget(page)
    page.show()
    tab = page.product_settings
    assert isinstance(tab, ProductsWidget)
    page.set_context(db, admin)
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        page.tabs.setCurrentWidget(tab)  # read when shown
    assert tab.model.rowCount() == 0
    tab.edit_product = lambda row: ProductData("0# 柴油", "fuel", "升", "7.50", "6.80", code="D0")
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.add()
    assert tab.model.rowCount() == 1
    assert tab.model.index(0, PRICE).data() == format_money(D("7.50"))
    assert tab.model.index(0, CATEGORY).data() == "Fuel grade"
    tab.view.selectRow(0)
    tab.edit_product = lambda row: ProductData(row.name, row.category, row.unit, "7.80", "-1")
    op = tab.change()
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert "below zero" in tab.status.text()
    out = tmp_path / "products.xlsx"
    tab.ask_export_path = lambda: str(out)
    op = tab.export_view()
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert out.exists()
    products.save(db, None, ProductData("洗车", "service", code="W"))  # then import the file
    tab.ask_import_path = lambda: str(out)
    dialog = tab.import_file()
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=TIMEOUT)
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        dialog.import_button.click()
    assert (dialog.result_.added, dialog.result_.updated) == (0, 1)
    with db.session() as s:
        assert s.scalar(select(Product.list_price).where(Product.code == "D0")) == D("7.50")


def test_the_customer_credit_dialog(qtbot, db, admin) -> None:  # type: ignore[no-untyped-def]
    # 500.00 from 1 Feb (due 3 Mar) is 59 days past due on 1 May.
    with db.write() as s:
        c = Customer(number="G1", name="广达物流", credit_term_days=30)
        s.add(c)
        s.flush()
        s.add(Order(customer_id=c.id, order_date=dt.date(2026, 2, 1), amount=D("500.00")))
        cid = c.id
    dialog = CustomerCreditDialog(db, admin, cid, "广达物流", today=dt.date(2026, 5, 1))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.aging is not None, timeout=TIMEOUT)
    assert dialog.buckets[2].text() == format_money(D("500.00"))  # 31–60 days
    assert "59" in dialog.status.text()
    assert dialog.term_edit.text() == "30"
    dialog.limit_edit.setText("-100")
    op = dialog.save()
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert "below zero" in dialog.status.text()
    dialog.limit_edit.setText("8000")
    dialog.day_edit.setText("25")
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT):
        dialog.save()
    with db.session() as s:
        c = s.get(Customer, cid)
        assert (c.credit_limit, c.statement_day) == (D("8000.00"), 25)


def test_credit_button_in_the_customer_file(qtbot, db, admin) -> None:  # type: ignore[no-untyped-def]
    with db.write() as s:
        c = Customer(number="H1", name="华远")
        s.add(c)
        s.flush()
        cid = c.id
    form = CustomerForm(db, admin, cid)
    qtbot.addWidget(form, before_close_func=lambda w: w.setWindowModified(False))
    with qtbot.waitSignal(form.loaded, timeout=TIMEOUT):
        form.show()
    assert form.money.credit_button.isEnabled()
    dialog = form.open_credit()
    assert isinstance(dialog, CustomerCreditDialog)
    qtbot.waitUntil(lambda: dialog.aging is not None, timeout=TIMEOUT)
    dialog.close()

"""The window for a viewer (no editing controls) and for a user without the right to see
financial figures (amounts blank)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QLineEdit, QPushButton
from sqlalchemy import select

from app.db import Database
from app.models import Customer, Order, Payment, User
from app.models.enums import Role
from app.services.users import UserInfo, user_info
from app.ui.customer_form import CustomerForm
from app.ui.desk_card import DeskCardWidget
from app.ui.pages.customers import CustomersPage
from app.ui.pages.front_desk import FrontDeskPage
from app.ui.pages.pipeline import PipelinePage

pytestmark = pytest.mark.gui

TIMEOUT = 5000


def add_user(db: Database, name: str, role: Role, money: bool = True) -> UserInfo:
    with db.write() as s:
        user = User(username=name, display_name=name, role=role, may_see_financials=money)
        s.add(user)
        s.flush()
        uid = user.id
    found = user_info(db, uid)
    assert found is not None
    return found


@pytest.fixture
def customer(db: Database) -> int:
    with db.write() as s:
        c = Customer(number="C000001", name="王师傅", phone="+8613811112222")
        s.add(c)
        s.flush()
        s.add(Order(customer_id=c.id, order_date=dt.date.today(), amount=Decimal("300.00")))
        s.add(Payment(customer_id=c.id, paid_on=dt.date.today(), amount=Decimal("120.50")))
        return c.id


def open_form(qtbot, db: Database, user: UserInfo, customer_id: int) -> CustomerForm:  # type: ignore[no-untyped-def]
    form = CustomerForm(db, user, customer_id)
    qtbot.addWidget(form, before_close_func=lambda w: w.setWindowModified(False))
    with qtbot.waitSignal(form.loaded, timeout=TIMEOUT):
        form.show()
    qtbot.waitExposed(form)
    return form


def test_a_viewer_sees_no_save_in_the_customer_file(qtbot, db: Database, customer: int) -> None:  # type: ignore[no-untyped-def]
    viewer = add_user(db, "viewer", Role.VIEWER)
    assert not viewer.may_write
    form = open_form(qtbot, db, viewer, customer)
    assert not form.save_button.isVisible()
    assert not form.money.order_button.isVisible()
    assert not form.money.payment_button.isVisible()
    assert form.new_deal_button.isHidden()
    name = form.profile.name
    assert name.text() == "王师傅" and name.isReadOnly()
    edits = form.profile.findChildren(QLineEdit)
    assert edits and all(e.isReadOnly() for e in edits)
    assert form.new_order() is None and form.record_payment() is None

    manager = add_user(db, "boss", Role.MANAGER)
    other = open_form(qtbot, db, manager, customer)
    assert other.save_button.isVisible() and other.save_button.isEnabled()
    assert not other.profile.name.isReadOnly()


def test_a_viewers_pages_have_no_editing_buttons(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    viewer = add_user(db, "viewer", Role.VIEWER)
    sales = add_user(db, "ana", Role.SALES)
    customers_page = CustomersPage()
    qtbot.addWidget(customers_page)
    pipeline_page = PipelinePage()
    qtbot.addWidget(pipeline_page)
    for page in (customers_page, pipeline_page):
        page.show()
        page.set_context(db, viewer)
        buttons = {b.objectName(): b for b in page.findChildren(QPushButton)}
        assert not page.new_button.isVisible(), page.name
        page.set_context(db, sales)
        assert page.new_button.isVisible(), page.name
        assert buttons  # the page has its buttons; only the writing ones hide
    pipeline_page.set_context(db, viewer)
    assert not pipeline_page.board.movable
    assert pipeline_page.new_deal() is None


def test_blank_amounts_on_the_front_desk_card(qtbot, db: Database, customer: int) -> None:  # type: ignore[no-untyped-def]
    desk = add_user(db, "desk", Role.SALES, money=False)
    with db.write() as s:
        c = s.get(Customer, customer)
        assert c is not None
        c.owner_id = desk.id
    page = FrontDeskPage()
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.set_context(db, desk)
    page.show()
    qtbot.waitExposed(page)
    search = page.findChild(QLineEdit, "deskSearch")
    assert search is not None
    qtbot.keyClicks(search, "1381111")  # QTest types ASCII only
    card = page.findChild(DeskCardWidget, "deskCard")
    assert card is not None
    qtbot.waitUntil(lambda: card.card is not None and card.card.id == customer, timeout=TIMEOUT)
    assert card.card is not None and card.card.owed is None
    assert card.value("owed").text() == ""
    assert card.value("owed").property("alert") in ("", None)
    assert "300" not in card.purchases_label.text()
    assert page.log_button.isVisible()  # may not see money, but writes

    with db.session() as s:
        assert s.scalar(select(User.may_see_financials).where(User.id == desk.id)) is False


def test_money_only_reports_are_not_offered(qtbot, db: Database, customer: int) -> None:  # type: ignore[no-untyped-def]
    from app.ui.pages.reports import ReportsPage

    desk = add_user(db, "desk", Role.MANAGER, money=False)
    boss = add_user(db, "boss", Role.MANAGER)
    page = ReportsPage()
    qtbot.addWidget(page)
    page.set_context(db, desk)
    tabs = page.tabs
    assert not tabs.isTabVisible(tabs.indexOf(page.margins_tab))
    assert not tabs.isTabVisible(tabs.indexOf(page.monthly_tab))
    page.set_context(db, boss)
    assert tabs.isTabVisible(tabs.indexOf(page.margins_tab))
    form = open_form(qtbot, db, desk, customer)
    assert form.money.statement_button.isHidden()
    assert not form.money.order_button.isHidden()


def test_the_monthly_workbook_is_offered_to_managers(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    from app.ui.pages.reports import ReportsPage

    seller = add_user(db, "seller", Role.SALES)
    page = ReportsPage()
    qtbot.addWidget(page)
    page.set_context(db, seller)
    tabs = page.tabs
    assert not tabs.isTabVisible(tabs.indexOf(page.monthly_tab))
    assert tabs.isTabVisible(tabs.indexOf(page.margins_tab))  # of their own customers
    page.set_context(db, add_user(db, "boss", Role.MANAGER))
    assert tabs.isTabVisible(tabs.indexOf(page.monthly_tab))

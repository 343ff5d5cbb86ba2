"""Every tab of the customer file fits a window 900 px wide in every language, so the file
opens whole on an office PC's 1024×768 screen: the Purchases & payments tab once needed
1,085 px (its five totals and four buttons on one row)."""

from __future__ import annotations

import pytest
from sqlalchemy import exists, func, select

from app.db import Database
from app.models import ContactPerson, Customer, Order, Payment, Vehicle
from app.services.users import current_user
from app.ui.customer_form import CustomerForm

pytestmark = pytest.mark.gui

FILE_MAX = 900
TIMEOUT = 10_000
LONG_NAME = "广东省惠州市惠城区瑞丰超市连锁经营管理有限公司第一分公司（仲恺高新区陈江街道店）"


def _busiest_customer(db: Database) -> int:
    """The demo customer with the most orders among those with payments, contacts and
    vehicles, renamed to a long name."""
    with db.write() as s:
        cid = s.scalar(
            select(Order.customer_id)
            .where(
                exists().where(Payment.customer_id == Order.customer_id),
                exists().where(ContactPerson.customer_id == Order.customer_id),
                exists().where(Vehicle.customer_id == Order.customer_id),
            )
            .group_by(Order.customer_id)
            .order_by(func.count().desc(), Order.customer_id)
            .limit(1)
        )
        assert cid is not None, "the demo has no customer with everything"
        customer = s.get(Customer, cid)
        assert customer is not None
        customer.name = LONG_NAME
    return cid


def test_every_tab_of_the_customer_file_fits_900_px(  # type: ignore[no-untyped-def]
    qtbot, demo_db: Database, language: str
) -> None:
    cid = _busiest_customer(demo_db)
    form = CustomerForm(demo_db, current_user(demo_db, "admin"), cid)
    qtbot.addWidget(form, before_close_func=lambda w: w.setWindowModified(False))
    with qtbot.waitSignal(form.loaded, timeout=TIMEOUT):
        form.show()
    assert form.money.orders.rowCount() > 1 and form.money.payments.rowCount() > 0
    assert form.people.model.rowCount() > 0 and form.vehicles.model.rowCount() > 0
    for index in range(form.tabs.count()):
        form.tabs.setCurrentIndex(index)  # tabs that read when shown fill in
    qtbot.wait(200)
    too_wide = {
        form.tabs.tabText(i): form.tabs.widget(i).minimumSizeHint().width()
        for i in range(form.tabs.count())
        if form.tabs.widget(i).minimumSizeHint().width() > FILE_MAX
    }
    assert too_wide == {}, f"customer file tabs wider than {FILE_MAX} px in {language}"
    assert form.minimumSizeHint().width() <= FILE_MAX

"""End to end in the main window on the demo database: search, open a file, create one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from sqlalchemy import func, select

from app.models import Customer
from app.ui.main_window import MainWindow

TIMEOUT = 10_000


@pytest.fixture
def demo_window(qtbot, demo_db):  # type: ignore[no-untyped-def]
    w = MainWindow(demo_db, offer_welcome=False)
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.user is not None, timeout=TIMEOUT)
    yield w
    for form in list(w.customer_windows.values()):
        form.setWindowModified(False)
        form.close()


def test_enter_in_the_search_field_filters_the_customers_page(qtbot, demo_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.session() as s:
        phone = s.scalars(select(Customer.phone).where(Customer.phone.is_not(None))).first()
    qtbot.keyClick(demo_window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(demo_window.search_field, phone[-8:])
    qtbot.keyClick(demo_window.search_field, Qt.Key.Key_Return)
    assert demo_window.current_page_name() == "customers"
    model = demo_window.page("customers").model
    qtbot.waitUntil(lambda: not model.loading and 0 < model.rowCount() < 300, timeout=TIMEOUT)


def test_opening_a_customer_shows_one_window_per_customer(qtbot, demo_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.session() as s:
        cid, name = s.execute(select(Customer.id, Customer.name).limit(1)).one()
    form = demo_window.open_customer(cid)
    qtbot.waitUntil(lambda: form.file is not None, timeout=TIMEOUT)
    assert name in form.windowTitle()
    assert demo_window.open_customer(cid) is form


def test_new_customer_from_the_customers_page(qtbot, demo_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    demo_window.switch_to_page("customers")
    page = demo_window.page("customers")
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    form = demo_window.customer_windows[None]
    qtbot.waitUntil(lambda: not form.busy, timeout=TIMEOUT)
    form.findChild(QLineEdit, "nameEdit").setText("Zacarías Nuevo")
    form.findChild(QLineEdit, "phoneEdit").setText("+34 699 111 222")
    with qtbot.waitSignal(form.saved, timeout=TIMEOUT) as saved:
        form.save()
    cid = saved.args[0]
    assert demo_window.customer_windows[cid] is form
    with demo_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Customer)) == 301
        assert s.get(Customer, cid).phone == "+34699111222"
    qtbot.waitUntil(lambda: page.model.rowCount() == 301, timeout=TIMEOUT)


def test_ctrl_n_on_the_customers_page_opens_a_new_customer(qtbot, demo_window) -> None:  # type: ignore[no-untyped-def]
    demo_window.switch_to_page("customers")
    page = demo_window.page("customers")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: None in demo_window.customer_windows, timeout=TIMEOUT)


def test_a_page_asking_for_a_deal_opens_its_form_once(qtbot, demo_window, demo_db) -> None:  # type: ignore[no-untyped-def]
    from app.models import Deal

    with demo_db.session() as s:
        deal_id, title = s.execute(select(Deal.id, Deal.title).limit(1)).one()
    demo_window.page("today").openDeal.emit(deal_id)
    pipeline = demo_window.page("pipeline")
    form = pipeline.deal_forms[deal_id]
    qtbot.waitUntil(lambda: form.title_edit.text() == title, timeout=TIMEOUT)
    assert demo_window.open_deal(deal_id) is form
    form.close()


def test_without_a_system_tray_due_tasks_show_in_the_status_bar(demo_window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QSystemTrayIcon

    assert not QSystemTrayIcon.isSystemTrayAvailable()  # offscreen: no tray
    demo_window.page("today")._tray_message("2 tasks due now", "Call Wang\nVisit Li")
    assert demo_window.statusBar().currentMessage() == "2 tasks due now: Call Wang"

"""The Customers page as a person uses it: filter, sort, hide columns, open a file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.services.customer_list import COLUMNS
from app.services.users import current_user
from app.ui.pages.customers import CustomersPage

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot, demo_db):  # type: ignore[no-untyped-def]
    widget = CustomersPage()
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    widget.set_context(demo_db, current_user(demo_db, None))
    qtbot.waitUntil(lambda: widget.model.rowCount() == 300, timeout=5000)
    return widget


def test_count_and_first_rows(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: page.count_label.text().startswith("300"), timeout=5000)
    qtbot.waitUntil(lambda: page.model.customer_id(0) is not None, timeout=5000)


def test_typing_filters_by_search(qtbot, page, demo_db) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from app.models import Customer

    with demo_db.session() as s:
        name, phone = s.execute(select(Customer.name, Customer.phone).order_by(Customer.id)).first()
    qtbot.keyClicks(page.search_edit, phone[-7:])  # QTest types ASCII only
    qtbot.waitUntil(lambda: 0 < page.model.rowCount() < 300, timeout=5000)
    qtbot.waitUntil(lambda: page.model.customer_id(0) is not None, timeout=5000)
    names = [page.model.index(r, 1).data() for r in range(page.model.rowCount())]
    assert name in names


def test_owes_money_filter(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    page.owes_check.setChecked(True)
    qtbot.waitUntil(lambda: page.model.rowCount() < 300 and not page.model.loading, timeout=5000)
    assert page.model.current_filter().owes_money is True


def test_hidden_columns_are_remembered(qtbot, page, demo_db) -> None:  # type: ignore[no-untyped-def]
    city = [c.key for c in COLUMNS].index("city")
    page.set_column_visible(city, False)
    again = CustomersPage()
    qtbot.addWidget(again)
    assert again.table.horizontalHeader().isSectionHidden(city)
    page.set_column_visible(city, True)
    third = CustomersPage()
    qtbot.addWidget(third)
    assert not third.table.horizontalHeader().isSectionHidden(city)


def test_enter_opens_the_customer(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: page.model.customer_id(0) is not None, timeout=5000)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 1))
    with qtbot.waitSignal(page.openCustomer, timeout=3000) as blocker:
        qtbot.keyPress(page.table, Qt.Key.Key_Return)
    assert blocker.args == [page.model.customer_id(0)]


def test_ctrl_n_asks_for_a_new_customer(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    page.table.setFocus()
    with qtbot.waitSignal(page.newCustomer, timeout=3000):
        qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)


def test_screenshot(qtbot, page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for r in range(25):
        page.model.index(r, 1).data()
    qtbot.waitUntil(lambda: page.model.customer_id(20) is not None, timeout=5000)
    qtbot.wait(50)
    assert page.grab().save(str(tmp_path / "customers.png"))
    page.grab().save("/tmp/customers.png")


def test_merge_two_selected_customers(qtbot, page, demo_db) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QItemSelectionModel

    from app.models import Customer

    qtbot.waitUntil(lambda: page.model.customer_id(1) is not None, timeout=5000)
    first, second = page.model.customer_id(0), page.model.customer_id(1)
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    page.table.selectionModel().select(page.model.index(0, 0), flags)
    page.table.selectionModel().select(page.model.index(1, 0), flags)
    dialog = page.merge_selected()
    dialog.keep_second.setChecked(True)
    with qtbot.waitSignal(page.model.countChanged, timeout=5000):
        dialog.accept()
    assert page.model.rowCount() == 299
    with demo_db.session() as s:
        assert s.get(Customer, first).merged_into_id == second


def test_tag_filter(qtbot, page, demo_db) -> None:  # type: ignore[no-untyped-def]
    from app.services import customer_list
    from app.services.customer_list import CustomerFilter

    qtbot.waitUntil(lambda: page.tag_box.count() > 1, timeout=5000)
    page.tag_box.setCurrentIndex(1)
    tag_id = page.tag_box.currentData()
    with demo_db.session() as s:
        expected = customer_list.count(s, CustomerFilter(tag_id=tag_id))
    qtbot.waitUntil(
        lambda: not page.model.loading and page.model.rowCount() == expected, timeout=5000
    )
    assert 0 < expected < 300

"""The Products page: its model checked by Qt's model tester, the period's quantity,
revenue and margin worked out by hand, the filters and search, add / change / deactivate
for managers only, export of the list shown and import with a check first."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from app.db import Database
from app.models import Customer, Product, User
from app.models.enums import ProductCategory, Role
from app.services import orders
from app.services.orders import LineInput, OrderInput, ReturnLineInput
from app.services.products import ProductData
from app.services.users import UserInfo, ensure_admin
from app.ui.customer_form_tabs import format_money
from app.ui.pages.products import MARGIN, NAME, QUANTITY, REVENUE, ProductsPage
from app.ui.product_import_dialog import ProductImportDialog

pytestmark = pytest.mark.gui

TIMEOUT = 5000
D = Decimal
TODAY = dt.date.today()


@pytest.fixture
def shop(db: Database) -> dict[str, int]:
    """Diesel (7.50, cost 6.80) and a wash (30.00, cost 5.00), a stopped product. This
    month: 40 L diesel and 2 washes; 10 L of diesel came back."""
    with db.write() as s:
        c = Customer(number="F1", name="顺达车队")
        diesel = Product(
            code="D0",
            name="0# 柴油",
            category=ProductCategory.FUEL,
            unit="L",
            list_price=D("7.50"),
            cost=D("6.80"),
        )
        wash = Product(name="洗车", category=ProductCategory.SERVICE, unit="次")
        wash.list_price, wash.cost = D("30"), D("5")
        old = Product(name="旧款脚垫", category=ProductCategory.ACCESSORY, active=False)
        s.add_all([c, diesel, wash, old])
        s.flush()
        ids = {"customer": c.id, "diesel": diesel.id, "wash": wash.id, "old": old.id}
    saved = orders.create(
        db,
        None,
        OrderInput(
            ids["customer"],
            TODAY,
            [LineInput(ids["diesel"], "40"), LineInput(ids["wash"], "2")],
        ),
        accept_credit_warning=True,
    )
    with db.session() as s:
        line = orders.for_edit(s, saved.order_id).data.lines[0]
    assert line.line_id is not None
    orders.add_return(db, None, saved.order_id, TODAY, lines=[ReturnLineInput(line.line_id, "10")])
    return ids


def user_of(db: Database, role: Role) -> UserInfo:
    if role == Role.ADMIN:
        return UserInfo(ensure_admin(db, "ada", "Ada Admin"), "ada", "Ada Admin", role)
    with db.write() as s:
        u = User(username="sam", display_name="Sam Sales", role=role, password_hash="x")
        s.add(u)
        s.flush()
        return UserInfo(u.id, "sam", "Sam Sales", role)


def open_page(qtbot, db, user) -> ProductsPage:  # type: ignore[no-untyped-def]
    page = ProductsPage()
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.products.loaded, timeout=TIMEOUT):
        page.set_context(db, user)
    return page


def texts(page: ProductsPage, column: int) -> list[str]:
    m = page.products.model
    return [m.index(r, column).data() for r in range(m.rowCount())]


def test_the_model_and_the_figures(qtbot, qtmodeltester, db, shop) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, db, user_of(db, Role.ADMIN))
    w = page.products
    qtmodeltester.check(w.model)
    # still sold, by category then name: fuel, service
    assert texts(page, NAME) == ["0# 柴油", "洗车"]
    # diesel: 40 − 10 = 30 L; revenue 300.00 − 75.00 = 225.00; cost 272.00 − 68.00 = 204.00
    assert texts(page, QUANTITY) == ["30", "2"]
    assert texts(page, REVENUE) == [format_money(D("225.00")), format_money(D("60.00"))]
    assert texts(page, MARGIN) == [format_money(D("21.00")), format_money(D("50.00"))]
    # filters: no longer sold; a category; a search
    with qtbot.waitSignal(w.loaded, timeout=TIMEOUT):
        w.active_box.setCurrentIndex(w.active_box.findData(False))
    assert texts(page, NAME) == ["旧款脚垫"]
    with qtbot.waitSignal(w.loaded, timeout=TIMEOUT):
        w.active_box.setCurrentIndex(w.active_box.findData(None))
    with qtbot.waitSignal(w.loaded, timeout=TIMEOUT):
        w.category_box.setCurrentIndex(w.category_box.findData("service"))
    assert texts(page, NAME) == ["洗车"]
    with qtbot.waitSignal(w.loaded, timeout=TIMEOUT):
        w.category_box.setCurrentIndex(0)
    with qtbot.waitSignal(w.loaded, timeout=TIMEOUT):
        w.search_edit.setText("柴")
    assert texts(page, NAME) == ["0# 柴油"]
    with qtbot.waitSignal(w.loaded, timeout=TIMEOUT):
        w.search_edit.setText("nothing like it")
    assert w.model.rowCount() == 0 and not w.empty_label.isHidden()
    qtmodeltester.check(w.model)
    # a period before the sales: nothing sold
    with qtbot.waitSignal(w.loaded, timeout=TIMEOUT):
        w.search_edit.setText("")
    with qtbot.waitSignal(w.loaded, timeout=TIMEOUT):
        w.from_edit.setDate(w.from_edit.date().addYears(-2))
    with qtbot.waitSignal(w.loaded, timeout=TIMEOUT):
        w.to_edit.setDate(w.from_edit.date().addYears(1))
    assert texts(page, NAME) == ["旧款脚垫", "0# 柴油", "洗车"]  # all products now
    assert texts(page, QUANTITY) == ["", "", ""] and texts(page, REVENUE) == ["", "", ""]


def test_managers_add_change_and_deactivate(qtbot, db, shop) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, db, user_of(db, Role.ADMIN))
    w = page.products
    assert w.add_button.isEnabled()
    w.edit_product = lambda row: ProductData(
        "尿素", ProductCategory.OTHER, "桶", "45", "30", True, "U1"
    )
    with qtbot.waitSignal(w.loaded, timeout=TIMEOUT):
        w.add()
    assert "尿素" in texts(page, NAME)
    assert w.select_product(shop["wash"])
    w.edit_product = lambda row: ProductData(
        row.name, row.category, row.unit, "35", str(row.cost), True, row.code
    )
    with qtbot.waitSignal(w.loaded, timeout=TIMEOUT):
        w.change()
    assert w.select_product(shop["wash"])
    assert w.active_button.isEnabled()
    with qtbot.waitSignal(w.loaded, timeout=TIMEOUT):
        w.toggle_active()
    assert "洗车" not in texts(page, NAME)  # the list shows what is still sold
    with db.session() as s:
        wash = s.get(Product, shop["wash"])
        assert (wash.list_price, wash.active) == (D("35.00"), False)


def test_others_read_only(qtbot, db, shop) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, db, user_of(db, Role.SALES))
    w = page.products
    assert texts(page, NAME) == ["0# 柴油", "洗车"]
    w.select_product(shop["diesel"])
    for button in (w.add_button, w.change_button, w.active_button, w.import_button):
        assert not button.isEnabled()
    assert w.export_button.isEnabled()
    assert w.add() is None and w.toggle_active() is None


def test_export_the_list_shown(qtbot, db, shop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, db, user_of(db, Role.ADMIN))
    w = page.products
    with qtbot.waitSignal(w.loaded, timeout=TIMEOUT):
        w.category_box.setCurrentIndex(w.category_box.findData("fuel"))
    out = tmp_path / "products.xlsx"
    w.ask_export_path = lambda: str(out)
    op = w.export_view()
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    ws = openpyxl.load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][:2] == ("D0", "0# 柴油")


def test_import_checks_then_imports(qtbot, db, shop, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = open_page(qtbot, db, user_of(db, Role.ADMIN))
    w = page.products
    bad = tmp_path / "bad.csv"
    bad.write_text("品名,售价\n机油,88\n坏的,abc\n", encoding="utf-8")
    w.ask_import_path = lambda: str(bad)
    dialog = w.import_file()
    assert isinstance(dialog, ProductImportDialog)
    qtbot.waitUntil(lambda: dialog.result_ is not None, timeout=TIMEOUT)
    assert not dialog.import_button.isEnabled()
    assert "3" in dialog.errors.toPlainText() and "abc" in dialog.errors.toPlainText()
    dialog.close()
    good = tmp_path / "good.csv"
    good.write_text("品名,售价,类别\n机油,88,配件\n0# 柴油,7.9,燃油\n", encoding="utf-8")
    w.ask_import_path = lambda: str(good)
    dialog = w.import_file()
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=TIMEOUT)
    assert "1" in dialog.summary.text() and "2" in dialog.summary.text()
    with qtbot.waitSignal(w.loaded, timeout=TIMEOUT):
        dialog.import_button.click()
    assert "机油" in texts(page, NAME)
    with db.session() as s:
        assert s.scalar(select(Product.list_price).where(Product.code == "D0")) == D("7.90")

"""Reports ▸ Targets (the grid a manager edits, copy last month, spread a year) and the
Today page's "This month's targets"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from app.db import Database
from app.models import Customer, Order, SalesTarget, User
from app.models.enums import Role
from app.services import targets
from app.services.targets import TargetInput
from app.services.users import current_user
from app.ui.models.targets_model import SHARE_ROLE, TargetsModel
from app.ui.pages.today import TodayPage
from app.ui.targets_tab import TargetsTab

pytestmark = pytest.mark.gui

TIMEOUT = 5000
TODAY = dt.date(2026, 11, 21)


@pytest.fixture
def office(db: Database) -> dict[str, int]:
    """Ana sold 1,500.00 in November 2026 (target 4,000.00); 王芳 sells too, no target."""
    with db.write() as s:
        ana = User(username="ana", display_name="Ana", role=Role.SALES)
        wang = User(username="wang", display_name="王芳", role=Role.SALES)
        mia = User(username="mia", display_name="Mia", role=Role.MANAGER)
        s.add_all([ana, wang, mia])
        s.flush()
        c = Customer(number="C1", name="Acme", owner_id=ana.id)
        s.add(c)
        s.flush()
        s.add(Order(customer_id=c.id, owner_id=ana.id, order_date=TODAY, amount=D("1500.00")))
        ids = {"ana": ana.id, "wang": wang.id, "mia": mia.id}
    targets.set_targets(db, None, "2026-11", [TargetInput(ids["ana"], "sales", "4000")])
    return ids


def test_model(qtmodeltester, db: Database, office: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s:
        prog = targets.progress(s, None, "2026-11", TODAY)
    model = TargetsModel()
    model.set_progress(prog, editable=True)
    qtmodeltester.check(model)
    # Ana, Mia, 王芳, then the office
    assert [model.index(r, 0).data() for r in range(4)] == ["Ana", "Mia", "王芳", "Office"]
    assert model.index(0, 3).data() == "37.5 %" and model.index(0, 3).data(SHARE_ROLE) == 0.375
    assert model.index(0, 1).data(0x2) == "4000.00"  # EditRole
    assert model.flags(model.index(0, 1)) & model.flags(model.index(0, 1)).ItemIsEditable
    assert not model.flags(model.index(3, 1)) & model.flags(model.index(0, 1)).ItemIsEditable
    edits: list[tuple[int, str, str]] = []
    model.targetEdited.connect(lambda *a: edits.append(a))
    assert model.setData(model.index(2, 4), "800")
    assert not model.setData(model.index(0, 2), "1")  # what was done is not typed in
    assert edits == [(office["wang"], "collections", "800")]
    assert model.index(2, 4).data() == "800"
    model.set_progress(prog, editable=False)
    assert not model.setData(model.index(0, 1), "1")
    qtmodeltester.check(model)


def make_tab(qtbot, db: Database, username: str | None) -> TargetsTab:  # type: ignore[no-untyped-def]
    tab = TargetsTab()
    qtbot.addWidget(tab)
    tab.today = TODAY
    tab.month_edit.setDate(dt.date(2026, 11, 1))
    tab.set_context(db, current_user(db, username) if username else None)
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.show()
    return tab


def test_manager_edits_copies_and_spreads(qtbot, db: Database, office: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, db, "mia")
    assert tab.copy_button.isVisible() and tab.spread_button.isEnabled()
    assert "6 days" not in tab.status.text() and "10 day" in tab.status.text()
    m = tab.model
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        m.setData(m.index(2, 1), "2000")  # 王芳's sales target
    with db.session() as s:
        assert targets.targets(s, None, "2026-11")[1].target == D("2000.00")
    assert m.index(2, 1).data().endswith("2,000.00")
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        m.setData(m.index(2, 1), "-5")  # refused: the message, then what is stored
    assert m.index(2, 1).data().endswith("2,000.00")
    # December: copy November's two targets
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.month_edit.setDate(dt.date(2026, 12, 1))
    assert m.index(0, 1).data() == ""
    with qtbot.waitSignal(tab.saved, timeout=TIMEOUT):
        tab.copy_last_month()
    assert tab.status.text() == "2 targets copied from last month."
    qtbot.waitUntil(lambda: m.index(0, 1).data().endswith("4,000.00"), timeout=TIMEOUT)
    tab.ask_spread = lambda: (office["wang"], 2027, "new_customers", "30", "even")
    with qtbot.waitSignal(tab.saved, timeout=TIMEOUT):
        tab.spread_year()
    with db.session() as s:
        spread = s.query(SalesTarget).filter(SalesTarget.month >= dt.date(2027, 1, 1)).all()
    assert sorted(int(t.target) for t in spread) == [2] * 6 + [3] * 6


def test_salesperson_sees_own_line(qtbot, db: Database, office: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, db, "ana")
    assert tab.model.rowCount() == 1 and tab.model.index(0, 0).data() == "Ana"
    assert not tab.copy_button.isVisible()
    assert not tab.model.setData(tab.model.index(0, 1), "1")
    assert "set by a manager" in tab.status.text()


def test_today_shows_this_months_targets(qtbot, db: Database, office: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    page = TodayPage()
    qtbot.addWidget(page)
    page.clock = lambda: dt.datetime.combine(TODAY, dt.time(9), dt.UTC)
    page.show()
    with qtbot.waitSignal(page.targets_strip.loaded, timeout=TIMEOUT):
        page.set_context(db, current_user(db, "ana"))
    strip = page.targets_strip
    assert strip.isVisible()
    assert strip.title.text() == "This month's targets (Ana, 10 days left)"
    _label, bar, detail = strip.rows["sales"]
    assert bar.value() == 38 and bar.format() == "37.5 %"
    assert detail.text().endswith("a day needed") and "4,000.00" in detail.text()
    assert not strip.rows["collections"][1].isVisible()  # no collections target
    assert not strip.empty.isVisible()


def test_salespeople_report_columns(qtbot, db: Database, office: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    from app.services import salespeople
    from app.ui.pages.reports import ReportsPage

    page = ReportsPage()
    qtbot.addWidget(page)
    with db.session() as s:
        month = salespeople.activity_report(s, salespeople.period_of("month", TODAY))
        week = salespeople.activity_report(s, salespeople.period_of("week", TODAY))
    page._show_salespeople(month)
    model = page.sp_model
    headers = [model.horizontalHeaderItem(c).text() for c in range(model.columnCount())]
    assert headers[-6:] == [
        "Sales: target",
        "Sales: reached",
        "Collections: target",
        "Collections: reached",
        "New customers: target",
        "New customers: reached",
    ]
    row = next(r for r in range(model.rowCount()) if model.item(r, 0).text() == "Ana")
    assert model.item(row, model.columnCount() - 5).text() == "37.5 %"
    assert model.item(row, model.columnCount() - 6).text().endswith("4,000.00")
    page._show_salespeople(week)
    assert model.columnCount() == len(headers) - 6


def test_targets_by_category_or_region(
    qtbot, qtmodeltester, db: Database, office: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    with db.write() as s:
        s.query(Customer).update({Customer.region: "华南"})
    tab = make_tab(qtbot, db, "mia")
    assert tab.regions == ["华南"] and not tab.narrow_view.isVisible()
    tab.ask_narrow = lambda: (office["ana"], "sales", "region", "华南", "3000")
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.add_narrowed()
    n = tab.narrowed
    qtmodeltester.check(n)
    assert tab.narrow_view.isVisible()
    assert [n.index(0, c).data() for c in (0, 1, 2, 3, 6)] == [
        "Ana",
        "Sales",
        "Region",
        "华南",
        "50.0 %",
    ]
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        n.setData(n.index(0, 4), "")  # cleared
    assert n.rowCount() == 0
    with db.session() as s:
        assert [t.dimension for t in targets.targets(s, None, "2026-11")] == [""]


def test_narrow_dialog_offers_what_fits(qtbot) -> None:  # type: ignore[no-untyped-def]
    from app.ui.targets_tab import NarrowDialog

    dialog = NarrowDialog([(7, "Ana")], ["华南", "华北"])
    qtbot.addWidget(dialog)
    assert dialog.measure_box.count() == 1  # by category: sales only
    dialog.which_box.setCurrentIndex(dialog.which_box.findData("fuel"))
    dialog.target_edit.setText("500")
    assert dialog.values() == (7, "sales", "category", "fuel", "500")
    dialog.by_box.setCurrentIndex(1)
    assert dialog.measure_box.count() == 3 and dialog.which_box.isEditable()
    dialog.which_box.setEditText("西南")
    dialog.measure_box.setCurrentIndex(2)
    assert dialog.values() == (7, "new_customers", "region", "西南", "500")

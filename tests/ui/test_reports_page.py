"""The Reports page: figures read off the UI thread, filters, a real click on a bar opening
the customers behind it on the Customers page, PNG export, segments recomputed.

Data (today 2026-06-30): Ana sells to c1 5000 and c2 2000 in June 2026, Ben to c3 100 in
May 2026 and c4 900 in June 2025. 80/20 over the last 12 months: total 7100, c1 before 0
→ A, c2 before 5000 < 5680 → A, c3 before 7000 → C (≥ 95 % of 7100 = 6745)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from app.db import Database
from app.models import Customer, Order, User
from app.models.enums import Role
from app.services.dashboard import Pick
from app.ui import formats
from app.ui.pages.reports import ReportsPage

TODAY = dt.date(2026, 6, 30)
TIMEOUT = 10_000


def build(db: Database) -> None:
    with db.write() as s:
        s.add_all(
            [
                User(id=11, username="ana", display_name="Ana", role=Role.SALES),
                User(id=12, username="ben", display_name="Ben", role=Role.SALES),
            ]
        )
        s.flush()
        for i, owner in ((1, 11), (2, 11), (3, 12), (4, 12)):
            s.add(Customer(id=i, number=f"C{i}", name=f"客户{i}", owner_id=owner))
        s.flush()
        for cid, owner, day, amount in (
            (1, 11, dt.date(2026, 6, 10), 5000),
            (2, 11, dt.date(2026, 6, 12), 2000),
            (3, 12, dt.date(2026, 5, 3), 100),
            (4, 12, dt.date(2025, 6, 3), 900),
        ):
            s.add(Order(customer_id=cid, owner_id=owner, order_date=day, amount=Decimal(amount)))


@pytest.fixture
def page(qtbot, db: Database) -> ReportsPage:  # type: ignore[no-untyped-def]
    build(db)
    p = ReportsPage()
    p.today = TODAY
    p.auto_recompute = False
    qtbot.addWidget(p)
    p.resize(1200, 1600)
    with qtbot.waitSignal(p.dashboardShown, timeout=TIMEOUT):
        p.set_context(db, None)
        p.show()
    return p


def click_bar(qtbot, page: ReportsPage, chart: str, pick: Pick) -> None:  # type: ignore[no-untyped-def]
    """A real left click in the middle of the bar that carries ``pick``."""
    from app.reports.charts import pick_of

    view = page.views[chart]
    view.canvas.draw()
    ax = view.figure.axes[0]
    bar = next(p for p in ax.patches if pick_of(p) == pick)
    x, y = ax.transData.transform(
        (bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height() / 2)
    )
    ratio = view.canvas.device_pixel_ratio
    height = view.figure.bbox.height
    point = QPoint(int(x / ratio), int((height - y) / ratio))
    QTest.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=point)


def test_dashboard_reads_the_figures_and_draws_every_chart(page: ReportsPage) -> None:
    data = page.dashboard
    assert data is not None
    assert data.sales.year == 2026
    assert data.sales.this_year[5] == Decimal("7000.00")  # June 2026
    assert data.sales.this_year[4] == Decimal("100.00")
    assert data.sales.last_year[5] == Decimal("900.00")
    for name, view in page.views.items():
        assert view.figure.axes, name
    assert "Segments have not been worked out yet" in page.status_label.text()


def test_clicking_a_bar_shows_its_customers(qtbot, page: ReportsPage) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.customersPicked, timeout=TIMEOUT) as blocker:
        click_bar(qtbot, page, "sales", Pick("sales", (2026, 6)))
    ids, what = blocker.args
    assert ids == [1, 2]
    assert what == f"Bought in {formats.month(dt.date(2026, 6, 1))}"  # 6/2026 in English


def test_owner_and_period_filters(qtbot, page: ReportsPage) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: page.owner_box.count() == 3, timeout=TIMEOUT)
    with qtbot.waitSignal(page.dashboardShown, timeout=TIMEOUT):
        page.owner_box.setCurrentIndex(page.owner_box.findData(12))  # Ben
    assert page.dashboard is not None
    assert page.dashboard.sales.this_year[5] == 0
    assert page.dashboard.sales.this_year[4] == Decimal("100.00")
    with qtbot.waitSignal(page.dashboardShown, timeout=TIMEOUT):
        page.period_box.setCurrentIndex(page.period_box.findData("last_year"))
    assert page.dashboard.sales.year == 2025
    assert page.dashboard.sales.this_year[5] == Decimal("900.00")


def test_recompute_then_a_slice_opens_class_a(qtbot, page: ReportsPage) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.segmentsRecomputed, timeout=TIMEOUT):
        page.recompute()
    qtbot.waitUntil(lambda: "worked out for" in page.status_label.text(), timeout=TIMEOUT)
    seg = page.dashboard.segments if page.dashboard else None
    assert seg is not None and seg.customers == [2, 0, 1]
    with qtbot.waitSignal(page.customersPicked, timeout=TIMEOUT) as blocker:
        page.open_pick(Pick("segments", ("A",)))
    assert blocker.args[0] == [1, 2]


def test_a_chart_saves_as_png(page: ReportsPage, tmp_path: Path) -> None:
    target = tmp_path / "sales.png"
    page.views["sales"].save(str(target))
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_salespeople_tab(qtbot, page: ReportsPage) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QDate

    with qtbot.waitSignal(page.salespeopleShown, timeout=TIMEOUT):
        page.tabs.setCurrentIndex(1)
    with qtbot.waitSignal(page.salespeopleShown, timeout=TIMEOUT):
        page.sp_period_box.setCurrentIndex(page.sp_period_box.findData("month"))
    with qtbot.waitSignal(page.salespeopleShown, timeout=TIMEOUT):
        page.sp_date.setDate(QDate(2026, 6, 15))
    names = [page.sp_model.item(r, 0).text() for r in range(page.sp_model.rowCount())]
    assert names == ["Ana", "Ben"]
    assert page.sp_model.item(0, 10).text() == "2"  # Ana's orders in June


def test_empty_database_shows_deliberate_empty_charts(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.db import open_database

    empty = open_database(tmp_path / "empty.db")
    p = ReportsPage()
    p.auto_recompute = False
    qtbot.addWidget(p)
    try:
        with qtbot.waitSignal(p.dashboardShown, timeout=TIMEOUT):
            p.set_context(empty, None)
            p.show()
        assert "Nothing to chart yet" in p.status_label.text()
        texts = [t.get_text() for t in p.views["sales"].figure.axes[0].texts]
        assert texts == ["No figures for this period"]
    finally:
        empty.dispose()


def test_customers_page_shows_picked_ids_and_segment_filters(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    from app.services import segments
    from app.ui.pages.customers import CustomersPage

    build(db)
    segments.recompute(db, None, TODAY)
    cp = CustomersPage()
    qtbot.addWidget(cp)
    with qtbot.waitSignal(cp.model.countChanged, timeout=TIMEOUT):
        cp.set_context(db, None)
    with qtbot.waitSignal(cp.model.countChanged, timeout=TIMEOUT) as blocker:
        cp.show_ids([2, 3], "Segment A")
    assert blocker.args == [2]
    assert cp.picked_label.text() == "Segment A"
    with qtbot.waitSignal(cp.model.countChanged, timeout=TIMEOUT) as blocker:
        cp.clear_ids()
    assert blocker.args == [4]
    with qtbot.waitSignal(cp.model.countChanged, timeout=TIMEOUT) as blocker:
        cp.class_box.setCurrentIndex(cp.class_box.findData("A"))
        cp.apply_filter()
    assert blocker.args == [2]
    from app.services.customer_list import LIST_COLUMNS

    col = [c.key for c in LIST_COLUMNS].index("abc_class")
    cp.model.data(cp.model.index(0, col))  # asks for the first page
    qtbot.waitUntil(lambda: cp.model.customer_id(0) is not None, timeout=TIMEOUT)
    assert cp.model.data(cp.model.index(0, col)) == "A"


def test_customer_file_shows_its_segments(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    from app.services import segments
    from app.ui.customer_form import CustomerForm

    build(db)
    segments.recompute(db, None, TODAY)
    form = CustomerForm(db, None, 1)
    qtbot.addWidget(form)
    qtbot.waitUntil(lambda: form.header_segments.text() != "", timeout=TIMEOUT)
    text = form.header_segments.text()
    # c1: one purchase in the period → new; class A; RFM of 3 buyers: R rank 2 → 1 + ⌊5/3⌋
    # = 2, F (all 1) → 1, M rank 3 → 1 + ⌊10/3⌋ = 4.
    assert "Class A" in text and "RFM 214" in text and "New" in text
    form.close()


def test_in_the_window_a_pick_opens_the_customers_page_filtered(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    build(window.database)
    page = window.page("reports")
    page.today = TODAY
    page.auto_recompute = False
    with qtbot.waitSignal(page.dashboardShown, timeout=TIMEOUT):
        window.switch_to_page("reports")
    customers = window.page("customers")
    with qtbot.waitSignal(customers.model.countChanged, timeout=TIMEOUT) as blocker:
        page.open_pick(Pick("sales", (2026, 6)))
    assert window.current_page_name() == "customers"
    assert blocker.args == [2]
    assert customers.picked_label.isVisible()


def test_segments_are_worked_out_by_themselves_once_when_missing(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    build(db)
    p = ReportsPage()
    p.today = TODAY
    qtbot.addWidget(p)
    recomputed: list[object] = []
    p.segmentsRecomputed.connect(recomputed.append)
    p.set_context(db, None)
    p.show()
    qtbot.waitUntil(lambda: "worked out for" in p.status_label.text(), timeout=TIMEOUT)
    assert len(recomputed) == 1
    with qtbot.waitSignal(p.dashboardShown, timeout=TIMEOUT):
        p.reload()
    assert len(recomputed) == 1  # up to date now: not again
    assert p.dashboard is not None and p.dashboard.segments.customers == [2, 0, 1]

"""Reports ▸ Monthly workbook as a manager uses it: pick the month, save, open; and a
cancel that leaves no file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt

from app.services.users import current_user
from app.ui.monthly_tab import MonthlyTab, last_month
from app.ui.pages.reports import ReportsPage

pytestmark = pytest.mark.gui

TIMEOUT = 30_000


def test_last_month() -> None:
    assert last_month(dt.date(2026, 1, 15)) == dt.date(2025, 12, 1)
    assert last_month(dt.date(2026, 3, 31)) == dt.date(2026, 2, 1)


def test_make_the_workbook_from_the_reports_page(qtbot, demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = ReportsPage()
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.set_context(demo_db, current_user(demo_db, None))
    page.show()
    page.tabs.setCurrentWidget(page.monthly_tab)
    tab: MonthlyTab = page.monthly_tab
    tab.month_edit.setDate(QDate(2026, 10, 1))
    tab.lang_box.setCurrentIndex(tab.lang_box.findData("es"))
    target = tmp_path / "octubre"
    tab.ask_path = lambda suggested: str(target) if "2026-10" in suggested else ""
    with qtbot.waitSignal(tab.written, timeout=TIMEOUT) as written:
        qtbot.mouseClick(tab.make_button, Qt.MouseButton.LeftButton)
    assert written.args == [str(target) + ".xlsx"]
    wb = openpyxl.load_workbook(written.args[0])
    assert wb.sheetnames[0] == "Resumen"
    assert wb["Resumen"]["A1"].value == "Informe mensual 2026-10"
    assert tab.open_button.isEnabled() and "octubre.xlsx" in tab.status.text()


def test_cancel_leaves_no_file(qtbot, demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = MonthlyTab()
    qtbot.addWidget(tab)
    tab.set_context(demo_db, current_user(demo_db, None))
    out = tmp_path / "out"
    out.mkdir()
    tab.ask_path = lambda _s: str(out / "m.xlsx")
    op = tab.make()
    assert op is not None
    op.cancel()
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert op.was_cancelled
    assert "Cancelled" in tab.status.text()
    assert list(out.iterdir()) == []  # neither the workbook nor a half-written part

"""Customers ▸ Export…: the list as shown, filtered and sorted, written in a worker."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.models.enums import Lifecycle
from app.services import customer_list
from app.services.customer_list import COLUMNS
from app.services.users import current_user
from app.ui.pages.customers import CustomersPage

pytestmark = pytest.mark.gui


def test_export_button_writes_the_filtered_sorted_list(
    qtbot, demo_db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    page = CustomersPage()
    qtbot.addWidget(page)
    page.show()
    page.set_context(demo_db, current_user(demo_db, None))
    qtbot.waitUntil(lambda: page.model.rowCount() == 300, timeout=5000)
    page.lifecycle_box.setCurrentIndex(page.lifecycle_box.findData(Lifecycle.STEADY))
    page.apply_filter()
    created = [c.key for c in COLUMNS].index("created_at")
    page.table.horizontalHeader().setSortIndicator(created, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: 0 < page.model.rowCount() < 300 and not page.model.loading)

    target = tmp_path / "客户.xlsx"
    monkeypatch.setattr(page, "ask_export_path", lambda: str(target))
    button = page.findChild(type(page.export_button), "customerExportButton")
    assert button is page.export_button
    op = page.export_view()
    assert op is not None
    qtbot.waitUntil(lambda: op.done, timeout=10_000)
    assert op.error is None and op.result.rows == page.model.rowCount()

    with demo_db.session() as s:
        expected = customer_list.page(
            s, page.model.current_filter(), "created_at", True, limit=1000
        )
    wb = openpyxl.load_workbook(target)
    ws = wb.active
    header = [c.value for c in ws[1]]
    assert header[: len(COLUMNS)] == [
        page.model.headerData(i, Qt.Orientation.Horizontal) for i in range(len(COLUMNS))
    ]
    numbers = [r[0] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert numbers == [r["number"] for r in expected]

    box = page.findChild(QMessageBox, "customerExportDoneBox")
    assert box is not None and str(target) in box.text()
    box.close()

"""Reports ▸ Satisfaction: the demo office's scores per month and per salesperson."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QDate

from app.db import Database
from app.ui.satisfaction_tab import SatisfactionTab

pytestmark = pytest.mark.gui
TIMEOUT = 10_000


def test_demo_scores(qtbot, demo_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = SatisfactionTab()
    qtbot.addWidget(tab)
    tab.resize(900, 640)
    tab.show()
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.set_context(demo_db, None)
    report = tab.report
    assert report is not None and report.total.answers > 0
    assert tab.table.rowCount() == len(report.salespeople) > 0
    assert (
        sum(int(tab.table.item(r, 1).text().replace(",", "")) for r in range(tab.table.rowCount()))
        == report.total.answers
    )
    assert str(report.total.answers) in tab.total_label.text().replace(",", "")
    if os.environ.get("CLIENTELA_SHOTS"):
        tab.grab().save(str(tmp_path / "satisfaction.png"))
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.from_edit.setDate(QDate(1990, 1, 1))
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.to_edit.setDate(QDate(1990, 2, 1))
    assert tab.report is not None and tab.report.total.answers == 0
    assert tab.table.rowCount() == 0

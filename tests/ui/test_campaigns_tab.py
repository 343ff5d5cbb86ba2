"""Reports ▸ Campaigns on the demo office: each campaign's figures as the service gives
them, the lead sources, and an empty period."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QDate

from app.db import Database
from app.ui.campaigns_tab import CampaignsTab

pytestmark = pytest.mark.gui
TIMEOUT = 10_000


def test_demo_campaigns(qtbot, demo_db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = CampaignsTab()
    qtbot.addWidget(tab)
    tab.resize(1000, 640)
    tab.from_edit.setDate(QDate(2000, 1, 1))
    tab.show()
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.set_context(demo_db, None)
    result = tab.result
    assert result is not None and result.campaigns and result.sources
    assert tab.table.rowCount() == len(result.campaigns)
    first = result.campaigns[0]
    assert tab.table.item(0, 0).text() == first.name
    assert tab.table.item(0, 3).text().replace(",", "") == str(first.invited)
    assert "30" in tab.note.text()
    if os.environ.get("CLIENTELA_SHOTS"):
        tab.grab().save(str(tmp_path / "campaigns.png"))
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.to_edit.setDate(QDate(2000, 2, 1))
    assert tab.table.rowCount() == 0

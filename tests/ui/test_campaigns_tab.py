"""Reports ▸ Campaigns on the demo office: each campaign's figures as the service gives
them, the lead sources, and an empty period."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QDate

from app.db import Database
from app.ui import formats
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


def test_responses_of_the_invited(qtbot, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from app.models import CampaignMember

    tab = CampaignsTab()
    qtbot.addWidget(tab)
    tab.from_edit.setDate(QDate(2000, 1, 1))
    tab.show()
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.set_context(demo_db, None)
    assert tab.result is not None
    line = tab.result.campaigns[0]
    dialog = tab.open_members(0)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.table.rowCount() == line.invited, timeout=TIMEOUT)
    row = next(i for i, r in enumerate(dialog.rows) if r.response != "declined")
    customer = dialog.rows[row].customer_id
    dialog.table.selectRow(row)
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):  # the tab reads again
        op = dialog.respond("declined")
        assert op is not None
    assert op.error is None
    with demo_db.session() as s:
        answer = s.scalar(
            select(CampaignMember.response).where(
                CampaignMember.campaign_id == line.id, CampaignMember.customer_id == customer
            )
        )
        assert getattr(answer, "value", answer) == "declined"
    qtbot.waitUntil(lambda: dialog.rows[row].response == "declined", timeout=TIMEOUT)
    assert not dialog.response_buttons["declined"].isEnabled()
    dialog.close()


def test_a_new_campaign(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    from app.models import Campaign

    tab = CampaignsTab()
    qtbot.addWidget(tab)
    tab.show()
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.set_context(db, None)
    dialog = tab.new_campaign()
    assert dialog is not None
    dialog.name_edit.setText("冬季保养")
    dialog.cost_edit.setText("-3")
    op = dialog.save()
    assert op is not None
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert dialog.error_label.isVisible() and dialog.isVisible()
    with db.session() as s:
        assert s.query(Campaign).count() == 0
    dialog.cost_edit.setText("3000")
    dialog.channel_box.setCurrentIndex(dialog.channel_box.findData("sms"))
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):  # the list reads again
        dialog.save()
    with db.session() as s:
        (c,) = s.query(Campaign).all()
        assert (c.name, c.kind.value, c.channel.value, str(c.cost)) == (
            "冬季保养",
            "promotion",
            "sms",
            "3000.00",
        )
    assert [ln.name for ln in tab.result.campaigns] == ["冬季保养"]  # type: ignore[union-attr]


def test_the_default_period_runs_to_the_end_of_the_next_quarter() -> None:
    import datetime as dt

    from app.ui.campaigns_tab import default_period

    d = dt.date
    assert default_period(d(2026, 11, 24)) == (d(2026, 1, 1), d(2027, 3, 31))
    assert default_period(d(2026, 3, 31)) == (d(2026, 1, 1), d(2026, 6, 30))
    assert default_period(d(2026, 7, 1)) == (d(2026, 1, 1), d(2026, 12, 31))


def test_a_campaign_for_next_month_is_listed_by_default(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from app.services import campaigns

    today = dt.date.today()
    next_month = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    campaigns.create(
        db, None, campaigns.CampaignData("春节回馈", "promotion", starts_on=next_month)
    )
    tab = CampaignsTab()
    qtbot.addWidget(tab)
    tab.show()
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.set_context(db, None)
    assert [ln.name for ln in tab.result.campaigns] == ["春节回馈"]  # type: ignore[union-attr]
    assert tab.table.item(0, 2).text() == formats.date(next_month)

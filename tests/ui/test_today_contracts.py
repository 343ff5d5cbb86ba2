"""Contracts ending within 30 days on their owner's Today page."""

from __future__ import annotations

import datetime as dt

import pytest

from app.db import Database
from app.models import Customer, User
from app.models.enums import ContractStatus, Role
from app.services import contracts
from app.services.contracts import ContractData
from app.services.users import current_user
from app.ui.pages.today import TodayPage

pytestmark = pytest.mark.gui

NOW = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC)
TIMEOUT = 10_000


def test_contracts_ending_soon_are_on_today(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    with db.write() as s:
        li = User(username="li", display_name="李娜", role=Role.SALES)
        s.add(li)
        s.flush()
        c = Customer(number="C1", name="长城车队", owner_id=li.id)
        s.add(c)
        s.flush()
        cid = c.id
    contracts.save(
        db,
        None,
        ContractData(
            cid,
            "HT-2026-08",
            title="年度供油合同",
            ends_on=dt.date(2026, 12, 4),
            status=ContractStatus.IN_FORCE,
        ),
    )
    page = TodayPage()
    page.clock = lambda: NOW
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        page.set_context(db, current_user(db, "li"))
    card = page.cards["contracts"]
    assert card.count == 1
    assert [row.item.title for row in card.rows] == ["HT-2026-08 年度供油合同"]
    assert "10" in page._detail("contracts", card.rows[0].item, NOW.date(), False)

"""Settings ▸ Service and loyalty: shows the defaults, saves what a manager sets, refuses
thresholds that do not rise (nothing stored), read-only for a salesperson."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.db import Database
from app.models import Setting, User
from app.models.enums import Role
from app.services import cases, loyalty
from app.services.users import current_user
from app.ui.loyalty_settings import LoyaltySettingsTab

pytestmark = pytest.mark.gui
TIMEOUT = 5000


@pytest.fixture
def people(db: Database) -> None:
    with db.write() as s:
        s.add_all(
            [
                User(username="boss", display_name="王经理", role=Role.MANAGER),
                User(username="li", display_name="李娜", role=Role.SALES),
            ]
        )


def make_tab(qtbot, db: Database, user: str) -> LoyaltySettingsTab:  # type: ignore[no-untyped-def]
    tab = LoyaltySettingsTab()
    qtbot.addWidget(tab)
    tab.resize(700, 560)
    tab.show()
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.set_context(db, current_user(db, user))
    return tab


def test_save_and_refuse(qtbot, db: Database, people: None, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, db, "boss")
    assert tab.due_days.value() == 3
    assert tab.thresholds["silver"].value() == 5000
    assert tab.multipliers["vip"].value() == 2.0
    assert tab.expire_months.text() == "Never"
    if os.environ.get("CLIENTELA_SHOTS"):
        tab.grab().save(str(tmp_path / "loyalty_settings.png"))
    tab.due_days.setValue(5)
    tab.thresholds["gold"].setValue(30000)
    tab.points_per_unit.setValue(2)
    tab.expire_months.setValue(24)
    with qtbot.waitSignal(tab.saved, timeout=TIMEOUT):
        tab.save()
    with db.session() as s:
        cfg = loyalty.load_settings(s)
        assert cfg.thresholds["gold"] == 30000 and cfg.points_per_unit == 2
        assert cfg.expire_months == 24
        assert cases.due_days(s) == 5

    tab.thresholds["silver"].setValue(40000)  # above gold
    op = tab.save()
    assert op is not None
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert "rise" in tab.message.text()
    with db.session() as s:
        assert loyalty.load_settings(s).thresholds["silver"] == 5000
        assert s.get(Setting, loyalty.S_THRESHOLDS) is not None


def test_a_salesperson_only_reads(qtbot, db: Database, people: None) -> None:  # type: ignore[no-untyped-def]
    tab = make_tab(qtbot, db, "li")
    assert not tab.save_button.isEnabled() and not tab.due_days.isEnabled()
    assert tab.message.text()

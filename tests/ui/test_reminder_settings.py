"""Settings ▸ Reminders as a person uses it: the stored rules are shown, changed and
saved; a category added; a salesperson sees them read-only."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSpinBox

from app.db import Database
from app.models import Customer, User
from app.models.enums import Role
from app.services import reminders
from app.services.users import UserInfo, current_user
from app.ui.reminder_settings import ReminderSettingsTab

pytestmark = pytest.mark.gui

TIMEOUT = 10_000


def _tab(qtbot, db: Database, user: UserInfo | None) -> ReminderSettingsTab:  # type: ignore[no-untyped-def]
    tab = ReminderSettingsTab()
    qtbot.addWidget(tab)
    tab.resize(800, 700)
    tab.show()
    qtbot.waitExposed(tab)
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.set_context(db, user)
    return tab


def _rows(tab: ReminderSettingsTab) -> dict[str, int]:
    out = {}
    for row in range(tab.table.rowCount()):
        item = tab.table.item(row, 0)
        box = tab.table.cellWidget(row, 1)
        assert isinstance(box, QSpinBox)
        out[item.data(Qt.ItemDataRole.UserRole) or item.text()] = box.value()
    return out


def test_change_and_save_the_rules(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    with db.write() as s:
        s.add(Customer(number="C1", name="Fleet One", category="Fleet"))
    tab = _tab(qtbot, db, current_user(db, None))
    assert tab.birthday_box.value() == 3 and tab.factor_box.value() == 2.0
    assert _rows(tab) == {"default": 7, "Fleet": 7}  # a category in use is offered
    tab.birthday_box.setValue(5)
    tab.factor_box.setValue(2.5)
    tab.table.cellWidget(1, 1).setValue(14)  # Fleet
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    tab.table.item(2, 0).setText("  Dealer ")
    tab.table.cellWidget(2, 1).setValue(21)
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert "Saved" in tab.status.text()
    with db.session() as s:
        rules = reminders.load_settings(s)
    assert rules.birthday_days_ahead == 5 and rules.win_back_factor == 2.5
    assert rules.return_visit_after("Fleet") == 14
    assert rules.return_visit_after("Dealer") == 21
    assert rules.return_visit_after("Other") == 7
    assert _rows(tab) == {"default": 7, "Dealer": 21, "Fleet": 14}

    tab.table.setCurrentCell(0, 0)  # the default row cannot be removed
    tab.remove_button.click()
    assert tab.table.rowCount() == 3
    tab.table.setCurrentCell(1, 0)
    tab.remove_button.click()
    assert "Dealer" not in _rows(tab)


def test_a_salesperson_sees_the_rules_read_only(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    with db.write() as s:
        clerk = User(username="li", display_name="Li", role=Role.SALES)
        s.add(clerk)
        s.flush()
        info = UserInfo(clerk.id, "li", "Li", Role.SALES)
    tab = _tab(qtbot, db, info)
    assert not tab.save_button.isEnabled()
    assert tab.save() is None
    assert "administrators" in tab.status.text()

"""Settings ▸ Users: the table, adding and editing users, passwords, deactivating, the
hand-over with its preview, the office rules, and what each role may press."""

from __future__ import annotations

from collections import Counter

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.db import Database
from app.models import Customer, User
from app.models.enums import Role
from app.services import access, customer_list, customers, users
from app.services.customer_list import CustomerFilter
from app.services.customers import CustomerData
from app.services.users import UserData, UserInfo
from app.ui.user_settings import UserSettingsTab

TIMEOUT = 10_000


@pytest.fixture
def office(db: Database) -> dict[str, int]:
    boss = users.ensure_admin(db, "boss", "老板", password="boss-password")
    ids = {"boss": boss}
    for name, display, role in (
        ("wang", "王经理", Role.MANAGER),
        ("li", "李娜", Role.SALES),
        ("zhao", "赵敏", Role.SALES),
    ):
        ids[name] = users.add_user(db, boss, UserData(name, display, role))
    for i in range(3):
        customers.create(db, None, CustomerData(name=f"李的客户{i}", owner_id=ids["li"]))
    return ids


def _info(db: Database, user_id: int) -> UserInfo:
    info = users.user_info(db, user_id)
    assert info is not None
    return info


def _tab(qtbot: QtBot, db: Database, user: UserInfo | None) -> UserSettingsTab:
    tab = UserSettingsTab()
    qtbot.addWidget(tab)
    tab.resize(700, 500)
    tab.show()
    tab.set_context(db, user)
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0, timeout=TIMEOUT)
    return tab


def _wait(qtbot: QtBot, tab: UserSettingsTab) -> None:
    qtbot.waitUntil(lambda: tab.operation is not None and tab.operation.done, timeout=TIMEOUT)
    op = tab.operation
    qtbot.waitUntil(lambda: op is tab.operation and op.done, timeout=TIMEOUT)


def test_model_lists_users(
    qtbot: QtBot, qtmodeltester, db: Database, office: dict[str, int]
) -> None:
    tab = _tab(qtbot, db, _info(db, office["boss"]))
    qtmodeltester.check(tab.model)
    names = [tab.model.index(r, 0).data() for r in range(tab.model.rowCount())]
    assert set(names) == {"老板", "王经理", "李娜", "赵敏"}
    row = tab.model.row_for(office["boss"])
    assert tab.model.index(row, 2).data() == "Administrator"
    assert tab.model.index(row, 3).data() == "Set"
    assert tab.model.index(tab.model.row_for(office["li"]), 3).data() == "None"


def test_add_edit_password_and_deactivate(
    qtbot: QtBot, db: Database, office: dict[str, int]
) -> None:
    tab = _tab(qtbot, db, _info(db, office["boss"]))
    dialog = tab.add_user()
    dialog.username.setText("mei")
    dialog.display.setText("梅")
    dialog.role.setCurrentIndex(dialog.role.findData("viewer"))
    assert dialog.passwords is not None
    dialog.passwords.password.setText("mei-password")
    dialog.passwords.again.setText("nope")
    dialog.accept()
    assert dialog.isVisible() and dialog.message.text() == "The two passwords differ."
    dialog.passwords.again.setText("mei-password")
    dialog.accept()
    qtbot.waitUntil(lambda: tab.model.row_for(_id(db, "mei")) >= 0, timeout=TIMEOUT)
    mei = _id(db, "mei")
    assert users.sign_in(db, "mei", "mei-password").role is Role.VIEWER

    tab.select_user(mei)
    edit = tab.edit_user()
    assert edit is not None and edit.username.text() == "mei"
    edit.display.setText("梅小姐")
    edit.money.setChecked(False)
    edit.accept()
    qtbot.waitUntil(
        lambda: tab.model.index(tab.model.row_for(mei), 0).data() == "梅小姐", timeout=TIMEOUT
    )
    assert tab.model.index(tab.model.row_for(mei), 4).data() == "No"

    tab.select_user(mei)
    pw = tab.set_password()
    assert pw is not None
    pw.fields.password.setText("new-password")
    pw.fields.again.setText("new-password")
    pw.accept()
    _wait(qtbot, tab)
    assert users.sign_in(db, "mei", "new-password").id == mei

    tab.select_user(mei)
    tab.deactivate_user()
    qtbot.waitUntil(
        lambda: tab.model.index(tab.model.row_for(mei), 5).data() == "Deactivated",
        timeout=TIMEOUT,
    )
    with db.session() as s:
        assert s.get(User, mei) is not None  # never deleted


def _id(db: Database, username: str) -> int:
    with db.session() as s:
        return s.scalar(select(User.id).where(User.username == username)) or -1


def test_reassign_with_preview(qtbot: QtBot, db: Database, office: dict[str, int]) -> None:
    tab = _tab(qtbot, db, _info(db, office["wang"]))  # a manager
    assert not tab.add_button.isEnabled() and tab.reassign_button.isEnabled()
    tab.select_user(office["li"])
    dialog = tab.reassign()
    assert dialog is not None and dialog.from_user() == office["li"]
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=TIMEOUT)
    assert dialog.preview_label.text() == "Will move: 3 customers, 0 open deals, 0 open tasks."
    assert not dialog.ok_button.isEnabled()  # nobody to receive yet
    dialog.check_receiver(office["zhao"])
    dialog.check_receiver(office["wang"])
    assert dialog.ok_button.isEnabled()
    dialog.accept()
    qtbot.waitUntil(lambda: tab.status.text().startswith("Handed over"), timeout=TIMEOUT)
    assert tab.status.text() == "Handed over 3 customers, 0 open deals and 0 open tasks."
    with db.session() as s:
        owners = Counter(s.scalars(select(Customer.owner_id)))
        assert set(owners) == {office["zhao"], office["wang"]}  # spread evenly: 2 and 1
        assert sorted(owners.values()) == [1, 2]
        assert s.scalar(select(User.active).where(User.id == office["li"])) is False


def test_salesperson_may_only_change_their_own_password(
    qtbot: QtBot, db: Database, office: dict[str, int]
) -> None:
    tab = _tab(qtbot, db, _info(db, office["li"]))
    for button in (tab.add_button, tab.edit_button, tab.deactivate_button, tab.reassign_button):
        assert not button.isEnabled()
    assert not tab.sees_all.isEnabled() and not tab.os_login.isEnabled()
    tab.select_user(office["zhao"])
    assert not tab.password_button.isEnabled()
    tab.select_user(office["li"])
    assert tab.password_button.isEnabled()


def test_office_rules_are_stored(qtbot: QtBot, db: Database, office: dict[str, int]) -> None:
    tab = _tab(qtbot, db, _info(db, office["wang"]))  # a manager: who sees what, not OS login
    assert tab.sees_all.isEnabled() and not tab.os_login.isEnabled()
    tab.sees_all.setChecked(True)
    qtbot.waitUntil(lambda: tab.status.text() == "Office rules saved.", timeout=TIMEOUT)
    with db.session() as s:
        assert access.setting(s, access.EVERYONE_SEES_ALL) is True
        assert customer_list.count(s, CustomerFilter(), office["zhao"]) == 3  # Li's too
    tab.set_context(db, _info(db, office["boss"]))
    qtbot.waitUntil(lambda: tab.os_login.isEnabled(), timeout=TIMEOUT)
    tab.status.clear()
    tab.os_login.setChecked(True)
    qtbot.waitUntil(lambda: tab.status.text() == "Office rules saved.", timeout=TIMEOUT)
    with db.session() as s:
        assert access.setting(s, access.OS_LOGIN) is True

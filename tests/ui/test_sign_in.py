"""Signing in through the window: the dialog, the main window asking before any page shows
data, and the welcome dialog's first administrator with a password."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.db import Database
from app.models.enums import Role
from app.services import customers, users
from app.services.customers import CustomerData
from app.services.users import UserData
from app.ui.main_window import MainWindow
from app.ui.sign_in_dialog import SignInDialog

TIMEOUT = 10_000


@pytest.fixture
def office(db: Database) -> dict[str, int]:
    boss = users.ensure_admin(db, "boss", "老板", password="boss-password")
    mei = users.add_user(db, boss, UserData("mei", "梅", Role.SALES), "mei-password")
    customers.create(db, None, CustomerData(name="梅的客户", owner_id=mei))
    customers.create(db, None, CustomerData(name="老板的客户", owner_id=boss))
    return {"boss": boss, "mei": mei}


def _dialog(qtbot, db: Database, name: str | None = None) -> SignInDialog:
    dialog = SignInDialog(db, username=name)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_right_password_signs_in(qtbot: QtBot, db: Database, office: dict[str, int]) -> None:
    dialog = _dialog(qtbot, db, "mei")
    assert dialog.name_edit.text() == "mei"
    qtbot.keyClicks(dialog.password_edit, "mei-password")
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.user is not None and dialog.user.id == office["mei"]
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_wrong_password_says_so_and_later_how_long_to_wait(
    qtbot, db: Database, office: dict[str, int]
) -> None:
    dialog = _dialog(qtbot, db, "mei")
    for _ in range(users.FREE_ATTEMPTS):
        dialog.password_edit.setText("wrong")
        op = dialog.sign_in()
        assert op is not None
        qtbot.waitUntil(lambda op=op: op.done, timeout=TIMEOUT)
        assert dialog.message.text() == "wrong user name or password"
        assert dialog.password_edit.text() == "" and dialog.isVisible()
    dialog.password_edit.setText("mei-password")  # right, but too soon
    op = dialog.sign_in()
    assert op is not None
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert dialog.message.text().startswith("too many wrong passwords: try again in")
    assert dialog.user is None and dialog.isVisible()


def test_empty_name_is_asked_for(qtbot: QtBot, db: Database, office: dict[str, int]) -> None:
    dialog = _dialog(qtbot, db)
    assert dialog.sign_in() is None
    assert dialog.message.text() == "Enter your user name."


def test_window_shows_nothing_until_signed_in(
    qtbot: QtBot, db: Database, office: dict[str, int]
) -> None:
    w = MainWindow(db, offer_welcome=False, user_name="mei")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.sign_in_dialog is not None, timeout=TIMEOUT)
    assert w.user is None
    assert all(page.db is None for page in w.pages.values())
    assert w.status_user.text() == "Not signed in"
    dialog = w.sign_in_dialog
    assert dialog is not None and dialog.name_edit.text() == "mei"
    dialog.password_edit.setText("mei-password")
    dialog.sign_in()
    qtbot.waitUntil(lambda: w.user is not None, timeout=TIMEOUT)
    assert w.user is not None and w.user.id == office["mei"]
    assert w.status_user.text() == "梅"
    page = w.page("customers")
    assert page.db is db
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=TIMEOUT)  # type: ignore[attr-defined]
    assert not w.status_sign_in.isVisible()


def test_cancel_leaves_the_window_empty_with_a_sign_in_button(
    qtbot, db: Database, office: dict[str, int]
) -> None:
    w = MainWindow(db, offer_welcome=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.sign_in_dialog is not None, timeout=TIMEOUT)
    dialog = w.sign_in_dialog
    assert dialog is not None
    dialog.reject()
    qtbot.waitUntil(lambda: w.status_sign_in.isVisible(), timeout=TIMEOUT)
    assert w.user is None and all(page.db is None for page in w.pages.values())
    qtbot.mouseClick(w.status_sign_in, Qt.MouseButton.LeftButton)
    assert w.sign_in_dialog is not None and w.sign_in_dialog.isVisible()


def test_os_login_allowed_needs_no_dialog(
    qtbot, db: Database, office: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services import access, settings

    with db.write() as s:
        settings.store(s, None, {access.OS_LOGIN: True})
    with db.session() as s:
        row = next(r for r in users.list_users(s) if r.username == "mei")
    users.update_user(db, None, row.id, row.version, UserData("mei", "梅", os_login_allowed=True))
    monkeypatch.setattr(users, "os_login_name", lambda: "mei")
    w = MainWindow(db, offer_welcome=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.user is not None, timeout=TIMEOUT)
    assert w.user is not None and w.user.username == "mei" and w.sign_in_dialog is None


def test_welcome_admin_with_password_is_signed_in(qtbot: QtBot, db: Database) -> None:
    w = MainWindow(db, offer_welcome=True, user_name="chef")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.welcome_dialog is not None, timeout=TIMEOUT)
    welcome = w.welcome_dialog
    assert welcome is not None
    welcome.password_edit.setText("chef-password")
    welcome.confirm_edit.setText("other")
    assert welcome.start_empty() is None
    assert welcome.status.text() == "The two passwords differ."
    welcome.confirm_edit.setText("chef-password")
    welcome.start_empty()
    qtbot.waitUntil(lambda: w.user is not None, timeout=TIMEOUT)
    assert w.user is not None and w.user.username == "chef" and w.sign_in_dialog is None
    assert users.sign_in(db, "chef", "chef-password").role is Role.ADMIN

"""The customer file's Privacy menu: the consent history for everyone who sees the file;
Export everything… and Erase this person… (typed customer number) for managers and
administrators only, both run off the UI thread; and the privacy notice in Settings."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from app.db import Database
from app.models import Customer, User
from app.models.enums import Role
from app.services import customers
from app.services.customers import CustomerData
from app.services.users import UserInfo
from app.ui.customer_form import CustomerForm
from app.ui.privacy_actions import ConsentDialog, EraseDialog
from app.ui.privacy_notice import PrivacyNoticeTab

pytestmark = pytest.mark.gui

TIMEOUT = 5000


@pytest.fixture
def people(db: Database) -> dict[str, UserInfo]:
    with db.write() as s:
        made = {
            name: User(username=name, display_name=name.title(), role=role)
            for name, role in (("boss", Role.MANAGER), ("ana", Role.SALES))
        }
        s.add_all(made.values())
        s.flush()
        return {n: UserInfo(u.id, n, u.display_name, Role(u.role)) for n, u in made.items()}


@pytest.fixture
def zoe(db: Database, people: dict[str, UserInfo]) -> int:
    data = CustomerData(
        name="Zoe Quintana",
        phone="+34 612 345 678",
        plates=["QZ-9071-KW"],
        owner_id=people["ana"].id,
    )
    saved = customers.create(db, people["ana"].id, data, region="ES")
    data.consent_email = False
    customers.update(db, people["ana"].id, saved.customer_id, saved.version, data, region="ES")
    return saved.customer_id


def open_form(qtbot, db: Database, user: UserInfo, customer_id: int) -> CustomerForm:  # type: ignore[no-untyped-def]
    form = CustomerForm(db, user, customer_id)
    qtbot.addWidget(form, before_close_func=lambda w: w.setWindowModified(False))
    with qtbot.waitSignal(form.loaded, timeout=TIMEOUT):
        form.show()
    qtbot.waitExposed(form)
    return form


def test_salespeople_see_only_the_consent_history(qtbot, db: Database, people, zoe) -> None:  # type: ignore[no-untyped-def]
    form = open_form(qtbot, db, people["ana"], zoe)
    button = form.privacy
    assert button.isVisibleTo(form) and button.isEnabled()
    assert button.consent_action.isVisible()
    assert not button.export_action.isVisible()
    assert not button.erase_action.isVisible()
    assert button.export_everything() is None and button.erase() is None

    op = button.show_consent()
    assert op is not None
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    dialog = form.findChild(ConsentDialog, "consentDialog")
    assert dialog is not None
    rows = [
        [dialog.tree.topLevelItem(i).text(c) for c in range(4)]
        for i in range(dialog.tree.topLevelItemCount())
    ]
    assert rows[0][1:] == ["Email", "Withdrawn", "Ana"]  # newest first
    assert len(rows) == 5
    dialog.close()


def test_a_manager_exports_everything(qtbot, db: Database, people, zoe, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    form = open_form(qtbot, db, people["boss"], zoe)
    button = form.privacy
    assert button.export_action.isVisible() and button.erase_action.isVisible()
    target = tmp_path / "zoe"
    button._ask_path = lambda suggested: str(target)  # type: ignore[method-assign]
    with qtbot.waitSignal(button.exported, timeout=TIMEOUT) as blocker:
        op = button.export_everything()
    assert op is not None and op.error is None
    written = Path(blocker.args[0])
    assert written == tmp_path / "zoe.xlsx" and written.exists()
    wb = openpyxl.load_workbook(written)
    assert len(wb.sheetnames) >= 8
    assert "zoe.xlsx" in form.status.text()
    assert button.isEnabled()


def test_erase_asks_for_the_number_then_erases(qtbot, db: Database, people, zoe) -> None:  # type: ignore[no-untyped-def]
    form = open_form(qtbot, db, people["boss"], zoe)
    button = form.privacy
    number = form.file.number  # type: ignore[union-attr]

    button._ask_erase = lambda n: False  # type: ignore[method-assign]
    assert button.erase() is None
    with db.session() as s:
        assert s.get(Customer, zoe).erased_at is None  # type: ignore[union-attr]

    asked: list[str] = []

    def agree(n: str) -> bool:
        asked.append(n)
        return True

    button._ask_erase = agree  # type: ignore[method-assign]
    with (
        qtbot.waitSignal(form.loaded, timeout=TIMEOUT),
        qtbot.waitSignal(button.erased, timeout=TIMEOUT),
    ):
        op = button.erase()
    assert op is not None and asked == [number]
    assert form.header_name.text() == f"Erased customer {number}"
    assert form.profile.name.text() == f"Erased customer {number}"
    assert "erased" in form.status.text()
    with db.session() as s:
        c = s.scalar(select(Customer).where(Customer.id == zoe))
        assert c is not None and c.erased_at is not None and c.phone is None


def test_erase_dialog_needs_the_number_typed(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = EraseDialog("C000042")
    qtbot.addWidget(dialog)
    assert not dialog.erase_button.isEnabled()
    qtbot.keyClicks(dialog.number_edit, "C00004")
    assert not dialog.erase_button.isEnabled()
    qtbot.keyClicks(dialog.number_edit, "2")
    assert dialog.erase_button.isEnabled()
    dialog.number_edit.setText("c000042 ")
    assert dialog.erase_button.isEnabled()


def test_settings_notice_says_what_and_where(qtbot, db: Database, people) -> None:  # type: ignore[no-untyped-def]
    tab = PrivacyNoticeTab()
    qtbot.addWidget(tab)
    tab.set_context(db, people["boss"])
    text = tab.text.toPlainText()
    assert "What is stored" in text and "audit log" in text
    assert db.location in text
    if db.path is not None:
        qtbot.waitUntil(lambda: tab.backups is not None, timeout=TIMEOUT)
        assert str(tab.backups) in tab.text.toPlainText()

"""The customer file's Team and Key account tabs, and the manager's Today card of key
accounts with a thin team."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.db import Database
from app.models import AccountTeamMember, ContactPerson, Customer, KeyAccountReview, User
from app.models.enums import ContactRole, Role
from app.services.users import UserInfo, ensure_admin
from app.ui.customer_form import CustomerForm

pytestmark = pytest.mark.gui

TIMEOUT = 10_000


def _office(db: Database) -> tuple[UserInfo, int, int, int]:
    uid = ensure_admin(db, "ada", "Ada Admin")
    with db.write() as s:
        bo = User(username="bo", display_name="薄经理", role=Role.SALES, active=True)
        s.add(bo)
        c = Customer(number="C1", name="华东重工", owner_id=uid, is_key_account=True)
        s.add(c)
        s.flush()
        s.add(ContactPerson(customer_id=c.id, name="王总", role=ContactRole.DECISION_MAKER))
        s.flush()
        return UserInfo(uid, "ada", "Ada Admin", Role.ADMIN), bo.id, c.id, uid


def _form(qtbot, db: Database, user: UserInfo, cid: int) -> CustomerForm:  # type: ignore[no-untyped-def]
    form = CustomerForm(db, user, cid)
    qtbot.addWidget(form)
    with qtbot.waitSignal(form.loaded, timeout=TIMEOUT):
        form.show()
    return form


def test_team_tab_adds_members_and_pairs_counterparts(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    user, bo, cid, _ = _office(db)
    form = _form(qtbot, db, user, cid)
    tab = form.team
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        form.tabs.setCurrentWidget(tab)
    assert tab.members_model.rowCount() == 0 and tab.pairs_model.rowCount() == 1
    assert "Ada Admin" in tab.summary.text()
    tab.person_box.setCurrentIndex(tab.person_box.findData(bo))
    tab.role_box.setCurrentIndex(tab.role_box.findData("sponsor"))
    with qtbot.waitSignal(tab.changed, timeout=TIMEOUT):
        tab.set_member()
    assert tab.members_model.rowCount() == 1
    assert tab.members_model.index(0, 1).data() == "Executive sponsor"
    tab.pairs_view.selectRow(0)  # the decision maker: our executive sponsor is suggested
    assert tab.counterpart_box.currentData() == bo
    tab.counterpart_box.setCurrentIndex(tab.counterpart_box.findData(user.id))
    with qtbot.waitSignal(tab.changed, timeout=TIMEOUT):
        tab.set_counterpart()
    assert tab.pairs_model.index(0, 2).data() == "Ada Admin"
    tab.members_view.selectRow(0)
    with qtbot.waitSignal(tab.changed, timeout=TIMEOUT):
        tab.remove_member()
    with db.session() as s:
        assert s.scalars(select(AccountTeamMember.user_id)).all() == []  # the owner: not added
        assert s.scalar(select(ContactPerson.counterpart_user_id)) == user.id
    assert tab.minimumSizeHint().width() <= 560
    form.close()


def test_key_account_tab_saves_strategy_comment_and_exports(
    qtbot,  # type: ignore[no-untyped-def]
    db: Database,
    tmp_path: Path,
) -> None:
    user, _bo, cid, _ = _office(db)
    form = _form(qtbot, db, user, cid)
    tab = form.key_account
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        form.tabs.setCurrentWidget(tab)
    assert tab.state.text().startswith("Key account")
    tab.edits["goals_plans"].setPlainText("三年内成为第一供应商")
    tab.budget.setText("250000")
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.save_strategy()
    with db.session() as s:
        c = s.get(Customer, cid)
        assert c is not None and c.goals_plans == "三年内成为第一供应商"
        assert str(c.budget) == "250000.00"
    qtbot.waitUntil(lambda: form.file is not None and form._version == c.version, timeout=TIMEOUT)
    tab.comment.setPlainText("回款要跟紧")
    tab.save_comment()
    qtbot.waitUntil(lambda: "Ada Admin" in tab.comment_by.text(), timeout=TIMEOUT)
    with db.session() as s:
        row = s.scalars(select(KeyAccountReview)).one()
        assert row.comment == "回款要跟紧" and row.month == dt.date.today().replace(day=1)
    out = tmp_path / "cards.xlsx"
    tab.ask_path = lambda _suggested: str(out)
    op = tab.export()
    assert op is not None
    qtbot.waitUntil(lambda: out.exists() and "Saved" in tab.status.text(), timeout=TIMEOUT)
    book = load_workbook(out, read_only=True)
    assert book.sheetnames == ["华东重工"]
    book.close()
    assert tab.minimumSizeHint().width() <= 560
    form.close()


def test_today_shows_thin_key_account_teams_to_a_manager(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    from app.ui.pages.today import TodayPage

    user, _bo, _cid, _ = _office(db)
    page = TodayPage()
    qtbot.addWidget(page)
    page.generated_for = db  # no reminders to make
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        page.set_context(db, user)
    card = page.cards["thin_teams"]
    assert not card.isHidden() and card.count == 1
    assert card.rows[0].item.customer_name == "华东重工"
    assert card.rows[0].detail_label.text().startswith("Team: the owner alone")


def test_reports_monthly_tab_makes_every_key_accounts_cards(qtbot, demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QDate

    from app.services.users import current_user
    from app.ui.monthly_tab import MonthlyTab

    tab = MonthlyTab()
    qtbot.addWidget(tab)
    tab.set_context(demo_db, current_user(demo_db, None))
    tab.month_edit.setDate(QDate(2026, 10, 1))
    tab.lang_box.setCurrentIndex(tab.lang_box.findData("es"))
    target = tmp_path / "clientes"
    tab.ask_path = lambda suggested: str(target) if "2026-10" in suggested else ""
    with qtbot.waitSignal(tab.written, timeout=30_000) as written:
        tab.make_cards()
    path = Path(written.args[0])
    assert path.name == "clientes.xlsx"
    book = load_workbook(path, read_only=True)
    assert len(book.sheetnames) > 5
    first = [c for row in book[book.sheetnames[0]].iter_rows(values_only=True) for c in row]
    assert "Ficha de estrategia" in first and "Ficha de revisión mensual" in first
    book.close()
    assert tab.minimumSizeHint().width() <= 560

"""The Cases page (filter, start, resolve with satisfaction, export) and the complaint in
the customer file offering its case."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.db import Database
from app.models import Customer, ServiceCase, User
from app.models.enums import Role
from app.services import activities, cases
from app.services.cases import CaseData
from app.services.users import current_user
from app.ui import case_dialogs
from app.ui.case_dialogs import NewCaseDialog, ResolveCaseDialog
from app.ui.pages.cases import CasesPage

pytestmark = pytest.mark.gui
TIMEOUT = 10_000


@pytest.fixture
def office(db: Database) -> dict[str, int]:
    with db.write() as s:
        boss = User(username="boss", display_name="王经理", role=Role.MANAGER)
        li = User(username="li", display_name="李娜", role=Role.SALES)
        s.add_all([boss, li])
        s.flush()
        wang = Customer(number="C1", name="王师傅", owner_id=li.id)
        hua = Customer(number="C2", name="华南物流有限公司", owner_id=li.id)
        s.add_all([wang, hua])
        s.flush()
        ids = {"boss": boss.id, "li": li.id, "wang": wang.id, "hua": hua.id}
    early = dt.date.today() - dt.timedelta(days=6)
    ids["late"] = cases.open_case(
        db, None, CaseData(ids["wang"], "洗车后车门划痕", "洗车工划伤左前门"), today=early
    ).case_id
    ids["fresh"] = cases.open_case(db, None, CaseData(ids["hua"], "发票抬头开错")).case_id
    return ids


def make_page(qtbot, db: Database, user: str) -> CasesPage:  # type: ignore[no-untyped-def]
    page = CasesPage()
    qtbot.addWidget(page)
    page.resize(900, 500)
    page.show()
    page.set_context(db, current_user(db, user))
    qtbot.waitUntil(lambda: page.load_operation is not None and page.load_operation.done)
    return page


def test_resolve_a_case(qtbot, db: Database, office: dict[str, int], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, db, "li")
    assert [r.id for r in page.rows] == [office["fresh"], office["late"]]
    assert page.count_label.text().startswith("2")
    if os.environ.get("CLIENTELA_SHOTS"):
        page.grab().save(str(tmp_path / "cases.png"))
    page.table.selectRow(1)
    assert page.selected() is not None and page.selected().id == office["late"]  # type: ignore[union-attr]
    assert page.start_button.isEnabled() and page.resolve_button.isEnabled()
    op = page.start_selected()
    assert op is not None
    qtbot.waitUntil(
        lambda: op.done and page.load_operation is not None and page.load_operation.done
    )
    page.table.selectRow(1)
    assert page.selected().status == "in_progress"  # type: ignore[union-attr]

    asked: list[str] = []

    def answer(row: cases.CaseRow) -> tuple[str, int | None]:
        asked.append(row.title)
        return "免费补漆，赠送洗车券", 5

    page.ask_resolution = answer
    op = page.resolve_selected()
    assert op is not None
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert op.error is None and asked == ["洗车后车门划痕"]
    with db.session() as s:
        case = s.get(ServiceCase, office["late"])
        assert case is not None and case.status.value == "resolved" and case.satisfaction == 5
    qtbot.waitUntil(lambda: [r.id for r in page.rows] == [office["fresh"]], timeout=TIMEOUT)

    page.status_box.setCurrentIndex(page.status_box.findData("resolved"))
    qtbot.waitUntil(lambda: [r.id for r in page.rows] == [office["late"]], timeout=TIMEOUT)
    assert page.table.item(0, 6).text() == "★★★★★"
    out = tmp_path / "cases.xlsx"
    page.ask_export_path = lambda: str(out)  # type: ignore[method-assign]
    op = page.export_view()
    assert op is not None
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert op.error is None
    sheet = load_workbook(out).active
    assert sheet is not None
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1 and "洗车后车门划痕" in rows[0]
    for w in page.findChildren(object):
        if hasattr(w, "close") and w.objectName() == "exportDoneBox":
            w.close()


def test_resolve_dialog_needs_a_resolution(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = ResolveCaseDialog("洗车后车门划痕")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()
    dialog.resolution_edit.setPlainText("已补漆")
    dialog.satisfaction_box.setCurrentIndex(dialog.satisfaction_box.findData(2))
    assert ok.isEnabled() and dialog.answer() == ("已补漆", 2)


def test_a_complaint_offers_its_case(
    qtbot, db: Database, office: dict[str, int], monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    logged = activities.log(db, None, office["wang"], "complaint", "等了两个小时没人接待\n很生气")
    seen: list[NewCaseDialog] = []

    def ask(text: str | None, due: dt.date, parent: object) -> case_dialogs.NewCaseAnswer:
        dialog = NewCaseDialog(text, due, None)
        qtbot.addWidget(dialog)
        seen.append(dialog)
        assert dialog.title_edit.text() == "等了两个小时没人接待"
        assert due == dt.date.today() + dt.timedelta(days=3)
        return dialog.answer()

    monkeypatch.setattr(case_dialogs, "ask_new_case_hook", ask)
    parent = CasesPage()
    qtbot.addWidget(parent)
    op = case_dialogs.offer_case(parent, db, None, logged, "等了两个小时没人接待\n很生气")
    assert op is not None
    qtbot.waitUntil(lambda: getattr(op, "offered", None) is not None, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: op.offered.done, timeout=TIMEOUT)  # type: ignore[attr-defined]
    with db.session() as s:
        case = s.scalars(
            select(ServiceCase).where(ServiceCase.activity_id == logged.activity_id)
        ).one()
        assert case.title == "等了两个小时没人接待" and case.owner_id == office["li"]
        assert case.description == "等了两个小时没人接待\n很生气"


def test_today_shows_open_and_overdue_cases(qtbot, db: Database, office: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from app.ui.pages.today import TodayPage

    with db.write() as s:
        s.get(User, office["li"]).manager_id = office["boss"]  # type: ignore[union-attr]

    def today_of(user: str) -> TodayPage:
        page = TodayPage()
        qtbot.addWidget(page)
        page.resize(1000, 900)
        page.show()
        with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
            page.set_context(db, current_user(db, user))
        return page

    li = today_of("li")
    rows = li.cards["cases"].rows
    assert [r.item.title for r in rows] == ["洗车后车门划痕", "发票抬头开错"]
    assert "3 days late" in rows[0].detail_label.text()
    assert rows[0].done_button is None  # a case is resolved on the Cases page
    assert not li.cards["overdue_cases"].isVisible()
    with qtbot.waitSignal(li.openCustomer, timeout=TIMEOUT) as signal:
        qtbot.mouseClick(rows[0].title_button, Qt.MouseButton.LeftButton)
    assert signal.args == [office["wang"]]

    boss = today_of("boss")
    assert boss.cards["overdue_cases"].isVisible()
    late = boss.cards["overdue_cases"].rows
    assert [r.item.case_id for r in late] == [office["late"]]
    assert "李娜" in late[0].detail_label.text()


def test_a_manager_gives_a_case_to_someone_else(
    qtbot, db: Database, office: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, db, "boss")
    assert page.scope_box.currentData() == "all"
    qtbot.waitUntil(lambda: not page.give_menu.isEmpty(), timeout=TIMEOUT)
    names = [a.text() for a in page.give_menu.actions()]
    assert "王经理" in names and "李娜" in names
    page.table.selectRow([r.id for r in page.rows].index(office["fresh"]))
    assert page.give_button.isEnabled()
    op = page.give_selected(office["boss"])
    assert op is not None
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert op.error is None
    with db.session() as s:
        case = s.get(ServiceCase, office["fresh"])
        assert case is not None and case.owner_id == office["boss"]
    qtbot.waitUntil(
        lambda: any(r.id == office["fresh"] and r.owner == "王经理" for r in page.rows),
        timeout=TIMEOUT,
    )

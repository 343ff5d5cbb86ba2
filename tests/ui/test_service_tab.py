"""The customer file's Service tab: membership and points, satisfaction, the customer's
cases, and opening a case from there."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from app.db import Database
from app.models import Customer, ServiceCase, Setting
from app.models.enums import ActivityKind, Role
from app.services import activities, front_desk, loyalty
from app.services.users import UserInfo, ensure_admin
from app.ui import case_dialogs
from app.ui.customer_form import CustomerForm

pytestmark = pytest.mark.gui

TIMEOUT = 10_000


def test_service_tab_shows_points_scores_and_cases(qtbot, db: Database, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    uid = ensure_admin(db, "ada", "Ada Admin")
    user = UserInfo(uid, "ada", "Ada Admin", Role.ADMIN)
    with db.write() as s:
        member = Customer(number="C1", name="王师傅", owner_id=uid, membership_card="VIP0001")
        s.add(member)
        s.add(Setting(key=loyalty.S_POINTS_PER_UNIT, value=1))
        s.flush()
        cid = member.id
    front_desk.log_visit(db, uid, cid, "800")
    activities.log(db, uid, cid, ActivityKind.RETURN_VISIT, "满意", satisfaction=4)
    form = CustomerForm(db, user, cid)
    qtbot.addWidget(form)
    with qtbot.waitSignal(form.loaded, timeout=TIMEOUT):
        form.show()
    with qtbot.waitSignal(form.service.loaded, timeout=TIMEOUT):
        form.tabs.setCurrentWidget(form.service)
    tab = form.service
    assert "VIP0001" in tab.member_label.text() and "800" in tab.member_label.text()
    assert "4" in tab.scores_label.text()
    assert tab.ledger_model.rowCount() == 1 and tab.cases_model.rowCount() == 0

    due = dt.date.today() + dt.timedelta(days=3)
    monkeypatch.setattr(
        case_dialogs, "ask_new_case_hook", lambda _t, _d, _p: ("加油卡扣款错误", "多扣了一次", due)
    )
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.open_case()
    assert tab.cases_model.rowCount() == 1
    with db.session() as s:
        case = s.scalars(select(ServiceCase).where(ServiceCase.customer_id == cid)).one()
        assert case.title == "加油卡扣款错误"
    form.close()

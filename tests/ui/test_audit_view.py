"""The audit log in the window: the History tab of a customer file and of a deal form, and
Settings ▸ Audit log (filters, rows fetched page by page, export, managers only)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.db import Database
from app.models import AuditEntry, Deal
from app.models.enums import AuditAction, Role
from app.services import customers, deals, pipeline, users
from app.services.customer_file import load
from app.services.customers import CustomerData
from app.services.deals import DealData
from app.services.users import UserData, UserInfo
from app.ui import audit_view
from app.ui.audit_view import AuditView
from app.ui.customer_form import CustomerForm
from app.ui.deal_form import DealForm

TIMEOUT = 10_000


@pytest.fixture
def office(db: Database) -> dict[str, int]:
    boss = users.ensure_admin(db, "boss", "老板")
    li = users.add_user(db, boss, UserData("li", "李娜", Role.SALES))
    pipeline.ensure_default(db)
    cid = customers.create(db, li, CustomerData(name="张三", phone="13812345678")).customer_id
    with db.session() as s:
        version = load(s, cid).version
    customers.update(db, boss, cid, version, CustomerData(name="张三丰", owner_id=li))
    deal_id = deals.create_deal(db, li, cid, DealData(title="两台车", amount="1000"))
    with db.session() as s:
        deal_version = s.scalar(select(Deal.version).where(Deal.id == deal_id))
    assert deal_version is not None
    deals.update_deal(db, li, deal_id, deal_version, DealData(title="三台车", amount="1000"))
    return {"boss": boss, "li": li, "customer": cid, "deal": deal_id}


def _info(db: Database, user_id: int) -> UserInfo:
    info = users.user_info(db, user_id)
    assert info is not None
    return info


def _texts(model: audit_view.AuditModel, column: str) -> list[str]:
    col = model.keys.index(column)
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_customer_history_tab(qtbot: QtBot, db: Database, office: dict[str, int]) -> None:
    form = CustomerForm(db, _info(db, office["li"]), office["customer"])
    qtbot.addWidget(form)
    with qtbot.waitSignal(form.loaded, timeout=TIMEOUT):
        form.show()
    assert form.history.model.rowCount() == 0  # read only when shown
    form.tabs.setCurrentWidget(form.history)
    qtbot.waitUntil(lambda: form.history.model.rowCount() > 0, timeout=TIMEOUT)
    model = form.history.model
    entities = _texts(model, "entity")
    assert set(entities) == {"Customer", "Deal"}
    fields = _texts(model, "field")
    assert "name" in fields and "title" in fields
    # newest first: the deal's change, then its creation, then the customer's
    assert _texts(model, "new_value")[0] == "三台车"
    assert _texts(model, "entity")[-1] == "Customer"
    assert "张三丰" in _texts(model, "new_value")
    tab_titles = [form.tabs.tabText(i) for i in range(form.tabs.count())]
    assert tab_titles[-1] == "History"


def test_deal_history_tab(qtbot: QtBot, db: Database, office: dict[str, int]) -> None:
    form = DealForm(db, _info(db, office["li"]), office["deal"])
    qtbot.addWidget(form)
    with qtbot.waitSignal(form.loaded, timeout=TIMEOUT):
        form.show()
    form.lower_tabs.setCurrentWidget(form.history)
    qtbot.waitUntil(lambda: form.history.model.rowCount() > 0, timeout=TIMEOUT)
    assert set(_texts(form.history.model, "entity")) == {"Deal"}
    assert _texts(form.history.model, "old_value")[0] == "两台车"
    assert set(_texts(form.history.model, "user")) == {"李娜"}


def _view(qtbot: QtBot, db: Database, user: UserInfo) -> AuditView:
    view = AuditView()
    qtbot.addWidget(view)
    view.resize(720, 480)
    view.show()
    view.set_context(db, user)
    return view


def test_audit_view_filters_and_pages(
    qtbot: QtBot, qtmodeltester, db: Database, office: dict[str, int]
) -> None:
    with db.write() as s:  # enough rows for several pages
        for i in range(audit_view.PAGE * 2 + 10):
            s.add(
                AuditEntry(
                    user_id=office["boss"],
                    action=AuditAction.EXPORT,
                    entity="customers",
                    note=f"export {i}",
                )
            )
    with db.session() as s:
        total = s.scalar(select(func.count()).select_from(AuditEntry))
    view = _view(qtbot, db, _info(db, office["boss"]))
    qtbot.waitUntil(lambda: view.model.total == total, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: view.model.rowCount() == audit_view.PAGE, timeout=TIMEOUT)
    assert view.count_label.text() == f"{total} rows"
    assert view.model.canFetchMore()
    view.model.fetchMore()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2 * audit_view.PAGE, timeout=TIMEOUT)
    qtmodeltester.check(view.model)

    qtbot.waitUntil(lambda: view.user_combo.count() > 1, timeout=TIMEOUT)
    view.user_combo.setCurrentIndex(view.user_combo.findData(office["li"]))
    view.refresh()
    qtbot.waitUntil(lambda: view.count_label.text() != f"{total} rows", timeout=TIMEOUT)
    assert set(_texts(view.model, "user")) == {"李娜"}
    view.user_combo.setCurrentIndex(0)
    view.action_combo.setCurrentIndex(view.action_combo.findData("update"))
    view.text_edit.setText("三台")
    view.refresh()
    qtbot.waitUntil(lambda: view.model.total == 1, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=TIMEOUT)
    assert _texts(view.model, "new_value") == ["三台车"]
    assert _texts(view.model, "action") == ["Changed"]


def test_audit_view_exports(
    qtbot: QtBot, db: Database, office: dict[str, int], tmp_path: Path
) -> None:
    view = _view(qtbot, db, _info(db, office["boss"]))
    view.entity_combo.addItem("Deal", "deal")
    view.entity_combo.setCurrentIndex(view.entity_combo.count() - 1)
    path = tmp_path / "audit.csv"
    op = view.export_to(str(path))
    assert op is not None
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert op.error is None
    with path.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["Record"] for r in rows} == {"deal"}
    assert "三台车" in {r["New"] for r in rows}
    with db.session() as s:
        note = s.scalar(select(AuditEntry.note).where(AuditEntry.entity == "audit_log"))
    assert note == f"{len(rows)} audit rows to audit.csv"


def test_audit_view_is_for_managers(qtbot: QtBot, db: Database, office: dict[str, int]) -> None:
    view = _view(qtbot, db, _info(db, office["li"]))
    assert view.denied_label.isVisible() and not view.view.isVisible()
    assert not view.export_button.isEnabled() and view.model.rowCount() == 0

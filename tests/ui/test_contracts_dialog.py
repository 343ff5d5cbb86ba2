"""The customer file's Contracts…: the list with delivered and invoiced, adding one."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate

from app.db import Database
from app.models import Customer
from app.models.enums import ContractStatus, OrderStatus, Role
from app.services import contracts, orders
from app.services.contracts import ContractData
from app.services.orders import OrderInput
from app.services.users import UserInfo, ensure_admin
from app.ui.contracts_dialog import ContractsDialog
from app.ui.customer_form import CustomerForm
from app.ui.customer_form_tabs import format_money

pytestmark = pytest.mark.gui

TIMEOUT = 5000
D = Decimal


@pytest.fixture
def user(db: Database) -> UserInfo:
    uid = ensure_admin(db, "ada", "Ada Admin")
    return UserInfo(uid, "ada", "Ada Admin", Role.ADMIN)


def test_contracts_of_a_customer(qtbot, db: Database, user: UserInfo) -> None:  # type: ignore[no-untyped-def]
    with db.write() as s:
        c = Customer(number="K1", name="长城车队")
        s.add(c)
        s.flush()
        cid = c.id
    hid = contracts.save(
        db,
        None,
        ContractData(cid, "HT-1", title="年度供油", amount="9000", status=ContractStatus.IN_FORCE),
    )
    orders.create(
        db,
        None,
        OrderInput(
            cid, dt.date.today(), amount="1200", status=OrderStatus.INVOICED, contract_id=hid
        ),
        accept_credit_warning=True,
    )
    form = CustomerForm(db, user, cid)
    qtbot.addWidget(form, before_close_func=lambda w: w.setWindowModified(False))
    with qtbot.waitSignal(form.loaded, timeout=TIMEOUT):
        form.show()
    dialog = form.open_contracts()
    assert isinstance(dialog, ContractsDialog)
    qtbot.waitUntil(lambda: dialog.rows is not None, timeout=TIMEOUT)
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 5).data() == format_money(D("1200.00"))  # delivered
    assert dialog.model.index(0, 6).data() == format_money(D("1200.00"))  # invoiced
    # A new one: ending before it starts is refused, then stored once corrected.
    dialog.number_edit.setText("HT-2")
    dialog.start_edit.setDate(QDate(2026, 6, 1))
    dialog.end_edit.setDate(QDate(2026, 5, 1))
    op = dialog.add()
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert "ends before it starts" in dialog.status.text()
    dialog.end_edit.setDate(QDate(2027, 5, 31))
    dialog.amount_edit.setText("5000")
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT):
        dialog.add()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=TIMEOUT)
    with db.session() as s:
        numbers = [r.number for r in contracts.for_customer(s, cid)]
    assert sorted(numbers) == ["HT-1", "HT-2"]
    dialog.close()


def test_edit_a_contract_and_a_second_pc(qtbot, db: Database, user: UserInfo) -> None:  # type: ignore[no-untyped-def]
    from app.ui import conflict_box

    with db.write() as s:
        c = Customer(number="K2", name="长城车队")
        s.add(c)
        s.flush()
        cid = c.id
    hid = contracts.save(db, None, ContractData(cid, "HT-2", title="年度供油", amount="9000"))
    dialog = ContractsDialog(db, user, cid, "长城车队")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.rows is not None, timeout=TIMEOUT)
    view = dialog.view
    view.doubleClicked.emit(view.model().index(0, 0))
    qtbot.waitUntil(lambda: dialog.editing is not None, timeout=TIMEOUT)
    assert dialog.title_edit.text() == "年度供油"
    assert dialog.add_button.text() != "Add contract"
    dialog.amount_edit.setText("12000")
    dialog.status_box.setCurrentIndex(dialog.status_box.findData("signed"))
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT):
        dialog.add()
    qtbot.waitUntil(lambda: "12" in dialog.model.index(0, 4).data(), timeout=TIMEOUT)
    with db.session() as s:
        form = contracts.for_edit(s, hid)
    assert (form.data.amount, form.data.status) == (D("12000.00"), ContractStatus.SIGNED)
    assert form.version == 2
    qtbot.waitUntil(lambda: dialog.editing is not None and dialog.editing.version == 2)
    # another PC renames it; this one then saves: asked, and "Reload theirs" shows theirs
    contracts.save(db, None, ContractData(cid, "HT-2", title="两年供油", amount="12000"), hid, 2)
    asked: list[str] = []
    dialog.ask_conflict = lambda: asked.append("asked") or conflict_box.RELOAD
    dialog.notes_edit.setText("mine")
    dialog.add()
    qtbot.waitUntil(lambda: dialog.title_edit.text() == "两年供油", timeout=TIMEOUT)
    assert asked == ["asked"]
    assert dialog.notes_edit.text() == ""
    # Keep mine: saved over theirs
    dialog.editing = form  # the version-2 read again: stale
    dialog.ask_conflict = lambda: conflict_box.KEEP_MINE
    dialog.notes_edit.setText("mine")
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT):
        dialog.add()
    with db.session() as s:
        assert contracts.for_edit(s, hid).data.notes == "mine"


def test_no_amount_in_the_form_of_a_user_who_may_not_see_it(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    from app.models import User

    with db.write() as s:
        desk = User(username="desk", display_name="Desk", role=Role.SALES, password_hash="x")
        desk.may_see_financials = False
        c = Customer(number="K9", name="长城车队")
        s.add_all([desk, c])
        s.flush()
        cid, uid = c.id, desk.id
        c.owner_id = uid
    hid = contracts.save(db, None, ContractData(cid, "HT-9", title="年度供油", amount="9000"))
    desk_user = UserInfo(uid, "desk", "Desk", Role.SALES, may_see_financials=False)
    dialog = ContractsDialog(db, desk_user, cid, "长城车队")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.rows is not None, timeout=TIMEOUT)
    assert dialog.model.index(0, 4).data() == ""  # the list's amount blank
    view = dialog.view
    view.doubleClicked.emit(view.model().index(0, 0))
    qtbot.waitUntil(lambda: dialog.editing is not None, timeout=TIMEOUT)
    assert not dialog.amount_edit.isVisible() and not dialog.amount_label.isVisible()
    assert "9000" not in dialog.amount_edit.text()
    dialog.title_edit.setText("两年供油")
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT):
        dialog.add()
    with db.session() as s:
        saved = contracts.for_edit(s, hid)
    assert (saved.data.title, saved.data.amount) == ("两年供油", D("9000.00"))
    dialog.new()  # a new contract's amount is typed in from the paper
    assert dialog.amount_edit.isVisible()
    dialog.close()

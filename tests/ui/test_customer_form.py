"""The customer file window: typing and saving, inline validation, conflicts with another
PC, unsaved changes on close, possible duplicates, and the quick-add timeline editor."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from sqlalchemy import func, select

from app.db import Database
from app.models import Activity, Customer, Order, Payment
from app.models.enums import ActivityKind, OrderStatus, PaymentMethod, Role
from app.services import customers
from app.services.customers import CustomerData
from app.services.duplicates import Duplicate
from app.services.users import UserInfo, ensure_admin
from app.ui.customer_form import Answer, CustomerForm, DuplicatesDialog
from app.ui.customer_form_tabs import RowsModel, format_money, parse_date

pytestmark = pytest.mark.gui

TIMEOUT = 5000
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def user(db: Database) -> UserInfo:
    uid = ensure_admin(db, "ada", "Ada Admin")
    return UserInfo(uid, "ada", "Ada Admin", Role.ADMIN)


def open_form(qtbot, db: Database, user: UserInfo, customer_id: int | None = None) -> CustomerForm:  # type: ignore[no-untyped-def]
    form = CustomerForm(db, user, customer_id)
    qtbot.addWidget(form, before_close_func=lambda w: w.setWindowModified(False))
    if customer_id is not None:
        with qtbot.waitSignal(form.loaded, timeout=TIMEOUT):
            form.show()
    else:
        form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow, timeout=TIMEOUT)
    return form


def edit(form: CustomerForm, name: str) -> QLineEdit:
    widget = form.findChild(QLineEdit, name)
    assert widget is not None, name
    return widget


def error(form: CustomerForm, field: str) -> QLabel:
    widget = form.findChild(QLabel, f"error_{field}")
    assert widget is not None, field
    return widget


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type ``text``: ASCII key by key, Chinese as an input method commits it (QTest's
    key clicks know only ASCII)."""
    widget.setFocus()
    for chunk in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", text):
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


def retype(qtbot, widget: QLineEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    type_text(qtbot, widget, text)


def count_customers(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Customer)) or 0


def stored(db: Database, customer_id: int) -> Customer:
    with db.session() as s:
        customer = s.get(Customer, customer_id)
        assert customer is not None
        return customer


def make_customer(db: Database, user: UserInfo, **values: object) -> int:
    data = CustomerData(**{"name": "王小明", "city": "北京", **values})  # type: ignore[arg-type]
    return customers.create(db, user.id, data).customer_id


def press_save(qtbot, form: CustomerForm) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(form.focusWidget() or form, Qt.Key.Key_S, CTRL)


# ---------------------------------------------------------------- create
def test_typing_a_new_customer_and_ctrl_s_stores_it(qtbot, db: Database, user: UserInfo) -> None:  # type: ignore[no-untyped-def]
    form = open_form(qtbot, db, user)
    assert not form.tabs.isTabEnabled(form.tabs.indexOf(form.timeline))
    type_text(qtbot, edit(form, "nameEdit"), "张三")
    assert form.isWindowModified()
    assert form.windowTitle().startswith("张三")
    type_text(qtbot, edit(form, "phoneEdit"), "138 1234 5678")
    type_text(qtbot, edit(form, "emailEdit"), "zhang@example.cn")
    type_text(qtbot, edit(form, "cityEdit"), "上海")
    type_text(qtbot, edit(form, "birthdayEdit"), "1980-05-31")
    type_text(qtbot, edit(form, "platesEdit"), "沪A12345，沪B 67890")

    with qtbot.waitSignal(form.saved, timeout=TIMEOUT) as saved:
        press_save(qtbot, form)
    customer = stored(db, saved.args[0])
    assert (customer.name, customer.phone, customer.email, customer.city) == (
        "张三",
        "+8613812345678",
        "zhang@example.cn",
        "上海",
    )
    assert customer.birthday == dt.date(1980, 5, 31)
    assert customer.owner_id == user.id
    assert not form.isWindowModified()
    # The stored file is shown: its lists, the plates as vehicles, the phone as typed.
    qtbot.waitUntil(lambda: form.file is not None, timeout=TIMEOUT)
    assert form.customer_id == customer.id
    assert form.tabs.isTabEnabled(form.tabs.indexOf(form.timeline))
    assert form.vehicles.model.rowCount() == 2
    assert edit(form, "phoneEdit").text() == "138 1234 5678"
    assert not edit(form, "platesEdit").isVisibleTo(form)


def test_an_invalid_phone_is_shown_under_the_field_and_nothing_is_stored(qtbot, db, user) -> None:  # type: ignore[no-untyped-def]
    form = open_form(qtbot, db, user)
    type_text(qtbot, edit(form, "nameEdit"), "李四")
    type_text(qtbot, edit(form, "phoneEdit"), "12ab")
    press_save(qtbot, form)

    message = error(form, "phone")
    qtbot.waitUntil(message.isVisible, timeout=TIMEOUT)
    assert "12ab" in message.text() and "phone" in message.text()
    assert form.focusWidget() is edit(form, "phoneEdit")
    assert edit(form, "phoneEdit").text() == "12ab"
    assert edit(form, "nameEdit").text() == "李四"
    assert form.isWindowModified()
    assert count_customers(db) == 0

    retype(qtbot, edit(form, "phoneEdit"), "13912345678")
    with qtbot.waitSignal(form.saved, timeout=TIMEOUT) as saved:
        press_save(qtbot, form)
    assert not message.isVisible()
    assert stored(db, saved.args[0]).phone == "+8613912345678"


def test_a_required_name_and_a_date_that_does_not_exist(qtbot, db, user) -> None:  # type: ignore[no-untyped-def]
    form = open_form(qtbot, db, user)
    press_save(qtbot, form)
    assert error(form, "name").isVisible()
    assert form.focusWidget() is edit(form, "nameEdit")

    type_text(qtbot, edit(form, "nameEdit"), "赵六")
    type_text(qtbot, edit(form, "birthdayEdit"), "2023-02-30")
    press_save(qtbot, form)
    assert not error(form, "name").isVisible()
    assert error(form, "birthday").isVisible()
    assert "2023-02-30" in error(form, "birthday").text()
    assert count_customers(db) == 0


def test_phone_and_email_are_checked_when_leaving_the_field(qtbot, db, user) -> None:  # type: ignore[no-untyped-def]
    form = open_form(qtbot, db, user)
    phone = edit(form, "phoneEdit")
    phone.setFocus()
    type_text(qtbot, phone, "abc")
    qtbot.keyClick(phone, Qt.Key.Key_Tab)
    assert error(form, "phone").isVisible()
    assert phone.text() == "abc"

    retype(qtbot, phone, "13812345678")
    qtbot.keyClick(phone, Qt.Key.Key_Tab)
    assert not error(form, "phone").isVisible()
    assert phone.text() == "138 1234 5678"  # normalised as the person leaves the field

    email = edit(form, "emailEdit")
    email.setFocus()
    type_text(qtbot, email, "not-an-email")
    qtbot.keyClick(email, Qt.Key.Key_Tab)
    assert error(form, "email").isVisible()


def test_an_error_found_by_the_service_is_shown_inline(qtbot, db, user) -> None:  # type: ignore[no-untyped-def]
    make_customer(db, user, membership_card="M-1")
    other = make_customer(db, user, name="钱七", city="天津")
    form = open_form(qtbot, db, user, other)
    retype(qtbot, edit(form, "membershipCardEdit"), "M-1")
    press_save(qtbot, form)
    message = error(form, "membership_card")
    qtbot.waitUntil(message.isVisible, timeout=TIMEOUT)
    assert "M-1" in message.text()
    assert edit(form, "membershipCardEdit").text() == "M-1"
    assert stored(db, other).membership_card is None


# -------------------------------------------------------------- conflict
def conflict_setup(qtbot, db, user, monkeypatch, answer: Answer):  # type: ignore[no-untyped-def]
    cid = make_customer(db, user, city="北京", notes="old")
    form = open_form(qtbot, db, user, cid)
    retype(qtbot, edit(form, "cityEdit"), "广州")
    # Meanwhile another PC saves the same customer.
    theirs = dataclasses.replace(form.file.data, city="深圳", notes="theirs")
    customers.update(db, user.id, cid, form.file.version, theirs)
    asked: list[bool] = []

    def ask() -> Answer:
        asked.append(True)
        return answer

    monkeypatch.setattr(form, "_ask_conflict", ask)
    return form, cid, asked


def test_conflict_keep_mine_saves_over_their_version(qtbot, db, user, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    form, cid, asked = conflict_setup(qtbot, db, user, monkeypatch, Answer.KEEP_MINE)
    with qtbot.waitSignal(form.saved, timeout=TIMEOUT):
        press_save(qtbot, form)
    assert asked == [True]
    assert stored(db, cid).city == "广州"
    assert not form.isWindowModified()


def test_conflict_reload_theirs_shows_their_version(qtbot, db, user, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    form, cid, asked = conflict_setup(qtbot, db, user, monkeypatch, Answer.RELOAD)
    press_save(qtbot, form)
    qtbot.waitUntil(lambda: edit(form, "cityEdit").text() == "深圳", timeout=TIMEOUT)
    assert asked == [True]
    assert form.profile.notes.toPlainText() == "theirs"
    assert not form.isWindowModified()
    assert stored(db, cid).city == "深圳"


def test_conflict_cancel_keeps_what_was_typed(qtbot, db, user, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    form, cid, asked = conflict_setup(qtbot, db, user, monkeypatch, Answer.CANCEL)
    press_save(qtbot, form)
    qtbot.waitUntil(lambda: asked == [True] and not form.busy, timeout=TIMEOUT)
    assert edit(form, "cityEdit").text() == "广州"
    assert form.isWindowModified()
    assert stored(db, cid).city == "深圳"


def click_in_modal(name: str, button: str) -> QTimer:
    """Click ``button`` (an objectName) in the modal window ``name`` once it shows; the
    timer gives up (rejecting whatever is modal) rather than let a test hang."""
    timer = QTimer()
    tries = [0]

    def poll() -> None:
        tries[0] += 1
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.objectName() == name:
            target = modal.findChild(QAbstractButton, button)
            if target is not None:
                timer.stop()
                target.click()
                return
        if tries[0] > 200:
            timer.stop()
            if isinstance(modal, QDialog):
                modal.reject()

    timer.timeout.connect(poll)
    timer.start(20)
    return timer


def test_the_real_conflict_box_keep_mine(qtbot, db, user) -> None:  # type: ignore[no-untyped-def]
    cid = make_customer(db, user, city="北京")
    form = open_form(qtbot, db, user, cid)
    retype(qtbot, edit(form, "cityEdit"), "西安")
    theirs = dataclasses.replace(form.file.data, city="深圳")
    customers.update(db, user.id, cid, form.file.version, theirs)
    timer = click_in_modal("conflictBox", "keepMineButton")
    with qtbot.waitSignal(form.saved, timeout=TIMEOUT):
        press_save(qtbot, form)
    timer.stop()
    assert stored(db, cid).city == "西安"


def test_conflict_box_offers_reload_keep_and_cancel(qtbot, db, user) -> None:  # type: ignore[no-untyped-def]
    form = open_form(qtbot, db, user, make_customer(db, user))
    box = form._conflict_box()
    names = {b.objectName() for b in box.buttons()}
    assert {"reloadButton", "keepMineButton", "cancelButton"} <= names
    assert "meanwhile" in box.text()
    box.deleteLater()


# ----------------------------------------------------------------- close
def test_closing_with_unsaved_changes_asks(qtbot, db, user, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    form = open_form(qtbot, db, user, make_customer(db, user))
    assert form.close()  # nothing changed: closes without asking
    form.show()
    qtbot.waitExposed(form)
    retype(qtbot, edit(form, "cityEdit"), "南京")
    answers = [Answer.CANCEL]
    monkeypatch.setattr(form, "_ask_unsaved", lambda: answers.pop(0))

    assert not form.close()
    assert form.isVisible() and answers == []
    assert edit(form, "cityEdit").text() == "南京"

    answers.append(Answer.DISCARD)
    assert form.close()
    assert not form.isVisible()


def test_save_on_close_saves_then_closes(qtbot, db, user, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    cid = make_customer(db, user)
    form = open_form(qtbot, db, user, cid)
    retype(qtbot, edit(form, "cityEdit"), "杭州")
    monkeypatch.setattr(form, "_ask_unsaved", lambda: Answer.SAVE)
    with qtbot.waitSignal(form.saved, timeout=TIMEOUT):
        qtbot.keyClick(form, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=TIMEOUT)
    assert stored(db, cid).city == "杭州"


def test_the_real_unsaved_box_cancel_then_discard(qtbot, db, user) -> None:  # type: ignore[no-untyped-def]
    form = open_form(qtbot, db, user)
    type_text(qtbot, edit(form, "nameEdit"), "孙九")
    timer = click_in_modal("unsavedBox", "cancelButton")
    assert not form.close()
    timer.stop()
    assert form.isVisible() and edit(form, "nameEdit").text() == "孙九"
    timer = click_in_modal("unsavedBox", "discardButton")
    assert form.close()
    timer.stop()
    assert count_customers(db) == 0


def test_unsaved_box_offers_save_discard_cancel(qtbot, db, user) -> None:  # type: ignore[no-untyped-def]
    form = open_form(qtbot, db, user)
    box = form._unsaved_box()
    buttons = box.standardButtons()
    for button in (
        QMessageBox.StandardButton.Save,
        QMessageBox.StandardButton.Discard,
        QMessageBox.StandardButton.Cancel,
    ):
        assert buttons & button
    box.deleteLater()


# ------------------------------------------------------------ duplicates
def test_a_duplicate_phone_offers_to_open_the_existing_one(qtbot, db, user, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    existing = make_customer(db, user, phone="13800001111")
    form = open_form(qtbot, db, user)
    seen: list[list[Duplicate]] = []

    def ask(found: list[Duplicate]) -> tuple[Answer, int | None]:
        seen.append(found)
        return Answer.OPEN, found[0].id

    monkeypatch.setattr(form, "_ask_duplicates", ask)
    type_text(qtbot, edit(form, "nameEdit"), "陈八")
    type_text(qtbot, edit(form, "phoneEdit"), "138-0000-1111")
    with qtbot.waitSignal(form.openCustomer, timeout=TIMEOUT) as opened:
        press_save(qtbot, form)
    assert opened.args == [existing]
    assert [(d.id, d.reason) for d in seen[0]] == [(existing, "phone")]
    assert not form.isVisible()
    assert count_customers(db) == 1


def test_create_anyway_stores_the_new_customer(qtbot, db, user, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    make_customer(db, user, name="王小明", city="北京")
    form = open_form(qtbot, db, user)
    monkeypatch.setattr(form, "_ask_duplicates", lambda found: (Answer.CREATE_ANYWAY, None))
    type_text(qtbot, edit(form, "nameEdit"), "王小明")
    type_text(qtbot, edit(form, "cityEdit"), "北京")
    with qtbot.waitSignal(form.saved, timeout=TIMEOUT):
        press_save(qtbot, form)
    assert count_customers(db) == 2


def test_duplicates_dialog_lists_them_and_opens_the_chosen_one(qtbot) -> None:  # type: ignore[no-untyped-def]
    found = [
        Duplicate(7, "C000007", "王小明", "北京", "phone"),
        Duplicate(9, "C000009", "王晓明", "北京", "name"),
    ]
    dialog = DuplicatesDialog(found)
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.list.topLevelItemCount() == 2
    first = dialog.list.topLevelItem(0)
    assert [first.text(c) for c in range(4)] == ["C000007", "王小明", "北京", "phone"]
    dialog.list.setCurrentItem(dialog.list.topLevelItem(1))
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert dialog.choice == (Answer.OPEN, 9)

    again = DuplicatesDialog(found)
    qtbot.addWidget(again)
    again.open()
    qtbot.mouseClick(again.create_button, Qt.MouseButton.LeftButton)
    assert again.choice == (Answer.CREATE_ANYWAY, None)


# --------------------------------------------------------------- timeline
def test_quick_add_a_note_with_ctrl_l_n(qtbot, db, user) -> None:  # type: ignore[no-untyped-def]
    cid = make_customer(db, user)
    form = open_form(qtbot, db, user, cid)
    assert form.timeline.model.rowCount() == 0
    qtbot.keyClick(edit(form, "nameEdit"), Qt.Key.Key_L, CTRL)
    qtbot.keyClick(edit(form, "nameEdit"), Qt.Key.Key_N)
    assert form.tabs.currentWidget() is form.timeline
    assert form.timeline.editing and form.timeline.kind == ActivityKind.NOTE
    text = form.timeline.text
    assert form.focusWidget() is text
    type_text(qtbot, text, "客户来电询问发票")
    with qtbot.waitSignal(form.loaded, timeout=TIMEOUT):
        qtbot.keyClick(text, Qt.Key.Key_Return, CTRL)
    assert not form.timeline.editing
    model = form.timeline.model
    assert model.rowCount() == 1
    assert model.index(0, 1).data() == "Note"
    assert model.index(0, 2).data() == "Ada Admin"
    assert model.index(0, 3).data() == "客户来电询问发票"
    assert edit(form, "nameEdit").text() == "王小明"  # the name did not get an "n"
    assert not form.isWindowModified()
    with db.session() as s:
        assert s.scalars(select(Activity.kind).where(Activity.customer_id == cid)).all() == [
            ActivityKind.NOTE
        ]


def test_quick_add_keeps_unsaved_profile_edits_and_esc_cancels(qtbot, db, user) -> None:  # type: ignore[no-untyped-def]
    cid = make_customer(db, user)
    form = open_form(qtbot, db, user, cid)
    retype(qtbot, edit(form, "cityEdit"), "成都")
    form.timeline.quick_buttons[ActivityKind.CALL].click()
    assert form.timeline.editing
    qtbot.keyClick(form.timeline.text, Qt.Key.Key_Escape)
    assert not form.timeline.editing and form.isVisible()

    qtbot.keyClick(form.timeline.view, Qt.Key.Key_L, CTRL)
    qtbot.keyClick(form.timeline.view, Qt.Key.Key_C)
    assert form.timeline.kind == ActivityKind.CALL
    with qtbot.waitSignal(form.loaded, timeout=TIMEOUT):
        qtbot.keyClick(form.timeline.text, Qt.Key.Key_Return)
    assert form.timeline.model.index(0, 1).data() == "Call"
    assert edit(form, "cityEdit").text() == "成都"
    assert form.isWindowModified()


def test_timeline_is_newest_first_and_lists_are_filled(qtbot, db, user) -> None:  # type: ignore[no-untyped-def]
    from app.services import activities

    cid = make_customer(db, user, phone="13800001111", plates=["京A12345"])
    earlier = dt.datetime(2024, 1, 1, 8, tzinfo=dt.UTC)
    activities.log(db, user.id, cid, ActivityKind.CALL, "first", occurred_at=earlier)
    activities.log(db, user.id, cid, ActivityKind.VISIT, "second")
    form = open_form(qtbot, db, user, cid)
    model = form.timeline.model
    assert [model.index(r, 3).data() for r in range(2)] == ["second", "first"]
    assert form.vehicles.model.index(0, 0).data() == "京A12345"
    assert form.people.empty.isVisibleTo(form.people)
    assert edit(form, "phoneEdit").text() == "138 0000 1111"
    assert form.windowTitle() == "王小明[*] — Customer"
    assert "Timeline (2)" in [form.tabs.tabText(i) for i in range(form.tabs.count())]


def test_purchases_and_payments_show_what_is_owed(qtbot, db, user) -> None:  # type: ignore[no-untyped-def]
    cid = make_customer(db, user)
    with db.write() as s:
        s.add(
            Order(
                customer_id=cid,
                number="SO-1",
                order_date=dt.date(2024, 3, 1),
                amount=Decimal("1200.50"),
                status=OrderStatus.DELIVERED,
            )
        )
        s.add(
            Payment(
                customer_id=cid,
                paid_on=dt.date(2024, 3, 9),
                amount=Decimal("200.00"),
                method=PaymentMethod.CASH,
            )
        )
    form = open_form(qtbot, db, user, cid)
    money = form.money
    assert money.orders.rowCount() == 1 and money.payments.rowCount() == 1
    assert money.orders.index(0, 0).data() == "SO-1"
    assert money.totals["owed"].text() == format_money(Decimal("1000.50"))
    assert money.totals["paid"].text() == format_money(Decimal("200.00"))
    assert money.payments.index(0, 2).data() == "Cash"


def test_a_deleted_customer_is_shown_read_only(qtbot, db, user) -> None:  # type: ignore[no-untyped-def]
    cid = make_customer(db, user)
    customers.delete(db, user.id, cid)
    form = open_form(qtbot, db, user, cid)
    assert form.deleted_banner.isVisible()
    assert not form.save_button.isEnabled()
    assert not form.profile.isEnabled()
    assert not form.timeline.quick_buttons[ActivityKind.NOTE].isEnabled()


def test_rows_model_passes_the_qt_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = RowsModel(["A", "B"], right_aligned=(1,))
    model.set_rows([("x", "1.00"), ("y", None)], [10, 11])
    qtmodeltester.check(model, force_py=True)
    assert model.row_id(1) == 11
    assert model.index(1, 1).data() == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("1980-05-31", dt.date(1980, 5, 31)),
        ("1980/5/3", dt.date(1980, 5, 3)),
        ("1980年5月3日", dt.date(1980, 5, 3)),
        ("19800531", dt.date(1980, 5, 31)),
    ],
)
def test_parse_date(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


def test_new_deal_from_the_deals_tab_and_open_it(qtbot, db: Database, user: UserInfo) -> None:  # type: ignore[no-untyped-def]
    from app.models import Deal
    from app.services import pipeline

    pipeline.ensure_default(db)
    cid = customers.create(db, user.id, CustomerData(name="Transportes Ruiz")).customer_id
    form = open_form(qtbot, db, user, cid)
    form.tabs.setCurrentWidget(form.deals)
    assert form.deals.empty.isVisible()
    dialog = form.new_deal()
    assert dialog is not None and dialog.customer_id == cid
    qtbot.waitUntil(lambda: dialog.stage_box.count() == 4, timeout=TIMEOUT)
    dialog.title_edit.setText("Diesel contract 2027")
    dialog.amount_edit.setText("abc")
    dialog.save()
    assert dialog.error_labels["amount"].isVisible()
    dialog.amount_edit.setText("48000")
    with qtbot.waitSignal(form.loaded, timeout=TIMEOUT):
        dialog.save()
    assert form.deals.model.rowCount() == 1 and form.deals.view.isVisible()
    with db.session() as s:
        deal = s.scalars(select(Deal).where(Deal.customer_id == cid)).one()
        assert deal.amount == Decimal(48000)
    opened = form.open_deal(form.deals.model.row_id(0))
    qtbot.waitUntil(lambda: opened.title_edit.text() == "Diesel contract 2027", timeout=TIMEOUT)
    opened.close()

"""The Front desk page as the desk uses it: keyboard only, from the search field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget
from sqlalchemy import func, select

from app.models import Activity, Customer, Order, Payment, ServiceCase, User, Vehicle
from app.models.enums import ActivityKind, Source
from app.services.users import current_user, ensure_admin
from app.ui import formats
from app.ui.desk_card import DeskCardWidget
from app.ui.pages.front_desk import FrontDeskPage, walk_in_guess

pytestmark = pytest.mark.gui

TIMEOUT = 5000
WANG_PHONE = "+8613811112222"


def _ago(days: int) -> dt.datetime:
    return dt.datetime.now(dt.UTC) - dt.timedelta(days=days, hours=1)


@pytest.fixture
def people(db) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """王师傅: a regular who owes money, has a birthday in three days and an open
    complaint; 李四 drives a car whose plate shares digits with one of 王师傅's."""
    soon = dt.date.today() + dt.timedelta(days=3)
    with db.write() as s:
        owner = User(username="desk", display_name="前台小张")
        s.add(owner)
        s.flush()
        wang = Customer(
            number="C000001",
            name="王师傅",
            owner_id=owner.id,
            phone=WANG_PHONE,
            birthday=dt.date(1984, soon.month, soon.day),
        )
        li = Customer(number="C000002", name="李四", phone="+8613922223333")
        s.add_all([wang, li])
        s.flush()
        s.add_all(
            [
                Vehicle(customer_id=wang.id, plate="粤B·77881"),
                Vehicle(customer_id=wang.id, plate="粤A·12345"),
                Vehicle(customer_id=li.id, plate="粤B·77882"),
            ]
        )
        for days in (2, 9, 16):
            s.add(Activity(customer_id=wang.id, kind=ActivityKind.VISIT, occurred_at=_ago(days)))
        s.add(Order(customer_id=wang.id, order_date=dt.date.today(), amount=Decimal("300.00")))
        s.add(Payment(customer_id=wang.id, paid_on=dt.date.today(), amount=Decimal("120.50")))
        s.add(ServiceCase(customer_id=wang.id, title="油品问题"))
        return {"wang": wang.id, "li": li.id}


@pytest.fixture
def page(qtbot, db, people):  # type: ignore[no-untyped-def]
    ensure_admin(db, "ada", "Ada Admin")
    widget = FrontDeskPage()
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.set_context(db, current_user(db, "ada"))
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _search(page: FrontDeskPage) -> QLineEdit:
    edit = page.findChild(QLineEdit, "deskSearch")
    assert edit is not None
    return edit


def _card(page: FrontDeskPage) -> DeskCardWidget:
    card = page.findChild(DeskCardWidget, "deskCard")
    assert card is not None
    return card


def _shown(page: FrontDeskPage, customer_id: int) -> bool:
    card = _card(page)
    return card.isVisible() and card.card is not None and card.card.id == customer_id


def _find(qtbot, page: FrontDeskPage, text: str, customer_id: int) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(_search(page), text)  # QTest types ASCII only
    qtbot.waitUntil(lambda: _shown(page, customer_id) and page.ready(), timeout=TIMEOUT)


def _visits(db, customer_id: int) -> int:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return s.scalar(
            select(func.count())
            .select_from(Activity)
            .where(Activity.customer_id == customer_id, Activity.kind == ActivityKind.DESK_VISIT)
        )


def test_search_field_is_big_and_focused(page) -> None:  # type: ignore[no-untyped-def]
    search = _search(page)
    assert search.hasFocus()
    assert search.placeholderText() == "Phone digits, plate, card or name…"
    assert search.fontInfo().pointSizeF() >= 18
    assert page.objectName() == "page_front_desk"
    assert page.heading.text() == "Front desk"


def test_phone_digits_show_the_card(qtbot, page, people) -> None:  # type: ignore[no-untyped-def]
    _find(qtbot, page, "1381111", people["wang"])
    card = _card(page)
    assert card.name_label.text() == "王师傅"
    assert card.value("vehicles").text() == "粤B·77881\n粤A·12345"
    assert card.value("owed").text() == formats.money(Decimal("179.50"))
    assert formats.currency_symbol() in card.value("owed").text()
    assert card.value("owed").property("alert") == "danger"
    assert card.value("complaints").text() == "1 open complaint"
    assert card.value("complaints").property("alert") == "danger"
    assert card.value("birthday").text() == "Birthday in 3 days"
    assert card.value("birthday").property("alert") == "notice"
    assert card.value("owner").text() == "前台小张"
    assert card.value("last_visit").text().startswith("2 days ago · ")
    assert card.value("interval").text() == "Every 7 days"
    assert card.value("visits").text() == "3 visits"
    assert card.regularity_label.text() == "Regular"
    assert "138 1111 2222" in card.identity_label.text()
    hits = page.findChild(QListWidget, "deskHits")
    assert hits.count() == 1 and hits.item(0).text().startswith("王师傅\n")


def test_up_and_down_walk_through_the_hits(qtbot, page, people) -> None:  # type: ignore[no-untyped-def]
    hits = page.findChild(QListWidget, "deskHits")
    qtbot.keyClicks(_search(page), "7788")
    qtbot.waitUntil(lambda: hits.count() == 2 and page.ready(), timeout=TIMEOUT)
    first = page.selected_id()
    second = ({people["wang"], people["li"]} - {first}).pop()
    assert _shown(page, first)
    qtbot.keyPress(_search(page), Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: _shown(page, second) and page.ready(), timeout=TIMEOUT)
    assert hits.currentRow() == 1
    qtbot.keyPress(_search(page), Qt.Key.Key_Down)  # stays on the last one
    assert hits.currentRow() == 1
    qtbot.keyPress(_search(page), Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: _shown(page, first) and page.ready(), timeout=TIMEOUT)
    assert _search(page).hasFocus()


def test_enter_amount_enter_logs_a_visit(qtbot, page, db, people) -> None:  # type: ignore[no-untyped-def]
    wang = people["wang"]
    _find(qtbot, page, "13811112222", wang)
    qtbot.keyPress(_search(page), Qt.Key.Key_Return)
    amount = page.findChild(QLineEdit, "visitAmount")
    note = page.findChild(QLineEdit, "visitNote")
    qtbot.waitUntil(lambda: amount.isVisible() and amount.hasFocus(), timeout=TIMEOUT)
    qtbot.keyClicks(amount, "88.50")
    qtbot.keyPress(amount, Qt.Key.Key_Tab)
    assert note.hasFocus()
    qtbot.keyClicks(note, "full tank")
    qtbot.keyPress(note, Qt.Key.Key_Return)
    status = page.findChild(QLabel, "deskStatus")
    qtbot.waitUntil(lambda: status.text().startswith("Visit logged"), timeout=TIMEOUT)
    assert status.text() == f"Visit logged for 王师傅 · {formats.money(Decimal('88.50'))}"
    assert _search(page).text() == ""
    assert _search(page).hasFocus()
    assert not amount.isVisible()
    with db.session() as s:
        visit = s.scalars(
            select(Activity).where(
                Activity.customer_id == wang, Activity.kind == ActivityKind.DESK_VISIT
            )
        ).one()
        assert visit.text == "full tank"
        assert visit.user_id == current_user(db, "ada").id
        order = s.scalars(select(Order).where(Order.activity_id == visit.id)).one()
        assert order.amount == Decimal("88.50")


def test_enter_twice_logs_a_visit_without_amount(qtbot, page, db, people) -> None:  # type: ignore[no-untyped-def]
    _find(qtbot, page, "1381111", people["wang"])
    qtbot.keyPress(_search(page), Qt.Key.Key_Return)
    amount = page.findChild(QLineEdit, "visitAmount")
    qtbot.waitUntil(amount.hasFocus, timeout=TIMEOUT)
    qtbot.keyPress(amount, Qt.Key.Key_Return)
    status = page.findChild(QLabel, "deskStatus")
    qtbot.waitUntil(lambda: status.text() == "Visit logged for 王师傅", timeout=TIMEOUT)
    assert _visits(db, people["wang"]) == 1
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 1  # only the old one


def test_bad_amount_is_shown_and_nothing_stored(qtbot, page, db, people) -> None:  # type: ignore[no-untyped-def]
    _find(qtbot, page, "1381111", people["wang"])
    qtbot.keyPress(_search(page), Qt.Key.Key_Return)
    amount = page.findChild(QLineEdit, "visitAmount")
    qtbot.waitUntil(amount.hasFocus, timeout=TIMEOUT)
    qtbot.keyClicks(amount, "12.345")
    qtbot.keyPress(amount, Qt.Key.Key_Return)
    error = page.findChild(QLabel, "deskVisitError")
    qtbot.waitUntil(error.isVisible, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: page.visit_operation is None, timeout=TIMEOUT)
    assert error.text() == "at most two decimals"
    assert amount.text() == "12.345"
    assert amount.hasFocus()
    assert amount.property("invalid") is True
    assert _visits(db, people["wang"]) == 0
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 1
    qtbot.keyPress(amount, Qt.Key.Key_Escape)  # Esc gives up, back to the search
    assert not amount.isVisible()
    assert _search(page).hasFocus()
    assert _search(page).text() == "1381111"


def test_enter_typed_before_the_card_arrives_waits_for_it(qtbot, page, people) -> None:  # type: ignore[no-untyped-def]
    _find(qtbot, page, "1381111", people["wang"])
    search = _search(page)
    search.clear()
    qtbot.keyClicks(search, "1392222")
    qtbot.keyPress(search, Qt.Key.Key_Return)  # still within the typing pause
    assert not page.findChild(QLineEdit, "visitAmount").isVisible()
    title = page.findChild(QLabel, "deskVisitTitle")
    qtbot.waitUntil(lambda: title.isVisible(), timeout=TIMEOUT)
    assert title.text() == "Log a visit for 李四"
    assert _card(page).card.id == people["li"]


def test_f2_opens_the_file(qtbot, page, people) -> None:  # type: ignore[no-untyped-def]
    _find(qtbot, page, "1392222", people["li"])
    with qtbot.waitSignal(page.openCustomer, timeout=TIMEOUT) as opened:
        qtbot.keyPress(_search(page), Qt.Key.Key_F2)
    assert opened.args == [people["li"]]
    with qtbot.waitSignal(page.openCustomer, timeout=TIMEOUT) as clicked:
        qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert clicked.args == [people["li"]]


def test_no_hits_show_the_empty_line(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(_search(page), "zzqx")
    empty = page.findChild(QLabel, "deskEmpty")
    qtbot.waitUntil(empty.isVisible, timeout=TIMEOUT)
    assert empty.text() == "No customer found — press Ctrl+N to register a walk-in"
    assert not _card(page).isVisible()
    assert not page.findChild(QListWidget, "deskHits").isVisible()
    assert not page.log_button.isEnabled()
    qtbot.keyPress(_search(page), Qt.Key.Key_Return)  # nothing to log a visit for
    assert not page.findChild(QLineEdit, "visitAmount").isVisible()


def test_ctrl_n_registers_a_walk_in(qtbot, page, db) -> None:  # type: ignore[no-untyped-def]
    search = _search(page)
    qtbot.keyClicks(search, "13700001111")
    empty = page.findChild(QLabel, "deskEmpty")
    qtbot.waitUntil(empty.isVisible, timeout=TIMEOUT)
    qtbot.keyPress(search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    name = page.findChild(QLineEdit, "walkInName")
    phone = page.findChild(QLineEdit, "walkInPhone")
    plate = page.findChild(QLineEdit, "walkInPlate")
    assert name.isVisible() and name.hasFocus()
    assert phone.text() == "13700001111"
    assert plate.text() == ""
    qtbot.keyClicks(name, "Ana Lopez")
    qtbot.keyPress(name, Qt.Key.Key_Tab)
    qtbot.keyPress(phone, Qt.Key.Key_Tab)
    qtbot.keyClicks(plate, "b 12345")
    qtbot.keyPress(plate, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _card(page).isVisible() and page.ready(), timeout=TIMEOUT)
    card = _card(page)
    assert card.name_label.text() == "Ana Lopez"
    assert card.value("vehicles").text() == "B 12345"
    assert not name.isVisible()
    assert search.hasFocus()
    assert (
        page.findChild(QLabel, "deskStatus").text() == "Ana Lopez is registered as a new customer"
    )
    with db.session() as s:
        customer = s.get(Customer, card.card.id)
        assert customer.phone == "+8613700001111"
        assert customer.source is Source.WALK_IN
    # and Enter now logs the walk-in's first visit
    qtbot.keyPress(search, Qt.Key.Key_Return)
    assert page.findChild(QLabel, "deskVisitTitle").text() == "Log a visit for Ana Lopez"


def test_walk_in_errors_are_shown_by_field(qtbot, page, db) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s:
        before = s.scalar(select(func.count()).select_from(Customer))
    qtbot.mouseClick(page.walk_in_button, Qt.MouseButton.LeftButton)
    name = page.findChild(QLineEdit, "walkInName")
    phone = page.findChild(QLineEdit, "walkInPhone")
    assert name.hasFocus()
    qtbot.keyPress(name, Qt.Key.Key_Return)
    name_error = page.findChild(QLabel, "walkInNameError")
    qtbot.waitUntil(name_error.isVisible, timeout=TIMEOUT)
    assert name_error.text() == "this field is required"
    qtbot.keyClicks(name, "Ana")
    qtbot.keyClicks(phone, "12")
    qtbot.keyPress(phone, Qt.Key.Key_Return)
    phone_error = page.findChild(QLabel, "walkInPhoneError")
    qtbot.waitUntil(phone_error.isVisible, timeout=TIMEOUT)
    assert not name_error.isVisible()
    assert "12" in phone_error.text()
    assert phone.hasFocus() and phone.property("invalid") is True
    qtbot.waitUntil(lambda: page.walk_in_operation is None, timeout=TIMEOUT)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Customer)) == before
    qtbot.keyPress(phone, Qt.Key.Key_Escape)
    assert not name.isVisible()
    assert _search(page).hasFocus()


def test_escape_clears_the_search(qtbot, page, people) -> None:  # type: ignore[no-untyped-def]
    _find(qtbot, page, "1381111", people["wang"])
    qtbot.keyPress(_search(page), Qt.Key.Key_Escape)
    assert _search(page).text() == ""
    hint = page.findChild(QLabel, "deskHint")
    qtbot.waitUntil(hint.isVisible, timeout=TIMEOUT)


def test_closing_the_database_clears_the_page(qtbot, page, people) -> None:  # type: ignore[no-untyped-def]
    _find(qtbot, page, "1381111", people["wang"])
    page.set_context(None, None)
    assert _search(page).text() == ""
    assert _card(page).card is None
    assert not _card(page).isVisible()
    assert page.findChild(QLabel, "deskHint").isVisible()
    qtbot.keyPress(_search(page), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert not page.findChild(QLineEdit, "walkInName").isVisible()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("138 1111-2222", ("", "138 1111-2222", "")),
        ("粤b·77881", ("", "", "粤B·77881")),
        ("1234 BCD", ("", "", "1234 BCD")),
        ("王师傅", ("王师傅", "", "")),
        ("zs", ("", "", "")),
        ("", ("", "", "")),
    ],
)
def test_walk_in_guess(typed: str, expected: tuple[str, str, str]) -> None:
    assert walk_in_guess(typed) == expected


def test_in_the_window_ctrl_n_is_a_walk_in_not_a_new_database(
    qtbot, window, people, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The window's Ctrl+N is "New database"; on the desk the page's fields claim it.

    A key press goes to the focused field of the active window, so each one waits for that
    field to have the focus *then*: under load the window's start-up work (reminders, the
    daily backup, a progress window after half a second) can still be running when the
    desk's card arrives, and may take the focus meanwhile."""
    from app.ui.operations import task_manager

    asked: list[str] = []
    monkeypatch.setattr(type(window), "new_database_dialog", lambda _self: asked.append("db"))
    qtbot.waitUntil(lambda: not task_manager().running(), timeout=TIMEOUT)  # start-up done
    window.switch_to_page("front_desk")
    page = window.page("front_desk")
    window.activateWindow()
    qtbot.waitActive(window, timeout=TIMEOUT)
    search = _search(page)
    name = page.findChild(QLineEdit, "walkInName")
    qtbot.waitUntil(search.hasFocus, timeout=TIMEOUT)
    _find(qtbot, page, "1381111", people["wang"])
    qtbot.waitUntil(lambda: search.hasFocus() and page.ready(), timeout=TIMEOUT)
    qtbot.keyPress(search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert name.isVisible() and name.hasFocus()
    assert asked == []
    qtbot.keyPress(name, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: search.hasFocus() and page.ready(), timeout=TIMEOUT)
    with qtbot.waitSignal(page.openCustomer, timeout=TIMEOUT) as opened:
        qtbot.keyPress(search, Qt.Key.Key_F2)
    assert opened.args == [people["wang"]]


def test_answers_to_an_older_text_are_dropped(qtbot, page, people) -> None:  # type: ignore[no-untyped-def]
    from app.services.search import SearchResult

    _find(qtbot, page, "1381111", people["wang"])
    page._searched(page._seq - 1, SearchResult("zzz"))  # an answer overtaken by typing
    assert _shown(page, people["wang"])
    assert page.findChild(QListWidget, "deskHits").count() == 1


def test_card_texts() -> None:
    from app.ui.desk_card import interval_text, last_visit_text, purchases_text, vehicles_text

    day = dt.date(2026, 11, 3)
    assert purchases_text([(day, Decimal("12.3")), (day, None)], [["Diesel"]]) == (
        f"{formats.date(day)}  {formats.money(Decimal('12.30'))}  Diesel\n{formats.date(day)}"
    )
    assert vehicles_text([]) == "None"
    assert vehicles_text([f"粤B·{i:05d}" for i in range(6)]).splitlines()[-1] == "and 2 more"
    assert interval_text(None) == "Not known yet"
    assert interval_text(0.4) == "Several times a day"
    assert interval_text(1.2) == "Every day"
    assert interval_text(13.6) == "Every 14 days"
    now = dt.datetime.now(dt.UTC)
    assert last_visit_text(None) == "No visit yet"
    assert last_visit_text(now).startswith("Today, ")
    local_today = now.astimezone().date()
    assert last_visit_text(now - dt.timedelta(days=1), local_today).startswith("Yesterday · ")

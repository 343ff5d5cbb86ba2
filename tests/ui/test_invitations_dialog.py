"""Invite to event as a person uses it: filters and the live count, a new event, Mark
invited, Export list…, and the ways in (Customers page, File menu)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QDate, Qt
from sqlalchemy import select

from app.db import Database
from app.models import Campaign, CampaignMember, Customer, User
from app.models.enums import CampaignKind, Channel, Lifecycle, Role
from app.services import invitations
from app.services.invitations import InvitationFilter
from app.services.users import UserInfo, current_user
from app.ui import formats
from app.ui.invitations_dialog import InvitationsDialog

pytestmark = pytest.mark.gui
TIMEOUT = 10_000


def _settled(d: InvitationsDialog) -> bool:
    return d.preview is not None and not d.counting


@pytest.fixture
def dialog(qtbot, demo_db: Database) -> InvitationsDialog:  # type: ignore[no-untyped-def]
    d = InvitationsDialog(demo_db, current_user(demo_db, None))
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(lambda: _settled(d), timeout=TIMEOUT)
    return d


def _expected(db: Database, f: InvitationFilter, event_id: int | None) -> invitations.Preview:
    with db.session() as s:
        return invitations.preview(s, f, event_id)


def test_count_follows_the_filters(qtbot, dialog, demo_db) -> None:  # type: ignore[no-untyped-def]
    everyone = _expected(demo_db, InvitationFilter(Channel.SMS), dialog.event_id())
    assert dialog.preview == everyone and everyone.count > 0
    assert dialog.audience.count_label.text().startswith(str(everyone.count))
    with demo_db.session() as s:
        city = s.scalar(select(Customer.city).where(Customer.city.is_not(None)).limit(1))
    dialog.audience.city_box.setCurrentIndex(dialog.audience.city_box.findData(city))
    assert dialog.counting and not dialog.mark_button.isEnabled()  # waits for the count
    phone = dialog.audience.channel_box.findData(Channel.PHONE)
    dialog.audience.channel_box.setCurrentIndex(phone)
    qtbot.waitUntil(lambda: _settled(dialog), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: dialog.preview.count < everyone.count, timeout=TIMEOUT)
    expected = _expected(demo_db, InvitationFilter(Channel.PHONE, city=city), dialog.event_id())
    assert dialog.preview == expected
    assert f"{expected.opted_out} left out because they opted out of Phone" in (
        dialog.audience.count_label.text()
    )
    # the districts follow the city
    qtbot.waitUntil(
        lambda: dialog.audience._districts_op is not None and dialog.audience._districts_op.done
    )
    with demo_db.session() as s:
        assert [
            dialog.audience.district_box.itemData(i)
            for i in range(1, dialog.audience.district_box.count())
        ] == invitations.districts(s, city)


def test_new_event_mark_invited_and_export(  # type: ignore[no-untyped-def]
    qtbot, dialog, demo_db, tmp_path: Path
) -> None:
    qtbot.mouseClick(dialog.new_event_button, Qt.MouseButton.LeftButton)
    assert dialog.new_event_panel.isVisible()
    dialog.event_name_edit.setText("深圳车主开放日")  # keyClicks types ASCII only
    dialog.event_date_edit.setDate(QDate(2026, 12, 20))
    dialog.event_channel_box.setCurrentIndex(dialog.event_channel_box.findData(Channel.PHONE))
    dialog.event_notes_edit.setText("带家属")
    qtbot.mouseClick(dialog.create_event_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.new_event_panel.isHidden(), timeout=TIMEOUT)
    event_id = dialog.event_id()
    assert event_id is not None
    day = formats.date(dt.date(2026, 12, 20))
    assert dialog.event_box.currentText().startswith(f"深圳车主开放日 · {day} · Phone")
    assert dialog.current_filter().channel is Channel.PHONE  # the event's channel
    with demo_db.session() as s:
        event = s.get(Campaign, event_id)
        assert event is not None
        assert (event.name, event.kind, event.starts_on, event.notes) == (
            "深圳车主开放日",
            CampaignKind.EVENT,
            dt.date(2026, 12, 20),
            "带家属",
        )
        city = s.scalar(select(Customer.city).where(Customer.city.is_not(None)).limit(1))

    dialog.audience.city_box.setCurrentIndex(dialog.audience.city_box.findData(city))
    qtbot.waitUntil(lambda: _settled(dialog) and dialog.mark_button.isEnabled(), timeout=TIMEOUT)
    f = InvitationFilter(Channel.PHONE, city=city)
    assert dialog.current_filter() == f
    with demo_db.session() as s:
        chosen = invitations.select_customers(s, f)
    assert dialog.preview is not None and dialog.preview.new == chosen.count > 0
    qtbot.mouseClick(dialog.mark_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.last_invited is not None, timeout=TIMEOUT)
    assert sorted(dialog.last_invited.added) == chosen.customer_ids
    assert dialog.result_label.text().startswith(
        f"{chosen.count} customer{'s' * (chosen.count != 1)} added"
    )
    with demo_db.session() as s:
        members = list(
            s.scalars(
                select(CampaignMember.customer_id)
                .where(CampaignMember.campaign_id == event_id)
                .order_by(CampaignMember.customer_id)
            )
        )
    assert members == chosen.customer_ids
    qtbot.waitUntil(lambda: _settled(dialog), timeout=TIMEOUT)
    assert dialog.preview.new == 0 and not dialog.mark_button.isEnabled()
    assert dialog.audience.count_detail.text() == "All of them are already invited to this event."
    assert f"{chosen.count} invited" in dialog.event_box.currentText()

    target = tmp_path / "invited.xlsx"
    dialog.ask_export_path = lambda _event: str(target)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.last_export is not None, timeout=TIMEOUT)
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Name", "Phone", "Owner")
    with demo_db.session() as s:
        expected = s.execute(
            select(Customer.name, Customer.phone, User.display_name)
            .outerjoin(User, User.id == Customer.owner_id)
            .where(Customer.id.in_(members))
        ).all()
    assert sorted(rows[1:], key=str) == sorted((tuple(r) for r in expected), key=str)


def test_an_event_needs_a_name(qtbot, dialog, demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.session() as s:
        before = len(invitations.events(s))
    dialog.show_new_event()
    dialog.event_name_edit.setText("   ")
    qtbot.mouseClick(dialog.create_event_button, Qt.MouseButton.LeftButton)
    error = dialog.findChild(type(dialog.audience.count_label), "nameError")
    assert error is not None and error.isVisible() and error.text() == "an event needs a name"
    assert dialog.new_event_panel.isVisible()
    with demo_db.session() as s:
        assert len(invitations.events(s)) == before


def test_the_same_event_twice_is_refused_inline(qtbot, dialog, demo_db) -> None:  # type: ignore[no-untyped-def]
    event_id = invitations.create_event(demo_db, None, "试驾周", dt.date(2026, 9, 1), "sms")
    dialog.show_new_event()
    dialog.event_name_edit.setText("试驾周")
    dialog.event_date_edit.setDate(QDate(2026, 9, 1))
    qtbot.mouseClick(dialog.create_event_button, Qt.MouseButton.LeftButton)
    error = dialog.findChild(type(dialog.audience.count_label), "nameError")
    qtbot.waitUntil(lambda: error.isVisible(), timeout=TIMEOUT)
    assert "already an event called 试驾周" in error.text()
    assert dialog.create_event_button.isEnabled() and dialog.event_id() != event_id


def test_empty_office_offers_a_new_event(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    action = window.findChild(type(window.invite_action), "actionInviteToEvent")
    action.trigger()
    dialog = window.findChild(InvitationsDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: _settled(dialog), timeout=TIMEOUT)
    assert dialog.new_event_panel.isVisible()
    assert dialog.event_id() is None
    assert dialog.audience.count_label.text().startswith("0 customers match")
    assert (
        dialog.audience.count_detail.text()
        == "There are no customers yet: add or import them first."
    )
    assert not dialog.mark_button.isEnabled() and not dialog.export_button.isEnabled()
    dialog.audience.level_box.setCurrentIndex(1)
    qtbot.waitUntil(lambda: _settled(dialog), timeout=TIMEOUT)
    assert dialog.audience.count_detail.text() == "No customer matches these filters."
    dialog.close()


def test_customers_page_opens_it_with_its_filters(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    from app.ui.pages.customers import CustomersPage

    page = CustomersPage()
    qtbot.addWidget(page)
    page.set_context(demo_db, current_user(demo_db, None))
    qtbot.waitUntil(lambda: page.city_box.count() > 1, timeout=TIMEOUT)
    city = page.city_box.itemData(1)
    page.city_box.setCurrentIndex(1)
    page.lifecycle_box.setCurrentIndex(page.lifecycle_box.findData("steady"))
    page.class_box.setCurrentIndex(page.class_box.findData("B"))
    page.star_check.setChecked(True)
    qtbot.mouseClick(page.invite_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(InvitationsDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: _settled(dialog), timeout=TIMEOUT)
    assert dialog.audience.city_box.currentData() == city
    assert dialog.audience.lifecycle_box.currentData() == "steady"
    assert dialog.audience.class_box.currentData() == "B" and dialog.audience.star_check.isChecked()
    f = InvitationFilter(
        Channel.SMS, city=city, lifecycle=Lifecycle.STEADY, abc_class="B", starred=True
    )
    assert dialog.current_filter() == f
    assert dialog.preview == _expected(demo_db, f, dialog.event_id())
    dialog.close()


def test_a_viewer_can_count_and_export_but_not_invite(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.write() as s:
        viewer = User(username="kan", display_name="看客", role=Role.VIEWER)
        s.add(viewer)
        s.flush()
        info = UserInfo(viewer.id, viewer.username, viewer.display_name, Role.VIEWER)
    d = InvitationsDialog(demo_db, info)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(lambda: _settled(d), timeout=TIMEOUT)
    assert d.preview is not None and d.preview.count > 0
    assert not d.mark_button.isEnabled() and not d.new_event_button.isEnabled()
    assert d.event_box.findData("new") == -1
    d.show_new_event()
    assert d.new_event_panel.isHidden()
    assert d.export_button.isEnabled() == (d.event_id() is not None)


def test_enter_in_the_name_creates_the_event_and_marks_no_one(  # type: ignore[no-untyped-def]
    qtbot, dialog, demo_db
) -> None:
    assert dialog.mark_button.isEnabled()  # the demo's latest event has customers to add
    dialog.show_new_event()
    dialog.event_name_edit.setText("周末保养讲座")
    qtbot.keyClick(dialog.event_name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.new_event_panel.isHidden(), timeout=TIMEOUT)
    assert dialog.event_box.currentText().startswith("周末保养讲座")
    qtbot.waitUntil(lambda: _settled(dialog), timeout=TIMEOUT)
    assert dialog.last_invited is None
    with demo_db.session() as s:
        event = invitations.find_event(s, "周末保养讲座")
        assert event is not None and event.invited == 0

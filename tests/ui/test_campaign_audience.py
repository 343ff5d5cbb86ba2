"""Reports ▸ Campaigns ▸ Choose audience… on the demo office: a promotion's audience
chosen with the invitations' selection (count, opt-outs of the channel left out), added
to its list, responses logged in its invited list; a new call round goes straight on to
its audience; a viewer cannot add anyone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from sqlalchemy import select

from app.db import Database
from app.models import Campaign, CampaignMember, Customer, User
from app.models.enums import CampaignKind, CampaignResponse, Channel, Role
from app.services import invitations
from app.services.invitations import InvitationFilter
from app.services.users import UserInfo
from app.ui.campaign_audience_dialog import CampaignAudienceDialog
from app.ui.campaigns_tab import CampaignsTab

pytestmark = pytest.mark.gui
TIMEOUT = 10_000


def _tab(qtbot, db: Database, user: UserInfo | None = None) -> CampaignsTab:  # type: ignore[no-untyped-def]
    tab = CampaignsTab()
    qtbot.addWidget(tab)
    tab.from_edit.setDate(QDate(2000, 1, 1))
    tab.to_edit.setDate(QDate(2100, 1, 1))
    tab.show()
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.set_context(db, user)
    return tab


def _settled(d: CampaignAudienceDialog) -> bool:
    return d.campaign is not None and d.preview is not None and not d.counting


def test_a_promotions_audience(qtbot, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    tab = _tab(qtbot, demo_db)
    assert tab.result is not None
    row = next(i for i, ln in enumerate(tab.result.campaigns) if ln.kind == "promotion")
    line = tab.result.campaigns[row]
    assert not tab.audience_button.isEnabled()  # no campaign selected yet
    tab.table.selectRow(row)
    assert tab.audience_button.isEnabled()
    qtbot.mouseClick(tab.audience_button, Qt.MouseButton.LeftButton)
    dialog = tab.findChild(CampaignAudienceDialog)
    assert dialog is not None and dialog.campaign_id == line.id
    qtbot.waitUntil(lambda: _settled(dialog), timeout=TIMEOUT)
    assert line.name in dialog.windowTitle()
    assert dialog.audience.current_filter().channel is Channel.SMS  # the promotion's channel

    with demo_db.session() as s:
        district = s.scalar(
            select(Customer.district)
            .where(Customer.district.is_not(None))
            .group_by(Customer.district)
            .order_by(Customer.district)
            .limit(1)
        )
    box = dialog.audience.district_box
    box.setCurrentIndex(box.findData(district))
    channel = dialog.audience.channel_box
    channel.setCurrentIndex(channel.findData(Channel.PHONE))
    f = InvitationFilter(Channel.PHONE, district=district)
    qtbot.waitUntil(
        lambda: _settled(dialog) and dialog.audience.current_filter() == f, timeout=TIMEOUT
    )
    with demo_db.session() as s:
        expected = invitations.preview(s, f, line.id)
        chosen = invitations.select_customers(s, f)
        before = set(
            s.scalars(
                select(CampaignMember.customer_id).where(CampaignMember.campaign_id == line.id)
            )
        )
    assert dialog.preview == expected and expected.count > 0
    label = dialog.audience.count_label.text()
    assert label.startswith(
        f"{expected.count} customer{'s match' if expected.count != 1 else ' matches'}"
    )
    assert f"{expected.opted_out} left out because they opted out of Phone" in label
    assert expected.new > 0 and dialog.add_button.isEnabled()

    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):  # the tab reads the counts again
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.last_added is not None
    added = sorted(dialog.last_added.added)
    assert added == sorted(set(chosen.customer_ids) - before)
    assert dialog.result_label.text().startswith(
        f"{len(added)} customer{'s' * (len(added) != 1)} added"
    )
    with demo_db.session() as s:
        after = set(
            s.scalars(
                select(CampaignMember.customer_id).where(CampaignMember.campaign_id == line.id)
            )
        )
    assert after == before | set(chosen.customer_ids)
    qtbot.waitUntil(lambda: _settled(dialog), timeout=TIMEOUT)
    assert dialog.audience.count_detail.text() == "All of them are in the audience already."
    assert not dialog.add_button.isEnabled()
    refreshed = next(ln for ln in tab.result.campaigns if ln.id == line.id)  # type: ignore[union-attr]
    assert refreshed.invited == line.invited + len(added)
    dialog.close()

    # a response of one of them, in the campaign's invited list
    members = tab.open_members(
        next(i for i, ln in enumerate(tab.result.campaigns) if ln.id == line.id)
    )  # type: ignore[union-attr]
    assert members is not None
    qtbot.waitUntil(lambda: len(members.rows) == refreshed.invited, timeout=TIMEOUT)
    i = next(i for i, r in enumerate(members.rows) if r.customer_id == added[0])
    members.table.selectRow(i)
    op = members.respond("bought")
    assert op is not None
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert op.error is None
    with demo_db.session() as s:
        answer = s.scalar(
            select(CampaignMember.response).where(
                CampaignMember.campaign_id == line.id, CampaignMember.customer_id == added[0]
            )
        )
    assert answer == CampaignResponse.BOUGHT
    members.close()


def test_a_new_call_round_goes_on_to_its_audience(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    with db.write() as s:
        s.add_all(
            [
                Customer(number="C1", name="张三", district="南山区", consent_phone=True),
                Customer(number="C2", name="李四", district="南山区", consent_phone=False),
                Customer(number="C3", name="王五", district="福田区"),
            ]
        )
    tab = _tab(qtbot, db)
    new = tab.new_campaign()
    assert new is not None
    new.name_edit.setText("老客户回访")
    new.kind_box.setCurrentIndex(new.kind_box.findData("call_round"))
    new.from_edit.setDate(QDate.currentDate().addDays(20))  # planned: not yet in the period
    new.to_edit.setDate(QDate.currentDate().addDays(30))
    new.save()
    qtbot.waitUntil(lambda: tab.findChild(CampaignAudienceDialog) is not None, timeout=TIMEOUT)
    dialog = tab.findChild(CampaignAudienceDialog)
    qtbot.waitUntil(lambda: _settled(dialog), timeout=TIMEOUT)
    assert "老客户回访" in dialog.campaign_label.text()
    channel = dialog.audience.channel_box
    channel.setCurrentIndex(channel.findData(Channel.PHONE))
    box = dialog.audience.district_box
    box.setCurrentIndex(box.findData("南山区"))
    qtbot.waitUntil(
        lambda: _settled(dialog) and dialog.audience.current_filter().district == "南山区",
        timeout=TIMEOUT,
    )
    assert (dialog.preview.count, dialog.preview.opted_out) == (1, 1)
    assert "1 left out because they opted out of Phone" in dialog.audience.count_label.text()
    assert dialog.audience.count_detail.text() == "None of them is in the audience yet."
    op = dialog.add()
    assert op is not None
    qtbot.waitUntil(lambda: dialog.last_added is not None, timeout=TIMEOUT)
    with db.session() as s:
        campaign = s.scalars(select(Campaign)).one()
        assert campaign.kind is CampaignKind.CALL_ROUND
        names = s.scalars(
            select(Customer.name)
            .join(CampaignMember, CampaignMember.customer_id == Customer.id)
            .where(CampaignMember.campaign_id == campaign.id)
        ).all()
    assert names == ["张三"]
    assert "1 on the list" in dialog.campaign_label.text()
    dialog.close()


def test_a_viewer_cannot_add(qtbot, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    with demo_db.write() as s:
        viewer = User(username="kan", display_name="看客", role=Role.VIEWER)
        s.add(viewer)
        s.flush()
        info = UserInfo(viewer.id, viewer.username, viewer.display_name, Role.VIEWER)
    tab = _tab(qtbot, demo_db, info)
    tab.table.selectRow(0)
    assert not tab.audience_button.isEnabled() and not tab.new_button.isEnabled()
    assert tab.choose_audience(0) is None
    with demo_db.session() as s:
        campaign_id = s.scalars(select(Campaign.id)).first()
    assert campaign_id is not None
    dialog = CampaignAudienceDialog(demo_db, info, campaign_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: _settled(dialog), timeout=TIMEOUT)
    assert dialog.preview is not None and dialog.preview.count > 0
    assert not dialog.add_button.isEnabled() and dialog.add() is None

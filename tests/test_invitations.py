"""Event invitations: select nearby customers, leave out opt-outs, invite once, export."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from app.db import Database
from app.models import Campaign, CampaignMember, Customer, Tag, User, Vehicle
from app.models.enums import CampaignKind, Channel, MembershipLevel, VehicleUse
from app.services import invitations
from app.services.invitations import InvitationFilter


@pytest.fixture
def office(db: Database) -> dict[str, int]:
    with db.write() as s:
        li = User(username="li", display_name="李娜")
        vip = Tag(name="VIP车主")
        event = Campaign(name="车主开放日", kind=CampaignKind.EVENT, channel=Channel.SMS)
        s.add_all([li, vip, event])
        s.flush()
        rows = [
            ("王师傅", "深圳", "福田区", True, MembershipLevel.GOLD, VehicleUse.TAXI, True),
            ("张三", "深圳", "福田区", False, MembershipLevel.NONE, VehicleUse.PRIVATE, False),
            ("李四", "深圳", "南山区", True, MembershipLevel.GOLD, None, False),
            ("赵六", "广州", "天河区", True, MembershipLevel.GOLD, VehicleUse.TAXI, True),
        ]
        ids = {"li": li.id, "tag": vip.id, "event": event.id}
        for n, (name, city, district, sms, level, use, tagged) in enumerate(rows):
            c = Customer(
                number=f"C{n}",
                name=name,
                phone=f"+86138000000{n:02d}",
                owner_id=li.id,
                city=city,
                district=district,
                consent_sms=sms,
                membership_level=level,
            )
            if tagged:
                c.tags.append(vip)
            s.add(c)
            s.flush()
            if use is not None:
                s.add(Vehicle(customer_id=c.id, plate=f"粤B{n:05d}", use=use))
            ids[name] = c.id
        return ids


def test_selection_leaves_out_opt_outs(db: Database, office: dict[str, int]) -> None:
    with db.session() as s:
        fut = invitations.select_customers(
            s, InvitationFilter(Channel.SMS, city="深圳", district="福田区")
        )
        assert fut.customer_ids == [office["王师傅"]] and fut.opted_out == 1
        by_phone = invitations.select_customers(s, InvitationFilter(Channel.PHONE, city="深圳"))
        assert by_phone.count == 3 and by_phone.opted_out == 0
        taxis = invitations.select_customers(
            s, InvitationFilter(Channel.SMS, vehicle_use=VehicleUse.TAXI)
        )
        assert taxis.customer_ids == [office["王师傅"], office["赵六"]]
        tagged_gold = invitations.select_customers(
            s,
            InvitationFilter(
                Channel.SMS, tag_id=office["tag"], membership_level=MembershipLevel.GOLD
            ),
        )
        assert tagged_gold.customer_ids == [office["王师傅"], office["赵六"]]


def test_invite_once_and_export(db: Database, office: dict[str, int], tmp_path: Path) -> None:
    f = InvitationFilter(Channel.SMS, city="深圳")
    first = invitations.invite(db, office["li"], office["event"], f)
    assert sorted(first.added) == sorted([office["王师傅"], office["李四"]])
    assert first.opted_out == 1
    again = invitations.invite(db, office["li"], office["event"], InvitationFilter(Channel.SMS))
    assert again.added == [office["赵六"]] and again.already == 2
    with db.session() as s:
        members = s.scalar(select(func.count()).select_from(CampaignMember))
        assert members == 3
        result = invitations.export_invited(s, office["event"], tmp_path / "invited.xlsx")
    sheet = openpyxl.load_workbook(result.path).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Name", "Phone", "Owner")
    assert sorted(r[0] for r in rows[1:]) == sorted(["王师傅", "李四", "赵六"])
    assert all(r[2] == "李娜" for r in rows[1:])

"""Event invitations: select nearby customers, leave out opt-outs, invite once, export."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

from app.cli import main
from app.db import Database
from app.errors import ClientelaError, PermissionDenied, ValidationError
from app.models import (
    AuditEntry,
    Campaign,
    CampaignMember,
    Customer,
    CustomerSegment,
    Tag,
    User,
    Vehicle,
)
from app.models.enums import (
    AuditAction,
    CampaignKind,
    Channel,
    Lifecycle,
    MembershipLevel,
    Role,
    VehicleUse,
)
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


# ------------------------------------------------------------------ events
def test_create_event_validates_and_is_audited(db: Database, office: dict[str, int]) -> None:
    day = dt.date(2026, 12, 20)
    bad = [
        (("  ", day, "sms", None), "name"),
        (("x" * (invitations.MAX_NAME + 1), day, "sms", None), "name"),
        (("开放日", day, "fax", None), "channel"),
        (("开放日", dt.date(1900, 1, 1), "sms", None), "starts_on"),
        (("开放日", day, "sms", "n" * (invitations.MAX_NOTES + 1)), "notes"),
    ]
    for args, field in bad:
        with pytest.raises(ValidationError) as info:
            invitations.create_event(db, office["li"], *args)
        assert info.value.field == field, args
    event_id = invitations.create_event(
        db, office["li"], "  新车  品鉴会 ", day, Channel.PHONE, "  带家属  "
    )
    with pytest.raises(ValidationError) as twice:
        invitations.create_event(db, office["li"], "新车 品鉴会", day, "sms")
    assert twice.value.field == "name"
    invitations.create_event(db, office["li"], "新车 品鉴会", day + dt.timedelta(days=7), "sms")
    with db.session() as s:
        event = s.get(Campaign, event_id)
        assert event is not None
        assert (event.name, event.kind, event.channel, event.starts_on, event.notes) == (
            "新车 品鉴会",
            CampaignKind.EVENT,
            Channel.PHONE,
            day,
            "带家属",
        )
        assert event.owner_id == office["li"]
        audited = dict(
            s.execute(
                select(AuditEntry.field, AuditEntry.new_value).where(
                    AuditEntry.entity == "campaign",
                    AuditEntry.entity_id == event_id,
                    AuditEntry.action == AuditAction.CREATE,
                )
            ).all()
        )
        assert audited == {
            "name": "新车 品鉴会",
            "starts_on": "2026-12-20",
            "channel": "phone",
            "notes": "带家属",
        }
        assert s.scalar(select(func.count()).select_from(Campaign)) == 3


def test_a_viewer_may_not_create_or_invite(db: Database, office: dict[str, int]) -> None:
    with db.write() as s:
        viewer = User(username="kan", display_name="看客", role=Role.VIEWER)
        s.add(viewer)
        s.flush()
        viewer_id = viewer.id
    with pytest.raises(PermissionDenied):
        invitations.create_event(db, viewer_id, "开放日", None, "sms")
    with pytest.raises(PermissionDenied):
        invitations.invite(db, viewer_id, office["event"], InvitationFilter(Channel.SMS))
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(CampaignMember)) == 0


def test_events_newest_first_with_invited_counts(db: Database, office: dict[str, int]) -> None:
    later = invitations.create_event(db, None, "试驾周", dt.date(2027, 3, 1), "phone")
    earlier = invitations.create_event(db, None, "答谢会", dt.date(2026, 5, 1), "email")
    with db.write() as s:
        s.add(Campaign(name="春节促销", kind=CampaignKind.PROMOTION, channel=Channel.SMS))
    invitations.invite(db, None, earlier, InvitationFilter(Channel.EMAIL, city="深圳"))
    with db.session() as s:
        listed = invitations.events(s)
        assert [e.id for e in listed] == [later, earlier, office["event"]]  # undated last
        assert [e.invited for e in listed] == [0, 3, 0]
        assert listed[1].channel is Channel.EMAIL and listed[1].starts_on == dt.date(2026, 5, 1)
        assert invitations.find_event(s, " 答谢会 ") == listed[1]
        assert invitations.find_event(s, "答谢会", dt.date(2026, 5, 2)) is None
        assert invitations.find_event(s, "春节促销") is None  # a promotion, not an event
        assert invitations.find_tag(s, "vip车主") == office["tag"]
        with pytest.raises(ValidationError):
            invitations.find_tag(s, "没有")
        assert invitations.districts(s, "深圳") == ["南山区", "福田区"]
        assert invitations.districts(s) == ["南山区", "天河区", "福田区"]


def test_preview_counts_opted_out_and_already_invited(db: Database, office: dict[str, int]) -> None:
    f = InvitationFilter(Channel.SMS, city="深圳")
    with db.session() as s:
        before = invitations.preview(s, f, office["event"])
        assert (before.count, before.opted_out, before.already, before.new) == (2, 1, 0, 2)
    invitations.invite(db, None, office["event"], InvitationFilter(Channel.SMS, district="南山区"))
    with db.session() as s:
        after = invitations.preview(s, f, office["event"])
        assert (after.count, after.opted_out, after.already, after.new) == (2, 1, 1, 1)
        assert invitations.preview(s, f).already == 0


def test_segment_filters_read_the_computed_segments(db: Database, office: dict[str, int]) -> None:
    with db.write() as s:
        for name, klass, rfm, star in (
            ("王师傅", "A", "champion", True),
            ("赵六", "B", "at_risk", False),
            ("张三", "A", "champion", True),
        ):
            s.add(
                CustomerSegment(
                    customer_id=office[name],
                    abc_class=klass,
                    rfm_segment=rfm,
                    starred=star,
                    lifecycle="steady",
                )
            )
    with db.session() as s:
        a = invitations.select_customers(s, InvitationFilter(Channel.SMS, abc_class="A"))
        assert a.customer_ids == [office["王师傅"]] and a.opted_out == 1  # 张三 opted out
        b = invitations.select_customers(s, InvitationFilter(Channel.PHONE, abc_class="B"))
        assert b.customer_ids == [office["赵六"]]
        risk = invitations.select_customers(
            s, InvitationFilter(Channel.PHONE, rfm_segment="at_risk")
        )
        assert risk.customer_ids == [office["赵六"]]
        stars = invitations.select_customers(s, InvitationFilter(Channel.PHONE, starred=True))
        assert stars.customer_ids == [office["王师傅"], office["张三"]]
        steady = invitations.select_customers(
            s, InvitationFilter(Channel.PHONE, lifecycle=Lifecycle.STEADY)
        )  # the stage as last worked out
        assert steady.count == 3
        for bad in (
            InvitationFilter(Channel.SMS, abc_class="D"),
            InvitationFilter(Channel.SMS, rfm_segment="sleepy"),
        ):
            with pytest.raises(ValidationError):
                invitations.select_customers(s, bad)


def test_export_event_is_audited_and_translated(
    db: Database, office: dict[str, int], tmp_path: Path
) -> None:
    invitations.invite(db, None, office["event"], InvitationFilter(Channel.SMS, city="广州"))
    result = invitations.export_event(
        db,
        office["li"],
        office["event"],
        tmp_path / "名单.csv",
        headers={"name": "姓名", "phone": "电话", "owner": "负责人"},
    )
    assert result.rows == 1
    text = (tmp_path / "名单.csv").read_text(encoding="utf-8-sig").splitlines()
    assert text == ["姓名,电话,负责人", "赵六,+8613800000003,李娜"]
    with db.session() as s:
        note = s.scalar(
            select(AuditEntry.note).where(
                AuditEntry.action == AuditAction.EXPORT, AuditEntry.entity_id == office["event"]
            )
        )
        assert note == "1 invited customers to 名单.csv"
    with pytest.raises(ClientelaError), db.session() as s:
        invitations.export_invited(s, 9999, tmp_path / "none.xlsx")


# ------------------------------------------------------------------ command line
def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_invite_command_creates_invites_and_exports(
    db: Database, db_path: Path, office: dict[str, int], tmp_path: Path, capsys: Any
) -> None:
    out_file = tmp_path / "invited.xlsx"
    args = ("invite", "--db", str(db_path), "--event", "夏季车主节", "--channel", "sms")
    code, out, err = run(
        capsys, *args, "--date", "2026-07-01", "--city", "深圳", "--out", str(out_file)
    )
    assert code == 0, err
    assert "(created, id" in out and "2 invited, 0 already invited, 1 left out" in out
    assert f"exported 2 invited customers to {out_file}" in out
    rows = list(openpyxl.load_workbook(out_file).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows[0] == ("Name", "Phone", "Owner")
    assert sorted(r[0] for r in rows[1:]) == ["李四", "王师傅"]

    code, out, err = run(capsys, *args, "--tag", "VIP车主", "--vehicle-use", "taxi", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["created"] is False and data["exported"] is None
    assert (data["added"], data["already_invited"], data["opted_out"]) == (1, 1, 0)
    assert data["event"]["name"] == "夏季车主节" and data["event"]["invited"] == 3
    with db.session() as s:
        event = invitations.find_event(s, "夏季车主节")
        assert event is not None and event.starts_on == dt.date(2026, 7, 1)
        members = set(
            s.scalars(
                select(CampaignMember.customer_id).where(CampaignMember.campaign_id == event.id)
            )
        )
        assert members == {office["王师傅"], office["李四"], office["赵六"]}


@pytest.mark.sqlite_only  # a file beside the database
def test_invite_command_errors(
    db: Database, db_path: Path, office: dict[str, int], capsys: Any
) -> None:
    base = ("invite", "--db", str(db_path), "--channel", "sms")
    code, out, err = run(capsys, *base, "--event", "   ")
    assert code == 1 and err.strip() == "clientela: error: an event needs a name" and out == ""
    code, _out, err = run(capsys, *base, "--event", "新活动", "--tag", "没有的标签")
    assert code == 1 and "no tag called 没有的标签" in err
    with db.session() as s:  # the unknown tag stopped it before the event was made
        assert invitations.find_event(s, "新活动") is None
    code, _out, err = run(capsys, *base, "--event", "新活动", "--rfm-segment", "sleepy")
    assert code == 1 and "unknown RFM segment sleepy" in err
    with db.session() as s:
        assert invitations.find_event(s, "新活动") is None
    code, _out, err = run(capsys, *base, "--event", "新活动", "--owner", "nobody")
    assert code == 1 and err.startswith("clientela: error:")
    with pytest.raises(SystemExit) as info:
        main(["invite", "--db", str(db_path), "--event", "x", "--channel", "fax"])
    assert info.value.code == 2
    assert "invalid choice: 'fax'" in capsys.readouterr().err
    code, _out, err = run(
        capsys, "invite", "--db", str(db_path.with_name("missing.db")), "--event", "x",
        "--channel", "sms",
    )  # fmt: skip
    assert code == 1 and err.startswith("clientela: error: no database at")

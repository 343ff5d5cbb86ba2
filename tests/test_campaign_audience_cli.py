"""``python main.py campaign invite`` for any kind of campaign: found by name or id, the
invitations' selection options (the same as ``invite``), the campaign's own channel by
default, opt-outs of the channel left out, ``--dry-run`` counting only; and the
campaign lookups behind it (``services.campaign_audience``)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from app.cli import main
from app.db import Database
from app.errors import ValidationError
from app.models import Campaign, CampaignMember, Customer, Tag
from app.models.enums import CampaignKind, Channel, Lifecycle
from app.services import campaign_audience


@pytest.fixture
def office(db: Database) -> dict[str, int]:
    with db.write() as s:
        vip = Tag(name="VIP")
        s.add(vip)
        people = [
            Customer(number="A", name="王师傅", district="南山区", consent_post=True),
            Customer(number="B", name="李女士", district="南山区", consent_post=False),
            Customer(number="C", name="赵先生", district="南山区", lifecycle=Lifecycle.LOST),
            Customer(number="D", name="陈总", district="福田区"),
        ]
        people[0].tags.append(vip)
        people[3].tags.append(vip)
        s.add_all(people)
        s.add_all(
            [
                Campaign(
                    name="冬季保养信",
                    kind=CampaignKind.MAILING,
                    channel=Channel.POST,
                    starts_on=dt.date(2026, 12, 1),
                ),
                Campaign(name="老客户回访", kind=CampaignKind.CALL_ROUND),
            ]
        )
        s.flush()
        return {c.number: c.id for c in people}


def _members(db: Database, name: str) -> list[str]:
    with db.session() as s:
        return list(
            s.scalars(
                select(Customer.number)
                .join(CampaignMember, CampaignMember.customer_id == Customer.id)
                .join(Campaign, Campaign.id == CampaignMember.campaign_id)
                .where(Campaign.name == name)
                .order_by(Customer.number)
            )
        )


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    assert main(["campaign", "invite", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_a_mailings_audience_by_name(
    db: Database, office: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    base = ("--db", db.target, "--campaign", "冬季保养信")
    # the mailing's own channel (post): 李女士 opted out of post
    counted = _run(capsys, *base, "--district", "南山区", "--dry-run")
    assert (counted["channel"], counted["match"], counted["opted_out"]) == ("post", 2, 1)
    assert counted["added"] is None and counted["on_list"] == 0
    assert _members(db, "冬季保养信") == []  # a dry run adds no one

    done = _run(capsys, *base, "--district", "南山区")
    assert (done["added"], done["already"], done["on_list"]) == (2, 0, 2)
    assert done["campaign"]["kind"] == "mailing"  # type: ignore[index]
    assert _members(db, "冬季保养信") == ["A", "C"]
    # the same options as invite: tag and lifecycle; those on the list stay as they were
    done = _run(capsys, *base, "--tag", "VIP")
    assert (done["added"], done["already"]) == (1, 1)
    done = _run(capsys, *base, "--lifecycle", "lost", "--channel", "phone")
    assert (done["match"], done["added"], done["already"]) == (1, 0, 1)
    assert _members(db, "冬季保养信") == ["A", "C", "D"]

    assert main(["campaign", "invite", *base, "--tag", "VIP"]) == 0
    out = capsys.readouterr().out
    assert "冬季保养信" in out and "added 0" in out and "3 on the list in all" in out


def test_a_call_round_by_id_needs_a_channel(
    db: Database, office: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    with db.session() as s:
        cid = s.scalar(select(Campaign.id).where(Campaign.name == "老客户回访"))
    base = ("campaign", "invite", "--db", db.target, "--campaign", str(cid))
    assert main([*base, "--district", "福田区"]) == 1  # no channel of its own
    assert "--channel" in capsys.readouterr().err
    done = _run(capsys, "--db", db.target, "--campaign", str(cid), "--channel", "sms")
    assert (done["match"], done["added"], done["on_list"]) == (4, 4, 4)
    assert main([*base[:-1], "没有这个活动", "--channel", "sms"]) == 1
    assert "no campaign called 没有这个活动" in capsys.readouterr().err


def test_campaign_lookups(db: Database, office: dict[str, int]) -> None:
    with db.write() as s:
        s.add(Campaign(name="冬季保养信", kind=CampaignKind.MAILING, starts_on=dt.date(2027, 1, 5)))
    with db.session() as s:
        newest = campaign_audience.newest(s)
        assert [(c.name, c.starts_on) for c in newest[:2]] == [
            ("冬季保养信", dt.date(2027, 1, 5)),
            ("冬季保养信", dt.date(2026, 12, 1)),
        ]
        assert campaign_audience.find(s, " 冬季保养信 ").starts_on == dt.date(2027, 1, 5)
        oldest = newest[-1]
        assert campaign_audience.find(s, str(oldest.id)) == oldest
        assert [c.id for c in campaign_audience.newest(s, limit=1, include=oldest.id)] == [
            newest[0].id,
            oldest.id,
        ]
        with pytest.raises(ValidationError):
            campaign_audience.get(s, 999)
        with pytest.raises(ValidationError):
            campaign_audience.find(s, "  ")

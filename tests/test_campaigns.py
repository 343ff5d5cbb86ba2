"""Campaigns and what they brought, worked out by hand: orders of invited customers and of
customers the campaign brought in, within the campaign's days plus N (an order one day
outside excluded), responses, revenue per cost, and the same by lead source."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from app.cli import main
from app.db import Database
from app.errors import ClientelaError, PermissionDenied, ValidationError
from app.models import Customer, Order, Setting, User
from app.models.enums import CampaignKind, Channel, OrderStatus, Role, Source
from app.services import campaigns, invitations
from app.services.campaigns import CampaignData

DAY = dt.date(2026, 10, 10)


@pytest.fixture
def office(db: Database) -> dict[str, int]:
    with db.write() as s:
        boss = User(username="boss", display_name="王经理", role=Role.MANAGER)
        viewer = User(username="v", display_name="Viewer", role=Role.VIEWER)
        s.add_all([boss, viewer])
        s.flush()
        ids: dict[str, int] = {"boss": boss.id, "viewer": viewer.id}
        for key, name, district in (
            ("a", "王师傅", "南山区"),
            ("b", "李女士", "南山区"),
            ("c", "赵先生", "南山区"),
            ("d", "陈总", "福田区"),
        ):
            c = Customer(
                number=key.upper(),
                name=name,
                city="深圳",
                district=district,
                consent_sms=True,
                source=Source.WALK_IN,
                created_at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC),
            )
            s.add(c)
            s.flush()
            ids[key] = c.id
    return ids


def order(db: Database, customer_id: int, day: dt.date, amount: str, **kw: object) -> None:
    with db.write() as s:
        s.add(
            Order(
                customer_id=customer_id,
                order_date=day,
                amount=Decimal(amount),
                status=kw.get("status", OrderStatus.DELIVERED),
            )
        )


def test_what_a_campaign_brought(db: Database, office: dict[str, int]) -> None:
    cid = campaigns.create(
        db,
        office["boss"],
        CampaignData(
            "国庆保养季",
            CampaignKind.PROMOTION,
            Channel.SMS,
            DAY,
            DAY + dt.timedelta(days=2),
            "1000",
            notes="短信 + 到店礼",
        ),
    )
    f = invitations.InvitationFilter(city="深圳", district="南山区", channel=Channel.SMS)
    invited = invitations.invite(db, office["boss"], cid, f)
    assert sorted(invited.added) == sorted([office["a"], office["b"], office["c"]])
    campaigns.respond(db, office["boss"], cid, office["a"], "bought")
    campaigns.respond(db, office["boss"], cid, office["b"], "declined")
    with pytest.raises(ClientelaError):
        campaigns.respond(db, office["boss"], cid, office["d"], "came")  # not invited
    with pytest.raises(ValidationError):
        campaigns.respond(db, office["boss"], cid, office["a"], "maybe")
    # a new customer who came because of it
    with db.write() as s:
        new = Customer(
            number="N", name="新客户", source=Source.CAMPAIGN, campaign_id=cid,
            created_at=dt.datetime(2026, 10, 11, tzinfo=dt.UTC),
        )  # fmt: skip
        s.add(new)
        s.flush()
        office["new"] = new.id
    last = DAY + dt.timedelta(days=2 + 30)  # the window's last day
    order(db, office["a"], DAY, "500")  # in
    order(db, office["a"], last, "300")  # in: the last day counts
    order(db, office["b"], last + dt.timedelta(days=1), "900")  # one day outside: out
    order(db, office["c"], DAY - dt.timedelta(days=1), "700")  # before the campaign: out
    order(db, office["c"], DAY + dt.timedelta(days=5), "50", status=OrderStatus.CANCELLED)
    order(db, office["d"], DAY, "1000")  # not invited: out
    order(db, office["new"], DAY + dt.timedelta(days=3), "1200")  # brought in by it: in

    with db.session() as s:
        (line,) = campaigns.report(s, None, dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    assert (line.invited, line.responded, line.came, line.declined) == (3, 2, 1, 1)
    assert (line.new_customers, line.buyers, line.orders) == (1, 2, 3)
    assert line.revenue == Decimal("2000.00") and line.cost == Decimal("1000")
    assert line.revenue_per_cost == Decimal("2.00")
    assert line.window_to == last
    with db.session() as s:
        (shorter,) = campaigns.report(s, None, dt.date(2026, 10, 1), dt.date(2026, 10, 31), 0)
        assert shorter.revenue == Decimal("500.00")  # only the campaign's own 3 days
        assert campaigns.report(s, None, dt.date(2026, 11, 1), dt.date(2026, 11, 30)) == []
        sources = {x.source: x for x in campaigns.by_source(s, None, DAY, DAY)}
        assert "campaign" not in sources  # entered on the 11th
        sources = {
            x.source: x for x in campaigns.by_source(s, None, DAY, DAY + dt.timedelta(days=1))
        }
        assert sources["campaign"].customers == 1 and sources["campaign"].buyers == 1
        assert sources["campaign"].revenue == Decimal("1200.00")


def test_setting_and_bad_input(
    db: Database, office: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(ValidationError) as err:
        campaigns.create(db, None, CampaignData("", CampaignKind.EVENT))
    assert err.value.field == "name"
    with pytest.raises(ValidationError) as err:
        campaigns.create(
            db, None, CampaignData("x", "mailing", starts_on=DAY, ends_on=DAY - dt.timedelta(1))
        )
    assert err.value.field == "ends_on"
    with pytest.raises(ValidationError) as err:
        campaigns.create(db, None, CampaignData("x", "mailing", cost="-5"))
    assert err.value.field == "cost"
    with pytest.raises(ValidationError) as err:
        campaigns.create(db, None, CampaignData("x", "party"))
    assert err.value.field == "kind"
    with pytest.raises(PermissionDenied):
        campaigns.create(db, office["viewer"], CampaignData("x", "mailing"))

    cid = campaigns.create(db, None, CampaignData("会员日", "call_round", starts_on=DAY))
    invitations.invite(db, None, cid, invitations.InvitationFilter(Channel.SMS, district="福田区"))
    order(db, office["d"], DAY + dt.timedelta(days=10), "400")
    with db.write() as s:
        s.add(Setting(key=campaigns.S_WINDOW, value=7))
    argv = ["report", "campaigns", "--db", db.target, "--from", "2026-10-01", "--to", "2026-10-31"]
    assert main([*argv, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (line,) = data["campaigns"]
    assert line["name"] == "会员日" and line["invited"] == 1 and line["revenue"] == "0.00"
    assert line["revenue_per_cost"] is None  # no cost
    assert main([*argv, "--days", "10", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["campaigns"][0]["revenue"] == "400.00"
    assert main(argv) == 0
    assert "会员日" in capsys.readouterr().out


def test_campaign_commands(
    db: Database, office: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--db", db.target]
    add = ["campaign", "add", *base, "--name", "冬季保养", "--kind", "promotion"]
    assert main([*add, "--channel", "sms", "--from", "2026-12-01", "--cost", "800", "--json"]) == 0
    cid = json.loads(capsys.readouterr().out)["campaign_id"]
    invite = ["campaign", "invite", *base, "--campaign", str(cid), "--channel", "sms"]
    assert main([*invite, "--district", "南山区", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["added"] == 3
    assert main([*invite, "--city", "深圳", "--json"]) == 0
    done = json.loads(capsys.readouterr().out)
    assert (done["campaign_id"], done["added"], done["already"], done["opted_out"]) == (
        cid,
        1,
        3,
        0,
    )
    respond = ["campaign", "respond", *base, "--campaign", str(cid)]
    assert main([*respond, "--customer", "A", "--response", "came"]) == 0
    assert main(["campaign", "add", *base, "--name", "x", "--kind", "mailing", "--cost", "-1"]) == 1
    assert "amount" in capsys.readouterr().err
    period = ["--from", "2026-12-01", "--to", "2026-12-31", "--json"]
    assert main(["report", "campaigns", *base, *period]) == 0
    (line,) = json.loads(capsys.readouterr().out)["campaigns"]
    assert (line["invited"], line["responded"], line["cost"]) == (4, 1, "800.00")

"""Membership levels and points on a hand-built purchase history: thresholds crossed by
purchases at the desk and left by time, points per level, a refused redeem, expiry, two
PCs awarding the same visit once, and the points command."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.db import Database
from app.errors import PermissionDenied, ValidationError
from app.models import Activity, Customer, Order, PointsEntry, Setting, User
from app.models.enums import ActivityKind, MembershipLevel, OrderStatus, PointsKind, Role
from app.services import front_desk, loyalty

TODAY = dt.date(2026, 11, 24)


@pytest.fixture
def office(db: Database) -> dict[str, int]:
    with db.write() as s:
        boss = User(username="boss", display_name="王经理", role=Role.MANAGER)
        li = User(username="li", display_name="李娜", role=Role.SALES)
        s.add_all([boss, li])
        s.flush()
        member = Customer(number="C1", name="王师傅", owner_id=li.id, membership_card="VIP0001")
        walk_in = Customer(number="C2", name="路过的客人", owner_id=li.id)
        s.add_all([member, walk_in])
        s.add_all(
            [
                Setting(
                    key=loyalty.S_THRESHOLDS,
                    value={"ordinary": 0, "silver": 1000, "gold": 3000, "vip": 10000},
                ),
                Setting(key=loyalty.S_POINTS_PER_UNIT, value=1),
                Setting(
                    key=loyalty.S_MULTIPLIERS,
                    value={"ordinary": 1, "silver": 1.5, "gold": 2, "vip": 3},
                ),
            ]
        )
        s.flush()
        return {"boss": boss.id, "li": li.id, "member": member.id, "walk_in": walk_in.id}


def ledger(db: Database, customer_id: int) -> list[tuple[str, int]]:
    with db.session() as s:
        return [
            (e.kind.value, e.points)
            for e in s.scalars(
                select(PointsEntry)
                .where(PointsEntry.customer_id == customer_id)
                .order_by(PointsEntry.id)
            )
        ]


def level(db: Database, customer_id: int) -> MembershipLevel:
    with db.session() as s:
        c = s.get(Customer, customer_id)
        assert c is not None
        return c.membership_level


def test_levels_and_points_from_desk_purchases(db: Database, office: dict[str, int]) -> None:
    m = office["member"]
    first = front_desk.log_visit(db, office["li"], m, "800")
    assert first.points == 800 and level(db, m) is MembershipLevel.ORDINARY
    second = front_desk.log_visit(db, office["li"], m, "300.90")  # 1,100.90: silver
    assert level(db, m) is MembershipLevel.SILVER
    assert second.points == 451  # 300.90 × 1.5, rounded down
    third = front_desk.log_visit(db, office["li"], m, "2000")  # 3,100.90: gold
    assert level(db, m) is MembershipLevel.GOLD and third.points == 4000
    assert front_desk.log_visit(db, office["li"], m).points is None  # a visit, no purchase
    assert ledger(db, m) == [("earn", 800), ("earn", 451), ("earn", 4000)]
    with db.session() as s:
        changes = s.scalars(
            select(Activity.subject)
            .where(Activity.customer_id == m, Activity.kind == ActivityKind.LEVEL_CHANGE)
            .order_by(Activity.id)
        ).all()
        assert changes == ["ordinary → silver", "silver → gold"]
        card = front_desk.card(s, m, TODAY)
        assert card.points == 5251 and card.membership_level == "gold"
        assert front_desk.card(s, office["walk_in"], TODAY).points is None
    # A customer without a card earns nothing and keeps no level.
    assert front_desk.log_visit(db, None, office["walk_in"], "5000").points is None
    assert level(db, office["walk_in"]) is MembershipLevel.NONE
    assert ledger(db, office["walk_in"]) == []


def test_levels_fall_when_spend_leaves_the_year(db: Database, office: dict[str, int]) -> None:
    m = office["member"]
    with db.write() as s:
        for day, amount in ((dt.date(2025, 11, 20), "9000"), (dt.date(2026, 6, 1), "2500")):
            s.add(
                Order(
                    customer_id=m,
                    order_date=day,
                    amount=Decimal(amount),
                    status=OrderStatus.DELIVERED,
                )
            )
        s.add(
            Order(
                customer_id=m,
                order_date=dt.date(2026, 7, 1),
                amount=Decimal("99999"),
                status=OrderStatus.CANCELLED,
            )
        )
    assert loyalty.recompute_all(db, dt.date(2026, 11, 19)) == 1
    assert level(db, m) is MembershipLevel.VIP  # 11,500 in the year to 19 November
    run = loyalty.recompute_daily(db, TODAY)
    assert run is not None and run.levels_changed == 1
    assert level(db, m) is MembershipLevel.SILVER  # the 9,000 left the window: 2,500
    assert loyalty.recompute_daily(db, TODAY) is None  # once a day
    with db.session() as s:
        assert loyalty.spend(s, m, TODAY) == Decimal("2500")


def test_redeem_refuses_more_than_the_balance(db: Database, office: dict[str, int]) -> None:
    m = office["member"]
    front_desk.log_visit(db, office["li"], m, "500")
    with pytest.raises(ValidationError) as err:
        loyalty.redeem(db, office["li"], m, 501, "洗车券")
    assert err.value.field == "points" and "500" in err.value.message
    for bad in (0, -5):
        with pytest.raises(ValidationError):
            loyalty.redeem(db, office["li"], m, bad)
    done = loyalty.redeem(db, office["li"], m, 200, "兑换洗车券")
    assert done.balance == 300
    with pytest.raises(PermissionDenied):
        loyalty.adjust(db, office["li"], m, 50, "补录")
    with pytest.raises(ValidationError):
        loyalty.adjust(db, office["boss"], m, -400, "更正")
    assert loyalty.adjust(db, office["boss"], m, 50, "补录上月积分").balance == 350
    with pytest.raises(ValidationError):
        loyalty.redeem(db, None, office["walk_in"], 1)
    assert ledger(db, m) == [("earn", 500), ("redeem", -200), ("adjust", 50)]
    with db.session() as s:
        found = loyalty.membership(s, None, m, TODAY)
        assert found.balance == 350 and found.ledger[1].user == "李娜"
        assert found.ledger[1].reason == "兑换洗车券"


def test_points_expire_oldest_first(db: Database, office: dict[str, int]) -> None:
    m = office["member"]
    with db.write() as s:
        s.add(Setting(key=loyalty.S_EXPIRE_MONTHS, value=12))
        for day, pts in ((dt.date(2025, 10, 1), 300), (dt.date(2026, 3, 1), 200)):
            s.add(
                PointsEntry(
                    customer_id=m,
                    at=dt.datetime.combine(day, dt.time(10), dt.UTC),
                    kind=PointsKind.EARN,
                    points=pts,
                    expires_on=loyalty._add_months(day, 12),
                )
            )
    loyalty.redeem(db, None, m, 100)
    assert loyalty.expire(db, dt.date(2026, 9, 30)) == 0
    assert loyalty.expire(db, dt.date(2026, 10, 1)) == 200  # 300 earned, 100 used of it
    assert loyalty.expire(db, dt.date(2026, 10, 2)) == 0  # nothing twice
    assert loyalty.expire(db, dt.date(2027, 3, 1)) == 200
    assert ledger(db, m)[-2:] == [("expire", -200), ("expire", -200)]
    with db.session() as s:
        assert loyalty.balance(s, m) == 0
    # a purchase's points carry their expiry date
    front_desk.log_visit(db, None, m, "10")
    with db.session() as s:
        last = s.scalars(select(PointsEntry).order_by(PointsEntry.id.desc())).first()
        assert last is not None and last.expires_on is not None


def test_two_pcs_award_the_same_visit_once(db: Database, office: dict[str, int]) -> None:
    m = office["member"]
    logged = front_desk.log_visit(db, None, m, "100")
    assert logged.points == 100
    now = dt.datetime.now(dt.UTC)

    def again(s):  # type: ignore[no-untyped-def]
        return loyalty.after_purchase(
            s, None, m, logged.activity_id, logged.order_id, Decimal("100"), now
        )

    assert db.run_write(again) is None
    with db.session() as s:
        n = s.scalar(
            select(func.count())
            .select_from(PointsEntry)
            .where(PointsEntry.activity_id == logged.activity_id)
        )
        assert n == 1


def test_settings_are_checked() -> None:
    with pytest.raises(ValidationError):
        loyalty.check_settings(
            {loyalty.S_THRESHOLDS: {"ordinary": 0, "silver": 5000, "gold": 1000, "vip": 9}}
        )
    with pytest.raises(ValidationError):
        loyalty.check_settings({loyalty.S_THRESHOLDS: {"ordinary": 0}})
    loyalty.check_settings(dict(loyalty_defaults()))


def loyalty_defaults() -> dict[str, object]:
    return {loyalty.S_THRESHOLDS: loyalty.DEFAULT_THRESHOLDS, loyalty.S_POINTS_PER_UNIT: 1}


def test_points_command(
    db: Database, office: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    front_desk.log_visit(db, None, office["member"], "1200")
    assert main(["points", "--db", db.target, "--customer", "VIP0001", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["level"] == "silver" and data["balance"] == 1800
    assert [e["kind"] for e in data["ledger"]] == ["earn"]
    assert main(["points", "--db", db.target, "--customer", str(office["member"])]) == 0
    assert "1,800" in capsys.readouterr().out
    assert main(["points", "--db", db.target, "--customer", "nobody"]) == 1
    capsys.readouterr()
    points = ["points", "--db", db.target, "--customer", "VIP0001", "--json"]
    assert main([*points, "--redeem", "2000"]) == 1
    assert "1800" in capsys.readouterr().err
    assert main([*points, "--redeem", "800", "--reason", "洗车券"]) == 0
    assert json.loads(capsys.readouterr().out)["balance"] == 1000
    assert main([*points, "--adjust", "50"]) == 1  # a reason is required
    assert "reason" in capsys.readouterr().err
    assert main([*points, "--adjust", "-100", "--reason", "更正"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["balance"] == 900
    assert [(e["kind"], e["points"], e["reason"]) for e in data["ledger"][1:]] == [
        ("redeem", -800, "洗车券"),
        ("adjust", -100, "更正"),
    ]


def test_an_order_entered_in_the_office_moves_the_level(
    db: Database, office: dict[str, int]
) -> None:
    from app.services import orders
    from app.services.orders import OrderInput

    m = office["member"]
    orders.create(
        db, office["li"], OrderInput(m, TODAY, amount="1200"), today=TODAY
    )  # 1,200 in the year: silver
    assert level(db, m) is MembershipLevel.SILVER
    orders.create(
        db, office["li"], OrderInput(m, TODAY, amount="500", status=OrderStatus.DRAFT), today=TODAY
    )  # a draft is no purchase
    assert level(db, m) is MembershipLevel.SILVER

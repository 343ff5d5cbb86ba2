"""The salesperson report on a hand-built week (Monday 2026-03-02 … Sunday 2026-03-08).

Ana (sales): calls on Mon and Wed, a visit Thu, a note Fri, and a call the Sunday before
(outside); creates one customer; owns orders of 100 and 50 (and a cancelled 999); owns a
deal created Tue, moved to the next stage Wed (the first stay is not a move), won Fri for
300. Ben (sales): one call; records a payment of 70. Mia (manager) did nothing.
Expected — Ana: calls 2, visits 1, other 1, new customers 1, deals created 1, moved 1,
won 1 (300), orders 2 (150); Ben: calls 1, collected 70; Mia: zeros. Ana herself sees
only her line; the manager sees the three.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from app.db import Database
from app.models import (
    Activity,
    Customer,
    Deal,
    DealStageHistory,
    Order,
    Payment,
    Pipeline,
    Stage,
    User,
)
from app.models.enums import ActivityKind, DealStatus, OrderStatus, Role
from app.services import salespeople
from app.services.segments import Period


def at(day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, tzinfo=dt.UTC)


def build(db: Database) -> None:
    with db.write() as s:
        s.add_all(
            [
                User(id=1, username="ana", display_name="Ana", role=Role.SALES),
                User(id=2, username="ben", display_name="Ben", role=Role.SALES),
                User(id=3, username="mia", display_name="Mia", role=Role.MANAGER),
            ]
        )
        s.flush()
        s.add(
            Customer(
                id=1, number="C1", name="Old", created_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
            )
        )
        s.add(
            Customer(id=2, number="C2", name="New", created_by_id=1, owner_id=2, created_at=at(3))
        )
        s.flush()
        for day, kind, user in [
            (2, ActivityKind.CALL, 1),
            (4, ActivityKind.CALL, 1),
            (5, ActivityKind.VISIT, 1),
            (6, ActivityKind.NOTE, 1),
            (1, ActivityKind.CALL, 1),
            (3, ActivityKind.CALL, 2),
        ]:
            s.add(Activity(customer_id=1, user_id=user, kind=kind, occurred_at=at(day)))
        for amount, status in [
            (100, OrderStatus.CONFIRMED),
            (50, OrderStatus.INVOICED),
            (999, OrderStatus.CANCELLED),
        ]:
            s.add(
                Order(
                    customer_id=1,
                    owner_id=1,
                    order_date=dt.date(2026, 3, 4),
                    amount=Decimal(amount),
                    status=status,
                )
            )
        s.add(Payment(customer_id=1, user_id=2, paid_on=dt.date(2026, 3, 7), amount=Decimal(70)))
        pipe = Pipeline(name="P")
        s.add(pipe)
        s.flush()
        first = Stage(pipeline_id=pipe.id, name="a", sort_order=1, probability=10)
        second = Stage(pipeline_id=pipe.id, name="b", sort_order=2, probability=50)
        s.add_all([first, second])
        s.flush()
        deal = Deal(
            customer_id=1,
            pipeline_id=pipe.id,
            stage_id=second.id,
            owner_id=1,
            title="D",
            amount=Decimal(250),
            won_amount=Decimal(300),
            status=DealStatus.WON,
            stage_entered_at=at(4),
            created_at=at(3),
            closed_at=at(6),
        )
        s.add(deal)
        s.flush()
        s.add(
            DealStageHistory(
                deal_id=deal.id,
                pipeline_id=pipe.id,
                stage_id=first.id,
                entered_at=at(3),
                left_at=at(4),
                user_id=1,
            )
        )
        s.add(
            DealStageHistory(
                deal_id=deal.id,
                pipeline_id=pipe.id,
                stage_id=second.id,
                entered_at=at(4),
                user_id=1,
            )
        )


def test_week_per_salesperson(db: Database) -> None:
    build(db)
    week = salespeople.period_of("week", dt.date(2026, 3, 5))
    assert week == Period(dt.date(2026, 3, 2), dt.date(2026, 3, 8))
    with db.session() as s:
        report = salespeople.activity_report(s, week)
    lines = {ln.name: ln for ln in report.lines}
    assert list(lines) == ["Ana", "Ben", "Mia"]
    ana, ben, mia = lines["Ana"], lines["Ben"], lines["Mia"]
    assert (ana.calls, ana.visits, ana.other_activities) == (2, 1, 1)
    assert (ana.new_customers, ana.deals_created, ana.deals_moved) == (1, 1, 1)
    assert (ana.deals_won, ana.won_amount, ana.deals_lost) == (1, Decimal("300.00"), 0)
    assert (ana.orders, ana.order_amount, ana.collected) == (2, Decimal("150.00"), Decimal("0.00"))
    assert (ben.calls, ben.collected, ben.orders) == (1, Decimal("70.00"), 0)
    assert mia.as_dict()["calls"] == 0 and mia.order_amount == 0


def test_a_salesperson_sees_only_their_line(db: Database) -> None:
    build(db)
    with db.session() as s:
        assert salespeople.visible_user_ids(s, 3, Role.MANAGER) is None
        mine = salespeople.visible_user_ids(s, 1, Role.SALES)
        report = salespeople.activity_report(
            s, salespeople.period_of("month", dt.date(2026, 3, 31)), mine
        )
    assert [ln.name for ln in report.lines] == ["Ana"]
    assert report.period == Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    # The Sunday call before the week is in March.
    assert report.lines[0].calls == 3


def test_report_activity_command_prints_the_same_table(db: Database, capsys) -> None:  # type: ignore[no-untyped-def]
    from app.cli import main

    build(db)
    path = db.target
    db.dispose()
    assert (
        main(
            [
                "report",
                "activity",
                "--db",
                path,
                "--period",
                "week",
                "--date",
                "2026-03-05",
                "--json",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["period_start"] == "2026-03-02"
    ana = next(x for x in data["salespeople"] if x["name"] == "Ana")
    assert (ana["calls"], ana["order_amount"], ana["deals_won"]) == (2, "150.00", 1)
    assert (
        main(
            [
                "report",
                "activity",
                "--db",
                path,
                "--user",
                "ben",
                "--from",
                "2026-03-02",
                "--to",
                "2026-03-08",
                "--json",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert [x["name"] for x in data["salespeople"]] == ["Ben"]
    assert (
        main(["report", "activity", "--db", path, "--from", "2026-03-08", "--to", "2026-03-01"])
        == 2
    )

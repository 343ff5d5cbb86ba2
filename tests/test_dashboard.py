"""The dashboard's figures on a small office worked out by hand (today 2026-06-30, period
the year 2026).

Pipeline: Contact 10 %, Offer 50 %, Won, Lost. Open deals: d1 c1 Contact 1000 (Ana, closes
2026-07-15), d2 c2 Contact 3000 (Ben, 2026-08-01), d3 c1 Offer 2000 at 80 % (Ana,
2026-07-20); d4 won, d5 lost.
    funnel: Contact 2 deals 4000, Offer 1 deal 2000; Ana alone: 1 / 1000 and 1 / 2000
    forecast: July 1000·10 % + 2000·80 % = 1700; August 3000·10 % = 300
Orders: c1 2026-06-20 500, 2026-05-15 400, 2026-01-10 300, paid 450 → owes 750, laid on
the newest first: 500 in 0–30 days, 250 in 31–60. c2 2026-04-15 1000 (75 days), 200
returned → owes 800 in 61–90. c3 2026-06-01 100, paid → owes nothing.
    sales 2026: Jan 300, Apr 1000, May 400, Jun 600
Activities 2026: Ana 2 calls and a visit, Ben a call (and one in 2025, outside).
Customers created: c1, c2 in January 2026, c3 in March; c2 lost on 2026-05-10.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from app.db import Database
from app.models import (
    Activity,
    Customer,
    Deal,
    Order,
    Payment,
    Pipeline,
    Return,
    Stage,
    User,
)
from app.models.enums import ActivityKind, DealStatus, ReasonCategory, Role
from app.services import dashboard
from app.services.dashboard import DashboardFilter, Pick
from app.services.segments import Period

TODAY = dt.date(2026, 6, 30)
YEAR = Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
D = Decimal


def at(y: int, m: int, d: int) -> dt.datetime:
    return dt.datetime(y, m, d, 10, tzinfo=dt.UTC)


@pytest.fixture
def office(db: Database) -> Database:
    with db.write() as s:
        s.add_all(
            [
                User(id=1, username="ana", display_name="Ana", role=Role.SALES),
                User(id=2, username="ben", display_name="Ben", role=Role.SALES),
            ]
        )
        s.flush()
        for i, created, owner in (
            (1, at(2026, 1, 5), 1),
            (2, at(2026, 1, 20), 2),
            (3, at(2026, 3, 3), 1),
        ):
            s.add(Customer(id=i, number=f"C{i}", name=f"C{i}", owner_id=owner, created_at=created))
        s.flush()
        c2 = s.get(Customer, 2)
        assert c2 is not None
        c2.lost_at = dt.date(2026, 5, 10)
        c2.lost_reason = ReasonCategory.COMPETITOR
        pipe = Pipeline(id=1, name="P", is_default=True)
        s.add(pipe)
        s.flush()
        s.add_all(
            [
                Stage(id=1, pipeline_id=1, name="Contact", sort_order=1, probability=10),
                Stage(id=2, pipeline_id=1, name="Offer", sort_order=2, probability=50),
                Stage(id=3, pipeline_id=1, name="Won", sort_order=3, probability=100, is_won=True),
                Stage(id=4, pipeline_id=1, name="Lost", sort_order=4, is_lost=True),
            ]
        )
        s.flush()
        for i, cid, stage, amount, owner, close, status, override in (
            (1, 1, 1, 1000, 1, dt.date(2026, 7, 15), DealStatus.OPEN, None),
            (2, 2, 1, 3000, 2, dt.date(2026, 8, 1), DealStatus.OPEN, None),
            (3, 1, 2, 2000, 1, dt.date(2026, 7, 20), DealStatus.OPEN, 80),
            (4, 3, 3, 5000, 1, dt.date(2026, 7, 1), DealStatus.WON, None),
            (5, 3, 4, 7000, 2, dt.date(2026, 7, 1), DealStatus.LOST, None),
        ):
            s.add(
                Deal(
                    id=i,
                    customer_id=cid,
                    pipeline_id=1,
                    stage_id=stage,
                    title=f"D{i}",
                    amount=D(amount),
                    owner_id=owner,
                    expected_close=close,
                    status=status,
                    probability_override=override,
                    stage_entered_at=at(2026, 6, 1),
                )
            )
        for cid, day, amount in (
            (1, dt.date(2026, 6, 20), 500),
            (1, dt.date(2026, 5, 15), 400),
            (1, dt.date(2026, 1, 10), 300),
            (2, dt.date(2026, 4, 15), 1000),
            (3, dt.date(2026, 6, 1), 100),
        ):
            s.add(Order(customer_id=cid, owner_id=1, order_date=day, amount=D(amount)))
        s.flush()
        c2_order = s.query(Order).filter_by(customer_id=2).one()
        s.add(
            Return(
                order_id=c2_order.id, customer_id=2, return_date=dt.date(2026, 4, 20), amount=D(200)
            )
        )
        s.add(Payment(customer_id=1, paid_on=dt.date(2026, 6, 1), amount=D(450)))
        s.add(Payment(customer_id=3, paid_on=dt.date(2026, 6, 2), amount=D(100)))
        for cid, user, kind, when in (
            (1, 1, ActivityKind.CALL, at(2026, 2, 1)),
            (2, 1, ActivityKind.CALL, at(2026, 3, 1)),
            (1, 1, ActivityKind.VISIT, at(2026, 4, 1)),
            (3, 2, ActivityKind.CALL, at(2026, 5, 1)),
            (3, 2, ActivityKind.CALL, at(2025, 5, 1)),
        ):
            s.add(Activity(customer_id=cid, user_id=user, kind=kind, occurred_at=when))
    return db


def test_figures_match_the_hand_worked_answers(office: Database) -> None:
    with office.session() as s:
        board = dashboard.build(s, DashboardFilter(YEAR), TODAY)
    assert [(f.name, f.count, f.amount) for f in board.funnel] == [
        ("Contact", 2, D("4000.00")),
        ("Offer", 1, D("2000.00")),
    ]
    assert board.forecast.months[:3] == [dt.date(2026, m, 1) for m in (6, 7, 8)]
    assert board.forecast.weighted[:3] == [D("0.00"), D("1700.00"), D("300.00")]
    assert board.sales.this_year[:6] == [
        D(x).quantize(D("0.01")) for x in (300, 0, 0, 1000, 400, 600)
    ]
    assert board.receivables.amounts == [D("500.00"), D("250.00"), D("800.00"), D("0.00")]
    assert board.receivables.customers == [1, 1, 1, 0]
    assert board.activities.users == [(1, "Ana"), (2, "Ben")]
    assert board.activities.kinds == ["call", "visit"]
    assert board.activities.counts == [[2, 1], [1, 0]]
    assert board.new_lost.new[:6] == [2, 0, 1, 0, 0, 0]
    assert board.new_lost.lost[:6] == [0, 0, 0, 0, 1, 0]
    assert board.loyalty.churn.lost["competitor"] == 1
    assert not board.is_empty


def test_one_salesperson(office: Database) -> None:
    with office.session() as s:
        board = dashboard.build(s, DashboardFilter(YEAR, owner_id=1), TODAY)
    assert [(f.count, f.amount) for f in board.funnel] == [(1, D("1000.00")), (1, D("2000.00"))]
    assert board.forecast.weighted[1] == D("1700.00") and board.forecast.weighted[2] == 0
    assert board.activities.users == [(1, "Ana")]
    # Ana owns c1 and c3: only c1 owes.
    assert board.receivables.amounts == [D("500.00"), D("250.00"), D("0.00"), D("0.00")]
    assert board.new_lost.new[:3] == [1, 0, 1]


def test_the_customers_behind_each_bar(office: Database) -> None:
    f = DashboardFilter(YEAR)
    with office.session() as s:
        behind = lambda chart, *key: dashboard.customers_behind(s, f, Pick(chart, key), TODAY)  # noqa: E731
        assert behind("funnel", 1) == [1, 2]
        assert behind("forecast", dt.date(2026, 7, 1)) == [1]
        assert behind("sales", 2026, 6) == [1, 3]
        assert behind("receivables", 1) == [1]
        assert behind("receivables", 2) == [2]
        assert behind("activities", 2, "call") == [3]
        assert behind("new", dt.date(2026, 1, 1)) == [1, 2]
        assert behind("lost", dt.date(2026, 5, 1)) == [2]
        assert behind("churn", "competitor") == [2]


def test_periods_offered() -> None:
    day = dt.date(2026, 5, 17)
    assert dashboard.period_choice("this_month", day) == Period(
        dt.date(2026, 5, 1), dt.date(2026, 5, 31)
    )
    assert dashboard.period_choice("last_month", day) == Period(
        dt.date(2026, 4, 1), dt.date(2026, 4, 30)
    )
    assert dashboard.period_choice("this_quarter", day) == Period(
        dt.date(2026, 4, 1), dt.date(2026, 6, 30)
    )
    assert dashboard.period_choice("last_12_months", day) == Period(dt.date(2025, 5, 18), day)
    assert dashboard.period_choice("last_year", day) == Period(
        dt.date(2025, 1, 1), dt.date(2025, 12, 31)
    )
    assert dashboard.period_choice("this_year", day) == YEAR


def test_a_salesperson_sees_the_figures_of_their_own_customers(office: Database) -> None:
    """Ben sees c2 alone (his): deal d2 (3000 in Contact, August), c2's order of April
    (1000), its 800 owed at 61–90 days, Ana's call on c2, c2 new in January and lost to a
    competitor in May. Once c3 is shared he sees its June order (100) too; with the office
    setting "everyone sees all", the office's figures."""
    from app.models import Setting
    from app.services import access

    def board(user_id: int) -> dashboard.Dashboard:
        with office.session() as s:
            return dashboard.build(s, DashboardFilter(YEAR), TODAY, user_id=user_id)

    ben = board(2)
    assert [(f.count, f.amount) for f in ben.funnel] == [(1, D("3000.00")), (0, D("0.00"))]
    assert ben.forecast.weighted[:3] == [D("0.00"), D("0.00"), D("300.00")]
    assert ben.sales.this_year[:6] == [D("0.00")] * 3 + [D("1000.00"), D("0.00"), D("0.00")]
    assert ben.receivables.amounts == [D("0.00"), D("0.00"), D("800.00"), D("0.00")]
    assert ben.receivables.customers == [0, 0, 1, 0]
    assert (ben.activities.users, ben.activities.counts) == ([(1, "Ana")], [[1]])
    assert ben.new_lost.new[:6] == [1, 0, 0, 0, 0, 0]
    assert ben.new_lost.lost[:6] == [0, 0, 0, 0, 1, 0]
    assert ben.loyalty.churn.lost["competitor"] == 1
    ana = board(1)  # c1 and c3
    assert ana.sales.this_year[:6] == [D(x).quantize(D("0.01")) for x in (300, 0, 0, 0, 400, 600)]
    assert ana.receivables.amounts == [D("500.00"), D("250.00"), D("0.00"), D("0.00")]
    assert ana.loyalty.churn.lost["competitor"] == 0
    with office.session() as s:
        f = DashboardFilter(YEAR)
        assert dashboard.customers_behind(s, f, Pick("sales", (2026, 6)), TODAY, 2) == []
        assert dashboard.customers_behind(s, f, Pick("receivables", (2,)), TODAY, 2) == [2]
        assert dashboard.customers_behind(s, f, Pick("receivables", (0,)), TODAY, 2) == []
    with office.write() as s:
        c3 = s.get(Customer, 3)
        assert c3 is not None
        c3.shared = True
    assert board(2).sales.this_year[5] == D("100.00")
    with office.write() as s:
        s.add(Setting(key=access.EVERYONE_SEES_ALL, value=True))
    with office.session() as s:
        everyone = dashboard.build(s, DashboardFilter(YEAR), TODAY)
    assert board(2).sales == everyone.sales and board(2).funnel == everyone.funnel
    assert board(2).receivables == everyone.receivables


def test_a_salespersons_pipeline_figures(office: Database) -> None:
    """The pipeline page's forecast and stage figures for Ben: his d2 (c2, Contact,
    3000, August) and his own lost d5 on Ana's c3 (a deal counts for its owner)."""
    from app.services import pipeline

    with office.session() as s:
        fc = pipeline.forecast(s, 1, today=TODAY, user_id=2)
        assert [r.owner_id for r in fc.rows] == [2]
        assert fc.totals[:3] == [D("0.00"), D("0.00"), D("300.00")]
        figures = {
            f.stage.name: (f.count, f.amount) for f in pipeline.stage_figures(s, 1, user_id=2)
        }
        assert figures == {
            "Contact": (1, D("3000.00")),
            "Offer": (0, D("0.00")),
            "Won": (0, D("0.00")),
            "Lost": (1, D("7000.00")),
        }
        office_wide = pipeline.stage_figures(s, 1)
        assert [f.count for f in office_wide] == [2, 1, 1, 1]

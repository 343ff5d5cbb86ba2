"""Segmentation on a small hand-built office whose answers are worked out below by hand.

as_of = 2026-06-30, period = 12 months = 2025-07-01 … 2026-06-30.

Purchases in the period (yuan) and the customer's net value (returns taken off):

    c1  2025-09-01 2000, 2026-03-01 3000, 2026-06-20 5000   n=3  value 10000
    c2  2026-01-10 1000, 2026-06-25 2000, return 500         n=2  value  2500
    c3  2026-05-01 1500 (12 vehicles on its line)            n=1  value  1500
    c4  2025-12-01 200, 2026-02-01 200, 04-01 300, 06-01 300 n=4  value  1000
    c5  2025-08-01 800                                       n=1  value   800
    c6  2025-10-15 300, 2026-02-15 400                       n=2  value   700
    c7  2026-06-29 500                                       n=1  value   500
    c8  2025-07-15 300                                       n=1  value   300
    c9  40 on the 10th of Feb, Mar, Apr, May, Jun 2026       n=5  value   200
Before the period: c4 2025-01-15 1000, c6 2024-12-01 2000, c11 2024-12-01 1000,
c13 2025-05-01, c14 2025-06-01, c15 2025-03-01. c12 has only a cancelled order.

80/20 (total 17500; 80 % = 14000, 95 % = 16625; "before" = the sum of the larger ones):
    c1 before 0 → A, c2 10000 → A, c3 12500 → A, c4 14000 (not < 14000) → B,
    c5 15000 → B, c6 15800 → B, c7 16500 → B, c8 17000 → C, c9 17300 → C.

RFM, n = 9, score = 1 + ⌊5 (rank − 1) / 9⌋: ranks 1..9 → 1 1 2 2 3 3 4 4 5.
    R (last purchase, oldest first): c8 1, c5 1, c6 2, c3 2, c4 3, c9 3, c1 4, c2 4, c7 5
    F (purchases; ties share the lowest rank): the four 1s rank 1 → 1; the two 2s rank 5
      → 3; c1 (3) rank 7 → 4; c4 (4) rank 8 → 4; c9 (5) rank 9 → 5
    M (value): c9 1, c8 1, c7 2, c6 2, c5 3, c4 3, c3 4, c2 4, c1 5
    Segments from (R, F): c1 (4,4) loyal, c2 (4,3) potential loyalist, c3 (2,1) hibernating,
    c4 (3,4) loyal, c5 (1,1) hibernating, c6 (2,3) at risk, c7 (5,1) new customer,
    c8 (1,1) hibernating, c9 (3,5) loyal.

Key score with weights revenue 2, orders 1, relationship 1 (hand-scored: c1 9, c5 9, and
c10 9, who bought nothing in the period and so is not scored). Indicator score = 2q − 1
from the quintile q (revenue q = M above; orders q = F above):
    c1 (2·9 + 7 + 9)/4 = 8.5      c2 (2·7 + 5)/3 = 6.333   c3 (2·7 + 1)/3 = 5
    c4 (2·5 + 7)/3 = 5.667        c5 (2·5 + 1 + 9)/4 = 5   c6 (2·3 + 5)/3 = 3.667
    c7 (2·3 + 1)/3 = 2.333        c8 (2·1 + 1)/3 = 1       c9 (2·1 + 9)/3 = 3.667
    average 41.1667 / 9 = 4.574 → starred: c1, c2, c3, c4, c5.

Lifecycle (new = first purchase after 2026-04-01; last 12 months' gross revenue against
the 12 before): c1 growing (10000 vs 0), c2 growing, c3 new, c4 steady (1000 vs 1000),
c5 growing, c6 declining (700 vs 2000), c7 new, c8 growing, c9 growing, c10 prospect,
c11 declining (0 vs 1000), c12 prospect (cancelled orders do not count), c13 at risk
(flagged), c14 won back (marked lost 2025-05-01, bought 2025-06-01), c15 lost, c16 ended.

Tiers: c1 fleet 120 a year → 100; c2 fleet 50 → 50; c3 12 vehicles bought here → 10;
c4 fleet 4 → none; c5 fleet 7 → 5.

Retention over the period: bought in the 12 months before: c4, c6, c11, c13, c14, c15
(6); of those, bought again in the period: c4 and c6 → 2 / 6.
Churn in 2025: c14 (ours, 2025-05-01) and c15 (competitor, 2025-06-15); ended: c16.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from app.db import Database
from app.models import Customer, CustomerScore, Order, OrderLine, Product, Return
from app.models.enums import Lifecycle, OrderStatus, ProductCategory, ReasonCategory
from app.services import segments
from app.services.segments import Period, SegmentSettings

AS_OF = dt.date(2026, 6, 30)
D = dt.date

ORDERS: dict[int, list[tuple[dt.date, int]]] = {
    1: [(D(2025, 9, 1), 2000), (D(2026, 3, 1), 3000), (D(2026, 6, 20), 5000)],
    2: [(D(2026, 1, 10), 1000), (D(2026, 6, 25), 2000)],
    3: [(D(2026, 5, 1), 1500)],
    4: [
        (D(2025, 1, 15), 1000),
        (D(2025, 12, 1), 200),
        (D(2026, 2, 1), 200),
        (D(2026, 4, 1), 300),
        (D(2026, 6, 1), 300),
    ],
    5: [(D(2025, 8, 1), 800)],
    6: [(D(2024, 12, 1), 2000), (D(2025, 10, 15), 300), (D(2026, 2, 15), 400)],
    7: [(D(2026, 6, 29), 500)],
    8: [(D(2025, 7, 15), 300)],
    9: [(D(2026, m, 10), 40) for m in (2, 3, 4, 5, 6)],
    11: [(D(2024, 12, 1), 1000)],
    13: [(D(2025, 5, 1), 100)],
    14: [(D(2025, 6, 1), 100)],
    15: [(D(2025, 3, 1), 100)],
}
FLEET = {1: 120, 2: 50, 4: 4, 5: 7}
WEIGHTS = {"revenue": 2.0, "orders": 1.0, "relationship": 1.0}


def build(db: Database) -> None:
    with db.write() as s:
        vehicle = Product(name="Truck", category=ProductCategory.VEHICLE)
        s.add(vehicle)
        for i in range(1, 17):
            c = Customer(id=i, number=f"C{i}", name=f"Customer {i}")
            c.fleet_vehicles_per_year = FLEET.get(i)
            if i == 13:
                c.lifecycle = Lifecycle.AT_RISK
            if i == 14:
                c.lifecycle = Lifecycle.LOST
                c.lost_at = D(2025, 5, 1)
                c.lost_reason = ReasonCategory.OURS
            if i == 15:
                c.lifecycle = Lifecycle.LOST
                c.lost_at = D(2025, 6, 15)
                c.lost_reason = ReasonCategory.COMPETITOR
            if i == 16:
                c.ended_at = D(2025, 9, 1)
            s.add(c)
        s.flush()
        for cid, orders in ORDERS.items():
            for day, amount in orders:
                s.add(Order(customer_id=cid, order_date=day, amount=Decimal(amount)))
        s.add(
            Order(
                customer_id=12,
                order_date=D(2026, 3, 3),
                amount=Decimal(9999),
                status=OrderStatus.CANCELLED,
            )
        )
        s.flush()
        c3_order = s.query(Order).filter_by(customer_id=3).one()
        s.add(
            OrderLine(
                order_id=c3_order.id,
                product_id=vehicle.id,
                quantity=Decimal(12),
                amount=Decimal(1500),
            )
        )
        c2_order = s.query(Order).filter_by(customer_id=2, order_date=D(2026, 6, 25)).one()
        s.add(
            Return(
                order_id=c2_order.id,
                customer_id=2,
                return_date=D(2026, 6, 26),
                amount=Decimal(500),
            )
        )
        for cid in (1, 5, 10):
            s.add(CustomerScore(customer_id=cid, criterion="relationship", score=9))


@pytest.fixture
def office(db: Database) -> Database:
    build(db)
    return db


def rows(db: Database) -> dict[int, segments.CustomerSegmentInfo]:
    with db.session() as s:
        out = {}
        for i in range(1, 17):
            info = segments.for_customer(s, i)
            assert info is not None
            out[i] = info
        return out


def test_classes_rfm_scores_stars_tiers_and_stages_match_the_hand_worked_answers(
    office: Database,
) -> None:
    result = segments.recompute(office, None, AS_OF, SegmentSettings(weights=WEIGHTS))
    assert result.period == Period(D(2025, 7, 1), D(2026, 6, 30))
    assert (result.customers, result.scored) == (16, 9)
    got = rows(office)

    assert {i: got[i].abc_class for i in range(1, 17) if got[i].abc_class} == {
        1: "A",
        2: "A",
        3: "A",
        4: "B",
        5: "B",
        6: "B",
        7: "B",
        8: "C",
        9: "C",
    }
    assert got[2].value == Decimal("2500.00")
    assert got[10].abc_class is None and got[11].abc_class is None

    assert {i: got[i].rfm for i in range(1, 10)} == {
        1: "445",
        2: "434",
        3: "214",
        4: "343",
        5: "113",
        6: "232",
        7: "512",
        8: "111",
        9: "351",
    }
    assert {i: got[i].rfm_segment for i in range(1, 10)} == {
        1: "loyal",
        2: "potential_loyalist",
        3: "hibernating",
        4: "loyal",
        5: "hibernating",
        6: "at_risk",
        7: "new_customer",
        8: "hibernating",
        9: "loyal",
    }

    expected = {1: 8.5, 2: 19 / 3, 3: 5, 4: 17 / 3, 5: 5, 6: 11 / 3, 7: 7 / 3, 8: 1, 9: 11 / 3}
    for i, score in expected.items():
        assert got[i].key_score == pytest.approx(score), i
    assert got[10].key_score is None
    assert result.average_score == pytest.approx((19.5 + 65 / 3) / 9)
    assert {i for i in got if got[i].starred} == {1, 2, 3, 4, 5}
    assert result.starred == 5

    assert {i: got[i].tier for i in got if got[i].tier} == {1: 100, 2: 50, 3: 10, 5: 5}

    assert {i: got[i].lifecycle for i in got} == {
        1: Lifecycle.GROWING,
        2: Lifecycle.GROWING,
        3: Lifecycle.NEW,
        4: Lifecycle.STEADY,
        5: Lifecycle.GROWING,
        6: Lifecycle.DECLINING,
        7: Lifecycle.NEW,
        8: Lifecycle.GROWING,
        9: Lifecycle.GROWING,
        10: Lifecycle.PROSPECT,
        11: Lifecycle.DECLINING,
        12: Lifecycle.PROSPECT,
        13: Lifecycle.AT_RISK,
        14: Lifecycle.WON_BACK,
        15: Lifecycle.LOST,
        16: Lifecycle.ENDED,
    }


def test_summary_counts_what_the_table_holds(office: Database) -> None:
    segments.recompute(office, None, AS_OF, SegmentSettings(weights=WEIGHTS))
    with office.session() as s:
        summary = segments.summary(s)
    assert summary.classes["A"] == (3, Decimal("14000.00"))
    assert summary.classes["B"] == (4, Decimal("3000.00"))
    assert summary.classes["C"] == (2, Decimal("500.00"))
    assert summary.rfm["hibernating"][0] == 3
    assert summary.rfm["champion"][0] == 0
    assert summary.lifecycle["growing"] == 5  # c1, c2, c5, c8, c9
    assert summary.tiers == {100: 1, 50: 1, 10: 1, 5: 1}
    assert summary.starred == 5
    assert summary.computed is not None and summary.computed["as_of"] == "2026-06-30"
    with office.session() as s:
        assert segments.ids_where(s, abc_class="A") == [1, 2, 3]
        assert segments.ids_where(s, rfm_segment="loyal") == [1, 4, 9]
        assert segments.ids_where(s, starred=True) == [1, 2, 3, 4, 5]


def test_a_share_and_the_profit_measure_are_settings(office: Database) -> None:
    # With A = 50 %: c1 (before 0) is A; c2 (before 10000 ≥ 8750) is B up to 95 %.
    segments.recompute(
        office, None, AS_OF, SegmentSettings(a_share=50, b_share=45, weights=WEIGHTS)
    )
    got = rows(office)
    assert [got[i].abc_class for i in range(1, 10)] == list("ABBBBBBCC")
    # Profit: cost of c1's orders equals their amount → profit 0 → class C.
    with office.write() as s:
        for o in s.query(Order).filter_by(customer_id=1):
            o.cost = o.amount
    segments.recompute(office, None, AS_OF, SegmentSettings(measure="profit", weights=WEIGHTS))
    got = rows(office)
    assert got[1].abc_class == "C" and got[1].value == Decimal("0.00")
    assert got[2].abc_class == "A"


def test_retention_and_churn(office: Database) -> None:
    with office.session() as s:
        kept = segments.retention(s, Period.months_to(AS_OF, 12))
        lost = segments.churn(s, Period(D(2025, 1, 1), D(2025, 12, 31)))
    assert (kept.before, kept.kept) == (6, 2)
    assert kept.rate == pytest.approx(1 / 3)
    assert lost.lost == {"ours": 1, "competitor": 1, "customer": 0, "unknown": 0}
    assert lost.total == 2 and lost.ended == 1


def test_settings_round_trip_and_bad_values_keep_defaults(db: Database) -> None:
    saved = segments.save_settings(
        db,
        None,
        SegmentSettings(months=6, measure="profit", a_share=70, b_share=20, weights={"x": 2}),
    )
    assert (saved.months, saved.measure, saved.a_share, saved.b_share) == (6, "profit", 70, 20)
    assert dict(saved.weights) == {"x": 2.0}
    from app.models import Setting

    with db.write() as s:
        s.get(Setting, segments.S_MONTHS).value = "twelve"
        s.get(Setting, segments.S_ABC).value = {"a": 90, "b": 30}
    with db.session() as s:
        cfg = segments.load_settings(s)
    assert (cfg.months, cfg.a_share, cfg.b_share) == (12, 80, 15)


def test_every_indicator_computes_and_a_deleted_customer_has_no_row(office: Database) -> None:
    from app.models import utcnow

    with office.write() as s:
        s.get(Customer, 9).deleted_at = utcnow()
    weights = {k: 1.0 for k in segments.INDICATOR_KEYS}
    result = segments.recompute(office, None, AS_OF, SegmentSettings(weights=weights))
    assert (result.customers, result.scored) == (15, 8)
    with office.session() as s:
        assert segments.for_customer(s, 9) is None
        scores = [segments.for_customer(s, i).key_score for i in range(1, 9)]  # type: ignore[union-attr]
    assert all(sc is not None and 1 <= sc <= 9 for sc in scores)


def test_empty_database(db: Database) -> None:
    result = segments.recompute(db, None, AS_OF)
    assert (result.customers, result.scored, result.starred) == (0, 0, 0)
    assert result.average_score is None
    with db.session() as s:
        assert segments.summary(s).classes["A"] == (0, Decimal("0.00"))


def test_report_segments_command(office: Database, capsys) -> None:  # type: ignore[no-untyped-def]
    import json

    from app.cli import main

    path = office.target
    office.dispose()
    assert main(["report", "segments", "--db", path, "--as-of", "2026-06-30", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["recomputed"]["scored"] == 9
    assert data["classes"]["A"] == {"customers": 3, "value": "14000.00"}
    assert data["retention"]["customers_before"] == 6 and data["retention"]["kept"] == 2
    assert (
        main(["report", "segments", "--db", path, "--no-recompute", "--as-of", "2026-06-30"]) == 0
    )
    out = capsys.readouterr().out
    assert "worked out" not in out and "A              3" in out


def test_dashboard_loyalty_and_the_customers_behind_it(office: Database) -> None:
    from app.services import dashboard

    f = dashboard.DashboardFilter(Period(D(2025, 1, 1), D(2025, 12, 31)))
    with office.session() as s:
        loyalty = dashboard.figure(s, "loyalty", f, AS_OF)
        assert loyalty.churn.lost["ours"] == 1 and loyalty.churn.ended == 1
        # 2025 against 2024: bought in 2024 — c6, c11 (Dec); of them c6 bought in 2025.
        assert (loyalty.retention.before, loyalty.retention.kept) == (2, 1)
        pick = dashboard.Pick
        assert dashboard.customers_behind(s, f, pick("churn", ("competitor",)), AS_OF) == [15]
        assert dashboard.customers_behind(s, f, pick("churn", ("ended",)), AS_OF) == [16]
        assert dashboard.customers_behind(s, f, pick("churn", ("unknown",)), AS_OF) == []


@pytest.mark.pg
@pytest.mark.skipif(
    not __import__("os").environ.get("CLIENTELA_TEST_PG_URL"),
    reason="CLIENTELA_TEST_PG_URL is not set",
)
def test_the_same_answers_on_postgresql() -> None:
    import os
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from app.db import open_database
    from app.services import dashboard, salespeople

    admin = create_engine(os.environ["CLIENTELA_TEST_PG_URL"], isolation_level="AUTOCOMMIT")
    name = f"clientela_seg_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(os.environ["CLIENTELA_TEST_PG_URL"]).set(database=name)
    db = open_database(url.render_as_string(hide_password=False))
    try:
        build(db)
        every = {**WEIGHTS, **{k: 0.5 for k in segments.INDICATOR_KEYS if k not in WEIGHTS}}
        segments.recompute(db, None, AS_OF, SegmentSettings(weights=every))
        result = segments.recompute(db, None, AS_OF, SegmentSettings(weights=WEIGHTS))
        assert (result.customers, result.scored, result.starred) == (16, 9, 5)
        got = rows(db)
        assert [got[i].abc_class for i in range(1, 10)] == list("AAABBBBCC")
        assert [got[i].rfm for i in (1, 7, 9)] == ["445", "512", "351"]
        assert got[1].key_score == pytest.approx(8.5)
        assert got[14].lifecycle == Lifecycle.WON_BACK and got[6].lifecycle == Lifecycle.DECLINING
        assert {i: got[i].tier for i in got if got[i].tier} == {1: 100, 2: 50, 3: 10, 5: 5}
        f = dashboard.DashboardFilter(Period(D(2026, 1, 1), D(2026, 12, 31)))
        with db.session() as s:
            board = dashboard.build(s, f, AS_OF)
            assert board.sales.this_year[5] == Decimal("7840.00")
            assert board.segments.customers == [3, 4, 2]
            assert sum(board.receivables.amounts) > 0
            picked = dashboard.customers_behind(s, f, dashboard.Pick("sales", (2026, 6)), AS_OF)
            assert picked == [1, 2, 4, 7, 9]
            aged = dashboard.customers_behind(s, f, dashboard.Pick("receivables", (0,)), AS_OF)
            assert 7 in aged
            kept = segments.retention(s, Period.months_to(AS_OF, 12))
            assert (kept.before, kept.kept) == (6, 2)
            week = salespeople.activity_report(s, salespeople.period_of("week", AS_OF))
            # c7's order of 2026-06-29 (a Monday), recorded without a salesperson
            assert [(ln.user_id, ln.orders, ln.order_amount) for ln in week.lines] == [
                (None, 1, Decimal("500.00"))
            ]
    finally:
        db.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_who_works_out_segments_and_changes_the_rules(db: Database) -> None:
    """Anyone who may change data works the segments out again (the Reports page does
    it daily, an import after it is in); a viewer does not. The rules are a manager's."""
    from app.errors import PermissionDenied
    from app.models import User
    from app.models.enums import Role

    with db.write() as s:
        people = {
            role: User(username=role.value, display_name=role.value, role=role)
            for role in (Role.SALES, Role.VIEWER, Role.MANAGER)
        }
        s.add_all(people.values())
        s.flush()
        ids = {role: u.id for role, u in people.items()}
        s.add(Customer(number="S1", name="甲", owner_id=ids[Role.SALES]))
    assert segments.recompute(db, ids[Role.SALES], AS_OF).customers == 1
    with pytest.raises(PermissionDenied):
        segments.recompute(db, ids[Role.VIEWER], AS_OF)
    with pytest.raises(PermissionDenied):
        segments.save_settings(db, ids[Role.SALES], SegmentSettings(months=6))
    assert segments.save_settings(db, ids[Role.MANAGER], SegmentSettings(months=6)).months == 6

"""The pipeline service on a hand-built history whose figures were worked out by hand.

Stages (sort order, probability, aging days): A 0 10 % 14, B 1 30 % 10, C 2 60 % 21,
D 3 80 % 14, Won 4 100 %, Lost 5 0 %. Day 0 is 2026-01-01 00:00 UTC; "now" is day 59,
2026-03-01 00:00 (31 days of January + 28 of February).

deal  customer owner amount   stays (entered day → left day)              now
d1    Acme     Ana   1000.00  A 0→10, B 10→30, C 30→                       C, close 2026-03-15
d2    Acme     Bo    2000.00  A 0→20, B 20→40, Won 40→  (won 1800.00)     won
d3    Beta     Ana    500.00  A 0→5, Lost 5→  (competitor)                lost
d4    Beta     Bo    3000.00  A 50→  (override 50 %)                      A, close 2026-04-10
d5    Beta     Ana    333.33  B 45→                                       B, close 2026-08-31
d6    Beta     Ana    100.00  D 55→                                       D, close 2026-09-01
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.db import Database
from app.errors import ConflictError, ValidationError
from app.models import AuditEntry, Customer, Deal, DealStageHistory, Pipeline, Stage, User
from app.models.enums import DealStatus, ReasonCategory
from app.services import pipeline as pl

DAY0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
NOW = DAY0 + dt.timedelta(days=59)
TODAY = NOW.date()


def day(n: float) -> dt.datetime:
    return DAY0 + dt.timedelta(days=n)


class Built:
    pipeline: int
    stage: dict[str, int]
    deal: dict[str, int]
    user: dict[str, int]


@pytest.fixture
def built(db: Database) -> Built:
    b = Built()
    with db.write() as s:
        p = Pipeline(name="Sales", is_default=True)
        s.add(p)
        s.flush()
        b.pipeline = p.id
        b.stage = {}
        specs = [
            ("A", 10, 14, False, False),
            ("B", 30, 10, False, False),
            ("C", 60, 21, False, False),
            ("D", 80, 14, False, False),
            ("Won", 100, 14, True, False),
            ("Lost", 0, 14, False, True),
        ]
        for order, (name, prob, aging, won, lost) in enumerate(specs):
            st = Stage(
                pipeline_id=p.id,
                key=name.lower(),
                name=name,
                sort_order=order,
                probability=prob,
                aging_days=aging,
                is_won=won,
                is_lost=lost,
            )
            s.add(st)
            s.flush()
            b.stage[name] = st.id
        ana = User(username="ana", display_name="Ana")
        bo = User(username="bo", display_name="Bo")
        s.add_all([ana, bo])
        s.flush()
        b.user = {"Ana": ana.id, "Bo": bo.id}
        acme = Customer(number="C1", name="Acme")
        beta = Customer(number="C2", name="Beta")
        s.add_all([acme, beta])
        s.flush()
        customers = {"Acme": acme.id, "Beta": beta.id}
        b.deal = {}

        def deal(
            key: str,
            customer: str,
            owner: str,
            amount: str,
            stays: list[tuple[str, float, float | None]],
            **extra: object,
        ) -> None:
            last_stage, last_entered, _ = stays[-1]
            d = Deal(
                customer_id=customers[customer],
                pipeline_id=p.id,
                stage_id=b.stage[last_stage],
                owner_id=b.user[owner],
                title=f"deal {key}",
                amount=Decimal(amount),
                stage_entered_at=day(last_entered),
                **extra,
            )
            s.add(d)
            s.flush()
            b.deal[key] = d.id
            for stage, entered, left in stays:
                s.add(
                    DealStageHistory(
                        deal_id=d.id,
                        pipeline_id=p.id,
                        stage_id=b.stage[stage],
                        entered_at=day(entered),
                        left_at=day(left) if left is not None else None,
                    )
                )

        deal(
            "d1",
            "Acme",
            "Ana",
            "1000.00",
            [("A", 0, 10), ("B", 10, 30), ("C", 30, None)],
            expected_close=dt.date(2026, 3, 15),
        )
        deal(
            "d2",
            "Acme",
            "Bo",
            "2000.00",
            [("A", 0, 20), ("B", 20, 40), ("Won", 40, None)],
            status=DealStatus.WON,
            closed_at=day(40),
            won_amount=Decimal("1800.00"),
        )
        deal(
            "d3",
            "Beta",
            "Ana",
            "500.00",
            [("A", 0, 5), ("Lost", 5, None)],
            status=DealStatus.LOST,
            closed_at=day(5),
            lost_reason=ReasonCategory.COMPETITOR,
        )
        deal(
            "d4",
            "Beta",
            "Bo",
            "3000.00",
            [("A", 50, None)],
            probability_override=50,
            expected_close=dt.date(2026, 4, 10),
        )
        deal("d5", "Beta", "Ana", "333.33", [("B", 45, None)], expected_close=dt.date(2026, 8, 31))
        deal("d6", "Beta", "Ana", "100.00", [("D", 55, None)], expected_close=dt.date(2026, 9, 1))
    return b


def _cols(board: pl.Board) -> dict[str, pl.Column]:
    return {c.stage.name: c for c in board.columns}


def test_board_columns_figures_and_cards(db: Database, built: Built) -> None:
    with db.session() as s:
        board = pl.board(s, now=NOW)
    cols = _cols(board)
    assert list(cols) == ["A", "B", "C", "D", "Won", "Lost"]
    # weighted: d4 3000 × 50 % (override) = 1500; d5 333.33 × 30 % = 99.999 → 100.00;
    # d1 1000 × 60 % = 600; d6 100 × 80 % = 80; d2 won at 1800 × 100 %; d3 lost × 0 %.
    expected = {
        "A": (1, "3000.00", "1500.00"),
        "B": (1, "333.33", "100.00"),
        "C": (1, "1000.00", "600.00"),
        "D": (1, "100.00", "80.00"),
        "Won": (1, "1800.00", "1800.00"),
        "Lost": (1, "500.00", "0.00"),
    }
    for name, (n, amount, weighted) in expected.items():
        col = cols[name]
        assert (col.count, col.amount, col.weighted) == (n, Decimal(amount), Decimal(weighted))
    d1 = cols["C"].cards[0]
    assert (d1.customer_name, d1.title, d1.owner_name) == ("Acme", "deal d1", "Ana")
    assert d1.expected_close == dt.date(2026, 3, 15)
    # days in stage: d1 59 - 30 = 29 > C's 21 → aging; d5 59 - 45 = 14 > B's 10 → aging;
    # d4 59 - 50 = 9 ≤ A's 14 → fresh; won and lost cards never age.
    assert (d1.days_in_stage, d1.aging) == (29, True)
    assert (cols["B"].cards[0].days_in_stage, cols["B"].cards[0].aging) == (14, True)
    assert (cols["A"].cards[0].days_in_stage, cols["A"].cards[0].aging) == (9, False)
    assert cols["Won"].cards[0].aging is False


def test_board_filters(db: Database, built: Built) -> None:
    def ids(f: pl.BoardFilter) -> set[int]:
        with db.session() as s:
            board = pl.board(s, filters=f, now=NOW)
        return {card.id for col in board.columns for card in col.cards}

    d = built.deal
    assert ids(pl.BoardFilter(owner_id=built.user["Ana"])) == {d["d1"], d["d3"], d["d5"], d["d6"]}
    with db.session() as s:
        acme = s.scalar(select(Customer.id).where(Customer.name == "Acme"))
    assert ids(pl.BoardFilter(customer_id=acme)) == {d["d1"], d["d2"]}
    assert ids(pl.BoardFilter(customer_text=" aCM ")) == {d["d1"], d["d2"]}
    assert ids(pl.BoardFilter(customer_text="%")) == set()  # a wildcard is a plain character
    # on the deal's own amount: d1 1000 and d3 500 (d2's 2000 is over, though won at 1800)
    assert ids(pl.BoardFilter(min_amount=Decimal(400), max_amount=Decimal(1500))) == {
        d["d1"],
        d["d3"],
    }
    period = pl.BoardFilter(close_from=dt.date(2026, 4, 1), close_to=dt.date(2026, 8, 31))
    assert ids(period) == {d["d4"], d["d5"]}
    # closed 40 and 5 days after day 0: 19 and 54 days before now; a 30-day window keeps d2
    assert ids(pl.BoardFilter(closed_days=30)) == {d["d1"], d["d2"], d["d4"], d["d5"], d["d6"]}


def test_stage_figures_conversion_and_dwell(db: Database, built: Built) -> None:
    with db.session() as s:
        figures = {f.stage.name: f for f in pl.stage_figures(s)}
    # finished stays: A 10 (d1), 20 (d2), 5 (d3) → 35 / 3; B 20 (d1), 20 (d2) → 20;
    # C, D: none finished yet; won and lost stays never end.
    assert figures["A"].avg_days == pytest.approx(35 / 3)
    assert figures["B"].avg_days == pytest.approx(20.0)
    assert figures["C"].avg_days is None
    assert figures["Won"].avg_days is None
    # entered A: d1 d2 d3 d4 = 4; went further: d1 (B), d2 (B, won) = 2 → 0.5.
    # entered B: d1 d2 d5 = 3; further: d1 (C), d2 (won) = 2 → 2/3.
    # entered C: d1 = 1; further: none → 0. D: d6 = 1 → 0. Won, lost: no "next".
    assert (figures["A"].entered, figures["A"].advanced, figures["A"].conversion) == (4, 2, 0.5)
    assert (figures["B"].entered, figures["B"].advanced) == (3, 2)
    assert figures["B"].conversion == pytest.approx(2 / 3)
    assert figures["C"].conversion == 0.0
    assert figures["D"].conversion == 0.0
    assert figures["Won"].conversion is None and figures["Lost"].conversion is None
    # the deals there now: same counts and amounts as the board (no closed-days window)
    assert (figures["Won"].count, figures["Won"].amount) == (1, Decimal("1800.00"))
    assert figures["A"].weighted == Decimal("1500.00")
    data = figures["B"].as_dict()
    assert data["conversion_to_next"] == 0.6667 and data["avg_days_in_stage"] == 20.0


def test_forecast_by_owner_and_month(db: Database, built: Built) -> None:
    with db.session() as s:
        fc = pl.forecast(s, today=TODAY)
    assert fc.months == [dt.date(2026, m, 1) for m in range(3, 9)]
    # Ana: d1 600 in March, d5 100.00 in August (d6 closes in September: outside);
    # Bo: d4 1500 in April; d2 is won, not forecast.
    zero = Decimal("0.00")
    ana, bo = fc.rows
    assert (ana.owner_name, bo.owner_name) == ("Ana", "Bo")
    assert ana.by_month == [Decimal("600.00"), zero, zero, zero, zero, Decimal("100.00")]
    assert ana.total == Decimal("700.00")
    assert bo.by_month == [zero, Decimal("1500.00"), zero, zero, zero, zero]
    assert fc.totals == [Decimal("600.00"), Decimal("1500.00"), zero, zero, zero, Decimal("100")]


def test_lost_reasons_over_a_period(db: Database, built: Built) -> None:
    with db.session() as s:
        january = pl.lost_reasons(s, day(0), day(31))
        later = pl.lost_reasons(s, day(10), NOW)
    assert january.count[ReasonCategory.COMPETITOR] == 1
    assert january.amount[ReasonCategory.COMPETITOR] == Decimal("500.00")
    assert january.count[ReasonCategory.OURS] == 0
    assert sum(later.count.values()) == 0


def _deal(db: Database, deal_id: int) -> Deal:
    with db.session() as s:
        deal = s.get(Deal, deal_id)
        assert deal is not None
        return deal


def _history(db: Database, deal_id: int) -> list[tuple[int, dt.datetime, dt.datetime | None]]:
    with db.session() as s:
        return [
            tuple(r)  # type: ignore[misc]
            for r in s.execute(
                select(
                    DealStageHistory.stage_id, DealStageHistory.entered_at, DealStageHistory.left_at
                )
                .where(DealStageHistory.deal_id == deal_id)
                .order_by(DealStageHistory.entered_at)
            )
        ]


def test_move_then_undo(db: Database, built: Built) -> None:
    d4, st = built.deal["d4"], built.stage
    before = _history(db, d4)
    audits = _audit_count(db)
    moved = pl.move_deal(db, built.user["Bo"], d4, st["B"], 1, now=NOW)
    assert (moved.from_stage_id, moved.to_stage_id, moved.version) == (st["A"], st["B"], 2)
    deal = _deal(db, d4)
    assert (deal.stage_id, deal.stage_entered_at, deal.version) == (st["B"], NOW, 2)
    assert _history(db, d4) == [(st["A"], day(50), NOW), (st["B"], NOW, None)]
    assert _audit_count(db) > audits
    with db.session() as s:
        board = pl.board(s, now=NOW)
    assert d4 in {c.id for c in _cols(board)["B"].cards}

    back = pl.undo_move(db, built.user["Bo"], moved)
    assert (back.to_stage_id, back.version) == (st["A"], 3)
    deal = _deal(db, d4)
    assert (deal.stage_id, deal.stage_entered_at) == (st["A"], day(50))
    assert _history(db, d4) == before
    with pytest.raises(ConflictError):
        pl.undo_move(db, None, moved)


def _audit_count(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry)) or 0


def test_stale_version_is_a_conflict(db: Database, built: Built) -> None:
    pl.move_deal(db, None, built.deal["d4"], built.stage["B"], 1, now=NOW)
    with pytest.raises(ConflictError):
        pl.move_deal(db, None, built.deal["d4"], built.stage["C"], 1, now=NOW)


def test_lost_needs_a_reason_and_won_takes_the_amount(db: Database, built: Built) -> None:
    d1, d4, st = built.deal["d1"], built.deal["d4"], built.stage
    with pytest.raises(ValidationError) as info:
        pl.move_deal(db, None, d1, st["Lost"], 1, now=NOW)
    assert info.value.field == "reason"
    assert _deal(db, d1).version == 1
    pl.move_deal(db, None, d1, st["Lost"], 1, reason="ours", reason_text=" late ", now=NOW)
    deal = _deal(db, d1)
    assert (deal.status, deal.closed_at, deal.lost_reason) == (
        DealStatus.LOST,
        NOW,
        ReasonCategory.OURS,
    )
    assert deal.lost_reason_text == "late"

    moved = pl.move_deal(db, None, d4, st["Won"], 1, now=NOW)
    assert _deal(db, d4).won_amount == Decimal("3000.00")
    pl.undo_move(db, None, moved)
    deal = _deal(db, d4)
    assert (deal.status, deal.won_amount, deal.closed_at) == (DealStatus.OPEN, None, None)
    pl.move_deal(db, None, d4, st["Won"], deal.version, won_amount="2750,50", now=NOW)
    assert _deal(db, d4).won_amount == Decimal("2750.50")


def test_refuses_same_stage_and_another_pipelines_stage(db: Database, built: Built) -> None:
    with db.write() as s:
        other = Pipeline(name="Other")
        s.add(other)
        s.flush()
        foreign = Stage(pipeline_id=other.id, name="X")
        s.add(foreign)
        s.flush()
        foreign_id = foreign.id
    with pytest.raises(ValidationError):
        pl.move_deal(db, None, built.deal["d4"], built.stage["A"], 1)
    with pytest.raises(ValidationError):
        pl.move_deal(db, None, built.deal["d4"], foreign_id, 1)


def test_moved_board_equals_a_fresh_read(demo_db: Database) -> None:
    """After a move (and its undo) the board moves one card; the result must be what
    reading the whole board again gives: same cards in the same order, same figures."""
    with demo_db.session() as s:
        now = pl.utcnow()
        before = pl.board(s, now=now)
    source = next(c for c in before.columns if c.stage.is_open and c.count > 2)
    target = next(c for c in before.columns if c.stage.is_won)
    deal = source.cards[1]
    moved = pl.move_deal(demo_db, None, deal.id, target.stage.id, deal.version, now=now)
    with demo_db.session() as s:
        shown = pl.moved_board(before, pl.card(s, deal.id, now=now), deal.id)
        fresh = pl.board(s, now=now)
    assert shown.columns == fresh.columns
    assert shown.column(target.stage.id).cards[-1].id == deal.id  # newest in stage: last
    untouched = [c for c in before.columns if c.stage.id not in (source.stage.id, target.stage.id)]
    assert all(any(c is n for n in shown.columns) for c in untouched)  # not rebuilt

    pl.undo_move(demo_db, None, moved)
    with demo_db.session() as s:
        back = pl.moved_board(shown, pl.card(s, deal.id, now=now), deal.id)
        fresh = pl.board(s, now=now)
    assert back.columns == fresh.columns
    assert [[c.id for c in col.cards] for col in back.columns] == [
        [c.id for c in col.cards] for col in before.columns
    ]


def test_demo_history_is_consistent_with_the_board(demo_db: Database) -> None:
    with demo_db.session() as s:
        board = pl.board(s)
        figures = pl.stage_figures(s, board.pipeline_id)
    assert [c.stage.key for c in board.columns] == [
        "initial_contact",
        "sample",
        "negotiation",
        "signing",
        "won",
        "lost",
    ]
    open_board = sum(c.count for c in board.columns if c.stage.is_open)
    open_figures = sum(f.count for f in figures if f.stage.is_open)
    assert open_board == open_figures > 0
    for f in figures:
        if f.conversion is not None:
            assert 0 <= f.conversion <= 1


def _stage(db: Database, stage_id: int) -> Stage | None:
    with db.session() as s:
        return s.get(Stage, stage_id)


def test_stage_settings_create_change_reorder(db: Database, built: Built) -> None:
    new = pl.save_stage(db, None, built.pipeline, pl.StageData("Trial", 45, "#4fc3f7"))
    with db.session() as s:
        names = [st.name for st in pl.stages(s, built.pipeline)]
    assert names == ["A", "B", "C", "D", "Trial", "Won", "Lost"]
    pl.save_stage(
        db, None, built.pipeline, pl.StageData("Trial run", 50, aging_days=7), new, seen_version=1
    )
    stage = _stage(db, new)
    assert stage is not None
    assert (stage.name, stage.probability, stage.aging_days) == ("Trial run", 50, 7)
    with pytest.raises(ConflictError):
        pl.save_stage(db, None, built.pipeline, pl.StageData("Old", 5), new, seen_version=1)
    st = built.stage
    order = [st["A"], new, st["B"], st["C"], st["D"], st["Won"], st["Lost"]]
    pl.reorder_stages(db, None, built.pipeline, order)
    with db.session() as s:
        assert [x.id for x in pl.stages(s, built.pipeline)] == order
    with pytest.raises(ValidationError):
        pl.reorder_stages(db, None, built.pipeline, order[:-1])


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (pl.StageData(" ", 10), "name"),
        (pl.StageData("X", 101), "probability"),
        (pl.StageData("X", 10, color="blue"), "color"),
        (pl.StageData("X", 100, is_won=True), "is_won"),  # the pipeline has a won stage
        (pl.StageData("X", 10, is_won=True, is_lost=True), "is_won"),
    ],
)
def test_stage_settings_refuse(db: Database, built: Built, data: pl.StageData, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        pl.save_stage(db, None, built.pipeline, data)
    assert info.value.field == field


def test_a_stage_in_use_is_deleted_only_by_moving_its_deals(db: Database, built: Built) -> None:
    st, d1 = built.stage, built.deal["d1"]
    with pytest.raises(ValidationError) as info:
        pl.delete_stage(db, None, st["C"], 1)
    assert info.value.field == "move_to"
    with pytest.raises(ValidationError):
        pl.delete_stage(db, None, st["C"], 1, move_to=st["Lost"])
    assert pl.delete_stage(db, None, st["C"], 1, move_to=st["D"]) == 1
    assert _stage(db, st["C"]) is None
    assert _deal(db, d1).stage_id == st["D"]
    # d1's stays: A, B, then its C stay now counts as D
    assert [h[0] for h in _history(db, d1)] == [st["A"], st["B"], st["D"]]
    empty = pl.save_stage(db, None, built.pipeline, pl.StageData("Unused", 20))
    assert pl.delete_stage(db, None, empty, 1) == 0


def test_a_viewer_cannot_move_deals_or_change_stages(db: Database, built: Built) -> None:
    from app.errors import PermissionDenied
    from app.models.enums import Role

    with db.write() as s:
        viewer = User(username="vi", display_name="Vi", role=Role.VIEWER)
        s.add(viewer)
        s.flush()
        viewer_id = viewer.id
    with pytest.raises(PermissionDenied):
        pl.move_deal(db, viewer_id, built.deal["d4"], built.stage["B"], 1)
    with pytest.raises(PermissionDenied):
        pl.save_stage(db, viewer_id, built.pipeline, pl.StageData("X", 10))
    assert _deal(db, built.deal["d4"]).version == 1


def test_a_new_office_gets_the_default_stages(db) -> None:  # type: ignore[no-untyped-def]
    from app.services import pipeline as pl

    first = pl.ensure_default(db, {"initial_contact": "初次沟通"})
    assert pl.ensure_default(db) == first
    with db.session() as s:
        found = pl.stages(s, first)
    assert [(x.key, x.probability) for x in found] == [
        ("initial_contact", 10),
        ("sample", 30),
        ("negotiation", 60),
        ("signing", 80),
        ("won", 100),
        ("lost", 0),
    ]
    assert found[0].name == "初次沟通" and found[1].name == "Sample / trial"

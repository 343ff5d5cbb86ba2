"""Several pipelines: separate forecasts worked out by hand, "all" as their sum, a deal
moved between pipelines (stage mapped, history in both), pipeline administration and the
``pipeline`` command with and without ``--pipeline``.

Today is 2026-03-01; the forecast's months are March … August 2026.

Sales (default): Contact (key contact, 10 %), Negotiation (key negotiation, 60 %), Won, Lost
After-sales:     Quote (key quote, 20 %), Approval (key negotiation, 50 %),
                 Booked (key booked, 90 %), Won, Lost

deal pipeline     stage        owner amount   close       weighted
s1   Sales        Contact      Ana   1000.00  2026-03-10   100.00 (March)
s2   Sales        Negotiation  Bo    2000.00  2026-04-05  1200.00 (April)
s3   Sales        Won          Ana    500.00  —           (closed: not in the forecast)
a1   After-sales  Quote        Ana    300.00  2026-03-20    60.00 (March)
a2   After-sales  Booked       Bo     450.00  2026-05-02   405.00 (May)
a3   After-sales  Approval     Bo    1000.00  2026-04-30   250.00 (April, override 25 %)

Sales:       Ana 100 / 0 / 0,     Bo 0 / 1200 / 0     totals 100 / 1200 / 0
After-sales: Ana 60 / 0 / 0,      Bo 0 / 250 / 405    totals 60 / 250 / 405
All:         Ana 160 / 0 / 0,     Bo 0 / 1450 / 405   totals 160 / 1450 / 405
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.cli import main
from app.db import Database
from app.errors import ConflictError, PermissionDenied, ValidationError
from app.models import AuditEntry, Customer, Deal, DealStageHistory, Pipeline, Stage, User
from app.models.enums import DealStatus, Role
from app.services import pipeline as pl
from app.services import pipelines

NOW = dt.datetime(2026, 3, 1, 9, tzinfo=dt.UTC)
TODAY = NOW.date()
D = Decimal


class Two:
    sales: int
    after: int
    stage: dict[str, int]
    deal: dict[str, int]
    user: dict[str, int]


@pytest.fixture
def two(db: Database) -> Two:
    b = Two()
    b.stage, b.deal = {}, {}
    with db.write() as s:
        ana = User(username="ana", display_name="Ana", role=Role.MANAGER)
        bo = User(username="bo", display_name="Bo", role=Role.SALES)
        s.add_all([ana, bo])
        s.flush()
        b.user = {"Ana": ana.id, "Bo": bo.id}
        cust = Customer(number="C1", name="Acme")
        s.add(cust)
        s.flush()
        for attr, name, default, specs in (
            (
                "sales",
                "Sales",
                True,
                [("Contact", "contact", 10), ("Negotiation", "negotiation", 60)],
            ),
            (
                "after",
                "After-sales",
                False,
                [("Quote", "quote", 20), ("Approval", "negotiation", 50), ("Booked", "booked", 90)],
            ),
        ):
            p = Pipeline(name=name, is_default=default, sort_order=0 if default else 1)
            s.add(p)
            s.flush()
            setattr(b, attr, p.id)
            rows = [(n, k, pr, False, False) for n, k, pr in specs]
            rows += [("Won", "won", 100, True, False), ("Lost", "lost", 0, False, True)]
            for order, (sname, key, prob, won, lost) in enumerate(rows):
                st = Stage(
                    pipeline_id=p.id,
                    key=key,
                    name=sname,
                    sort_order=order,
                    probability=prob,
                    is_won=won,
                    is_lost=lost,
                )
                s.add(st)
                s.flush()
                b.stage[f"{name}/{sname}"] = st.id

        def deal(key: str, pipe: str, stage: str, owner: str, amount: str, **extra: object) -> None:
            pid = b.sales if pipe == "Sales" else b.after
            entered = NOW - dt.timedelta(days=10)
            d = Deal(
                customer_id=cust.id,
                pipeline_id=pid,
                stage_id=b.stage[f"{pipe}/{stage}"],
                owner_id=b.user[owner],
                title=f"deal {key}",
                amount=D(amount),
                stage_entered_at=entered,
                **extra,
            )
            s.add(d)
            s.flush()
            b.deal[key] = d.id
            s.add(
                DealStageHistory(
                    deal_id=d.id, pipeline_id=pid, stage_id=d.stage_id, entered_at=entered
                )
            )

        deal("s1", "Sales", "Contact", "Ana", "1000.00", expected_close=dt.date(2026, 3, 10))
        deal("s2", "Sales", "Negotiation", "Bo", "2000.00", expected_close=dt.date(2026, 4, 5))
        deal(
            "s3",
            "Sales",
            "Won",
            "Ana",
            "500.00",
            status=DealStatus.WON,
            closed_at=NOW - dt.timedelta(days=10),
            won_amount=D("500.00"),
        )
        deal("a1", "After-sales", "Quote", "Ana", "300.00", expected_close=dt.date(2026, 3, 20))
        deal("a2", "After-sales", "Booked", "Bo", "450.00", expected_close=dt.date(2026, 5, 2))
        deal(
            "a3",
            "After-sales",
            "Approval",
            "Bo",
            "1000.00",
            expected_close=dt.date(2026, 4, 30),
            probability_override=25,
        )
    return b


def _by_owner(fc: pl.Forecast) -> dict[str | None, list[Decimal]]:
    return {r.owner_name: r.by_month[:3] for r in fc.rows}


def test_each_pipeline_has_its_own_forecast_and_all_is_their_sum(db: Database, two: Two) -> None:
    with db.session() as s:
        sales = pl.forecast(s, two.sales, today=TODAY)
        after = pl.forecast(s, two.after, today=TODAY)
        every = pl.forecast(s, None, today=TODAY)
    assert _by_owner(sales) == {"Ana": [D("100.00"), 0, 0], "Bo": [0, D("1200.00"), 0]}
    assert sales.totals[:3] == [D("100.00"), D("1200.00"), 0]
    assert _by_owner(after) == {"Ana": [D("60.00"), 0, 0], "Bo": [0, D("250.00"), D("405.00")]}
    assert after.totals[:3] == [D("60.00"), D("250.00"), D("405.00")]
    assert _by_owner(every) == {
        "Ana": [D("160.00"), 0, 0],
        "Bo": [0, D("1450.00"), D("405.00")],
    }
    assert every.totals == [a + b for a, b in zip(sales.totals, after.totals, strict=True)]
    assert sum(every.totals) == D("2015.00")


def test_stage_figures_per_pipeline_and_all(db: Database, two: Two) -> None:
    with db.session() as s:
        sales = pl.stage_figures(s, two.sales)
        after = pl.stage_figures(s, two.after)
        every = pl.stage_figures(s, None)
        board = pl.board(s, two.after, now=NOW)
        workbook = pipelines.open_stage_figures(s)  # the monthly workbook's pipeline sheet
    assert [f.stage.name for f in sales] == ["Contact", "Negotiation", "Won", "Lost"]
    assert [f.stage.name for f in after] == ["Quote", "Approval", "Booked", "Won", "Lost"]
    assert every == sales + after  # the default pipeline first, then the others in order
    assert {f.stage.pipeline_id for f in after} == {two.after}
    assert [f.count for f in after] == [1, 1, 1, 0, 0]
    assert [f.weighted for f in after[:3]] == [D("60.00"), D("250.00"), D("405.00")]
    assert [c.stage.name for c in board.columns] == ["Quote", "Approval", "Booked", "Won", "Lost"]
    assert [c.count for c in board.columns] == [1, 1, 1, 0, 0]
    assert [f.stage.name for f in workbook] == [
        "Sales ▸ Contact",
        "Sales ▸ Negotiation",
        "After-sales ▸ Quote",
        "After-sales ▸ Approval",
        "After-sales ▸ Booked",
    ]


def _stays(db: Database, deal_id: int) -> list[tuple[int, int, bool]]:
    with db.session() as s:
        rows = s.scalars(
            select(DealStageHistory)
            .where(DealStageHistory.deal_id == deal_id)
            .order_by(DealStageHistory.entered_at, DealStageHistory.id)
        )
        return [(h.pipeline_id, h.stage_id, h.left_at is None) for h in rows]


def test_moving_a_deal_maps_its_stage_and_records_both_pipelines(db: Database, two: Two) -> None:
    did = two.deal["s2"]
    moved = pipelines.move_to_pipeline(db, two.user["Ana"], did, two.after, 1, now=NOW)
    assert moved.rule == "key"  # negotiation → the After-sales stage keyed negotiation
    assert (moved.from_pipeline_id, moved.to_pipeline_id) == (two.sales, two.after)
    assert moved.to_stage_id == two.stage["After-sales/Approval"]
    assert _stays(db, did) == [
        (two.sales, two.stage["Sales/Negotiation"], False),
        (two.after, two.stage["After-sales/Approval"], True),
    ]
    with db.session() as s:
        deal = s.get(Deal, did)
        assert deal is not None
        assert (deal.pipeline_id, deal.status, deal.stage_entered_at) == (
            two.after,
            DealStatus.OPEN,
            NOW,
        )
        entry = s.scalars(
            select(AuditEntry).where(AuditEntry.entity_id == did).order_by(AuditEntry.id.desc())
        ).first()
        assert entry is not None and entry.note == "pipeline move (key)"
        # the forecasts follow: 2000 × 50 % moves from Sales' April to After-sales' April
        assert pl.forecast(s, two.sales, today=TODAY).totals[1] == 0
        assert pl.forecast(s, two.after, today=TODAY).totals[1] == D("1250.00")
        assert pl.forecast(s, None, today=TODAY).totals[1] == D("1250.00")
    with pytest.raises(ConflictError):  # the version the board held before the move
        pipelines.move_to_pipeline(db, None, did, two.sales, 1)

    back = pl.undo_move(db, None, moved)
    assert back.to_stage_id == two.stage["Sales/Negotiation"]
    assert _stays(db, did) == [(two.sales, two.stage["Sales/Negotiation"], True)]
    with db.session() as s:
        deal = s.get(Deal, did)
        assert deal is not None and deal.pipeline_id == two.sales
        assert pl.forecast(s, two.sales, today=TODAY).totals[1] == D("1200.00")


def test_mapping_rules(db: Database, two: Two) -> None:
    with db.session() as s:
        contact = pipelines.map_stage(s, two.stage["Sales/Contact"], two.after)
        won = pipelines.map_stage(s, two.stage["Sales/Won"], two.after)
        booked = pipelines.map_stage(s, two.stage["After-sales/Booked"], two.sales)
        quote = pipelines.map_stage(s, two.stage["After-sales/Quote"], two.sales)
    # 10 % has no key or name in After-sales: the nearest probability, Quote 20 %
    assert contact == pipelines.MappedStage(two.stage["After-sales/Quote"], "probability")
    assert won == pipelines.MappedStage(two.stage["After-sales/Won"], "won")
    assert booked == pipelines.MappedStage(two.stage["Sales/Negotiation"], "probability")
    # 20 %: Contact (10) is nearer than Negotiation (60)
    assert quote == pipelines.MappedStage(two.stage["Sales/Contact"], "probability")

    moved = pipelines.move_to_pipeline(db, None, two.deal["s3"], two.after, 1)
    assert (moved.rule, moved.to_stage_id) == ("won", two.stage["After-sales/Won"])
    with db.session() as s:
        deal = s.get(Deal, two.deal["s3"])
        assert deal is not None and deal.status is DealStatus.WON and deal.closed_at is not None

    chosen = pipelines.move_to_pipeline(
        db, None, two.deal["s1"], two.after, 1, stage_id=two.stage["After-sales/Booked"]
    )
    assert (chosen.rule, chosen.to_stage_id) == ("chosen", two.stage["After-sales/Booked"])
    with pytest.raises(ValidationError):  # an open deal into a won stage
        pipelines.move_to_pipeline(
            db, None, two.deal["a1"], two.sales, 1, stage_id=two.stage["Sales/Won"]
        )
    with pytest.raises(ValidationError):  # already there
        pipelines.move_to_pipeline(db, None, two.deal["a1"], two.after, 1)


def test_pipeline_administration(db: Database, two: Two) -> None:
    ana, bo = two.user["Ana"], two.user["Bo"]
    with pytest.raises(PermissionDenied):
        pipelines.add_pipeline(db, bo, "Fleet cards")
    fleet = pipelines.add_pipeline(db, ana, "  Fleet   cards ", copy_from=two.after)
    with db.session() as s:
        listed = pipelines.pipelines(s)
        stages = pl.stages(s, fleet)
    assert [p.name for p in listed] == ["Sales", "After-sales", "Fleet cards"]
    assert [(p.deals, p.open_deals) for p in listed] == [(3, 2), (3, 3), (0, 0)]
    assert [st.name for st in stages] == ["Quote", "Approval", "Booked", "Won", "Lost"]
    with pytest.raises(ValidationError):
        pipelines.add_pipeline(db, ana, "after-SALES")
    pipelines.rename_pipeline(db, ana, fleet, "Fleet cards 车队卡", 1)
    with pytest.raises(ConflictError):
        pipelines.rename_pipeline(db, ana, fleet, "Fleet", 1)
    pipelines.reorder_pipelines(db, ana, [fleet, two.after, two.sales])
    with db.session() as s:
        assert [p.name for p in pipelines.pipelines(s)] == [
            "Sales",  # the default stays first
            "Fleet cards 车队卡",
            "After-sales",
        ]
        assert pipelines.find(s, " fleet CARDS 车队卡") is not None
        seen = {p.id: p.version for p in pipelines.pipelines(s)}

    # a pipeline with deals is never deleted; nor the default one
    with pytest.raises(ValidationError, match="deactivate it instead"):
        pipelines.delete_pipeline(db, ana, two.after, seen[two.after])
    with pytest.raises(ValidationError):
        pipelines.delete_pipeline(db, ana, two.sales, seen[two.sales])
    with pytest.raises(ValidationError, match="open deal"):
        pipelines.set_active(db, ana, two.after, False, seen[two.after])
    with pytest.raises(ValidationError):
        pipelines.set_active(db, ana, two.sales, False, seen[two.sales])
    version = pipelines.set_active(db, ana, fleet, False, seen[fleet])
    with db.session() as s:
        assert fleet not in [p.id for p in pipelines.pipelines(s)]
        assert fleet in [p.id for p in pipelines.pipelines(s, active_only=False)]
    with pytest.raises(ValidationError):  # deals go to active pipelines only
        pipelines.move_to_pipeline(db, None, two.deal["a1"], fleet, 1)
    pipelines.delete_pipeline(db, ana, fleet, version)
    with db.session() as s:
        assert s.get(Pipeline, fleet) is None
        assert not list(s.scalars(select(Stage).where(Stage.pipeline_id == fleet)))
        assert s.get(Pipeline, two.after) is not None


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_reports_each_pipeline_or_one(
    capsys: pytest.CaptureFixture[str], db: Database, two: Two
) -> None:
    target = str(db.target)
    code, out, _ = run(capsys, "pipeline", "--db", target, "--json")
    assert code == 0
    data = json.loads(out)["pipelines"]
    assert [(p["name"], p["is_default"]) for p in data] == [
        ("Sales", True),
        ("After-sales", False),
    ]
    assert [s["name"] for s in data[1]["stages"]] == ["Quote", "Approval", "Booked", "Won", "Lost"]
    assert [s["weighted"] for s in data[1]["stages"][:3]] == ["60.00", "250.00", "405.00"]

    code, out, _ = run(capsys, "pipeline", "--db", target, "--pipeline", "after-sales", "--json")
    assert code == 0
    one = json.loads(out)
    assert one == data[1]

    code, out, _ = run(capsys, "pipeline", "--db", target)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "== Sales" and "== After-sales" in lines and len(lines) == 2 + 4 + 5

    code, out, err = run(capsys, "pipeline", "--db", target, "--pipeline", "Retail")
    assert code != 0 and out == ""
    assert "no pipeline named Retail (there are: Sales, After-sales)" in err


# ------------------------------------------------------------------ the window
TIMEOUT = 10_000


def _demo_pipelines(db: Database) -> tuple[int, int]:
    with db.session() as s:
        sales, after = pipelines.pipelines(s)
    assert sales.is_default and not after.is_default
    return sales.id, after.id


@pytest.fixture
def page(qtbot, demo_db):  # type: ignore[no-untyped-def]
    from app.services.users import current_user
    from app.ui.pages.pipeline import PipelinePage

    widget = PipelinePage()
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    with qtbot.waitSignal(widget.boardShown, timeout=TIMEOUT):
        widget.set_context(demo_db, current_user(demo_db, None))
    qtbot.waitUntil(lambda: widget.pipeline_box.count() == 3, timeout=TIMEOUT)
    return widget


def test_choosing_a_pipeline_shows_its_board_and_all_adds_up(qtbot, page, demo_db) -> None:  # type: ignore[no-untyped-def]
    from app.services.users import current_user
    from app.ui.pages.pipeline import ALL, PipelinePage

    sales, after = _demo_pipelines(demo_db)
    assert page.pipeline_box.isVisibleTo(page)
    assert page.current_pipeline() == sales  # nothing remembered: the default pipeline
    assert [c.stage.key for c in page.board.columns][:2] == ["initial_contact", "sample"]

    with qtbot.waitSignal(page.boardShown, timeout=TIMEOUT):
        page.choose_pipeline(after)
    assert page.snapshot is not None and page.snapshot.pipeline_id == after
    keys = [c.stage.key for c in page.board.columns]
    assert keys == ["quote", "inspection", "approval", "won", "lost"]
    with demo_db.session() as s:
        figures = pl.stage_figures(s, after)
    open_counts = [f.count for f in figures if f.stage.is_open]
    assert [c.model.rowCount() for c in page.board.columns][:3] == open_counts
    assert sum(open_counts) > 0

    # the new deal dialog starts in the board's pipeline, with its open stages
    dialog = page.new_deal()
    qtbot.waitUntil(lambda: dialog.stage_box.count() > 0, timeout=TIMEOUT)
    assert dialog.pipeline_box.currentData() == after
    with demo_db.session() as s:
        quote = next(st.id for st in pl.stages(s, after) if st.key == "quote")
    assert dialog.stage_box.itemData(0) == quote
    dialog.reject()

    with qtbot.waitSignal(page.boardShown, timeout=TIMEOUT):
        page.choose_pipeline(ALL)
    assert page.all_hint.isVisibleTo(page) and not page.board.isVisibleTo(page)
    with qtbot.waitSignal(page.forecastShown, timeout=TIMEOUT):
        page.tabs.setCurrentWidget(page.forecast_view)
    stages_model = page.forecast_view.stages_model
    assert stages_model.rowCount() == 6 + 5
    assert stages_model.item(6, 0).text().startswith(page.pipeline_box.itemText(2))
    with demo_db.session() as s:
        total = sum(pl.forecast(s, None).totals, Decimal(0))
        each = sum(
            (sum(pl.forecast(s, pid).totals, Decimal(0)) for pid in (sales, after)), Decimal(0)
        )
    assert total == each > 0
    fm = page.forecast_view.forecast_model
    shown = fm.item(fm.rowCount() - 1, fm.columnCount() - 1).text()
    assert D("".join(ch for ch in shown if ch.isdigit() or ch == ".")) == total

    # remembered for this user
    again = PipelinePage()
    qtbot.addWidget(again)
    again.set_context(demo_db, current_user(demo_db, None))
    qtbot.waitUntil(lambda: again.pipeline_box.count() == 3, timeout=TIMEOUT)
    assert again.current_pipeline() == ALL


def test_changing_the_pipeline_in_the_deal_form_moves_the_deal(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    from app.services.users import current_user
    from app.ui.deal_form import DealForm

    sales, after = _demo_pipelines(demo_db)
    with demo_db.session() as s:
        negotiation = next(st for st in pl.stages(s, sales) if st.key == "negotiation")
        approval = next(st for st in pl.stages(s, after) if st.key == "approval")
        deal_id = s.scalar(
            select(Deal.id).where(Deal.stage_id == negotiation.id, Deal.deleted_at.is_(None))
        )
    assert deal_id is not None
    # 商务洽谈 60 % has no key or name in after-sales: the nearest probability, 方案确认 70 %
    assert (negotiation.probability, approval.probability) == (60, 70)
    form = DealForm(demo_db, current_user(demo_db, None), deal_id)
    qtbot.addWidget(form)
    with qtbot.waitSignal(form.loaded, timeout=TIMEOUT):
        form.show()
    assert form.pipeline_box.currentData() == sales and form.pipeline_box.count() == 2
    form.pipeline_box.setCurrentIndex(form.pipeline_box.findData(after))
    form.title_edit.setText("Moved to after-sales")
    with qtbot.waitSignal(form.saved, timeout=TIMEOUT):
        form.save()
    qtbot.waitUntil(lambda: not form.busy, timeout=TIMEOUT)
    assert approval.name in form.status.text()
    with demo_db.session() as s:
        deal = s.get(Deal, deal_id)
        assert deal is not None
        assert (deal.pipeline_id, deal.stage_id, deal.title) == (
            after,
            approval.id,
            "Moved to after-sales",
        )
        stays = list(
            s.execute(
                select(DealStageHistory.pipeline_id, DealStageHistory.stage_id)
                .where(DealStageHistory.deal_id == deal_id)
                .order_by(DealStageHistory.entered_at, DealStageHistory.id)
            )
        )
    assert tuple(stays[-2]) == (sales, negotiation.id)
    assert tuple(stays[-1]) == (after, approval.id)


def test_settings_stages_chooses_adds_renames_and_deactivates_pipelines(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    from app.services.users import current_user
    from app.ui.stage_settings import StageSettings

    sales, after = _demo_pipelines(demo_db)
    w = StageSettings()
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.loaded, timeout=TIMEOUT):
        w.set_context(demo_db, current_user(demo_db, None))
    assert w.pipeline_id == sales and w.pipeline_box.count() == 2
    assert not w.active_button.isEnabled()  # the default pipeline stays active
    with qtbot.waitSignal(w.loaded, timeout=TIMEOUT):
        w.pipeline_box.activated.emit(1)
    assert w.pipeline_id == after
    assert [r.stage.key for r in w.rows] == ["quote", "inspection", "approval", "won", "lost"]

    with qtbot.waitSignal(w.loaded, timeout=TIMEOUT):  # refused: it holds open deals
        w.toggle_active()
    assert "open deal" in w.message_label.text()
    assert w.current_pipeline() is not None and w.current_pipeline().active

    w.ask_pipeline_name = lambda _title, _current: "Fleet cards"
    with qtbot.waitSignal(w.loaded, timeout=TIMEOUT):
        w.new_pipeline()
    fleet = w.current_pipeline()
    assert fleet is not None and fleet.name == "Fleet cards" and w.pipeline_box.count() == 3
    assert [r.stage.key for r in w.rows] == ["quote", "inspection", "approval", "won", "lost"]

    w.ask_pipeline_name = lambda _title, current: current + " 车队卡"
    with qtbot.waitSignal(w.loaded, timeout=TIMEOUT):
        w.rename_pipeline()
    with qtbot.waitSignal(w.loaded, timeout=TIMEOUT):
        w.toggle_active()
    shown = w.current_pipeline()
    assert shown is not None and (shown.id, shown.name, shown.active) == (
        fleet.id,
        "Fleet cards 车队卡",
        False,
    )
    assert w.pipeline_box.currentText() == "Fleet cards 车队卡 (inactive)"
    assert w.active_button.text() == "Activate"

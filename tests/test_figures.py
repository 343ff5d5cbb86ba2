"""A user without the right "may see financial figures" gets every money figure blank
(None, null in JSON, never 0) from the services that show money; the same calls as a
user with the right (or as the program) give the numbers."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.db import Database
from app.errors import PermissionDenied
from app.models import Order, User
from app.models.enums import Role
from app.services import (
    campaigns,
    credit,
    customer_file,
    dashboard,
    figures,
    front_desk,
    margins,
    monthly,
    salespeople,
    segments,
    statement,
)

TODAY = dt.date.today()


def add_user(db: Database, name: str, role: Role, money: bool) -> int:
    with db.write() as s:
        user = User(username=name, display_name=name, role=role, may_see_financials=money)
        s.add(user)
        s.flush()
        return user.id


@pytest.fixture
def users(demo_db: Database) -> tuple[int, int]:
    """(a manager with the right, a manager without it): both see every customer."""
    return (
        add_user(demo_db, "money", Role.MANAGER, True),
        add_user(demo_db, "nomoney", Role.MANAGER, False),
    )


@pytest.fixture
def buyer(demo_db: Database) -> int:
    """The customer with the most orders (and so something owed, bought, returned…)."""
    with demo_db.session() as s:
        found = s.scalar(
            select(Order.customer_id)
            .group_by(Order.customer_id)
            .order_by(func.count().desc(), Order.customer_id)
            .limit(1)
        )
    assert found is not None
    return found


def test_the_rule(demo_db: Database, users: tuple[int, int]) -> None:
    yes, no = users
    with demo_db.session() as s:
        assert figures.may_see_financials(s, None)
        assert figures.may_see_financials(s, yes)
        assert not figures.may_see_financials(s, no)
        assert not figures.may_see_financials(s, 999_999)  # unknown: nothing
        desk = s.scalar(select(User.id).where(User.username == "zhao.min"))
        viewer = s.scalar(select(User.id).where(User.role == Role.VIEWER))
        assert desk is not None and not figures.may_see_financials(s, desk)
        assert viewer is not None and figures.may_see_financials(s, viewer)


def test_desk_card_and_customer_file(demo_db: Database, users: tuple[int, int], buyer: int) -> None:
    yes, no = users
    with demo_db.session() as s:
        shown = front_desk.card(s, buyer, user_id=yes)
        hidden = front_desk.card(s, buyer, user_id=no)
        assert shown.owed is not None and shown.last_purchases
        assert all(isinstance(a, Decimal) for _d, a in shown.last_purchases)
        assert hidden.owed is None
        assert [d for d, _a in hidden.last_purchases] == [d for d, _a in shown.last_purchases]
        assert all(a is None for _d, a in hidden.last_purchases)
        assert hidden.visits_90_days == shown.visits_90_days  # not money: kept

        full = customer_file.load(s, buyer, yes)
        blank = customer_file.load(s, buyer, no)
    assert full.money is not None and blank.money is not None
    assert full.money.ordered > 0 and full.money.owed is not None
    m = blank.money
    assert (m.ordered, m.returned, m.paid, m.owed, m.margin) == (None,) * 5
    assert len(m.orders) == len(full.money.orders)
    assert all(o[3] is None and o[5] is None for o in m.orders)
    assert all(p[2] is None for p in m.payments)
    assert all(p.amount is None for p in m.purchases)
    assert all(d[3] is None for d in blank.deals)
    assert all(e.amount is None for e in blank.timeline)


def test_credit_aging_and_margins(demo_db: Database, users: tuple[int, int], buyer: int) -> None:
    yes, no = users
    with demo_db.session() as s:
        shown = credit.aging(s, buyer, TODAY, yes)
        hidden = credit.aging(s, buyer, TODAY, no)
        assert shown.total is not None
        assert hidden.buckets == (None,) * 5 and hidden.total is None
        assert hidden.oldest_days == shown.oldest_days
        data = json.loads(json.dumps(hidden.as_dict()))
        assert data["total"] is None and data["overdue"] is None
        assert margins.margins(s, "customer", TODAY.replace(day=1), TODAY, user_id=yes) is not None
        with pytest.raises(PermissionDenied, match="money figures"):
            margins.margins(s, "customer", TODAY.replace(day=1), TODAY, user_id=no)
        with pytest.raises(PermissionDenied, match="money figures"):
            statement.statement(demo_db, no, buyer, TODAY.replace(day=1), TODAY)


def test_dashboard_figures(demo_db: Database, users: tuple[int, int]) -> None:
    yes, no = users
    f = dashboard.DashboardFilter(segments.Period.months_to(TODAY, 12))
    segments.recompute(demo_db, None, TODAY)
    with demo_db.session() as s:
        full = dashboard.build(s, f, TODAY, user_id=yes)
        blank = dashboard.build(s, f, TODAY, user_id=no)
    assert any(full.sales.this_year) and full.funnel
    assert blank.sales.this_year is None and blank.sales.last_year is None
    assert blank.forecast.weighted is None
    assert blank.segments.values is None
    assert blank.receivables.amounts is None
    assert [st.count for st in blank.funnel] == [st.count for st in full.funnel]
    assert all(st.amount is None for st in blank.funnel)
    assert blank.activities == full.activities  # counts: not money
    assert not dashboard.is_hidden(full.sales) and dashboard.is_hidden(blank.sales)
    assert dashboard.is_hidden(blank.funnel) and not dashboard.is_hidden(full.funnel)


def test_reports(demo_db: Database, users: tuple[int, int]) -> None:
    yes, no = users
    period = segments.Period.months_to(TODAY, 12)
    segments.recompute(demo_db, None, TODAY)
    with demo_db.session() as s:
        full = salespeople.activity_report(s, period, user_id=yes)
        blank = salespeople.activity_report(s, period, user_id=no)
        assert any(ln.order_amount for ln in full.lines)
        assert all(
            (ln.order_amount, ln.collected, ln.won_amount) == (None, None, None)
            for ln in blank.lines
        )
        assert [ln.orders for ln in blank.lines] == [ln.orders for ln in full.lines]
        assert all(d["order_amount"] is None for d in blank.as_dict()["salespeople"])

        summary = segments.summary(s, user_id=no)
        assert all(v is None for _n, v in summary.classes.values())
        assert summary.as_dict()["classes"]["A"]["value"] is None
        assert segments.summary(s, user_id=yes).classes["A"][1] is not None

        year = (TODAY - dt.timedelta(days=730), TODAY)
        lines = campaigns.report(s, no, *year)
        assert lines and all(ln.revenue is None and ln.cost is None for ln in lines)
        assert all(ln.revenue_per_cost is None for ln in lines)
        assert any(ln.revenue for ln in campaigns.report(s, yes, *year))
        assert all(src.revenue is None for src in campaigns.by_source(s, no, *year))


def test_monthly_workbook_refused(demo_db: Database, users: tuple[int, int], tmp_path) -> None:  # type: ignore[no-untyped-def]
    _yes, no = users
    with pytest.raises(PermissionDenied, match="money figures"):
        monthly.make_workbook(demo_db, no, TODAY.strftime("%Y-%m"), tmp_path / "m.xlsx")
    assert not (tmp_path / "m.xlsx").exists()


def test_pipeline_board_and_forecast(demo_db: Database, users: tuple[int, int]) -> None:
    from app.services import pipeline

    yes, no = users
    with demo_db.session() as s:
        full = pipeline.board(s, user_id=yes)
        blank = pipeline.board(s, user_id=no)
        assert any(c.amount for c in full.columns)
        assert [c.count for c in blank.columns] == [c.count for c in full.columns]
        assert all(c.amount is None and c.weighted is None for c in blank.columns)
        cards = [card for c in blank.columns for card in c.cards]
        assert cards and all(card.amount is None and card.weighted is None for card in cards)
        # a moved card as the board shows it after a move: the columns stay blank
        one = pipeline.for_user(s, no, pipeline.card(s, cards[0].id))
        moved = pipeline.moved_board(blank, one, cards[0].id)
        assert all(c.amount is None for c in moved.columns if c.cards)

        fc = pipeline.for_user(s, no, pipeline.forecast(s))
        assert fc.rows and all(r.total is None for r in fc.rows)
        assert all(v is None for v in fc.totals)
        assert any(pipeline.forecast(s).totals)
        stages = pipeline.for_user(s, no, pipeline.stage_figures(s))
        assert all(d["amount"] is None for d in (f.as_dict() for f in stages))
        assert pipeline.for_user(s, yes, stages) is stages


def test_membership_spend(demo_db: Database, users: tuple[int, int]) -> None:
    from app.models import PointsEntry
    from app.services import loyalty

    yes, no = users
    with demo_db.session() as s:
        member = s.scalar(select(PointsEntry.customer_id).order_by(PointsEntry.id).limit(1))
        assert member is not None
        shown = loyalty.membership(s, yes, member)
        hidden = loyalty.membership(s, no, member)
    assert shown.spend_12_months is not None
    assert hidden.spend_12_months is None and hidden.as_dict()["spend_12_months"] is None
    assert hidden.balance == shown.balance  # points are counted, not money


def test_contracts_and_today(demo_db: Database, users: tuple[int, int], buyer: int) -> None:
    from app.services import contracts

    yes, no = users
    contracts.save(demo_db, None, contracts.ContractData(buyer, "HT-1", amount="1000.00"))
    with demo_db.session() as s:
        shown = contracts.for_customer(s, buyer, yes)
        hidden = contracts.for_customer(s, buyer, no)
    assert [r.number for r in hidden] == [r.number for r in shown] and shown
    assert any(r.amount for r in shown)
    assert all(r.amount is None and r.remaining is None for r in hidden)
    assert all(r.as_dict()["remaining"] is None for r in hidden)


def test_deal_amount_hidden_and_kept(demo_db: Database, users: tuple[int, int]) -> None:
    from app.models import Deal
    from app.services import deals

    yes, no = users
    with demo_db.session() as s:
        deal_id = s.scalar(select(Deal.id).where(Deal.amount > 0).order_by(Deal.id).limit(1))
        assert deal_id is not None
        shown = deals.load_deal(s, deal_id, yes)
        hidden = deals.load_deal(s, deal_id, no)
    assert shown is not None and hidden is not None
    assert shown.amount and hidden.amount is None
    data = deals.DealData("新标题", None, expected_close=hidden.expected_close)
    deals.update_deal(demo_db, no, deal_id, hidden.version, data)
    with demo_db.session() as s:
        deal = s.get(Deal, deal_id)
        assert deal is not None and deal.title == "新标题" and deal.amount == shown.amount


def test_order_detail_and_form(demo_db: Database, users: tuple[int, int], buyer: int) -> None:
    from app.services import orders

    yes, no = users
    with demo_db.session() as s:
        order_id = s.scalar(select(Order.id).where(Order.customer_id == buyer).limit(1))
        assert order_id is not None
        shown = orders.detail(s, order_id, yes)
        hidden = orders.detail(s, order_id, no)
        assert shown.amount is not None
        assert (hidden.amount, hidden.cost, hidden.returned) == (None, None, None)
        assert [ln.quantity for ln in hidden.lines] == [ln.quantity for ln in shown.lines]
        assert all(ln.unit_price is None and ln.amount is None for ln in hidden.lines)
        assert orders.for_edit(s, order_id, yes).id == order_id
        with pytest.raises(PermissionDenied, match="prices and costs you may not see"):
            orders.for_edit(s, order_id, no)

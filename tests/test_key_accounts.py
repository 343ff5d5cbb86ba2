"""Key-account cards (app.services.key_accounts): the strategy card kept on the customer,
the monthly review card computed from the month's data, the manager's comment, and the
workbook with one sheet per key account."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.db import Database
from app.errors import ConflictError, PermissionDenied, ValidationError
from app.models import (
    Activity,
    Customer,
    Deal,
    DealStageHistory,
    Order,
    Payment,
    ServiceCase,
    User,
)
from app.models.enums import ActivityKind, DealStatus, Role, TeamRole
from app.services import customers, key_accounts, pipeline, teams
from app.services.customers import CustomerData
from app.services.key_accounts import StrategyData

UTC = dt.UTC


@dataclass
class Office:
    manager: int
    ana: int
    bo: int
    key: int
    plain: int


@pytest.fixture
def office(db: Database) -> Office:
    with db.write() as s:
        ids = {}
        for name, role in (("manager", Role.MANAGER), ("ana", Role.SALES), ("bo", Role.SALES)):
            user = User(username=name, display_name=name.title(), role=role, active=True)
            s.add(user)
            s.flush()
            ids[name] = user.id
    key = customers.create(db, None, CustomerData(name="华东重工", owner_id=ids["ana"]))
    plain = customers.create(db, None, CustomerData(name="零散客户", owner_id=ids["ana"]))
    with db.write() as s:
        c = s.get(Customer, key.customer_id)
        assert c is not None
        c.is_key_account = True
    teams.set_member(db, None, key.customer_id, ids["bo"], TeamRole.MANAGER)
    return Office(**ids, key=key.customer_id, plain=plain.customer_id)


def _month_data(db: Database, cid: int) -> None:
    """March 2026: two orders (one cancelled), a payment, two calls and a visit with a
    score, a complaint opened and resolved, another still open, a deal moved and won."""
    pipeline.ensure_default(db)
    with db.write() as s:
        s.add_all(
            [
                Order(
                    customer_id=cid,
                    order_date=dt.date(2026, 3, 5),
                    amount=Decimal("1000.00"),
                    cost=Decimal("600.00"),
                    due_date=dt.date(2026, 3, 10),
                ),
                Order(
                    customer_id=cid,
                    order_date=dt.date(2026, 3, 6),
                    amount=Decimal("500.00"),
                    status="cancelled",
                ),
                Order(
                    customer_id=cid,
                    order_date=dt.date(2026, 4, 2),
                    amount=Decimal("70.00"),
                ),
                Payment(customer_id=cid, paid_on=dt.date(2026, 3, 20), amount=Decimal("400.00")),
            ]
        )
        at = dt.datetime(2026, 3, 12, 9, tzinfo=UTC)
        for kind, score in (
            (ActivityKind.CALL, None),
            (ActivityKind.CALL, None),
            (ActivityKind.VISIT, 4),
        ):
            s.add(Activity(customer_id=cid, kind=kind, occurred_at=at, satisfaction=score))
        s.add(Activity(customer_id=cid, kind=ActivityKind.CALL, occurred_at=at.replace(month=4)))
        s.add(Activity(customer_id=cid, kind=ActivityKind.LEVEL_CHANGE, occurred_at=at))
        s.add(
            ServiceCase(
                customer_id=cid,
                title="交货延迟",
                opened_at=at,
                resolved_at=at + dt.timedelta(days=3),
                status="resolved",
            )
        )
        s.add(ServiceCase(customer_id=cid, title="发票错误", opened_at=at))
        from sqlalchemy import select

        from app.models import Stage

        stage = s.scalars(select(Stage).order_by(Stage.sort_order)).first()
        assert stage is not None
        deal = Deal(
            customer_id=cid,
            title="二期",
            stage_id=stage.id,
            pipeline_id=stage.pipeline_id,
            amount=Decimal("9000.00"),
            status=DealStatus.WON,
            won_amount=Decimal("8800.00"),
            closed_at=at,
            stage_entered_at=at,
        )
        s.add(deal)
        s.flush()
        s.add(
            DealStageHistory(
                deal_id=deal.id, pipeline_id=stage.pipeline_id, stage_id=stage.id, entered_at=at
            )
        )


def test_the_review_card_is_computed_from_the_month(db: Database, office: Office) -> None:
    _month_data(db, office.key)
    with db.session() as s:
        card = key_accounts.review(s, office.bo, office.key, "2026-03", today=dt.date(2026, 5, 1))
    assert card.month == dt.date(2026, 3, 1)
    assert card.orders == 1
    assert (card.sales, card.margin, card.margin_share) == (
        Decimal("1000.00"),
        Decimal("400.00"),
        Decimal("40.0"),
    )
    assert card.payments == Decimal("400.00")
    assert card.overdue == Decimal("600.00")
    assert card.contacts == {"call": 2, "visit": 1} and card.contacts_total == 3
    assert (card.complaints_opened, card.complaints_resolved, card.complaints_open) == (2, 1, 1)
    assert (card.satisfaction, card.satisfaction_answers) == (4.0, 1)
    assert (card.deals_moved, card.deals_won, card.won_amount, card.deals_lost) == (
        1,
        1,
        Decimal("8800.00"),
        0,
    )
    with db.session() as s:
        april = key_accounts.review(s, None, office.key, dt.date(2026, 4, 17))
        assert (april.orders, april.contacts, april.deals_won) == (1, {"call": 1}, 0)
        with pytest.raises(ValidationError, match="YYYY-MM"):
            key_accounts.review(s, None, office.key, "March")


def test_the_manager_comments_on_a_month(db: Database, office: Office) -> None:
    with pytest.raises(PermissionDenied, match="manager"):
        key_accounts.save_comment(db, office.ana, office.key, "2026-03", "好")
    v = key_accounts.save_comment(db, office.manager, office.key, "2026-03", "回款要跟紧")
    with pytest.raises(ConflictError):  # another manager wrote one meanwhile
        key_accounts.save_comment(db, office.manager, office.key, "2026-03", "x", None)
    key_accounts.save_comment(db, office.manager, office.key, "2026-03", "回款跟紧，二期已签", v)
    with db.session() as s:
        card = key_accounts.review(s, office.ana, office.key, "2026-03")
        assert (card.comment, card.comment_by) == ("回款跟紧，二期已签", "Manager")
        assert key_accounts.review(s, office.ana, office.key, "2026-04").comment is None


def test_the_strategy_card(db: Database, office: Office) -> None:
    with db.session() as s:
        card = key_accounts.strategy(s, office.bo, office.key)
    assert card.key_account and card.team.size == 1
    data = StrategyData(
        goals_plans="三年内成为第一供应商",
        buying_method="年度招标",
        budget="1200000",
        competitors="某品牌",
        next_steps="四月拜访总经理",
    )
    version = key_accounts.save_strategy(db, office.bo, office.key, card.version, data)
    with pytest.raises(ConflictError):
        key_accounts.save_strategy(db, office.bo, office.key, card.version, data)
    with pytest.raises(ValidationError):
        key_accounts.save_strategy(db, office.bo, office.key, version, StrategyData(budget="x"))
    with db.session() as s:
        again = key_accounts.strategy(s, office.ana, office.key)
        assert again.version == version
        assert again.data.goals_plans == "三年内成为第一供应商"
        assert again.data.budget == Decimal("1200000.00")
        assert not key_accounts.strategy(s, None, office.plain).key_account
        listed = key_accounts.key_accounts(s, office.bo)
        assert [(k.name, k.team_size) for k in listed] == [("华东重工", 1)]


def test_a_salesperson_off_the_team_cannot_read_the_cards(db: Database, office: Office) -> None:
    with db.write() as s:
        s.add(User(username="cai", display_name="Cai", role=Role.SALES, active=True))
    with db.session() as s:
        from sqlalchemy import select

        cai = s.scalar(select(User.id).where(User.username == "cai"))
        assert cai is not None
        with pytest.raises(PermissionDenied):
            key_accounts.strategy(s, cai, office.key)
        with pytest.raises(PermissionDenied):
            key_accounts.review(s, cai, office.key, "2026-03")
        assert key_accounts.key_accounts(s, cai) == []


def test_the_workbook_has_a_sheet_per_key_account(
    db: Database, office: Office, tmp_path: Path
) -> None:
    from app import cli

    _month_data(db, office.key)
    key_accounts.save_comment(db, None, office.key, "2026-03", "回款跟紧")
    out = tmp_path / "ka.xlsx"
    assert (
        cli.main(
            ["report", "key-accounts", "--db", db.target, "--month", "2026-03", "--out", str(out)]
        )
        == 0
    )
    book = load_workbook(out, read_only=True)
    assert book.sheetnames == ["华东重工"]
    values = [
        c for row in book["华东重工"].iter_rows(values_only=True) for c in row if c is not None
    ]
    assert "回款跟紧" in values and 1000 in values and "Bo" in " ".join(map(str, values))
    book.close()
    # one customer, even an ordinary one, by --customer
    assert (
        cli.main(
            [
                "report",
                "key-accounts",
                "--db",
                db.target,
                "--month",
                "2026-03",
                "--out",
                str(out),
                "--customer",
                str(office.plain),
            ]
        )
        == 0
    )
    book = load_workbook(out, read_only=True)
    assert book.sheetnames == ["零散客户"]
    book.close()


def test_the_command_acts_as_its_user(db: Database, office: Office, tmp_path: Path) -> None:
    from app import cli

    out = tmp_path / "bo.xlsx"
    base = ["report", "key-accounts", "--db", db.target, "--month", "2026-03", "--out", str(out)]
    assert cli.main([*base, "--user", "bo"]) == 0  # on the team
    book = load_workbook(out, read_only=True)
    assert book.sheetnames == ["华东重工"]
    book.close()
    assert cli.main([*base, "--user", "nobody"]) == 3
    with db.write() as s:
        s.add(User(username="cai", display_name="Cai", role=Role.SALES, active=True))
    assert cli.main([*base, "--user", "cai", "--customer", str(office.key)]) == 3  # not his
    assert cli.main([*base, "--customer", "no-such"]) != 0

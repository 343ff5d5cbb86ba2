"""Saving the deal form: a valid save (with its audit rows), each invalid input, and a
conflict with someone else's save."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.db import Database
from app.errors import ConflictError, ValidationError
from app.models import AuditEntry, Deal
from app.services import deals
from app.services.deals import DealData


def _open_deal(db: Database) -> Deal:
    with db.session() as s:
        deal = s.scalars(select(Deal).where(Deal.deleted_at.is_(None)).order_by(Deal.id)).first()
        assert deal is not None
        return deal


def _audit(db: Database, deal_id: int) -> dict[str, tuple[str | None, str | None]]:
    with db.session() as s:
        rows = s.execute(
            select(AuditEntry.field, AuditEntry.old_value, AuditEntry.new_value).where(
                AuditEntry.entity == "deal", AuditEntry.entity_id == deal_id
            )
        )
        return {f: (old, new) for f, old, new in rows}


def test_valid_save(demo_db: Database) -> None:
    deal = _open_deal(demo_db)
    data = DealData(
        title="  Winter tyres, 4 pcs  ",
        amount="1234,50",
        probability="35",
        expected_close=dt.date(2027, 3, 1),
        products="Tyres",
        notes="Call back in January",
    )
    version = deals.update_deal(demo_db, None, deal.id, deal.version, data)
    assert version == deal.version + 1
    with demo_db.session() as s:
        saved = s.get(Deal, deal.id)
        assert saved is not None
        assert saved.title == "Winter tyres, 4 pcs"
        assert saved.amount == Decimal("1234.50")
        assert saved.probability_override == 35
        assert saved.expected_close == dt.date(2027, 3, 1)
        assert (saved.products, saved.notes) == ("Tyres", "Call back in January")
        assert saved.stage_id == deal.stage_id and saved.status == deal.status
    log = _audit(demo_db, deal.id)
    assert log["title"][1] == "Winter tyres, 4 pcs"
    assert "amount" in log and "probability_override" in log

    # empty probability: back to the stage's
    deals.update_deal(demo_db, None, deal.id, version, DealData("Winter tyres, 4 pcs", "1234.5"))
    with demo_db.session() as s:
        loaded = deals.load_deal(s, deal.id)
    assert loaded is not None and loaded.probability_override is None
    assert loaded.customer_name and loaded.stage_probability >= 0


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (DealData("", "10"), "title"),
        (DealData("   ", "10"), "title"),
        (DealData("x" * 201, "10"), "title"),
        (DealData("Tyres", "-1"), "amount"),
        (DealData("Tyres", "10.005"), "amount"),
        (DealData("Tyres", "ten"), "amount"),
        (DealData("Tyres", ""), "amount"),
        (DealData("Tyres", "10", probability=101), "probability"),
        (DealData("Tyres", "10", probability=-1), "probability"),
        (DealData("Tyres", "10", probability="half"), "probability"),
    ],
)
def test_invalid_input(demo_db: Database, data: DealData, field: str) -> None:
    deal = _open_deal(demo_db)
    with pytest.raises(ValidationError) as raised:
        deals.update_deal(demo_db, None, deal.id, deal.version, data)
    assert raised.value.field == field
    with demo_db.session() as s:
        assert s.get(Deal, deal.id).version == deal.version  # type: ignore[union-attr]


def test_conflict(demo_db: Database) -> None:
    deal = _open_deal(demo_db)
    deals.update_deal(demo_db, None, deal.id, deal.version, DealData("Mine first", "5"))
    with pytest.raises(ConflictError):
        deals.update_deal(demo_db, None, deal.id, deal.version, DealData("Theirs", "6"))
    with demo_db.session() as s:
        assert s.get(Deal, deal.id).title == "Mine first"  # type: ignore[union-attr]
    with pytest.raises(ConflictError):
        deals.update_deal(demo_db, None, 10**9, 1, DealData("Nobody", "1"))


def test_create_deal_starts_in_first_open_stage(demo_db: Database) -> None:
    from app.models import Customer, DealStageHistory, Stage

    with demo_db.session() as s:
        customer = s.scalars(select(Customer).where(Customer.deleted_at.is_(None))).first()
        assert customer is not None
        first = s.scalars(
            select(Stage)
            .where(Stage.is_won.is_(False), Stage.is_lost.is_(False))
            .order_by(Stage.sort_order, Stage.id)
        ).first()
        assert first is not None
    at = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)
    deal_id = deals.create_deal(
        demo_db, None, customer.id, DealData(title=" Fleet cards ", amount="900"), now=at
    )
    with demo_db.session() as s:
        deal = s.get(Deal, deal_id)
        assert deal is not None
        assert (deal.title, deal.amount, deal.stage_id) == ("Fleet cards", Decimal(900), first.id)
        assert deal.owner_id == customer.owner_id
        assert deal.stage_entered_at == at
        history = s.scalars(
            select(DealStageHistory).where(DealStageHistory.deal_id == deal_id)
        ).all()
        assert [(h.stage_id, h.entered_at, h.left_at) for h in history] == [(first.id, at, None)]
    assert _audit(demo_db, deal_id)["title"] == (None, "Fleet cards")


def test_create_deal_refuses_bad_input(demo_db: Database) -> None:
    from app.models import Customer, Stage

    with demo_db.session() as s:
        customer_id = s.scalars(select(Customer.id)).first()
        won = s.scalars(select(Stage.id).where(Stage.is_won.is_(True))).first()
    assert customer_id is not None and won is not None
    with pytest.raises(ValidationError) as e:
        deals.create_deal(demo_db, None, customer_id, DealData(title="", amount="1"))
    assert e.value.field == "title"
    with pytest.raises(ValidationError) as e:
        deals.create_deal(demo_db, None, 10**9, DealData(title="x", amount="1"))
    assert e.value.field == "customer"
    with pytest.raises(ValidationError) as e:
        deals.create_deal(demo_db, None, customer_id, DealData(title="x", amount="1"), stage_id=won)
    assert e.value.field == "stage"

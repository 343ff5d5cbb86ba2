"""The front desk card and visit logging, on hand-built visit histories."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.errors import ValidationError
from app.models import Activity, Customer, Order, Payment, ServiceCase, User, Vehicle
from app.models.enums import ActivityKind, Regularity
from app.services import front_desk
from app.services.dates import anniversary, days_until_anniversary
from app.services.search import search

TODAY = dt.date(2026, 11, 24)


def at(days_ago: float) -> dt.datetime:
    return dt.datetime.combine(TODAY, dt.time(12), dt.UTC) - dt.timedelta(days=days_ago)


@pytest.fixture
def regular(db) -> int:  # type: ignore[no-untyped-def]
    with db.write() as s:
        u = User(username="desk", display_name="前台")
        s.add(u)
        s.flush()
        c = Customer(
            number="C1",
            name="王师傅",
            owner_id=u.id,
            birthday=dt.date(1980, 11, 28),
            phone="+8613811112222",
        )
        s.add(c)
        s.flush()
        s.add(Vehicle(customer_id=c.id, plate="粤B·88888"))
        for days in (2, 9, 16, 23, 200):
            s.add(Activity(customer_id=c.id, kind=ActivityKind.DESK_VISIT, occurred_at=at(days)))
        s.add(Order(customer_id=c.id, order_date=TODAY, amount=Decimal("300.00")))
        s.add(Payment(customer_id=c.id, paid_on=TODAY, amount=Decimal("120.50")))
        s.add(ServiceCase(customer_id=c.id, title="油品问题"))
        return c.id


def test_card_of_a_regular(db, regular: int) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s:
        card = front_desk.card(s, regular, today=TODAY)
    assert card.name == "王师傅"
    assert card.vehicles == ["粤B·88888"]
    assert card.owner == "前台"
    assert card.visits_90_days == 4
    assert card.regularity is Regularity.REGULAR
    assert card.usual_interval_days == 7.0
    assert card.owed == Decimal("179.50")
    assert card.birthday_in_days == 4
    assert card.open_complaints == 1
    assert card.last_visit == at(2)
    assert card.last_purchases == [(TODAY, Decimal("300.00"))]


def test_passing_trade_and_hand_set_regularity(db, regular: int) -> None:  # type: ignore[no-untyped-def]
    later = TODAY + dt.timedelta(days=120)
    with db.session() as s:
        assert front_desk.card(s, regular, today=later).regularity is Regularity.PASSING
    with db.write() as s:
        c = s.get(Customer, regular)
        c.regularity, c.regularity_set_by_hand = Regularity.REGULAR, True
    with db.session() as s:
        assert front_desk.card(s, regular, today=later).regularity is Regularity.REGULAR


def test_log_visit_with_amount_is_a_paid_purchase(db, regular: int) -> None:  # type: ignore[no-untyped-def]
    logged = front_desk.log_visit(db, None, regular, amount="88,50", note="加满")
    assert logged.order_id is not None
    assert logged.amount == Decimal("88.50")
    with db.session() as s:
        assert s.get(Order, logged.order_id).amount == Decimal("88.50")
        assert s.get(Activity, logged.activity_id).text == "加满"
        assert front_desk.owed(s, regular) == Decimal("179.50")


def test_log_visit_without_amount(db, regular: int) -> None:  # type: ignore[no-untyped-def]
    logged = front_desk.log_visit(db, None, regular)
    assert logged.order_id is None


@pytest.mark.parametrize("bad", ["abc", "-5", "1.234", "1e12", "NaN"])
def test_bad_amounts_store_nothing(db, regular: int, bad: str) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s:
        before = s.scalar(select(func.count()).select_from(Activity))
    with pytest.raises(ValidationError):
        front_desk.log_visit(db, None, regular, amount=bad)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Activity)) == before


def test_walk_in_is_found_at_once(db) -> None:  # type: ignore[no-untyped-def]
    cid = front_desk.register_walk_in(
        db, None, "Lucía Pérez", "612 345 678", "1234 BCD", region="ES"
    )
    with db.session() as s:
        assert front_desk.card(s, cid).regularity is Regularity.UNKNOWN
        assert [h.id for h in search(s, "1234bcd").hits] == [cid]
        assert [h.id for h in search(s, "lucia").hits] == [cid]


def test_leap_day_birthdays() -> None:
    leap = dt.date(2000, 2, 29)
    assert anniversary(leap, 2027) == dt.date(2027, 2, 28)
    assert anniversary(leap, 2028) == dt.date(2028, 2, 29)
    assert days_until_anniversary(leap, dt.date(2027, 2, 25)) == 3
    assert days_until_anniversary(dt.date(1990, 1, 2), dt.date(2026, 12, 30)) == 3

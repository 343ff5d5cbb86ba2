"""The customers table's SQL: filters, sort, windows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from app.models import Customer, Order, Payment, Tag, User, Vehicle
from app.models.enums import Lifecycle
from app.services import customer_list
from app.services.customer_list import CustomerFilter


@pytest.fixture
def filled(db):  # type: ignore[no-untyped-def]
    with db.write() as s:
        ana, bo = User(username="ana", display_name="Ana"), User(username="bo", display_name="Bo")
        vip = Tag(name="VIP")
        s.add_all([ana, bo, vip])
        s.flush()
        for i in range(30):
            c = Customer(
                number=f"C{i:03d}",
                name=f"Cliente {i:02d}",
                city="Madrid" if i % 2 else "Sevilla",
                owner_id=ana.id if i < 10 else bo.id,
                lifecycle=Lifecycle.STEADY if i % 3 == 0 else Lifecycle.NEW,
            )
            if i % 5 == 0:
                c.tags.append(vip)
            s.add(c)
            s.flush()
            if i % 4 == 0:
                s.add(Vehicle(customer_id=c.id, plate=f"{1000 + i} BCD"))
            if i < 6:
                s.add(Order(customer_id=c.id, order_date=dt.date(2026, 1, 1), amount=Decimal(100)))
                s.add(
                    Payment(
                        customer_id=c.id,
                        paid_on=dt.date(2026, 1, 2),
                        amount=Decimal(100 if i < 3 else 40),
                    )
                )
        s.add(Customer(number="DEL", name="Borrado", deleted_at=dt.datetime.now(dt.UTC)))
    return db


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (CustomerFilter(), 30),
        (CustomerFilter(include_deleted=True), 31),
        (CustomerFilter(city="Madrid"), 15),
        (CustomerFilter(lifecycle=Lifecycle.STEADY), 10),
        (CustomerFilter(has_vehicle=True), 8),
        (CustomerFilter(has_vehicle=False), 22),
        (CustomerFilter(owes_money=True), 3),
        (CustomerFilter(text="cliente 1"), 10),
        (CustomerFilter(city="Madrid", has_vehicle=True), 0),
    ],
)
def test_filters(filled, flt: CustomerFilter, expected: int) -> None:  # type: ignore[no-untyped-def]
    with filled.session() as s:
        assert customer_list.count(s, flt) == expected
        assert len(customer_list.page(s, flt, limit=100)) == expected


def test_owner_and_tag_filters(filled) -> None:  # type: ignore[no-untyped-def]
    with filled.session() as s:
        ana = s.query(User).filter_by(username="ana").one()
        tag = s.query(Tag).one()
        assert customer_list.count(s, CustomerFilter(owner_id=ana.id)) == 10
        assert customer_list.count(s, CustomerFilter(tag_id=tag.id)) == 6


def test_sort_and_windows(filled) -> None:  # type: ignore[no-untyped-def]
    with filled.session() as s:
        rows = customer_list.page(s, CustomerFilter(), sort="name", descending=True, limit=5)
        assert [r["name"] for r in rows] == [f"Cliente {i:02d}" for i in (29, 28, 27, 26, 25)]
        window = customer_list.page(s, CustomerFilter(), sort="name", offset=10, limit=3)
        assert [r["number"] for r in window] == ["C010", "C011", "C012"]
        by_owner = customer_list.page(s, CustomerFilter(), sort="owner", limit=30)
        assert [r["owner"] for r in by_owner] == ["Ana"] * 10 + ["Bo"] * 20
        first = customer_list.page(s, CustomerFilter(), limit=1)[0]
        assert first["plates"] == "1000 BCD"
        assert (
            customer_list.page(s, CustomerFilter(), sort="plates", limit=1)[0]["name"]
            == "Cliente 00"
        )
        assert customer_list.page(s, CustomerFilter(), sort="bogus; drop", limit=1)


def test_id_list_and_rows_by_id_agree_with_pages(filled) -> None:  # type: ignore[no-untyped-def]
    with filled.session() as s:
        for sort, desc in (("name", False), ("owner", True), ("city", False)):
            order = customer_list.ids(s, CustomerFilter(), sort, desc)
            paged = customer_list.page(s, CustomerFilter(), sort, desc, 0, 100)
            assert list(order) == [r["id"] for r in paged]
            window = customer_list.rows(s, order[10:15])
            assert window == paged[10:15]
        assert list(customer_list.ids(s, CustomerFilter(city="Madrid"))) == [
            r["id"] for r in customer_list.page(s, CustomerFilter(city="Madrid"), limit=100)
        ]
        assert customer_list.rows(s, []) == []

"""Customer files through the service: validation, conflicts, audit, duplicates, merge."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.errors import ConflictError, ValidationError
from app.models import Activity, AuditEntry, Customer, Order, Payment, Task, User, Vehicle
from app.models.enums import ActivityKind, AuditAction
from app.services import customer_file, customers, duplicates
from app.services.customers import CustomerData
from app.services.search import search


@pytest.fixture
def user_id(db) -> int:  # type: ignore[no-untyped-def]
    with db.write() as s:
        u = User(username="maria", display_name="María")
        s.add(u)
        s.flush()
        return u.id


def test_create_normalises_and_audits(db, user_id: int) -> None:  # type: ignore[no-untyped-def]
    saved = customers.create(
        db,
        user_id,
        CustomerData(
            name="  张三 ", phone="138 1234 5678", email="zs@example.cn", plates=["粤b·12345"]
        ),
    )
    assert saved.created
    with db.session() as s:
        c = s.get(Customer, saved.customer_id)
        assert (c.name, c.phone, c.owner_id) == ("张三", "+8613812345678", user_id)
        assert c.number.startswith("C")
        assert s.scalars(select(Vehicle.plate)).all() == ["粤B·12345"]
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.entity_id == c.id))
        assert AuditAction.CREATE in set(actions)
        assert search(s, "zs").hits[0].id == c.id


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (CustomerData(name=""), "name"),
        (CustomerData(name="   "), "name"),
        (CustomerData(name="x" * 201), "name"),
        (CustomerData(name="A", phone="12"), "phone"),
        (CustomerData(name="A", phone="not a phone"), "phone"),
        (CustomerData(name="A", phone2="+34 12"), "phone2"),
        (CustomerData(name="A", email="no-at-sign"), "email"),
        (CustomerData(name="A", email="a@b"), "email"),
        (CustomerData(name="A", birthday=dt.date(2999, 1, 1)), "birthday"),
        (CustomerData(name="A", notes="n" * 100_001), "notes"),
        (CustomerData(name="A", plates=["X" * 21]), "plates"),
    ],
)
def test_invalid_input_is_refused_and_nothing_stored(db, user_id: int, data, field: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as info:
        customers.create(db, user_id, data)
    assert info.value.field == field
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Customer)) == 0


def test_spanish_phone_with_region(db, user_id: int) -> None:  # type: ignore[no-untyped-def]
    saved = customers.create(
        db, user_id, CustomerData(name="Ana", phone="612 34 56 78"), region="ES"
    )
    with db.session() as s:
        assert s.get(Customer, saved.customer_id).phone == "+34612345678"


def test_update_records_old_and_new(db, user_id: int) -> None:  # type: ignore[no-untyped-def]
    saved = customers.create(db, user_id, CustomerData(name="Ana", city="Madrid"))
    with db.session() as s:
        f = customer_file.load(s, saved.customer_id)
    f.data.city = "Sevilla"
    after = customers.update(db, user_id, f.id, f.version, f.data)
    assert after.version == f.version + 1
    with db.session() as s:
        row = s.execute(
            select(AuditEntry.old_value, AuditEntry.new_value).where(
                AuditEntry.action == AuditAction.UPDATE, AuditEntry.field == "city"
            )
        ).one()
    assert tuple(row) == ("Madrid", "Sevilla")


def test_second_save_over_a_newer_version_is_a_conflict(db, user_id: int) -> None:  # type: ignore[no-untyped-def]
    saved = customers.create(db, user_id, CustomerData(name="Ana"))
    with db.session() as s:
        mine = customer_file.load(s, saved.customer_id)
        theirs = customer_file.load(s, saved.customer_id)
    theirs.data.name = "Ana Belén"
    customers.update(db, user_id, theirs.id, theirs.version, theirs.data)
    mine.data.name = "Ana María"
    with pytest.raises(ConflictError):
        customers.update(db, user_id, mine.id, mine.version, mine.data)
    with db.session() as s:
        assert s.get(Customer, saved.customer_id).name == "Ana Belén"


def test_card_numbers_are_unique(db, user_id: int) -> None:  # type: ignore[no-untyped-def]
    customers.create(db, user_id, CustomerData(name="A", membership_card="M1"))
    with pytest.raises(ValidationError, match="already belongs to A"):
        customers.create(db, user_id, CustomerData(name="B", membership_card="M1"))


def test_soft_delete_and_restore(db, user_id: int) -> None:  # type: ignore[no-untyped-def]
    saved = customers.create(db, user_id, CustomerData(name="张三", phone="13812345678"))
    customers.delete(db, user_id, saved.customer_id)
    with db.session() as s:
        assert search(s, "zs").hits == []
    customers.restore(db, user_id, saved.customer_id)
    with db.session() as s:
        assert [h.id for h in search(s, "zs").hits] == [saved.customer_id]


def test_duplicates_by_phone_email_plate_and_close_name(db, user_id: int) -> None:  # type: ignore[no-untyped-def]
    a = customers.create(
        db,
        user_id,
        CustomerData(name="José García", phone="612345678", city="Madrid", plates=["1234 BCD"]),
        region="ES",
    ).customer_id
    b = customers.create(
        db, user_id, CustomerData(name="Li Wei", email="li@x.cn", city="广州")
    ).customer_id
    with db.session() as s:
        assert [(d.id, d.reason) for d in duplicates.find(s, phones=["+34612345678"])] == [
            (a, "phone")
        ]
        assert [d.id for d in duplicates.find(s, email="LI@x.cn")] == [b]
        assert [d.id for d in duplicates.find(s, plates=["1234-bcd"])] == [a]
        assert [d.id for d in duplicates.find(s, name="Jose Garcia", city="Madrid")] == [a]
        assert duplicates.find(s, name="Jose Garcia", city="Sevilla") == []
        assert duplicates.find(s, phones=["+34612345678"], exclude_id=a) == []


def test_merge_moves_everything_and_hides_the_other(db, user_id: int) -> None:  # type: ignore[no-untyped-def]
    keep = customers.create(db, user_id, CustomerData(name="张三", phone="13812345678")).customer_id
    gone = customers.create(
        db,
        user_id,
        CustomerData(name="张三 ", email="z@x.cn", membership_card="M9", plates=["粤B1"]),
    ).customer_id
    now = dt.datetime.now(dt.UTC)
    with db.write() as s:
        s.add(Activity(customer_id=gone, kind=ActivityKind.CALL, occurred_at=now))
        o = Order(customer_id=gone, order_date=now.date(), amount=Decimal("10.00"))
        s.add(o)
        s.flush()
        s.add(Payment(customer_id=gone, order_id=o.id, paid_on=now.date(), amount=Decimal("4")))
        s.add(Task(customer_id=gone, title="call back", due_at=now))
    result = customers.merge(db, user_id, keep, gone)
    assert result.moved == {
        "vehicles": 1,
        "activities": 1,
        "orders": 1,
        "payments": 1,
        "tasks": 1,
        "consent_events": 4,  # the consent given when the other file was made
    }
    with db.session() as s:
        f = customer_file.load(s, keep)
        assert f.data.email == "z@x.cn"
        assert f.data.membership_card == "M9"
        assert f.money.owed == Decimal("6.00")
        assert [h.id for h in search(s, "粤b1").hits] == [keep]
        assert [h.id for h in search(s, "m9").hits] == [keep]
        other = s.get(Customer, gone)
        assert other.merged_into_id == keep and other.deleted_at is not None
        fields = set(
            s.scalars(select(AuditEntry.field).where(AuditEntry.action == AuditAction.MERGE))
        )
        assert fields == {"merged", "email", "membership_card"}
    with pytest.raises(ValidationError):
        customers.merge(db, user_id, keep, keep)


def test_customer_file_on_demo_data(demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.session() as s:
        cid = s.scalar(
            select(Activity.customer_id)
            .group_by(Activity.customer_id)
            .order_by(func.count().desc())
            .limit(1)
        )
        f = customer_file.load(s, cid)
    assert f.timeline
    assert f.timeline == sorted(f.timeline, key=lambda e: e.occurred_at, reverse=True)
    assert f.money is not None


def test_log_activity(db, user_id: int) -> None:  # type: ignore[no-untyped-def]
    from app.services import activities

    cid = customers.create(db, user_id, CustomerData(name="Ana")).customer_id
    logged = activities.log(db, user_id, cid, ActivityKind.COMPLAINT, "el coche hace ruido")
    with db.session() as s:
        f = customer_file.load(s, cid)
    assert [(e.id, e.kind, e.text) for e in f.timeline] == [
        (logged.activity_id, "complaint", "el coche hace ruido")
    ]
    with pytest.raises(ValidationError):
        activities.log(db, user_id, cid, ActivityKind.NOTE, "x", satisfaction=9)

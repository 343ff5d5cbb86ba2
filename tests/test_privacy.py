"""A person's privacy rights on a hand-built customer: the copy of everything held (one
workbook, every sheet with the right rows and typed cells), erasure (no personal value
left in any table, the search side tables or the audit log; orders and payments add up
as before), managers only, and the command line's exit codes. Consent changes leave a
dated event per channel."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select, text

from app import cli
from app.db import Database
from app.errors import PermissionDenied, ValidationError
from app.models import (
    Activity,
    AuditEntry,
    ConsentEvent,
    ContactPerson,
    Customer,
    ImportantDate,
    Order,
    Payment,
    Task,
    User,
    Vehicle,
)
from app.models.enums import ActivityKind, AuditAction, Channel, ContactRole, Role
from app.services import audit, customers, privacy
from app.services.customers import CustomerData

NAME = "Zoe Quintana"
PHONE = "+34 612 345 678"
MOBILE = "+34 699 887 766"
EMAIL = "zoe.quintana@example.es"
PLATE = "QZ-9071-KW"
CONTACT = "Marta Villalobos"
NOTES = "likes jazz on sundays"
# What must not be found anywhere after erasure (compared in lower case).
SECRETS = (
    "quintana",
    "612345678",
    "612 345 678",
    "699887766",
    "qz-9071-kw",
    "qz9071kw",
    "villalobos",
    "jazz",
    "1984-03-05",
    "y1234567z",
    "gardener",
)
TABLES = (
    "customers",
    "contacts",
    "vehicles",
    "activities",
    "tasks",
    "orders",
    "payments",
    "consent_events",
    "important_dates",
    "search_docs",
    "search_terms",
    "audit_log",
)
SHEETS = [
    "Profile",
    "People",
    "Vehicles",
    "Activities",
    "Orders",
    "Payments",
    "Consent history",
    "Audit entries",
]


@pytest.fixture
def users(db: Database) -> dict[str, int]:
    with db.write() as s:
        made = {
            name: User(username=name, display_name=name.title(), role=role)
            for name, role in (
                ("boss", Role.MANAGER),
                ("root", Role.ADMIN),
                ("ana", Role.SALES),
                ("vic", Role.VIEWER),
            )
        }
        s.add_all(made.values())
        s.flush()
        return {name: u.id for name, u in made.items()}


@pytest.fixture
def zoe(db: Database, users: dict[str, int]) -> int:
    """Zoe: made and changed through the services (audit rows with old and new values,
    consent events), then given a contact person, activities, two orders, a payment, a
    task, an important date, and a customer she referred who typed her name."""
    boss = users["boss"]
    data = CustomerData(
        name="Zoe Q.",
        phone=PHONE,
        email=EMAIL,
        address="Calle Mayor 5",
        city="Madrid",
        birthday=dt.date(1984, 3, 5),
        hobbies="gardener",
        notes=NOTES,
        plates=[PLATE],
    )
    saved = customers.create(db, boss, data, region="ES")
    data.name = NAME
    data.phone2 = MOBILE
    data.consent_sms = False
    customers.update(db, boss, saved.customer_id, saved.version, data, region="ES")
    cid = saved.customer_id
    with db.write() as s:
        c = s.get(Customer, cid)
        assert c is not None
        c.id_card_no = "Y1234567Z"
        s.add(
            ContactPerson(
                customer_id=cid,
                name=CONTACT,
                role=ContactRole.PURCHASER,
                mobile=MOBILE,
                email="marta.villalobos@example.es",
                birthday=dt.date(1990, 1, 2),
            )
        )
        at = dt.datetime(2026, 3, 1, 10, tzinfo=dt.UTC)
        s.add_all(
            [
                Activity(
                    customer_id=cid,
                    kind=ActivityKind.CALL,
                    occurred_at=at,
                    subject="Call Zoe Quintana",
                    text=NOTES,
                ),
                Activity(
                    customer_id=cid,
                    kind=ActivityKind.DESK_VISIT,
                    occurred_at=at + dt.timedelta(days=2),
                    amount=Decimal("50.00"),
                ),
                Order(
                    customer_id=cid,
                    number="O-1",
                    order_date=dt.date(2026, 3, 2),
                    amount=Decimal("1200.00"),
                    notes="deliver to Zoe Quintana",
                ),
                Order(
                    customer_id=cid,
                    number="O-2",
                    order_date=dt.date(2026, 3, 9),
                    amount=Decimal("300.50"),
                ),
                Payment(
                    customer_id=cid,
                    paid_on=dt.date(2026, 3, 10),
                    amount=Decimal("1000.00"),
                    reference="Quintana transfer",
                ),
                Task(
                    customer_id=cid,
                    title="Birthday: Zoe Quintana",
                    due_at=at,
                    note=NOTES,
                ),
                ImportantDate(customer_id=cid, label="Jazz festival", date=dt.date(2026, 6, 1)),
                Customer(number="R1", name="Referred Rita", referred_by_id=cid),
            ]
        )
        s.flush()
        rita = s.scalar(select(Customer.id).where(Customer.number == "R1"))
        audit.record(
            s,
            boss,
            AuditAction.UPDATE,
            "customer",
            rita,
            {"referred_by_name": (None, NAME)},
            note=f"referred by {NAME}",
        )
    return cid


def _sums(db: Database) -> tuple[object, ...]:
    with db.session() as s:
        return (
            s.scalar(select(func.sum(Order.amount))),
            s.scalar(select(func.count()).select_from(Order)),
            s.scalar(select(func.sum(Payment.amount))),
            s.scalar(select(func.sum(Activity.amount))),
            s.scalar(select(func.count()).select_from(Customer)),
        )


def _found(db: Database) -> list[tuple[str, str]]:
    """Every (table, secret) where a secret still appears in some cell."""
    hits = []
    with db.session() as s:
        for table in TABLES:
            cells = [
                str(v).lower()
                for row in s.execute(text(f"SELECT * FROM {table}"))
                for v in row
                if v is not None
            ]
            hits.extend((table, secret) for secret in SECRETS if any(secret in c for c in cells))
    return hits


# ------------------------------------------------------------------ consent
def test_each_consent_change_is_a_dated_event(db: Database, zoe: int, users: dict) -> None:
    with db.session() as s:
        rows = privacy.consent_history(s, users["vic"], zoe)
    given = {r.channel for r in rows if r.granted}
    withdrawn = [r for r in rows if not r.granted]
    assert given == set(Channel)  # all four given when the file was made
    assert [(r.channel, r.user) for r in withdrawn] == [(Channel.SMS, "Boss")]
    assert rows[0] == withdrawn[0]  # newest first
    assert all(r.at.tzinfo is not None for r in rows)


# ------------------------------------------------------------------ the copy
def test_export_has_every_sheet_with_the_right_rows(
    db: Database, zoe: int, users: dict, tmp_path: Path
) -> None:
    out = privacy.export_person(db, users["boss"], zoe, tmp_path / "zoe.xlsx", lang="en")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[: len(SHEETS)] == SHEETS

    def rows(name: str) -> list[tuple]:
        return list(wb[name].iter_rows(values_only=True))

    profile = dict(rows("Profile")[1:])
    assert profile["Name"] == NAME
    assert profile["Phone"] == "+34612345678"  # text, never a number
    assert profile["Birthday"] == dt.datetime(1984, 3, 5)
    assert profile["Consent sms"] is False
    people = rows("People")
    assert people[0][:2] == ("Name", "Role") and len(people) == 2
    assert people[1][0] == CONTACT and people[1][4] == MOBILE
    assert [r[0] for r in rows("Vehicles")[1:]] == [PLATE]
    assert len(rows("Activities")) == 3
    orders = rows("Orders")
    assert [(r[0], r[4]) for r in orders[1:]] == [("O-1", 1200), ("O-2", 300.5)]
    assert isinstance(orders[1][1], dt.datetime)  # an Excel date
    assert wb["Orders"]["E2"].number_format != "General"
    assert [r[1] for r in rows("Payments")[1:]] == [1000]
    consent = rows("Consent history")[1:]
    assert len(consent) == 5 and ("SMS", "withdrawn") in {(r[1], r[2]) for r in consent}
    entries = rows("Audit entries")[1:]
    assert {r[2] for r in entries} >= {"create", "update"}
    assert any(r[5] == "name" and r[7] == NAME for r in entries)
    assert rows("Important dates")[1][0] == "Jazz festival"
    with db.session() as s:
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert last is not None and (last.action, last.entity_id) == (AuditAction.EXPORT, zoe)
    assert "zoe.xlsx" in (last.note or "")


def test_export_in_the_office_language(db: Database, zoe: int, tmp_path: Path) -> None:
    out = privacy.export_person(db, None, zoe, tmp_path / "zoe.xlsx", lang="zh")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:3] == ["基本信息", "联系人", "车辆"]
    assert ("联系许可记录" in wb.sheetnames) and wb["基本信息"]["A2"].value == "客户编号"


# ------------------------------------------------------------------ erasure
def test_erase_leaves_no_personal_value_anywhere(db: Database, zoe: int, users: dict) -> None:
    assert _found(db)  # the check does find them before
    before = _sums(db)
    result = privacy.erase_person(db, users["root"], zoe)
    assert _found(db) == []
    assert _sums(db) == before
    assert (result.people, result.vehicles, result.activities) == (1, 1, 2)
    assert (result.kept_orders, result.kept_payments) == (2, 1)
    with db.session() as s:
        c = s.get(Customer, zoe)
        assert c is not None and c.erased_at is not None
        assert c.name == f"Erased customer {c.number}"
        assert not (c.consent_phone or c.consent_sms or c.consent_email or c.consent_post)
        assert c.city == "Madrid"  # coarse, what reports group by
        orders = s.scalars(select(Order).where(Order.customer_id == zoe)).all()
        assert sorted(o.amount for o in orders) == [Decimal("300.50"), Decimal("1200.00")]
        assert s.scalar(select(func.count()).where(ImportantDate.customer_id == zoe)) == 0
        erase = s.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.ERASE)).one()
        assert (erase.entity, erase.entity_id, erase.user_id) == ("customer", zoe, users["root"])
        assert erase.old_value is None and erase.new_value is None
        assert "erased" in (erase.note or "")
        events = s.scalars(
            select(ConsentEvent).where(
                ConsentEvent.customer_id == zoe, ConsentEvent.note == "erased"
            )
        ).all()
        assert {e.channel for e in events} == {Channel.PHONE, Channel.EMAIL, Channel.POST}
        assert s.scalar(select(func.count()).where(Vehicle.customer_id == zoe)) == 1
    # the search finds the customer by number only, never by the old name or phone
    from app.services.search import search

    with db.session() as s:
        assert search(s, "Quintana").hits == []
        assert search(s, "612345678").hits == []


def test_erase_twice_is_refused(db: Database, zoe: int) -> None:
    privacy.erase_person(db, None, zoe)
    with pytest.raises(ValidationError, match="already erased"):
        privacy.erase_person(db, None, zoe)


@pytest.mark.parametrize("who", ["ana", "vic"])
def test_only_managers_and_admins(db: Database, zoe: int, users: dict, who: str, tmp_path: Path):
    with pytest.raises(PermissionDenied):
        privacy.export_person(db, users[who], zoe, tmp_path / "x.xlsx")
    with pytest.raises(PermissionDenied):
        privacy.erase_person(db, users[who], zoe)
    assert not (tmp_path / "x.xlsx").exists()
    with db.session() as s:
        assert s.get(Customer, zoe).erased_at is None  # type: ignore[union-attr]


# ------------------------------------------------------------------ command line
def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_export_and_erase(
    db: Database, zoe: int, users: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with db.session() as s:
        number = s.scalar(select(Customer.number).where(Customer.id == zoe))
    assert number
    target = db.target
    out = tmp_path / "copy.xlsx"
    code, text_out, _ = run(
        capsys, "privacy", "export", "--db", target, "--customer", number, "--out", str(out)
    )
    assert code == 0 and out.exists() and number in text_out
    code, _, err = run(capsys, "privacy", "erase", "--db", target, "--customer", number)
    assert code == 2 and "--yes" in err
    code, _, err = run(
        capsys, "privacy", "erase", "--db", target, "--customer", number, "--yes", "--user", "ana"
    )
    assert code == 3 and err.startswith("clientela: error:")
    assert _found(db)
    code, text_out, _ = run(
        capsys,
        "privacy",
        "erase",
        "--db",
        target,
        "--customer",
        str(zoe),
        "--yes",
        "--user",
        "boss",
    )
    assert code == 0 and f"erased customer {number}" in text_out
    assert _found(db) == []
    code, _, err = run(capsys, "privacy", "erase", "--db", target, "--customer", number, "--yes")
    assert code == 1 and "already erased" in err
    code, _, err = run(
        capsys, "privacy", "export", "--db", target, "--customer", "NOPE", "--out", str(out)
    )
    assert code == 1 and "NOPE" in err


# ------------------------------------------------------------------ consent in lists
def test_invitation_lists_follow_consent_withdrawn_after_inviting(
    db: Database, zoe: int, users: dict, tmp_path: Path
) -> None:
    from app.services import invitations
    from app.services.invitations import InvitationFilter

    event = invitations.create_event(db, users["boss"], "Open day", dt.date(2026, 12, 20), "phone")
    invited = invitations.invite(db, users["boss"], event, InvitationFilter(Channel.PHONE))
    assert zoe in invited.added
    with db.session() as s:
        listed = invitations.export_invited(s, event, tmp_path / "before.xlsx")
    assert listed.rows == 2  # Zoe and Rita
    with db.session() as s:
        seen = s.get(Customer, zoe)
        assert seen is not None
        version = seen.version
    data = CustomerData(
        name=NAME, phone=PHONE, consent_phone=False, consent_sms=False, owner_id=users["boss"]
    )
    customers.update(db, users["boss"], zoe, version, data, region="ES")
    with db.session() as s:
        after = invitations.export_invited(s, event, tmp_path / "after.xlsx")
        history = privacy.consent_history(s, None, zoe)
        newest_phone = next(r for r in history if r.channel is Channel.PHONE)
        assert newest_phone.granted is False  # the withdrawal is the phone's latest event
    assert after.rows == 1
    names = [r[0] for r in openpyxl.load_workbook(after.path).active.iter_rows(values_only=True)]
    assert NAME not in names
    again = invitations.invite(db, users["boss"], event, InvitationFilter(Channel.PHONE))
    assert zoe not in again.added


def test_erasure_on_a_demo_office_keeps_every_report_figure(demo_db: Database) -> None:
    """The busiest customer with a name of its own: after erasure its name, phones,
    people and plates are nowhere, and the monthly key figures are exactly as before."""
    from app.services import monthly

    with demo_db.session() as s:
        unique = select(Customer.name).group_by(Customer.name).having(func.count() == 1)
        cid, month = s.execute(
            select(Order.customer_id, func.max(Order.order_date))
            .join(Customer, Customer.id == Order.customer_id)
            .where(Customer.name.in_(unique), Customer.deleted_at.is_(None))
            .group_by(Order.customer_id)
            .order_by(func.count().desc(), Order.customer_id)
            .limit(1)
        ).one()
        c = s.get(Customer, cid)
        assert c is not None
        secrets = {c.name, c.phone, *(p.mobile for p in c.contacts), *(v.plate for v in c.vehicles)}
        secrets = {x for x in secrets if x}
        before = monthly.build(s, month, today=month).this
    privacy.erase_person(demo_db, None, cid)
    with demo_db.session() as s:
        assert monthly.build(s, month, today=month).this == before
        for table, column in (
            ("customers", "name"),
            ("customers", "phone"),
            ("contacts", "mobile"),
            ("vehicles", "plate"),
            ("search_docs", "keys"),
            ("audit_log", "old_value"),
            ("audit_log", "new_value"),
        ):
            for secret in secrets:
                found = s.scalar(
                    text(f"SELECT count(*) FROM {table} WHERE {column} = :v"), {"v": secret}
                )
                assert found == 0, (table, column, secret)

"""The demo generator: every table filled, the rows consistent with each other and with
the place, and the same seed giving the same office."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
from collections import defaultdict
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import phonenumbers
import pytest
from faker.providers.person.zh_CN import Provider as ZhPerson
from sqlalchemy import func, select

from app.db import Database, open_database
from app.errors import ClientelaError
from app.models import (
    Activity,
    AuditEntry,
    Base,
    ContactPerson,
    Customer,
    Deal,
    DealStageHistory,
    Order,
    OrderLine,
    Payment,
    PointsEntry,
    Return,
    ReturnLine,
    Setting,
    Stage,
    Task,
    User,
    Vehicle,
)
from app.models.enums import AuditAction, CustomerKind, DealStatus, Role, TaskStatus
from app.services import demo
from app.services.users import ensure_admin

TODAY = dt.date(2025, 6, 15)
STAGES = {
    "zh_CN": ["初次沟通", "样品测试", "商务洽谈", "签约", "赢单", "输单"],
    "es_ES": [
        "Primer contacto",
        "Muestra / prueba",
        "Negociación",
        "Firma de contrato",
        "Ganado",
        "Perdido",
    ],
    "en_US": [
        "Initial contact",
        "Sample / trial",
        "Negotiation",
        "Contract signing",
        "Won",
        "Lost",
    ],
}
PLATES = {
    "zh_CN": re.compile(r"^[\u4e00-\u9fff][A-Z]·[0-9A-Z]{5,6}$"),
    "es_ES": re.compile(r"^\d{4} [BCDFGHJKLMNPRSTVWXYZ]{3}$"),
    "en_US": re.compile(r"^[1-9][A-Z]{3}\d{3}$"),
}
REGION = {"zh_CN": "CN", "es_ES": "ES", "en_US": "US"}
CJK = re.compile(r"^[\u4e00-\u9fff]+$")


def make(path: Path, customers: int, **kwargs: object) -> tuple[Database, demo.DemoResult]:
    db = open_database(path)
    kwargs.setdefault("today", TODAY)
    return db, demo.generate(db, customers=customers, **kwargs)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def zh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, demo.DemoResult]]:
    db, result = make(tmp_path_factory.mktemp("demo") / "zh.db", 300, seed=3)
    yield db, result
    db.dispose()


def count(db: Database, table: object) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(table)) or 0  # type: ignore[arg-type]


def test_every_table_is_filled_in_plausible_numbers(zh: tuple[Database, demo.DemoResult]) -> None:
    db, result = zh
    empty = [t.name for t in Base.metadata.sorted_tables if count(db, t) == 0]
    assert empty == []
    for name, n in result.counts.items():
        assert count(db, Base.metadata.tables[name]) == n, name
    c = result.counts
    assert c["customers"] == 300
    assert 4 <= c["users"] <= 9
    assert (c["pipelines"], c["stages"]) == (2, 11)  # sales and after-sales
    assert 2_000 <= c["activities"] <= 4_500  # about ten a customer
    assert 330 <= c["vehicles"] <= 600  # about one and a half a customer
    assert 300 <= c["orders"] <= 1_500
    assert c["order_lines"] >= c["orders"]
    assert 0.6 * c["orders"] <= c["payments"] <= 1.2 * c["orders"]
    assert 1 <= c["audit_log"] <= 20
    assert 2 <= c["campaigns"] <= 3
    assert count(db, Base.metadata.tables["search_docs"]) == 300
    with db.session() as s:
        persons = s.scalar(select(func.count()).where(Customer.kind == CustomerKind.PERSON))
        assert 0.6 <= (persons or 0) / 300 <= 0.8
        numbers = list(s.scalars(select(Customer.number).order_by(Customer.id)))
        assert numbers[:2] == ["C000001", "C000002"] and len(set(numbers)) == 300
        assert s.get(Setting, "office.name") is not None
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == AuditAction.IMPORT)).one()
        assert "300 customers" in (audit.note or "")
        roles = list(s.scalars(select(User.role)))
        assert roles.count(Role.ADMIN) == 1 and Role.MANAGER in roles
        assert all(u.password_hash is None for u in s.scalars(select(User)))


def test_timeline_lies_in_the_two_years_before_today(
    zh: tuple[Database, demo.DemoResult],
) -> None:
    db, _ = zh
    local_midnight = dt.datetime.combine(TODAY, dt.time(), tzinfo=dt.UTC) - dt.timedelta(hours=8)
    with db.session() as s:
        first, last = s.execute(
            select(func.min(Activity.occurred_at), func.max(Activity.occurred_at))
        ).one()
        assert last < local_midnight
        assert first >= local_midnight - dt.timedelta(days=731)
        per_customer = list(
            s.scalars(select(func.count()).select_from(Activity).group_by(Activity.customer_id))
        )
        assert max(per_customer) >= 30  # the regulars
        assert s.scalar(select(func.max(Order.order_date))) < TODAY
        desk = s.scalar(
            select(func.count()).where(Activity.kind == "desk_visit", Activity.amount.is_not(None))
        )
        assert desk and desk > 300
        sat = set(s.scalars(select(Activity.satisfaction).where(Activity.kind == "return_visit")))
        assert sat <= {1, 2, 3, 4, 5} and len(sat) >= 3
        tasks = s.execute(select(Task.status, Task.due_at, Task.source_key)).all()
        now = local_midnight
        assert any(st is TaskStatus.OPEN and due < now for st, due, _ in tasks)  # overdue
        assert any(st is TaskStatus.OPEN and due >= now for st, due, _ in tasks)
        assert any(st is TaskStatus.DONE for st, _, _ in tasks)
        keys = [k for _, _, k in tasks if k]
        assert keys and len(keys) == len(set(keys))


def test_deal_history_matches_the_current_stage(zh: tuple[Database, demo.DemoResult]) -> None:
    db, _ = zh
    with db.session() as s:
        stages = {st.id: st for st in s.scalars(select(Stage))}
        history = defaultdict(list)
        for h in s.scalars(select(DealStageHistory).order_by(DealStageHistory.entered_at)):
            history[h.deal_id].append(h)
        deals = list(s.scalars(select(Deal)))
    assert {stages[d.stage_id].key for d in deals} == {
        "initial_contact",
        "sample",
        "negotiation",
        "signing",
        "won",
        "lost",
        "quote",  # the after-sales pipeline's
        "inspection",
        "approval",
    }
    for d in deals:
        rows = history[d.id]
        assert [h.left_at is None for h in rows].count(True) == 1
        assert rows[-1].left_at is None and rows[-1].stage_id == d.stage_id
        assert rows[-1].entered_at == d.stage_entered_at
        for a, b in itertools.pairwise(rows):
            assert a.entered_at < b.entered_at and a.left_at == b.entered_at
        assert rows[0].entered_at == d.created_at
        assert {(h.pipeline_id, stages[h.stage_id].pipeline_id) for h in rows} == {
            (d.pipeline_id, d.pipeline_id)
        }
        stage = stages[d.stage_id]
        if d.status is DealStatus.WON:
            assert stage.is_won and d.closed_at == d.stage_entered_at
            assert d.won_amount is not None and d.won_amount > 0
        elif d.status is DealStatus.LOST:
            assert stage.is_lost and d.closed_at is not None
            assert d.lost_reason is not None and d.lost_reason_text
        else:
            assert not stage.is_won and not stage.is_lost and d.closed_at is None


def test_money_adds_up(zh: tuple[Database, demo.DemoResult]) -> None:
    db, _ = zh
    with db.session() as s:
        lines = defaultdict(lambda: [Decimal(0), Decimal(0)])
        for ln in s.scalars(select(OrderLine)):
            exact = ln.quantity * ln.unit_price * (1 - ln.discount_pct / 100)
            assert ln.amount == exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            lines[ln.order_id][0] += ln.amount
            lines[ln.order_id][1] += ln.cost
        orders = list(s.scalars(select(Order)))
        for o in orders:
            assert [o.amount, o.cost] == lines[o.id], o.number
        paid = dict(
            s.execute(
                select(Payment.order_id, func.sum(Payment.amount)).group_by(Payment.order_id)
            ).all()
        )
        returned = dict(
            s.execute(
                select(Return.order_id, func.sum(Return.amount)).group_by(Return.order_id)
            ).all()
        )
        for r in s.scalars(select(Return)):
            parts = s.scalars(select(ReturnLine.amount).where(ReturnLine.return_id == r.id))
            assert sum(parts) == r.amount
        open_owed = 0
        for o in orders:
            owed = o.amount - returned.get(o.id, 0) - paid.get(o.id, 0)
            assert owed >= 0, o.number
            if owed and o.due_date is not None and o.due_date < TODAY:
                open_owed += 1
        assert open_owed > 0  # some invoices are overdue
        assert len(paid) > 0.7 * len(orders)
        balances = s.execute(
            select(PointsEntry.customer_id, func.sum(PointsEntry.points)).group_by(
                PointsEntry.customer_id
            )
        ).all()
        assert balances and all(b >= 0 for _, b in balances)
        members = s.execute(select(Customer.membership_card, Customer.membership_level)).all()
        assert all((card is None) == (level.value == "none") for card, level in members)


def test_chinese_names_are_chinese(zh: tuple[Database, demo.DemoResult]) -> None:
    db, _ = zh
    surnames = set(ZhPerson.last_names)
    with db.session() as s:
        people = list(s.scalars(select(Customer.name).where(Customer.kind == CustomerKind.PERSON)))
        companies = list(
            s.scalars(select(Customer.name).where(Customer.kind == CustomerKind.COMPANY))
        )
        contacts = list(s.scalars(select(ContactPerson.name)))
        users = list(s.scalars(select(User.display_name)))
        stages = list(
            s.scalars(select(Stage.name).where(Stage.pipeline_id == 1).order_by(Stage.sort_order))
        )
        addresses = list(s.scalars(select(Customer.address)))
    for name in people + contacts:
        assert CJK.match(name) and 2 <= len(name) <= 4, name
        assert name[0] in surnames or name[:2] in surnames, name
    assert all(CJK.match(n) for n in users)
    assert all(CJK.match(re.sub(r"[0-9A-Za-z]", "", n)) for n in companies)
    assert all(n.endswith(("有限公司", "医院", "局", "处")) for n in companies)
    assert all(a and a[0] >= "\u4e00" for a in addresses)
    assert stages == STAGES["zh_CN"]


@pytest.mark.parametrize("locale", demo.LOCALES)
def test_phones_plates_and_words_fit_the_locale(tmp_path: Path, locale: str) -> None:
    db, _ = make(tmp_path / "x.db", 120, locale=locale)
    try:
        with db.session() as s:
            phones = [
                p
                for row in s.execute(select(Customer.phone, Customer.phone2)).all()
                + s.execute(select(ContactPerson.phone, ContactPerson.mobile)).all()
                + s.execute(select(User.phone, User.phone)).all()
                for p in row
                if p
            ]
            plates = list(s.scalars(select(Vehicle.plate)))
            emails = [e for e in s.scalars(select(Customer.email)) if e]
            sales = select(Stage).where(Stage.pipeline_id == 1).order_by(Stage.sort_order)
            stages = [st.name for st in s.scalars(sales)]
            keys = [st.key for st in s.scalars(sales)]
            probs = [st.probability for st in s.scalars(sales)]
    finally:
        db.dispose()
    assert len(phones) > 150
    for p in phones:
        assert p.startswith("+") and p[1:].isdigit(), p
        parsed = phonenumbers.parse(p, None)
        assert phonenumbers.is_valid_number(parsed), p
        assert phonenumbers.region_code_for_number(parsed) == REGION[locale], p
    assert plates and all(PLATES[locale].match(p) for p in plates), plates[:5]
    assert len(set(plates)) == len(plates)
    assert emails and all(re.match(r"^[a-z0-9._]+@[a-z0-9.-]+\.[a-z]+$", e) for e in emails)
    assert stages == STAGES[locale]
    assert keys == ["initial_contact", "sample", "negotiation", "signing", "won", "lost"]
    assert probs == [10, 30, 60, 80, 100, 0]


def digest(db: Database) -> str:
    h = hashlib.sha256()
    with db.session() as s:
        for stmt in (
            select(Customer.number, Customer.name, Customer.phone, Customer.email,
                   Customer.lifecycle, Customer.created_at).order_by(Customer.id),
            select(Vehicle.customer_id, Vehicle.plate, Vehicle.model).order_by(Vehicle.id),
            select(Activity.customer_id, Activity.kind, Activity.occurred_at, Activity.amount,
                   Activity.subject).order_by(Activity.id),
            select(Order.number, Order.order_date, Order.amount).order_by(Order.id),
            select(Deal.title, Deal.stage_id, Deal.amount, Deal.stage_entered_at).order_by(Deal.id),
            select(Task.title, Task.due_at, Task.status).order_by(Task.id),
            select(User.username, User.display_name, User.phone).order_by(User.id),
        ):  # fmt: skip
            for row in s.execute(stmt):
                h.update(repr(tuple(row)).encode())
    return h.hexdigest()


def test_same_seed_same_office(tmp_path: Path) -> None:
    dbs = [make(tmp_path / f"{name}.db", 150, seed=seed, locale="es_ES")[0]
           for name, seed in (("a", 5), ("b", 5), ("c", 6))]  # fmt: skip
    try:
        a, b, c = (digest(db) for db in dbs)
    finally:
        for db in dbs:
            db.dispose()
    assert a == b
    assert a != c


def test_refuses_a_database_with_customers(zh: tuple[Database, demo.DemoResult]) -> None:
    db, _ = zh
    before = count(db, Customer), count(db, User)
    with pytest.raises(ClientelaError, match="already holds customers"):
        demo.generate(db, customers=10, today=TODAY)
    assert (count(db, Customer), count(db, User)) == before


def test_unknown_locale_is_refused(db: Database) -> None:
    with pytest.raises(ClientelaError, match="unknown demo locale"):
        demo.generate(db, customers=10, locale="fr_FR")


def test_cancel_keeps_nothing(db: Database) -> None:
    seen: list[tuple[int, int]] = []
    asked = [0]

    def cancelled() -> bool:
        asked[0] += 1
        return asked[0] >= 2

    with pytest.raises(demo.Cancelled):
        demo.generate(db, customers=200, progress=lambda d, t: seen.append((d, t)),
                      cancelled=cancelled, today=TODAY)  # fmt: skip
    assert seen[0] == (0, 200) and seen[-1] == (200, 200)
    assert count(db, Customer) == count(db, User) == count(db, Activity) == 0


def test_an_existing_admin_is_kept(db: Database) -> None:
    boss = ensure_admin(db, "boss", "The Boss")
    result = demo.generate(db, customers=40, locale="en_US", today=TODAY)
    with db.session() as s:
        admins = list(s.scalars(select(User.username).where(User.role == Role.ADMIN)))
        assert admins == ["boss"]
        assert s.scalar(select(func.count()).select_from(User)) == 8
        owners = set(s.scalars(select(Customer.owner_id)))
        assert boss not in owners
    assert result.counts["users"] == 7

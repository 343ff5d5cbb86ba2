"""Orders with lines, returns, payments and the credit check, worked out by hand; bad
input is refused with the field named and nothing stored."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.db import Database
from app.errors import PermissionDenied, ValidationError
from app.models import (
    AuditEntry,
    Customer,
    Order,
    OrderLine,
    Payment,
    Product,
    Return,
    Setting,
    User,
)
from app.models.enums import OrderStatus, ProductCategory, Role
from app.services import credit, orders
from app.services.orders import LineInput, OrderInput, ReturnLineInput

D = Decimal
TODAY = dt.date(2026, 5, 1)


@pytest.fixture
def shop(db: Database) -> dict[str, int]:
    """Beta (limit 1,000.00, 30 days, created 1 Jan 2026) owes 600.00 for an order of
    10 Apr (due 10 May, not overdue on 1 May). Gamma (no limit) owes 500.00 for an order
    of 1 Feb, due 3 Mar: 59 days overdue on 1 May. Diesel 0#: list 7.50, cost 6.80."""
    with db.write() as s:
        beta = Customer(
            number="B1",
            name="北方运输",
            credit_limit=D("1000.00"),
            credit_term_days=30,
            created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        )
        gamma = Customer(number="G1", name="Gamma", credit_term_days=30)
        diesel = Product(
            name="0# 柴油",
            category=ProductCategory.FUEL,
            unit="L",
            list_price=D("7.50"),
            cost=D("6.80"),
        )
        s.add_all([beta, gamma, diesel])
        s.flush()
        s.add(Order(customer_id=beta.id, order_date=dt.date(2026, 4, 10), amount=D("600.00")))
        s.add(Order(customer_id=gamma.id, order_date=dt.date(2026, 2, 1), amount=D("500.00")))
        return {"beta": beta.id, "gamma": gamma.id, "diesel": diesel.id}


def count(db: Database, model: type) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_an_order_with_lines_by_hand(db: Database, shop: dict[str, int]) -> None:
    # Diesel 40.5 L at 7.50 less 2 %: 40.5 × 7.50 = 303.75, × 0.98 = 297.675 → 297.68;
    # cost 40.5 × 6.80 = 275.40. Car wash 1 × 30.00, cost 5.00.
    # Order: 327.68, cost 280.40, margin 47.28. Owed 600 + 327.68 ≤ 1,000: no warning.
    saved = orders.create(
        db,
        None,
        OrderInput(
            shop["beta"],
            dt.date(2026, 4, 30),
            [
                LineInput(shop["diesel"], "40.5", discount_pct="2"),
                LineInput(None, 1, "30", unit_cost="5", description="洗车"),
            ],
            number="SO-9",
        ),
        today=TODAY,
    )
    assert (saved.amount, saved.cost, saved.margin) == (D("327.68"), D("280.40"), D("47.28"))
    assert saved.check is not None and saved.check.problems == []
    with db.session() as s:
        order = s.get(Order, saved.order_id)
        assert (order.amount, order.cost) == (D("327.68"), D("280.40"))
        first, second = order.lines
        assert orders.dec(first.quantity) == D("40.5")
        assert orders.dec(first.discount_pct) == D("2")
        assert (first.amount, first.cost, first.description) == (
            D("297.68"),
            D("275.40"),
            "0# 柴油",
        )
        assert (second.amount, second.description) == (D("30.00"), "洗车")


def test_over_the_limit_warns_with_the_figures_and_stores_nothing(
    db: Database, shop: dict[str, int]
) -> None:
    # Owes 600.00; an order of 450.00 takes it to 1,050.00 > 1,000.00.
    data = OrderInput(shop["beta"], TODAY, amount="450")
    before = count(db, Order)
    with pytest.raises(credit.CreditWarning) as e:
        orders.create(db, None, data, today=TODAY)
    assert "1050.00" in e.value.message and "1000.00" in e.value.message
    assert "600.00" in e.value.message
    assert count(db, Order) == before
    # The person confirms: stored, and the warning is in the audit log.
    saved = orders.create(db, None, data, today=TODAY, accept_credit_warning=True)
    assert count(db, Order) == before + 1
    with db.session() as s:
        notes = s.scalars(
            select(AuditEntry.new_value).where(
                AuditEntry.entity == "order", AuditEntry.entity_id == saved.order_id
            )
        ).all()
    assert any("1050.00" in str(n) for n in notes)


def test_a_draft_is_not_checked(db: Database, shop: dict[str, int]) -> None:
    data = OrderInput(shop["beta"], TODAY, amount="5000", status=OrderStatus.DRAFT)
    assert orders.create(db, None, data, today=TODAY).check is None


def test_more_than_30_days_overdue_warns(db: Database, shop: dict[str, int]) -> None:
    # Gamma: 500.00 due 3 Mar, 59 days over on 1 May; no limit.
    with pytest.raises(credit.CreditWarning) as e:
        orders.create(db, None, OrderInput(shop["gamma"], TODAY, amount="10"), today=TODAY)
    assert "500.00" in e.value.message and "59 days" in e.value.message
    # On 20 Mar it was 17 days over: no warning.
    orders.create(
        db,
        None,
        OrderInput(shop["gamma"], dt.date(2026, 3, 20), amount="10"),
        today=dt.date(2026, 3, 20),
    )


def test_the_office_may_block_instead(db: Database, shop: dict[str, int]) -> None:
    credit.save_defaults(db, None, credit.CreditDefaults(term_days=30, block=True))
    before = count(db, Order)
    with pytest.raises(credit.CreditBlocked):
        orders.create(
            db,
            None,
            OrderInput(shop["beta"], TODAY, amount="450"),
            today=TODAY,
            accept_credit_warning=True,
        )
    assert count(db, Order) == before
    orders.create(db, None, OrderInput(shop["beta"], TODAY, amount="400"), today=TODAY)


def test_only_managers_set_the_block(db: Database) -> None:
    with db.write() as s:
        sam = User(username="sam", display_name="Sam", role=Role.SALES)
        s.add(sam)
        s.flush()
        sam_id = sam.id
    with pytest.raises(PermissionDenied):
        credit.save_defaults(db, sam_id, credit.CreditDefaults(block=True))
    with db.session() as s:
        assert s.get(Setting, credit.BLOCK_KEY) is None
        assert credit.defaults(s).block is False


def test_office_default_limit(db: Database, shop: dict[str, int]) -> None:
    # Gamma has no limit of its own: the office's 100.00 applies (owed 500 + 1 > 100).
    credit.save_defaults(db, None, credit.CreditDefaults(term_days=30, limit=D("100")))
    with db.session() as s:
        check = credit.check_order(s, shop["gamma"], D("1.00"), dt.date(2026, 3, 1))
    assert check.limit == D("100.00") and len(check.problems) == 1


@pytest.mark.parametrize(
    ("line", "field"),
    [
        (LineInput(None, "-1", "5", description="x"), "quantity"),
        (LineInput(None, "0", "5", description="x"), "quantity"),
        (LineInput(None, "1", "-5", description="x"), "unit_price"),
        (LineInput(None, "1", "5", discount_pct="120", description="x"), "discount_pct"),
        (LineInput(None, "1", "5.005", description="x"), "unit_price"),
        (LineInput(None, "1", "5", unit_cost="-1", description="x"), "unit_cost"),
        (LineInput(None, "1", "5"), "product_id"),
    ],
)
def test_bad_lines_are_refused(
    db: Database, shop: dict[str, int], line: LineInput, field: str
) -> None:
    before = count(db, Order), count(db, OrderLine)
    with pytest.raises(ValidationError) as e:
        orders.create(db, None, OrderInput(shop["beta"], TODAY, [line]), today=TODAY)
    assert e.value.field == field
    assert (count(db, Order), count(db, OrderLine)) == before


def test_a_currency_without_decimals(db: Database, shop: dict[str, int]) -> None:
    with db.write() as s:
        s.add(Setting(key="office.currency", value="JPY"))
    with pytest.raises(ValidationError) as e:
        orders.create(db, None, OrderInput(shop["gamma"], TODAY, amount="10.50"), today=TODAY)
    assert e.value.field == "amount" and "no decimals" in e.value.message


def test_returns_by_hand(db: Database, shop: dict[str, int]) -> None:
    saved = orders.create(
        db,
        None,
        OrderInput(
            shop["beta"],
            dt.date(2026, 4, 30),
            [LineInput(shop["diesel"], "40.5", discount_pct="2")],
        ),
        today=TODAY,
    )
    with db.session() as s:
        (line,) = s.get(Order, saved.order_id).lines
        line_id = line.id
    # Half the diesel back: 297.68 × 20.25 / 40.5 = 148.84; cost 275.40 / 2 = 137.70.
    rid = orders.add_return(
        db, None, saved.order_id, TODAY, lines=[ReturnLineInput(line_id, "20.25")], reason="错加"
    )
    with db.session() as s:
        r = s.get(Return, rid)
        assert (r.amount, r.cost) == (D("148.84"), D("137.70"))
        assert orders.return_figures(s, shop["beta"]) == (1, D("148.84"))
    # 20.25 L left: 20.26 is more than was bought less what came back.
    with pytest.raises(ValidationError) as e:
        orders.add_return(
            db, None, saved.order_id, TODAY, lines=[ReturnLineInput(line_id, "20.26")]
        )
    assert e.value.field == "quantity"
    with pytest.raises(ValidationError) as e:
        orders.add_return(db, None, saved.order_id, TODAY, lines=[ReturnLineInput(line_id, "-1")])
    assert e.value.field == "quantity"
    assert count(db, Return) == 1


def test_a_return_of_an_amount(db: Database, shop: dict[str, int]) -> None:
    with db.session() as s:
        oid = s.scalar(select(Order.id).where(Order.customer_id == shop["beta"]))
    orders.add_return(db, None, oid, TODAY, amount="100")
    with pytest.raises(ValidationError) as e:  # 500.00 left of 600.00
        orders.add_return(db, None, oid, TODAY, amount="500.01")
    assert e.value.field == "amount"
    with pytest.raises(ValidationError) as e:
        orders.add_return(db, None, oid, dt.date(2026, 4, 9), amount="1")
    assert e.value.field == "return_date"
    assert count(db, Return) == 1


def test_payments(db: Database, shop: dict[str, int]) -> None:
    orders.add_payment(db, None, shop["beta"], dt.date(2026, 1, 1), "99.90")
    for day, amount, field in (
        (dt.date(2025, 12, 31), "10", "paid_on"),  # before Beta existed
        (TODAY, "-10", "amount"),
        (TODAY, "0", "amount"),
        (TODAY, "1.001", "amount"),
    ):
        with pytest.raises(ValidationError) as e:
            orders.add_payment(db, None, shop["beta"], day, amount)
        assert e.value.field == field
    assert count(db, Payment) == 1


def test_credit_terms(db: Database, shop: dict[str, int]) -> None:
    changed = credit.set_terms(
        db,
        None,
        shop["gamma"],
        credit.TermsInput(limit="20000", term_days="45", statement_day="25", payment_terms="月结"),
    )
    assert set(changed) == {"credit_limit", "credit_term_days", "statement_day", "payment_terms"}
    with db.session() as s:
        t = credit.terms(s, shop["gamma"])
    assert (t.limit, t.term_days, t.statement_day, t.payment_terms) == (
        D("20000.00"),
        45,
        25,
        "月结",
    )
    for data, field in (
        (credit.TermsInput(limit="-1"), "credit_limit"),
        (credit.TermsInput(term_days="400"), "credit_term_days"),
        (credit.TermsInput(statement_day="32"), "statement_day"),
    ):
        with pytest.raises(ValidationError) as e:
            credit.set_terms(db, None, shop["gamma"], data)
        assert e.value.field == field
    with db.session() as s:
        assert credit.terms(s, shop["gamma"]).limit == D("20000.00")  # nothing stored


def test_last_three_purchases_with_their_products(db: Database, shop: dict[str, int]) -> None:
    from app.services import customer_file, front_desk

    def order(day: int, *lines: LineInput, **kw: object) -> int:
        data = OrderInput(shop["beta"], dt.date(2026, 4, day), list(lines), **kw)  # type: ignore[arg-type]
        return orders.create(db, None, data, accept_credit_warning=True, today=TODAY).order_id

    diesel = LineInput(shop["diesel"], "10")
    wash = LineInput(None, 1, "30", description="洗车")
    order(20, diesel, wash)
    order(22, wash, wash)  # the same thing twice: named once
    order(25, diesel, status=OrderStatus.DRAFT)  # a draft is no purchase
    order(21, diesel)
    with db.session() as s:
        bought = orders.last_purchases(s, shop["beta"])
        assert [(p.date.day, p.products) for p in bought] == [
            (22, ["洗车"]),
            (21, ["0# 柴油"]),
            (20, ["0# 柴油", "洗车"]),
        ]
        card = front_desk.card(s, shop["beta"])
        assert card.purchase_products == [p.products for p in bought]
        assert [d.day for d, _a in card.last_purchases] == [22, 21, 20]
        money = customer_file.load(s, shop["beta"]).money
        assert money is not None and [p.date.day for p in money.purchases] == [22, 21, 20]
        assert money.returns == 0


def test_a_user_who_may_not_see_figures_sells_without_them(
    db: Database, shop: dict[str, int]
) -> None:
    """The order is stored with the product's cost, but the save hands back no cost or
    margin, and the credit warnings name no figures (the audit log keeps them)."""
    with db.write() as s:
        desk = User(username="desk", display_name="Desk", role=Role.SALES)
        desk.may_see_financials = False
        s.add(desk)
        s.flush()
        for cid in (shop["beta"], shop["gamma"]):
            s.get(Customer, cid).owner_id = desk.id
        uid = desk.id
    saved = orders.create(
        db, uid, OrderInput(shop["beta"], TODAY, [LineInput(shop["diesel"], "10")]), today=TODAY
    )
    assert (saved.amount, saved.cost, saved.margin) == (D("75.00"), None, None)
    with db.session() as s:
        assert s.get(Order, saved.order_id).cost == D("68.00")  # 10 × 6.80, filled in
    # Owes 675.00; 450.00 more is over the 1,000.00 limit.
    with pytest.raises(credit.CreditWarning) as e:
        orders.create(db, uid, OrderInput(shop["beta"], TODAY, amount="450"), today=TODAY)
    assert "credit limit" in e.value.message
    assert not any(f in e.value.message for f in ("1125", "1000", "675", "450"))
    with pytest.raises(credit.CreditWarning) as e:
        orders.create(db, uid, OrderInput(shop["gamma"], TODAY, amount="10"), today=TODAY)
    assert "59 days" in e.value.message and "500" not in e.value.message
    saved = orders.create(
        db,
        uid,
        OrderInput(shop["beta"], TODAY, amount="450"),
        today=TODAY,
        accept_credit_warning=True,
    )
    assert saved.check is not None and saved.check.owed is None and saved.check.limit is None
    with db.session() as s:
        notes = s.scalars(
            select(AuditEntry.new_value).where(
                AuditEntry.entity == "order", AuditEntry.entity_id == saved.order_id
            )
        ).all()
    assert any("1125.00" in str(n) for n in notes)

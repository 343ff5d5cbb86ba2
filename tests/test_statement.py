"""The statement of account and credit ageing on a hand-built customer whose figures are
worked out by hand below; the workbook loads back with typed cells and agrees with the
JSON of the command line."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from app import cli
from app.db import Database
from app.errors import PermissionDenied, ValidationError
from app.models import Customer, Order, Payment, Return, Setting, User
from app.models.enums import OrderStatus, Role
from app.services import credit, statement

D = Decimal
FEB, MAR_END = dt.date(2026, 2, 1), dt.date(2026, 3, 31)


@pytest.fixture
def acme(db: Database) -> int:
    """Acme (number C1), 30 days' credit, owned by Ana.

    Orders: O1 10 Jan 1,000.00 (due 9 Feb); O2 5 Feb 500.00 (due 7 Mar); O3 20 Feb 300.00
    cancelled and O4 1 Mar 200.00 draft (neither counts); O5 10 Mar 400.00 (due 9 Apr);
    O7 12 Mar 999.00 deleted (does not count); O6 5 Apr 250.00 (due 5 May).
    Return R1 10 Feb 100.00 against O2. Payments: 20 Jan 300.00; 15 Feb 600.00 (a part of
    what was owed); 2 Apr 100.00.

    Statement 1 Feb – 31 Mar (starting mid-way):
    - opening (to 31 Jan): 1,000.00 − 300.00 = 700.00
    - 5 Feb order O2 +500.00 → 1,200.00
    - 10 Feb return O2 −100.00 → 1,100.00
    - 15 Feb payment −600.00 → 500.00
    - 10 Mar order O5 +400.00 → 900.00
    - closing 900.00 (= 700 + 500 − 100 − 600 + 400)
    - overdue on 31 Mar: the 900.00 owed lies on the newest orders: O5 400.00 (due 9 Apr,
      not yet due), O2 500.00 (due 7 Mar, 24 days overdue) → overdue 500.00.
    """
    with db.write() as s:
        ana = User(username="ana", display_name="Ana", role=Role.SALES)
        s.add(ana)
        s.flush()
        c = Customer(
            number="C1",
            name="Acme 汽车服务",
            owner_id=ana.id,
            credit_term_days=30,
            created_at=dt.datetime(2025, 12, 1, tzinfo=dt.UTC),
        )
        s.add(c)
        s.flush()

        def order(number: str, day: dt.date, amount: str, **kw: object) -> Order:
            o = Order(customer_id=c.id, number=number, order_date=day, amount=D(amount), **kw)
            s.add(o)
            s.flush()
            return o

        order("O1", dt.date(2026, 1, 10), "1000.00")
        o2 = order("O2", dt.date(2026, 2, 5), "500.00")
        order("O3", dt.date(2026, 2, 20), "300.00", status=OrderStatus.CANCELLED)
        order("O4", dt.date(2026, 3, 1), "200.00", status=OrderStatus.DRAFT)
        order("O5", dt.date(2026, 3, 10), "400.00")
        order(
            "O7",
            dt.date(2026, 3, 12),
            "999.00",
            deleted_at=dt.datetime(2026, 3, 13, tzinfo=dt.UTC),
        )
        order("O6", dt.date(2026, 4, 5), "250.00")
        s.add(
            Return(
                order_id=o2.id,
                customer_id=c.id,
                return_date=dt.date(2026, 2, 10),
                amount=D("100.00"),
                reason="坏了",
            )
        )
        for day, amount in (
            (dt.date(2026, 1, 20), "300.00"),
            (dt.date(2026, 2, 15), "600.00"),
            (dt.date(2026, 4, 2), "100.00"),
        ):
            s.add(Payment(customer_id=c.id, paid_on=day, amount=D(amount)))
        s.add(Setting(key="office.name", value="东方加油站"))
        return c.id


def test_statement_by_hand(db: Database, acme: int) -> None:
    st = statement.statement(db, None, "C1", FEB, MAR_END)
    assert st.opening == D("700.00")
    assert [(ln.date.day, ln.kind, ln.ref, ln.amount, ln.balance) for ln in st.lines] == [
        (5, "order", "O2", D("500.00"), D("1200.00")),
        (10, "return", "O2", D("-100.00"), D("1100.00")),
        (15, "payment", "", D("-600.00"), D("500.00")),
        (10, "order", "O5", D("400.00"), D("900.00")),
    ]
    assert st.closing == D("900.00")
    assert st.opening + sum(ln.amount for ln in st.lines) == st.closing
    assert st.overdue == D("500.00")
    (o2,) = st.overdue_orders
    assert (o2.ref, o2.due, o2.open, o2.days) == ("O2", dt.date(2026, 3, 7), D("500.00"), 24)
    assert st.total("order") == D("900.00")
    assert st.total("return") == D("-100.00")
    assert st.total("payment") == D("-600.00")


def test_closing_is_what_balance_says_is_owed(db: Database, acme: int) -> None:
    # From the customer's first day to a day after everything: the closing balance is
    # balance.totals' "owed": 1,000 + 500 + 400 + 250 − 100 − (300 + 600 + 100) = 1,050.
    from app.services import balance

    st = statement.statement(db, None, acme, dt.date(2025, 12, 1), dt.date(2026, 12, 31))
    assert st.opening == D("0.00")
    with db.session() as s:
        assert st.closing == balance.totals(s, acme).owed == D("1050.00")


def test_same_day_orders_come_before_payments(db: Database, acme: int) -> None:
    # A payment on 10 Mar, the day of O5: the order first (500 + 400 = 900), then the
    # payment (900 − 50 = 850).
    with db.write() as s:
        s.add(Payment(customer_id=acme, paid_on=dt.date(2026, 3, 10), amount=D("50.00")))
    st = statement.statement(db, None, acme, dt.date(2026, 3, 1), MAR_END)
    assert st.opening == D("500.00")
    assert [(ln.kind, ln.balance) for ln in st.lines] == [
        ("order", D("900.00")),
        ("payment", D("850.00")),
    ]


def test_ageing_by_due_date(db: Database, acme: int) -> None:
    # On 15 May owed 1,050.00 lies on the newest orders: O6 250.00 (due 5 May, 10 days
    # over), O5 400.00 (due 9 Apr, 36 days), 400.00 of O2 (due 7 Mar, 69 days).
    with db.session() as s:
        aged = credit.aging(s, acme, dt.date(2026, 5, 15))
        assert aged.buckets == (D("0.00"), D("250.00"), D("400.00"), D("400.00"), D("0.00"))
        assert aged.total == D("1050.00")
        assert aged.overdue == D("1050.00")
        assert aged.oldest_days == 69
        # On 31 Mar: O5 400.00 not yet due, O2 500.00 24 days over.
        aged = credit.aging(s, acme, MAR_END)
        assert aged.buckets == (D("400.00"), D("500.00"), D("0.00"), D("0.00"), D("0.00"))


def test_office_default_term_and_stored_due_date(db: Database, acme: int) -> None:
    # Without a term of its own the customer takes the office's (45 days): O2 (5 Feb) is
    # due 22 Mar, 9 days over on 31 Mar. An order's stored due date wins over the term.
    with db.write() as s:
        s.get(Customer, acme).credit_term_days = None
        s.add(Setting(key=credit.TERM_KEY, value=45))
    st = statement.statement(db, None, acme, FEB, MAR_END)
    assert st.term_days == 45
    assert [(o.ref, o.days) for o in st.overdue_orders] == [("O2", 9)]
    with db.write() as s:
        o5 = s.query(Order).filter_by(number="O5").one()
        o5.due_date = dt.date(2026, 3, 20)
    st = statement.statement(db, None, acme, FEB, MAR_END)
    assert [(o.ref, o.days) for o in st.overdue_orders] == [("O2", 9), ("O5", 11)]
    assert st.overdue == D("900.00")


def test_bad_periods_and_unknown_customer(db: Database, acme: int) -> None:
    with pytest.raises(ValidationError) as e:
        statement.statement(db, None, acme, MAR_END, FEB)
    assert e.value.field == "to"
    with pytest.raises(ValidationError):
        statement.statement(db, None, "C404", FEB, MAR_END)


def test_who_may_see_a_statement(db: Database, acme: int) -> None:
    with db.write() as s:
        bo = User(username="bo", display_name="Bo", role=Role.SALES)
        cy = User(username="cy", display_name="Cy", role=Role.MANAGER, may_see_financials=False)
        s.add_all([bo, cy])
        s.flush()
        ana = s.query(User).filter_by(username="ana").one().id
        bo_id, cy_id = bo.id, cy.id
    assert statement.statement(db, ana, acme, FEB, MAR_END).closing == D("900.00")
    with pytest.raises(PermissionDenied):
        statement.statement(db, bo_id, acme, FEB, MAR_END)  # not Bo's customer
    with pytest.raises(PermissionDenied):
        statement.statement(db, cy_id, acme, FEB, MAR_END)  # no money figures for Cy


def _cli(db: Database, *args: str) -> int:
    return cli.main(["statement", "--db", db.target, "--customer", "C1", *args])


def test_cli_json(db: Database, acme: int, capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli(db, "--from", "2026-02-01", "--to", "2026-03-31", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["opening"] == "700.00"
    assert data["closing"] == "900.00"
    assert data["overdue"] == "500.00"
    assert data["lines"][0] == {
        "date": "2026-02-05",
        "kind": "order",
        "ref": "O2",
        "amount": "500.00",
        "balance": "1200.00",
    }
    assert [ln["kind"] for ln in data["lines"]] == ["order", "return", "payment", "order"]


def test_cli_errors(db: Database, acme: int, capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli(db, "--from", "2026-03-31", "--to", "2026-02-01", "--json") == 1
    assert "before it starts" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        _cli(db, "--from", "2026-02-01", "--to", "2026-03-31")  # --out or --json
    assert (
        cli.main(
            [
                "statement",
                "--db",
                db.target,
                "--customer",
                "nobody",
                "--from",
                "2026-02-01",
                "--to",
                "2026-03-31",
                "--json",
            ]
        )
        == 1
    )
    assert "no customer" in capsys.readouterr().err


def test_workbook_loads_back_typed_and_agrees_with_the_json(
    db: Database, acme: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "对账单.xlsx"
    assert _cli(db, "--from", "2026-02-01", "--to", "2026-03-31", "--out", str(out)) == 0
    assert "closing 900.00" in capsys.readouterr().out
    assert _cli(db, "--from", "2026-02-01", "--to", "2026-03-31", "--json") == 0
    data = json.loads(capsys.readouterr().out)

    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == "东方加油站"  # the office's name at the top
    assert ws["B4"].value == dt.datetime(2026, 2, 1)  # the period, as dates
    assert ws["D4"].value == dt.datetime(2026, 3, 31)
    rows = list(ws.iter_rows(min_row=7, values_only=True))
    header, opening, *rest = rows
    assert header[:7] == ("Date", "Type", "Reference", "Detail", "Due", "Amount", "Balance")
    assert opening[1] == "Opening balance" and opening[6] == 700.0
    lines = rest[: len(data["lines"])]
    for row, line in zip(lines, data["lines"], strict=True):
        assert isinstance(row[0], dt.datetime)
        assert row[0].date().isoformat() == line["date"]
        assert isinstance(row[5], int | float) and isinstance(row[6], int | float)
        assert D(str(row[5])) == D(line["amount"])
        assert D(str(row[6])).quantize(D("0.01")) == D(line["balance"])
    closing = rest[len(data["lines"])]
    assert closing[1] == "Closing balance" and closing[6] == 900.0
    # What a person checks with SUM: opening + SUM(amounts) = closing
    assert round(opening[6] + sum(r[5] for r in lines), 2) == closing[6]
    assert ws.cell(row=9, column=5).value == dt.datetime(2026, 3, 7)  # O2's due date
    assert ws.cell(row=9, column=6).number_format != "General"
    texts = [r[0] for r in ws.iter_rows(values_only=True)]
    assert "Overdue on 2026-03-31" in texts


def test_workbook_in_chinese(db: Database, acme: int, tmp_path: Path) -> None:
    out = tmp_path / "s.xlsx"
    assert (
        _cli(db, "--from", "2026-02-01", "--to", "2026-03-31", "--out", str(out), "--lang", "zh")
        == 0
    )
    ws = openpyxl.load_workbook(out).active
    assert ws.title == "对账单"
    assert ws["A8"].value is not None
    assert ws.cell(row=8, column=2).value == "期初余额"


def test_credit_cli(db: Database, acme: int, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(
        ["credit", "--db", db.target, "--customer", "C1", "--as-of", "2026-05-15", "--json"]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["d1_30"] == "250.00" and data["d61_90"] == "400.00"
    assert data["overdue"] == "1050.00" and data["term_days"] == 30

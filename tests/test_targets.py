"""Sales targets: setting them (managers only, checked, audited), copying last month's,
spreading a year, and progress worked out by hand on a small office."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D
from pathlib import Path

import pytest

from app import cli
from app.db import Database
from app.errors import PermissionDenied, ValidationError
from app.models import (
    AuditEntry,
    Customer,
    Order,
    OrderLine,
    Payment,
    Product,
    SalesTarget,
    User,
)
from app.models.enums import OrderStatus, ProductCategory, Role
from app.services import targets
from app.services.targets import TargetInput

NOV = "2026-11"
TODAY = dt.date(2026, 11, 21)
"""Ten calendar days left in November, the 21st included."""


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), dt.UTC)


@pytest.fixture
def office(db: Database) -> dict[str, int]:
    """Ana and Bo sell, Mia manages.

    November 2026 by hand:
    - Ana's sales: A1 1,000.00 (diesel 800 + wash 200) + A2 500.00 (diesel) = 1,500.00;
      her draft A3 (300) and cancelled A4 (700) do not count, nor A5 of 31 October;
      of which fuel 800 + 500 = 1,300.00, and region West (Cora) 500.00;
    - Bo's sales: B1 250.50;
    - collections recorded by Ana 600 + 150 = 750.00 (her 999 of 30 October not);
      by Bo 100.00;
    - Ana's new customers: Acme and Cora = 2 (Dora came in October, Eve was deleted)."""
    with db.write() as s:
        ana = User(username="ana", display_name="Ana", role=Role.SALES)
        bo = User(username="bo", display_name="Bo", role=Role.SALES)
        mia = User(username="mia", display_name="Mia", role=Role.MANAGER)
        s.add_all([ana, bo, mia])
        s.flush()
        diesel = Product(name="0# 柴油", category=ProductCategory.FUEL)
        wash = Product(name="洗车", category=ProductCategory.SERVICE)
        s.add_all([diesel, wash])

        def customer(name: str, owner: User, day: dt.date, region: str, **kw: object) -> Customer:
            c = Customer(
                number=name, name=name, owner_id=owner.id, created_at=at(day), region=region, **kw
            )
            s.add(c)
            return c

        acme = customer("Acme", ana, dt.date(2026, 11, 3), "East")
        beta = customer("Beta", bo, dt.date(2025, 1, 5), "West")
        cora = customer("Cora", ana, dt.date(2026, 11, 10), "West")
        customer("Dora", ana, dt.date(2026, 10, 31), "East")
        customer("Eve", ana, dt.date(2026, 11, 5), "East", deleted_at=at(dt.date(2026, 11, 6)))
        s.flush()

        def order(c: Customer, owner: User, day: dt.date, amount: str, *lines: tuple, **kw):  # type: ignore[no-untyped-def]
            o = Order(customer_id=c.id, owner_id=owner.id, order_date=day, amount=D(amount), **kw)
            o.lines = [OrderLine(product_id=p.id, amount=D(a)) for p, a in lines]
            s.add(o)

        order(acme, ana, dt.date(2026, 11, 2), "1000.00", (diesel, "800.00"), (wash, "200.00"))
        order(cora, ana, dt.date(2026, 11, 15), "500.00", (diesel, "500.00"))
        order(
            acme, ana, dt.date(2026, 11, 16), "300.00", (diesel, "300.00"), status=OrderStatus.DRAFT
        )
        order(
            acme,
            ana,
            dt.date(2026, 11, 17),
            "700.00",
            (diesel, "700.00"),
            status=OrderStatus.CANCELLED,
        )
        order(acme, ana, dt.date(2026, 10, 31), "400.00", (diesel, "400.00"))
        order(beta, bo, dt.date(2026, 11, 3), "250.50")
        for c, who, day, amount in (
            (acme, ana, dt.date(2026, 11, 4), "600.00"),
            (cora, ana, dt.date(2026, 11, 20), "150.00"),
            (acme, ana, dt.date(2026, 10, 30), "999.00"),
            (beta, bo, dt.date(2026, 11, 5), "100.00"),
        ):
            s.add(Payment(customer_id=c.id, user_id=who.id, paid_on=day, amount=D(amount)))
        s.flush()
        return {"ana": ana.id, "bo": bo.id, "mia": mia.id}


def _set_november(db: Database, ids: dict[str, int]) -> None:
    ana, bo = ids["ana"], ids["bo"]
    targets.set_targets(
        db,
        ids["mia"],
        NOV,
        [
            TargetInput(ana, "sales", "4000"),
            TargetInput(ana, "sales", "2000", "category", "fuel"),
            TargetInput(ana, "sales", "1000", "region", "West"),
            TargetInput(ana, "collections", "1000.00"),
            TargetInput(ana, "new_customers", 5),
            TargetInput(bo, "sales", "500"),
        ],
    )


def _row(m: targets.Measured) -> tuple:
    return (m.measure, m.dimension, m.dimension_value, m.target, m.actual, m.share, m.per_day)


def test_progress_by_hand(db: Database, office: dict[str, int]) -> None:
    _set_november(db, office)
    with db.session() as s:
        prog = targets.progress(s, office["mia"], NOV, TODAY)
    assert prog.days_left == 10
    ana = prog.person(office["ana"])
    assert ana is not None
    assert [_row(m) for m in ana.measures] == [
        # 1,500 of 4,000: 2,500 missing over 10 days
        ("sales", "", "", D("4000.00"), D("1500.00"), 0.375, D("250.00")),
        ("collections", "", "", D("1000.00"), D("750.00"), 0.75, D("25.00")),
        ("new_customers", "", "", D("5"), D("2"), 0.4, D("0.3")),
        ("sales", "category", "fuel", D("2000.00"), D("1300.00"), 0.65, D("70.00")),
        ("sales", "region", "West", D("1000.00"), D("500.00"), 0.5, D("50.00")),
    ]
    bo = prog.person(office["bo"])
    assert bo is not None
    assert [_row(m) for m in bo.measures] == [
        ("sales", "", "", D("500.00"), D("250.50"), 0.501, D("24.95")),
        ("collections", "", "", None, D("100.00"), None, None),
        ("new_customers", "", "", None, D("0"), None, None),
    ]
    # Mia manages and sells too: a line of blanks
    assert [p.name for p in prog.people] == ["Ana", "Bo", "Mia"]
    assert prog.office is not None
    assert [_row(m)[3:5] for m in prog.office.measures] == [
        (D("4500.00"), D("1750.50")),
        (D("1000.00"), D("850.00")),
        (D("5"), D("2")),
    ]
    data = prog.as_dict()
    assert data["salespeople"][0]["measures"][0] == {
        "measure": "sales",
        "dimension": "",
        "dimension_value": "",
        "target": "4000.00",
        "actual": "1500.00",
        "share": 0.375,
        "missing": "2500.00",
        "needed_per_day": "250.00",
    }


def test_pace_in_past_and_future_months(db: Database, office: dict[str, int]) -> None:
    _set_november(db, office)
    with db.session() as s:
        done = targets.progress(s, None, NOV, dt.date(2026, 12, 3))
        ahead = targets.progress(s, None, NOV, dt.date(2026, 10, 20))
    assert done.days_left == 0 and done.people[0].measures[0].per_day is None
    assert ahead.days_left == 30
    assert ahead.people[0].measures[0].per_day == D("83.33")  # 2,500 / 30


def test_a_salesperson_sees_only_their_own(db: Database, office: dict[str, int]) -> None:
    _set_november(db, office)
    with db.session() as s:
        prog = targets.progress(s, office["bo"], NOV, TODAY)
        rows = targets.targets(s, office["bo"], NOV)
        everyone = targets.targets(s, office["mia"], NOV)
    assert [p.name for p in prog.people] == ["Bo"] and prog.office is None
    assert [(t.name, t.measure, t.target) for t in rows] == [("Bo", "sales", D("500.00"))]
    assert len(everyone) == 6


def test_money_hidden_from_who_may_not_see_it(db: Database, office: dict[str, int]) -> None:
    _set_november(db, office)
    with db.write() as s:
        s.get(User, office["ana"]).may_see_financials = False  # type: ignore[union-attr]
    with db.session() as s:
        prog = targets.progress(s, office["ana"], NOV, TODAY)
    assert [m.measure for m in prog.people[0].measures] == ["new_customers"]


def test_only_managers_set_targets_and_values_are_checked(
    db: Database, office: dict[str, int]
) -> None:
    ana, mia = office["ana"], office["mia"]
    with pytest.raises(PermissionDenied):
        targets.set_target(db, ana, ana, NOV, "sales", "100")
    for measure, value in (
        ("sales", "-1"),
        ("sales", "1.005"),
        ("sales", "lots"),
        ("new_customers", "1.5"),
        ("profit", "1"),
    ):
        with pytest.raises(ValidationError):
            targets.set_target(db, mia, ana, NOV, measure, value)
    with pytest.raises(ValidationError):
        targets.set_target(db, mia, ana, "2026-13", "sales", "1")
    with pytest.raises(ValidationError):
        targets.set_target(db, mia, ana, NOV, "collections", "1", "category", "fuel")
    with pytest.raises(ValidationError):
        targets.set_target(db, mia, ana, NOV, "sales", "1", "category", "rockets")
    with db.session() as s:
        assert s.query(SalesTarget).count() == 0


def test_changes_are_audited_and_blank_clears(db: Database, office: dict[str, int]) -> None:
    ana, mia = office["ana"], office["mia"]
    assert targets.set_target(db, mia, ana, NOV, "sales", "100") == 1
    assert targets.set_target(db, mia, ana, NOV, "sales", "100.00") == 0
    assert targets.set_target(db, mia, ana, NOV, "sales", "250") == 1
    assert targets.set_target(db, mia, ana, NOV, "sales", "") == 1
    with db.session() as s:
        assert s.query(SalesTarget).count() == 0
        log = [
            (e.action.value, e.old_value, e.new_value, e.user_id)
            for e in s.query(AuditEntry)
            .filter(AuditEntry.entity == "sales_target")
            .order_by(AuditEntry.id)
        ]
    assert log == [
        ("create", None, "100.00", mia),
        ("update", "100.00", "250.00", mia),
        ("delete", "250.00", None, mia),
    ]


def test_copy_last_month_keeps_what_is_set(db: Database, office: dict[str, int]) -> None:
    ana, bo, mia = office["ana"], office["bo"], office["mia"]
    targets.set_targets(
        db, mia, "2026-10", [TargetInput(ana, "sales", "900"), TargetInput(bo, "sales", "800")]
    )
    targets.set_target(db, mia, ana, NOV, "sales", "1200")
    assert targets.copy_last_month(db, mia, NOV) == 1
    with db.session() as s:
        got = {(t.name, t.target) for t in targets.targets(s, None, NOV)}
    assert got == {("Ana", D("1200.00")), ("Bo", D("800.00"))}
    assert targets.copy_last_month(db, mia, NOV, overwrite=True) == 1
    with db.session() as s:
        got = {(t.name, t.target) for t in targets.targets(s, None, NOV)}
    assert got == {("Ana", D("900.00")), ("Bo", D("800.00"))}


def test_spread_a_year_evenly_adds_up(db: Database, office: dict[str, int]) -> None:
    months = targets.spread_year(db, office["mia"], office["ana"], 2027, "sales", "100000")
    # 100,000.00 / 12 = 8,333.33 and 4 cents over: one each to January–April
    assert [v for _, v in months] == [D("8333.34")] * 4 + [D("8333.33")] * 8
    assert sum(v for _, v in months) == D("100000.00")
    counts = targets.spread_year(db, None, office["ana"], 2027, "new_customers", 30)
    assert [v for _, v in counts] == [D(3)] * 6 + [D(2)] * 6


def test_spread_by_last_year(db: Database, office: dict[str, int]) -> None:
    # Ana's 2026: October 400, November 1,500 (the others nothing): 400 : 1,500 of 1,000.01
    months = dict(
        targets.spread_year(
            db, office["mia"], office["ana"], 2027, "sales", "1000.01", how="last_year"
        )
    )
    # 1,000.01 × 4/19 = 210.528… → 210.52 and × 15/19 = 789.481… → 789.48: a cent
    # over, to the first month (January, which had nothing)
    assert months[dt.date(2027, 10, 1)] == D("210.52")
    assert months[dt.date(2027, 11, 1)] == D("789.48")
    assert months[dt.date(2027, 1, 1)] == D("0.01")
    assert sum(months.values()) == D("1000.01")


def test_split_parts() -> None:
    assert targets.split(D("10"), [0, 0, 0], D(1)) == [D(4), D(3), D(3)]
    assert targets.split(D("1.00"), [1, 1, 1], D("0.01")) == [D("0.34"), D("0.33"), D("0.33")]


def test_cli_report_and_set(
    db: Database, office: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    target = str(db.target)
    assert (
        cli.main(
            [
                "targets",
                "set",
                "--db",
                target,
                "--user",
                "mia",
                "--user-name",
                "ana",
                "--month",
                NOV,
                "--sales",
                "4000",
                "--new-customers",
                "5",
            ]
        )
        == 0
    )
    assert (
        cli.main(
            [
                "targets",
                "set",
                "--db",
                target,
                "--user-name",
                "ana",
                "--month",
                NOV,
                "--sales",
                "2000",
                "--category",
                "fuel",
            ]
        )
        == 0
    )
    assert (
        cli.main(
            [
                "targets",
                "set",
                "--db",
                target,
                "--user",
                "ana",
                "--user-name",
                "ana",
                "--month",
                NOV,
                "--sales",
                "1",
            ]
        )
        != 0
    )
    capsys.readouterr()
    assert cli.main(["report", "targets", "--db", target, "--month", NOV, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["month"] == NOV
    ana = data["salespeople"][0]
    assert ana["name"] == "Ana"
    assert [(m["measure"], m["target"], m["actual"]) for m in ana["measures"]] == [
        ("sales", "4000.00", "1500.00"),
        ("collections", None, "750.00"),
        ("new_customers", "5", "2"),
        ("sales", "2000.00", "1300.00"),
    ]
    assert ana["measures"][0]["share"] == 0.375
    assert cli.main(["report", "targets", "--db", target, "--month", NOV]) == 0
    assert "Ana" in capsys.readouterr().out


def test_workbook_targets_sheet(db: Database, office: dict[str, int], tmp_path: Path) -> None:
    import openpyxl

    from app.services import monthly

    _set_november(db, office)
    out = monthly.make_workbook(db, None, NOV, tmp_path / "nov.xlsx", lang="en", today=TODAY)
    ws = openpyxl.load_workbook(out)["Targets"]
    assert [c.value for c in ws[1]] == [
        "Salesperson",
        "Sales: target",
        "Sales: actual",
        "Sales: reached",
        "Collections: target",
        "Collections: actual",
        "Collections: reached",
        "New customers: target",
        "New customers: actual",
        "New customers: reached",
    ]
    assert [c.value for c in ws[2]] == ["Ana", 4000, 1500, 0.375, 1000, 750, 0.75, 5, 2, 0.4]
    assert [c.value for c in ws[3]][:4] == ["Bo", 500, 250.5, 0.501]
    assert ws["D2"].number_format == "0.0%" and ws["H2"].number_format == "0"
    total = [1000, 850, 0.85, 5, 2, 0.4]
    assert [c.value for c in ws[5]] == ["Total", 4500, 1750.5, pytest.approx(0.389), *total]
    assert ws["A5"].font.bold
    # narrowed targets under the table
    assert [c.value for c in ws[8]][:7] == [
        "Salesperson",
        "Figure",
        "Narrowed by",
        "Category or region",
        "Target",
        "Actual",
        "Reached",
    ]
    assert [c.value for c in ws[9]][:7] == [
        "Ana",
        "Sales",
        "Product category",
        "Fuel",
        2000,
        1300,
        0.65,
    ]
    assert [c.value for c in ws[10]][:7] == ["Ana", "Sales", "Region", "West", 1000, 500, 0.5]
    zh = openpyxl.load_workbook(
        monthly.make_workbook(db, None, NOV, tmp_path / "zh.xlsx", lang="zh", today=TODAY)
    )
    assert zh.sheetnames[2] == "销售目标" and zh["销售目标"]["B1"].value == "销售额目标"


def test_today_targets(db: Database, office: dict[str, int]) -> None:
    _set_november(db, office)
    ana, bo, mia = office["ana"], office["bo"], office["mia"]
    with db.session() as s:
        mine = targets.for_today(s, ana, TODAY)
        office_view = targets.for_today(s, mia, TODAY, "all")
        bos = targets.for_today(s, mia, TODAY, bo)
        with pytest.raises(PermissionDenied):
            targets.for_today(s, ana, TODAY, "all")
        with pytest.raises(PermissionDenied):
            targets.for_today(s, ana, TODAY, bo)
        managers = targets.for_today(s, mia, TODAY)  # none of her own: the office's
        nothing = targets.for_today(s, ana, dt.date(2026, 12, 3))
    assert mine.name == "Ana" and mine.days_left == 10
    assert [(m.measure, m.target, m.actual, m.per_day) for m in mine.measures] == [
        ("sales", D("4000.00"), D("1500.00"), D("250.00")),
        ("collections", D("1000.00"), D("750.00"), D("25.00")),
        ("new_customers", D(5), D(2), D("0.3")),
    ]
    assert office_view.user_id is None
    assert [m.actual for m in office_view.measures] == [D("1750.50"), D("850.00"), D(2)]
    assert bos.name == "Bo" and bos.measures[0].share == 0.501
    assert managers.user_id is None and managers.measures[0].target == D("4500.00")
    assert nothing.name == "Ana" and not nothing.any_set and mine.any_set


def test_today_command_has_the_targets(
    db: Database, office: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    _set_november(db, office)
    args = ["today", "--db", str(db.target), "--user", "ana", "--date", "2026-11-21"]
    assert cli.main([*args, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)["targets"]
    assert data["name"] == "Ana" and data["days_left"] == 10
    assert data["measures"][2]["missing"] == "3"
    assert cli.main(args) == 0
    assert "sales: 1,500.00 of 4,000.00 (37.5 %, 250.00 a day needed)" in capsys.readouterr().out


def test_salesperson_report_has_the_months_targets(db: Database, office: dict[str, int]) -> None:
    from app.services import salespeople

    _set_november(db, office)
    with db.session() as s:
        month = salespeople.activity_report(s, salespeople.period_of("month", TODAY))
        week = salespeople.activity_report(s, salespeople.period_of("week", TODAY))
        own = salespeople.activity_report(
            s, salespeople.period_of("month", TODAY), [office["bo"]], user_id=office["bo"]
        )
    assert week.targets is None and "targets" not in week.as_dict()["salespeople"][0]
    assert month.targets is not None
    ana = month.targets[office["ana"]]
    assert [(k, m.target, m.share) for k, m in ana.items()] == [
        ("sales", D("4000.00"), 0.375),
        ("collections", D("1000.00"), 0.75),
        ("new_customers", D(5), 0.4),
    ]
    line = next(x for x in month.as_dict()["salespeople"] if x["name"] == "Ana")
    assert line["targets"]["sales"]["share"] == 0.375
    assert own.targets is not None and list(own.targets) == [office["bo"]]


def test_cli_copy_spread_and_clear(
    db: Database, office: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--db", str(db.target), "--user", "mia"]
    assert cli.main(["targets", "set", *base, "--user-name", "bo", "--month", "2026-10",
                     "--collections", "700"]) == 0  # fmt: skip
    assert cli.main(["targets", "copy", *base, "--month", NOV]) == 0
    assert "copied 1 target(s) into 2026-11" in capsys.readouterr().out
    assert cli.main(["targets", "set", *base, "--user-name", "bo", "--month", NOV,
                     "--collections", ""]) == 0  # fmt: skip
    args = ["--user-name", "ana", "--year", "2027", "--measure", "sales", "--total", "1200.12"]
    assert cli.main(["targets", "spread", *base, *args]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-12] == "2027-01         100.01" and out[-1] == "2027-12         100.01"
    with db.session() as s:
        assert targets.targets(s, None, NOV) == []
        assert len(targets.targets(s, None, "2027-05")) == 1
    assert cli.main(["report", "targets", "--db", str(db.target), "--user", "bo",
                     "--month", NOV, "--json"]) == 0  # fmt: skip
    assert [p["name"] for p in json.loads(capsys.readouterr().out)["salespeople"]] == ["Bo"]


def test_cli_spread_narrowed_and_activity_text(
    db: Database, office: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--db", str(db.target)]
    args = ["--user-name", "ana", "--year", "2027", "--measure", "sales", "--total", "120"]
    assert cli.main(["targets", "spread", *base, *args, "--category", "fuel"]) == 0
    assert cli.main(["targets", "spread", *base, *args, "--category", "x", "--region", "y"]) == 2
    with db.session() as s:
        rows = targets.targets(s, None, "2027-03")
    assert [(t.dimension, t.dimension_value, t.target) for t in rows] == [
        ("category", "fuel", D("10.00"))
    ]
    _set_november(db, office)
    capsys.readouterr()
    assert cli.main(["report", "activity", *base, "--period", "month", "--date", "2026-11-21"]) == 0
    out = capsys.readouterr().out
    assert "Ana              sales 37.5 % (4,000.00), collections 75.0 % (1,000.00)" in out

"""The manager's monthly workbook on a hand-built office whose March 2026 figures are
worked out by hand below; the workbook's sheets agree with each other, with the figures
and with ``export`` of the same month."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from app import cli
from app.db import Database
from app.errors import PermissionDenied, ValidationError
from app.models import Activity, Customer, Deal, Order, Payment, Pipeline, Stage, User
from app.models.enums import ActivityKind, DealStatus, OrderStatus, ReasonCategory, Role
from app.reports import monthly_workbook
from app.services import monthly

TODAY = dt.date(2026, 4, 10)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), dt.UTC)


@pytest.fixture
def office(db: Database) -> dict[str, int]:
    """Ana and Bo; Acme (Ana's, new in March), Beta (Bo's), Gamma (lost in March).

    March 2026 by hand:
    - sales: Acme 1,000.00 (Ana) + Beta 500.50 (Bo) = 1,500.50 in 2 orders, 2 buyers;
      Beta's cancelled 999 and Acme's draft 50 do not count;
    - collections: Bo's 400.00 from Beta;
    - new customers 1 (Acme), lost 1 (Gamma, a competitor's offer);
    - activities: Ana 2 calls, Bo 1 visit = 3 (Bo's February call is February's);
    - deals: Ana won 1 (final 1,800.00), Bo lost 1 (competitor);
    - owed on 31 March: Acme 1,000 + 200 (March 2025) = 1,200.00, of which 1,000 is 0–30
      days and 200 over 90; Beta 500.50 + 300 − 400 = 400.50, all on its newest order
      (20 March): 0–30 days. Total 1,600.50.
    February: sales 300.00 (1 order); March 2025: sales 200.00."""
    with db.write() as s:
        ana = User(username="ana", display_name="Ana")
        bo = User(username="bo", display_name="Bo")
        s.add_all([ana, bo])
        s.flush()
        acme = Customer(
            number="C1", name="Acme", owner_id=ana.id, created_at=at(dt.date(2026, 3, 2))
        )
        beta = Customer(
            number="C2", name="Beta", owner_id=bo.id, created_at=at(dt.date(2025, 1, 5))
        )
        gamma = Customer(
            number="C3",
            name="Gamma",
            owner_id=bo.id,
            created_at=at(dt.date(2024, 6, 1)),
            lost_at=dt.date(2026, 3, 15),
            lost_reason=ReasonCategory.COMPETITOR,
            lost_reason_text="cheaper diesel next door",
        )
        s.add_all([acme, beta, gamma])
        s.flush()

        def order(
            c: Customer, owner: User, day: tuple[int, int, int], amount: str, **kw: object
        ) -> None:
            s.add(
                Order(
                    customer_id=c.id,
                    owner_id=owner.id,
                    order_date=dt.date(*day),
                    amount=Decimal(amount),
                    **kw,
                )
            )

        order(acme, ana, (2026, 3, 5), "1000.00")
        order(beta, bo, (2026, 3, 20), "500.50")
        order(beta, bo, (2026, 3, 21), "999", status=OrderStatus.CANCELLED)
        order(acme, ana, (2026, 3, 22), "50", status=OrderStatus.DRAFT)
        order(beta, bo, (2026, 2, 10), "300")
        order(acme, ana, (2025, 3, 15), "200")
        s.add(
            Payment(
                customer_id=beta.id,
                user_id=bo.id,
                paid_on=dt.date(2026, 3, 25),
                amount=Decimal(400),
            )
        )
        for user, kind, day in (
            (ana, ActivityKind.CALL, dt.date(2026, 3, 3)),
            (ana, ActivityKind.CALL, dt.date(2026, 3, 31)),
            (bo, ActivityKind.VISIT, dt.date(2026, 3, 10)),
            (bo, ActivityKind.CALL, dt.date(2026, 2, 28)),
        ):
            s.add(Activity(customer_id=beta.id, user_id=user.id, kind=kind, occurred_at=at(day)))
        p = Pipeline(name="Sales", is_default=True)
        s.add(p)
        s.flush()
        won = Stage(pipeline_id=p.id, key="won", name="Won", probability=100, is_won=True)
        lost = Stage(pipeline_id=p.id, key="lost", name="Lost", probability=0, is_lost=True)
        s.add_all([won, lost])
        s.flush()
        s.add_all(
            [
                Deal(
                    customer_id=acme.id,
                    pipeline_id=p.id,
                    stage_id=won.id,
                    owner_id=ana.id,
                    title="fleet cards",
                    amount=Decimal(2000),
                    won_amount=Decimal(1800),
                    status=DealStatus.WON,
                    stage_entered_at=at(dt.date(2026, 3, 12)),
                    closed_at=at(dt.date(2026, 3, 12)),
                ),
                Deal(
                    customer_id=gamma.id,
                    pipeline_id=p.id,
                    stage_id=lost.id,
                    owner_id=bo.id,
                    title="lubricants",
                    amount=Decimal(700),
                    status=DealStatus.LOST,
                    lost_reason=ReasonCategory.COMPETITOR,
                    stage_entered_at=at(dt.date(2026, 3, 14)),
                    closed_at=at(dt.date(2026, 3, 14)),
                ),
            ]
        )
        return {"ana": ana.id, "bo": bo.id, "acme": acme.id, "beta": beta.id}


def test_month_figures_by_hand(db: Database, office: dict[str, int]) -> None:
    with db.session() as s:
        m = monthly.build(s, "2026-03", TODAY)
    k = m.this
    assert (k.sales, k.orders, k.buyers) == (Decimal("1500.50"), 2, 2)
    assert k.collections == Decimal("400.00")
    assert (k.new_customers, k.lost_customers, k.activities) == (1, 1, 3)
    assert (k.deals_won, k.won_amount, k.deals_lost) == (1, Decimal("1800.00"), 1)
    assert k.receivables == Decimal("1600.50")
    assert (m.previous.sales, m.previous.orders, m.previous.activities) == (
        Decimal("300.00"),
        1,
        1,
    )
    assert m.last_year.sales == Decimal("200.00")
    people = {p.name: p for p in m.people}
    assert (people["Ana"].sales, people["Ana"].orders, people["Ana"].activities) == (
        Decimal("1000.00"),
        1,
        2,
    )
    assert people["Ana"].by_kind == {"call": 2}
    assert (people["Bo"].sales, people["Bo"].collections) == (Decimal("500.50"), Decimal(400))
    assert (people["Ana"].deals_won, people["Ana"].won_amount) == (1, Decimal("1800.00"))
    aged = {r.number: r.buckets for r in m.receivables.rows}
    assert aged == {
        "C1": (Decimal("1000.00"), Decimal(0), Decimal(0), Decimal("200.00")),
        "C2": (Decimal("400.50"), Decimal(0), Decimal(0), Decimal(0)),
    }
    assert [c.number for c in m.new] == ["C1"]
    assert [(c.number, c.reason) for c in m.lost] == [("C3", "competitor")]
    assert m.pipeline.lost_by_reason["competitor"] == 1
    months = {d: (now, before) for d, now, before in m.sales_by_month}
    assert months[dt.date(2026, 3, 1)] == (Decimal("1500.50"), Decimal("200.00"))
    assert months[dt.date(2026, 2, 1)] == (Decimal("300.00"), Decimal(0))
    assert len(m.sales_by_month) == 12 and m.sales_by_month[0][0] == dt.date(2025, 4, 1)


def _numbers(ws: object) -> None:
    """No number stored as text anywhere in a sheet."""
    for row in ws.iter_rows():  # type: ignore[attr-defined]
        for cell in row:
            if isinstance(cell.value, str):
                assert not cell.value.replace(",", "").replace(".", "").isdigit(), cell.coordinate


def test_workbook_sheets_agree(db: Database, office: dict[str, int], tmp_path: Path) -> None:
    out = monthly.make_workbook(
        db, None, "2026-03", tmp_path / "march.xlsx", lang="en", today=TODAY
    )
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == [
        "Summary",
        "Sales by salesperson",
        "Targets",
        "Sales by segment",
        "Pipeline and forecast",
        "New customers",
        "Lost customers",
        "Receivables by age",
        "Key accounts",
        "Activities by salesperson",
    ]
    for ws in wb:
        _numbers(ws)
    summary = wb["Summary"]
    assert summary["A5"].value == "Sales"
    assert summary["B5"].value == 1500.5 and summary["C5"].value == 300
    assert summary["B5"].number_format != "General"
    assert summary["E5"].value == pytest.approx(1200.5 / 300)  # on the previous month
    assert len(summary._charts) == 1

    people = wb["Sales by salesperson"]
    header = [c.value for c in people[1]]
    rows = list(people.iter_rows(min_row=2, values_only=True))
    total = rows[-1]
    assert total[0] == "Total"
    sales = header.index("Sales")
    assert sum(r[sales] for r in rows[:-1]) == total[sales] == 1500.5
    assert people.freeze_panes == "A2" and people.auto_filter.ref.startswith("A1:")

    segments = list(wb["Sales by segment"].iter_rows(min_row=2, values_only=True))
    assert segments[-1][3] == 1500.5

    aged = list(wb["Receivables by age"].iter_rows(min_row=2, values_only=True))
    assert aged[-1][-1] == 1600.5 == sum(r[-1] for r in aged[:-1])
    lost = list(wb["Lost customers"].iter_rows(min_row=2, values_only=True))
    assert lost[0][5] == "A competitor's offer"
    assert isinstance(lost[0][3], dt.datetime)  # a real date cell

    acts = list(wb["Activities by salesperson"].iter_rows(values_only=True))
    assert acts[-1][-1] == 3


def test_sales_agree_with_the_export_of_the_month(
    db: Database, office: dict[str, int], tmp_path: Path, db_path: Path
) -> None:
    assert (
        cli.main(
            [
                "export",
                "--db",
                str(db_path),
                "--what",
                "orders",
                "--from",
                "2026-03-01",
                "--to",
                "2026-03-31",
                "--out",
                str(tmp_path / "orders.xlsx"),
            ]
        )
        == 0
    )
    ws = openpyxl.load_workbook(tmp_path / "orders.xlsx").active
    header = [c.value for c in ws[1]]
    amount, status = header.index("Amount"), header.index("Status")
    counted = [
        r[amount]
        for r in ws.iter_rows(min_row=2, values_only=True)
        if r[status] not in ("cancelled", "draft", "Cancelled", "Draft")
    ]
    with db.session() as s:
        m = monthly.build(s, "2026-03", TODAY)
    assert sum(counted) == pytest.approx(float(m.this.sales))


def test_chinese_and_spanish_sheets(db: Database, office: dict[str, int], tmp_path: Path) -> None:
    with db.session() as s:
        m = monthly.build(s, "2026-03", TODAY)
    zh = openpyxl.load_workbook(monthly_workbook.write(tmp_path / "zh.xlsx", m, lang="zh_CN"))
    assert zh.sheetnames[0] == "概要" and zh["概要"]["A5"].value == "销售额"
    es = openpyxl.load_workbook(monthly_workbook.write(tmp_path / "es.xlsx", m, lang="es"))
    assert es.sheetnames[-1] == "Actividad por vendedor"
    assert set(monthly_workbook.TEXTS["zh"]) == set(monthly_workbook.TEXTS["en"])
    assert set(monthly_workbook.TEXTS["es"]) == set(monthly_workbook.TEXTS["en"])


def test_refusals(db: Database, office: dict[str, int], tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        monthly.make_workbook(db, None, "2026-13", tmp_path / "x.xlsx")
    with db.write() as s:
        clerk = User(username="li", display_name="Li", may_see_financials=False)
        s.add(clerk)
        s.flush()
        clerk_id = clerk.id
    with pytest.raises(PermissionDenied):
        monthly.make_workbook(db, clerk_id, "2026-03", tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


def test_command(
    db_path: Path, db: Database, office: dict[str, int], tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "m.xlsx"
    code = cli.main(
        ["report", "monthly", "--db", str(db_path), "--month", "2026-03", "--out", str(out)]
    )
    assert code == 0 and out.exists()
    assert "2026-03" in capsys.readouterr().out
    code = cli.main(
        ["report", "monthly", "--db", str(db_path), "--month", "March", "--out", str(out)]
    )
    assert code == 1
    assert "YYYY-MM" in capsys.readouterr().err


@pytest.mark.slow
def test_libreoffice_opens_the_workbook(
    db: Database, office: dict[str, int], tmp_path: Path
) -> None:
    """LibreOffice loads the file and prints it (a file it had to repair, or could not
    read, gives no PDF). CI installs LibreOffice; elsewhere the test is skipped."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    book = monthly.make_workbook(
        db, None, "2026-03", tmp_path / "march.xlsx", lang="zh", today=TODAY
    )
    profile = (tmp_path / "lo-profile").as_uri()
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(book),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "march.pdf").stat().st_size > 1000


def test_a_salesperson_does_not_make_the_offices_workbook(
    db: Database, office: dict[str, int], tmp_path: Path
) -> None:
    """Every salesperson's figures are in it: a manager's, even for a salesperson who may
    see money (their own figures are on the Reports page)."""
    with db.write() as s:
        seller = User(username="sol", display_name="Sol", role=Role.SALES)
        boss = User(username="max", display_name="Max", role=Role.MANAGER)
        s.add_all([seller, boss])
        s.flush()
        seller_id, boss_id = seller.id, boss.id
    with pytest.raises(PermissionDenied):
        monthly.make_workbook(db, seller_id, "2026-03", tmp_path / "s.xlsx", today=TODAY)
    assert not (tmp_path / "s.xlsx").exists()
    out = monthly.make_workbook(db, boss_id, "2026-03", tmp_path / "m.xlsx", today=TODAY)
    assert out.exists()

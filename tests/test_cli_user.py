"""The command line acts as ``--user NAME`` and obeys that user's rights: money blank in
exports and JSON for a user who may not see it, a viewer's writes refused (exit 3, nothing
stored), and the password from CLIENTELA_PASSWORD when the office has passwords."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from app.cli import main
from app.db import Database
from app.models import AuditEntry, Customer, Order, User
from app.models.enums import Role
from app.services import access, users

DESK = "zhao.min"  # the demo's front desk: no money figures
VIEWER = "zhou.lei"  # the demo's viewer


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_users(demo_db: Database) -> None:
    with demo_db.session() as s:
        desk = s.scalar(select(User).where(User.username == DESK))
        viewer = s.scalar(select(User).where(User.username == VIEWER))
        assert desk is not None and not desk.may_see_financials and desk.role is Role.SALES
        assert viewer is not None and viewer.role is Role.VIEWER


def test_export_as_a_user_without_the_right(
    capsys: pytest.CaptureFixture[str], demo_db: Database, tmp_path: Path
) -> None:
    blank, full = tmp_path / "blank.xlsx", tmp_path / "full.xlsx"
    target = str(demo_db.target)
    assert run(capsys, "export", "--db", target, "--what", "orders", "--out", str(full))[0] == 0
    code, out, _ = run(
        capsys, "export", "--db", target, "--what", "orders", "--user", DESK, "--out", str(blank)
    )
    assert code == 0 and "exported" in out

    def cells(path: Path) -> list[list[object]]:
        book = load_workbook(path, read_only=True)
        try:
            return [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
        finally:
            book.close()  # else its file is closed by the collector, a warning

    hidden, shown = cells(blank), cells(full)
    assert hidden[0] == shown[0]  # the same columns
    money = [hidden[0].index(h) for h in ("Amount", "Cost")]
    assert len(hidden) > 1
    assert all(row[i] is None for row in hidden[1:] for i in money)
    assert any(row[money[0]] for row in shown[1:])  # the program sees them


def test_report_json_nulls(capsys: pytest.CaptureFixture[str], demo_db: Database) -> None:
    target = str(demo_db.target)
    with demo_db.session() as s:
        number = s.scalar(
            select(Customer.number)
            .join(Order, Order.customer_id == Customer.id)
            .group_by(Customer.number)
            .order_by(func.count().desc())
            .limit(1)
        )
    assert number is not None
    period = ("--from", (dt.date.today() - dt.timedelta(days=365)).isoformat())
    period += ("--to", dt.date.today().isoformat())

    code, out, _ = run(capsys, "report", "activity", "--db", target, *period, "--json")
    assert code == 0
    assert any(ln["order_amount"] not in (None, "0.00") for ln in json.loads(out)["salespeople"])
    code, out, _ = run(
        capsys, "report", "activity", "--db", target, *period, "--user", DESK, "--json"
    )
    assert code == 0
    lines = json.loads(out)["salespeople"]
    assert lines and all(ln["order_amount"] is None and ln["collected"] is None for ln in lines)

    code, out, _ = run(
        capsys, "credit", "--db", target, "--customer", number, "--user", DESK, "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["total"] is None and data["overdue"] is None and data["limit"] is None

    code, out, _ = run(
        capsys, "report", "campaigns", "--db", target, *period, "--user", DESK, "--json"
    )
    assert code == 0
    assert all(c["revenue"] is None and c["cost"] is None for c in json.loads(out)["campaigns"])

    code, out, _ = run(capsys, "pipeline", "--db", target, "--user", DESK, "--json")
    assert code == 0
    stages = [st for p in json.loads(out)["pipelines"] for st in p["stages"]]
    assert stages and all(st["amount"] is None and st["weighted"] is None for st in stages)

    code, _, err = run(
        capsys, "report", "margins", "--db", target, *period, "--user", DESK, "--json"
    )
    assert code == 3 and "money figures" in err


def test_a_viewers_import_is_refused(
    capsys: pytest.CaptureFixture[str], demo_db: Database, tmp_path: Path
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["姓名", "手机"])
    sheet.append(["只读导入", "13912345678"])
    path = tmp_path / "new.xlsx"
    book.save(path)

    def counts() -> tuple[int, int]:
        with demo_db.session() as s:
            return (
                s.scalar(select(func.count()).select_from(Customer)) or 0,
                s.scalar(select(func.count()).select_from(AuditEntry)) or 0,
            )

    before = counts()
    code, _, err = run(capsys, "import", str(path), "--db", str(demo_db.target), "--user", VIEWER)
    assert code == 3
    assert err.startswith("clientela: error:") and "viewer" in err and err.count("\n") == 1
    assert counts() == before
    code, _, err = run(capsys, "merge", "1", "2", "--db", str(demo_db.target), "--user", VIEWER)
    assert code == 3 and "viewer" in err
    assert counts() == before


def test_password_from_the_environment(
    capsys: pytest.CaptureFixture[str],
    demo_db: Database,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    target = str(demo_db.target)
    out = str(tmp_path / "o.xlsx")
    argv = ("export", "--db", target, "--what", "customers", "--out", out, "--user", DESK)
    monkeypatch.delenv("CLIENTELA_PASSWORD", raising=False)
    assert run(capsys, *argv)[0] == 0  # no passwords in this office: none asked

    with demo_db.session() as s:
        desk = s.scalar(select(User.id).where(User.username == DESK))
    assert desk is not None
    users.set_password(demo_db, None, desk, "front-desk-1")

    code, _, err = run(capsys, *argv)
    assert code == 3 and "CLIENTELA_PASSWORD" in err and err.count("\n") == 1

    monkeypatch.setenv("CLIENTELA_PASSWORD", "wrong password")
    code, _, err = run(capsys, *argv)
    assert code == 3 and "wrong user name or password" in err
    with demo_db.session() as s:
        assert s.scalar(select(User.failed_logins).where(User.id == desk)) == 1

    monkeypatch.setenv("CLIENTELA_PASSWORD", "front-desk-1")
    assert run(capsys, *argv)[0] == 0
    with demo_db.session() as s:
        assert s.scalar(select(User.failed_logins).where(User.id == desk)) == 0

    # Another user without a password of their own needs none, even in this office.
    code, _, _ = run(capsys, *argv[:-1], VIEWER)
    assert code == 0

    code, _, err = run(capsys, *argv[:-1], "nobody")
    assert code == 3 and "no active user nobody" in err


def test_product_costs_blank(capsys: pytest.CaptureFixture[str], demo_db: Database) -> None:
    target = str(demo_db.target)
    code, out, _ = run(capsys, "products", "list", "--db", target, "--json")
    assert code == 0 and any(p["cost"] not in (None, "0.00") for p in json.loads(out))
    code, out, _ = run(capsys, "products", "list", "--db", target, "--user", DESK, "--json")
    rows = json.loads(out)
    assert code == 0 and rows and all(p["cost"] is None and p["list_price"] for p in rows)


def test_an_order_without_its_cost(capsys: pytest.CaptureFixture[str], demo_db: Database) -> None:
    """The desk sells at the list price; the order is stored with its cost, which the
    command does not print for a user who may not see it."""
    with demo_db.session() as s:
        desk = s.scalar(select(User.id).where(User.username == DESK))
        number = s.scalar(
            select(Customer.number)
            .where(access.visible_customers(s, desk), Customer.deleted_at.is_(None))
            .order_by(Customer.id)
        )
    assert number is not None
    target = str(demo_db.target)
    args = ["order", "--db", target, "--customer", number, "--amount", "10", "--cost", "7"]
    args += ["--accept-credit-warning"]
    code, out, _ = run(capsys, *args, "--user", DESK, "--json")
    saved = json.loads(out)
    assert code == 0 and saved["amount"] == "10.00"
    assert saved["cost"] is None and saved["margin"] is None
    code, out, _ = run(capsys, *args, "--user", DESK)
    assert code == 0 and "amount 10.00" in out and "cost" not in out and "margin" not in out
    with demo_db.session() as s:
        assert s.get(Order, saved["order_id"]).cost == 7
    code, out, _ = run(capsys, *args, "--json")
    assert json.loads(out)["margin"] == "3.00"


def test_a_salespersons_segments_report_counts_their_customers(
    capsys: pytest.CaptureFixture[str], demo_db: Database
) -> None:
    from app.models import CustomerSegment

    seller = "li.na"
    with demo_db.session() as s:
        uid = s.scalar(select(User.id).where(User.username == seller))
        seen = access.visible_customers(s, uid)
        expected = dict(
            s.execute(
                select(CustomerSegment.abc_class, func.count())
                .join(Customer, Customer.id == CustomerSegment.customer_id)
                .where(seen, CustomerSegment.abc_class.is_not(None))
                .group_by(CustomerSegment.abc_class)
            ).all()
        )
        everyone = s.scalar(select(func.count()).select_from(CustomerSegment))
    args = ["report", "segments", "--db", str(demo_db.target), "--no-recompute", "--json"]
    code, out, _ = run(capsys, *args, "--user", seller)
    classes = json.loads(out)["classes"]
    assert code == 0 and {k: v["customers"] for k, v in classes.items()} == expected
    assert 0 < sum(expected.values()) < (everyone or 0)


def test_a_salespersons_pipeline_figures(
    capsys: pytest.CaptureFixture[str], demo_db: Database
) -> None:
    """``pipeline --user`` counts the deals the salesperson may see, as the board does."""
    from app.models import Deal

    seller = "li.na"
    with demo_db.session() as s:
        uid = s.scalar(select(User.id).where(User.username == seller))
        ids = select(Customer.id).where(access.visible_customers(s, uid))
        alive = Deal.deleted_at.is_(None)
        theirs = s.scalar(
            select(func.count())
            .select_from(Deal)
            .where(alive, Deal.customer_id.in_(ids) | (Deal.owner_id == uid))
        )
        every = s.scalar(select(func.count()).select_from(Deal).where(alive))
    args = ["pipeline", "--db", str(demo_db.target), "--json"]
    code, out, _ = run(capsys, *args, "--user", seller)
    counted = sum(st["count"] for p in json.loads(out)["pipelines"] for st in p["stages"])
    assert code == 0 and 0 < counted == theirs < (every or 0)

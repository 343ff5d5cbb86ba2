"""The audit log: every kind of change writes its rows, the filters and pages that read
them, a customer's history, and the ``audit`` and ``users`` commands."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from app import cli
from app.db import Database
from app.models import AuditEntry
from app.models.enums import AuditAction, Role
from app.services import audit, customers, users
from app.services.audit import AuditFilter
from app.services.customer_file import load
from app.services.customers import CustomerData
from app.services.exports import ExportRequest, export
from app.services.users import UserData


def _actions(db: Database) -> dict[str, int]:
    with db.session() as s:
        return dict(
            s.execute(select(AuditEntry.action, func.count()).group_by(AuditEntry.action)).all()
        )


def test_every_kind_of_change_is_recorded(db: Database, tmp_path: Path) -> None:
    boss = users.ensure_admin(db, "boss", "老板")
    li = users.add_user(db, boss, UserData("li", "李", Role.SALES))
    wu = users.add_user(db, boss, UserData("wu", "吴", Role.SALES))
    one = customers.create(db, li, CustomerData(name="甲", plates=["粤B12345"])).customer_id
    two = customers.create(db, li, CustomerData(name="乙")).customer_id
    with db.session() as s:
        version = load(s, one).version
    customers.update(db, li, one, version, CustomerData(name="甲甲", owner_id=li))
    customers.delete(db, li, two)
    customers.restore(db, li, two)
    customers.merge(db, li, one, two)
    export(db, li, ExportRequest("customers"), tmp_path / "c.csv")
    users.reassign(db, boss, li, wu)
    csv_file = tmp_path / "import.csv"
    csv_file.write_text("姓名,手机\n丙,13812345678\n", encoding="utf-8")
    assert cli.main(["import", "--db", db.target, str(csv_file), "--quiet"]) == 0
    found = _actions(db)
    for action in (
        "create",
        "update",
        "delete",
        "restore",
        "merge",
        "export",
        "reassign",
        "import",
    ):
        assert found.get(action, 0) > 0, action
    with db.session() as s:
        rows = audit.customer_history(s, None, one)
    by_field = {(r.action, r.field): r for r in rows}
    assert by_field[(AuditAction.CREATE, "plates")].new_value == "粤B12345"
    assert by_field[(AuditAction.UPDATE, "name")].old_value == "甲"
    assert by_field[(AuditAction.REASSIGN, "owner_id")].new_value == str(wu)
    assert rows == sorted(rows, key=lambda r: (r.at, r.id), reverse=True)


def test_filters_and_pages(db: Database) -> None:
    boss = users.ensure_admin(db, "boss", "老板")
    li = users.add_user(db, boss, UserData("li", "李", Role.SALES))
    for i in range(5):
        customers.create(db, li, CustomerData(name=f"客户{i}"))
    old = dt.datetime(2025, 1, 15, 12, tzinfo=dt.UTC)
    with db.write() as s:
        s.execute(update(AuditEntry).where(AuditEntry.entity_id == 1).values(at=old))
    with db.session() as s:
        everything = audit.count(s, None, AuditFilter())
        first = audit.page(s, None, AuditFilter(), 0, 3)
        rest = audit.page(s, None, AuditFilter(), 3, 100)
        assert len(first) + len(rest) == everything
        assert {r.id for r in first}.isdisjoint(r.id for r in rest)
        assert first[0].at >= rest[-1].at
        by_li = audit.page(s, None, AuditFilter(user_id=li), 0, 100)
        assert by_li and all(r.user == "李" for r in by_li)
        named = audit.page(s, None, AuditFilter(entity="customer", text="客户3"), 0, 100)
        assert [r.new_value for r in named] == ["客户3"]
        in_jan = AuditFilter(date_from=dt.date(2025, 1, 1), date_to=dt.date(2025, 1, 31))
        assert {r.entity_id for r in audit.page(s, None, in_jan, 0, 100)} == {1}
        since = AuditFilter(date_from=dt.date(2025, 2, 1))
        assert 1 not in {r.entity_id for r in audit.page(s, None, since, 0, 100)}
        created = AuditFilter(action=AuditAction.CREATE, entity="user")
        assert {r.entity_id for r in audit.page(s, None, created, 0, 100)} == {boss, li}
        assert audit.count(s, None, created) == 1 + 4  # the first admin; li field by field


@pytest.fixture
def office(db: Database) -> Database:
    boss = users.ensure_admin(db, "boss", "老板")
    li = users.add_user(db, boss, UserData("li", "李", Role.SALES))
    users.add_user(db, boss, UserData("wu", "吴", Role.SALES))
    for i in range(3):
        customers.create(db, None, CustomerData(name=f"李客户{i}", owner_id=li))
    return db


def test_audit_command(
    office: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = office.target
    assert cli.main(["audit", "--db", db, "--entity", "user", "--json"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert {x["entity"] for x in lines} == {"user"} and len(lines) > 3
    assert cli.main(["audit", "--db", db, "--by", "boss", "--limit", "2"]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 2 and "more (--limit 0 for all)" in captured.err
    out = tmp_path / "audit.csv"
    assert cli.main(["audit", "--db", db, "--entity", "customer", "--out", str(out)]) == 0
    with out.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and {r["Record"] for r in rows} == {"customer"}
    assert cli.main(["audit", "--db", db, "--user", "li"]) == 3
    assert "only a manager or an administrator" in capsys.readouterr().err
    assert cli.main(["audit", "--db", db, "--user", "nobody"]) == 3
    assert cli.main(["audit", "--db", db, "--action", "fly"]) == 1


def test_users_commands(
    office: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    db = office.target
    monkeypatch.setattr("sys.stdin", io.StringIO("mei-password\n"))
    assert cli.main(["users", "add", "--db", db, "mei", "--name", "梅", "--password-stdin"]) == 0
    assert users.sign_in(office, "mei", "mei-password").username == "mei"
    assert cli.main(["users", "add", "--db", db, "--user", "li", "x"]) == 3  # not an admin
    capsys.readouterr()
    assert cli.main(["users", "list", "--db", db, "--json"]) == 0
    listed = {u["username"]: u for u in json.loads(capsys.readouterr().out)}
    assert listed["mei"]["password"] is True and listed["li"]["password"] is False
    args = ["users", "reassign", "--db", db, "li", "--to", "wu", "--to", "mei", "--json"]
    assert cli.main([*args, "--dry-run"]) == 0
    dry = json.loads(capsys.readouterr().out)
    preview = {"customers": 3, "open_deals": 0, "open_tasks": 0, "team_places": 0}
    assert dry == {"preview": preview, "done": False}
    assert cli.main(args) == 0
    done = json.loads(capsys.readouterr().out)
    assert done["moved"] == dry["preview"] and sorted(done["per_user"].values()) == [1, 2]
    assert done["deactivated"] is True
    assert cli.main(["users", "deactivate", "--db", db, "wu"]) == 0
    assert cli.main(["users", "list", "--db", db]) == 0
    assert "wu" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("new-password\n"))
    assert cli.main(["users", "password", "--db", db, "mei", "--password-stdin"]) == 0
    assert users.sign_in(office, "mei", "new-password").username == "mei"

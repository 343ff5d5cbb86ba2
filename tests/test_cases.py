"""Complaint cases: opened with the customer's owner and the office's due days, worked on,
resolved with a satisfaction score; on the owner's and the manager's Today; the CLI."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from app.cli import main
from app.db import Database
from app.errors import ClientelaError, PermissionDenied, ValidationError
from app.models import Activity, Customer, ServiceCase, Setting, User
from app.models.enums import ActivityKind, Role
from app.services import activities, cases, tasks
from app.services.cases import CaseData

TODAY = dt.date(2026, 11, 24)
NOW = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def office(db: Database) -> dict[str, int]:
    with db.write() as s:
        boss = User(username="boss", display_name="王经理", role=Role.MANAGER)
        s.add(boss)
        s.flush()
        li = User(username="li", display_name="李娜", role=Role.SALES, manager_id=boss.id)
        zhao = User(username="zhao", display_name="赵强", role=Role.SALES, manager_id=boss.id)
        viewer = User(username="v", display_name="Viewer", role=Role.VIEWER)
        s.add_all([li, zhao, viewer])
        s.flush()
        c1 = Customer(number="C1", name="王师傅", owner_id=li.id)
        c2 = Customer(number="C2", name="华南物流", owner_id=zhao.id)
        s.add_all([c1, c2])
        s.flush()
        return {"boss": boss.id, "li": li.id, "zhao": zhao.id, "viewer": viewer.id,
                "c1": c1.id, "c2": c2.id}  # fmt: skip


def test_life_cycle(db: Database, office: dict[str, int]) -> None:
    logged = activities.log(db, office["li"], office["c1"], ActivityKind.COMPLAINT, "洗车划痕")
    made = cases.open_case(
        db,
        office["li"],
        CaseData(
            office["c1"], "洗车后车门划痕", "客户投诉洗车工划伤车门", activity_id=logged.activity_id
        ),
        today=TODAY,
    )
    with db.session() as s:
        case = s.get(ServiceCase, made.case_id)
        assert case is not None
        assert case.owner_id == office["li"]  # the customer's owner
        assert case.due_on == TODAY + dt.timedelta(days=3)
        assert case.status.value == "open"
    started = cases.start(db, office["li"], made.case_id, made.version)
    assert started.status == "in_progress"
    with pytest.raises(ValidationError) as err:
        cases.resolve(db, office["li"], made.case_id, "  ", 4)
    assert err.value.field == "resolution"
    with pytest.raises(ValidationError) as err:
        cases.resolve(db, office["li"], made.case_id, "免费补漆", 6)
    assert err.value.field == "satisfaction"
    done = cases.resolve(db, office["li"], made.case_id, "免费补漆，赠送洗车券", 4, started.version)
    assert done.status == "resolved"
    with db.session() as s:
        case = s.get(ServiceCase, made.case_id)
        assert case is not None and case.satisfaction == 4 and case.resolved_at is not None
        note = s.scalars(
            select(Activity)
            .where(Activity.customer_id == office["c1"])
            .order_by(Activity.id.desc())
        ).first()
        assert note is not None and note.satisfaction == 4 and "补漆" in (note.text or "")
    with pytest.raises(ClientelaError):
        cases.resolve(db, office["li"], made.case_id, "again")
    with db.session() as s:
        assert [r.id for r in cases.listing(s, None, status="resolved", today=TODAY)] == [
            made.case_id
        ]
        assert cases.listing(s, None, status="unresolved", today=TODAY) == []


def test_settings_owner_and_bad_input(db: Database, office: dict[str, int]) -> None:
    with db.write() as s:
        s.add(Setting(key=cases.DUE_DAYS_KEY, value=5))
    made = cases.open_case(
        db, None, CaseData(office["c2"], "发票开错", owner_id=office["li"]), today=TODAY
    )
    with db.session() as s:
        case = s.get(ServiceCase, made.case_id)
        assert case is not None and case.owner_id == office["li"]
        assert case.due_on == TODAY + dt.timedelta(days=5)
    with pytest.raises(ValidationError) as err:
        cases.open_case(db, None, CaseData(office["c1"], ""), today=TODAY)
    assert err.value.field == "title"
    with pytest.raises(ValidationError) as err:
        cases.open_case(
            db, None, CaseData(office["c1"], "x", due_on=TODAY - dt.timedelta(days=1)), today=TODAY
        )
    assert err.value.field == "due_on"
    with pytest.raises(PermissionDenied):
        cases.open_case(db, office["viewer"], CaseData(office["c1"], "x"), today=TODAY)
    with pytest.raises(PermissionDenied):  # 华南物流 is 赵强's
        cases.open_case(db, office["li"], CaseData(office["c2"], "x"), today=TODAY)
    with db.session() as s:
        assert s.scalar(select(ServiceCase.id).where(ServiceCase.title == "x")) is None
        # li sees only the cases of her customers
        assert cases.listing(s, office["li"], today=TODAY) == []


def test_today_owner_and_manager(db: Database, office: dict[str, int]) -> None:
    early = TODAY - dt.timedelta(days=10)
    late = cases.open_case(db, None, CaseData(office["c1"], "维修超时"), today=early)
    fresh = cases.open_case(db, None, CaseData(office["c2"], "态度差"), today=TODAY)
    with db.session() as s:
        li = tasks.today(s, office["li"], NOW)
        assert [i.case_id for i in li.sections["cases"].items] == [late.case_id]
        assert li.sections["cases"].items[0].days == 7
        assert li.sections["overdue_cases"].count == 0
        boss = tasks.today(s, office["boss"], NOW)
        assert boss.sections["cases"].count == 0
        assert [i.case_id for i in boss.sections["overdue_cases"].items] == [late.case_id]
        assert boss.sections["overdue_cases"].items[0].owner == "李娜"
        everyone = tasks.today(s, office["boss"], NOW, "all")
        assert {i.case_id for i in everyone.sections["cases"].items} == {
            late.case_id,
            fresh.case_id,
        }
        overdue = cases.listing(s, None, status="overdue", today=TODAY)
        assert [r.id for r in overdue] == [late.case_id]


def test_cli(db: Database, office: dict[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    cases.open_case(db, None, CaseData(office["c1"], "维修超时"), today=TODAY)
    done = cases.open_case(db, None, CaseData(office["c2"], "态度差"), today=TODAY)
    cases.resolve(db, None, done.case_id, "道歉", 3)
    assert main(["cases", "--db", db.target, "--status", "open", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [c["title"] for c in data["cases"]] == ["维修超时"]
    assert data["cases"][0]["customer_name"] == "王师傅"
    assert main(["cases", "--db", db.target, "--customer", "C2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(c["status"], c["satisfaction"]) for c in data["cases"]] == [("resolved", 3)]

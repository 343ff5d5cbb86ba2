"""Satisfaction: the score on a completed return visit, the manager's follow-up on a low
score (made once), a customer's last score and trend, the report worked out by hand."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.db import Database
from app.errors import ValidationError
from app.models import Activity, Customer, Task, User
from app.models.enums import ActivityKind, Priority, Role, TaskKind
from app.services import activities, cases, satisfaction, tasks
from app.services.cases import CaseData
from app.services.tasks import TaskData

NOW = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def office(db: Database) -> dict[str, int]:
    with db.write() as s:
        boss = User(username="boss", display_name="王经理", role=Role.MANAGER)
        s.add(boss)
        s.flush()
        li = User(username="li", display_name="李娜", role=Role.SALES, manager_id=boss.id)
        zhao = User(username="zhao", display_name="赵强", role=Role.SALES)
        s.add_all([li, zhao])
        s.flush()
        c1 = Customer(number="C1", name="王师傅", owner_id=li.id)
        c2 = Customer(number="C2", name="华南物流", owner_id=zhao.id)
        s.add_all([c1, c2])
        s.flush()
        return {"boss": boss.id, "li": li.id, "zhao": zhao.id, "c1": c1.id, "c2": c2.id}


def visit(db: Database, user: int, customer: int) -> int:
    return tasks.create(
        db, user, TaskData("购后回访", NOW, kind=TaskKind.RETURN_VISIT, customer_id=customer)
    ).task_id


def test_low_score_makes_a_task_for_the_manager(db: Database, office: dict[str, int]) -> None:
    ok = tasks.complete(
        db,
        office["li"],
        visit(db, office["li"], office["c1"]),
        outcome="满意",
        satisfaction=4,
        now=NOW,
    )
    low = tasks.complete(
        db,
        office["li"],
        visit(db, office["li"], office["c1"]),
        outcome="保养等太久",
        satisfaction=2,
        now=NOW,
    )
    with pytest.raises(ValidationError) as err:
        tasks.complete(
            db, office["li"], visit(db, office["li"], office["c1"]), outcome="x", satisfaction=0
        )
    assert err.value.field == "satisfaction"
    with db.session() as s:
        assert s.get(Activity, low.activity_id).satisfaction == 2  # type: ignore[union-attr]
        assert satisfaction.low_score_task(s, ok.activity_id or 0) is None
        task = satisfaction.low_score_task(s, low.activity_id or 0)
        assert task is not None
        assert task.owner_id == office["boss"]  # 李娜's manager
        assert task.kind is TaskKind.FOLLOW_UP and task.priority is Priority.HIGH
        assert "王师傅" in task.title and "2" in task.title and task.note == "保养等太久"
        assert task.due_at == NOW + dt.timedelta(days=1)
    # Saving the same answer again (another PC) makes no second task.
    assert db.run_write(lambda s: satisfaction.follow_up_low_score(s, low.activity_id or 0)) is None
    with db.session() as s:
        assert (
            s.scalar(
                select(func.count()).select_from(Task).where(Task.source_key.like("satisfaction:%"))
            )
            == 1
        )
        # 赵强 has no manager: the office's first manager follows up.
        assert satisfaction.manager_of(s, office["zhao"]) == office["boss"]
        # the manager's Today shows it among follow-ups
        view = tasks.today(s, office["boss"], NOW + dt.timedelta(days=1))
        assert [i.title for i in view.sections["follow_ups"].items] == [task.title]


def test_a_low_score_on_a_resolved_case_and_a_logged_one(
    db: Database, office: dict[str, int]
) -> None:
    made = cases.open_case(db, None, CaseData(office["c2"], "送货晚了"))
    cases.resolve(db, None, made.case_id, "道歉并补偿运费", 1)
    logged = activities.log(
        db, None, office["c1"], ActivityKind.RETURN_VISIT, "一般", satisfaction=3
    )
    with db.session() as s:
        found = s.scalars(select(Task).where(Task.source_key.like("satisfaction:%"))).all()
        assert [t.customer_id for t in found] == [office["c2"]]
        assert satisfaction.low_score_task(s, logged.activity_id) is None


def test_customer_trend(db: Database, office: dict[str, int]) -> None:
    with db.session() as s:
        assert satisfaction.customer_scores(s, office["c1"]).last is None
    for days, score in ((30, 5), (20, 4), (10, 5), (1, 2)):
        activities.log(
            db,
            None,
            office["c1"],
            ActivityKind.RETURN_VISIT,
            "回访",
            occurred_at=NOW - dt.timedelta(days=days),
            satisfaction=score,
        )
    with db.session() as s:
        got = satisfaction.customer_scores(s, office["c1"])
    assert (got.last, got.trend, got.answers, got.average) == (2, "down", 4, 4.0)


def test_report_by_hand(
    db: Database, office: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    zone = dt.UTC
    answers = [  # (customer, day, score)
        ("c1", dt.date(2026, 10, 5), 5),
        ("c1", dt.date(2026, 10, 20), 2),
        ("c2", dt.date(2026, 10, 31), 4),
        ("c2", dt.date(2026, 11, 2), 3),
        ("c1", dt.date(2026, 11, 3), 1),
        ("c1", dt.date(2026, 9, 30), 5),  # before the period
    ]
    with db.write() as s:
        for cust, day, score in answers:
            s.add(
                Activity(
                    customer_id=office[cust],
                    kind=ActivityKind.RETURN_VISIT,
                    occurred_at=dt.datetime.combine(day, dt.time(12), zone),
                    satisfaction=score,
                )
            )
        s.add(Activity(customer_id=office["c1"], kind=ActivityKind.CALL, occurred_at=NOW))
    with db.session() as s:
        rep = satisfaction.report(s, None, dt.date(2026, 10, 1), dt.date(2026, 11, 30), zone)
        li_only = satisfaction.report(
            s, office["li"], dt.date(2026, 10, 1), dt.date(2026, 11, 30), zone
        )
    data = rep.as_dict()
    keys = ("key", "answers", "average", "share_4_5", "share_1_2")
    assert [tuple(m[k] for k in keys) for m in data["months"]] == [
        ("2026-10", 3, 3.67, 0.6667, 0.3333),
        ("2026-11", 2, 2.0, 0.0, 0.5),
    ]
    people = {p["key"]: p for p in data["salespeople"]}
    assert people["李娜"]["answers"] == 3 and people["李娜"]["average"] == 2.67
    assert people["李娜"]["share_1_2"] == 0.6667 and people["李娜"]["share_4_5"] == 0.3333
    assert people["赵强"]["answers"] == 2 and people["赵强"]["average"] == 3.5
    assert data["total"]["answers"] == 5 and data["total"]["average"] == 3.0
    assert [p.key for p in li_only.salespeople] == ["李娜"]
    with pytest.raises(ValidationError):
        satisfaction.report(s, None, dt.date(2026, 11, 30), dt.date(2026, 10, 1))

    argv = [
        "report",
        "satisfaction",
        "--db",
        db.target,
        "--from",
        "2026-10-01",
        "--to",
        "2026-11-30",
        "--json",
    ]
    assert main(argv) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["total"]["answers"] == 5
    assert sum(m["answers"] for m in out["months"]) == 5

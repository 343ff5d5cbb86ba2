"""Tasks by hand (create, edit, complete with outcome, snooze, reassign, recurrence) and
the Today view's sections, on a fixed clock."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from app.db import Database
from app.errors import ConflictError, PermissionDenied, ValidationError
from app.models import (
    Activity,
    AuditEntry,
    ContactPerson,
    Customer,
    Deal,
    Pipeline,
    Stage,
    Task,
    User,
)
from app.models.enums import ActivityKind, Lifecycle, Recurrence, Role, TaskKind, TaskStatus
from app.services import reminders, tasks
from app.services.tasks import TaskData

NOW = dt.datetime(2026, 11, 24, 10, 30, tzinfo=dt.UTC)
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def office(db: Database) -> dict[str, int]:
    with db.write() as s:
        boss = User(username="boss", display_name="王经理", role=Role.MANAGER)
        li = User(username="li", display_name="李娜", role=Role.SALES)
        zhao = User(username="zhao", display_name="赵强", role=Role.SALES)
        viewer = User(username="v", display_name="Viewer", role=Role.VIEWER)
        s.add_all([boss, li, zhao, viewer])
        s.flush()
        c1 = Customer(number="C1", name="王师傅", owner_id=li.id, birthday=dt.date(1980, 11, 27))
        c2 = Customer(number="C2", name="华南物流", owner_id=zhao.id)
        s.add_all([c1, c2])
        s.flush()
        s.add(ContactPerson(customer_id=c2.id, name="陈经理", birthday=dt.date(1970, 11, 30)))
        return {
            "boss": boss.id,
            "li": li.id,
            "zhao": zhao.id,
            "viewer": viewer.id,
            "c1": c1.id,
            "c2": c2.id,
        }


def at(days: float, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(NOW.date(), dt.time(hour), dt.UTC) + dt.timedelta(days=days)


def get(db: Database, task_id: int) -> Task:
    with db.session() as s:
        t = s.get(Task, task_id)
        assert t is not None
        return t


def test_create_edit_and_audit(db: Database, office: dict[str, int]) -> None:
    made = tasks.create(
        db, office["li"], TaskData("电话联系：王师傅", at(1), customer_id=office["c1"])
    )
    t = get(db, made.task_id)
    assert t.owner_id == office["li"] and t.created_by_id == office["li"]
    assert made.customer_id == office["c1"]
    edited = tasks.update(
        db,
        office["li"],
        t.id,
        t.version,
        TaskData("发送报价：王师傅", at(2), customer_id=office["c1"], note="带上价目表"),
    )
    t = get(db, made.task_id)
    assert t.title == "发送报价：王师傅" and t.note == "带上价目表" and t.version == edited.version
    with pytest.raises(ConflictError):
        tasks.update(db, office["li"], t.id, 1, TaskData("x", at(2)))
    with pytest.raises(ValidationError):
        tasks.create(db, office["li"], TaskData("  ", at(1)))
    with pytest.raises(ValidationError):
        tasks.create(db, office["li"], TaskData("naive", dt.datetime(2026, 1, 1)))
    with db.session() as s:
        fields = set(
            s.scalars(
                select(AuditEntry.field).where(
                    AuditEntry.entity == "task", AuditEntry.entity_id == t.id
                )
            )
        )
    assert {"title", "note", "due_at"} <= fields


def test_permissions(db: Database, office: dict[str, int]) -> None:
    mine = tasks.create(db, office["li"], TaskData("我的", at(0))).task_id
    with pytest.raises(PermissionDenied):
        tasks.create(db, office["viewer"], TaskData("看看", at(0)))
    with pytest.raises(PermissionDenied):
        tasks.snooze_for(db, office["zhao"], mine, 1, NOW)
    tasks.snooze_for(db, office["boss"], mine, 1, NOW)  # a manager may
    with db.session() as s:
        with pytest.raises(PermissionDenied):
            tasks.today(s, office["li"], NOW, scope=office["zhao"])
        with pytest.raises(PermissionDenied):
            tasks.today(s, office["li"], NOW, scope="all")
        assert tasks.today(s, office["boss"], NOW, scope=office["zhao"]).owner_id == office["zhao"]


def test_completing_a_return_visit_logs_the_outcome(db: Database, office: dict[str, int]) -> None:
    made = tasks.create(
        db,
        office["li"],
        TaskData("购后回访：王师傅", at(-1), kind=TaskKind.RETURN_VISIT, customer_id=office["c1"]),
    )
    with pytest.raises(ValidationError) as info:
        tasks.complete(db, office["li"], made.task_id)
    assert info.value.field == "outcome"
    done = tasks.complete(
        db, office["li"], made.task_id, outcome="很满意，下月再来保养", satisfaction=5, now=NOW
    )
    t = get(db, made.task_id)
    assert t.status is TaskStatus.DONE and t.done_at == NOW and t.outcome == "很满意，下月再来保养"
    with db.session() as s:
        act = s.get(Activity, done.activity_id)
        assert act is not None
        assert act.kind is ActivityKind.RETURN_VISIT and act.customer_id == office["c1"]
        assert act.satisfaction == 5 and act.outcome == "很满意，下月再来保养"
        assert act.user_id == office["li"]
    with pytest.raises(Exception, match="already done"):
        tasks.complete(db, office["li"], made.task_id, outcome="again")


def test_a_plain_todo_completes_without_an_outcome(db: Database, office: dict[str, int]) -> None:
    made = tasks.create(db, office["li"], TaskData("整理资料", at(0), customer_id=office["c1"]))
    done = tasks.complete(db, office["li"], made.task_id, now=NOW)
    assert done.activity_id is None and done.next_task_id is None


@pytest.mark.parametrize(
    ("recurrence", "due", "now", "expected"),
    [
        (Recurrence.WEEKLY, at(0), NOW, at(7)),
        (Recurrence.WEEKLY, at(-15), NOW, at(6)),  # done late: the next after today
        (
            Recurrence.MONTHLY,
            dt.datetime(2027, 1, 31, 9, tzinfo=dt.UTC),
            dt.datetime(2027, 1, 31, 10, tzinfo=dt.UTC),
            dt.datetime(2027, 2, 28, 9, tzinfo=dt.UTC),
        ),
        (
            Recurrence.MONTHLY,
            dt.datetime(2026, 12, 15, 9, tzinfo=dt.UTC),
            dt.datetime(2026, 12, 15, 9, tzinfo=dt.UTC),
            dt.datetime(2027, 1, 15, 9, tzinfo=dt.UTC),
        ),
    ],
)
def test_recurring_tasks_make_the_next_one(
    db: Database,
    office: dict[str, int],
    recurrence: Recurrence,
    due: dt.datetime,
    now: dt.datetime,
    expected: dt.datetime,
) -> None:
    made = tasks.create(db, office["li"], TaskData("周报", due, recurrence=recurrence))
    done = tasks.complete(db, office["li"], made.task_id, now=now)
    assert done.next_task_id is not None
    nxt = get(db, done.next_task_id)
    assert nxt.due_at == expected
    assert nxt.status is TaskStatus.OPEN and nxt.recurrence is recurrence


def test_snooze_and_reassign(db: Database, office: dict[str, int]) -> None:
    made = tasks.create(db, office["li"], TaskData("电话", at(0, 8), customer_id=office["c1"]))
    with db.session() as s:
        assert tasks.today(s, office["li"], NOW).sections["today"].count == 1
    tasks.snooze_for(db, office["li"], made.task_id, 1, NOW)
    t = get(db, made.task_id)
    assert t.snoozed_until == at(1) and t.due_at == at(0, 8)
    with db.session() as s:
        view = tasks.today(s, office["li"], NOW)
        assert view.sections["today"].count == 0
        nxt = tasks.today(s, office["li"], NOW + dt.timedelta(days=1))
        assert nxt.sections["today"].count == 1
    changed = tasks.reassign(db, office["boss"], [made.task_id], office["zhao"])
    assert [c.task_id for c in changed] == [made.task_id]
    assert get(db, made.task_id).owner_id == office["zhao"]
    with db.session() as s:
        assert (
            tasks.today(s, office["zhao"], NOW + dt.timedelta(days=1)).sections["today"].count == 1
        )


def _pipeline(db: Database, office: dict[str, int]) -> None:
    with db.write() as s:
        p = Pipeline(name="车队销售", is_default=True)
        s.add(p)
        s.flush()
        s1 = Stage(pipeline_id=p.id, name="初次沟通", sort_order=1, probability=10, aging_days=14)
        s2 = Stage(pipeline_id=p.id, name="商务洽谈", sort_order=2, probability=60, aging_days=21)
        s.add_all([s1, s2])
        s.flush()
        for title, stage, days, owner in (
            ("油卡 20 张", s1.id, 20, office["zhao"]),  # stuck (14)
            ("新车 3 台", s2.id, 20, office["zhao"]),  # not yet (21)
            ("保养合同", s2.id, 30, office["li"]),  # stuck (21)
        ):
            s.add(
                Deal(
                    customer_id=office["c2"],
                    pipeline_id=p.id,
                    stage_id=stage,
                    owner_id=owner,
                    title=title,
                    stage_entered_at=NOW - dt.timedelta(days=days),
                )
            )


def test_today_sections(db: Database, office: dict[str, int]) -> None:
    li, zhao = office["li"], office["zhao"]
    tasks.create(db, li, TaskData("逾期的", at(-2), customer_id=office["c1"]))
    tasks.create(db, li, TaskData("今天的", at(0, 15), customer_id=office["c1"]))
    tasks.create(db, li, TaskData("明天的", at(1)))
    tasks.create(db, zhao, TaskData("赵的今天", at(0)))
    tasks.create(
        db, li, TaskData("回访", at(-1), kind=TaskKind.RETURN_VISIT, customer_id=office["c1"])
    )
    done = tasks.create(db, li, TaskData("做完的", at(-1)))
    tasks.complete(db, li, done.task_id, now=NOW)
    with db.write() as s:
        s.get(Customer, office["c2"]).lifecycle = Lifecycle.AT_RISK  # type: ignore[union-attr]
    _pipeline(db, office)
    reminders.generate(db, NOW)  # birthday task for 王师傅 (3 days ahead)

    with db.session() as s:
        mine = tasks.today(s, li, NOW)
        everyone = tasks.today(s, office["boss"], NOW, scope="all")
        zhaos = tasks.today(s, office["boss"], NOW, scope=zhao)
    sec = mine.sections
    assert list(sec) == list(tasks.SECTIONS)
    assert [i.title for i in sec["overdue"].items] == ["逾期的"]
    assert sec["overdue"].items[0].days == 2
    assert [i.title for i in sec["today"].items] == ["今天的"]
    assert [i.title for i in sec["follow_ups"].items] == ["回访"]
    assert sec["follow_ups"].items[0].needs_outcome
    assert [(i.customer_id, i.days) for i in sec["birthdays"].items] == [(office["c1"], 3)]
    assert sec["birthdays"].items[0].task_id is not None  # the reminder's task, to tick off
    assert [i.title for i in sec["stuck_deals"].items] == ["保养合同"]
    assert sec["stuck_deals"].items[0].days == 30
    assert sec["at_risk"].count == 0

    assert zhaos.sections["today"].count == 1
    assert [i.title for i in zhaos.sections["stuck_deals"].items] == ["油卡 20 张"]
    assert [i.days for i in zhaos.sections["birthdays"].items] == [6]  # 陈经理, a contact

    e = everyone.sections
    assert e["today"].count == 2 and e["overdue"].count == 1
    assert {i.owner for i in e["today"].items} == {"李娜", "赵强"}
    assert e["stuck_deals"].count == 2
    assert e["birthdays"].count == 2
    data = everyone.as_dict()
    assert data["date"] == "2026-11-24" and data["sections"]["today"]["count"] == 2


def test_today_in_the_office_time_zone(db: Database, office: dict[str, int]) -> None:
    # 20:00 UTC on 24 November is 04:00 on 25 November in Shanghai.
    now = dt.datetime(2026, 11, 24, 20, 0, tzinfo=dt.UTC)
    late = dt.datetime(2026, 11, 24, 18, 0, tzinfo=dt.UTC)  # 02:00 on the 25th there
    tasks.create(db, office["li"], TaskData("夜里", late))
    with db.session() as s:
        utc = tasks.today(s, office["li"], now)
        local = tasks.today(s, office["li"], now, tz=SHANGHAI)
    assert utc.date == dt.date(2026, 11, 24) and utc.sections["today"].count == 1
    assert local.date == dt.date(2026, 11, 25) and local.sections["today"].count == 1
    # The birthday on 27 November: 3 days off in UTC, 2 in Shanghai.
    assert [i.days for i in utc.sections["birthdays"].items] == [3]
    assert [i.days for i in local.sections["birthdays"].items] == [2]


def test_birthdays_across_the_year_end(db: Database, office: dict[str, int]) -> None:
    with db.write() as s:
        s.get(Customer, office["c1"]).birthday = dt.date(1990, 1, 2)  # type: ignore[union-attr]
    now = dt.datetime(2026, 12, 29, 12, tzinfo=dt.UTC)
    with db.session() as s:
        view = tasks.today(s, office["li"], now)
    (item,) = view.sections["birthdays"].items
    assert item.when == dt.date(2027, 1, 2) and item.days == 4


def test_today_on_the_demo_database(demo_db: Database) -> None:
    with demo_db.session() as s:
        boss = s.scalar(select(User.id).where(User.role == Role.MANAGER).limit(1))
        as_of = s.scalar(select(Task.created_at).order_by(Task.created_at.desc()).limit(1))
    assert as_of is not None
    with demo_db.session() as s:
        view = tasks.today(s, boss, as_of, scope="all", limit=5)
    assert all(len(sec.items) <= 5 for sec in view.sections.values())
    assert view.sections["stuck_deals"].count > 0
    assert sum(sec.count for sec in view.sections.values()) > 0


# ---- the command line


def test_cli_today_json(
    capsys: pytest.CaptureFixture[str], db: Database, office: dict[str, int]
) -> None:
    import json

    from app.cli import main

    tasks.create(db, office["li"], TaskData("逾期的", at(-3), customer_id=office["c1"]))
    tasks.create(db, office["zhao"], TaskData("赵的", at(-3)))
    argv = ["today", "--db", db.target, "--user", "li", "--date", "2026-11-24", "--json"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["date"] == "2026-11-24"
    assert set(data["sections"]) == set(tasks.SECTIONS)
    assert data["sections"]["overdue"]["count"] == 1
    item = data["sections"]["overdue"]["items"][0]
    assert item["title"] == "逾期的" and item["customer_id"] == office["c1"]
    assert [b["days"] for b in data["sections"]["birthdays"]["items"]] == [3]

    assert main([*argv[:-1], "--scope", "all", "--user", "boss", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["sections"]["overdue"]["count"] == 2
    assert main([*argv[:-1], "--scope", "zhao", "--user", "boss"]) == 0
    out = capsys.readouterr().out
    assert "赵的" in out and "逾期的" not in out

    # A salesperson may not look at everyone's; an unknown user is one clear line.
    assert main([*argv[:-1], "--scope", "all"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("clientela: error:") and err.count("\n") == 1
    assert main(["today", "--db", db.target, "--user", "nobody"]) == 3  # refused
    assert "nobody" in capsys.readouterr().err


def test_cli_today_generates_reminders(
    capsys: pytest.CaptureFixture[str], db: Database, office: dict[str, int]
) -> None:
    from app.cli import main

    argv = ["today", "--db", db.target, "--user", "li", "--date", "2026-11-24", "--generate"]
    assert main(argv) == 0
    assert "生日问候：王师傅" not in capsys.readouterr().out  # birthdays list names
    with db.session() as s:
        keys = list(s.scalars(select(Task.source_key).where(Task.source_key.is_not(None))))
    assert keys == [f"birthday:customer:{office['c1']}:2026"]


def test_listing_pages_and_filters(db: Database, office: dict[str, int]) -> None:
    li = office["li"]
    ids = [tasks.create(db, li, TaskData(f"任务{i}", at(i))).task_id for i in range(5)]
    tasks.create(db, office["zhao"], TaskData("赵的", at(0)))
    tasks.complete(db, li, ids[0], now=NOW)
    with db.session() as s:
        total, rows = tasks.listing(s, li, "mine", "open", limit=2)
        assert total == 4 and [r.title for r in rows] == ["任务1", "任务2"]
        total, rows = tasks.listing(s, li, "mine", "open", offset=2, limit=2)
        assert [r.title for r in rows] == ["任务3", "任务4"]
        total, rows = tasks.listing(s, li, "mine", "done")
        assert total == 1 and rows[0].id == ids[0] and rows[0].status == "done"
        total, rows = tasks.listing(s, office["boss"], "all", "all")
        assert total == 6 and {r.owner for r in rows} == {"李娜", "赵强"}
        with pytest.raises(PermissionDenied):
            tasks.listing(s, li, "all")


def test_falling_due_for_the_tray(db: Database, office: dict[str, int]) -> None:
    li = office["li"]
    soon = tasks.create(db, li, TaskData("五分钟后", NOW + dt.timedelta(minutes=5))).task_id
    tasks.create(db, li, TaskData("一小时后", NOW + dt.timedelta(hours=1)))
    tasks.create(db, li, TaskData("早就到期", NOW - dt.timedelta(hours=1)))
    tasks.create(db, office["zhao"], TaskData("别人的", NOW + dt.timedelta(minutes=5)))
    snoozed = tasks.create(db, li, TaskData("推迟的", NOW - dt.timedelta(days=1))).task_id
    tasks.snooze(db, li, snoozed, NOW + dt.timedelta(minutes=8))
    with db.session() as s:
        rows = tasks.falling_due(s, li, NOW, NOW + dt.timedelta(minutes=10))
    assert [r.id for r in rows] == [soon, snoozed]

"""Reminders made by the program, on a fixed clock: birthdays (year ends, 29 February,
time zones), return visits, win-back, and two processes generating at once."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from app.db import Database
from app.models import Activity, AuditEntry, ContactPerson, Customer, Order, Setting, Task, User
from app.models.enums import ActivityKind, Lifecycle, TaskKind, TaskStatus
from app.services import reminders

ROOT = Path(__file__).resolve().parents[1]
SHANGHAI = ZoneInfo("Asia/Shanghai")
MADRID = ZoneInfo("Europe/Madrid")


def noon(day: dt.date, tz: dt.tzinfo = dt.UTC) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=tz)


@pytest.fixture
def owner(db: Database) -> int:
    with db.write() as s:
        u = User(username="li", display_name="李娜")
        s.add(u)
        s.flush()
        return u.id


def add_customer(db: Database, owner: int, name: str = "王师傅", **fields: object) -> int:
    with db.write() as s:
        n = s.scalar(select(func.count()).select_from(Customer)) or 0
        c = Customer(number=f"C{n + 1}", name=name, owner_id=owner, **fields)
        s.add(c)
        s.flush()
        return c.id


def add_order(
    db: Database, customer: int, day: dt.date, *, desk: bool = False, amount: str = "100"
) -> int:
    with db.write() as s:
        activity = None
        if desk:
            act = Activity(
                customer_id=customer,
                kind=ActivityKind.DESK_VISIT,
                occurred_at=noon(day),
                amount=Decimal(amount),
            )
            s.add(act)
            s.flush()
            activity = act.id
        o = Order(
            customer_id=customer, order_date=day, amount=Decimal(amount), activity_id=activity
        )
        s.add(o)
        s.flush()
        return o.id


def set_setting(db: Database, key: str, value: object) -> None:
    with db.write() as s:
        s.merge(Setting(key=key, value=value))


def tasks(db: Database, kind: TaskKind | None = None) -> list[Task]:
    with db.session() as s:
        q = select(Task).order_by(Task.id)
        if kind is not None:
            q = q.where(Task.kind == kind)
        return list(s.scalars(q))


# ---- settings


def test_settings_defaults_and_overrides(db: Database) -> None:
    with db.session() as s:
        rules = reminders.load_settings(s)
    assert rules.birthday_days_ahead == 3
    assert rules.return_visit_after(None) == 7
    assert rules.return_visit_after("Fleet") == 7
    assert rules.win_back_factor == 2.0
    set_setting(db, reminders.S_BIRTHDAY_DAYS, 5)
    set_setting(db, reminders.S_RETURN_VISIT_DAYS, {"default": 10, "Fleet": 14})
    set_setting(db, reminders.S_WIN_BACK_FACTOR, 3)
    set_setting(db, reminders.S_WIN_BACK_FLOOR_DAYS, "nonsense")
    with db.session() as s:
        rules = reminders.load_settings(s)
    assert rules.birthday_days_ahead == 5
    assert rules.return_visit_after("Fleet") == 14
    assert rules.return_visit_after("Dealer") == 10
    assert rules.win_back_factor == 3.0
    assert rules.win_back_floor_days == 90


def test_save_settings_round_trip_audit_and_refusals(db: Database) -> None:
    import dataclasses

    from app.errors import PermissionDenied, ValidationError
    from app.models.enums import Role

    rules = reminders.ReminderSettings(
        birthday_days_ahead=5,
        return_visit_days={"default": 10, " Fleet ": 14},
        win_back_factor=2.5,
        win_back_floor_days=120,
        key_account_monthly_visit=False,
    )
    changed = reminders.save_settings(db, None, rules)
    assert reminders.S_BIRTHDAY_DAYS in changed and reminders.S_KEY_ACCOUNT_VISITS in changed
    with db.session() as s:
        back = reminders.load_settings(s)
        audited = set(s.scalars(select(AuditEntry.field).where(AuditEntry.entity == "setting")))
    assert back.birthday_days_ahead == 5
    assert back.return_visit_after("Fleet") == 14 and back.return_visit_after(None) == 10
    assert (back.win_back_factor, back.win_back_floor_days) == (2.5, 120)
    assert back.key_account_monthly_visit is False
    assert set(changed) <= audited
    assert reminders.save_settings(db, None, back) == []  # nothing changed, nothing logged

    for bad, field in (
        (dataclasses.replace(rules, birthday_days_ahead=61), "birthday_days_ahead"),
        (dataclasses.replace(rules, win_back_factor=0.5), "win_back_factor"),
        (dataclasses.replace(rules, return_visit_days={"Fleet": 3}), "return_visit_days"),
        (dataclasses.replace(rules, return_visit_days={"default": 0}), "return_visit_days"),
        (dataclasses.replace(rules, win_back_floor_days=0), "win_back_floor_days"),
    ):
        with pytest.raises(ValidationError) as e:
            reminders.save_settings(db, None, bad)
        assert e.value.field == field
    with db.write() as s:
        clerk = User(username="li", display_name="Li", role=Role.SALES)
        s.add(clerk)
        s.flush()
        clerk_id = clerk.id
    with pytest.raises(PermissionDenied):
        reminders.save_settings(db, clerk_id, rules)


# ---- birthdays


def test_birthday_three_days_ahead_once(db: Database, owner: int) -> None:
    today = dt.date(2026, 11, 24)
    in3 = add_customer(db, owner, "三天后", birthday=dt.date(1980, 11, 27))
    add_customer(db, owner, "四天后", birthday=dt.date(1980, 11, 28))
    today_cid = add_customer(db, owner, "今天", birthday=dt.date(1990, 11, 24))
    add_customer(db, owner, "昨天", birthday=dt.date(1990, 11, 23))
    first = reminders.generate(db, noon(today))
    assert len(first.birthdays) == 2
    again = reminders.generate(db, noon(today) + dt.timedelta(hours=3))
    assert again.birthdays == [] and not again.changed
    made = {t.customer_id: t for t in tasks(db, TaskKind.BIRTHDAY)}
    assert set(made) == {in3, today_cid}
    t = made[in3]
    assert t.source_key == f"birthday:customer:{in3}:2026"
    assert t.owner_id == owner and t.status is TaskStatus.OPEN
    assert t.due_at == dt.datetime(2026, 11, 27, 9, tzinfo=dt.UTC)


def test_contact_person_birthday(db: Database, owner: int) -> None:
    cid = add_customer(db, owner, "华南物流有限公司")
    with db.write() as s:
        p = ContactPerson(customer_id=cid, name="陈经理", birthday=dt.date(1975, 3, 2))
        s.add(p)
        s.flush()
        pid = p.id
    result = reminders.generate(db, noon(dt.date(2027, 2, 28)))
    (t,) = tasks(db, TaskKind.BIRTHDAY)
    assert result.birthdays == [t.id]
    assert t.source_key == f"birthday:contact:{pid}:2027"
    assert t.contact_id == pid and t.customer_id == cid and t.owner_id == owner
    assert "陈经理" in t.title and "华南物流有限公司" in t.title


def test_birthday_across_the_year_end(db: Database, owner: int) -> None:
    cid = add_customer(db, owner, birthday=dt.date(1985, 1, 1))
    reminders.generate(db, noon(dt.date(2026, 12, 30)))
    (t,) = tasks(db, TaskKind.BIRTHDAY)
    assert t.source_key == f"birthday:customer:{cid}:2027"
    assert t.due_at.date() == dt.date(2027, 1, 1)
    # The next year's run makes next year's reminder, not a duplicate of this one.
    reminders.generate(db, noon(dt.date(2027, 12, 31)))
    keys = [t.source_key for t in tasks(db, TaskKind.BIRTHDAY)]
    assert keys == [f"birthday:customer:{cid}:2027", f"birthday:customer:{cid}:2028"]


def test_29_february_in_common_and_leap_years(db: Database, owner: int) -> None:
    cid = add_customer(db, owner, birthday=dt.date(2000, 2, 29))
    # 2027 is a common year: the birthday is kept on 28 February.
    assert reminders.generate(db, noon(dt.date(2027, 2, 24))).birthdays == []
    reminders.generate(db, noon(dt.date(2027, 2, 25)))
    (t,) = tasks(db, TaskKind.BIRTHDAY)
    assert t.due_at.date() == dt.date(2027, 2, 28)
    # 2028 is a leap year: 29 February itself, and still once.
    reminders.generate(db, noon(dt.date(2028, 2, 26)))
    reminders.generate(db, noon(dt.date(2028, 2, 29)))
    leap = [t for t in tasks(db, TaskKind.BIRTHDAY) if t.source_key.endswith(":2028")]
    assert [t.source_key for t in leap] == [f"birthday:customer:{cid}:2028"]
    assert leap[0].due_at.date() == dt.date(2028, 2, 29)


def test_the_office_time_zone_decides_which_day_is_today(db: Database, owner: int) -> None:
    cid = add_customer(db, owner, birthday=dt.date(1990, 1, 4))
    # 17:00 UTC on 31 December is already 01:00 on 1 January in Shanghai.
    now = dt.datetime(2026, 12, 31, 17, 0, tzinfo=dt.UTC)
    assert reminders.generate(db, now).birthdays == []  # UTC: 4 days ahead
    made = reminders.generate(db, now, tz=SHANGHAI)
    assert len(made.birthdays) == 1
    (t,) = tasks(db, TaskKind.BIRTHDAY)
    assert t.source_key == f"birthday:customer:{cid}:2027"
    # Due at 9:00 in Shanghai, stored as UTC.
    assert t.due_at == dt.datetime(2027, 1, 4, 1, 0, tzinfo=dt.UTC)


def test_due_time_in_a_zone_with_summer_time(db: Database, owner: int) -> None:
    add_customer(db, owner, birthday=dt.date(1970, 7, 1))
    reminders.generate(db, noon(dt.date(2026, 6, 29), MADRID))
    (t,) = tasks(db, TaskKind.BIRTHDAY)
    assert t.due_at == dt.datetime(2026, 7, 1, 7, 0, tzinfo=dt.UTC)  # 9:00 CEST


def test_deleted_and_ended_customers_get_no_reminders(db: Database, owner: int) -> None:
    add_customer(db, owner, birthday=dt.date(1980, 5, 2), deleted_at=noon(dt.date(2026, 1, 1)))
    add_customer(db, owner, birthday=dt.date(1980, 5, 2), lifecycle=Lifecycle.ENDED)
    assert not reminders.generate(db, noon(dt.date(2026, 5, 1))).changed


# ---- return visits


def test_return_visit_once_per_purchase(db: Database, owner: int) -> None:
    today = dt.date(2026, 11, 24)
    cid = add_customer(db, owner, "车队", category="Fleet")
    o1 = add_order(db, cid, today - dt.timedelta(days=2))
    o2 = add_order(db, cid, today)
    first = reminders.generate(db, noon(today))
    assert len(first.return_visits) == 2
    for day in range(1, 12):
        later = reminders.generate(db, noon(today + dt.timedelta(days=day)))
        assert later.return_visits == []
    made = {t.order_id: t for t in tasks(db, TaskKind.RETURN_VISIT)}
    assert set(made) == {o1, o2}
    assert made[o1].source_key == f"return_visit:order:{o1}"
    assert made[o1].due_at.date() == today + dt.timedelta(days=5)
    assert made[o2].due_at.date() == today + dt.timedelta(days=7)
    assert made[o2].owner_id == owner


def test_return_visit_interval_per_category(db: Database, owner: int) -> None:
    today = dt.date(2026, 11, 24)
    set_setting(db, reminders.S_RETURN_VISIT_DAYS, {"default": 10, "Fleet": 21})
    fleet = add_customer(db, owner, "车队", category="Fleet")
    other = add_customer(db, owner, "散客", category="Private owner")
    add_order(db, fleet, today)
    add_order(db, other, today)
    reminders.generate(db, noon(today))
    due = {t.customer_id: t.due_at.date() for t in tasks(db, TaskKind.RETURN_VISIT)}
    assert due == {fleet: today + dt.timedelta(days=21), other: today + dt.timedelta(days=10)}


def test_a_daily_desk_regular_gets_one_return_visit_per_period(db: Database, owner: int) -> None:
    start = dt.date(2026, 11, 1)
    cid = add_customer(db, owner, "每天加油的师傅")
    for i in range(40):
        add_order(db, cid, start + dt.timedelta(days=i), desk=True, amount="300")
    made = 0
    for i in range(40):
        made += len(reminders.generate(db, noon(start + dt.timedelta(days=i))).return_visits)
    # 40 days of purchases span two or three 30-day periods: never a task a day.
    assert 1 <= made <= 3
    assert made == len(tasks(db, TaskKind.RETURN_VISIT))


def test_old_purchases_make_no_late_return_visits(db: Database, owner: int) -> None:
    today = dt.date(2026, 11, 24)
    cid = add_customer(db, owner)
    add_order(db, cid, today - dt.timedelta(days=60))
    with db.write() as s:
        s.add(
            Order(
                customer_id=cid,
                order_date=today,
                amount=Decimal(5),
                deleted_at=noon(today),
            )
        )
    assert reminders.generate(db, noon(today)).return_visits == []


# ---- win-back


def test_win_back_flags_a_customer_past_their_own_cycle(db: Database, owner: int) -> None:
    today = dt.date(2026, 11, 24)
    lapsed = add_customer(db, owner, "十天一次", lifecycle=Lifecycle.STEADY)
    fresh = add_customer(db, owner, "还在来", lifecycle=Lifecycle.STEADY)
    lost = add_customer(db, owner, "已流失", lifecycle=Lifecycle.LOST)
    for k in range(5):
        add_order(db, lapsed, today - dt.timedelta(days=21 + 10 * k))  # cycle 10, gap 21
        add_order(db, fresh, today - dt.timedelta(days=15 + 10 * k))  # cycle 10, gap 15
        add_order(db, lost, today - dt.timedelta(days=300 + 10 * k))
    result = reminders.generate(db, noon(today))
    assert result.at_risk == [lapsed]
    (t,) = tasks(db, TaskKind.WIN_BACK)
    assert result.win_backs == [t.id]
    assert t.source_key == f"win_back:customer:{lapsed}" and t.owner_id == owner
    with db.session() as s:
        assert s.get(Customer, lapsed).lifecycle is Lifecycle.AT_RISK  # type: ignore[union-attr]
        assert s.get(Customer, fresh).lifecycle is Lifecycle.STEADY  # type: ignore[union-attr]
        assert s.get(Customer, lost).lifecycle is Lifecycle.LOST  # type: ignore[union-attr]
        audit = s.scalars(
            select(AuditEntry).where(
                AuditEntry.entity == "customer", AuditEntry.entity_id == lapsed
            )
        ).all()
        assert [(a.field, a.new_value) for a in audit] == [("lifecycle", "at_risk")]
    again = reminders.generate(db, noon(today + dt.timedelta(days=1)))
    assert not again.changed


def test_win_back_factor_from_settings(db: Database, owner: int) -> None:
    today = dt.date(2026, 11, 24)
    set_setting(db, reminders.S_WIN_BACK_FACTOR, 3)
    cid = add_customer(db, owner, lifecycle=Lifecycle.STEADY)
    for k in range(5):
        add_order(db, cid, today - dt.timedelta(days=25 + 10 * k))
    assert reminders.generate(db, noon(today)).at_risk == []
    assert reminders.generate(db, noon(today + dt.timedelta(days=6))).at_risk == [cid]


def test_win_back_floor_for_customers_with_few_purchases(db: Database, owner: int) -> None:
    today = dt.date(2026, 11, 24)
    once = add_customer(db, owner, "买过一次", lifecycle=Lifecycle.NEW)
    twice = add_customer(db, owner, "买过两次", lifecycle=Lifecycle.NEW)
    add_order(db, once, today - dt.timedelta(days=150))
    add_order(db, twice, today - dt.timedelta(days=150))
    add_order(db, twice, today - dt.timedelta(days=160))  # a 10-day gap says little
    assert reminders.generate(db, noon(today)).at_risk == []  # floor 90 × 2 = 180 days
    assert reminders.generate(db, noon(today + dt.timedelta(days=31))).at_risk == [once, twice]


def test_desk_visits_with_an_amount_count_as_purchases(db: Database, owner: int) -> None:
    today = dt.date(2026, 11, 24)
    cid = add_customer(db, owner, lifecycle=Lifecycle.STEADY)
    with db.write() as s:
        for k in range(6):
            s.add(
                Activity(
                    customer_id=cid,
                    kind=ActivityKind.DESK_VISIT,
                    occurred_at=noon(today - dt.timedelta(days=7 + 7 * k)),
                    amount=Decimal(200),
                )
            )
    assert reminders.generate(db, noon(today)).at_risk == []  # 7 days, cycle 7
    assert reminders.generate(db, noon(today + dt.timedelta(days=8))).at_risk == [cid]


def test_a_customer_won_back_and_lapsing_again_gets_the_task_reopened(
    db: Database, owner: int
) -> None:
    today = dt.date(2026, 11, 24)
    cid = add_customer(db, owner, lifecycle=Lifecycle.STEADY)
    for k in range(4):
        add_order(db, cid, today - dt.timedelta(days=30 + 10 * k))
    reminders.generate(db, noon(today))
    with db.write() as s:
        (t,) = s.scalars(select(Task).where(Task.kind == TaskKind.WIN_BACK))
        t.status, t.done_at = TaskStatus.DONE, noon(today)
        s.get(Customer, cid).lifecycle = Lifecycle.WON_BACK  # type: ignore[union-attr]
    later = today + dt.timedelta(days=5)
    add_order(db, cid, later)
    assert reminders.generate(db, noon(later)).at_risk == []
    lapsed = later + dt.timedelta(days=40)
    assert reminders.generate(db, noon(lapsed)).at_risk == [cid]
    (t,) = tasks(db, TaskKind.WIN_BACK)
    assert t.status is TaskStatus.OPEN and t.done_at is None
    assert t.due_at.date() == lapsed


def test_generate_on_the_demo_database_is_idempotent(demo_db: Database) -> None:
    with demo_db.session() as s:
        as_of = s.scalar(select(Setting.value).where(Setting.key == "demo.generated"))
    today = dt.date.fromisoformat(as_of["as_of"])  # type: ignore[index]
    first = reminders.generate(demo_db, noon(today, SHANGHAI))
    assert first.tasks
    second = reminders.generate(demo_db, noon(today, SHANGHAI))
    assert not second.changed
    with demo_db.session() as s:
        dupes = s.execute(
            select(Task.source_key)
            .where(Task.source_key.is_not(None))
            .group_by(Task.source_key)
            .having(func.count() > 1)
        ).all()
    assert dupes == []


# ---- two PCs at once

SCRIPT = textwrap.dedent(
    """
    import datetime as dt, json, sys, time
    from pathlib import Path
    from app.db import open_database
    from app.services import reminders

    path, go = sys.argv[1], Path(sys.argv[2])
    db = open_database(path)
    while not go.exists():
        time.sleep(0.005)
    now = dt.datetime(2026, 11, 24, 12, tzinfo=dt.UTC)
    made = reminders.generate(db, now)
    db.dispose()
    print(json.dumps({"return_visits": len(made.return_visits), "at_risk": made.at_risk}))
    """
)


def test_two_processes_make_each_return_visit_once(
    db: Database, owner: int, tmp_path: Path
) -> None:
    today = dt.date(2026, 11, 24)
    orders = []
    for i in range(60):
        cid = add_customer(db, owner, f"客户{i}", lifecycle=Lifecycle.STEADY)
        orders.append(add_order(db, cid, today - dt.timedelta(days=i % 9)))
    lapsed = []
    for i in range(6):
        cid = add_customer(db, owner, f"流失{i}", lifecycle=Lifecycle.STEADY)
        lapsed.append(cid)
        for k in range(3):  # a cycle of 10 days, the last 60 days ago
            add_order(db, cid, today - dt.timedelta(days=60 + 10 * k))
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", SCRIPT, db.target, str(go)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    go.touch()
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        results.append(json.loads(out))
    assert sum(r["return_visits"] for r in results) == len(orders)
    with db.session() as s:
        keys = list(s.scalars(select(Task.source_key).where(Task.kind == TaskKind.RETURN_VISIT)))
    assert sorted(keys) == sorted(f"return_visit:order:{o}" for o in orders)
    assert sorted(c for r in results for c in r["at_risk"]) == lapsed
    assert len(tasks(db, TaskKind.WIN_BACK)) == len(lapsed)


def test_buying_again_wins_the_customer_back(db: Database, owner: int) -> None:
    today = dt.date(2026, 11, 24)
    cid = add_customer(db, owner, lifecycle=Lifecycle.STEADY)
    for k in range(4):
        add_order(db, cid, today - dt.timedelta(days=30 + 10 * k))
    assert reminders.generate(db, noon(today)).at_risk == [cid]
    later = today + dt.timedelta(days=3)
    add_order(db, cid, later)
    result = reminders.generate(db, noon(later))
    assert result.won_back == [cid] and result.at_risk == [] and result.win_backs == []
    (t,) = tasks(db, TaskKind.WIN_BACK)
    assert t.status is TaskStatus.DONE and t.outcome == "The customer bought again"
    with db.session() as s:
        assert s.get(Customer, cid).lifecycle is Lifecycle.WON_BACK  # type: ignore[union-attr]
    assert not reminders.generate(db, noon(later)).changed


def test_closing_a_win_back_as_lost_records_the_reason(db: Database, owner: int) -> None:
    from app.errors import ValidationError
    from app.models.enums import ReasonCategory

    today = dt.date(2026, 11, 24)
    cid = add_customer(db, owner, lifecycle=Lifecycle.STEADY)
    for k in range(4):
        add_order(db, cid, today - dt.timedelta(days=30 + 10 * k))
    reminders.generate(db, noon(today))
    with pytest.raises(ValidationError):
        reminders.close_win_back(db, owner, cid, Lifecycle.LOST)
    closed = reminders.close_win_back(
        db,
        owner,
        cid,
        Lifecycle.LOST,
        reason=ReasonCategory.COMPETITOR,
        text="对面加油站打八折",
        today=today,
    )
    assert closed.lifecycle is Lifecycle.LOST and len(closed.task_ids) == 1
    with db.session() as s:
        c = s.get(Customer, cid)
        assert c is not None and c.lost_at == today
        assert (
            c.lost_reason is ReasonCategory.COMPETITOR and c.lost_reason_text == "对面加油站打八折"
        )
    (t,) = tasks(db, TaskKind.WIN_BACK)
    assert t.status is TaskStatus.CANCELLED
    # A lost customer is not flagged again.
    assert not reminders.generate(db, noon(today + dt.timedelta(days=30))).changed
    ended = reminders.close_win_back(
        db, owner, cid, Lifecycle.ENDED, reason=ReasonCategory.CUSTOMER, today=today
    )
    assert ended.task_ids == []
    with db.session() as s:
        assert s.get(Customer, cid).ended_at == today  # type: ignore[union-attr]


def test_key_accounts_get_a_monthly_visit_unless_visited(db: Database, owner: int) -> None:
    key = add_customer(db, owner, "华南物流", is_key_account=True)
    visited = add_customer(db, owner, "深圳公交", is_key_account=True)
    add_customer(db, owner, "散客")
    with db.write() as s:
        s.add(
            Activity(
                customer_id=visited,
                kind=ActivityKind.VISIT,
                occurred_at=noon(dt.date(2026, 11, 3)),
            )
        )
    made = reminders.generate(db, noon(dt.date(2026, 11, 24)))
    (t,) = tasks(db, TaskKind.FOLLOW_UP)
    assert made.regular_visits == [t.id]
    assert t.customer_id == key and t.source_key == f"regular_visit:customer:{key}:2026-11"
    assert reminders.generate(db, noon(dt.date(2026, 11, 30))).regular_visits == []
    december = reminders.generate(db, noon(dt.date(2026, 12, 1)))
    assert len(december.regular_visits) == 2  # a new month: both are due a visit
    set_setting(db, reminders.S_KEY_ACCOUNT_VISITS, False)
    assert reminders.generate(db, noon(dt.date(2027, 1, 5))).regular_visits == []


def test_starred_and_class_a_customers_are_key_accounts_for_the_visit(
    db: Database, owner: int
) -> None:
    """The same key accounts as the Today page's thin teams (``teams.key_accounts_query``):
    marked, starred ★ or class A."""
    from app.models import CustomerSegment
    from app.services import teams

    starred = add_customer(db, owner, "华南物流")
    class_a = add_customer(db, owner, "深圳公交")
    class_b = add_customer(db, owner, "散客")
    with db.write() as s:
        for cid, star, abc in ((starred, True, "B"), (class_a, False, "A"), (class_b, False, "B")):
            s.add(
                CustomerSegment(
                    customer_id=cid, starred=star, abc_class=abc, lifecycle=Lifecycle.STEADY
                )
            )
    made = reminders.generate(db, noon(dt.date(2026, 11, 24)))
    with db.session() as s:
        visited = {
            t.customer_id for t in s.scalars(select(Task).where(Task.id.in_(made.regular_visits)))
        }
        key_accounts = set(s.scalars(teams.key_accounts_query(Customer.id)))
    assert visited == key_accounts == {starred, class_a}


def test_generation_runs_once_a_day(db) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from app.services import reminders

    morning = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)
    assert reminders.generate_if_due(db, morning) is not None
    assert reminders.generate_if_due(db, morning + dt.timedelta(hours=5)) is None
    assert reminders.generate_if_due(db, morning + dt.timedelta(days=1)) is not None

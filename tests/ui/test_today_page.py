"""The Today page as a salesperson uses it: reminders made at load, a follow-up done
with its outcome, a task snoozed, a line opening its customer, a manager's scopes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.db import Database
from app.models import Activity, Customer, Order, Task, User
from app.models.enums import ActivityKind, Role, TaskKind, TaskStatus
from app.services import tasks
from app.services.tasks import TaskData
from app.services.users import current_user
from app.ui.pages.today import TodayPage

pytestmark = pytest.mark.gui

NOW = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC)
TIMEOUT = 10_000


@pytest.fixture
def office(db: Database) -> dict[str, int]:
    with db.write() as s:
        li = User(username="li", display_name="李娜", role=Role.SALES)
        boss = User(username="boss", display_name="王经理", role=Role.MANAGER)
        s.add_all([li, boss])
        s.flush()
        wang = Customer(number="C1", name="王师傅", owner_id=li.id, birthday=dt.date(1980, 11, 26))
        zhang = Customer(number="C2", name="张三", owner_id=li.id)
        s.add_all([wang, zhang])
        s.flush()
        # Bought a week ago: the page's first load makes the return visit, due today.
        s.add(Order(customer_id=wang.id, order_date=dt.date(2026, 11, 17), amount=Decimal(300)))
        ids = {"li": li.id, "boss": boss.id, "wang": wang.id, "zhang": zhang.id}
    ids["call"] = tasks.create(
        db,
        ids["li"],
        TaskData("电话联系：张三", NOW - dt.timedelta(days=1), customer_id=ids["zhang"]),
    ).task_id
    tasks.create(db, ids["boss"], TaskData("经理的事", NOW))
    return ids


def make_page(qtbot, db: Database, username: str) -> TodayPage:  # type: ignore[no-untyped-def]
    page = TodayPage()
    page.clock = lambda: NOW
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        page.set_context(db, current_user(db, username))
    return page


def titles(page: TodayPage, key: str) -> list[str]:
    return [row.item.title for row in page.cards[key].rows]


def test_done_with_outcome_and_snooze(qtbot, db: Database, office: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, db, "li")
    assert page.generation is not None and len(page.generation.return_visits) == 1
    assert page.generation.birthdays  # 王师傅, in two days
    follow_ups = page.cards["follow_ups"]
    assert follow_ups.count == 1 and titles(page, "follow_ups") == ["Post-purchase call: 王师傅"]
    assert titles(page, "overdue") == ["电话联系：张三"]
    assert "经理的事" not in titles(page, "today")  # the manager's own task
    assert [r.item.days for r in page.cards["birthdays"].rows] == [2]

    asked = []

    def answer(item):  # type: ignore[no-untyped-def]
        asked.append(item.task_kind)
        return "Very happy; wants a service next month", 5

    page.ask_outcome = answer
    row = follow_ups.rows[0]
    assert row.done_button is not None
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        qtbot.mouseClick(row.done_button, Qt.MouseButton.LeftButton)
    assert asked == ["return_visit"]
    assert follow_ups.count == 0 and follow_ups.rows == []
    with db.session() as s:
        task = s.scalar(select(Task).where(Task.kind == TaskKind.RETURN_VISIT))
        assert task is not None and task.status is TaskStatus.DONE
        act = s.scalar(select(Activity).where(Activity.kind == ActivityKind.RETURN_VISIT))
        assert act is not None and act.customer_id == office["wang"]
        assert act.outcome == "Very happy; wants a service next month" and act.satisfaction == 5

    overdue = page.cards["overdue"]
    (call,) = overdue.rows
    assert call.snooze_button is not None
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        call.snooze_actions[1].trigger()
    assert overdue.count == 0
    with db.session() as s:
        snoozed = s.get(Task, office["call"])
        assert snoozed is not None and snoozed.status is TaskStatus.OPEN
        assert snoozed.snoozed_until == dt.datetime(2026, 11, 25, 9, tzinfo=dt.UTC)


def test_cancelling_the_outcome_leaves_the_task_open(
    qtbot, db: Database, office: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, db, "li")
    page.ask_outcome = lambda item: None
    assert page.complete_item(page.cards["follow_ups"].rows[0].item) is None
    with db.session() as s:
        task = s.scalar(select(Task).where(Task.kind == TaskKind.RETURN_VISIT))
        assert task is not None and task.status is TaskStatus.OPEN


def test_a_line_opens_its_customer(qtbot, db: Database, office: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, db, "li")
    row = page.cards["overdue"].rows[0]
    with qtbot.waitSignal(page.openCustomer, timeout=TIMEOUT) as signal:
        qtbot.mouseClick(row.title_button, Qt.MouseButton.LeftButton)
    assert signal.args == [office["zhang"]]


def test_a_stuck_deal_opens_the_deal(qtbot, db: Database, office: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    from app.services import deals, pipeline
    from app.services.deals import DealData

    pipeline.ensure_default(db)
    deal_id = deals.create_deal(
        db,
        office["li"],
        office["wang"],
        DealData(title="车队加油卡", amount="5000"),
        now=NOW - dt.timedelta(days=60),
    )
    page = make_page(qtbot, db, "li")
    row = page.cards["stuck_deals"].rows[0]
    assert row.item.deal_id == deal_id
    with qtbot.waitSignal(page.openDeal, timeout=TIMEOUT) as signal:
        qtbot.mouseClick(row.title_button, Qt.MouseButton.LeftButton)
    assert signal.args == [deal_id]


def test_a_manager_switches_between_views(qtbot, db: Database, office: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, db, "boss")
    assert page.scope_box.isVisible()
    assert titles(page, "today") == ["经理的事"]
    qtbot.waitUntil(lambda: page.scope_box.findData(office["li"]) >= 0, timeout=TIMEOUT)
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        page.scope_box.setCurrentIndex(page.scope_box.findData(office["li"]))
    assert titles(page, "overdue") == ["电话联系：张三"] and titles(page, "today") == []
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        page.scope_box.setCurrentIndex(page.scope_box.findData("all"))
    assert titles(page, "today") == ["经理的事"]
    assert page.cards["overdue"].count == 1
    assert "李娜" in page.cards["overdue"].rows[0].detail_label.text()


def test_a_salesperson_has_no_scope_choice(qtbot, db: Database, office: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, db, "li")
    assert not page.scope_box.isVisible()


def test_a_new_day_makes_its_reminders_on_refresh(
    qtbot, db: Database, office: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, db, "li")
    assert page.generated_day == NOW.date()
    page.clock = lambda: NOW + dt.timedelta(days=2)
    with qtbot.waitSignal(page.loaded, timeout=TIMEOUT):
        qtbot.mouseClick(page.refresh_button, Qt.MouseButton.LeftButton)
    assert page.generated_day == dt.date(2026, 11, 26)
    assert page.view is not None and page.view.date == dt.date(2026, 11, 26)
    assert [r.item.days for r in page.cards["birthdays"].rows] == [0]


def test_tasks_falling_due_are_announced(qtbot, db: Database, office: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, db, "li")
    page.due_timer.stop()
    tasks.create(db, office["li"], TaskData("回电话给王师傅", NOW + dt.timedelta(minutes=5)))
    tasks.create(db, office["li"], TaskData("明天的事", NOW + dt.timedelta(days=1)))
    said: list[tuple[str, str]] = []
    page.notify = lambda title, text: said.append((title, text))
    page.clock = lambda: NOW + dt.timedelta(minutes=10)
    with qtbot.waitSignal(page.tasksFellDue, timeout=TIMEOUT) as signal:
        page.check_due()
    assert [r.title for r in signal.args[0]] == ["回电话给王师傅"]
    assert said and "回电话给王师傅" in said[0][1]
    qtbot.waitUntil(lambda: "回电话给王师傅" in titles(page, "today"), timeout=TIMEOUT)
    # Announced once: the next look finds nothing new.
    page.clock = lambda: NOW + dt.timedelta(minutes=11)
    op = page.check_due()
    assert op is not None
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert len(said) == 1

"""The Tasks page: the list in pages, a new task, done with outcome, snooze, filters."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.db import Database
from app.models import Activity, Customer, Task, User
from app.models.enums import Recurrence, Role, TaskKind, TaskStatus
from app.services import tasks
from app.services.tasks import TaskData
from app.services.users import current_user
from app.ui.pages import tasks as tasks_page
from app.ui.pages.tasks import TasksPage

pytestmark = pytest.mark.gui

NOW = dt.datetime(2026, 11, 24, 10, 0, tzinfo=dt.UTC)
TIMEOUT = 10_000


@pytest.fixture
def office(db: Database) -> dict[str, int]:
    with db.write() as s:
        li = User(username="li", display_name="李娜", role=Role.SALES)
        s.add(li)
        s.flush()
        wang = Customer(number="C1", name="王师傅", owner_id=li.id)
        s.add(wang)
        s.flush()
        ids = {"li": li.id, "wang": wang.id}
    ids["visit"] = tasks.create(
        db,
        ids["li"],
        TaskData("Post-purchase call", NOW, kind=TaskKind.RETURN_VISIT, customer_id=ids["wang"]),
    ).task_id
    return ids


def make_page(qtbot, db: Database) -> TasksPage:  # type: ignore[no-untyped-def]
    page = TasksPage()
    page.clock = lambda: NOW
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    with qtbot.waitSignal(page.model.loaded, timeout=TIMEOUT):
        page.set_context(db, current_user(db, "li"))
    return page


def test_pages_of_rows(qtbot, db: Database, office: dict[str, int], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(tasks_page, "PAGE_ROWS", 10)
    for i in range(24):
        tasks.create(db, office["li"], TaskData(f"to-do {i}", NOW + dt.timedelta(hours=i + 1)))
    page = make_page(qtbot, db)
    assert page.model.total == 25 and 10 <= page.model.rowCount() < 25
    # The view asks for more as it scrolls (canFetchMore / fetchMore), a page at a time.

    def all_rows() -> bool:
        page.model.fetchMore()
        return page.model.rowCount() == 25

    qtbot.waitUntil(all_rows, timeout=TIMEOUT)
    assert not page.model.canFetchMore()
    assert page.count_label.text().startswith("25")


def test_new_task_then_done_with_outcome_then_snooze(
    qtbot, db: Database, office: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, db)
    qtbot.waitUntil(lambda: bool(page.people), timeout=TIMEOUT)
    dialog = page.new_task()
    assert dialog is not None
    qtbot.keyClicks(dialog.title_edit, "Weekly report")
    dialog.repeat_box.setCurrentIndex(dialog.repeat_box.findData(Recurrence.WEEKLY))
    with qtbot.waitSignal(page.model.loaded, timeout=TIMEOUT):
        dialog.accept()
    assert page.model.total == 2
    with db.session() as s:
        made = s.scalar(select(Task).where(Task.title == "Weekly report"))
        assert made is not None and made.owner_id == office["li"]
        assert made.recurrence is Recurrence.WEEKLY

    assert page.select_task(office["visit"])
    page.ask_outcome = lambda row: ("Happy with the service", 4)
    with qtbot.waitSignal(page.model.loaded, timeout=TIMEOUT):
        qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    assert [r.id for r in page.model.rows] == [made.id]
    with db.session() as s:
        act = s.scalar(select(Activity).where(Activity.customer_id == office["wang"]))
        assert act is not None and act.outcome == "Happy with the service"

    assert page.select_task(made.id)
    with qtbot.waitSignal(page.model.loaded, timeout=TIMEOUT):
        page.snooze_week.trigger()
    with db.session() as s:
        t = s.get(Task, made.id)
        assert t is not None and t.snoozed_until == dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)

    with qtbot.waitSignal(page.model.loaded, timeout=TIMEOUT):
        page.status_box.setCurrentIndex(page.status_box.findData("done"))
    assert [r.status for r in page.model.rows] == [TaskStatus.DONE.value]


def test_double_click_opens_the_customer(qtbot, db: Database, office: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, db)
    index = page.model.index(0, 1)
    with qtbot.waitSignal(page.openCustomer, timeout=TIMEOUT) as signal:
        page.table.doubleClicked.emit(index)
    assert signal.args == [office["wang"]]


def test_model_passes_the_checker(
    qtbot, qtmodeltester, db: Database, office: dict[str, int]
) -> None:  # type: ignore[no-untyped-def]
    page = make_page(qtbot, db)
    qtmodeltester.check(page.model)

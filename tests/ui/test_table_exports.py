"""Exports from the window besides the customers page: the Tasks page's view, the
pipeline board's deals, and File ▸ Export data… for any table."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QMessageBox

from app.services import pipeline, tasks
from app.services.users import current_user
from app.ui.export_dialog import ExportDialog
from app.ui.pages.pipeline import PipelinePage
from app.ui.pages.tasks import TasksPage

pytestmark = pytest.mark.gui

TIMEOUT = 15_000


def _rows(path: Path, column: str) -> list[object]:
    ws = openpyxl.load_workbook(path).active
    header = [c.value for c in ws[1]]
    i = header.index(column)
    return [r[i] for r in ws.iter_rows(min_row=2, values_only=True)]


def test_tasks_page_exports_what_it_shows(qtbot, demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = TasksPage()
    qtbot.addWidget(page)
    page.show()
    user = current_user(demo_db, None)
    page.set_context(demo_db, user)
    qtbot.waitUntil(lambda: page.scope_box.findData("all") >= 0, timeout=TIMEOUT)
    page.scope_box.setCurrentIndex(page.scope_box.findData("all"))
    page.status_box.setCurrentIndex(page.status_box.findData("done"))
    qtbot.waitUntil(lambda: page.model.total > 0, timeout=TIMEOUT)
    target = tmp_path / "任务.xlsx"
    page.ask_export_path = lambda: str(target)
    op = page.export_view()
    assert op is not None
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert op.error is None
    with demo_db.session() as s:
        _total, rows = tasks.listing(s, user.id, "all", "done", limit=100_000)
    assert _rows(target, "Title") == [r.title for r in rows]
    box = page.findChild(QMessageBox, "exportDoneBox")
    assert box is not None and str(target) in box.text()
    box.close()


def test_pipeline_exports_the_board(qtbot, demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = PipelinePage()
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    with qtbot.waitSignal(page.boardShown, timeout=TIMEOUT):
        page.set_context(demo_db, current_user(demo_db, None))
    page.min_edit.setText("100000")
    with qtbot.waitSignal(page.boardShown, timeout=TIMEOUT):
        page._filters_changed()
    target = tmp_path / "deals.csv"
    page.ask_export_path = lambda: str(target)
    op = page.export_board()
    assert op is not None
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert op.error is None
    shown = [c.title for col in page.board.columns for c in col.model.cards()]
    text = target.read_text(encoding="utf-8-sig").splitlines()
    assert len(text) == len(shown) + 1 and shown
    with demo_db.session() as s:
        board = pipeline.board(s, filters=page.current_filter())
    assert [c.title for col in board.columns for c in col.cards] == shown
    page.findChild(QMessageBox, "exportDoneBox").close()


def test_export_data_dialog(qtbot, demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(demo_db, current_user(demo_db, None))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.owner_box.count() > 1, timeout=TIMEOUT)
    dialog.what_box.setCurrentIndex(dialog.what_box.findData("payments"))
    assert "payment date" in dialog.hint.text()
    dialog.owner_box.setCurrentIndex(1)
    dialog.days_check.setChecked(True)
    dialog.from_edit.setDate(dialog.to_edit.date().addDays(1))  # after the last day
    assert dialog.export() is None
    assert "comes after" in dialog.hint.text()
    dialog.from_edit.setDate(dialog.to_edit.date().addYears(-3))
    target = tmp_path / "payments.xlsx"
    dialog.ask_path = lambda _stem: str(target)
    with qtbot.waitSignal(dialog.started, timeout=TIMEOUT) as started:
        dialog.export()
    op = started.args[0]
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert op.error is None and op.result.rows > 0
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["Payments"]
    assert set(_rows(target, "Salesperson")) == {dialog.owner_box.itemText(1)}

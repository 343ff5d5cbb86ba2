"""The operation runner: work off the UI thread, results on it, progress only after half
a second, Cancel, failures, and a write lock held by another PC."""

from __future__ import annotations

import itertools
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from app.db import open_database
from app.errors import ValidationError
from app.models import User
from app.ui import errors
from app.ui.operations import PROGRESS_DELAY_MS, Operation, Progress

TIMEOUT = 10_000


@pytest.fixture
def parent(qtbot) -> QWidget:  # type: ignore[no-untyped-def]
    w = QWidget()
    w.resize(400, 300)
    qtbot.addWidget(w)
    w.show()
    return w


def _gate() -> threading.Event:
    return threading.Event()


def test_success_is_delivered_on_the_ui_thread(qtbot, parent: QWidget) -> None:  # type: ignore[no-untyped-def]
    seen: dict[str, object] = {}

    def work(_p: Progress) -> int:
        seen["worker"] = threading.current_thread().name
        return 42

    def done(result: int) -> None:
        seen["result"] = result
        seen["ui_thread"] = threading.current_thread() is threading.main_thread()

    op = Operation(parent, work).success(done)
    with qtbot.waitSignal(op.finished, timeout=TIMEOUT):
        op.run()
    assert seen == {"worker": seen["worker"], "result": 42, "ui_thread": True}
    assert str(seen["worker"]).startswith("clientela-write")
    assert op.done and op.result == 42 and op.error is None


def test_reads_use_their_own_pool(qtbot, parent: QWidget) -> None:  # type: ignore[no-untyped-def]
    op = Operation(parent, lambda _p: threading.current_thread().name, writes=False)
    with qtbot.waitSignal(op.finished, timeout=TIMEOUT):
        op.run()
    assert op.result.startswith("clientela-read")


def test_writes_run_one_at_a_time(qtbot, parent: QWidget) -> None:  # type: ignore[no-untyped-def]
    spans: list[tuple[float, float]] = []

    def work(_p: Progress) -> None:
        start = time.monotonic()
        time.sleep(0.05)
        spans.append((start, time.monotonic()))

    ops = [Operation(parent, work) for _ in range(4)]
    for op in ops:
        op.run()
    qtbot.waitUntil(lambda: all(op.done for op in ops), timeout=TIMEOUT)
    spans.sort()
    assert len(spans) == 4
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


def test_failure_callback_gets_the_exception(qtbot, parent: QWidget) -> None:  # type: ignore[no-untyped-def]
    got: list[BaseException] = []

    def work(_p: Progress) -> None:
        raise ValueError("bad value")

    op = Operation(parent, work).success(lambda _r: pytest.fail("no success")).failure(got.append)
    with qtbot.waitSignal(op.finished, timeout=TIMEOUT):
        op.run()
    assert len(got) == 1 and isinstance(got[0], ValueError)
    assert op.error is got[0]


def test_default_failure_shows_a_clientela_error(qtbot, parent: QWidget) -> None:  # type: ignore[no-untyped-def]
    def work(_p: Progress) -> None:
        raise ValidationError("the phone number {phone} is too short", phone="123")

    op = Operation(parent, work)
    with qtbot.waitSignal(op.finished, timeout=TIMEOUT):
        op.run()
    box = parent.findChild(QMessageBox, "operationFailedBox")
    assert box is not None and box.isVisible()
    assert box.text() == "the phone number 123 is too short"
    box.close()


def test_default_failure_sends_an_unexpected_error_to_the_handler(
    qtbot, parent: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    reported: list[BaseException] = []
    monkeypatch.setattr(errors, "report_exception", reported.append)

    def work(_p: Progress) -> None:
        raise KeyError("surprise")

    op = Operation(parent, work)
    with qtbot.waitSignal(op.finished, timeout=TIMEOUT):
        op.run()
    assert len(reported) == 1 and isinstance(reported[0], KeyError)


def test_a_quick_operation_shows_no_progress(qtbot, parent: QWidget) -> None:  # type: ignore[no-untyped-def]
    op = Operation(parent, lambda p: p.report(1, 1)).with_progress("Quick")
    with qtbot.waitSignal(op.finished, timeout=TIMEOUT):
        op.run()
    qtbot.wait(PROGRESS_DELAY_MS + 100)  # the event loop runs; the timer must not fire a dialog
    assert op.dialog_shown_at is None


def test_progress_appears_after_half_a_second_and_follows_reports(qtbot, parent: QWidget) -> None:  # type: ignore[no-untyped-def]
    release = _gate()

    def work(p: Progress) -> str:
        p.report(3, 10, "Step three")
        release.wait(TIMEOUT / 1000)
        return "ok"

    op = Operation(parent, work).with_progress("Working…").run()
    assert op.dialog is None
    qtbot.waitUntil(lambda: op.dialog is not None, timeout=TIMEOUT)
    assert op.started_at is not None and op.dialog_shown_at is not None
    assert op.dialog_shown_at - op.started_at >= PROGRESS_DELAY_MS / 1000 - 0.01
    dialog = op.dialog
    assert dialog.isVisible()
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    qtbot.waitUntil(lambda: dialog.bar.maximum() == 10 and dialog.bar.value() == 3)
    assert dialog.label.text() == "Step three"
    with qtbot.waitSignal(op.finished, timeout=TIMEOUT):
        release.set()
    assert op.result == "ok" and op.dialog is None


def test_cancel_stops_a_long_operation(qtbot, parent: QWidget) -> None:  # type: ignore[no-untyped-def]
    calls: list[str] = []

    def work(p: Progress) -> None:
        deadline = time.monotonic() + TIMEOUT / 1000
        step = 0
        while not p.cancelled:
            if time.monotonic() > deadline:
                raise AssertionError("never cancelled")
            step += 1
            p.report(step, 1_000_000)
            time.sleep(0.005)
        raise RuntimeError("stopped")  # as a service raises its own Cancelled

    op = (
        Operation(parent, work)
        .with_progress("Long work")
        .success(lambda _r: calls.append("success"))
        .failure(lambda _e: calls.append("failure"))
        .on_cancel(lambda: calls.append("cancel"))
        .run()
    )
    qtbot.waitUntil(lambda: op.dialog is not None, timeout=TIMEOUT)
    button = op.dialog.findChild(QPushButton, "progressCancel")
    assert button is not None
    with qtbot.waitSignal(op.finished, timeout=TIMEOUT):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert calls == ["cancel"]
    assert op.was_cancelled and op.error is None


def test_escape_on_the_progress_window_cancels_too(qtbot, parent: QWidget) -> None:  # type: ignore[no-untyped-def]
    def work(p: Progress) -> str:
        deadline = time.monotonic() + TIMEOUT / 1000
        while not p.cancelled and time.monotonic() < deadline:
            time.sleep(0.005)
        return "stopped early"

    op = Operation(parent, work).with_progress("Long work").run()
    qtbot.waitUntil(lambda: op.dialog is not None, timeout=TIMEOUT)
    with qtbot.waitSignal(op.finished, timeout=TIMEOUT):
        qtbot.keyClick(op.dialog, Qt.Key.Key_Escape)
    # the work returned normally after the flag was set: its result counts
    assert op.result == "stopped early"


@pytest.mark.sqlite_only  # SQLite's file lock
def test_a_lock_held_by_another_pc_shows_a_message_not_a_frozen_window(
    qtbot, parent: QWidget, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "shared.db"
    db = open_database(path, shared_drive=True, busy_timeout_ms=50)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:

        def add(session) -> int:  # type: ignore[no-untyped-def]
            user = User(username="mei", display_name="Mei")
            session.add(user)
            session.flush()
            return user.id

        op = Operation(parent, lambda p: db.run_write(add, attempts=60, on_wait=p.lock_wait)).run()
        qtbot.waitUntil(lambda: op.dialog is not None, timeout=TIMEOUT)
        assert "Another PC is writing" in op.dialog.label.text()
        assert op.dialog.findChild(QPushButton, "progressCancel") is None
        with qtbot.waitSignal(op.finished, timeout=TIMEOUT):
            other.execute("ROLLBACK")
        assert op.error is None and isinstance(op.result, int)
    finally:
        other.close()
        db.dispose()


def test_callbacks_are_skipped_when_the_parent_is_gone(qtbot) -> None:  # type: ignore[no-untyped-def]
    release = _gate()
    calls: list[object] = []
    parent = QWidget()
    op = Operation(parent, lambda _p: release.wait(TIMEOUT / 1000)).success(calls.append).run()
    parent.deleteLater()
    qtbot.waitUntil(lambda: not op._parent_alive(), timeout=TIMEOUT)
    with qtbot.waitSignal(op.finished, timeout=TIMEOUT):
        release.set()
    assert calls == []


def test_an_operation_runs_once(qtbot, parent: QWidget) -> None:  # type: ignore[no-untyped-def]
    op = Operation(parent, lambda _p: None)
    with qtbot.waitSignal(op.finished, timeout=TIMEOUT):
        op.run()
    with pytest.raises(RuntimeError):
        op.run()

"""The one way the window runs service calls: off the UI thread, results back by signal.

An ``Operation`` wraps ``work(progress) -> result``, a plain function that calls the
services (it opens its own sessions; it returns plain data, never live ORM objects)::

    Operation(self, lambda p: customers.save(db, data, user, progress=p))
        .with_progress(self.tr("Saving…"))
        .success(self.on_saved)
        .failure(self.on_save_failed)   # optional: the default shows the message
        .run()

- Writes (the default) run one at a time on a single-worker executor; ``writes=False``
  sends a read to a small pool of its own (after Anki's CollectionOp / QueryOp and
  taskman).
- ``success``, ``failure`` and ``on_cancel`` callbacks run on the UI thread, delivered
  by a queued Qt signal. They are skipped when the parent widget has been deleted.
- ``work`` receives a ``Progress``: ``progress.report(done, total, text)`` (or call it
  as ``progress(done, total)``), ``progress.cancelled`` to stop early, and
  ``progress.lock_wait`` to pass as ``on_wait`` to ``Database.run_write``.
- A progress window appears only when the operation asked for it with
  ``with_progress`` and is still running after ``PROGRESS_DELAY_MS``; Cancel sets the
  cancel flag. A wait for another PC's write lock shows that window too (without
  Cancel), so the window never looks frozen. Nothing here calls ``processEvents()``.
- Failure: a ``ClientelaError`` is shown in a message box with its (translated)
  message; any other exception goes to ``app.ui.errors`` (log file and dialog). When
  the work raises after Cancel was pressed, ``on_cancel`` runs instead of failure.

Tests wait with ``qtbot.waitSignal(op.finished, timeout=...)`` around ``run()`` or with
``qtbot.waitUntil(lambda: op.done)``; ``op.result``, ``op.error`` and ``op.was_cancelled``
hold the outcome.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import ClientelaError

from . import errors
from .progress_dialog import ProgressDialog

PROGRESS_DELAY_MS = 500
REPORT_INTERVAL_S = 0.05
READ_WORKERS = 2

Work = Callable[["Progress"], Any]


class Progress:
    """What the work function gets, in its worker thread."""

    def __init__(self, manager: TaskManager, token: int) -> None:
        self._manager = manager
        self._token = token  # never the Operation: a worker must not own a QObject
        self._cancel = threading.Event()
        self._last_emit = 0.0
        self._last_text: str | None = None

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def report(self, done: int = 0, total: int = 0, text: str | None = None) -> None:
        """How far the work is; cheap to call often (at most ~20 updates a second reach
        the window, the last one always)."""
        now = time.monotonic()
        if (
            text != self._last_text
            or (total > 0 and done >= total)
            or now - self._last_emit >= REPORT_INTERVAL_S
        ):
            self._last_emit = now
            self._last_text = text
            self._manager._progress.emit(self._token, done, total, text)

    def __call__(self, done: int, total: int, text: str | None = None) -> None:
        self.report(done, total, text)

    def lock_wait(self, attempt: int) -> None:
        """Another PC holds the write lock: ``db.run_write(work, on_wait=progress.lock_wait)``."""
        self._manager._lock_wait.emit(self._token, attempt)


class Operation(QObject):
    """One use case run off the UI thread. Create, configure and ``run()`` on the UI
    thread; see the module docstring."""

    finished = Signal()

    def __init__(
        self,
        parent: QObject | None,
        work: Work,
        *,
        writes: bool = True,
        manager: TaskManager | None = None,
    ) -> None:
        super().__init__()
        self._parent = parent
        self._work = work
        self.writes = writes
        self._manager = manager or task_manager()
        self.token = self._manager.new_token()
        self.progress = Progress(self._manager, self.token)
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._on_cancel: Callable[[], None] | None = None
        self._progress_label: str | None = None
        self._cancellable = False
        self._latest: tuple[int, int, str | None] = (0, 0, None)
        self._wait_attempt = 0
        self._dialog: ProgressDialog | None = None
        self._timer: QTimer | None = None
        self.started_at: float | None = None
        self.dialog_shown_at: float | None = None
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None
        self.was_cancelled = False

    # ------------------------------------------------------------- configure
    def success(self, callback: Callable[[Any], None]) -> Operation:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Operation:
        self._on_failure = callback
        return self

    def on_cancel(self, callback: Callable[[], None]) -> Operation:
        self._on_cancel = callback
        return self

    def with_progress(self, label: str, *, cancellable: bool = True) -> Operation:
        """Show a progress window (after half a second) labelled ``label``."""
        self._progress_label = label
        self._cancellable = cancellable
        return self

    # ------------------------------------------------------------------- run
    def run(self) -> Operation:
        if self.started_at is not None:
            raise RuntimeError("an operation runs once")
        self.started_at = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._delay_passed)
        self._timer.start(PROGRESS_DELAY_MS)
        self._manager.submit(self)
        return self

    def cancel(self) -> None:
        """Ask the work to stop (it checks ``progress.cancelled``)."""
        self.progress.cancel()

    @property
    def running(self) -> bool:
        return self.started_at is not None and not self.done

    @property
    def dialog(self) -> ProgressDialog | None:
        return self._dialog

    # ------------------------------------------------------ UI-thread events
    def _parent_alive(self) -> bool:
        return self._parent is None or shiboken6.isValid(self._parent)

    @Slot()
    def _delay_passed(self) -> None:
        if self.done:
            return
        if self._progress_label is not None or self._wait_attempt:
            self._show_dialog()

    def _show_dialog(self) -> None:
        if self._dialog is not None:
            return
        parent = (
            self._parent.window()
            if isinstance(self._parent, QWidget) and self._parent_alive()
            else None
        )
        waiting = self._progress_label is None
        label = self._wait_text() if waiting else self._progress_label
        dialog = ProgressDialog(parent, label or "", cancellable=self._cancellable and not waiting)
        dialog.cancelRequested.connect(self.cancel)
        done, total, text = self._latest
        dialog.set_progress(done, total, text)
        if self._wait_attempt and not waiting:
            dialog.set_text(self._wait_text())
        self._dialog = dialog
        self.dialog_shown_at = time.monotonic()
        dialog.show()

    def _wait_text(self) -> str:
        return self.tr(
            "Another PC is writing to the database. Waiting for it to finish (attempt %1)…"
        ).replace("%1", str(self._wait_attempt))

    def _progress_event(self, done: int, total: int, text: str | None) -> None:
        self._latest = (done, total, text)
        if self._dialog is not None and not self.progress.cancelled:
            self._dialog.set_progress(done, total, text)

    def _lock_wait_event(self, attempt: int) -> None:
        self._wait_attempt = attempt
        if self._dialog is not None:
            self._dialog.set_text(self._wait_text())
        elif self._timer is not None and not self._timer.isActive():
            self._show_dialog()

    def _finish(self, result: Any, error: BaseException | None) -> None:
        self.done = True
        if self._timer is not None:
            self._timer.stop()
        if self._dialog is not None:
            self._dialog.finish()
            self._dialog = None
        alive = self._parent_alive()
        try:
            if error is None:
                self.result = result
                if self._on_success is not None and alive:
                    self._on_success(result)
            elif self.progress.cancelled:
                self.was_cancelled = True
                if self._on_cancel is not None and alive:
                    self._on_cancel()
            else:
                self.error = error
                if self._on_failure is not None and alive:
                    self._on_failure(error)
                else:
                    show_failure(
                        self._parent if alive and isinstance(self._parent, QWidget) else None,
                        error,
                    )
        finally:
            self.finished.emit()
            # No reference cycles through widgets: this object must be freed by reference
            # counting in the UI thread, never by the cycle collector in a worker thread.
            self._on_success = self._on_failure = self._on_cancel = None
            self._work = _finished_work


def _finished_work(_progress: Progress) -> None:
    raise RuntimeError("an operation runs once")


def show_failure(parent: QWidget | None, error: BaseException) -> None:
    """The default failure: a person-readable error in a message box, anything else to
    the error handler (log file and dialog)."""
    if not isinstance(error, ClientelaError):
        errors.report_exception(error)
        return
    box = QMessageBox(parent)
    box.setObjectName("operationFailedBox")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Operation", "Clientela"))
    box.setText(errors.error_text(error))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


class TaskManager(QObject):
    """Owns the executors and carries results back to the UI thread. One per program
    (``task_manager()``), created in the UI thread."""

    _done = Signal(object, object, object)
    _progress = Signal(object, object, object, object)
    _lock_wait = Signal(object, object)
    lockWait = Signal(int)
    """Some operation waits for another PC's write lock (for a status-bar message)."""

    def __init__(self, read_workers: int = READ_WORKERS) -> None:
        super().__init__()
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="clientela-write")
        self._readers = ThreadPoolExecutor(
            max_workers=read_workers, thread_name_prefix="clientela-read"
        )
        self._running: dict[int, Operation] = {}
        self._reads: set[Future[Any]] = set()
        self._reads_lock = threading.Lock()
        self._next_token = 0
        queued = Qt.ConnectionType.QueuedConnection
        self._done.connect(self._on_done, queued)
        self._progress.connect(self._on_progress, queued)
        self._lock_wait.connect(self._on_lock_wait, queued)

    def new_token(self) -> int:
        self._next_token += 1
        return self._next_token

    def submit(self, op: Operation) -> None:
        """The worker gets the work function, its Progress and a token, never the
        Operation itself: were a worker thread to drop the last reference to a QObject,
        Python would destroy it there, and Qt objects die in their own thread or crash."""
        self._running[op.token] = op
        if op.writes:
            self._writer.submit(self._execute, op.token, op._work, op.progress)
            return
        future = self._readers.submit(self._execute, op.token, op._work, op.progress)
        with self._reads_lock:
            self._reads.add(future)
        future.add_done_callback(self._read_done)

    def _read_done(self, future: Future[Any]) -> None:
        with self._reads_lock:
            self._reads.discard(future)

    def submit_write(self, fn: Callable[[], Any]) -> None:
        """Queue a plain function behind the pending writes and the reads running now
        (closing a database once nothing uses it: a connection still out when its pool
        is disposed would never be closed)."""
        with self._reads_lock:
            reading = list(self._reads)

        def after_reads() -> Any:
            wait(reading)
            return fn()

        self._writer.submit(after_reads)

    def _execute(self, token: int, work: Work, progress: Progress) -> None:
        try:
            result = work(progress)
        except BaseException as exc:  # delivered to the UI thread, not lost in a worker
            self._done.emit(token, None, exc)
        else:
            self._done.emit(token, result, None)

    @Slot(object, object, object)
    def _on_done(self, token: int, result: Any, error: BaseException | None) -> None:
        op = self._running.pop(token, None)
        if op is not None:
            op._finish(result, error)

    @Slot(object, object, object, object)
    def _on_progress(self, token: int, done: int, total: int, text: str | None) -> None:
        op = self._running.get(token)
        if op is not None and not op.done:
            op._progress_event(done, total, text)

    @Slot(object, object)
    def _on_lock_wait(self, token: int, attempt: int) -> None:
        self.lockWait.emit(attempt)
        op = self._running.get(token)
        if op is not None and not op.done:
            op._lock_wait_event(attempt)

    def running(self) -> list[Operation]:
        return list(self._running.values())

    def cancel_all(self) -> None:
        for op in list(self._running.values()):
            op.cancel()

    def shutdown(self, wait: bool = True) -> None:
        self.cancel_all()
        self._writer.shutdown(wait=wait, cancel_futures=True)
        self._readers.shutdown(wait=wait, cancel_futures=True)


_manager: TaskManager | None = None


def task_manager() -> TaskManager:
    global _manager
    if _manager is None:
        _manager = TaskManager()
    return _manager


def shutdown() -> None:
    """At exit: ask running work to stop, wait for it, and drop the executors."""
    global _manager
    if _manager is not None:
        _manager.shutdown(wait=True)
        _manager = None

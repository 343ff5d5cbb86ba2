"""Every few seconds, off the UI thread, ask the database whether anyone wrote to it
(services.changes); when so, say ``changed`` and the window has its pages and open
customer files read again. A failed look (a network drive gone for a moment) is tried
again at the next tick."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.db import Database
from app.services.changes import ChangeProbe

from .operations import Operation, task_manager

log = logging.getLogger("clientela")

INTERVAL_MS = 3000


class ChangeWatcher(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.probe: ChangeProbe | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.look)
        self.operation: Operation | None = None

    def watch(self, db: Database | None) -> None:
        old = self.probe
        self.probe = ChangeProbe(db) if db is not None else None
        if old is not None:
            task_manager().submit_write(old.close)  # after any look still using it
        if self.probe is None:
            self.timer.stop()
            return
        self.timer.start()
        self.look()  # takes its bearings now, so the first real change is seen

    def look(self) -> Operation | None:
        probe = self.probe
        if probe is None or (self.operation is not None and not self.operation.done):
            return None

        def work(_progress: Any) -> bool:
            return probe.poll()

        self.operation = (
            Operation(self, work, writes=False)
            .success(lambda changed: self._looked(probe, changed))
            .failure(lambda exc: log.info("change check failed: %s", exc))
            .run()
        )
        return self.operation

    def _looked(self, probe: ChangeProbe, changed: bool) -> None:
        if changed and probe is self.probe:
            self.changed.emit()

"""The first start of each day backs the database up (services.backup.daily) in a worker,
then tells the window how recent the last good backup is, so the Today page can warn
when it is older than two days. A failed backup never stops the program: it is logged and
shows as that warning."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.db import Database
from app.errors import ClientelaError
from app.services import backup

from .operations import Operation

log = logging.getLogger("clientela")


class DailyBackup(QObject):
    stateKnown = Signal(object)
    """A backup.BackupState (or None for a server database)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.operation: Operation | None = None
        self.error: str | None = None

    def start(self, db: Database, today: dt.date | None = None) -> Operation | None:
        if not db.is_sqlite or db.path is None:
            self.stateKnown.emit(None)
            return None
        day = today or dt.date.today()

        def work(_progress: Any) -> tuple[backup.BackupState | None, str | None]:
            problem = None
            if not db.read_only:
                try:
                    backup.daily(db, backup.backup_folder(db), today=day)
                except (ClientelaError, OSError) as exc:
                    problem = str(exc)
                    log.warning("daily backup failed: %s", exc)
            return backup.state(db, day), problem

        self.operation = Operation(self, work, writes=False).success(self._done).run()
        return self.operation

    def _done(self, result: tuple[backup.BackupState | None, str | None]) -> None:
        state, self.error = result
        self.stateKnown.emit(state)

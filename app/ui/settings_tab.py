"""What the tabs of Settings share: they read their data the first time they are shown
(and again after the database or the user changed), only managers and administrators
change them (others see them read-only, with a note saying so), and Save runs the
service off the UI thread and says how it went on a status line.

A tab sets its widgets up, then fills in ``read(db)`` (runs off the UI thread: only the
database and plain values), ``show_data(result)`` and ``editable_widgets()``; its Save
calls ``run_save(work, done)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.db import Database
from app.errors import ClientelaError
from app.services import access
from app.services.users import UserInfo

from .errors import error_text
from .operations import Operation, show_failure


class SettingsTab(QWidget):
    loaded = Signal()
    """The tab shows what the database holds."""
    saved = Signal()
    """A save went through."""

    load_when_hidden = False
    """Read at every new context even when not shown (the office settings format money)."""
    inline_errors: tuple[type[BaseException], ...] = (ClientelaError,)
    """Refusals named on the status line; anything else opens the failure dialog."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self.user: UserInfo | None = None
        self.status = QLabel(self)
        self.status.setObjectName("statusLabel")
        self.status.setWordWrap(True)
        self.save_button: QPushButton | None = None
        self._stale = False

    def save_row(self, button_name: str) -> QHBoxLayout:
        """The status line and the Save button (calling ``save``) beside it."""
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName(button_name)
        self.save_button.clicked.connect(lambda _checked=False: self.save())
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.save_button)
        return row

    # ------------------------------------------------------------- context
    def set_context(self, db: Database | None, user: UserInfo | None) -> None:
        self.db, self.user = db, user
        if self.load_when_hidden or self.isVisible():
            self.load()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.load()

    @property
    def may_edit(self) -> bool:
        return self.user is None or self.user.role in access.MANAGERS

    def read_only_note(self) -> str:
        """Shown on the status line to those who may not edit ("" for none)."""
        return self.tr("Only administrators and managers change these.")

    def editable_widgets(self) -> Iterable[QWidget]:
        """What only those who may edit can use (the Save button comes along)."""
        return ()

    def set_editable(self, editable: bool) -> None:
        for w in (*self.editable_widgets(), *([self.save_button] if self.save_button else [])):
            w.setEnabled(editable)

    # ---------------------------------------------------------------- read
    def read(self, db: Database) -> Any:
        """What the tab shows, read off the UI thread."""
        raise NotImplementedError

    def show_data(self, result: Any) -> None:
        raise NotImplementedError

    def load(self) -> Operation | None:
        self._stale = False
        db = self.db
        if db is None:
            return None
        return (
            Operation(self, lambda _p: self.read(db), writes=False)
            .success(self._loaded)
            .failure(lambda e: show_failure(self, e))
            .run()
        )

    def _loaded(self, result: Any) -> None:
        self.show_data(result)
        editable = self.may_edit
        self.set_editable(editable)
        note = self.read_only_note()
        if not editable and note:
            self.status.setText(note)
        elif note and self.status.text() == note:  # the user changed
            self.status.clear()
        self.loaded.emit()

    # ---------------------------------------------------------------- save
    def save(self) -> Operation | None:
        """What the Save button of ``save_row`` does (a tab without one saves nothing)."""
        return None

    def changed_text(self, changed: Any, saved: str | None = None) -> str:
        """``saved`` (or "Saved.") when the save changed something, else "Nothing changed."."""
        return (saved or self.tr("Saved.")) if changed else self.tr("Nothing changed.")

    def run_save(
        self,
        work: Callable[[Database, int | None], Any],
        done: Callable[[Any], str],
        *,
        button: QPushButton | None = None,
        reload: bool = False,
    ) -> Operation | None:
        """Run ``work(db, user id)`` as a write; the status line then says ``done(result)``
        and ``saved`` is emitted (the tab reads its data again with ``reload``)."""
        db = self.db
        if db is None or not self.may_edit:
            return None
        uid = self.user.id if self.user else None
        button = button or self.save_button
        if button is not None:
            button.setEnabled(False)
        self.status.setText(self.tr("Saving…"))

        def succeeded(result: Any) -> None:
            if button is not None:
                button.setEnabled(True)
            self.status.setText(done(result))
            self.saved.emit()
            if reload:
                self.load()

        def failed(error: BaseException) -> None:
            if button is not None:
                button.setEnabled(True)
            if isinstance(error, self.inline_errors):
                self.status.setText(error_text(error))
            else:
                self.status.clear()
                show_failure(self, error)

        return Operation(self, lambda _p: work(db, uid)).success(succeeded).failure(failed).run()

"""File ▸ Export data…: any table — customers, contact persons, vehicles, activities,
orders, payments, deals, tasks — for one salesperson or all, over a range of days, to
.xlsx or .csv. The window's counterpart of ``python main.py export``; the pages that
show a table (customers, tasks, pipeline) export their own view instead."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.errors import ValidationError
from app.services import exports, lookups
from app.services.users import UserInfo

from . import errors, table_export
from .operations import Operation


class ExportDialog(QDialog):
    started = Signal(object)
    """The export Operation, once running."""

    def __init__(self, db: Database, user: UserInfo | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ExportDialog")
        self.setWindowTitle(self.tr("Export data"))
        self.db, self.user = db, user
        self.ask_path = lambda stem: table_export.ask_path(self, self.tr("Export"), stem)
        """Where to write (tests replace it)."""
        self.operation: Operation | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.what_box = QComboBox(self)
        self.what_box.setObjectName("exportWhat")
        for key, name in table_export.table_names().items():
            self.what_box.addItem(name, key)
        form.addRow(self.tr("Table"), self.what_box)
        self.owner_box = QComboBox(self)
        self.owner_box.setObjectName("exportOwner")
        self.owner_box.addItem(self.tr("Everyone"), None)
        form.addRow(self.tr("Salesperson"), self.owner_box)
        self.days_check = QCheckBox(self.tr("Only these days"), self)
        self.days_check.setObjectName("exportDays")
        today = QDate.currentDate()
        self.from_edit = QDateEdit(QDate(today.year(), today.month(), 1), self)
        self.from_edit.setObjectName("exportFrom")
        self.to_edit = QDateEdit(today, self)
        self.to_edit.setObjectName("exportTo")
        days = QHBoxLayout()
        days.addWidget(self.days_check)
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            self.days_check.toggled.connect(edit.setEnabled)
        days.addWidget(self.from_edit)
        days.addWidget(QLabel("–", self))
        days.addWidget(self.to_edit)
        days.addStretch(1)
        form.addRow(self.tr("Days"), days)
        layout.addLayout(form)
        self.hint = QLabel(self)
        self.hint.setObjectName("exportHint")
        self.hint.setWordWrap(True)
        self.hint.setProperty("caption", True)
        layout.addWidget(self.hint)
        self.what_box.currentIndexChanged.connect(self._explain)
        self._explain()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export…"))
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._load_people()

    def _load_people(self) -> None:
        db = self.db

        def work(_p: Any) -> list[lookups.Choice]:
            with db.session() as s:
                return lookups.users(s, active_only=False)

        Operation(self, work, writes=False).success(self._fill_people).run()

    def _fill_people(self, people: list[lookups.Choice]) -> None:
        for person in people:
            self.owner_box.addItem(person.name, person.id)

    @Slot()
    def _explain(self) -> None:
        days = {
            "customers": self.tr("Days: when the customer was created. Salesperson: the owner."),
            "contacts": self.tr("Days: when the person was added. Salesperson: the owner."),
            "vehicles": self.tr("Days: when the vehicle was added. Salesperson: the owner."),
            "activities": self.tr("Days: when it happened. Salesperson: who logged it."),
            "orders": self.tr("Days: the order date. Salesperson: the order's."),
            "payments": self.tr("Days: the payment date. Salesperson: who recorded it."),
            "deals": self.tr("Days: when the deal was created. Salesperson: the owner."),
            "tasks": self.tr("Days: when the task is due. Salesperson: the owner."),
        }
        self.hint.setText(days.get(self.what_box.currentData(), ""))

    def request(self) -> exports.ExportRequest:
        start = end = None
        if self.days_check.isChecked():
            start = self.from_edit.date().toPython()
            end = self.to_edit.date().toPython()
        assert start is None or isinstance(start, dt.date)
        assert end is None or isinstance(end, dt.date)
        return exports.ExportRequest(
            self.what_box.currentData(),
            owner_id=self.owner_box.currentData(),
            date_from=start,
            date_to=end,
        )

    @Slot()
    def export(self) -> Operation | None:
        try:
            request = self.request()
        except ValidationError as exc:
            self.hint.setText(errors.error_text(exc))
            return None
        path = self.ask_path(self.what_box.currentText())
        if not path:
            return None
        # The export outlives this dialog: its progress and result belong to the window.
        owner = self.parentWidget() or self
        self.operation = table_export.start(owner, self.db, self.user, request, path)
        self.started.emit(self.operation)
        self.accept()
        return self.operation

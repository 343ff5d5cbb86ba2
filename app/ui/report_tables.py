"""What the small report tabs (Reports ▸ Campaigns, Satisfaction) build the same way: a
read-only table of a few dozen rows (rows selected whole, the first column taking the
room left, figures right-aligned), a period of two dates read in order, and reading
only when shown (``ReportTab``)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.db import Database
from app.services.users import UserInfo

from .operations import Operation

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def report_table(parent: QWidget, name: str, headers: list[str]) -> QTableWidget:
    """A read-only table with ``headers``; the first column stretches, the others fit
    their contents."""
    table = QTableWidget(0, len(headers), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return table


def fill_table(table: QTableWidget, rows: list[list[str]], figures_from: int) -> None:
    """Put ``rows`` of texts in; the columns from ``figures_from`` on are right-aligned."""
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if c >= figures_from:
                item.setTextAlignment(RIGHT)
            table.setItem(r, c, item)


def period(from_edit: QDateEdit, to_edit: QDateEdit) -> tuple[dt.date, dt.date]:
    """The two dates, the earlier first."""
    first: dt.date = from_edit.date().toPython()  # type: ignore[assignment]
    last: dt.date = to_edit.date().toPython()  # type: ignore[assignment]
    return (first, last) if first <= last else (last, first)


class ReportTab(QWidget):
    """A report tab that reads when it is shown, and again when the database or the
    user changes while it is; subclasses read in ``reload``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db: Database | None = None
        self.user: UserInfo | None = None
        self.load_operation: Operation | None = None
        self._stale = True

    def set_context(self, db: Database | None, user: UserInfo | None) -> None:
        self.db, self.user = db, user
        self.context_changed()
        self._stale = True
        if self.isVisible():
            self.reload()

    def context_changed(self) -> None:
        """The database or the user changed (before the tab reads again)."""

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> Operation | None:
        raise NotImplementedError

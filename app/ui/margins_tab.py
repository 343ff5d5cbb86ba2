"""Reports ▸ Margins: gross margin per customer, product or order over a period (this
month by default), returns deducted at their cost (``services.margins``), with a total
line; read off the UI thread and exportable like every table."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.services import margins
from app.services.margins import MarginRow
from app.services.users import UserInfo

from .customer_form_tabs import RowsModel, format_money, make_table
from .operations import Operation, show_failure


class MarginsTab(QWidget):
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("marginsTab")
        self.db: Database | None = None
        self.user: UserInfo | None = None
        self.rows: list[MarginRow] | None = None
        self.load_operation: Operation | None = None
        self._stale = True
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        bar = QHBoxLayout()
        today = QDate.currentDate()
        self.by_box = QComboBox(self)
        self.by_box.setObjectName("marginsBy")
        for key, text in (
            ("customer", self.tr("By customer")),
            ("product", self.tr("By product")),
            ("order", self.tr("By order")),
        ):
            self.by_box.addItem(text, key)
        self.from_edit = QDateEdit(today.addDays(1 - today.day()), self)
        self.from_edit.setObjectName("marginsFrom")
        self.to_edit = QDateEdit(today, self)
        self.to_edit.setObjectName("marginsTo")
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
        bar.addWidget(self.by_box)
        bar.addWidget(QLabel(self.tr("From"), self))
        bar.addWidget(self.from_edit)
        bar.addWidget(QLabel(self.tr("to"), self))
        bar.addWidget(self.to_edit)
        bar.addStretch(1)
        column.addLayout(bar)
        self.model = RowsModel(
            [
                self.tr("Reference"),
                self.tr("Name"),
                self.tr("Sales"),
                self.tr("Returned"),
                self.tr("Cost"),
                self.tr("Margin"),
                self.tr("Margin %"),
            ],
            self,
            right_aligned=(2, 3, 4, 5, 6),
        )
        self.view = make_table(self.model, "marginsView", self)
        column.addWidget(self.view, 1)
        self.status = QLabel(self)
        self.status.setObjectName("marginsStatus")
        column.addWidget(self.status)
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(300)
        self._later.timeout.connect(self.reload)
        self.by_box.currentIndexChanged.connect(lambda _i: self.reload())
        self.from_edit.dateChanged.connect(self._date_changed)
        self.to_edit.dateChanged.connect(self._date_changed)

    def _date_changed(self, *_args: Any) -> None:
        if self.db is not None and self.isVisible():
            self._later.start()

    def set_context(self, db: Database | None, user: UserInfo | None) -> None:
        self.db, self.user = db, user
        self.rows = None
        self._stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def period(self) -> tuple[dt.date, dt.date]:
        return (
            self.from_edit.date().toPython(),  # type: ignore[return-value]
            self.to_edit.date().toPython(),
        )

    @Slot()
    def reload(self) -> Operation | None:
        db = self.db
        if db is None:
            return None
        self._stale = False
        uid = self.user.id if self.user else None
        by = self.by_box.currentData()
        start, end = self.period()

        def work(_progress: Any) -> list[MarginRow]:
            with db.session() as s:
                return margins.margins(s, by, start, end, user_id=uid)

        def failed(error: BaseException) -> None:
            from app.errors import ClientelaError

            from .errors import error_text

            if isinstance(error, ClientelaError):
                self.status.setText(error_text(error))
            else:
                show_failure(self, error)

        self.load_operation = (
            Operation(self, work, writes=False).success(self._show).failure(failed).run()
        )
        return self.load_operation

    def _row(self, r: MarginRow, ref: str, name: str) -> tuple[str, ...]:
        return (
            ref,
            name,
            format_money(r.sales),
            format_money(r.returned),
            format_money(r.cost - r.returned_cost),
            format_money(r.margin),
            "" if r.share is None else f"{r.share} %",
        )

    def _show(self, rows: list[MarginRow]) -> None:
        self.rows = rows
        total = margins.total(rows)
        self.model.set_rows(
            [self._row(r, r.ref, r.name) for r in rows]
            + ([self._row(total, self.tr("Total"), "")] if rows else [])
        )
        self.status.setText(self.tr("%n line(s)", "", len(rows)))
        self.loaded.emit()

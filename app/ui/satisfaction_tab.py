"""Reports ▸ Satisfaction: the scores customers gave (return visits, resolved cases) per
month as a chart and per salesperson as a table — answers, average, share of 4–5 and of
1–2 — over a period (the last 12 months by default). Read off the UI thread."""

from __future__ import annotations

import datetime as dt
from typing import Any

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QDate, QLocale, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.reports.charts import Texts
from app.reports.satisfaction_chart import satisfaction_chart
from app.services import satisfaction
from app.services.satisfaction import Report
from app.services.users import UserInfo

from .operations import Operation


def _share(value: float | None) -> str:
    return "" if value is None else QLocale().toString(100 * value, "f", 0) + " %"


class SatisfactionTab(QWidget):
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("satisfactionTab")
        self.db: Database | None = None
        self.user: UserInfo | None = None
        self.report: Report | None = None
        self.load_operation: Operation | None = None
        self._stale = True
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        bar = QHBoxLayout()
        today = QDate.currentDate()
        self.from_edit = QDateEdit(today.addMonths(-11).addDays(1 - today.day()), self)
        self.from_edit.setObjectName("satisfactionFrom")
        self.from_edit.setCalendarPopup(True)
        self.to_edit = QDateEdit(today, self)
        self.to_edit.setObjectName("satisfactionTo")
        self.to_edit.setCalendarPopup(True)
        bar.addWidget(QLabel(self.tr("From"), self))
        bar.addWidget(self.from_edit)
        bar.addWidget(QLabel(self.tr("to"), self))
        bar.addWidget(self.to_edit)
        bar.addStretch(1)
        self.total_label = QLabel(self)
        self.total_label.setObjectName("satisfactionTotal")
        bar.addWidget(self.total_label)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.clicked.connect(self.reload)
        bar.addWidget(self.refresh_button)
        column.addLayout(bar)

        self.figure = Figure(figsize=(5.2, 2.8), dpi=96, layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setParent(self)
        self.canvas.setMinimumSize(380, 220)
        column.addWidget(self.canvas, 3)

        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("satisfactionTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Salesperson"),
                self.tr("Answers"),
                self.tr("Average"),
                self.tr("Share 4–5"),
                self.tr("Share 1–2"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        column.addWidget(self.table, 2)
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(lambda _d: self.reload())

    def set_context(self, db: Database | None, user: UserInfo | None) -> None:
        self.db, self.user = db, user
        self._stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    @Slot()
    def reload(self) -> Operation | None:
        db = self.db
        if db is None:
            return None
        self._stale = False
        first: dt.date = self.from_edit.date().toPython()
        last: dt.date = self.to_edit.date().toPython()
        if last < first:
            first, last = last, first
        user_id = self.user.id if self.user else None

        def work(_p: Any) -> Report:
            with db.session() as s:
                return satisfaction.report(s, user_id, first, last)

        self.load_operation = Operation(self, work, writes=False).success(self._show).run()
        return self.load_operation

    def _show(self, report: Report) -> None:
        self.report = report
        data = report.as_dict()
        locale = QLocale()
        months = {}
        for m in data["months"]:
            year, month = (int(p) for p in m["key"].split("-"))
            name = locale.standaloneMonthName(month, QLocale.FormatType.ShortFormat)
            months[m["key"]] = f"{name}\n{year}" if month == 1 or m is data["months"][0] else name
        texts = Texts(
            self.tr("Satisfaction by month (red: share of scores 1–2)"),
            [self.tr("Answers"), self.tr("Average score")],
            months,
            self.tr("No scores in this period"),
        )
        satisfaction_chart(self.figure, data["months"], texts)
        self.canvas.draw()
        people = data["salespeople"]
        self.table.setRowCount(len(people))
        for row, p in enumerate(people):
            avg = "" if p["average"] is None else locale.toString(p["average"], "f", 2)
            cells = [
                p["key"] or self.tr("Nobody"),
                locale.toString(p["answers"]),
                avg,
                _share(p["share_4_5"]),
                _share(p["share_1_2"]),
            ]
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        total = data["total"]
        self.total_label.setText(
            self.tr("%n answer(s)", "", total["answers"])
            + (
                ""
                if total["average"] is None
                else " · "
                + self.tr("average %1").replace("%1", locale.toString(total["average"], "f", 2))
            )
        )
        self.loaded.emit()

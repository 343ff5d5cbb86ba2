"""Reports ▸ Satisfaction: the scores customers gave (return visits, resolved cases) per
month as a chart and per salesperson as a table — answers, average, share of 4–5 and of
1–2 — over a period (the last 12 months by default). Read off the UI thread."""

from __future__ import annotations

from typing import Any

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QDate, QLocale, Signal, Slot
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.reports.charts import Texts
from app.reports.satisfaction_chart import satisfaction_chart
from app.services import satisfaction
from app.services.satisfaction import Report

from .operations import Operation
from .report_tables import ReportTab, fill_table, period, report_table


def _share(value: float | None) -> str:
    return "" if value is None else QLocale().toString(100 * value, "f", 0) + " %"


class SatisfactionTab(ReportTab):
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("satisfactionTab")
        self.report: Report | None = None
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

        self.table = report_table(
            self,
            "satisfactionTable",
            [
                self.tr("Salesperson"),
                self.tr("Answers"),
                self.tr("Average"),
                self.tr("Share 4–5"),
                self.tr("Share 1–2"),
            ],
        )
        column.addWidget(self.table, 2)
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(lambda _d: self.reload())

    @Slot()
    def reload(self) -> Operation | None:
        db = self.db
        if db is None:
            return None
        self._stale = False
        first, last = period(self.from_edit, self.to_edit)
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
        rows = [
            [
                p["key"] or self.tr("Nobody"),
                locale.toString(p["answers"]),
                "" if p["average"] is None else locale.toString(p["average"], "f", 2),
                _share(p["share_4_5"]),
                _share(p["share_1_2"]),
            ]
            for p in people
        ]
        fill_table(self.table, rows, figures_from=1)
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

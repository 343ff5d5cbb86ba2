"""The statement of account [对账单] of one customer, opened from the customer file's
Purchases & payments tab: pick the period (from the first day of last month to today by
default), see the opening balance, each order, return and payment with the running
balance, the closing balance and what is overdue (``services.statement``, read in a
worker), and save it as the workbook a customer can be sent (written in a worker)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.errors import ClientelaError
from app.services import statement
from app.services.statement import Statement
from app.services.users import UserInfo

from .customer_form_tabs import RowsModel, format_date, format_money, make_table
from .errors import error_text
from .labels import label
from .operations import Operation, show_failure

RELOAD_DELAY_MS = 250


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """From the first day of last month to today."""
    first = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    return first, today


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class StatementDialog(QDialog):
    def __init__(
        self,
        db: Database,
        user: UserInfo | None,
        customer_id: int,
        customer_name: str,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("statementDialog")
        self.db, self.user, self.customer_id = db, user, customer_id
        self.statement: Statement | None = None
        self.path: Path | None = None
        self.ask_path = self._ask_path
        """Where to save: a hook tests replace (returns "" to cancel)."""
        self.load_op: Operation | None = None
        self.setWindowTitle(self.tr("Statement of account: %1").replace("%1", customer_name))
        self.resize(720, 520)
        layout = QVBoxLayout(self)

        period = QHBoxLayout()
        start, end = default_period(today or dt.date.today())
        self.from_edit = QDateEdit(_qdate(start), self)
        self.from_edit.setObjectName("statementFrom")
        self.to_edit = QDateEdit(_qdate(end), self)
        self.to_edit.setObjectName("statementTo")
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        period.addWidget(QLabel(self.tr("From"), self))
        period.addWidget(self.from_edit)
        period.addWidget(QLabel(self.tr("to"), self))
        period.addWidget(self.to_edit)
        period.addStretch(1)
        layout.addLayout(period)

        figures = QHBoxLayout()
        figures.setSpacing(28)
        self.figures: dict[str, QLabel] = {}
        for key, caption in (
            ("opening", self.tr("Opening balance")),
            ("closing", self.tr("Closing balance")),
            ("overdue", self.tr("Overdue")),
        ):
            box = QVBoxLayout()
            box.setSpacing(0)
            title = QLabel(caption, self)
            title.setProperty("caption", True)
            value = QLabel("—", self)
            value.setObjectName(f"statement_{key}")
            value.setProperty("total", True)
            box.addWidget(title)
            box.addWidget(value)
            figures.addLayout(box)
            self.figures[key] = value
        figures.addStretch(1)
        layout.addLayout(figures)

        self.model = RowsModel(
            [
                self.tr("Date"),
                self.tr("Type"),
                self.tr("Reference"),
                self.tr("Amount"),
                self.tr("Balance"),
            ],
            self,
            right_aligned=(3, 4),
        )
        self.view = make_table(self.model, "statementView", self)
        for column, width in enumerate((100, 130, 150, 120)):
            self.view.setColumnWidth(column, width)
        layout.addWidget(self.view, 1)
        self.status = QLabel(self)
        self.status.setObjectName("statementStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.save_button = QPushButton(self.tr("Save as Excel…"), self)
        self.save_button.setObjectName("statementSave")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button = QPushButton(self.tr("Open workbook"), self)
        self.open_button.setObjectName("statementOpen")
        self.open_button.setAutoDefault(False)
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._open_file)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(buttons)

        self._reload = QTimer(self)
        self._reload.setSingleShot(True)
        self._reload.setInterval(RELOAD_DELAY_MS)
        self._reload.timeout.connect(self.load)
        self.from_edit.dateChanged.connect(self._reload.start)
        self.to_edit.dateChanged.connect(self._reload.start)
        self.load()

    def period(self) -> tuple[dt.date, dt.date]:
        return (
            self.from_edit.date().toPython(),  # type: ignore[return-value]
            self.to_edit.date().toPython(),
        )

    def _user_id(self) -> int | None:
        return self.user.id if self.user is not None else None

    @Slot()
    def load(self) -> Operation:
        db, uid, cid = self.db, self._user_id(), self.customer_id
        start, end = self.period()
        self.status.setText(self.tr("Working out the statement…"))

        def work(_progress: Any) -> Statement:
            return statement.statement(db, uid, cid, start, end)

        self.load_op = (
            Operation(self, work, writes=False).success(self._show).failure(self._load_failed)
        ).run()
        return self.load_op

    def _show(self, st: Statement) -> None:
        if st.start != self.period()[0] or st.end != self.period()[1]:
            return  # the period changed meanwhile; its own load follows
        self.statement = st
        kinds = {
            "order": self.tr("Order"),
            "return": self.tr("Return"),
            "payment": self.tr("Payment"),
        }
        rows = [
            (format_date(st.start), self.tr("Opening balance"), "", "", format_money(st.opening))
        ]
        for ln in st.lines:
            ref = ln.ref or (label(ln.detail) if ln.kind == "payment" else "")
            rows.append(
                (
                    format_date(ln.date),
                    kinds[ln.kind],
                    ref,
                    format_money(ln.amount),
                    format_money(ln.balance),
                )
            )
        rows.append(
            (
                format_date(st.end),
                self.tr("Closing balance"),
                "",
                "",
                format_money(st.closing),
            )
        )
        self.model.set_rows(rows)
        self.figures["opening"].setText(format_money(st.opening))
        self.figures["closing"].setText(format_money(st.closing))
        overdue = self.figures["overdue"]
        overdue.setText(format_money(st.overdue))
        overdue.setProperty("warn", st.overdue > 0)
        overdue.style().unpolish(overdue)
        overdue.style().polish(overdue)
        if st.overdue_orders:
            oldest = max(o.days for o in st.overdue_orders)
            self.status.setText(
                self.tr("%1 unpaid order(s) past due on %2; the oldest %3 days.")
                .replace("%1", str(len(st.overdue_orders)))
                .replace("%2", format_date(st.end))
                .replace("%3", str(oldest))
            )
        else:
            self.status.setText(
                self.tr("Nothing is overdue on %1.").replace("%1", format_date(st.end))
            )

    def _load_failed(self, error: BaseException) -> None:
        self.statement = None
        self.model.set_rows([])
        for value in self.figures.values():
            value.setText("—")
        if isinstance(error, ClientelaError):
            self.status.setText(error_text(error))  # a bad period, not this customer's…
        else:
            self.status.setText("")
            show_failure(self, error)

    def _ask_path(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the statement"), suggested, self.tr("Excel (*.xlsx)")
        )
        return path

    @Slot()
    def save(self) -> Operation | None:
        db, uid, cid = self.db, self._user_id(), self.customer_id
        start, end = self.period()
        suggested = self.tr("Statement %1 %2 to %3.xlsx")
        number = self.statement.number if self.statement else str(cid)
        path = self.ask_path(
            suggested.replace("%1", number)
            .replace("%2", start.isoformat())
            .replace("%3", end.isoformat())
        )
        if not path:
            return None
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("Saving the statement…"))

        def work(_progress: Any) -> Path:
            written, _st = statement.make_workbook(db, uid, cid, start, end, path)
            return written

        return (
            Operation(self, work)
            .with_progress(self.tr("Saving the statement…"), cancellable=False)
            .success(self._written)
            .failure(self._save_failed)
            .run()
        )

    def _written(self, path: Path) -> None:
        self.path = path
        self.save_button.setEnabled(True)
        self.open_button.setEnabled(True)
        self.status.setText(self.tr("Saved %1").replace("%1", str(path)))

    def _save_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.status.setText(self.tr("No workbook was written."))
        show_failure(self, error)

    def _open_file(self) -> None:
        if self.path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))

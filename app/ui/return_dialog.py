"""An order and its lines, opened by double-clicking an order in the customer file's
Purchases & payments: what was bought and what came back, and a return against it — a
quantity per line (never more than is left), or an amount for an order without lines —
with its date and reason (``services.orders.add_return``, in a worker)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.errors import ClientelaError
from app.services import orders
from app.services.orders import OrderDetail, ReturnLineInput
from app.services.users import UserInfo

from .customer_form_tabs import format_date, format_money
from .errors import error_text
from .labels import label
from .operations import Operation, show_failure

RETURN_COLUMN = 4


def _qty(value: Any) -> str:
    text = f"{value.normalize():f}"
    return text


class ReturnDialog(QDialog):
    saved = Signal(int)
    """The new return's id."""

    def __init__(
        self,
        db: Database,
        user: UserInfo | None,
        order_id: int,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
        writable: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("returnDialog")
        self.db, self.user, self.order_id = db, user, order_id
        self.order: OrderDetail | None = None
        self.writable = writable
        self.setWindowTitle(self.tr("Order"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setObjectName("orderHeading")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("returnLines")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Product"),
                self.tr("Bought"),
                self.tr("Amount"),
                self.tr("Returned"),
                self.tr("Return now"),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        layout.addWidget(self.table, 1)
        form = QFormLayout()
        self.amount_edit = QLineEdit(self)
        self.amount_edit.setObjectName("returnAmount")
        self.amount_edit.setPlaceholderText(self.tr("for an order without lines"))
        self.amount_label = QLabel(self.tr("Amount returned"), self)
        form.addRow(self.amount_label, self.amount_edit)
        day = today or dt.date.today()
        self.date_edit = QDateEdit(QDate(day.year, day.month, day.day), self)
        self.date_edit.setObjectName("returnDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        form.addRow(self.tr("Returned on"), self.date_edit)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("returnReason")
        form.addRow(self.tr("Reason"), self.reason_edit)
        layout.addLayout(form)
        self.status = QLabel(self)
        self.status.setObjectName("returnStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("returnSave")
        self.save_button.setText(self.tr("Record return"))
        self.save_button.setEnabled(False)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.load_op = self.load()

    def _uid(self) -> int | None:
        return self.user.id if self.user else None

    def load(self) -> Operation:
        db, uid, oid = self.db, self._uid(), self.order_id

        def work(_progress: Any) -> OrderDetail:
            with db.session() as s:
                return orders.detail(s, oid, uid)

        return (
            Operation(self, work, writes=False)
            .success(self._show)
            .failure(lambda e: show_failure(self, e))
            .run()
        )

    def _show(self, order: OrderDetail) -> None:
        self.order = order
        self.setWindowTitle(self.tr("Order %1").replace("%1", order.ref))
        if order.amount is None:  # a user who may not see money figures
            heading = (
                self.tr("%1 of %2: %3")
                .replace("%1", order.ref)
                .replace("%2", format_date(order.order_date))
                .replace("%3", label(order.status))
            )
        else:
            heading = (
                self.tr("%1 of %2: %3, cost %4, %5; returned so far %6")
                .replace("%1", order.ref)
                .replace("%2", format_date(order.order_date))
                .replace("%3", format_money(order.amount))
                .replace("%4", format_money(order.cost))
                .replace("%5", label(order.status))
                .replace("%6", format_money(order.returned))
            )
        self.heading.setText(heading)
        self.table.setRowCount(len(order.lines))
        for r, ln in enumerate(order.lines):
            cells = (ln.name, _qty(ln.quantity), format_money(ln.amount), _qty(ln.returned))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if c:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, item)
            now = QTableWidgetItem("")
            now.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(r, RETURN_COLUMN, now)
        has_lines = bool(order.lines)
        self.table.setVisible(has_lines)
        self.amount_edit.setVisible(not has_lines)
        self.amount_label.setVisible(not has_lines)
        self.save_button.setEnabled(self.writable and order.status not in ("draft", "cancelled"))

    def set_return(self, row: int, quantity: str) -> None:
        self.table.item(row, RETURN_COLUMN).setText(quantity)

    @Slot()
    def save(self) -> Operation | None:
        order = self.order
        if order is None:
            return None
        items = [
            ReturnLineInput(ln.id, text)
            for r, ln in enumerate(order.lines)
            if (text := self.table.item(r, RETURN_COLUMN).text().strip())
        ]
        amount = self.amount_edit.text().strip() or None
        if order.lines and not items:
            self.status.setText(self.tr("Type the quantity returned on a line."))
            return None
        db, uid, oid = self.db, self._uid(), self.order_id
        day: dt.date = self.date_edit.date().toPython()  # type: ignore[assignment]
        reason = self.reason_edit.text()
        self.save_button.setEnabled(False)

        def work(_progress: Any) -> int:
            return orders.add_return(
                db, uid, oid, day, lines=items, amount=None if items else amount, reason=reason
            )

        def done(rid: int) -> None:
            self.save_button.setEnabled(True)
            self.saved.emit(rid)
            self.accept()

        def failed(error: BaseException) -> None:
            self.save_button.setEnabled(True)
            if isinstance(error, ClientelaError):
                self.status.setText(error_text(error))
            else:
                show_failure(self, error)

        return Operation(self, work).success(done).failure(failed).run()

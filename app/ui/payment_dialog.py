"""A payment received from the customer, from the customer file's Purchases & payments:
date, amount, method and reference (``services.orders.add_payment``, in a worker). A
payment dated before the customer existed, an amount below zero or with more decimals
than the currency has is refused with its reason and nothing is stored."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.errors import ClientelaError
from app.models.enums import PaymentMethod
from app.services import orders
from app.services.users import UserInfo

from .errors import error_text
from .labels import label
from .operations import Operation, show_failure


class PaymentDialog(QDialog):
    saved = Signal(int)

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
        self.setObjectName("paymentDialog")
        self.db, self.user, self.customer_id = db, user, customer_id
        self.setWindowTitle(self.tr("Payment from %1").replace("%1", customer_name))
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        day = today or dt.date.today()
        self.date_edit = QDateEdit(QDate(day.year, day.month, day.day), self)
        self.date_edit.setObjectName("paymentDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.amount_edit = QLineEdit(self)
        self.amount_edit.setObjectName("paymentAmount")
        self.method_box = QComboBox(self)
        self.method_box.setObjectName("paymentMethod")
        for method in PaymentMethod:
            self.method_box.addItem(label(method), method.value)
        self.method_box.setCurrentIndex(self.method_box.findData(PaymentMethod.TRANSFER.value))
        self.reference_edit = QLineEdit(self)
        self.reference_edit.setObjectName("paymentReference")
        self.reference_edit.setMaxLength(80)
        form.addRow(self.tr("Paid on"), self.date_edit)
        form.addRow(self.tr("Amount"), self.amount_edit)
        form.addRow(self.tr("Method"), self.method_box)
        form.addRow(self.tr("Reference"), self.reference_edit)
        layout.addLayout(form)
        self.status = QLabel(self)
        self.status.setObjectName("paymentStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("paymentSave")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @Slot()
    def save(self) -> Operation:
        db, uid, cid = self.db, self.user.id if self.user else None, self.customer_id
        day: dt.date = self.date_edit.date().toPython()  # type: ignore[assignment]
        amount = self.amount_edit.text()
        method = PaymentMethod(self.method_box.currentData())
        reference = self.reference_edit.text()
        self.save_button.setEnabled(False)

        def work(_progress: Any) -> int:
            return orders.add_payment(db, uid, cid, day, amount, method=method, reference=reference)

        def done(pid: int) -> None:
            self.save_button.setEnabled(True)
            self.saved.emit(pid)
            self.accept()

        def failed(error: BaseException) -> None:
            self.save_button.setEnabled(True)
            if isinstance(error, ClientelaError):
                self.status.setText(error_text(error))
                if getattr(error, "field", None) == "paid_on":
                    self.date_edit.setFocus()
                else:
                    self.amount_edit.setFocus()
            else:
                show_failure(self, error)

        return Operation(self, work).success(done).failure(failed).run()

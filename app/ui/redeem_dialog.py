"""Redeeming a member's points at the front desk: how many (never more than the balance,
which the service checks again when it writes) and what for."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.db import Database
from app.errors import ClientelaError
from app.services import loyalty
from app.services.front_desk import DeskCard
from app.services.loyalty import PointsChanged

from . import errors
from .operations import Operation, show_failure


class RedeemDialog(QDialog):
    """Points and reason; Redeem writes off the UI thread and closes on success, a refusal
    (more than the balance…) is shown under the fields."""

    redeemed = Signal(object)
    """A PointsChanged once the points are taken off."""

    def __init__(
        self, db: Database, user_id: int | None, card: DeskCard, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("redeemDialog")
        self.setWindowTitle(self.tr("Redeem points"))
        self.setMinimumWidth(340)
        self.db, self.user_id, self.card = db, user_id, card
        self.operation: Operation | None = None
        balance = card.points or 0
        form = QFormLayout(self)
        heading = QLabel(
            self.tr("%1 has %2 points.")
            .replace("%1", card.name)
            .replace("%2", QLocale().toString(balance)),
            self,
        )
        heading.setObjectName("redeemBalance")
        heading.setWordWrap(True)
        form.addRow(heading)
        self.points_edit = QLineEdit(self)
        self.points_edit.setObjectName("redeemPoints")
        self.points_edit.setValidator(QIntValidator(0, 2_000_000_000, self))
        form.addRow(self.tr("&Points"), self.points_edit)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("redeemReason")
        self.reason_edit.setPlaceholderText(self.tr("e.g. car wash voucher"))
        self.reason_edit.setMaxLength(loyalty.REASON_MAX)
        form.addRow(self.tr("&For"), self.reason_edit)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("redeemError")
        self.error_label.setProperty("fieldError", True)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        form.addRow(self.error_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Redeem"))
        self.buttons.accepted.connect(self.redeem)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.points_edit.textChanged.connect(self._check)
        self._check()
        self.points_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _check(self) -> None:
        self.ok_button.setEnabled(
            self.points_edit.text().isdigit() and (self.operation is None or self.operation.done)
        )

    def redeem(self) -> Operation | None:
        text = self.points_edit.text().strip()
        if not text.isdigit():
            return None
        points = int(text)
        reason = self.reason_edit.text().strip() or None
        db, user_id, cid = self.db, self.user_id, self.card.id
        self.ok_button.setEnabled(False)

        def work(_p: Any) -> PointsChanged:
            return loyalty.redeem(db, user_id, cid, points, reason)

        self.operation = Operation(self, work).success(self._done).failure(self._failed).run()
        return self.operation

    def _done(self, changed: PointsChanged) -> None:
        self.redeemed.emit(changed)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.operation = None
        self._check()
        if not isinstance(error, ClientelaError):
            show_failure(self, error)
            return
        self.error_label.setText(errors.error_text(error))
        self.error_label.show()
        self.points_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.points_edit.selectAll()

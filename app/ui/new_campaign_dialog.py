"""A new campaign: name, kind, channel, first and last day, cost and notes. Saved off the
UI thread; a refused field is named under the form and nothing is stored."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.db import Database
from app.errors import ClientelaError
from app.services import campaigns
from app.services.campaigns import CampaignData

from . import errors
from .labels import label
from .operations import Operation, show_failure

KINDS = ("promotion", "event", "mailing", "call_round")
CHANNELS = ("sms", "phone", "email", "post")


class NewCampaignDialog(QDialog):
    created = Signal(int)

    def __init__(self, db: Database, user_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newCampaignDialog")
        self.setWindowTitle(self.tr("New campaign"))
        self.setMinimumWidth(420)
        self.db, self.user_id = db, user_id
        self.operation: Operation | None = None
        form = QFormLayout(self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("campaignName")
        self.name_edit.setMaxLength(campaigns.NAME_MAX)
        form.addRow(self.tr("&Name"), self.name_edit)
        self.kind_box = QComboBox(self)
        for kind in KINDS:
            self.kind_box.addItem(label(kind), kind)
        form.addRow(self.tr("&Kind"), self.kind_box)
        self.channel_box = QComboBox(self)
        self.channel_box.addItem(label("none"), None)
        for channel in CHANNELS:
            self.channel_box.addItem(label(channel), channel)
        form.addRow(self.tr("&Channel"), self.channel_box)
        today = QDate.currentDate()
        self.from_edit = QDateEdit(today, self)
        self.from_edit.setCalendarPopup(True)
        self.to_edit = QDateEdit(today, self)
        self.to_edit.setCalendarPopup(True)
        form.addRow(self.tr("&First day"), self.from_edit)
        form.addRow(self.tr("&Last day"), self.to_edit)
        self.cost_edit = QLineEdit(self)
        self.cost_edit.setObjectName("campaignCost")
        self.cost_edit.setPlaceholderText(self.tr("e.g. 3000"))
        form.addRow(self.tr("C&ost"), self.cost_edit)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setMaximumHeight(80)
        form.addRow(self.tr("N&otes"), self.notes_edit)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("campaignError")
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        form.addRow(self.error_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def data(self) -> CampaignData:
        return CampaignData(
            self.name_edit.text(),
            self.kind_box.currentData(),
            self.channel_box.currentData(),
            self.from_edit.date().toPython(),
            self.to_edit.date().toPython(),
            self.cost_edit.text().strip() or None,
            notes=self.notes_edit.toPlainText(),
        )

    def save(self) -> Operation | None:
        if self.operation is not None and not self.operation.done:
            return None
        db, uid, data = self.db, self.user_id, self.data()

        def work(_p: Any) -> int:
            return campaigns.create(db, uid, data)

        self.operation = Operation(self, work).success(self._done).failure(self._failed).run()
        return self.operation

    def _done(self, campaign_id: int) -> None:
        self.created.emit(campaign_id)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, ClientelaError):
            show_failure(self, error)
            return
        self.error_label.setText(errors.error_text(error))
        self.error_label.show()

"""A customer's contracts [合同], opened from the customer file's Purchases & payments:
each with its dates, amount, status and what was ordered, delivered and invoiced
against it; a new contract is added below the list (``services.contracts``, in
workers)."""

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
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.errors import ClientelaError
from app.models.enums import ContractStatus
from app.services import contracts
from app.services.contracts import ContractData, ContractRow
from app.services.users import UserInfo

from .customer_form_tabs import RowsModel, format_date, format_money, make_table
from .errors import error_text
from .operations import Operation, show_failure


def status_name(value: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return {
        "draft": QCoreApplication.translate("ContractsDialog", "Draft"),
        "signed": QCoreApplication.translate("ContractsDialog", "Signed"),
        "in_force": QCoreApplication.translate("ContractsDialog", "In force"),
        "completed": QCoreApplication.translate("ContractsDialog", "Completed"),
        "cancelled": QCoreApplication.translate("ContractsDialog", "Cancelled"),
    }.get(value, value)


def _date_edit(parent: QWidget, name: str, day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day), parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class ContractsDialog(QDialog):
    saved = Signal(int)

    def __init__(
        self,
        db: Database,
        user: UserInfo | None,
        customer_id: int,
        customer_name: str,
        parent: QWidget | None = None,
        *,
        writable: bool = True,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("contractsDialog")
        self.db, self.user, self.customer_id = db, user, customer_id
        self.rows: list[ContractRow] | None = None
        self.setWindowTitle(self.tr("Contracts: %1").replace("%1", customer_name))
        self.resize(760, 520)
        layout = QVBoxLayout(self)
        self.model = RowsModel(
            [
                self.tr("Number"),
                self.tr("Title"),
                self.tr("Status"),
                self.tr("Ends"),
                self.tr("Amount"),
                self.tr("Delivered"),
                self.tr("Invoiced"),
            ],
            self,
            right_aligned=(4, 5, 6),
        )
        self.view = make_table(self.model, "contractsView", self)
        for column, width in enumerate((120, 180, 80, 90)):
            self.view.setColumnWidth(column, width)
        layout.addWidget(self.view, 1)

        caption = QLabel(self.tr("New contract"), self)
        caption.setProperty("caption", True)
        layout.addWidget(caption)
        day = today or dt.date.today()
        form = QFormLayout()
        self.number_edit = QLineEdit(self)
        self.number_edit.setObjectName("contractNumber")
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("contractTitle")
        top = QHBoxLayout()
        top.addWidget(self.number_edit)
        top.addWidget(QLabel(self.tr("Title"), self))
        top.addWidget(self.title_edit, 2)
        form.addRow(self.tr("Number"), top)
        dates = QHBoxLayout()
        self.signed_check = QCheckBox(self.tr("Signed on"), self)
        self.signed_check.setObjectName("contractSignedCheck")
        self.signed_edit = _date_edit(self, "contractSigned", day)
        self.start_edit = _date_edit(self, "contractStart", day)
        self.end_edit = _date_edit(self, "contractEnd", day.replace(year=day.year + 1))
        dates.addWidget(self.signed_check)
        dates.addWidget(self.signed_edit)
        dates.addWidget(QLabel(self.tr("From"), self))
        dates.addWidget(self.start_edit)
        dates.addWidget(QLabel(self.tr("to"), self))
        dates.addWidget(self.end_edit)
        dates.addStretch(1)
        form.addRow(self.tr("Dates"), dates)
        money = QHBoxLayout()
        self.amount_edit = QLineEdit(self)
        self.amount_edit.setObjectName("contractAmount")
        self.amount_edit.setMaximumWidth(160)
        self.status_box = QComboBox(self)
        self.status_box.setObjectName("contractStatus")
        for status in ContractStatus:
            self.status_box.addItem(status_name(status.value), status.value)
        money.addWidget(self.amount_edit)
        money.addWidget(QLabel(self.tr("Status"), self))
        money.addWidget(self.status_box)
        money.addStretch(1)
        form.addRow(self.tr("Amount"), money)
        self.notes_edit = QLineEdit(self)
        self.notes_edit.setObjectName("contractNotes")
        form.addRow(self.tr("Notes"), self.notes_edit)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.status = QLabel(self)
        self.status.setObjectName("contractsStatus")
        self.status.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Add contract"), self)
        self.add_button.setObjectName("addContract")
        self.add_button.setAutoDefault(False)
        self.add_button.setEnabled(writable)
        self.add_button.clicked.connect(self.add)
        row.addWidget(self.status, 1)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.load_op = self.load()

    def _uid(self) -> int | None:
        return self.user.id if self.user else None

    def load(self) -> Operation:
        db, uid, cid = self.db, self._uid(), self.customer_id

        def work(_progress: Any) -> list[ContractRow]:
            with db.session() as s:
                return contracts.for_customer(s, cid, uid)

        return (
            Operation(self, work, writes=False)
            .success(self._show)
            .failure(lambda e: show_failure(self, e))
            .run()
        )

    def _show(self, rows: list[ContractRow]) -> None:
        self.rows = rows
        self.model.set_rows(
            [
                (
                    r.number,
                    r.title or "",
                    status_name(r.status),
                    format_date(r.ends_on),
                    format_money(r.amount),
                    format_money(r.delivered),
                    format_money(r.invoiced),
                )
                for r in rows
            ],
            [r.id for r in rows],
        )

    def data(self) -> ContractData:
        return ContractData(
            customer_id=self.customer_id,
            number=self.number_edit.text(),
            title=self.title_edit.text(),
            signed_on=self.signed_edit.date().toPython() if self.signed_check.isChecked() else None,  # type: ignore[arg-type]
            starts_on=self.start_edit.date().toPython(),  # type: ignore[arg-type]
            ends_on=self.end_edit.date().toPython(),  # type: ignore[arg-type]
            amount=self.amount_edit.text(),
            status=self.status_box.currentData(),
            notes=self.notes_edit.text(),
        )

    @Slot()
    def add(self) -> Operation:
        db, uid, data = self.db, self._uid(), self.data()
        self.add_button.setEnabled(False)

        def done(new_id: int) -> None:
            self.add_button.setEnabled(True)
            self.status.setText(self.tr("Contract %1 added.").replace("%1", data.number.strip()))
            for edit in (self.number_edit, self.title_edit, self.amount_edit, self.notes_edit):
                edit.clear()
            self.saved.emit(new_id)
            self.load()

        def failed(error: BaseException) -> None:
            self.add_button.setEnabled(True)
            if isinstance(error, ClientelaError):
                self.status.setText(error_text(error))
            else:
                show_failure(self, error)

        return (
            Operation(self, lambda _p: contracts.save(db, uid, data))
            .success(done)
            .failure(failed)
            .run()
        )

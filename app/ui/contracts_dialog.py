"""A customer's contracts [合同], opened from the customer file's Purchases & payments:
each with its dates, amount, status and what was ordered, delivered and invoiced
against it; a new contract is added below the list, and double-clicking one in the list
opens it there to edit, saved with the version read: when another PC saved it meanwhile,
the person chooses between their version and this one (``services.contracts``, in
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
from app.errors import ClientelaError, ConflictError
from app.models.enums import ContractStatus
from app.services import contracts
from app.services.contracts import ContractData, ContractForm, ContractRow
from app.services.users import UserInfo

from . import conflict_box
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
        self.editing: ContractForm | None = None
        """The contract open in the form below the list (None: a new one)."""
        self.writable = writable
        self.ask_conflict = self._ask_conflict
        """Asks what to do when another PC saved the contract first: a hook tests replace."""
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
        self.view.doubleClicked.connect(
            lambda index: self.edit(self.model.row_id(index.row()) or 0)
        )
        self.view.setToolTip(self.tr("Double-click a contract to change it"))
        layout.addWidget(self.view, 1)

        self.caption = QLabel(self.tr("New contract"), self)
        self.caption.setObjectName("contractCaption")
        self.caption.setProperty("caption", True)
        layout.addWidget(self.caption)
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
        self.amount_label = QLabel(self.tr("Amount"), self)
        form.addRow(self.amount_label, money)
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
        self.new_button = QPushButton(self.tr("New contract"), self)
        self.new_button.setObjectName("newContract")
        self.new_button.setAutoDefault(False)
        self.new_button.setVisible(False)
        self.new_button.clicked.connect(self.new)
        row.addWidget(self.status, 1)
        row.addWidget(self.new_button)
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

    @Slot(int)
    def edit(self, contract_id: int) -> Operation | None:
        """Open a contract of the list in the form below it."""
        if not contract_id:
            return None
        db, uid = self.db, self._uid()
        self.status.clear()

        def work(_progress: Any) -> ContractForm:
            with db.session() as s:
                return contracts.for_edit(s, contract_id, uid)

        return (
            Operation(self, work, writes=False)
            .success(self.show_contract)
            .failure(self._failed)
            .run()
        )

    def show_contract(self, form: ContractForm) -> None:
        self.editing = form
        d = form.data
        self.caption.setText(self.tr("Contract %1").replace("%1", d.number))
        self.number_edit.setText(d.number)
        self.title_edit.setText(d.title or "")
        self.signed_check.setChecked(d.signed_on is not None)
        for edit, day in (
            (self.signed_edit, d.signed_on),
            (self.start_edit, d.starts_on),
            (self.end_edit, d.ends_on),
        ):
            if day is not None:
                edit.setDate(QDate(day.year, day.month, day.day))
        # a user who may not see amounts: no amount, and saving keeps the stored one
        self._show_amount(d.amount is not None)
        self.amount_edit.setText(str(d.amount or ""))
        status = getattr(d.status, "value", d.status)
        self.status_box.setCurrentIndex(max(self.status_box.findData(status), 0))
        self.notes_edit.setText(d.notes or "")
        self.add_button.setText(self.tr("Save contract"))
        self.new_button.setVisible(True)

    @Slot()
    def new(self) -> None:
        """Back to adding a new contract."""
        self.editing = None
        self.caption.setText(self.tr("New contract"))
        self.add_button.setText(self.tr("Add contract"))
        self.new_button.setVisible(False)
        for edit in (self.number_edit, self.title_edit, self.amount_edit, self.notes_edit):
            edit.clear()
        self.signed_check.setChecked(False)
        self.status_box.setCurrentIndex(0)
        self.status.clear()
        self._show_amount(True)  # a new contract's amount is typed in from the paper

    def _show_amount(self, shown: bool) -> None:
        self.amount_label.setVisible(shown)
        self.amount_edit.setVisible(shown)

    def _failed(self, error: BaseException) -> None:
        self.add_button.setEnabled(self.writable)
        if isinstance(error, ConflictError):
            self._conflict()
        elif isinstance(error, ClientelaError):
            self.status.setText(error_text(error))
        else:
            show_failure(self, error)

    def _conflict(self) -> None:
        answer = self.ask_conflict()
        form = self.editing
        if answer == conflict_box.CANCEL or form is None:
            self.status.setText(self.tr("Not saved: someone else saved this contract meanwhile."))
            return
        db, uid = self.db, self._uid()

        def work(_progress: Any) -> ContractForm:
            with db.session() as s:
                return contracts.for_edit(s, form.id, uid)

        def current(theirs: ContractForm) -> None:
            if answer == conflict_box.RELOAD:
                self.show_contract(theirs)
                self.status.setText(self.tr("Showing their version."))
            else:
                self.editing = theirs  # their version number, the fields on screen
                self.add()

        Operation(self, work, writes=False).success(current).failure(self._failed).run()

    def _ask_conflict(self) -> str:
        box = conflict_box.conflict_box(
            self, self.tr("Someone else saved this contract meanwhile.")
        )
        return conflict_box.answer(box)

    def data(self) -> ContractData:
        kept = self.editing.data if self.editing is not None else None
        return ContractData(
            deal_id=kept.deal_id if kept else None,
            owner_id=kept.owner_id if kept else None,
            customer_id=self.customer_id,
            number=self.number_edit.text(),
            title=self.title_edit.text(),
            signed_on=self.signed_edit.date().toPython() if self.signed_check.isChecked() else None,  # type: ignore[arg-type]
            starts_on=self.start_edit.date().toPython(),  # type: ignore[arg-type]
            ends_on=self.end_edit.date().toPython(),  # type: ignore[arg-type]
            amount=None if kept and kept.amount is None else self.amount_edit.text(),
            status=self.status_box.currentData(),
            notes=self.notes_edit.text(),
        )

    @Slot()
    def add(self) -> Operation:
        """Add the contract in the form, or save the one opened from the list."""
        db, uid, data, form = self.db, self._uid(), self.data(), self.editing
        self.add_button.setEnabled(False)

        def done(saved_id: int) -> None:
            self.add_button.setEnabled(True)
            number = data.number.strip()
            if form is None:
                self.new()
                self.status.setText(self.tr("Contract %1 added.").replace("%1", number))
            else:
                self.edit(saved_id)  # its new version
                self.status.setText(self.tr("Contract %1 saved.").replace("%1", number))
            self.saved.emit(saved_id)
            self.load()

        def work(_progress: Any) -> int:
            if form is None:
                return contracts.save(db, uid, data)
            return contracts.save(db, uid, data, form.id, form.version)

        return Operation(self, work).success(done).failure(self._failed).run()

"""Credit in the window: Settings ▸ Credit (the office's default term, limit, statement
day and payment terms, and whether orders over the limit or for customers more than 30
days overdue are refused rather than warned about; managers change them), and the
customer file's Credit… dialog (the customer's own terms and what they owe by days past
due). Reading and saving go through ``services.credit`` off the UI thread; a refused
value is named and nothing is stored."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.errors import ClientelaError
from app.models import Customer
from app.services import credit
from app.services.credit import Aging, CreditDefaults, Terms, TermsInput
from app.services.users import UserInfo

from .customer_form_tabs import format_money
from .errors import error_text
from .operations import Operation, show_failure
from .settings_tab import SettingsTab


def _days_box(parent: QWidget, name: str, lo: int, hi: int) -> QSpinBox:
    box = QSpinBox(parent)
    box.setObjectName(name)
    box.setRange(lo, hi)
    box.setMaximumWidth(140)
    return box


class CreditSettingsTab(SettingsTab):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("creditSettings")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        intro = QLabel(
            self.tr(
                "For customers whose own credit terms are empty. An order is due on its "
                "date plus the credit term."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.term_box = _days_box(self, "creditTermDays", 0, 365)
        self.term_box.setSuffix(self.tr(" days"))
        form.addRow(self.tr("Credit term"), self.term_box)
        self.limit_edit = QLineEdit(self)
        self.limit_edit.setObjectName("creditLimit")
        self.limit_edit.setPlaceholderText(self.tr("no limit"))
        self.limit_edit.setMaximumWidth(180)
        form.addRow(self.tr("Credit limit"), self.limit_edit)
        self.day_box = _days_box(self, "statementDay", 0, 31)
        self.day_box.setSpecialValueText(self.tr("none"))
        form.addRow(self.tr("Statement day of the month"), self.day_box)
        self.terms_edit = QLineEdit(self)
        self.terms_edit.setObjectName("paymentTerms")
        self.terms_edit.setMaxLength(200)
        form.addRow(self.tr("Payment terms"), self.terms_edit)
        layout.addLayout(form)
        block_note = QLabel(
            self.tr(
                "Saving an order over the customer's credit limit, or for a customer more "
                "than 30 days overdue, shows a warning with the figures; the office may "
                "refuse such orders instead."
            ),
            self,
        )
        block_note.setWordWrap(True)
        layout.addWidget(block_note)
        self.block_check = QCheckBox(self.tr("Refuse such orders"), self)
        self.block_check.setObjectName("creditBlock")
        layout.addWidget(self.block_check)
        layout.addLayout(self.save_row("saveCredit"))
        layout.addStretch(1)
        self.setEnabled(False)

    def read(self, db: Database) -> CreditDefaults:
        with db.session() as s:
            return credit.defaults(s)

    def editable_widgets(self) -> tuple[QWidget, ...]:
        return (self.term_box, self.limit_edit, self.day_box, self.terms_edit, self.block_check)

    def show_data(self, d: CreditDefaults) -> None:
        self.term_box.setValue(d.term_days)
        self.limit_edit.setText("" if d.limit is None else str(d.limit))
        self.day_box.setValue(d.statement_day or 0)
        self.terms_edit.setText(d.payment_terms or "")
        self.block_check.setChecked(d.block)
        self.setEnabled(True)

    @Slot()
    def save(self) -> Operation | None:
        data = CreditDefaults(
            term_days=self.term_box.value(),
            limit=self.limit_edit.text().strip() or None,  # type: ignore[arg-type]
            statement_day=self.day_box.value() or None,
            payment_terms=self.terms_edit.text().strip() or None,
            block=self.block_check.isChecked(),
        )
        return self.run_save(
            lambda db, uid: credit.save_defaults(db, uid, data), lambda _c: self.tr("Saved.")
        )


class CustomerCreditDialog(QDialog):
    """One customer's credit terms (empty: the office's) and receivables by age."""

    saved = Signal()

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
        self.setObjectName("customerCreditDialog")
        self.db, self.user, self.customer_id = db, user, customer_id
        self.today = today or dt.date.today()
        self.aging: Aging | None = None
        self.setWindowTitle(self.tr("Credit: %1").replace("%1", customer_name))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.limit_edit = QLineEdit(self)
        self.limit_edit.setObjectName("customerCreditLimit")
        self.term_edit = QLineEdit(self)
        self.term_edit.setObjectName("customerCreditTerm")
        self.day_edit = QLineEdit(self)
        self.day_edit.setObjectName("customerStatementDay")
        self.terms_edit = QLineEdit(self)
        self.terms_edit.setObjectName("customerPaymentTerms")
        self.terms_edit.setMaxLength(200)
        for edit in (self.limit_edit, self.term_edit, self.day_edit):
            edit.setMaximumWidth(180)
        form.addRow(self.tr("Credit limit"), self.limit_edit)
        form.addRow(self.tr("Credit term (days)"), self.term_edit)
        form.addRow(self.tr("Statement day of the month"), self.day_edit)
        form.addRow(self.tr("Payment terms"), self.terms_edit)
        layout.addLayout(form)

        caption = QLabel(self.tr("Owed by days past due"), self)
        caption.setProperty("caption", True)
        layout.addWidget(caption)
        grid = QGridLayout()
        self.buckets: list[QLabel] = []
        titles = (
            self.tr("Not yet due"),
            self.tr("1–30 days"),
            self.tr("31–60 days"),
            self.tr("61–90 days"),
            self.tr("Over 90 days"),
        )
        for i, title in enumerate(titles):
            grid.addWidget(QLabel(title, self), 0, i)
            value = QLabel("—", self)
            value.setObjectName(f"creditBucket{i}")
            value.setProperty("total", True)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(value, 1, i)
            self.buckets.append(value)
        layout.addLayout(grid)
        self.status = QLabel(self)
        self.status.setObjectName("creditStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("customerCreditSave")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.load_op = self.load()

    def load(self) -> Operation:
        db, uid, cid, today = self.db, self._uid(), self.customer_id, self.today

        def work(_progress: Any) -> tuple[Any, Terms, Aging]:
            with db.session() as s:
                c = s.get(Customer, cid)
                own = (c.credit_limit, c.credit_term_days, c.statement_day, c.payment_terms)
                return own, credit.terms(s, cid), credit.aging(s, cid, today, uid)

        return (
            Operation(self, work, writes=False)
            .success(self._show)
            .failure(lambda e: show_failure(self, e))
            .run()
        )

    def _uid(self) -> int | None:
        return self.user.id if self.user else None

    def _show(self, result: tuple[Any, Terms, Aging]) -> None:
        (limit, term, day, terms), office, aging = result
        self.aging = aging
        self.limit_edit.setText("" if limit is None else str(limit))
        self.term_edit.setText("" if term is None else str(term))
        self.day_edit.setText("" if day is None else str(day))
        self.terms_edit.setText(terms or "")
        self.limit_edit.setPlaceholderText(
            self.tr("office: %1").replace(
                "%1", format_money(office.limit) if limit is None and office.limit else "—"
            )
        )
        self.term_edit.setPlaceholderText(
            self.tr("office: %1").replace("%1", str(office.term_days))
        )
        for label, amount in zip(self.buckets, aging.buckets, strict=True):
            label.setText(format_money(amount))
        if aging.oldest_days:
            self.status.setText(
                self.tr("%1 overdue; the oldest unpaid order is %2 days past due.")
                .replace("%1", format_money(aging.overdue))
                .replace("%2", str(aging.oldest_days))
            )
        else:
            self.status.setText(self.tr("Nothing is overdue."))

    @Slot()
    def save(self) -> Operation:
        db, uid, cid = self.db, self._uid(), self.customer_id
        data = TermsInput(
            limit=self.limit_edit.text(),
            term_days=self.term_edit.text(),
            statement_day=self.day_edit.text(),
            payment_terms=self.terms_edit.text(),
        )
        self.save_button.setEnabled(False)

        def done(_changed: Any) -> None:
            self.save_button.setEnabled(True)
            self.saved.emit()
            self.accept()

        def failed(error: BaseException) -> None:
            self.save_button.setEnabled(True)
            if isinstance(error, ClientelaError):
                self.status.setText(error_text(error))
                edit = {
                    "credit_limit": self.limit_edit,
                    "credit_term_days": self.term_edit,
                    "statement_day": self.day_edit,
                }.get(getattr(error, "field", None) or "")
                if edit is not None:
                    edit.setFocus()
            else:
                show_failure(self, error)

        return (
            Operation(self, lambda _p: credit.set_terms(db, uid, cid, data))
            .success(done)
            .failure(failed)
            .run()
        )

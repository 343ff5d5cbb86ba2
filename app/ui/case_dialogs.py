"""Complaint cases in the window: opening one (offered when a complaint is logged in the
customer file) and resolving one (the resolution and the customer's satisfaction)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate
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
from app.services import cases
from app.services.activities import Logged
from app.services.cases import CaseData

from .operations import Operation

NewCaseAnswer = tuple[str, str | None, dt.date]
"""Title, what happened, due date."""


class NewCaseDialog(QDialog):
    """Open a case: a title, what happened, the due date (the office's default)."""

    def __init__(self, text: str | None, due: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newCaseDialog")
        self.setWindowTitle(self.tr("Open a complaint case"))
        form = QFormLayout(self)
        intro = QLabel(
            self.tr("A case follows the complaint until it is resolved and the customer asked."),
            self,
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        first = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
        self.title_edit = QLineEdit(first[: cases.TITLE_MAX], self)
        self.title_edit.setObjectName("caseTitle")
        self.title_edit.setMaxLength(cases.TITLE_MAX)
        form.addRow(self.tr("Title"), self.title_edit)
        self.description_edit = QPlainTextEdit(text or "", self)
        self.description_edit.setObjectName("caseDescription")
        self.description_edit.setMinimumSize(360, 80)
        form.addRow(self.tr("What happened"), self.description_edit)
        self.due_edit = QDateEdit(QDate(due), self)
        self.due_edit.setObjectName("caseDue")
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setMinimumDate(QDate.currentDate())
        form.addRow(self.tr("Due"), self.due_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Open case"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("No case"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.title_edit.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.title_edit.text().strip()))

    def answer(self) -> NewCaseAnswer:
        description = self.description_edit.toPlainText().strip() or None
        return self.title_edit.text().strip(), description, self.due_edit.date().toPython()


def ask_new_case(text: str | None, due: dt.date, parent: QWidget) -> NewCaseAnswer | None:
    dialog = NewCaseDialog(text, due, parent)
    try:
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


NewCaseHook = Callable[[str | None, dt.date, QWidget], "NewCaseAnswer | None"]
ask_new_case_hook: NewCaseHook = ask_new_case
"""What ``offer_case`` asks with (tests replace it)."""


def offer_case(
    parent: QWidget,
    db: Database | None,
    user_id: int | None,
    logged: Logged,
    text: str | None,
    done: Callable[[cases.CaseChanged], None] | None = None,
) -> Operation | None:
    """A complaint was just logged: offer to open its case. The office's due days are
    read, and the case opened, off the UI thread; ``offered`` on the returned operation
    holds the operation opening the case, once the person said yes."""
    if db is None:
        return None

    def read(_p: object) -> int:
        with db.session() as s:
            return cases.due_days(s)

    def ask(days: int) -> None:
        answer = ask_new_case_hook(text, dt.date.today() + dt.timedelta(days=days), parent)
        if answer is None:
            return
        title, description, due = answer
        data = CaseData(
            logged.customer_id, title, description, due_on=due, activity_id=logged.activity_id
        )
        op = Operation(parent, lambda _p: cases.open_case(db, user_id, data))
        if done is not None:
            op.success(done)
        first.offered = op.run()

    first = Operation(parent, read, writes=False).success(ask)
    first.offered = None
    return first.run()


class ResolveCaseDialog(QDialog):
    """How the case was resolved, and the customer's satisfaction with it."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resolveCaseDialog")
        self.setWindowTitle(self.tr("Resolve the case"))
        form = QFormLayout(self)
        heading = QLabel(title, self)
        heading.setWordWrap(True)
        form.addRow(heading)
        self.resolution_edit = QPlainTextEdit(self)
        self.resolution_edit.setObjectName("caseResolution")
        self.resolution_edit.setPlaceholderText(
            self.tr("What was done for the customer, what was agreed…")
        )
        self.resolution_edit.setMinimumSize(360, 90)
        form.addRow(self.tr("Resolution"), self.resolution_edit)
        self.satisfaction_box = QComboBox(self)
        self.satisfaction_box.setObjectName("caseSatisfaction")
        self.satisfaction_box.addItem(self.tr("Not asked"), None)
        for score in range(5, 0, -1):
            self.satisfaction_box.addItem("★" * score, score)
        form.addRow(self.tr("Satisfaction"), self.satisfaction_box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.resolution_edit.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.resolution_edit.toPlainText().strip()))

    def answer(self) -> tuple[str, int | None]:
        return self.resolution_edit.toPlainText().strip(), self.satisfaction_box.currentData()


def ask_resolution(title: str, parent: QWidget) -> tuple[str, int | None] | None:
    dialog = ResolveCaseDialog(title, parent)
    try:
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()

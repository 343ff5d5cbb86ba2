"""The customer file's Privacy menu: the consent history, and for managers and
administrators "Export everything…" (a copy of all that is held about the person, one
workbook) and "Erase this person…" (asked by typing the customer's number), both run off
the UI thread through ``services.privacy``.

``PrivacyButton(form)`` follows the form: it reads ``form.db``, ``form.user`` and
``form.file`` whenever the form has loaded. Questions go through hook methods tests
replace: ``_ask_path(suggested)`` → a path or "" and ``_ask_erase(number)`` → bool.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLayout,
    QLineEdit,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models.enums import Role
from app.services import privacy

from .customer_form_tabs import format_datetime
from .labels import label
from .operations import Operation

if TYPE_CHECKING:
    from .customer_form import CustomerForm

MANAGERS = (Role.ADMIN, Role.MANAGER)


class EraseDialog(QDialog):
    """Erasure cannot be undone: the person types the customer's number to go on."""

    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eraseDialog")
        self.setWindowTitle(self.tr("Erase this person"))
        self.number = number
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr(
                "Erasing removes this person's name, phones, emails, addresses, birthday, "
                "identity numbers, plates, people and every note for good. Orders and "
                "payments stay as anonymous figures so reports stay true. This cannot be "
                "undone.\n\nType the customer number %1 to erase."
            ).replace("%1", number),
            self,
        )
        text.setWordWrap(True)
        text.setMinimumWidth(420)
        layout.addWidget(text)
        self.number_edit = QLineEdit(self)
        self.number_edit.setObjectName("eraseNumber")
        self.number_edit.setPlaceholderText(number)
        layout.addWidget(self.number_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.erase_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.erase_button.setText(self.tr("Erase"))
        self.erase_button.setObjectName("eraseButton")
        self.erase_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.number_edit.textChanged.connect(self._check)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)

    @Slot(str)
    def _check(self, typed: str) -> None:
        self.erase_button.setEnabled(typed.strip().upper() == self.number.upper())


class ConsentDialog(QDialog):
    """Every consent given or withdrawn, newest first."""

    def __init__(self, rows: list[privacy.ConsentRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consentDialog")
        self.setWindowTitle(self.tr("Consent history"))
        layout = QVBoxLayout(self)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("consentTree")
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.tree.setHeaderLabels(
            [self.tr("When"), self.tr("Channel"), self.tr("Consent"), self.tr("By")]
        )
        for r in rows:
            item = QTreeWidgetItem(
                [
                    format_datetime(r.at),
                    label(r.channel),
                    self.tr("Given") if r.granted else self.tr("Withdrawn"),
                    r.user or "",
                ]
            )
            if r.note:
                item.setToolTip(0, r.note)
            self.tree.addTopLevelItem(item)
        for column in range(4):
            self.tree.resizeColumnToContents(column)
        layout.addWidget(self.tree)
        if not rows:
            empty = QLabel(self.tr("No consent was given or withdrawn yet."), self)
            empty.setObjectName("consentEmpty")
            layout.addWidget(empty)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(480, 320)


class PrivacyButton(QPushButton):
    """The Privacy menu of a customer file."""

    exported = Signal(str)
    erased = Signal(int)

    def __init__(self, form: CustomerForm) -> None:
        super().__init__(form)
        self.form = form
        self.setObjectName("privacyButton")
        self.setText(self.tr("Privacy"))
        self.setAutoDefault(False)
        menu = QMenu(self)
        self.consent_action = QAction(self.tr("Consent history…"), self)
        self.consent_action.setObjectName("consentAction")
        self.consent_action.triggered.connect(self.show_consent)
        self.export_action = QAction(self.tr("Export everything…"), self)
        self.export_action.setObjectName("exportPersonAction")
        self.export_action.triggered.connect(self.export_everything)
        self.erase_action = QAction(self.tr("Erase this person…"), self)
        self.erase_action.setObjectName("erasePersonAction")
        self.erase_action.triggered.connect(self.erase)
        menu.addAction(self.consent_action)
        menu.addSeparator()
        menu.addAction(self.export_action)
        menu.addAction(self.erase_action)
        self.setMenu(menu)
        self.operation: Operation | None = None
        form.loaded.connect(self._update)
        self._update()

    # ---------------------------------------------------------------- state
    @property
    def is_manager(self) -> bool:
        user = self.form.user
        return user is None or user.role in MANAGERS

    @property
    def _user_id(self) -> int | None:
        return self.form.user.id if self.form.user is not None else None

    def _update(self, *_args: Any) -> None:
        loaded = self.form.file is not None
        self.setEnabled(loaded)
        self.export_action.setVisible(self.is_manager)
        self.erase_action.setVisible(self.is_manager)
        self.erase_action.setEnabled(loaded and not self.form.db.read_only)

    def _busy(self, text: str | None) -> None:
        self.setEnabled(text is None)
        if text is not None:
            self.form.status.setText(text)

    # ----------------------------------------------------------------- hooks
    def _ask_path(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self.form, self.tr("Export everything held about this person"), suggested,
            self.tr("Excel (*.xlsx)"),
        )  # fmt: skip
        return path

    def _ask_erase(self, number: str) -> bool:
        return EraseDialog(number, self.form).exec() == QDialog.DialogCode.Accepted

    # --------------------------------------------------------------- actions
    @Slot()
    def show_consent(self) -> Operation | None:
        f = self.form.file
        if f is None:
            return None
        db, customer_id, user_id = self.form.db, f.id, self._user_id

        def work(_progress: Any) -> list[privacy.ConsentRow]:
            with db.session() as s:
                return privacy.consent_history(s, user_id, customer_id)

        def show(rows: list[privacy.ConsentRow]) -> None:
            dialog = ConsentDialog(rows, self.form)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()
            self.consent_dialog = dialog

        self.operation = Operation(self.form, work, writes=False).success(show).run()
        return self.operation

    @Slot()
    def export_everything(self) -> Operation | None:
        f = self.form.file
        if f is None or not self.is_manager:
            return None
        suggested = str(Path.home() / f"{f.number} {dt.date.today().isoformat()}.xlsx")
        path = self._ask_path(suggested)
        if not path:
            return None
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        db, customer_id, user_id = self.form.db, f.id, self._user_id

        def work(_progress: Any) -> str:
            return str(privacy.export_person(db, user_id, customer_id, path))

        def done(written: str) -> None:
            self._busy(None)
            self.form.status.setText(
                self.tr("Everything held about this person was saved to %1.").replace(
                    "%1", Path(written).name
                )
            )
            self.exported.emit(written)

        def failed(error: BaseException) -> None:
            self._busy(None)
            self.form.status.clear()
            from .operations import show_failure

            show_failure(self.form, error)

        self._busy(self.tr("Exporting…"))
        self.operation = (
            Operation(self.form, work)  # a write too: the export goes in the audit log
            .with_progress(
                self.tr("Exporting everything held about this person…"), cancellable=False
            )
            .success(done)
            .failure(failed)
            .run()
        )
        return self.operation

    @Slot()
    def erase(self) -> Operation | None:
        f = self.form.file
        if f is None or not self.is_manager or self.form.db.read_only:
            return None
        if not self._ask_erase(f.number):
            return None
        db, customer_id, user_id = self.form.db, f.id, self._user_id

        def work(progress: Any) -> privacy.Erased:
            return privacy.erase_person(db, user_id, customer_id)

        def done(result: privacy.Erased) -> None:
            self._busy(None)
            self.form.setWindowModified(False)  # what was typed is gone with the rest
            self.form.load()
            self.form.status.setText(
                self.tr("This person was erased; orders and payments stay as figures.")
            )
            self.form.saved.emit(result.customer_id)
            self.erased.emit(result.customer_id)

        def failed(error: BaseException) -> None:
            self._busy(None)
            self.form.status.clear()
            from .operations import show_failure

            show_failure(self.form, error)

        self._busy(self.tr("Erasing…"))
        self.operation = (
            Operation(self.form, work)
            .with_progress(self.tr("Erasing this person…"), cancellable=False)
            .success(done)
            .failure(failed)
            .run()
        )
        return self.operation

"""Signing in: a user name and a password, checked off the UI thread (argon2 takes a
moment on purpose). A wrong password says so and keeps the dialog open; after a few, the
service makes the next try wait (app.services.users.sign_in) and the dialog says how long.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
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
from app.services import users
from app.services.users import UserInfo

from . import errors
from .operations import Operation


class SignInDialog(QDialog):
    """Accepted once the password was right; ``user`` is then who signed in."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        username: str | None = None,
        location: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.user: UserInfo | None = None
        self.operation: Operation | None = None
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("Sign in to Clientela"))
        self.setMinimumWidth(380)

        intro = QLabel(self.tr("Sign in with your user name and password."), self)
        intro.setWordWrap(True)
        self.where_label = QLabel(location or "", self)
        self.where_label.setObjectName("signInLocation")
        self.where_label.setVisible(bool(location))
        self.where_label.setWordWrap(True)
        self.name_edit = QLineEdit(username or "", self)
        self.name_edit.setObjectName("signInName")
        self.name_edit.setMaxLength(users.USERNAME_MAX)
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("signInPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel("", self)
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")

        form = QFormLayout()
        form.addRow(self.tr("User name:"), self.name_edit)
        form.addRow(self.tr("Password:"), self.password_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Sign in"))
        self.ok_button.setObjectName("signInButton")
        self.buttons.accepted.connect(self.sign_in)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.where_label)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        if username:
            self.password_edit.setFocus()

    def sign_in(self) -> Operation | None:
        if self.operation is not None and self.operation.running:
            return None
        name = self.name_edit.text().strip()
        password = self.password_edit.text()
        if not name:
            self.message.setText(self.tr("Enter your user name."))
            self.name_edit.setFocus()
            return None
        db = self.db

        def work(_p: Any) -> UserInfo:
            user = users.sign_in(db, name, password)
            users.record_sign_in(db, user, "password")
            return user

        self._set_busy(True)
        self.message.setText(self.tr("Checking…"))
        self.operation = Operation(self, work).success(self._signed_in).failure(self._failed).run()
        return self.operation

    def _signed_in(self, user: UserInfo) -> None:
        self._set_busy(False)
        self.user = user
        self.message.clear()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if not isinstance(error, ClientelaError):
            errors.report_exception(error)
            self.message.clear()
            return
        self.message.setText(errors.error_text(error))
        self.password_edit.clear()
        self.password_edit.setFocus()

    def _set_busy(self, busy: bool) -> None:
        for w in (self.name_edit, self.password_edit, self.ok_button):
            w.setEnabled(not busy)

    def reject(self) -> None:
        if self.operation is not None and self.operation.running:
            return
        super().reject()

"""The first thing an empty database shows: load demo data, or start empty.

Demo data comes from ``app.services.demo.generate`` (customers, people, vehicles,
orders, deals, tasks and users in the chosen language); starting empty creates the
first administrator with ``app.services.users.ensure_admin``. Both run as operations,
the demo with progress and Cancel.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.services import pipeline, users

from .operations import Operation, Progress, show_failure

DEMO_LOCALES = ("zh_CN", "es_ES", "en_US")
DEFAULT_DEMO_CUSTOMERS = 3000
MAX_DEMO_CUSTOMERS = 1_000_000


def demo_locale_for(ui_locale: str) -> str:
    """The demo language closest to the interface language."""
    lang = ui_locale.split("_")[0].split("-")[0].lower()
    return {"zh": "zh_CN", "es": "es_ES"}.get(lang, "en_US")


class WelcomeDialog(QDialog):
    """Shown with ``open()`` on an empty database; accepted once data or an admin exists."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        username: str = "admin",
        ui_locale: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.operation: Operation | None = None
        self.signed_in: users.UserInfo | None = None
        """The administrator made by Start empty with a password: signed in already."""
        self.setObjectName("welcomeDialog")
        self.setWindowTitle(self.tr("Welcome to Clientela"))
        self.setMinimumWidth(520)

        heading = QLabel(self.tr("This database is empty"), self)
        heading.setObjectName("welcomeHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(
            self.tr(
                "Load demo data to look around with realistic customers, deals and orders, "
                "or start empty and enter your own."
            ),
            self,
        )
        intro.setWordWrap(True)

        demo_box = QGroupBox(self.tr("Demo data"), self)
        self.locale_combo = QComboBox(demo_box)
        self.locale_combo.setObjectName("demoLocale")
        names = {
            "zh_CN": self.tr("Chinese (中文)"),
            "es_ES": self.tr("Spanish (Español)"),
            "en_US": self.tr("English"),
        }
        for code in DEMO_LOCALES:
            self.locale_combo.addItem(names[code], code)
        wanted = demo_locale_for(ui_locale or QLocale().name())
        self.locale_combo.setCurrentIndex(DEMO_LOCALES.index(wanted))
        self.customers_spin = QSpinBox(demo_box)
        self.customers_spin.setObjectName("demoCustomers")
        self.customers_spin.setRange(1, MAX_DEMO_CUSTOMERS)
        self.customers_spin.setSingleStep(500)
        self.customers_spin.setGroupSeparatorShown(True)
        self.customers_spin.setValue(DEFAULT_DEMO_CUSTOMERS)
        self.demo_button = QPushButton(self.tr("Load demo data"), demo_box)
        self.demo_button.setObjectName("loadDemoButton")
        self.demo_button.setDefault(True)
        self.demo_button.clicked.connect(self.load_demo)
        demo_form = QFormLayout(demo_box)
        demo_form.addRow(self.tr("Names and places in:"), self.locale_combo)
        demo_form.addRow(self.tr("Customers:"), self.customers_spin)
        demo_form.addRow("", _right(self.demo_button))

        empty_box = QGroupBox(self.tr("Start empty"), self)
        self.admin_edit = QLineEdit(username, empty_box)
        self.admin_edit.setObjectName("adminName")
        self.admin_edit.setMaxLength(users.USERNAME_MAX)
        self.password_edit = QLineEdit(empty_box)
        self.password_edit.setObjectName("adminPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(
            self.tr("at least %1 characters").replace("%1", str(users.PASSWORD_MIN))
        )
        self.confirm_edit = QLineEdit(empty_box)
        self.confirm_edit.setObjectName("adminPasswordAgain")
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        password_note = QLabel(
            self.tr(
                "With a password, everyone signs in when the program starts. Without one, "
                "nobody is asked (add passwords later in Settings ▸ Users)."
            ),
            empty_box,
        )
        password_note.setWordWrap(True)
        password_note.setObjectName("adminPasswordNote")
        self.empty_button = QPushButton(self.tr("Start empty"), empty_box)
        self.empty_button.setObjectName("startEmptyButton")
        self.empty_button.clicked.connect(self.start_empty)
        empty_form = QFormLayout(empty_box)
        empty_form.addRow(self.tr("Your user name (administrator):"), self.admin_edit)
        empty_form.addRow(self.tr("Password:"), self.password_edit)
        empty_form.addRow(self.tr("Password again:"), self.confirm_edit)
        empty_form.addRow("", password_note)
        empty_form.addRow("", _right(self.empty_button))

        self.status = QLabel("", self)
        self.status.setObjectName("welcomeStatus")
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(demo_box)
        layout.addWidget(empty_box)
        layout.addWidget(self.status)

    # --------------------------------------------------------------- actions
    def load_demo(self) -> Operation:
        db = self.db
        locale = str(self.locale_combo.currentData())
        count = self.customers_spin.value()

        def work(progress: Progress) -> Any:
            from app.services import demo

            return demo.generate(
                db,
                customers=count,
                seed=1,
                locale=locale,
                progress=progress,
                cancelled=lambda: progress.cancelled,
            )

        return self._run(
            Operation(self, work)
            .with_progress(self.tr("Generating demo data…"))
            .success(lambda _result: self.accept())
        )

    def start_empty(self) -> Operation | None:
        db = self.db
        name = self.admin_edit.text()
        password = self.password_edit.text()
        if password != self.confirm_edit.text():
            self.status.setText(self.tr("The two passwords differ."))
            self.confirm_edit.setFocus()
            return None
        stage_names = {
            "pipeline": self.tr("Sales"),
            "initial_contact": self.tr("Initial contact"),
            "sample": self.tr("Sample / trial"),
            "negotiation": self.tr("Negotiation"),
            "signing": self.tr("Contract signing"),
            "won": self.tr("Won"),
            "lost": self.tr("Lost"),
        }

        def work(_p: object) -> users.UserInfo | None:
            admin = users.ensure_admin(db, name, password=password or None)
            pipeline.ensure_default(db, stage_names)
            return users.user_info(db, admin) if password else None

        return self._run(Operation(self, work).success(self._started_empty))

    def _started_empty(self, admin: users.UserInfo | None) -> None:
        self.signed_in = admin
        self.accept()

    def _run(self, op: Operation) -> Operation:
        self._set_busy(True)
        self.status.clear()
        self.operation = op.failure(self._failed).on_cancel(self._cancelled).run()
        return op

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        show_failure(self, error)

    def _cancelled(self) -> None:
        self._set_busy(False)
        self.status.setText(self.tr("Demo data cancelled."))

    def _set_busy(self, busy: bool) -> None:
        for w in (self.demo_button, self.empty_button, self.locale_combo, self.customers_spin):
            w.setEnabled(not busy)
        for edit in (self.admin_edit, self.password_edit, self.confirm_edit):
            edit.setEnabled(not busy)

    def reject(self) -> None:
        if self.operation is not None and self.operation.running:
            return  # the progress window's Cancel stops the work
        super().reject()


def _right(button: QPushButton) -> QWidget:
    box = QWidget(button.parentWidget())
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addStretch(1)
    row.addWidget(button)
    return box

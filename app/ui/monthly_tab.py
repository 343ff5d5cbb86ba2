"""Reports ▸ Monthly workbook: pick a month (last month by default) and the language,
save the manager's workbook (``services.monthly.make_workbook``) in a worker with
progress and Cancel, then open it or its folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.services import monthly
from app.services.users import UserInfo

from .operations import Operation, show_failure


def last_month(today: dt.date) -> dt.date:
    return (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


class MonthlyTab(QWidget):
    written = Signal(str)
    """The workbook's path, once written."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("monthlyTab")
        self.db: Database | None = None
        self.user: UserInfo | None = None
        self.ask_path = self._ask_path
        """Where to save: a hook tests replace (returns "" to cancel)."""
        self.path: Path | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        intro = QLabel(
            self.tr(
                "One workbook for the month: the key figures against the previous month and "
                "the same month last year (with a chart), sales by salesperson and by "
                "customer class, the pipeline and forecast, new and lost customers, "
                "receivables by age, key accounts and activities by salesperson."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.month_edit = QDateEdit(self)
        self.month_edit.setObjectName("monthlyMonth")
        self.month_edit.setDisplayFormat("yyyy-MM")
        self.month_edit.setCalendarPopup(False)
        self.month_edit.setDate(QDate(last_month(dt.date.today())))
        self.month_edit.setMaximumWidth(140)
        form.addRow(self.tr("Month"), self.month_edit)
        self.lang_box = QComboBox(self)
        self.lang_box.setObjectName("monthlyLanguage")
        self.lang_box.addItem(self.tr("The office's language"), None)
        for code, name in (("zh", "简体中文"), ("es", "Español"), ("en", "English")):
            self.lang_box.addItem(name, code)
        self.lang_box.setMaximumWidth(220)
        form.addRow(self.tr("Sheets in"), self.lang_box)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.make_button = QPushButton(self.tr("Make workbook…"), self)
        self.make_button.setObjectName("monthlyMake")
        self.make_button.clicked.connect(self.make)
        self.open_button = QPushButton(self.tr("Open workbook"), self)
        self.open_button.setObjectName("monthlyOpen")
        self.open_button.clicked.connect(self._open_file)
        self.folder_button = QPushButton(self.tr("Open folder"), self)
        self.folder_button.setObjectName("monthlyFolder")
        self.folder_button.clicked.connect(self._open_folder)
        for button in (self.open_button, self.folder_button):
            button.setEnabled(False)
        self.cards_button = QPushButton(self.tr("Key-account cards…"), self)
        self.cards_button.setObjectName("monthlyKeyAccounts")
        self.cards_button.setToolTip(
            self.tr("The strategy and review cards of the month, one sheet per key account")
        )
        self.cards_button.clicked.connect(self.make_cards)
        row.addWidget(self.make_button)
        row.addWidget(self.cards_button)
        row.addWidget(self.open_button)
        row.addWidget(self.folder_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.status = QLabel(self)
        self.status.setObjectName("monthlyStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def set_context(self, db: Database | None, user: UserInfo | None) -> None:
        self.db, self.user = db, user
        self.make_button.setEnabled(db is not None)
        self.cards_button.setEnabled(db is not None)

    def month(self) -> dt.date:
        return self.month_edit.date().toPython().replace(day=1)  # type: ignore[union-attr]

    def _ask_path(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the monthly workbook"), suggested, self.tr("Excel (*.xlsx)")
        )
        return path

    @Slot()
    def make(self) -> Operation | None:
        return self._make(
            self.tr("Clientela %1.xlsx"),
            monthly.make_workbook,
            self.tr("Making the monthly workbook…"),
        )

    @Slot()
    def make_cards(self) -> Operation | None:
        """Every key account's strategy and review cards of the month (services.key_accounts)."""
        from app.services import key_accounts

        return self._make(
            self.tr("Key accounts %1.xlsx"),
            key_accounts.make_workbook,
            self.tr("Making the key-account cards…"),
        )

    def _make(self, suggested: str, make: Any, busy: str) -> Operation | None:
        db = self.db
        if db is None:
            return None
        month = self.month()
        path = self.ask_path(suggested.replace("%1", f"{month:%Y-%m}"))
        if not path:
            return None
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        uid = self.user.id if self.user else None
        lang = self.lang_box.currentData()
        self.make_button.setEnabled(False)
        self.cards_button.setEnabled(False)
        self.status.setText(self.tr("Working out the figures…"))

        def work(progress: Any) -> Path:
            return make(db, uid, month, path, lang=lang, progress=progress)  # type: ignore[no-any-return]

        return (
            Operation(self, work)
            .with_progress(busy)
            .success(self._written)
            .failure(self._failed)
            .on_cancel(self._cancelled)
            .run()
        )

    def _written(self, path: Path) -> None:
        self.path = path
        self.make_button.setEnabled(True)
        self.cards_button.setEnabled(True)
        for button in (self.open_button, self.folder_button):
            button.setEnabled(True)
        self.status.setText(self.tr("Saved %1").replace("%1", str(path)))
        self.written.emit(str(path))

    def _failed(self, error: BaseException) -> None:
        self.make_button.setEnabled(True)
        self.cards_button.setEnabled(True)
        self.status.setText(self.tr("No workbook was written."))
        show_failure(self, error)

    def _cancelled(self) -> None:
        self.make_button.setEnabled(True)
        self.cards_button.setEnabled(True)
        self.status.setText(self.tr("Cancelled; no workbook was written."))

    def _open_file(self) -> None:
        if self.path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))

    def _open_folder(self) -> None:
        if self.path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.parent)))

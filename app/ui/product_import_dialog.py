"""Products ▸ Import…: a spreadsheet of products is first checked (every row; nothing
written), the bad rows listed with their row numbers, then imported all or nothing —
both in a worker with progress and Cancel (``services.product_import``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.errors import ClientelaError
from app.services import product_import
from app.services.product_import import ProductImportResult
from app.services.users import UserInfo

from .errors import error_text
from .operations import Operation, show_failure


class ProductImportDialog(QDialog):
    imported = Signal()

    def __init__(
        self, db: Database, user: UserInfo | None, path: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("productImportDialog")
        self.db, self.user, self.path = db, user, path
        self.result_: ProductImportResult | None = None
        self.operation: Operation | None = None
        self.setWindowTitle(self.tr("Import products"))
        self.resize(520, 360)
        layout = QVBoxLayout(self)
        self.file_label = QLabel(Path(path).name, self)
        self.file_label.setObjectName("importFile")
        self.file_label.setWordWrap(True)
        layout.addWidget(self.file_label)
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.errors = QPlainTextEdit(self)
        self.errors.setObjectName("importErrors")
        self.errors.setReadOnly(True)
        self.errors.hide()
        layout.addWidget(self.errors, 1)
        layout.addStretch(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.import_button = buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("importProductsRun")
        self.import_button.setEnabled(False)
        buttons.accepted.connect(self.run)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _work(self, dry_run: bool) -> Any:
        db, uid, path = self.db, self.user.id if self.user else None, self.path

        def work(progress: Any) -> ProductImportResult:
            return product_import.import_products(
                db,
                uid,
                path,
                dry_run=dry_run,
                progress=lambda done, total, _text: progress.report(done, total),
                cancelled=lambda: progress.cancelled,
            )

        return work

    @Slot()
    def check(self) -> Operation:
        """Read and check every row; nothing is written."""
        self.import_button.setEnabled(False)
        self.summary.setText(self.tr("Checking…"))
        self.operation = (
            Operation(self, self._work(True), writes=False)
            .with_progress(self.tr("Checking %1…").replace("%1", Path(self.path).name))
            .success(self._checked)
            .failure(self._failed)
            .on_cancel(self._cancelled)
            .run()
        )
        return self.operation

    @Slot()
    def run(self) -> Operation | None:
        """Import the rows checked, all or nothing."""
        if self.result_ is None or self.result_.errors:
            return None
        self.import_button.setEnabled(False)
        self.summary.setText(self.tr("Importing…"))
        self.operation = (
            Operation(self, self._work(False))
            .with_progress(self.tr("Importing %1…").replace("%1", Path(self.path).name))
            .success(self._done)
            .failure(self._failed)
            .on_cancel(self._cancelled)
            .run()
        )
        return self.operation

    def _counts(self, result: ProductImportResult) -> str:
        return (
            self.tr("%1 products read: %2 new, %3 to update.")
            .replace("%1", str(result.rows))
            .replace("%2", str(result.added))
            .replace("%3", str(result.updated))
        )

    def _checked(self, result: ProductImportResult) -> None:
        self.result_ = result
        if result.errors:
            self.summary.setText(
                self.tr(
                    "Nothing can be imported: %n row(s) have errors. Correct them and try again.",
                    "",
                    len(result.errors),
                )
            )
            self.errors.setPlainText(
                "\n".join(
                    self.tr("Row %1: %2")
                    .replace("%1", str(e.row))
                    .replace("%2", error_text(e.error))
                    for e in result.errors
                )
            )
            self.errors.show()
            return
        self.errors.hide()
        if not result.rows:
            self.summary.setText(self.tr("The file has no products under its header."))
            return
        self.summary.setText(self._counts(result))
        self.import_button.setEnabled(True)

    def _done(self, result: ProductImportResult) -> None:
        self.result_ = result
        self.summary.setText(
            self.tr("Imported: %1 added, %2 updated.")
            .replace("%1", str(result.added))
            .replace("%2", str(result.updated))
        )
        self.imported.emit()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ClientelaError):
            self.summary.setText(error_text(error))
        else:
            show_failure(self, error)

    def _cancelled(self) -> None:
        self.summary.setText(self.tr("Cancelled; nothing was written."))

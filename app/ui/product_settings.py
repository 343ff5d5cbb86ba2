"""Settings ▸ Products: the product list (code, name, category, unit, list price, cost,
still sold), added to and changed by administrators and managers, exported to and
imported from Excel (``services.products``; everything off the UI thread)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
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
from app.models.enums import ProductCategory
from app.services import products
from app.services.products import ProductData, ProductRow
from app.services.users import UserInfo

from .customer_form_tabs import RowsModel, format_money, make_table
from .errors import error_text
from .labels import label
from .operations import Operation, show_failure

EDITORS = ("admin", "manager")


def category_name(value: str) -> str:
    from PySide6.QtCore import QCoreApplication

    names = {
        "fuel": QCoreApplication.translate("ProductSettingsTab", "Fuel grade"),
        "vehicle": QCoreApplication.translate("ProductSettingsTab", "Vehicle model"),
        "accessory": QCoreApplication.translate("ProductSettingsTab", "Accessory"),
        "service": QCoreApplication.translate("ProductSettingsTab", "Service"),
        "parts": QCoreApplication.translate("ProductSettingsTab", "Parts"),
        "other": QCoreApplication.translate("ProductSettingsTab", "Other"),
    }
    return names.get(value, label(value))


class ProductDialog(QDialog):
    """Add or change one product."""

    def __init__(self, row: ProductRow | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("productDialog")
        self.row = row
        self.setWindowTitle(self.tr("Change product") if row else self.tr("New product"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name_edit = QLineEdit(row.name if row else "", self)
        self.name_edit.setObjectName("productName")
        self.code_edit = QLineEdit((row.code or "") if row else "", self)
        self.code_edit.setObjectName("productCode")
        self.category_box = QComboBox(self)
        self.category_box.setObjectName("productCategory")
        for c in ProductCategory:
            self.category_box.addItem(category_name(c.value), c.value)
        self.category_box.setCurrentIndex(
            self.category_box.findData(row.category if row else ProductCategory.OTHER.value)
        )
        self.unit_edit = QLineEdit(row.unit if row else "", self)
        self.unit_edit.setObjectName("productUnit")
        self.price_edit = QLineEdit(str(row.list_price) if row else "", self)
        self.price_edit.setObjectName("productPrice")
        self.cost_edit = QLineEdit(str(row.cost) if row else "", self)
        self.cost_edit.setObjectName("productCost")
        self.active_check = QCheckBox(self.tr("Still sold"), self)
        self.active_check.setObjectName("productActive")
        self.active_check.setChecked(row.active if row else True)
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Code"), self.code_edit)
        form.addRow(self.tr("Category"), self.category_box)
        form.addRow(self.tr("Unit"), self.unit_edit)
        form.addRow(self.tr("List price"), self.price_edit)
        form.addRow(self.tr("Cost"), self.cost_edit)
        form.addRow("", self.active_check)
        layout.addLayout(form)
        self.status = QLabel(self)
        self.status.setObjectName("productStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def data(self) -> ProductData:
        return ProductData(
            name=self.name_edit.text(),
            category=self.category_box.currentData(),
            unit=self.unit_edit.text(),
            list_price=self.price_edit.text(),
            cost=self.cost_edit.text(),
            active=self.active_check.isChecked(),
            code=self.code_edit.text(),
        )


class ProductSettingsTab(QWidget):
    loaded = Signal()
    saved = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("productSettings")
        self.db: Database | None = None
        self.user: UserInfo | None = None
        self.rows: list[ProductRow] = []
        self._stale = False
        self.ask_open = self._ask_open
        self.ask_save = self._ask_save
        """File dialogs: hooks tests replace (return "" to cancel)."""
        self.edit_product = self._edit_product
        """Shows the product dialog; returns the data or None: a hook tests replace."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        self.model = RowsModel(
            [
                self.tr("Code"),
                self.tr("Name"),
                self.tr("Category"),
                self.tr("Unit"),
                self.tr("List price"),
                self.tr("Cost"),
                self.tr("Sold"),
            ],
            self,
            right_aligned=(4, 5),
        )
        self.view = make_table(self.model, "productsView", self)
        self.view.doubleClicked.connect(lambda _i: self.change())
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add…"), self)
        self.add_button.setObjectName("addProduct")
        self.add_button.clicked.connect(self.add)
        self.change_button = QPushButton(self.tr("Change…"), self)
        self.change_button.setObjectName("changeProduct")
        self.change_button.clicked.connect(self.change)
        self.import_button = QPushButton(self.tr("Import…"), self)
        self.import_button.setObjectName("importProducts")
        self.import_button.clicked.connect(self.import_file)
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.setObjectName("exportProducts")
        self.export_button.clicked.connect(self.export_file)
        for b in (self.add_button, self.change_button, self.import_button, self.export_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self.status = QLabel(self)
        self.status.setObjectName("statusLabel")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.setEnabled(False)

    def set_context(self, db: Database | None, user: UserInfo | None) -> None:
        self.db, self.user = db, user
        if self.isVisible():
            self.load()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.load()

    @property
    def may_edit(self) -> bool:
        return self.user is None or str(getattr(self.user.role, "value", "")) in EDITORS

    def _uid(self) -> int | None:
        return self.user.id if self.user else None

    def load(self) -> Operation | None:
        db = self.db
        if db is None:
            return None

        def work(_progress: Any) -> list[ProductRow]:
            with db.session() as s:
                return products.listing(s)

        return (
            Operation(self, work, writes=False)
            .success(self._show)
            .failure(lambda e: show_failure(self, e))
            .run()
        )

    def _show(self, rows: list[ProductRow]) -> None:
        self.rows = rows
        yes, no = self.tr("yes"), self.tr("no")
        self.model.set_rows(
            [
                (
                    r.code or "",
                    r.name,
                    category_name(r.category),
                    r.unit,
                    format_money(r.list_price),
                    format_money(r.cost),
                    yes if r.active else no,
                )
                for r in rows
            ],
            [r.id for r in rows],
        )
        self.setEnabled(True)
        for b in (self.add_button, self.change_button, self.import_button):
            b.setEnabled(self.may_edit)
        if not self.may_edit:
            self.status.setText(self.tr("Only administrators and managers change products."))
        self.loaded.emit()

    def _edit_product(self, row: ProductRow | None) -> ProductData | None:
        dialog = ProductDialog(row, self)
        return dialog.data() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _write(self, work: Any, done_text: str) -> Operation:
        def done(_r: Any) -> None:
            self.status.setText(done_text)
            self.saved.emit()
            self.load()

        def failed(error: BaseException) -> None:
            if isinstance(error, ClientelaError):
                self.status.setText(error_text(error))
            else:
                show_failure(self, error)

        return Operation(self, work).success(done).failure(failed).run()

    @Slot()
    def add(self) -> Operation | None:
        data = self.edit_product(None)
        if data is None or self.db is None:
            return None
        db, uid = self.db, self._uid()
        return self._write(lambda _p: products.save(db, uid, data), self.tr("Product added."))

    @Slot()
    def change(self) -> Operation | None:
        index = self.view.currentIndex()
        if not index.isValid() or self.db is None or not self.may_edit:
            return None
        row = self.rows[index.row()]
        data = self.edit_product(row)
        if data is None:
            return None
        db, uid = self.db, self._uid()
        return self._write(
            lambda _p: products.save(db, uid, data, row.id, row.version),
            self.tr("Product saved."),
        )

    def _ask_open(self) -> str:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import products"), "", self.tr("Spreadsheets (*.xlsx *.xls *.csv)")
        )
        return path

    def _ask_save(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export products"), suggested, self.tr("Excel (*.xlsx);;CSV (*.csv)")
        )
        return path

    @Slot()
    def import_file(self) -> Operation | None:
        path = self.ask_open()
        if not path or self.db is None:
            return None
        db, uid = self.db, self._uid()

        def done(result: tuple[int, int]) -> None:
            self.status.setText(
                self.tr("%1 products added, %2 changed.")
                .replace("%1", str(result[0]))
                .replace("%2", str(result[1]))
            )
            self.saved.emit()
            self.load()

        def failed(error: BaseException) -> None:
            if isinstance(error, ClientelaError):
                self.status.setText(error_text(error))
            else:
                show_failure(self, error)

        return (
            Operation(self, lambda _p: products.import_file(db, uid, path))
            .success(done)
            .failure(failed)
            .run()
        )

    @Slot()
    def export_file(self) -> Operation | None:
        path = self.ask_save(self.tr("Products.xlsx"))
        if not path or self.db is None:
            return None
        if Path(path).suffix.lower() not in (".xlsx", ".csv"):
            path += ".xlsx"
        db = self.db
        headers = [
            self.tr("Code"),
            self.tr("Name"),
            self.tr("Category"),
            self.tr("Unit"),
            self.tr("List price"),
            self.tr("Cost"),
            self.tr("Sold"),
        ]

        def done(n: int) -> None:
            self.status.setText(
                self.tr("%1 products exported to %2").replace("%1", str(n)).replace("%2", path)
            )

        def failed(error: BaseException) -> None:
            show_failure(self, error)

        return (
            Operation(self, lambda _p: products.export(db, path, headers), writes=False)
            .success(done)
            .failure(failed)
            .run()
        )

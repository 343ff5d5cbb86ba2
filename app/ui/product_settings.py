"""The product dialog (code, name, category, unit, list price, cost, still sold) and the
category names, shared by the Products page and Settings ▸ Products (both are
``app.ui.pages.products.ProductsWidget``)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.models.enums import ProductCategory
from app.services.products import ProductData, ProductRow

from .labels import label


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

"""Products: the product list with what each sold over a period — quantity, revenue and
margin (``services.product_sales``, margins as ``services.margins`` counts them) —
filtered by category, still sold or not, and a piece of the name or code.

Administrators and managers add, change, stop selling (Deactivate) and import products;
everyone else reads. Export… writes the list shown through the shared table export;
Import… checks a spreadsheet, lists every bad row, then imports it all or nothing
(``app.ui.product_import_dialog``). Settings ▸ Products is the same widget.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Slot,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.errors import ClientelaError, ConflictError
from app.models.enums import ProductCategory
from app.services import exports, product_sales, products
from app.services.product_sales import ProductFilter, ProductSales
from app.services.products import ProductData, ProductRow
from app.services.users import UserInfo

from .. import formats, table_export
from ..customer_form_tabs import format_money
from ..errors import error_text
from ..operations import Operation, show_failure
from ..product_settings import ProductDialog, category_name
from ..settings_tab import SettingsTab
from .base import Page

Index = QModelIndex | QPersistentModelIndex
NAME, CATEGORY, QUANTITY, UNIT, REVENUE, MARGIN, PRICE, COST, CODE = range(9)
"""The period's figures next to the name: at the page's narrowest they are what shows."""
RIGHT = (PRICE, COST, QUANTITY, REVENUE, MARGIN)


def _quantity(value: Decimal) -> str:
    """Grouped like money (1,749,659.35), with only the decimals the quantity has."""
    decimals = max(0, -value.normalize().as_tuple().exponent)  # type: ignore[operator]
    return formats.number(value, decimals)


def _money(value: Decimal | None) -> str:
    return "" if value is None else format_money(value)


class ProductTableModel(QAbstractTableModel):
    """The products a filter selects, with their period figures, read in a worker."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ProductSales] = []

    def headers(self) -> list[str]:
        return [
            self.tr("Name"),
            self.tr("Category"),
            self.tr("Sold"),
            self.tr("Unit"),
            self.tr("Revenue"),
            self.tr("Margin"),
            self.tr("List price"),
            self.tr("Cost"),
            self.tr("Code"),
        ]

    def set_rows(self, rows: list[ProductSales]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else CODE + 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            names = self.headers()
            return names[section] if 0 <= section < len(names) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(r, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in RIGHT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and not r.active:
            return QBrush(QColor("#8a8a8a"))
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME and not r.active:
            return self.tr("No longer sold")
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None

    def _text(self, r: ProductSales, column: int) -> str:
        if column == NAME:
            return r.name
        if column == CODE:
            return r.code or ""
        if column == CATEGORY:
            return category_name(r.category)
        if column == UNIT:
            return r.unit
        if column == PRICE:
            return _money(r.list_price)
        if column == COST:
            return _money(r.cost)
        if column == QUANTITY:
            return _quantity(r.quantity) if r.quantity else ""
        if column == REVENUE:
            return _money(r.revenue) if r.revenue else ""
        if column == MARGIN:
            return _money(r.margin) if r.revenue else ""
        return ""

    def row_at(self, row: int) -> ProductSales | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None


class ProductsWidget(SettingsTab):
    """The list with its filters and actions: the Products page and Settings ▸ Products.
    Of the Settings tabs' common part it takes the context, the reading when first shown
    and the rights; its buttons follow the selected row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("productsWidget")
        self.load_op: Operation | None = None
        self._generation = 0
        self.edit_product = self._edit_product
        """Shows the product dialog; returns the data or None: a hook tests replace."""
        self.ask_export_path = lambda: table_export.ask_path(
            self, self.tr("Export products"), self.tr("products")
        )
        """Where to export (tests replace this)."""
        self.ask_import_path = self._ask_import_path
        """Which file to import (tests replace this)."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)

        filters = QHBoxLayout()
        filters.setSpacing(8)
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("productSearch")
        self.search_edit.setPlaceholderText(self.tr("Search name or code"))
        self.search_edit.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.load)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.category_box = self._combo("productCategoryFilter")
        self.category_box.addItem(self.tr("All categories"), None)
        for c in ProductCategory:
            self.category_box.addItem(category_name(c.value), c.value)
        self.active_box = self._combo("productActiveFilter")
        self.active_box.addItem(self.tr("Still sold"), True)
        self.active_box.addItem(self.tr("No longer sold"), False)
        self.active_box.addItem(self.tr("All products"), None)
        filters.addWidget(self.search_edit, 2)
        filters.addWidget(self.category_box, 1)
        filters.addWidget(self.active_box, 1)
        layout.addLayout(filters)

        period = QHBoxLayout()
        period.setSpacing(8)
        today = dt.date.today()
        self.from_edit = self._date("productsFrom", today.replace(month=1, day=1))
        self.to_edit = self._date("productsTo", today)
        caption = QLabel(self.tr("Sold from"), self)
        period.addWidget(caption)
        period.addWidget(self.from_edit)
        period.addWidget(QLabel(self.tr("to"), self))
        period.addWidget(self.to_edit)
        period.addStretch(1)
        layout.addLayout(period)

        actions = QHBoxLayout()
        actions.setSpacing(8)
        self.add_button = self._button(self.tr("Add…"), "addProduct", self.add)
        self.change_button = self._button(self.tr("Change…"), "changeProduct", self.change)
        self.active_button = self._button(
            self.tr("Deactivate"), "deactivateProduct", self.toggle_active
        )
        self.import_button = self._button(self.tr("Import…"), "importProducts", self.import_file)
        self.export_button = self._button(self.tr("Export…"), "exportProducts", self.export_view)
        self.export_button.setToolTip(self.tr("Save the products shown, in this order"))
        for b in (self.add_button, self.change_button, self.active_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)
        layout.addLayout(actions)

        self.model = ProductTableModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("productsView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((140, 70, 80, 36, 110, 100, 80, 80)):
            header.resizeSection(column, width)
        self.view.doubleClicked.connect(lambda _i: self.change())
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        layout.addWidget(self.view, 1)
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("productsEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()
        layout.addWidget(self.empty_label)
        layout.addWidget(self.status)
        for box in (self.category_box, self.active_box):
            box.currentIndexChanged.connect(lambda _i: self.load())
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(lambda _d: self.load())
        self._enable()

    def _combo(self, name: str) -> QComboBox:
        box = QComboBox(self)
        box.setObjectName(name)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(6)
        return box

    def _date(self, name: str, day: dt.date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day), self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _button(self, text: str, name: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _c=False: slot())
        return button

    # ------------------------------------------------------------ context
    def set_context(self, db: Database | None, user: UserInfo | None) -> None:
        super().set_context(db, user)
        self._enable()

    @property
    def may_edit(self) -> bool:
        return super().may_edit and self.db is not None and not self.db.read_only

    def _uid(self) -> int | None:
        return self.user.id if self.user else None

    def product_filter(self) -> ProductFilter:
        return ProductFilter(
            self.category_box.currentData(),
            self.active_box.currentData(),
            self.search_edit.text(),
        )

    def period(self) -> tuple[dt.date, dt.date]:
        return self.from_edit.date().toPython(), self.to_edit.date().toPython()  # type: ignore[return-value]

    # ------------------------------------------------------------ reading
    @Slot()
    def load(self) -> Operation | None:
        self._stale = False
        db = self.db
        if db is None:
            self.model.set_rows([])
            return None
        uid, flt = self._uid(), self.product_filter()
        start, end = self.period()
        if end < start:
            self.status.setText(self.tr("The period ends before it starts."))
            return None
        self._generation += 1
        generation = self._generation

        def work(_progress: Any) -> list[ProductSales]:
            with db.session() as s:
                return product_sales.listing(s, uid, start, end, flt)

        self.load_op = (
            Operation(self, work, writes=False)
            .success(lambda rows: self._show(generation, rows))
            .failure(lambda e: show_failure(self, e))
            .run()
        )
        return self.load_op

    def _show(self, generation: int, rows: list[ProductSales]) -> None:
        if generation != self._generation:
            return  # a newer filter is on its way
        chosen = self.selected()
        self.model.set_rows(rows)
        if chosen is not None:
            self.select_product(chosen.id)
        has_filter = bool(self.search_edit.text().strip()) or self.category_box.currentIndex() > 0
        if rows:
            self.empty_label.hide()
        else:
            self.empty_label.setText(
                self.tr("No product matches these filters.")
                if has_filter
                else self.tr("No products yet. Add them one by one, or import a price list.")
            )
            self.empty_label.show()
        if not self.may_edit and self.db is not None:
            self.status.setText(self.tr("Only administrators and managers change products."))
        self._enable()
        self.loaded.emit()

    def selected(self) -> ProductSales | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_product(self, product_id: int) -> bool:
        for r, row in enumerate(self.model.rows):
            if row.id == product_id:
                self.view.selectRow(r)
                return True
        return False

    def _enable(self) -> None:
        row = self.selected()
        edit = self.may_edit
        self.add_button.setEnabled(edit)
        self.import_button.setEnabled(edit)
        self.change_button.setEnabled(edit and row is not None and row.list_price is not None)
        self.active_button.setEnabled(edit and row is not None)
        self.active_button.setText(
            self.tr("Sell again") if row is not None and not row.active else self.tr("Deactivate")
        )
        self.export_button.setEnabled(self.db is not None)

    # ------------------------------------------------------------ writing
    def _edit_product(self, row: ProductRow | None) -> ProductData | None:
        dialog = ProductDialog(row, self)
        return dialog.data() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _write(self, work: Any, done_text: str) -> Operation:
        def done(_r: Any) -> None:
            self.status.setText(done_text)
            self.saved.emit()
            self.load()

        def failed(error: BaseException) -> None:
            if isinstance(error, ConflictError):
                self.status.setText(
                    self.tr("Someone else changed this product meanwhile: shown as it is now.")
                )
                self.load()
            elif isinstance(error, ClientelaError):
                self.status.setText(error_text(error))
            else:
                show_failure(self, error)

        return Operation(self, work).success(done).failure(failed).run()

    @Slot()
    def add(self) -> Operation | None:
        if not self.may_edit or self.db is None:
            return None
        data = self.edit_product(None)
        if data is None:
            return None
        db, uid = self.db, self._uid()
        return self._write(lambda _p: products.save(db, uid, data), self.tr("Product added."))

    @Slot()
    def change(self) -> Operation | None:
        r = self.selected()
        if r is None or self.db is None or not self.may_edit or r.list_price is None:
            return None
        cost = r.cost if r.cost is not None else Decimal("0.00")
        row = ProductRow(
            r.id, r.version, r.code, r.name, r.category, r.unit, r.list_price, cost, r.active
        )
        data = self.edit_product(row)
        if data is None:
            return None
        db, uid = self.db, self._uid()
        return self._write(
            lambda _p: products.save(db, uid, data, r.id, r.version), self.tr("Product saved.")
        )

    @Slot()
    def toggle_active(self) -> Operation | None:
        r = self.selected()
        if r is None or self.db is None or not self.may_edit:
            return None
        db, uid = self.db, self._uid()
        text = (
            self.tr("%1 is no longer sold.") if r.active else self.tr("%1 is sold again.")
        ).replace("%1", r.name)
        return self._write(
            lambda _p: products.set_active(db, uid, r.id, r.version, not r.active), text
        )

    # ------------------------------------------------------------ files
    @Slot()
    def export_view(self) -> Operation | None:
        """The products shown (same filter, same order) to .xlsx or .csv."""
        if self.db is None:
            return None
        path = self.ask_export_path()
        if not path:
            return None
        request = exports.ExportRequest("products", product_filter=self.product_filter())
        return table_export.start(self, self.db, self.user, request, path)

    def _ask_import_path(self) -> str:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import products"),
            "",
            self.tr("Spreadsheets (*.xlsx *.xls *.csv)"),
        )
        return path

    @Slot()
    def import_file(self) -> QDialog | None:
        """Check a spreadsheet, then import it (``ProductImportDialog``)."""
        if self.db is None or not self.may_edit:
            return None
        path = self.ask_import_path()
        if not path:
            return None
        from ..product_import_dialog import ProductImportDialog

        dialog = ProductImportDialog(self.db, self.user, path, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(self._imported)
        dialog.open()
        dialog.check()
        return dialog

    def _imported(self) -> None:
        self.saved.emit()
        self.load()


class ProductsPage(Page):
    name = "products"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.products = ProductsWidget(self)
        self.layout_.addWidget(self.products, 1)

    def title(self) -> str:
        return self.tr("Products")

    def set_context(self, db: Database | None, user: UserInfo | None) -> None:
        super().set_context(db, user)
        self.products.set_context(db, user)

    def refresh_data(self) -> None:
        self.products.load()

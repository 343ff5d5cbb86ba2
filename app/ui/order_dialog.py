"""An order with lines, opened from the customer file's Purchases & payments tab: a new
one (New order…), or an existing one to edit (double-click an order; ``order_id``).

Each line: a product from the product list (or a description typed in its place),
quantity, unit price, discount %, unit cost; the line's amount and the order's amount,
cost and margin are worked out as you type, in ``Decimal`` with the service's own
rounding (``services.orders.line_amount``). Saving runs in a worker; when the order goes
over the customer's credit limit or the customer is more than 30 days overdue, the
figures are shown and the order is saved only if the person says so (or not at all when
the office blocks such orders). An edited order is saved with the version read: when
another PC saved it meanwhile, the person chooses between their version and this one.

A user who may not see money figures (a front desk that sells) gets the prices they
sell at, the line amounts and the order's amount, but no unit cost, cost or margin: the
cost column is hidden and the service fills each product's cost in on saving; credit
warnings name no figures. Editing a stored order is not theirs (``orders.for_edit``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.errors import ClientelaError, ConflictError, ValidationError
from app.models.enums import OrderStatus
from app.services import contracts, orders, products
from app.services.contracts import ContractRow
from app.services.credit import CreditBlocked, CreditWarning
from app.services.orders import LineInput, OrderForm, OrderInput, SavedOrder
from app.services.products import ProductRow
from app.services.users import UserInfo

from . import conflict_box
from .customer_form_tabs import format_money
from .errors import error_text
from .labels import label
from .operations import Operation, show_failure

PRODUCT, QUANTITY, PRICE, DISCOUNT, COST, AMOUNT = range(6)
STATUSES = (OrderStatus.CONFIRMED, OrderStatus.DELIVERED, OrderStatus.INVOICED, OrderStatus.DRAFT)
EDIT_STATUSES = (*STATUSES, OrderStatus.CANCELLED)
LINE_ID = Qt.ItemDataRole.UserRole + 1
"""Where the quantity cell keeps the stored line's id (an edited order)."""
FIELD_COLUMN = {
    "product_id": PRODUCT,
    "quantity": QUANTITY,
    "unit_price": PRICE,
    "discount_pct": DISCOUNT,
    "unit_cost": COST,
}
Loaded = tuple[list[ProductRow], list[ContractRow], OrderForm | None]


def _plain(value: Any) -> str:
    """A stored figure as typed: 10, 7.5, 2.25 (no trailing zeros, no exponent)."""
    if value in (None, ""):
        return ""
    d = Decimal(str(value))
    text = f"{d.normalize():f}"
    return text if "." not in text or len(text.split(".")[1]) != 1 else f"{d:.2f}"


def _number(text: str) -> Decimal | None:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        d = Decimal(text)
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


class OrderDialog(QDialog):
    saved = Signal(int)
    """The order's id (new or edited)."""
    returnRequested = Signal(int)
    """Return… on an edited order: the form opens the return dialog for it."""

    def __init__(
        self,
        db: Database,
        user: UserInfo | None,
        customer_id: int,
        customer_name: str,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
        order_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("orderDialog")
        self.db, self.user, self.customer_id = db, user, customer_id
        self.order_id = order_id
        self.form: OrderForm | None = None
        """The order as read (its version guards the save), when editing one."""
        self.today = today or dt.date.today()
        self.products: list[ProductRow] = []
        self.save_op: Operation | None = None
        self.result_order: SavedOrder | None = None
        self.ask_accept = self._ask_accept
        """Asks whether to save despite a credit warning: a hook tests replace."""
        self.ask_conflict = self._ask_conflict
        """Asks what to do when another PC saved the order first: a hook tests replace."""
        self.customer_name = customer_name
        self.money = user is None or user.may_see_financials
        """False: no costs or margins (the service fills the products' costs in)."""
        if order_id is None:
            self.setWindowTitle(self.tr("New order: %1").replace("%1", customer_name))
        else:
            self.setWindowTitle(self.tr("Order: %1").replace("%1", customer_name))
        self.resize(760, 460)
        layout = QVBoxLayout(self)

        form = QFormLayout()
        top = QHBoxLayout()
        self.date_edit = QDateEdit(QDate(self.today.year, self.today.month, self.today.day), self)
        self.date_edit.setObjectName("orderDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.number_edit = QLineEdit(self)
        self.number_edit.setObjectName("orderNumber")
        self.number_edit.setPlaceholderText(self.tr("optional"))
        self.status_box = QComboBox(self)
        self.status_box.setObjectName("orderStatus")
        for status in STATUSES if order_id is None else EDIT_STATUSES:
            self.status_box.addItem(label(status), status)
        top.addWidget(self.date_edit)
        top.addWidget(QLabel(self.tr("Number"), self))
        top.addWidget(self.number_edit, 1)
        top.addWidget(QLabel(self.tr("Status"), self))
        top.addWidget(self.status_box)
        form.addRow(self.tr("Date"), top)
        self.contract_box = QComboBox(self)
        self.contract_box.setObjectName("orderContract")
        self.contract_box.addItem(self.tr("(none)"), None)
        form.addRow(self.tr("Contract"), self.contract_box)
        layout.addLayout(form)

        self.table = QTableWidget(0, 6, self)
        self.table.setObjectName("orderLines")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Product"),
                self.tr("Quantity"),
                self.tr("Unit price"),
                self.tr("Discount %"),
                self.tr("Unit cost"),
                self.tr("Amount"),
            ]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(PRODUCT, QHeaderView.ResizeMode.Stretch)
        for column in range(QUANTITY, AMOUNT + 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, 96)
        self.table.setColumnHidden(COST, not self.money)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.itemChanged.connect(self._recompute)
        layout.addWidget(self.table, 1)

        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add line"), self)
        self.add_button.setObjectName("addLine")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_line())
        self.remove_button = QPushButton(self.tr("Remove line"), self)
        self.remove_button.setObjectName("removeLine")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_line)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        self.return_button = QPushButton(self.tr("Return…"), self)
        self.return_button.setObjectName("orderReturn")
        self.return_button.setAutoDefault(False)
        self.return_button.setToolTip(self.tr("What came back of this order, and a new return"))
        self.return_button.clicked.connect(self._return_requested)
        self.return_button.setVisible(order_id is not None)
        row.addWidget(self.return_button)
        row.addStretch(1)
        self.totals = QLabel(self)
        self.totals.setObjectName("orderTotals")
        row.addWidget(self.totals)
        layout.addLayout(row)

        self.status = QLabel(self)
        self.status.setObjectName("orderStatusText")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("orderSave")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if order_id is None:
            self.add_line()
        else:
            self.save_button.setEnabled(False)
            self.status.setText(self.tr("Loading…"))
        self._recompute()
        self.load_op = self._load()

    # ------------------------------------------------------------ loading
    def _load(self) -> Operation:
        db, cid, oid = self.db, self.customer_id, self.order_id
        uid = self.user.id if self.user else None

        def work(_progress: Any) -> Loaded:
            with db.session() as s:
                form = orders.for_edit(s, oid, uid) if oid is not None else None
                return (
                    products.listing(s, active_only=True, user_id=uid),
                    contracts.for_customer(s, cid, uid),
                    form,
                )

        return (
            Operation(self, work, writes=False)
            .success(self._loaded)
            .failure(self._load_failed)
            .run()
        )

    def _loaded(self, loaded: Loaded) -> None:
        rows, contract_rows, form = loaded
        self.products = rows
        chosen = self.contract_box.currentData()
        self.contract_box.clear()
        self.contract_box.addItem(self.tr("(none)"), None)
        for c in contract_rows:
            self.contract_box.addItem(f"{c.number} {c.title or ''}".strip(), c.id)
        self.contract_box.setCurrentIndex(max(self.contract_box.findData(chosen), 0))
        for r in range(self.table.rowCount()):
            self._fill_products(self._combo(r))
        if form is not None:
            self.show_order(form)

    def _load_failed(self, error: BaseException) -> None:
        if isinstance(error, ClientelaError):
            self.status.setText(error_text(error))
        else:
            show_failure(self, error)

    def show_order(self, form: OrderForm) -> None:
        """Fill the dialog with a stored order (its version is the one the save passes)."""
        self.form = form
        data = form.data
        self.date_edit.setDate(
            QDate(data.order_date.year, data.order_date.month, data.order_date.day)
        )
        self.number_edit.setText(data.number or "")
        self.status_box.setCurrentIndex(max(self.status_box.findData(data.status), 0))
        index = self.contract_box.findData(data.contract_id)
        self.contract_box.setCurrentIndex(max(index, 0))
        self.table.setRowCount(0)
        for line in data.lines:
            row = self.add_line()
            combo = self._combo(row)
            if line.product_id is not None:
                if combo.findData(line.product_id) < 0:  # no longer sold: still this line's
                    combo.addItem(line.description or f"#{line.product_id}", line.product_id)
                combo.setCurrentIndex(combo.findData(line.product_id))
            else:
                combo.setEditText(line.description or "")
            self.table.blockSignals(True)
            for column, value in (
                (QUANTITY, line.quantity),
                (PRICE, line.unit_price),
                (DISCOUNT, line.discount_pct),
                (COST, line.unit_cost),
            ):
                self.table.item(row, column).setText(_plain(value))
            self.table.item(row, QUANTITY).setData(LINE_ID, line.line_id)
            self.table.blockSignals(False)
        if not data.lines:
            self.add_line()
        self._recompute()
        self.save_button.setEnabled(True)
        self.status.setText(
            self.tr("Order %1, version %2.")
            .replace("%1", data.number or f"#{form.id}")
            .replace("%2", str(form.version))
        )

    def _fill_products(self, combo: QComboBox) -> None:
        text = combo.currentText()
        combo.blockSignals(True)
        combo.clear()
        for p in self.products:
            combo.addItem(f"{p.name} ({p.unit})" if p.unit else p.name, p.id)
        combo.setCurrentIndex(-1)
        combo.setEditText(text)
        combo.blockSignals(False)

    def _combo(self, row: int) -> QComboBox:
        return self.table.cellWidget(row, PRODUCT)  # type: ignore[return-value]

    # ------------------------------------------------------------ lines
    def add_line(self) -> int:
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        combo = QComboBox(self.table)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.lineEdit().setPlaceholderText(self.tr("Product or description"))
        self._fill_products(combo)
        combo.activated.connect(lambda _i, c=combo: self._product_chosen(c))
        self.table.setCellWidget(row, PRODUCT, combo)
        for column, text in ((QUANTITY, "1"), (PRICE, ""), (DISCOUNT, ""), (COST, "")):
            item = QTableWidgetItem(text)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, item)
        amount = QTableWidgetItem("")
        amount.setFlags(amount.flags() & ~Qt.ItemFlag.ItemIsEditable)
        amount.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(row, AMOUNT, amount)
        self.table.blockSignals(False)
        self._recompute()
        return row

    @Slot()
    def remove_line(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            row = self.table.rowCount() - 1
        if row >= 0:
            self.table.removeRow(row)
        self._recompute()

    def _row_of(self, combo: QComboBox) -> int:
        for r in range(self.table.rowCount()):
            if self._combo(r) is combo:
                return r
        return -1

    def _product_chosen(self, combo: QComboBox) -> None:
        row = self._row_of(combo)
        pid = combo.currentData()
        product = next((p for p in self.products if p.id == pid), None)
        if row < 0 or product is None:
            return
        self.table.item(row, PRICE).setText(f"{product.list_price}")
        if product.cost is not None:  # None: not this user's to see; the save fills it in
            self.table.item(row, COST).setText(f"{product.cost}")
        self._recompute()

    def set_line(
        self,
        row: int,
        product: int | str,
        quantity: str,
        price: str = "",
        discount: str = "",
        cost: str = "",
    ) -> None:
        """Fill a line as a person would: a product id (chosen from the list) or a typed
        description, then the figures."""
        combo = self._combo(row)
        if isinstance(product, int):
            combo.setCurrentIndex(combo.findData(product))
            self._product_chosen(combo)
        else:
            combo.setCurrentIndex(-1)
            combo.setEditText(product)
        for column, text in (
            (QUANTITY, quantity),
            (PRICE, price),
            (DISCOUNT, discount),
            (COST, cost),
        ):
            if text or column in (QUANTITY, DISCOUNT):
                self.table.item(row, column).setText(text)

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def lines(self) -> list[LineInput]:
        out = []
        for r in range(self.table.rowCount()):
            combo = self._combo(r)
            text = combo.currentText().strip()
            pid = combo.currentData() if combo.currentIndex() >= 0 else None
            if pid is not None and combo.itemText(combo.currentIndex()) != text:
                pid = None  # typed over the chosen product: a description
            if (
                pid is None
                and not text
                and not any(self._cell(r, c).strip() for c in (PRICE, COST))
            ):
                continue  # an empty line
            out.append(
                LineInput(
                    product_id=pid,
                    quantity=self._cell(r, QUANTITY),
                    unit_price=self._cell(r, PRICE) or None,
                    discount_pct=self._cell(r, DISCOUNT) or None,
                    unit_cost=self._cell(r, COST) or None,
                    description=None if pid is not None else text,
                    line_id=self.table.item(r, QUANTITY).data(LINE_ID),
                )
            )
        return out

    @Slot()
    def _recompute(self, *_args: Any) -> None:
        amount = cost = Decimal("0.00")
        self.table.blockSignals(True)
        for r in range(self.table.rowCount()):
            qty = _number(self._cell(r, QUANTITY))
            price = _number(self._cell(r, PRICE))
            disc = _number(self._cell(r, DISCOUNT)) or Decimal(0)
            unit_cost = _number(self._cell(r, COST)) or Decimal(0)
            item = self.table.item(r, AMOUNT)
            if qty is None or price is None or not 0 <= disc <= 100:
                item.setText("")
                continue
            line = orders.line_amount(qty, price, disc)
            item.setText(format_money(line))
            amount += line
            cost += orders.line_cost(qty, unit_cost)
        self.table.blockSignals(False)
        kept = self.form.data if self.form is not None else None
        if kept is not None and kept.amount is not None and not self.lines():
            amount, cost = Decimal(kept.amount), Decimal(kept.cost or 0)  # no lines: its total
        if not self.money:
            self.totals.setText(self.tr("Amount %1").replace("%1", format_money(amount)))
            return
        self.totals.setText(
            self.tr("Amount %1 · cost %2 · margin %3")
            .replace("%1", format_money(amount))
            .replace("%2", format_money(cost))
            .replace("%3", format_money(amount - cost))
        )

    # ------------------------------------------------------------ saving
    def order_input(self) -> OrderInput:
        kept = self.form.data if self.form is not None else None
        return OrderInput(
            self.customer_id,
            self.date_edit.date().toPython(),  # type: ignore[arg-type]
            self.lines(),
            number=self.number_edit.text().strip() or None,
            status=self.status_box.currentData(),
            contract_id=self.contract_box.currentData(),
            due_date=kept.due_date if kept else None,
            notes=kept.notes if kept else None,
            # an order brought in without lines keeps its total until lines are given
            amount=kept.amount if kept else None,
            cost=kept.cost if kept else None,
        )

    @Slot()
    def save(self, accept_warning: bool = False) -> Operation | None:
        data = self.order_input()
        if not data.lines and data.amount is None:
            self.status.setText(self.tr("Add at least one line."))
            return None
        db, uid, today = self.db, self.user.id if self.user else None, self.today
        form = self.form
        if self.order_id is not None and form is None:
            return None  # still reading the order
        self.save_button.setEnabled(False)
        self.status.setText(self.tr("Saving…"))

        def work(_progress: Any) -> SavedOrder:
            if form is not None:
                return orders.update(
                    db,
                    uid,
                    form.id,
                    form.version,
                    data,
                    accept_credit_warning=accept_warning,
                    today=today,
                )
            return orders.create(db, uid, data, accept_credit_warning=accept_warning, today=today)

        self.save_op = Operation(self, work).success(self._saved).failure(self._failed).run()
        return self.save_op

    def _saved(self, result: SavedOrder) -> None:
        self.result_order = result
        self.save_button.setEnabled(True)
        self.saved.emit(result.order_id)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, CreditBlocked):
            text = self._problems(error)
            self.status.setText(self.tr("Not saved: %1").replace("%1", text))
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Credit"), "", parent=self)
            box.setObjectName("creditBlockedBox")
            box.setText(self.tr("The office does not allow this order:"))
            box.setInformativeText(text)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            return
        if isinstance(error, CreditWarning):
            text = self._problems(error)
            self.status.setText(text)
            if self.ask_accept(text):
                self.save(accept_warning=True)
            return
        if isinstance(error, ValidationError):
            self.status.setText(error_text(error))
            column = FIELD_COLUMN.get(error.field or "")
            if column is not None:
                n = error.params.get("n")
                row = int(n) - 1 if isinstance(n, int) else max(self.table.currentRow(), 0)
                self.table.setCurrentCell(row, column)
            return
        if isinstance(error, ConflictError):
            self._conflict()
            return
        if isinstance(error, ClientelaError):
            self.status.setText(error_text(error))
        show_failure(self, error)

    def _conflict(self) -> None:
        """Another PC saved (or deleted) the order since it was read."""
        answer = self.ask_conflict()
        if answer == conflict_box.CANCEL:
            self.status.setText(self.tr("Not saved: someone else saved this order meanwhile."))
            return
        db, oid = self.db, self.order_id
        uid = self.user.id if self.user else None

        def work(_progress: Any) -> OrderForm:
            with db.session() as s:
                return orders.for_edit(s, oid, uid)  # type: ignore[arg-type]

        def current(form: OrderForm) -> None:
            if answer == conflict_box.RELOAD:
                self.show_order(form)
                self.status.setText(self.tr("Showing their version."))
                return
            self.form = form  # their version number, the figures on screen
            self.save()

        Operation(self, work, writes=False).success(current).failure(self._load_failed).run()

    def _ask_conflict(self) -> str:
        box = conflict_box.conflict_box(self, self.tr("Someone else saved this order meanwhile."))
        return conflict_box.answer(box)

    @Slot()
    def _return_requested(self) -> None:
        if self.order_id is not None:
            self.returnRequested.emit(self.order_id)

    @staticmethod
    def _problems(error: CreditWarning) -> str:
        return "\n".join(error_text(p) for p in error.problems)

    def _ask_accept(self, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Credit"), "", parent=self)
        box.setObjectName("creditWarningBox")
        box.setText(self.tr("Save this order anyway?"))
        box.setInformativeText(text)
        box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Save

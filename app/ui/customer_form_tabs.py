"""The tabs of the customer file window: the editable profile and the read-only lists
(people, vehicles, timeline with its quick-add editor, purchases and payments, deals,
tasks). The window (``app.ui.customer_form``) loads and saves; these only show data and
report what the person typed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.models.enums import ActivityKind, CustomerKind, Source
from app.services import validation
from app.services.customer_file import CustomerFile, Money
from app.services.customers import LIMITS, CustomerData
from app.services.validation import display_phone

from . import errors, formats
from .labels import label
from .lead_campaign import LeadCampaignField

Index = QModelIndex | QPersistentModelIndex

# The quick-add kinds and the letter that follows Ctrl+L for each.
QUICK_KEYS: dict[ActivityKind, str] = {
    ActivityKind.CALL: "C",
    ActivityKind.VISIT: "V",
    ActivityKind.NOTE: "N",
    ActivityKind.COMPLAINT: "K",
    ActivityKind.PRAISE: "P",
    ActivityKind.SUGGESTION: "S",
}
QUICK_PREFIX = "Ctrl+L"

LINE_FIELDS = (
    "name",
    "phone",
    "phone2",
    "email",
    "address",
    "postcode",
    "city",
    "district",
    "category",
    "industry",
    "membership_card",
    "hometown",
    "birthplace",
    "nationality",
    "education",
    "title",
)
TEXT_FIELDS = ("family", "hobbies", "preferences", "notes")
CONSENTS = ("consent_phone", "consent_sms", "consent_email", "consent_post")

_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_PLATE_SPLIT = re.compile(r"[,，;；、\n]+")


def _tr(text: str) -> str:
    return QCoreApplication.translate("CustomerForm", text)


def object_name(field: str, suffix: str) -> str:
    """``membership_card`` + ``Edit`` → ``membershipCardEdit``."""
    head, *rest = field.split("_")
    return head + "".join(part.capitalize() for part in rest) + suffix


# ------------------------------------------------------------------ formats
def parse_date(text: str, field: str = "birthday") -> dt.date | None:
    """A date typed as 1980-05-31 (also with / or . or 年月日, or 19800531), or the
    locale's short format; None for an empty field; ValidationError when it is no date."""
    value = text.strip()
    if not value:
        return None
    match = _DATE.match(value) or _COMPACT_DATE.match(value)
    if match is None:
        qdate = QLocale().toDate(value, QLocale.FormatType.ShortFormat)
        if not qdate.isValid():
            raise ValidationError(
                "{value} is not a date (write it as 1980-05-31)", field=field, value=value
            )
        return dt.date(qdate.year(), qdate.month(), qdate.day())
    year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValidationError("{value} is not a real date", field=field, value=value) from None


def format_date(value: dt.date | None) -> str:
    """The locale's short date, always with a four-digit year (``formats.date``)."""
    return formats.date(value)


def format_datetime(value: dt.datetime | None) -> str:
    """A stored (UTC) time as local date and time (``formats.date_time``)."""
    return formats.date_time(value)


def format_money(value: Decimal | None) -> str:
    """Money in the window language's format with the office currency (¥1,234.50)."""
    return formats.money(value)


def split_plates(text: str) -> list[str]:
    return [p.strip() for p in _PLATE_SPLIT.split(text) if p.strip()]


# -------------------------------------------------------------------- model
class RowsModel(QAbstractTableModel):
    """A short read-only list (one customer's people, orders, timeline…) as a table.
    Rows are tuples of display strings; ``ids`` keeps the record id of each row."""

    def __init__(
        self,
        headers: Sequence[str],
        parent: QObject | None = None,
        *,
        right_aligned: Sequence[int] = (),
    ) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._right = set(right_aligned)
        self._rows: list[tuple[str, ...]] = []
        self._ids: list[int] = []

    def set_rows(self, rows: Sequence[Sequence[Any]], ids: Sequence[int] = ()) -> None:
        self.beginResetModel()
        self._rows = [tuple("" if v is None else str(v) for v in row) for row in rows]
        self._ids = list(ids)
        self.endResetModel()

    def row_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return self._headers[section] if 0 <= section < len(self._headers) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if not (0 <= index.column() < len(self._headers)):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight
                if index.column() in self._right
                else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return self.row_id(index.row())
        return None


def make_table(model: RowsModel, name: str, parent: QWidget | None = None) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setHighlightSections(False)
    view.setWordWrap(False)
    return view


class ListTab(QWidget):
    """A table with a line in its place while it has no rows, and optionally a button
    above it (``add_action``). ``activated`` carries the id of a double-clicked row."""

    activated = Signal(int)

    def __init__(
        self,
        name: str,
        headers: Sequence[str],
        empty_text: str,
        parent: QWidget | None = None,
        *,
        right_aligned: Sequence[int] = (),
        widths: Sequence[int] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}Tab")
        self.model = RowsModel(headers, self, right_aligned=right_aligned)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        self.view = make_table(self.model, f"{name}View", self)
        for column, width in enumerate(widths):
            self.view.setColumnWidth(column, width)
        self.empty = QLabel(empty_text, self)
        self.empty.setObjectName(f"{name}Empty")
        self.empty.setProperty("placeholder", True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.actions_row = QHBoxLayout()
        self.actions_row.addStretch(1)
        layout.addLayout(self.actions_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)
        self.view.doubleClicked.connect(self._activated)
        self.set_rows([])

    def add_action(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        self.actions_row.addWidget(button)
        return button

    def _activated(self, index: QModelIndex) -> None:
        row_id = self.model.row_id(index.row())
        if row_id is not None:
            self.activated.emit(row_id)

    def set_rows(self, rows: Sequence[Sequence[Any]], ids: Sequence[int] = ()) -> None:
        self.model.set_rows(rows, ids)
        self.view.setVisible(bool(rows))
        self.empty.setVisible(not rows)


def people_tab(parent: QWidget) -> ListTab:
    return ListTab(
        "people",
        [
            _tr("Name"),
            _tr("Role in buying"),
            _tr("Title"),
            _tr("Phone"),
            _tr("Mobile"),
            _tr("Email"),
            _tr("Birthday"),
        ],
        _tr("No contact persons recorded."),
        parent,
        widths=(160, 130, 120, 130, 130, 180),
    )


def vehicles_tab(parent: QWidget) -> ListTab:
    return ListTab(
        "vehicles",
        [_tr("Plate"), _tr("Brand"), _tr("Model"), _tr("Use"), _tr("Nature")],
        _tr("No vehicles recorded."),
        parent,
        widths=(130, 150, 180, 150),
    )


def deals_tab(parent: QWidget) -> ListTab:
    return ListTab(
        "deals",
        [_tr("Deal"), _tr("Stage"), _tr("Amount"), _tr("Status")],
        _tr("No deals with this customer."),
        parent,
        right_aligned=(2,),
        widths=(380, 180, 130),
    )


def tasks_tab(parent: QWidget) -> ListTab:
    return ListTab(
        "tasks",
        [_tr("Task"), _tr("Due"), _tr("Status")],
        _tr("No tasks for this customer."),
        parent,
        widths=(480, 160),
    )


def fill_lists(
    f: CustomerFile, people: ListTab, vehicles: ListTab, deals: ListTab, tasks: ListTab
) -> None:
    people.set_rows(
        [
            (
                p.name,
                label(p.role),
                p.title,
                display_phone(p.phone),
                display_phone(p.mobile),
                p.email,
                format_date(p.birthday),
            )
            for p in f.people
        ],
        [p.id for p in f.people],
    )
    vehicles.set_rows(
        [(v.plate, v.brand, v.model, label(v.use), label(v.nature)) for v in f.vehicles],
        [v.id for v in f.vehicles],
    )
    deals.set_rows(
        [
            (title, stage, format_money(amount), label(status))
            for _, title, stage, amount, status in f.deals
        ],
        [d[0] for d in f.deals],
    )
    tasks.set_rows(
        [(title, format_datetime(due), label(status)) for _, title, due, status in f.tasks],
        [t[0] for t in f.tasks],
    )


# ------------------------------------------------------------------ money tab
class MoneyTab(QWidget):
    """Orders, payments, and what was ordered, returned, paid and is still owed."""

    statementRequested = Signal()
    """The Statement… button: the form opens the statement of account."""
    orderRequested = Signal()
    """The New order… button."""
    creditRequested = Signal()
    """The Credit… button."""
    contractsRequested = Signal()
    """The Contracts… button."""
    paymentRequested = Signal()
    """The Record payment… button above the payments."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("moneyTab")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)

        totals = QHBoxLayout()
        totals.setSpacing(20)
        self.totals: dict[str, QLabel] = {}
        captions = {
            "ordered": self.tr("Ordered"),
            "returned": self.tr("Returned"),
            "paid": self.tr("Paid"),
            "owed": self.tr("Owed"),
            "margin": self.tr("Margin"),
        }
        for key, caption in captions.items():
            box = QVBoxLayout()
            box.setSpacing(0)
            title = QLabel(caption, self)
            title.setProperty("caption", True)
            value = QLabel("", self)
            value.setObjectName(f"{key}Total")
            value.setProperty("total", True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            box.addWidget(title)
            box.addWidget(value)
            totals.addLayout(box)
            self.totals[key] = value
        totals.addStretch(1)
        # The buttons take a row of their own: beside the five totals they made the file
        # 1,085 px wide, more than a 1024 px screen.
        actions = QHBoxLayout()
        actions.addStretch(1)
        self.order_button = QPushButton(self.tr("New order…"), self)
        self.order_button.setObjectName("newOrderButton")
        self.order_button.setAutoDefault(False)
        self.order_button.clicked.connect(self.orderRequested)
        actions.addWidget(self.order_button)
        self.contracts_button = QPushButton(self.tr("Contracts…"), self)
        self.contracts_button.setObjectName("contractsButton")
        self.contracts_button.setAutoDefault(False)
        self.contracts_button.clicked.connect(self.contractsRequested)
        actions.addWidget(self.contracts_button)
        self.credit_button = QPushButton(self.tr("Credit…"), self)
        self.credit_button.setObjectName("creditButton")
        self.credit_button.setAutoDefault(False)
        self.credit_button.setToolTip(
            self.tr("Credit limit, term and payment terms, and what is owed by days past due")
        )
        self.credit_button.clicked.connect(self.creditRequested)
        actions.addWidget(self.credit_button)
        self.statement_button = QPushButton(self.tr("Statement…"), self)
        self.statement_button.setObjectName("statementButton")
        self.statement_button.setAutoDefault(False)
        self.statement_button.setToolTip(
            self.tr("The statement of account for a period, to see or to save for the customer")
        )
        self.statement_button.clicked.connect(self.statementRequested)
        actions.addWidget(self.statement_button)
        layout.addLayout(totals)
        layout.addLayout(actions)
        self.purchases_label = QLabel(self)
        self.purchases_label.setObjectName("lastPurchases")
        self.purchases_label.setWordWrap(True)
        self.purchases_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.purchases_label)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        self.orders_box = QGroupBox(splitter)
        self.orders_list = ListTab(
            "orders",
            [
                self.tr("Order"),
                self.tr("Date"),
                self.tr("Amount"),
                self.tr("Status"),
                self.tr("Margin"),
            ],
            self.tr("No orders yet."),
            self.orders_box,
            right_aligned=(2, 4),
            widths=(130, 100, 110),
        )
        self.payments_box = QGroupBox(splitter)
        self.payments_list = ListTab(
            "payments",
            [self.tr("Date"), self.tr("Amount"), self.tr("Method")],
            self.tr("No payments yet."),
            self.payments_box,
            right_aligned=(1,),
            widths=(100, 110),
        )
        for box, inner in (
            (self.orders_box, self.orders_list),
            (self.payments_box, self.payments_list),
        ):
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            box_layout.addWidget(inner)
        self.payment_button = self.payments_list.add_action(
            self.tr("Record payment…"), "recordPaymentButton"
        )
        self.payment_button.clicked.connect(self.paymentRequested)
        self.orders = self.orders_list.model
        self.payments = self.payments_list.model
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self.set_money(None)

    def set_money(self, money: Money | None) -> None:
        self.statement_button.setEnabled(money is not None)
        self.order_button.setEnabled(money is not None)
        self.credit_button.setEnabled(money is not None)
        self.contracts_button.setEnabled(money is not None)
        self.payment_button.setEnabled(money is not None)
        if money is None:
            self.orders_list.set_rows([])
            self.payments_list.set_rows([])
            for value in self.totals.values():
                value.setText("—")
            self._titles(0, 0)
            self.purchases_label.clear()
            return
        self.orders_list.set_rows(
            [
                (
                    number or f"#{oid}",
                    format_date(day),
                    format_money(amount),
                    label(status),
                    format_money(amount - cost) if cost and amount is not None else "",
                )
                for oid, number, day, amount, status, cost in money.orders
            ],
            [o[0] for o in money.orders],
        )
        self.payments_list.set_rows(
            [
                (format_date(day), format_money(amount), label(m))
                for _, day, amount, m in money.payments
            ],
            [p[0] for p in money.payments],
        )
        self.totals["ordered"].setText(format_money(money.ordered))
        returned = format_money(money.returned)
        if money.returns:
            returned = self.tr("%1 (%n return(s))", "", money.returns).replace("%1", returned)
        self.totals["returned"].setText(returned)
        self.purchases_label.setText(self._purchases_text(money))
        self.totals["paid"].setText(format_money(money.paid))
        self.totals["margin"].setText("—" if money.margin is None else format_money(money.margin))
        owed = self.totals["owed"]
        owed.setText(format_money(money.owed))
        owed.setProperty("warn", money.owed is not None and money.owed > 0)
        owed.style().unpolish(owed)
        owed.style().polish(owed)
        self._titles(len(money.orders), len(money.payments))

    def _purchases_text(self, money: Money) -> str:
        if not money.purchases:
            return ""
        parts = []
        for p in money.purchases:
            text = f"{format_date(p.date)} {format_money(p.amount)}"
            if p.products:
                text += " (" + ", ".join(p.products) + ")"
            parts.append(text)
        return self.tr("Last purchases: %1").replace("%1", " · ".join(parts))

    def _titles(self, orders: int, payments: int) -> None:
        self.orders_box.setTitle(self.tr("Orders (%1)").replace("%1", str(orders)))
        self.payments_box.setTitle(self.tr("Payments (%1)").replace("%1", str(payments)))


# --------------------------------------------------------------- timeline tab
class QuickText(QPlainTextEdit):
    """The quick-add text: Enter (or Ctrl+Enter) saves, Shift+Enter starts a new line,
    Esc cancels."""

    submitted = Signal()
    cancelled = Signal()

    def event(self, e: QEvent) -> bool:
        # Keep Enter and Esc here rather than letting a window shortcut take them.
        if (
            e.type() == QEvent.Type.ShortcutOverride
            and isinstance(e, QKeyEvent)
            and e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape)
        ):
            e.accept()
            return True
        return super().event(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if e.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
            else:
                self.submitted.emit()
            return
        super().keyPressEvent(e)


class TimelineTab(QWidget):
    """Every interaction, newest first, and a small editor to log a new one."""

    logRequested = Signal(object, str)
    """The person asked to log (ActivityKind, text)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineTab")
        self.kind: ActivityKind | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)

        bar = QHBoxLayout()
        bar.setSpacing(6)
        bar.addWidget(QLabel(self.tr("Log:"), self))
        self.quick_buttons: dict[ActivityKind, QPushButton] = {}
        for kind, key in QUICK_KEYS.items():
            button = QPushButton(label(kind), self)
            button.setObjectName(f"quick_{kind.value}")
            button.setToolTip(
                self.tr("Log a %1 (%2)")
                .replace("%1", label(kind))
                .replace("%2", f"{QUICK_PREFIX}, {key}")
            )
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(functools.partial(self.start_quick, kind))
            bar.addWidget(button)
            self.quick_buttons[kind] = button
        bar.addStretch(1)
        layout.addLayout(bar)
        # The keyboard hint under the buttons, not beside them: the file fits 900 px.
        hint = QLabel(self.tr("Keyboard: %1, then a letter").replace("%1", QUICK_PREFIX), self)
        hint.setProperty("caption", True)
        hint.setWordWrap(True)
        layout.addWidget(hint)

        self.editor = QFrame(self)
        self.editor.setObjectName("quickEditor")
        self.editor.setFrameShape(QFrame.Shape.StyledPanel)
        editor_layout = QVBoxLayout(self.editor)
        editor_layout.setContentsMargins(10, 8, 10, 8)
        self.editor_title = QLabel(self.editor)
        self.editor_title.setObjectName("quickTitle")
        self.text = QuickText(self.editor)
        self.text.setObjectName("quickText")
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 4 + 14)
        self.text.submitted.connect(self.submit)
        self.text.cancelled.connect(self.cancel_quick)
        self.error = QLabel(self.editor)
        self.error.setObjectName("quickError")
        self.error.setProperty("fieldError", True)
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QHBoxLayout()
        hint = QLabel(self.tr("Enter saves · Shift+Enter new line · Esc cancels"), self.editor)
        hint.setProperty("caption", True)
        self.save_button = QPushButton(self.tr("Save"), self.editor)
        self.save_button.setObjectName("quickSave")
        self.save_button.clicked.connect(self.submit)
        self.cancel_button = QPushButton(self.tr("Cancel"), self.editor)
        self.cancel_button.setObjectName("quickCancel")
        self.cancel_button.clicked.connect(self.cancel_quick)
        buttons.addWidget(hint, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        editor_layout.addWidget(self.editor_title)
        editor_layout.addWidget(self.text)
        editor_layout.addWidget(self.error)
        editor_layout.addLayout(buttons)
        self.editor.hide()
        layout.addWidget(self.editor)

        self.model = RowsModel(
            [self.tr("When"), self.tr("Kind"), self.tr("By"), self.tr("What")], self
        )
        self.view = make_table(self.model, "timelineView", self)
        self.view.setWordWrap(True)
        self.view.setColumnWidth(0, 140)
        self.view.setColumnWidth(1, 110)
        self.view.setColumnWidth(2, 120)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.empty = QLabel(self.tr("Nothing logged yet."), self)
        self.empty.setObjectName("timelineEmpty")
        self.empty.setProperty("placeholder", True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty, 1)
        self.set_events(None)

    def set_events(self, f: CustomerFile | None) -> None:
        events = f.timeline if f is not None else []
        rows = []
        for e in events:
            what = " — ".join(part for part in (e.subject, e.text) if part)
            extras = []
            if e.amount is not None:
                extras.append(format_money(e.amount))
            if e.satisfaction is not None:
                extras.append(self.tr("satisfaction %1/5").replace("%1", str(e.satisfaction)))
            if extras:
                what = " · ".join([what, *extras]) if what else " · ".join(extras)
            rows.append((format_datetime(e.occurred_at), label(e.kind), e.user or "", what))
        self.model.set_rows(rows, [e.id for e in events])
        self.view.setVisible(bool(rows))
        self.empty.setVisible(not rows)

    def set_enabled_quick(self, enabled: bool) -> None:
        for button in self.quick_buttons.values():
            button.setEnabled(enabled)

    def start_quick(self, kind: ActivityKind) -> None:
        """Open the editor for a new ``kind`` entry (text typed so far is kept)."""
        self.kind = ActivityKind(kind)
        self.editor_title.setText(self.tr("New entry: %1").replace("%1", label(self.kind)))
        self.error.hide()
        self.editor.show()
        self.set_busy(False)
        self.text.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def submit(self) -> None:
        if self.kind is None or self.editor.isHidden() or self.text.isReadOnly():
            return
        self.error.hide()
        self.logRequested.emit(self.kind, self.text.toPlainText())

    def set_busy(self, busy: bool) -> None:
        self.text.setReadOnly(busy)
        self.save_button.setEnabled(not busy)

    def logged(self) -> None:
        """The entry was stored: close the editor."""
        self.text.clear()
        self.kind = None
        self.editor.hide()
        self.set_busy(False)
        self.view.setFocus()

    def failed(self, message: str) -> None:
        self.set_busy(False)
        self.error.setText(message)
        self.error.show()
        self.text.setFocus()

    def cancel_quick(self) -> None:
        self.text.clear()
        self.kind = None
        self.error.hide()
        self.editor.hide()

    @property
    def editing(self) -> bool:
        return not self.editor.isHidden()


# ---------------------------------------------------------------- profile tab
class ProfileTab(QScrollArea):
    """The editable part of the file. ``edited`` fires on every change the person makes
    (not on ``set_data``); ``collect`` turns the fields into ``CustomerData``."""

    edited = Signal()

    def __init__(self, region: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileTab")
        self.region = region
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.editors: dict[str, QWidget] = {}
        self.error_labels: dict[str, QLabel] = {}
        self._rows: dict[str, tuple[QLabel, QWidget]] = {}
        self._filling = False
        self.is_new = True

        body = QWidget(self)
        body.setObjectName("profileBody")
        grid = QGridLayout(body)
        grid.setContentsMargins(14, 12, 14, 12)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(12)

        self.form_error = QLabel(body)
        self.form_error.setObjectName("error_form")
        self.form_error.setProperty("fieldError", True)
        self.form_error.setWordWrap(True)
        self.form_error.hide()
        grid.addWidget(self.form_error, 0, 0, 1, 2)

        identity, form = self._group(body, self.tr("Identity"))
        self.name = self._line(form, "name", self.tr("Name *"))
        self.name.setAccessibleDescription(self.tr("Required"))
        self.kind = self._combo(form, "kind", self.tr("Kind"), list(CustomerKind))
        self.phone = self._line(form, "phone", self.tr("Phone"))
        self.phone2 = self._line(form, "phone2", self.tr("Second phone"))
        self.email = self._line(form, "email", self.tr("Email"))
        self.source = self._combo(form, "source", self.tr("Source"), list(Source))
        self.campaign = LeadCampaignField(identity)
        self.campaign.edited.connect(self._on_changed)
        self._add(form, "campaign_id", self.tr("Campaign"), self.campaign)
        self.source.currentIndexChanged.connect(self._source_changed)
        self._source_changed()
        self._line(form, "category", self.tr("Category"))
        self._line(form, "industry", self.tr("Industry"))
        self._line(form, "membership_card", self.tr("Membership card"))
        self.plates = self._line(form, "plates", self.tr("Licence plates"))
        self.plates.setPlaceholderText(self.tr("Separate several plates with commas"))

        address, form = self._group(body, self.tr("Address"))
        self._line(form, "address", self.tr("Address"))
        self._line(form, "postcode", self.tr("Postcode"))
        self._line(form, "city", self.tr("City"))
        self._line(form, "district", self.tr("District"))

        consent = QGroupBox(self.tr("Consent to be contacted"), body)
        consent.setObjectName("consentGroup")
        row = QHBoxLayout(consent)
        row.setSpacing(18)
        captions = {
            "consent_phone": self.tr("By phone"),
            "consent_sms": self.tr("By SMS"),
            "consent_email": self.tr("By email"),
            "consent_post": self.tr("By post"),
        }
        for field, caption in captions.items():
            box = QCheckBox(caption, consent)
            box.setObjectName(object_name(field, "Check"))
            box.toggled.connect(self._on_changed)
            row.addWidget(box)
            self.editors[field] = box
        row.addStretch(1)

        personal, form = self._group(body, self.tr("Personal profile"))
        self.birthday = self._line(form, "birthday", self.tr("Birthday"))
        self.birthday.setPlaceholderText(self.tr("e.g. 1980-05-31"))
        self._line(form, "hometown", self.tr("Place of origin"))
        self._line(form, "birthplace", self.tr("Place of birth"))
        self._line(form, "nationality", self.tr("Nationality"))
        self._line(form, "education", self.tr("Education"))
        self._line(form, "title", self.tr("Title"))
        self._text(form, "family", self.tr("Family"), 3)
        self._text(form, "hobbies", self.tr("Hobbies"), 3)
        self._text(form, "preferences", self.tr("Preferences"), 3)

        notes = QGroupBox(self.tr("Notes"), body)
        notes_layout = QVBoxLayout(notes)
        notes_layout.setSpacing(2)
        self.notes = self._plain("notes", 5, notes)
        self.notes.setAccessibleName(self.tr("Notes"))
        self.editors["notes"] = self.notes
        notes_layout.addWidget(self.notes)
        notes_layout.addWidget(self._error_label("notes", notes))

        left = QVBoxLayout()
        left.setSpacing(12)
        left.addWidget(identity)
        left.addWidget(address)
        left.addWidget(consent)
        left.addStretch(1)
        right = QVBoxLayout()
        right.setSpacing(12)
        right.addWidget(personal)
        right.addWidget(notes)
        right.addStretch(1)
        grid.addLayout(left, 1, 0)
        grid.addLayout(right, 1, 1)
        _align_captions([identity, address])
        _align_captions([personal])
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(2, 1)
        self.setWidget(body)

    # ---------------------------------------------------------------- build
    def _group(self, parent: QWidget, title: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title, parent)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(6)
        return box, form

    def _error_label(self, field: str, parent: QWidget) -> QLabel:
        error = QLabel(parent)
        error.setObjectName(f"error_{field}")
        error.setProperty("fieldError", True)
        error.setWordWrap(True)
        error.hide()
        self.error_labels[field] = error
        return error

    def _add(self, form: QFormLayout, field: str, caption: str, editor: QWidget) -> None:
        parent = form.parentWidget()
        text = QLabel(caption, parent)
        text.setBuddy(editor)
        form.addRow(text, editor)
        # The message goes in a row of its own under the field; hidden, it takes no room.
        error = self._error_label(field, parent)
        form.setWidget(form.rowCount(), QFormLayout.ItemRole.FieldRole, error)
        self.editors[field] = editor
        self._rows[field] = (text, editor)

    def _line(self, form: QFormLayout, field: str, caption: str) -> QLineEdit:
        edit = QLineEdit(form.parentWidget())
        edit.setObjectName(object_name(field, "Edit"))
        edit.setAccessibleName(caption.rstrip(" *"))
        edit.textChanged.connect(self._on_changed)
        edit.editingFinished.connect(functools.partial(self.check_field, field))
        self._add(form, field, caption, edit)
        return edit

    def _plain(self, field: str, lines: int, parent: QWidget) -> QPlainTextEdit:
        edit = QPlainTextEdit(parent)
        edit.setObjectName(object_name(field, "Edit"))
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
        edit.textChanged.connect(self._on_changed)
        return edit

    def _text(self, form: QFormLayout, field: str, caption: str, lines: int) -> QPlainTextEdit:
        edit = self._plain(field, lines, form.parentWidget())
        edit.setAccessibleName(caption)
        self._add(form, field, caption, edit)
        return edit

    def _combo(self, form: QFormLayout, field: str, caption: str, values: list[Any]) -> QComboBox:
        combo = QComboBox(form.parentWidget())
        combo.setObjectName(object_name(field, "Combo"))
        combo.setAccessibleName(caption)
        for value in values:
            combo.addItem(label(value), value.value)
        combo.currentIndexChanged.connect(self._on_changed)
        self._add(form, field, caption, combo)
        return combo

    def _on_changed(self, *_args: Any) -> None:
        if not self._filling:
            self.edited.emit()

    # ------------------------------------------------------------- data
    def set_data(self, data: CustomerData, *, new: bool) -> None:
        """Show ``data`` (as stored); no ``edited`` signal."""
        self._filling = True
        try:
            for field in LINE_FIELDS:
                value = getattr(data, field) or ""
                if field in ("phone", "phone2"):
                    value = display_phone(value, self.region)
                edit = self.editors[field]
                assert isinstance(edit, QLineEdit)
                edit.setText(value)
                edit.setCursorPosition(0)  # a long name shows its beginning
                edit.setModified(False)
            for field in TEXT_FIELDS:
                edit = self.editors[field]
                assert isinstance(edit, QPlainTextEdit)
                edit.setPlainText(getattr(data, field) or "")
            for field in CONSENTS:
                box = self.editors[field]
                assert isinstance(box, QCheckBox)
                box.setChecked(bool(getattr(data, field)))
            self._set_combo(self.kind, data.kind)
            self._set_combo(self.source, data.source)
            self.campaign.set_value(data.campaign_id, stored=not new)
            self._source_changed()
            self.birthday.setText(data.birthday.isoformat() if data.birthday else "")
            self.plates.setText(", ".join(data.plates) if new else "")
            self.set_new(new)
        finally:
            self._filling = False
        self.clear_errors()

    def set_new(self, new: bool) -> None:
        """A new customer gets its plates here; a stored one has the Vehicles tab."""
        self.is_new = new
        for widget in self._rows["plates"]:
            widget.setVisible(new)

    def _source_changed(self, *_args: Any) -> None:
        """The Campaign row is there for the source "campaign" only."""
        shown = self.source.currentData() == Source.CAMPAIGN.value
        for widget in self._rows["campaign_id"]:
            widget.setVisible(shown)

    @staticmethod
    def _set_combo(combo: QComboBox, value: Any) -> None:
        index = combo.findData(getattr(value, "value", value))
        combo.setCurrentIndex(max(index, 0))

    def collect(self, base: CustomerData) -> CustomerData:
        """The fields as typed, over ``base`` (which keeps what the form does not show,
        such as the owner). Raises ValidationError for a birthday that is no date."""
        values: dict[str, Any] = {}
        for field in LINE_FIELDS:
            edit = self.editors[field]
            assert isinstance(edit, QLineEdit)
            values[field] = edit.text()
        for field in TEXT_FIELDS:
            edit = self.editors[field]
            assert isinstance(edit, QPlainTextEdit)
            values[field] = edit.toPlainText()
        for field in CONSENTS:
            box = self.editors[field]
            assert isinstance(box, QCheckBox)
            values[field] = box.isChecked()
        values["kind"] = CustomerKind(self.kind.currentData())
        values["source"] = Source(self.source.currentData())
        by_campaign = values["source"] is Source.CAMPAIGN
        values["campaign_id"] = self.campaign.value() if by_campaign else None
        values["birthday"] = parse_date(self.birthday.text())
        values["plates"] = split_plates(self.plates.text()) if self.is_new else list(base.plates)
        return dataclasses.replace(base, **values)

    # ----------------------------------------------------------- errors
    def check_field(self, field: str) -> None:
        """Check one field as the person leaves it, with the rules the save applies."""
        edit = self.editors[field]
        assert isinstance(edit, QLineEdit)
        raw = edit.text()
        try:
            if field in ("phone", "phone2"):
                normal = validation.phone(raw, self.region, field)
                shown = display_phone(normal, self.region)
                if normal is not None and shown != raw and edit.isModified():
                    edit.setText(shown)
            elif field == "email":
                validation.email(raw, field)
            elif field == "birthday":
                validation.past_date(parse_date(raw, field), field)
            elif field in LIMITS:
                validation.text(raw, field, LIMITS[field])
        except ValidationError as exc:
            self.show_error(field, errors.error_text(exc))
        else:
            self.clear_error(field)

    def show_error(self, field: str | None, message: str) -> QWidget | None:
        """Show ``message`` under ``field`` (or above the form when no field is named);
        returns the editor to focus."""
        message = message[:1].upper() + message[1:]
        error = self.error_labels.get(field or "")
        if error is None:
            self.form_error.setText(message)
            self.form_error.show()
            self.ensureWidgetVisible(self.form_error)
            return None
        error.setText(message)
        error.show()
        editor = self.editors[field or ""]
        editor.setProperty("invalid", True)
        _repolish(editor)
        return editor

    def clear_error(self, field: str) -> None:
        error = self.error_labels.get(field)
        if error is not None and not error.isHidden():
            error.hide()
            error.clear()
            editor = self.editors[field]
            editor.setProperty("invalid", False)
            _repolish(editor)

    def clear_errors(self) -> None:
        for field in self.error_labels:
            self.clear_error(field)
        self.form_error.hide()
        self.form_error.clear()

    def focus_field(self, field: str) -> None:
        editor = self.editors.get(field)
        if editor is None:
            return
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.ensureWidgetVisible(editor, 50, 50)

    def visible_errors(self) -> dict[str, str]:
        return {f: e.text() for f, e in self.error_labels.items() if not e.isHidden()}


def _align_captions(groups: list[QGroupBox]) -> None:
    """Give the captions of forms stacked in one column one width, so fields line up."""
    captions = [
        label
        for group in groups
        if isinstance(group.layout(), QFormLayout)
        for label in group.findChildren(QLabel)
        if label.buddy() is not None
    ]
    width = max((c.sizeHint().width() for c in captions), default=0)
    for caption in captions:
        caption.setMinimumWidth(width)
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()

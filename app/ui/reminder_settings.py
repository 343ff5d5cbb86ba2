"""Settings ▸ Reminders: the rules the program follows by itself — how many days before
a birthday, the return visit after a purchase (per customer category), the repeat-buyer
cadence, and when a customer counts as at risk (their own purchase interval × a factor,
with a floor for customers with few purchases).

Reading and saving go through ``services.reminders`` off the UI thread; a refused value
is named next to the Save button and nothing is half-saved.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.errors import ValidationError
from app.services import lookups, reminders
from app.services.reminders import DEFAULT_KEY, ReminderSettings

from .operations import Operation
from .settings_tab import SettingsTab


def _spin(parent: QWidget, name: str, lo: int, hi: int, suffix: str) -> QSpinBox:
    box = QSpinBox(parent)
    box.setObjectName(name)
    box.setRange(lo, hi)
    box.setSuffix(suffix)
    box.setMaximumWidth(140)
    return box


class ReminderSettingsTab(SettingsTab):
    inline_errors = (ValidationError,)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reminderSettings")
        self.rules: ReminderSettings | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        days = self.tr(" days")
        self.birthday_box = _spin(self, "birthdayDays", 0, 60, days)
        form.addRow(self.tr("Birthday reminder, days before"), self.birthday_box)
        self.repeat_box = _spin(self, "repeatDays", 1, 3650, days)
        self.repeat_box.setToolTip(
            self.tr("Small purchases at the desk: at most one return visit per this many days")
        )
        form.addRow(self.tr("Repeat buyers: one return visit every"), self.repeat_box)
        self.factor_box = QDoubleSpinBox(self)
        self.factor_box.setObjectName("winBackFactor")
        self.factor_box.setRange(1.0, 20.0)
        self.factor_box.setSingleStep(0.5)
        self.factor_box.setDecimals(1)
        self.factor_box.setPrefix("× ")
        self.factor_box.setMaximumWidth(140)
        form.addRow(self.tr("At risk after their usual interval"), self.factor_box)
        self.min_purchases_box = _spin(self, "winBackMinPurchases", 2, 100, "")
        form.addRow(
            self.tr("Purchases needed to know a customer's interval"), self.min_purchases_box
        )
        self.floor_box = _spin(self, "winBackFloor", 1, 3650, days)
        form.addRow(self.tr("Usual interval assumed for fewer purchases"), self.floor_box)
        self.key_visits_check = QCheckBox(self.tr("Visit key accounts every month"), self)
        self.key_visits_check.setObjectName("keyAccountVisits")
        form.addRow("", self.key_visits_check)
        layout.addLayout(form)

        caption = QLabel(self.tr("Return visit after a purchase, by customer category"), self)
        caption.setProperty("caption", True)
        layout.addWidget(caption)
        self.table = QTableWidget(0, 2, self)
        self.table.setObjectName("returnVisitTable")
        self.table.setHorizontalHeaderLabels([self.tr("Customer category"), self.tr("Days")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMaximumHeight(220)
        layout.addWidget(self.table)
        rows = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add category"), self)
        self.add_button.setObjectName("addCategory")
        self.add_button.clicked.connect(lambda: self._add_row("", 7, focus=True))
        self.remove_button = QPushButton(self.tr("Remove category"), self)
        self.remove_button.setObjectName("removeCategory")
        self.remove_button.clicked.connect(self._remove_row)
        rows.addWidget(self.add_button)
        rows.addWidget(self.remove_button)
        rows.addStretch(1)
        layout.addLayout(rows)

        layout.addLayout(self.save_row("saveReminders"))
        layout.addStretch(1)
        self.setEnabled(False)

    # ---------------------------------------------------------------- read
    def read(self, db: Database) -> tuple[ReminderSettings, list[str]]:
        with db.session() as s:
            return reminders.load_settings(s), lookups.categories(s)

    def editable_widgets(self) -> tuple[QWidget, ...]:
        return (self.add_button, self.remove_button, self.table)

    def show_data(self, result: tuple[ReminderSettings, list[str]]) -> None:
        rules, categories = result
        self.rules = rules
        self.birthday_box.setValue(rules.birthday_days_ahead)
        self.repeat_box.setValue(rules.repeat_purchase_cadence(None))
        self.factor_box.setValue(rules.win_back_factor)
        self.min_purchases_box.setValue(rules.win_back_min_purchases)
        self.floor_box.setValue(rules.win_back_floor_days)
        self.key_visits_check.setChecked(rules.key_account_monthly_visit)
        self.table.setRowCount(0)
        self._add_row(DEFAULT_KEY, rules.return_visit_after(None))
        named = {k: v for k, v in rules.return_visit_days.items() if k != DEFAULT_KEY}
        for name in categories:  # categories in use, so people see what they can set
            named.setdefault(name, rules.return_visit_after(None))
        for name in sorted(named):
            self._add_row(name, named[name])
        self.setEnabled(True)

    def _add_row(self, category: str, days: int, *, focus: bool = False) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        default = category == DEFAULT_KEY
        item = QTableWidgetItem(self.tr("Any other category") if default else category)
        item.setData(Qt.ItemDataRole.UserRole, DEFAULT_KEY if default else None)
        if default:
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, 0, item)
        box = _spin(self.table, f"days_{row}", 1, 3650, "")
        box.setValue(days)
        self.table.setCellWidget(row, 1, box)
        if focus:
            self.table.setCurrentCell(row, 0)
            self.table.editItem(item)

    @Slot()
    def _remove_row(self) -> None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        if item is not None and item.data(Qt.ItemDataRole.UserRole) != DEFAULT_KEY:
            self.table.removeRow(row)

    # --------------------------------------------------------------- save
    def current(self) -> ReminderSettings:
        """The rules as the tab shows them."""
        table: dict[str, int] = {}
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            box = self.table.cellWidget(row, 1)
            if item is None or not isinstance(box, QSpinBox):
                continue
            key = item.data(Qt.ItemDataRole.UserRole) or item.text().strip()
            if key:
                table[key] = box.value()
        base = self.rules or ReminderSettings()
        repeat = dict(base.repeat_purchase_days)
        repeat[DEFAULT_KEY] = self.repeat_box.value()
        return ReminderSettings(
            birthday_days_ahead=self.birthday_box.value(),
            return_visit_days=table,
            repeat_purchase_days=repeat,
            win_back_factor=round(self.factor_box.value(), 1),
            win_back_min_purchases=self.min_purchases_box.value(),
            key_account_monthly_visit=self.key_visits_check.isChecked(),
            win_back_floor_days=self.floor_box.value(),
        )

    @Slot()
    def save(self) -> Operation | None:
        rules = self.current()
        return self.run_save(
            lambda db, uid: reminders.save_settings(db, uid, rules),
            lambda changed: self.changed_text(
                changed, self.tr("Saved. New reminders follow these rules from the next run.")
            ),
            reload=True,  # shows what was stored, e.g. categories trimmed
        )

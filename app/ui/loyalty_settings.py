"""Settings ▸ Service and loyalty: when a complaint case falls due, the membership levels'
12-month spend thresholds, points per currency unit and each level's multiplier, and when
points expire. Read and saved through ``services.loyalty`` off the UI thread."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.services import loyalty
from app.services.loyalty import LoyaltySettings, ServiceSettings
from app.services.users import UserInfo

from . import errors
from .labels import label
from .operations import Operation, show_failure

EDITORS = ("admin", "manager")
LEVELS = ("ordinary", "silver", "gold", "vip")


class LoyaltySettingsTab(QWidget):
    loaded = Signal()
    saved = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loyaltySettings")
        self.db: Database | None = None
        self.user: UserInfo | None = None
        self.load_operation: Operation | None = None
        self.save_operation: Operation | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 12, 0, 0)

        cases_box = QGroupBox(self.tr("Complaint cases"), self)
        form = QFormLayout(cases_box)
        self.due_days = QSpinBox(cases_box)
        self.due_days.setObjectName("caseDueDays")
        self.due_days.setRange(0, 365)
        self.due_days.setSuffix(self.tr(" days"))
        self.due_days.setMaximumWidth(140)
        form.addRow(self.tr("A new case is due in"), self.due_days)
        column.addWidget(cases_box)

        levels_box = QGroupBox(self.tr("Membership levels and points"), self)
        grid = QGridLayout(levels_box)
        grid.addWidget(QLabel(self.tr("Level"), levels_box), 0, 0)
        grid.addWidget(QLabel(self.tr("From a 12-month spend of"), levels_box), 0, 1)
        grid.addWidget(QLabel(self.tr("Points multiplier"), levels_box), 0, 2)
        self.thresholds: dict[str, QDoubleSpinBox] = {}
        self.multipliers: dict[str, QDoubleSpinBox] = {}
        for row, level in enumerate(LEVELS, start=1):
            grid.addWidget(QLabel(label(level), levels_box), row, 0)
            spend = QDoubleSpinBox(levels_box)
            spend.setObjectName(f"threshold_{level}")
            spend.setRange(0, 1_000_000_000)
            spend.setDecimals(0)
            spend.setGroupSeparatorShown(True)
            spend.setMaximumWidth(180)
            grid.addWidget(spend, row, 1)
            factor = QDoubleSpinBox(levels_box)
            factor.setObjectName(f"multiplier_{level}")
            factor.setRange(0, 100)
            factor.setDecimals(2)
            factor.setSingleStep(0.1)
            factor.setPrefix("× ")
            factor.setMaximumWidth(120)
            grid.addWidget(factor, row, 2)
            self.thresholds[level] = spend
            self.multipliers[level] = factor
        grid.setColumnStretch(3, 1)
        points_form = QFormLayout()
        self.points_per_unit = QDoubleSpinBox(levels_box)
        self.points_per_unit.setObjectName("pointsPerUnit")
        self.points_per_unit.setRange(0, 1000)
        self.points_per_unit.setDecimals(2)
        self.points_per_unit.setMaximumWidth(140)
        points_form.addRow(self.tr("Points per currency unit spent"), self.points_per_unit)
        self.expire_months = QSpinBox(levels_box)
        self.expire_months.setObjectName("pointsExpireMonths")
        self.expire_months.setRange(0, 120)
        self.expire_months.setSpecialValueText(self.tr("Never"))
        self.expire_months.setSuffix(self.tr(" months"))
        self.expire_months.setMaximumWidth(140)
        points_form.addRow(self.tr("Points expire after"), self.expire_months)
        grid.addLayout(points_form, len(LEVELS) + 1, 0, 1, 4)
        column.addWidget(levels_box)
        column.addStretch(1)

        bottom = QHBoxLayout()
        self.message = QLabel(self)
        self.message.setObjectName("loyaltySettingsMessage")
        self.message.setWordWrap(True)
        bottom.addWidget(self.message, 1)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("saveLoyalty")
        self.save_button.clicked.connect(self.save)
        bottom.addWidget(self.save_button)
        column.addLayout(bottom)
        self._loaded_for: Database | None = None

    def set_context(self, db: Database | None, user: UserInfo | None) -> None:
        self.db, self.user = db, user
        self._loaded_for = None
        if self.isVisible():
            self.load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.db is not None and self._loaded_for is not self.db:
            self.load()

    def may_edit(self) -> bool:
        role = getattr(self.user, "role", None) if self.user else None
        return self.user is None or getattr(role, "value", role) in EDITORS

    def load(self) -> Operation | None:
        db = self.db
        if db is None:
            return None
        self._loaded_for = db

        def work(_p: Any) -> ServiceSettings:
            with db.session() as s:
                return loyalty.read_settings(s)

        self.load_operation = Operation(self, work, writes=False).success(self._show).run()
        return self.load_operation

    def _show(self, current: ServiceSettings) -> None:
        cfg = current.loyalty
        self.due_days.setValue(current.case_due_days)
        for level in LEVELS:
            self.thresholds[level].setValue(float(cfg.thresholds[level]))
            self.multipliers[level].setValue(float(cfg.multipliers[level]))
        self.points_per_unit.setValue(float(cfg.points_per_unit))
        self.expire_months.setValue(cfg.expire_months or 0)
        editable = self.may_edit() and not (self.db and self.db.read_only)
        for w in (
            self.due_days,
            self.points_per_unit,
            self.expire_months,
            self.save_button,
            *self.thresholds.values(),
            *self.multipliers.values(),
        ):
            w.setEnabled(editable)
        self.message.setText(
            "" if editable else self.tr("Only a manager or an administrator changes these.")
        )
        self.loaded.emit()

    def current(self) -> ServiceSettings:
        def dec(box: QDoubleSpinBox) -> Decimal:
            return Decimal(str(round(box.value(), box.decimals())))

        cfg = LoyaltySettings(
            thresholds={k: dec(b) for k, b in self.thresholds.items()},
            points_per_unit=dec(self.points_per_unit),
            multipliers={k: dec(b) for k, b in self.multipliers.items()},
            expire_months=self.expire_months.value() or None,
        )
        return ServiceSettings(cfg, self.due_days.value())

    @Slot()
    def save(self) -> Operation | None:
        db = self.db
        if db is None:
            return None
        values = self.current()
        uid = self.user.id if self.user else None
        self.save_button.setEnabled(False)
        self.save_operation = (
            Operation(self, lambda _p: loyalty.save_settings(db, uid, values))
            .success(self._saved)
            .failure(self._failed)
            .run()
        )
        return self.save_operation

    def _saved(self, changed: list[str]) -> None:
        self.save_button.setEnabled(True)
        self.message.setText(self.tr("Saved.") if changed else self.tr("Nothing changed."))
        self.saved.emit()

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        from app.errors import ClientelaError

        if isinstance(error, ClientelaError):
            self.message.setText(errors.error_text(error))
        else:
            show_failure(self, error)

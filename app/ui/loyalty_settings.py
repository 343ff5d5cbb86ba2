"""Settings ▸ Service and loyalty: when a complaint case falls due, the membership levels'
12-month spend thresholds, points per currency unit and each level's multiplier, and when
points expire. Read and saved through ``services.loyalty`` off the UI thread."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.services import loyalty
from app.services.loyalty import LoyaltySettings, ServiceSettings

from .labels import label
from .operations import Operation
from .settings_tab import SettingsTab

LEVELS = ("ordinary", "silver", "gold", "vip")


class LoyaltySettingsTab(SettingsTab):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loyaltySettings")
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

        column.addLayout(self.save_row("saveLoyalty"))
        self.message = self.status
        self.message.setObjectName("loyaltySettingsMessage")

    @property
    def may_edit(self) -> bool:
        return super().may_edit and not (self.db is not None and self.db.read_only)

    def editable_widgets(self) -> tuple[QWidget, ...]:
        return (
            self.due_days,
            self.points_per_unit,
            self.expire_months,
            *self.thresholds.values(),
            *self.multipliers.values(),
        )

    def read(self, db: Database) -> ServiceSettings:
        with db.session() as s:
            return loyalty.read_settings(s)

    def show_data(self, current: ServiceSettings) -> None:
        cfg = current.loyalty
        self.due_days.setValue(current.case_due_days)
        for level in LEVELS:
            self.thresholds[level].setValue(float(cfg.thresholds[level]))
            self.multipliers[level].setValue(float(cfg.multipliers[level]))
        self.points_per_unit.setValue(float(cfg.points_per_unit))
        self.expire_months.setValue(cfg.expire_months or 0)

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
        values = self.current()
        return self.run_save(
            lambda db, uid: loyalty.save_settings(db, uid, values), self.changed_text
        )

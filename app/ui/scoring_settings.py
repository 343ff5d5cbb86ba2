"""The office's segmentation rules: period, what 80/20 ranks by, the class shares, and the
key-account indicators with their weights (0 leaves an indicator out)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.services.segments import INDICATORS, SegmentSettings

from .segment_labels import group_label, indicator_label


class ScoringSettingsDialog(QDialog):
    saved = Signal(object)
    """The new ``SegmentSettings``."""

    def __init__(self, current: SegmentSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scoringSettingsDialog")
        self.setWindowTitle(self.tr("Segmentation and key-account scoring"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.months = QSpinBox(self)
        self.months.setObjectName("scoringMonths")
        self.months.setRange(1, 120)
        self.months.setValue(current.months)
        self.months.setSuffix(self.tr(" months"))
        self.measure = QComboBox(self)
        self.measure.setObjectName("scoringMeasure")
        self.measure.addItem(self.tr("Revenue"), "revenue")
        self.measure.addItem(self.tr("Profit"), "profit")
        self.measure.setCurrentIndex(0 if current.measure == "revenue" else 1)
        self.a_share = QSpinBox(self)
        self.a_share.setObjectName("scoringAShare")
        self.a_share.setRange(1, 99)
        self.a_share.setSuffix(" %")
        self.a_share.setValue(current.a_share)
        self.b_share = QSpinBox(self)
        self.b_share.setObjectName("scoringBShare")
        self.b_share.setRange(0, 99)
        self.b_share.setSuffix(" %")
        self.b_share.setValue(current.b_share)
        form.addRow(self.tr("Period"), self.months)
        form.addRow(self.tr("Rank customers by"), self.measure)
        form.addRow(self.tr("Class A: top share of the total"), self.a_share)
        form.addRow(self.tr("Class B: the next"), self.b_share)
        layout.addLayout(form)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Key-account score: each indicator scores 1/3/5/7/9 by quintile; the "
                    "score is their weighted mean. Customers at or above the average are "
                    "starred. Weight 0 leaves an indicator out."
                ),
                self,
            )
        )
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        host = QWidget(scroll)
        host_layout = QHBoxLayout(host)
        self.weights: dict[str, QDoubleSpinBox] = {}
        groups: dict[str, QFormLayout] = {}
        for ind in INDICATORS:
            if ind.group not in groups:
                box = QGroupBox(group_label(ind.group), host)
                groups[ind.group] = QFormLayout(box)
                host_layout.addWidget(box)
            spin = QDoubleSpinBox(host)
            spin.setObjectName(f"weight_{ind.key}")
            spin.setRange(0, 100)
            spin.setDecimals(1)
            spin.setValue(float(current.weights.get(ind.key, 0)))
            self.weights[ind.key] = spin
            groups[ind.group].addRow(indicator_label(ind.key), spin)
        self._extra = {k: v for k, v in current.weights.items() if k not in self.weights and v > 0}
        scroll.setWidget(host)
        layout.addWidget(scroll, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(900, 560)

    def settings(self) -> SegmentSettings:
        a = self.a_share.value()
        b = min(self.b_share.value(), 100 - a)
        weights = {k: s.value() for k, s in self.weights.items() if s.value() > 0}
        weights.update(self._extra)
        return SegmentSettings(
            months=self.months.value(),
            measure=self.measure.currentData(),
            a_share=a,
            b_share=b,
            weights=weights,
        )

    def _accept(self) -> None:
        self.saved.emit(self.settings())
        self.accept()

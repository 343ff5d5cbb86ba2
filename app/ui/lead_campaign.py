"""The customer form's Campaign row: which campaign brought the customer in, for the lead
source "campaign" (the campaigns report counts the customers it brought and their orders).

A combo of campaigns, newest first, while none is stored; once the file is saved with a
campaign it is shown read-only (the campaign's figures rest on it); changing the source
away from "campaign" clears it on the next save. Campaigns are read off the UI thread
(``services.campaign_audience.newest``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QStackedLayout, QWidget

from app.db import Database
from app.services import campaign_audience
from app.services.campaign_audience import CampaignRef

from . import formats
from .operations import Operation


class LeadCampaignField(QWidget):
    edited = Signal()
    """The person picked another campaign."""
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("leadCampaign")
        self.campaigns: list[CampaignRef] = []
        self.operation: Operation | None = None
        self._value: int | None = None
        self._stored = False
        stack = QStackedLayout(self)
        stack.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox(self)
        self.combo.setObjectName("campaignCombo")
        self.combo.setAccessibleName(self.tr("Campaign"))
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(6)
        self.combo.currentIndexChanged.connect(self._picked)
        self.value_label = QLabel(self)
        self.value_label.setObjectName("campaignValue")
        self.value_label.setWordWrap(True)
        self.value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.value_label.setToolTip(
            self.tr(
                "The campaign that brought this customer in is kept as saved; "
                "another source clears it"
            )
        )
        stack.addWidget(self.combo)
        stack.addWidget(self.value_label)
        self._stack = stack
        self._fill()

    # ------------------------------------------------------------------ data
    def load(self, db: Database, include: int | None = None) -> Operation:
        """Read the campaigns, newest first, with ``include`` (the stored one) among them."""

        def work(_p: Any) -> list[CampaignRef]:
            with db.session() as s:
                return campaign_audience.newest(s, include=include)

        self.operation = Operation(self, work, writes=False).success(self._loaded).run()
        return self.operation

    def _loaded(self, rows: list[CampaignRef]) -> None:
        self.campaigns = rows
        self._fill()
        self.loaded.emit()

    def set_value(self, campaign_id: int | None, *, stored: bool) -> None:
        """Show ``campaign_id``; ``stored``: it is the saved one, shown read-only."""
        self._value = campaign_id
        self._stored = stored and campaign_id is not None
        self._fill()

    def value(self) -> int | None:
        return self._value

    @property
    def read_only(self) -> bool:
        return self._stored

    # ------------------------------------------------------------------ show
    def text_of(self, c: CampaignRef) -> str:
        return " · ".join([c.name, formats.date(c.starts_on)] if c.starts_on else [c.name])

    def _fill(self) -> None:
        combo = self.combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("Not known"), None)
        for c in self.campaigns:
            combo.addItem(self.text_of(c), c.id)
            combo.setItemData(combo.count() - 1, self.text_of(c), Qt.ItemDataRole.ToolTipRole)
        index = combo.findData(self._value) if self._value is not None else 0
        if index < 0:  # not read yet
            combo.addItem(self.tr("Campaign %1").replace("%1", str(self._value)), self._value)
            index = combo.count() - 1
        combo.setCurrentIndex(index)
        combo.blockSignals(False)
        known = next((c for c in self.campaigns if c.id == self._value), None)
        self.value_label.setText(combo.itemText(index) if known is None else self.text_of(known))
        self._stack.setCurrentWidget(self.value_label if self._stored else self.combo)

    def _picked(self, index: int) -> None:
        self._value = self.combo.itemData(index)
        self.edited.emit()

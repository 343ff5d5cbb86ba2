"""The Today page's "This month's targets": for each measure a bar of the share reached,
what was done against the target and what is still needed per day left — the signed-in
salesperson's own, the office's for a manager's Everyone, or the person chosen
(``services.targets.for_today``). Hidden for someone who neither sells nor has targets."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.services import targets
from app.services.targets import Measured, TodayTargets
from app.services.users import UserInfo

from . import formats
from .models.targets_model import amount_text, share_text
from .operations import Operation


class TargetsStrip(QFrame):
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todaySection")
        self.shown: TodayTargets | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(10, 8, 10, 8)
        self.title = QLabel(self)
        self.title.setObjectName("todaySectionTitle")
        self.title.setWordWrap(True)
        column.addWidget(self.title)
        self.empty = QLabel(self.tr("No targets set for this month."), self)
        self.empty.setObjectName("todayEmpty")
        column.addWidget(self.empty)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnStretch(2, 1)
        column.addLayout(self.grid)
        self.names = {
            "sales": self.tr("Sales"),
            "collections": self.tr("Collections"),
            "new_customers": self.tr("New customers"),
        }
        self.rows: dict[str, tuple[QLabel, QProgressBar, QLabel]] = {}
        for r, (key, name) in enumerate(self.names.items()):
            label = QLabel(name, self)
            bar = QProgressBar(self)
            bar.setObjectName(f"targetBar_{key}")
            bar.setRange(0, 100)
            bar.setMaximumWidth(140)
            detail = QLabel(self)
            detail.setObjectName("todayRowDetail")
            detail.setWordWrap(True)
            self.grid.addWidget(label, r, 0)
            self.grid.addWidget(bar, r, 1)
            self.grid.addWidget(detail, r, 2)
            self.rows[key] = (label, bar, detail)
        self.hide()

    def load(self, db: Database, user: UserInfo, scope: Any, day: dt.date) -> Operation | None:
        def work(_p: Any) -> TodayTargets:
            with db.session() as s:
                return targets.for_today(s, user.id, day, scope)

        return (
            Operation(self, work, writes=False)
            .success(self.show_targets)
            .failure(lambda _e: self.hide())
            .run()
        )

    def _detail(self, m: Measured) -> str:
        text = self.tr("%1 of %2").replace("%1", amount_text(m.measure, m.actual))
        text = text.replace("%2", amount_text(m.measure, m.target))
        if m.per_day is not None:
            needed = (
                formats.number(m.per_day, 1)
                if m.measure == "new_customers"
                else formats.money(m.per_day)
            )
            text += " · " + self.tr("%1 a day needed").replace("%1", needed)
        elif m.target is not None and not m.missing:
            text += " · " + self.tr("reached")
        return text

    def show_targets(self, aims: TodayTargets) -> None:
        self.shown = aims
        if not aims.measures:
            self.hide()
            self.loaded.emit()
            return
        whose = aims.name or self.tr("the office")
        self.title.setText(
            self.tr("This month's targets (%1, %n day(s) left)", "", aims.days_left).replace(
                "%1", whose
            )
        )
        self.empty.setVisible(not aims.any_set)
        by_key = {m.measure: m for m in aims.measures}
        for key, (label, bar, detail) in self.rows.items():
            m = by_key.get(key)
            visible = m is not None and m.target is not None
            for w in (label, bar, detail):
                w.setVisible(visible)
            if not visible or m is None:
                continue
            bar.setValue(max(0, min(100, round(100 * (m.share or 0)))))
            bar.setFormat(share_text(m.share))
            detail.setText(self._detail(m))
        self.show()
        self.loaded.emit()

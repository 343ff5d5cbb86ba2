"""Reports ▸ Campaigns: what each campaign started in a period brought — invited,
responded, new customers, buyers, revenue, cost and revenue per cost — and the customers
acquired in the period by lead source. Read off the UI thread (``services.campaigns``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services import campaigns
from app.services.campaigns import CampaignLine, SourceLine

from . import formats
from .labels import label
from .operations import Operation
from .report_tables import ReportTab, fill_table, period, report_table


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """From the first of January to the end of the next quarter: this year's campaigns and
    the ones already planned (one entered today for next month is there at once)."""
    months = today.year * 12 + (today.month - 1) // 3 * 3 + 6  # this quarter's first + 6
    after = dt.date(months // 12, months % 12 + 1, 1)  # the first day after the next quarter
    return dt.date(today.year, 1, 1), after - dt.timedelta(days=1)


@dataclass(frozen=True)
class Brought:
    campaigns: list[CampaignLine]
    sources: list[SourceLine]
    days: int


class CampaignsTab(ReportTab):
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("campaignsTab")
        self.result: Brought | None = None
        self.members_dialog: QDialog | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        bar = QHBoxLayout()
        first, last = default_period(dt.date.today())
        self.from_edit = QDateEdit(QDate(first), self)
        self.from_edit.setObjectName("campaignsFrom")
        self.from_edit.setCalendarPopup(True)
        self.to_edit = QDateEdit(QDate(last), self)
        self.to_edit.setObjectName("campaignsTo")
        self.to_edit.setCalendarPopup(True)
        bar.addWidget(QLabel(self.tr("Started from"), self))
        bar.addWidget(self.from_edit)
        bar.addWidget(QLabel(self.tr("to"), self))
        bar.addWidget(self.to_edit)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.clicked.connect(self.reload)
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        column.addLayout(bar)
        actions = QHBoxLayout()  # a row of its own: the page fits the 760 px window
        actions.addStretch(1)
        self.audience_button = QPushButton(self.tr("Choose audience…"), self)
        self.audience_button.setObjectName("chooseAudience")
        self.audience_button.setToolTip(
            self.tr(
                "Add customers to the selected campaign's list, chosen by place, tag, "
                "segment, level or vehicle use"
            )
        )
        self.audience_button.clicked.connect(lambda: self.choose_audience(self._selected_row()))
        actions.addWidget(self.audience_button)
        self.new_button = QPushButton(self.tr("New campaign…"), self)
        self.new_button.setObjectName("newCampaign")
        self.new_button.clicked.connect(self.new_campaign)
        actions.addWidget(self.new_button)
        column.addLayout(actions)
        self.note = QLabel(self)
        self.note.setObjectName("campaignsNote")
        self.note.setWordWrap(True)
        column.addWidget(self.note)
        self.table = report_table(
            self,
            "campaignsTable",
            [
                self.tr("Campaign"),
                self.tr("Kind"),
                self.tr("Starts"),
                self.tr("Invited"),
                self.tr("Responded"),
                self.tr("New customers"),
                self.tr("Buyers"),
                self.tr("Revenue"),
                self.tr("Cost"),
                self.tr("Revenue per cost"),
            ],
        )
        self.table.cellDoubleClicked.connect(lambda row, _c: self.open_members(row))
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.setToolTip(self.tr("Double-click a campaign for its invited customers"))
        column.addWidget(self.table, 3)
        sources_caption = QLabel(self.tr("Customers acquired in the period, by lead source"), self)
        sources_caption.setWordWrap(True)  # a long caption must not widen the window
        column.addWidget(sources_caption)
        self.sources_table = report_table(
            self,
            "campaignSourcesTable",
            [self.tr("Lead source"), self.tr("Customers"), self.tr("Buyers"), self.tr("Revenue")],
        )
        column.addWidget(self.sources_table, 2)
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(lambda _d: self.reload())
        self._update_buttons()

    def context_changed(self) -> None:
        self._update_buttons()

    @Slot()
    def reload(self) -> Operation | None:
        db = self.db
        if db is None:
            return None
        self._stale = False
        first, last = period(self.from_edit, self.to_edit)
        user_id = self.user.id if self.user else None

        def work(_p: Any) -> Brought:
            with db.session() as s:
                return Brought(
                    campaigns.report(s, user_id, first, last),
                    campaigns.by_source(s, user_id, first, last),
                    campaigns.window_days(s),
                )

        self.load_operation = Operation(self, work, writes=False).success(self._show).run()
        return self.load_operation

    def _show(self, result: Brought) -> None:
        self.result = result

        def money(value: Decimal | None) -> str:
            return "" if value is None else formats.number(value, 2)

        def number(value: int) -> str:
            return formats.number(value)

        self.note.setText(
            self.tr(
                "Revenue: orders of invited customers and of customers the campaign brought "
                "in, from its first day to %n day(s) after its last.",
                "",
                result.days,
            )
        )
        rows = []
        for ln in result.campaigns:
            rpc = ln.revenue_per_cost
            rows.append(
                [
                    ln.name,
                    label(ln.kind),
                    formats.date(ln.starts_on),
                    number(ln.invited),
                    number(ln.responded),
                    number(ln.new_customers),
                    number(ln.buyers),
                    money(ln.revenue),
                    money(ln.cost),
                    "" if rpc is None else formats.number(rpc, 2),
                ]
            )
        fill_table(self.table, rows, figures_from=3)
        sources = [
            [label(s.source), number(s.customers), number(s.buyers), money(s.revenue)]
            for s in result.sources
        ]
        fill_table(self.sources_table, sources, figures_from=1)
        self.loaded.emit()

    @Slot()
    def new_campaign(self) -> QDialog | None:
        if self.db is None:
            return None
        from .new_campaign_dialog import NewCampaignDialog

        dialog = NewCampaignDialog(self.db, self.user.id if self.user else None, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.created.connect(lambda _id: self.reload())
        dialog.created.connect(self.choose_audience_of)  # whom it reaches comes next
        dialog.open()
        self.members_dialog = dialog
        return dialog

    def _may_write(self) -> bool:
        viewer = (
            self.user is not None and getattr(self.user.role, "value", self.user.role) == "viewer"
        )
        return self.db is not None and not self.db.read_only and not viewer

    def _selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _update_buttons(self) -> None:
        self.new_button.setEnabled(self._may_write())
        self.audience_button.setEnabled(self._may_write() and self._selected_row() >= 0)

    def choose_audience(self, row: int) -> QDialog | None:
        """Choose audience… for the campaign on ``row``, whatever its kind."""
        if self.result is None or not 0 <= row < len(self.result.campaigns):
            return None
        return self.choose_audience_of(self.result.campaigns[row].id)

    def choose_audience_of(self, campaign_id: int) -> QDialog | None:
        if self.db is None or not self._may_write():
            return None
        from .campaign_audience_dialog import CampaignAudienceDialog

        dialog = CampaignAudienceDialog(self.db, self.user, campaign_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.added.connect(lambda _done: self.reload())
        dialog.open()
        self.members_dialog = dialog
        return dialog

    def open_members(self, row: int) -> QDialog | None:
        """The invited customers of the campaign on ``row`` and their responses."""
        if self.db is None or self.result is None or not 0 <= row < len(self.result.campaigns):
            return None
        from .campaign_members_dialog import CampaignMembersDialog

        line = self.result.campaigns[row]
        user_id = self.user.id if self.user else None
        dialog = CampaignMembersDialog(self.db, user_id, line.id, line.name, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self.reload)
        dialog.open()
        self.members_dialog = dialog
        return dialog

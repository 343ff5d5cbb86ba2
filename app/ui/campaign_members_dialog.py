"""A campaign's invited customers and how each responded: select one, press Came, Bought
or Declined. Read and written off the UI thread (``services.campaigns``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.services import campaigns
from app.services.campaigns import MemberRow
from app.services.validation import display_phone

from .labels import label
from .operations import Operation


class CampaignMembersDialog(QDialog):
    loaded = Signal()
    changed = Signal()
    """A response was saved."""

    def __init__(
        self,
        db: Database,
        user_id: int | None,
        campaign_id: int,
        name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("campaignMembersDialog")
        self.setWindowTitle(self.tr("Invited to %1").replace("%1", name))
        self.resize(640, 480)
        self.db, self.user_id, self.campaign_id = db, user_id, campaign_id
        self.rows: list[MemberRow] = []
        self.operation: Operation | None = None
        column = QVBoxLayout(self)
        self.count_label = QLabel(self)
        column.addWidget(self.count_label)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("campaignMembers")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Customer"), self.tr("Phone"), self.tr("Owner"), self.tr("Response")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        column.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.response_buttons: dict[str, QPushButton] = {}
        for key in ("came", "bought", "declined", "none"):
            text = self.tr("No answer") if key == "none" else label(key)
            button = QPushButton(text, self)
            button.setObjectName(f"respond_{key}")
            button.clicked.connect(lambda _c=False, key=key: self.respond(key))
            buttons.addWidget(button)
            self.response_buttons[key] = button
        buttons.addStretch(1)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        column.addLayout(buttons)
        self._update_buttons()
        self.reload()

    def reload(self) -> Operation:
        db, uid, cid = self.db, self.user_id, self.campaign_id

        def work(_p: Any) -> list[MemberRow]:
            with db.session() as s:
                return campaigns.members(s, uid, cid)

        return Operation(self, work, writes=False).success(self._show).run()

    def _show(self, rows: list[MemberRow]) -> None:
        picked = self.selected()
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            cells = [r.name, display_phone(r.phone), r.owner or "", label(r.response)]
            for col, text in enumerate(cells):
                self.table.setItem(i, col, QTableWidgetItem(text))
            if picked is not None and picked.customer_id == r.customer_id:
                self.table.selectRow(i)
        responded = sum(1 for r in rows if r.response != "none")
        self.count_label.setText(
            self.tr("%1 invited, %2 responded")
            .replace("%1", QLocale().toString(len(rows)))
            .replace("%2", QLocale().toString(responded))
        )
        self._update_buttons()
        self.loaded.emit()

    def selected(self) -> MemberRow | None:
        picked = self.table.selectionModel().selectedRows()
        if not picked or picked[0].row() >= len(self.rows):
            return None
        return self.rows[picked[0].row()]

    def _update_buttons(self) -> None:
        row = self.selected()
        busy = self.operation is not None and not self.operation.done
        for key, button in self.response_buttons.items():
            button.setEnabled(row is not None and not busy and row.response != key)

    def respond(self, response: str) -> Operation | None:
        row = self.selected()
        if row is None:
            return None
        db, uid, cid = self.db, self.user_id, self.campaign_id

        def done(_r: Any) -> None:
            self.changed.emit()
            self.reload()

        self.operation = (
            Operation(self, lambda _p: campaigns.respond(db, uid, cid, row.customer_id, response))
            .success(done)
            .run()
        )
        self._update_buttons()
        return self.operation

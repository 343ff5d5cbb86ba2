"""Cases: complaints taken to closure [客户投诉]. Filter by status (unresolved by default)
and by whose; Start work, Resolve (the resolution and the customer's satisfaction) and
Export act on the list; double-click opens the customer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.db import Database
from app.models.enums import Role
from app.services import cases, exports, lookups
from app.services.cases import CaseRow
from app.services.users import UserInfo

from .. import formats, table_export
from ..case_dialogs import ask_resolution
from ..labels import label
from ..operations import Operation
from .base import Page

MANAGERS = (Role.MANAGER, Role.ADMIN)
LATE = QColor("#b3261e")

ResolutionHook = Callable[[CaseRow], "tuple[str, int | None] | None"]


def _people(db: Database) -> list[lookups.Choice]:
    with db.session() as s:
        return lookups.users(s)


class CasesPage(Page):
    name = "cases"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[CaseRow] = []
        self.ask_resolution: ResolutionHook = lambda row: ask_resolution(row.title, self)
        """Asks how a case was resolved; tests replace it."""
        self.load_operation: Operation | None = None

        bar = QHBoxLayout()
        bar.setSpacing(8)
        bar.addWidget(QLabel(self.tr("Status:"), self))
        self.status_box = QComboBox(self)
        self.status_box.setObjectName("casesStatus")
        for key, text in (
            ("unresolved", self.tr("Not resolved")),
            ("overdue", self.tr("Overdue")),
            ("open", self.tr("Open")),
            ("in_progress", self.tr("In progress")),
            ("resolved", self.tr("Resolved")),
            ("all", self.tr("All")),
        ):
            self.status_box.addItem(text, key)
        self.status_box.currentIndexChanged.connect(lambda _i: self.reload())
        bar.addWidget(self.status_box)
        self.scope_box = QComboBox(self)
        self.scope_box.setObjectName("casesScope")
        self.scope_box.addItem(self.tr("My cases"), "mine")
        self.scope_box.addItem(self.tr("Everyone's"), "all")
        self.scope_box.currentIndexChanged.connect(lambda _i: self.reload())
        bar.addWidget(self.scope_box)
        bar.addStretch(1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("casesCount")
        bar.addWidget(self.count_label)
        self.layout_.addLayout(bar)

        self.table = QTableWidget(0, 7, self)
        self.table.setObjectName("casesTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Opened"),
                self.tr("Customer"),
                self.tr("Case"),
                self.tr("Owner"),
                self.tr("Due"),
                self.tr("Status"),
                self.tr("Satisfaction"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(self._open_customer)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.layout_.addWidget(self.table, 1)

        buttons = QHBoxLayout()
        self.start_button = QPushButton(self.tr("Start work"), self)
        self.start_button.setObjectName("casesStart")
        self.start_button.clicked.connect(self.start_selected)
        buttons.addWidget(self.start_button)
        self.resolve_button = QPushButton(self.tr("Resolve…"), self)
        self.resolve_button.setObjectName("casesResolve")
        self.resolve_button.clicked.connect(self.resolve_selected)
        buttons.addWidget(self.resolve_button)
        self.give_button = QPushButton(self.tr("Give to…"), self)
        self.give_button.setObjectName("casesGive")
        self.give_menu = QMenu(self.give_button)
        self.give_menu.triggered.connect(lambda action: self.give_selected(action.data()))
        self.give_button.setMenu(self.give_menu)
        buttons.addWidget(self.give_button)
        buttons.addStretch(1)
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.setObjectName("casesExport")
        self.export_button.clicked.connect(self.export_view)
        buttons.addWidget(self.export_button)
        self.layout_.addLayout(buttons)
        self._update_buttons()

    def title(self) -> str:
        return self.tr("Cases")

    def write_controls(self) -> list[QWidget]:
        return [self.start_button, self.resolve_button, self.give_button]

    def set_context(self, db: Database | None, user: UserInfo | None) -> None:
        super().set_context(db, user)
        manager = user is None or user.role in MANAGERS
        self.scope_box.setCurrentIndex(0 if user is not None and not manager else 1)
        self.scope_box.setVisible(user is not None)
        self.give_menu.clear()
        if db is not None:
            Operation(self, lambda _p: _people(db), writes=False).success(self._fill_people).run()
        self.reload()

    def _fill_people(self, people: list[lookups.Choice]) -> None:
        self.give_menu.clear()
        for person in people:
            self.give_menu.addAction(person.name).setData(person.id)
        self._update_buttons()

    def refresh_data(self) -> None:
        self.reload()

    def _owner(self) -> int | None:
        if self.user is not None and self.scope_box.currentData() == "mine":
            return self.user.id
        return None

    @Slot()
    def reload(self) -> Operation | None:
        db = self.db
        if db is None:
            return None
        user_id = self.user.id if self.user else None
        status = self.status_box.currentData() or "unresolved"
        owner = self._owner()

        def work(_p: Any) -> list[CaseRow]:
            with db.session() as s:
                return cases.listing(s, user_id, status=status, owner_id=owner)

        self.load_operation = Operation(self, work, writes=False).success(self._show).run()
        return self.load_operation

    def _show(self, rows: list[CaseRow]) -> None:
        selected = self.selected()
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            cells = [
                formats.date_time(r.opened_at),
                r.customer_name,
                r.title,
                r.owner or "",
                formats.date(r.due_on),
                label(r.status),
                "★" * r.satisfaction if r.satisfaction else "",
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(r.description or r.title if col == 2 else text)
                if r.overdue and col in (4, 5):
                    item.setForeground(QBrush(LATE))
                self.table.setItem(i, col, item)
            if selected is not None and r.id == selected.id:
                self.table.selectRow(i)
        self.count_label.setText(self.tr("%n case(s)", "", len(rows)))
        self._update_buttons()

    def selected(self) -> CaseRow | None:
        picked = self.table.selectionModel().selectedRows()
        if not picked or picked[0].row() >= len(self.rows):
            return None
        return self.rows[picked[0].row()]

    def _update_buttons(self) -> None:
        row = self.selected()
        writable = self.db is not None and (self.user is None or self.user.role is not Role.VIEWER)
        unresolved = row is not None and row.status != "resolved"
        self.start_button.setEnabled(writable and row is not None and row.status == "open")
        self.resolve_button.setEnabled(writable and unresolved)
        mine = row is not None and self.user is not None and row.owner_id == self.user.id
        manager = self.user is None or self.user.role in MANAGERS
        self.give_button.setEnabled(
            writable and unresolved and (manager or mine) and not self.give_menu.isEmpty()
        )

    def _open_customer(self, row: int, _col: int) -> None:
        if 0 <= row < len(self.rows):
            self.openCustomer.emit(self.rows[row].customer_id)

    @Slot()
    def start_selected(self) -> Operation | None:
        row, db = self.selected(), self.db
        if row is None or db is None:
            return None
        user_id = self.user.id if self.user else None
        return (
            Operation(self, lambda _p: cases.start(db, user_id, row.id, row.version))
            .success(lambda _r: self.reload())
            .run()
        )

    @Slot()
    def resolve_selected(self) -> Operation | None:
        row, db = self.selected(), self.db
        if row is None or db is None:
            return None
        answer = self.ask_resolution(row)
        if answer is None:
            return None
        text, score = answer
        user_id = self.user.id if self.user else None
        return (
            Operation(self, lambda _p: cases.resolve(db, user_id, row.id, text, score, row.version))
            .success(lambda _r: self.reload())
            .run()
        )

    @Slot()
    def give_selected(self, owner_id: int) -> Operation | None:
        """Hand the selected case to someone else (managers, or its owner passing it on)."""
        row, db = self.selected(), self.db
        if row is None or db is None or owner_id is None:
            return None
        user_id = self.user.id if self.user else None
        return (
            Operation(
                self, lambda _p: cases.reassign(db, user_id, row.id, int(owner_id), row.version)
            )
            .success(lambda _r: self.reload())
            .run()
        )

    def ask_export_path(self) -> str | None:
        """Where to export (tests replace this)."""
        return table_export.ask_path(self, self.tr("Export cases"), self.tr("cases"))

    @Slot()
    def export_view(self) -> Operation | None:
        db = self.db
        if db is None:
            return None
        path = self.ask_export_path()
        if path is None:
            return None
        request = exports.ExportRequest(
            "cases", owner_id=self._owner(), case_status=self.status_box.currentData()
        )
        return table_export.start(self, db, self.user, request, path)

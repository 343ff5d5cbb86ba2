"""Customers: the list of customer files, filtered and sorted by the database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QModelIndex, QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
)

from app.db import Database
from app.models.enums import Lifecycle, MembershipLevel
from app.services import customers, exports, lookups
from app.services.customer_list import LIST_COLUMNS, CustomerFilter
from app.services.segments import CLASSES, RFM_SEGMENTS
from app.services.users import UserInfo

from .. import settings_store
from ..labels import label
from ..merge_dialog import MergeDialog
from ..models.customer_table import CustomerTableModel
from ..operations import Operation
from ..segment_labels import class_label, rfm_label
from .base import Page

HEADER_KEY = "customers/header"
DEFAULT_HIDDEN = {"kind", "email", "district", "source", "category", "rfm_segment", "tier"}
FILTER_DELAY_MS = 250


class CustomersPage(Page):
    name = "customers"
    newCustomer = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CustomerTableModel(None, self)
        self._build_filters()
        self.table = QTableView(self)
        self.table.setObjectName("customerTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._table_menu)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setDefaultSectionSize(120)
        header.setSortIndicator(1, Qt.SortOrder.AscendingOrder)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        header.sectionMoved.connect(self._save_header)
        header.sectionResized.connect(self._save_header)
        header.sortIndicatorChanged.connect(self._save_header)
        self._restore_header()
        self.table.doubleClicked.connect(self._open_index)
        self.layout_.addWidget(self.table, 1)
        open_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table)
        open_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        open_shortcut.activated.connect(lambda: self._open_index(self.table.currentIndex()))
        new_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.New), self)
        new_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new_shortcut.activated.connect(self.newCustomer.emit)
        self.model.countChanged.connect(self._show_count)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)

    def title(self) -> str:
        return self.tr("Customers")

    # -------------------------------------------------------------- filters
    def _build_filters(self) -> None:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("customerFilterText")
        self.search_edit.setPlaceholderText(self.tr("Name, phone, plate, card…"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._later)
        self.search_edit.setMinimumWidth(120)
        self.owner_box = QComboBox(self)
        self.owner_box.setObjectName("customerFilterOwner")
        self.owner_box.addItem(self.tr("All owners"), None)
        self.tag_box = QComboBox(self)
        self.tag_box.setObjectName("customerFilterTag")
        self.tag_box.addItem(self.tr("All tags"), None)
        self.lifecycle_box = QComboBox(self)
        self.lifecycle_box.setObjectName("customerFilterLifecycle")
        self.lifecycle_box.addItem(self.tr("Any stage"), None)
        for value in Lifecycle:
            self.lifecycle_box.addItem(label(value), value)
        self.level_box = QComboBox(self)
        self.level_box.setObjectName("customerFilterLevel")
        self.level_box.addItem(self.tr("Any level"), None)
        for value in MembershipLevel:
            if value is not MembershipLevel.NONE:
                self.level_box.addItem(label(value), value)
        self.city_box = QComboBox(self)
        self.city_box.setObjectName("customerFilterCity")
        self.city_box.addItem(self.tr("All cities"), None)
        self.vehicle_box = QComboBox(self)
        self.vehicle_box.setObjectName("customerFilterVehicle")
        self.vehicle_box.addItem(self.tr("With or without vehicle"), None)
        self.vehicle_box.addItem(self.tr("Has a vehicle"), True)
        self.vehicle_box.addItem(self.tr("No vehicle"), False)
        self.owes_check = QCheckBox(self.tr("Owes money"), self)
        self.owes_check.setObjectName("customerFilterOwes")
        # What services.segments worked out: 80/20 class, RFM segment, key-account star.
        self.class_box = QComboBox(self)
        self.class_box.setObjectName("customerFilterClass")
        self.class_box.addItem(self.tr("Any class"), None)
        for key in CLASSES:
            self.class_box.addItem(class_label(key), key)
        self.segment_box = QComboBox(self)
        self.segment_box.setObjectName("customerFilterSegment")
        self.segment_box.addItem(self.tr("Any RFM segment"), None)
        for key in RFM_SEGMENTS:
            self.segment_box.addItem(rfm_label(key), key)
        self.star_check = QCheckBox(self.tr("★ Key accounts"), self)
        self.star_check.setObjectName("customerFilterStarred")
        self.star_check.toggled.connect(self._later)
        # A report's bar or slice shows its customers here (show_ids).
        self._picked_ids: tuple[int, ...] | None = None
        self.picked_label = QLabel(self)
        self.picked_label.setObjectName("customerPicked")
        self.picked_clear = QPushButton(self.tr("Show all"), self)
        self.picked_clear.setObjectName("customerPickedClear")
        self.picked_clear.clicked.connect(self.clear_ids)
        self.picked_label.hide()
        self.picked_clear.hide()
        for box in (
            self.owner_box,
            self.tag_box,
            self.lifecycle_box,
            self.level_box,
            self.city_box,
            self.vehicle_box,
            self.class_box,
            self.segment_box,
        ):
            box.currentIndexChanged.connect(self._later)
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(3)
        self.owes_check.toggled.connect(self._later)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("customerCount")
        self.new_button = QPushButton(self.tr("New customer"), self)
        self.new_button.setObjectName("newCustomerButton")
        self.new_button.setToolTip(QKeySequence(QKeySequence.StandardKey.New).toString())
        self.new_button.clicked.connect(self.newCustomer.emit)
        row.addWidget(self.search_edit, 1)
        row.addWidget(self.owes_check)
        row.addWidget(self.new_button)
        filters = QHBoxLayout()
        filters.setSpacing(4)
        for w in (self.owner_box, self.tag_box, self.lifecycle_box, self.level_box, self.city_box):
            filters.addWidget(w)
        filters.addStretch(1)
        filters.addWidget(self.count_label)  # on the first row it widened the page
        filters.addWidget(self.picked_label)
        filters.addWidget(self.picked_clear)
        # A third row keeps the page within the window's 760 px minimum width.
        more = QHBoxLayout()
        more.setSpacing(4)
        for w in (self.vehicle_box, self.class_box, self.segment_box, self.star_check):
            more.addWidget(w)
        more.addStretch(1)
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.setObjectName("customerExportButton")
        self.export_button.setToolTip(self.tr("Save the customers shown, as filtered and sorted"))
        self.export_button.clicked.connect(self.export_view)
        row.addWidget(self.export_button)
        self.invite_button = QPushButton(self.tr("Invite to event…"), self)
        self.invite_button.setObjectName("inviteToEventButton")
        self.invite_button.setToolTip(
            self.tr("Invite customers to an event, starting from these filters")
        )
        self.invite_button.clicked.connect(self.invite_to_event)
        more.addWidget(self.invite_button)
        self.layout_.addLayout(row)
        self.layout_.addLayout(filters)
        self.layout_.addLayout(more)

    @Slot()
    def _later(self) -> None:
        self._timer.start()

    def current_filter(self) -> CustomerFilter:
        return CustomerFilter(
            text=self.search_edit.text().strip(),
            owner_id=self.owner_box.currentData(),
            tag_id=self.tag_box.currentData(),
            lifecycle=self.lifecycle_box.currentData(),
            membership_level=self.level_box.currentData(),
            city=self.city_box.currentData(),
            has_vehicle=self.vehicle_box.currentData(),
            owes_money=True if self.owes_check.isChecked() else None,
            abc_class=self.class_box.currentData(),
            rfm_segment=self.segment_box.currentData(),
            starred=True if self.star_check.isChecked() else None,
            ids=self._picked_ids,
        )

    def refresh_data(self) -> None:
        self.model.reload_quietly()

    @Slot()
    def apply_filter(self) -> None:
        self._timer.stop()
        self.model.set_filter(self.current_filter())

    def show_text(self, text: str) -> None:
        """Show the customers matching ``text`` (the window's search field sends it here)."""
        self.search_edit.setText(text)
        self.apply_filter()

    def show_ids(self, ids: list[int], what: str) -> None:
        """Show only these customers (a report's bar or slice), saying what they are."""
        self._picked_ids = tuple(ids)
        self.picked_label.setText(what)
        self.picked_label.show()
        self.picked_clear.show()
        self.apply_filter()

    @Slot()
    def clear_ids(self) -> None:
        self._picked_ids = None
        self.picked_label.hide()
        self.picked_clear.hide()
        self.apply_filter()

    @Slot(int)
    def _show_count(self, count: int) -> None:
        self.count_label.setText(self.tr("%n customer(s)", "", count))

    # ------------------------------------------------------------- context
    def write_controls(self) -> list[QWidget]:
        return [self.new_button, self.invite_button]

    def set_context(self, db: Database | None, user: UserInfo | None) -> None:
        changed = db is not self.db or user != self.user
        super().set_context(db, user)
        money = user is None or user.may_see_financials  # who owes is a money figure
        self.owes_check.setVisible(money)
        if not money:
            self.owes_check.setChecked(False)
        if changed:
            self.model.set_database(db, user.id if user else None)
            self._load_choices()

    def _load_choices(self) -> None:
        db = self.db
        if db is None:
            return

        def work(_progress: Any) -> tuple[list[lookups.Choice], list[lookups.Choice], list[str]]:
            with db.session() as s:
                return lookups.users(s, active_only=False), lookups.tags(s), lookups.cities(s)

        Operation(self, work, writes=False).success(self._fill_choices).run()

    def _fill_choices(
        self, result: tuple[list[lookups.Choice], list[lookups.Choice], list[str]]
    ) -> None:
        users, tags, cities = result
        for box, items in (
            (self.owner_box, [(u.name, u.id) for u in users]),
            (self.tag_box, [(t.name, t.id) for t in tags]),
            (self.city_box, [(c, c) for c in cities]),
        ):
            box.blockSignals(True)
            while box.count() > 1:
                box.removeItem(1)
            for text, data in items:
                box.addItem(text, data)
            box.blockSignals(False)

    # --------------------------------------------------------------- table
    def _open_index(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        customer_id = self.model.customer_id(index.row())
        if customer_id is not None:
            self.openCustomer.emit(customer_id)

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [cid for r in rows if (cid := self.model.customer_id(r)) is not None]

    def _table_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        ids = self.selected_ids()
        open_action = menu.addAction(self.tr("Open"))
        open_action.setEnabled(len(ids) == 1)
        open_action.triggered.connect(lambda: self.openCustomer.emit(ids[0]))
        merge_action = menu.addAction(self.tr("Merge these two customers…"))
        merge_action.setEnabled(len(ids) == 2 and self.db is not None and not self.db.read_only)
        merge_action.triggered.connect(self.merge_selected)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def merge_selected(self) -> MergeDialog | None:
        ids = self.selected_ids()
        if len(ids) != 2 or self.db is None:
            return None
        rows = []
        for cid in ids:
            row = next(r for r in range(self.model.rowCount()) if self.model.customer_id(r) == cid)
            rows.append((cid, self.model.index(row, 0).data(), self.model.index(row, 1).data()))
        dialog = MergeDialog(rows[0], rows[1], self)
        dialog.accepted.connect(lambda: self._merge(*dialog.choice()))
        dialog.open()
        return dialog

    def _merge(self, keep: int, other: int) -> None:
        db, user_id = self.db, self.user.id if self.user else None
        assert db is not None
        Operation(self, lambda _p: customers.merge(db, user_id, keep, other)).success(
            lambda _result: self.model.refresh()
        ).run()

    def _header_menu(self, pos: QPoint) -> None:
        menu = self.column_menu()
        menu.exec(self.table.horizontalHeader().mapToGlobal(pos))

    def column_menu(self) -> QMenu:
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for i, col in enumerate(LIST_COLUMNS):
            action = QAction(self.model.headerData(i, Qt.Orientation.Horizontal), menu)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(i))
            action.setEnabled(col.key != "name")
            action.toggled.connect(lambda on, i=i: self.set_column_visible(i, on))
            menu.addAction(action)
        return menu

    def set_column_visible(self, column: int, visible: bool) -> None:
        self.table.horizontalHeader().setSectionHidden(column, not visible)
        self._save_header()

    def _save_header(self, *_args: object) -> None:
        settings_store.open_settings().setValue(
            HEADER_KEY, self.table.horizontalHeader().saveState()
        )

    def _restore_header(self) -> None:
        state = settings_store.open_settings().value(HEADER_KEY)
        header = self.table.horizontalHeader()
        if isinstance(state, QByteArray | bytes) and header.restoreState(state):
            return
        for i, col in enumerate(LIST_COLUMNS):
            header.setSectionHidden(i, col.key in DEFAULT_HIDDEN)
        header.resizeSection(1, 200)

    # --------------------------------------------------------- invitations
    def invite_to_event(self) -> QWidget | None:
        """The invitation dialog, its filters set from the list's."""
        if self.db is None:
            return None
        from ..invitations_dialog import InvitationsDialog

        dialog = InvitationsDialog(self.db, self.user, self, initial=self.current_filter())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -------------------------------------------------------------- export
    def ask_export_path(self) -> str | None:
        """The file to export to, from a save dialog (tests replace this)."""
        path, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Export customers"),
            self.tr("customers") + ".xlsx",
            self.tr("Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)"),
        )
        if not path:
            return None
        if Path(path).suffix.lower() not in (".xlsx", ".csv"):
            path += ".csv" if "*.csv" in chosen else ".xlsx"
        return path

    def export_view(self) -> Operation | None:
        """Export what the list shows (filter and sort) in a worker, with progress."""
        db = self.db
        path = self.ask_export_path() if db is not None else None
        if db is None or path is None:
            return None
        header = self.table.horizontalHeader()
        column = header.sortIndicatorSection()
        request = exports.ExportRequest(
            "customers",
            customer_filter=self.model.current_filter(),
            sort=self.model.column_key(column) if 0 <= column < len(LIST_COLUMNS) else "name",
            descending=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder,
        )
        titles = {
            col.key: str(self.model.headerData(i, Qt.Orientation.Horizontal))
            for i, col in enumerate(LIST_COLUMNS)
        }
        titles.update(
            phone2=self.tr("Phone 2"),
            membership_card=self.tr("Card"),
            birthday=self.tr("Birthday"),
            address=self.tr("Address"),
        )
        sheet = self.tr("Customers")
        user_id = self.user.id if self.user else None

        def work(progress: Any) -> exports.ExportResult:
            return exports.export(
                db,
                user_id,
                request,
                path,
                headers=titles,
                sheet=sheet,
                translate=label,
                progress=progress,
                cancelled=lambda: progress.cancelled,
            )

        return (
            Operation(self, work, writes=False)
            .with_progress(self.tr("Exporting customers…"))
            .success(self._exported)
            .run()
        )

    def _exported(self, result: exports.ExportResult) -> None:
        box = QMessageBox(self)
        box.setObjectName("customerExportDoneBox")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Export"))
        box.setText(
            self.tr("%n customer(s) exported to %1", "", result.rows).replace(
                "%1", str(result.path)
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

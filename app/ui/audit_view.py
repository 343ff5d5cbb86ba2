"""The audit log in the window: a History tab for one customer or deal, and the audit
view for managers (filters, pages of rows fetched as the table scrolls, export).

Rows come from app.services.audit, which checks who may read them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.models.enums import AuditAction
from app.services import audit, lookups
from app.services.audit import AuditFilter, AuditRow
from app.services.users import UserInfo

from . import formats
from .operations import Operation
from .table_export import ask_path, show_done

PAGE = 200
Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("AuditView", text)


def action_names() -> dict[str, str]:
    return {
        AuditAction.CREATE: _tr("Created"),
        AuditAction.UPDATE: _tr("Changed"),
        AuditAction.DELETE: _tr("Deleted"),
        AuditAction.RESTORE: _tr("Restored"),
        AuditAction.MERGE: _tr("Merged"),
        AuditAction.REASSIGN: _tr("Reassigned"),
        AuditAction.EXPORT: _tr("Exported"),
        AuditAction.IMPORT: _tr("Imported"),
        AuditAction.ERASE: _tr("Erased"),
        AuditAction.SIGN_IN: _tr("Sign-in"),
    }


def entity_names() -> dict[str, str]:
    return {
        "customer": _tr("Customer"),
        "customers": _tr("Customers"),
        "deal": _tr("Deal"),
        "deals": _tr("Deals"),
        "task": _tr("Task"),
        "tasks": _tr("Tasks"),
        "activity": _tr("Activity"),
        "activities": _tr("Activities"),
        "contact": _tr("Contact person"),
        "contacts": _tr("Contact persons"),
        "vehicle": _tr("Vehicle"),
        "vehicles": _tr("Vehicles"),
        "orders": _tr("Orders"),
        "payments": _tr("Payments"),
        "user": _tr("User"),
        "setting": _tr("Setting"),
        "stage": _tr("Pipeline stage"),
        "campaign": _tr("Campaign"),
        "import": _tr("Import"),
        "audit_log": _tr("Audit log"),
        "monthly_workbook": _tr("Monthly workbook"),
        "sales_target": _tr("Sales target"),
    }


def column_titles() -> dict[str, str]:
    return {
        "at": _tr("When"),
        "user": _tr("Who"),
        "action": _tr("Action"),
        "entity": _tr("Record"),
        "entity_id": _tr("Id"),
        "field": _tr("Field"),
        "old_value": _tr("Old"),
        "new_value": _tr("New"),
        "note": _tr("Note"),
    }


class AuditModel(QAbstractTableModel):
    """Audit rows, newest first. ``set_rows`` shows a finished list (a History tab);
    ``set_query`` counts the rows of a filter and fetches them a page at a time as the
    view scrolls (``canFetchMore``/``fetchMore``), never the whole log."""

    loaded = Signal(int)
    """Rows arrived (the number now shown)."""
    counted = Signal(int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.keys = audit.COLUMNS
        self._titles = column_titles()
        self._actions = action_names()
        self._entities = entity_names()
        self._rows: list[AuditRow] = []
        self._total = 0
        self._db: Database | None = None
        self._user_id: int | None = None
        self._filter = AuditFilter()
        self._generation = 0
        self._fetching = False

    # ---------------------------------------------------------------- data
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.keys)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.keys):
            return self._titles[self.keys[section]]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        key = self.keys[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, key)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def _text(self, row: AuditRow, key: str) -> str:
        if key == "at":
            return formats.date_time(row.at, seconds=True)
        if key == "action":
            return self._actions.get(row.action, str(row.action))
        if key == "entity":
            return self._entities.get(row.entity, row.entity)
        value = getattr(row, key)
        return "" if value is None else str(value)

    def row_at(self, row: int) -> AuditRow:
        return self._rows[row]

    @property
    def total(self) -> int:
        return self._total

    # ---------------------------------------------------------------- loading
    def set_rows(self, rows: Sequence[AuditRow]) -> None:
        self.beginResetModel()
        self._generation += 1
        self._db = None
        self._rows = list(rows)
        self._total = len(self._rows)
        self.endResetModel()
        self.loaded.emit(len(self._rows))

    def set_query(self, db: Database | None, user_id: int | None, f: AuditFilter) -> None:
        self.beginResetModel()
        self._generation += 1
        self._rows = []
        self._total = 0
        self._fetching = False
        self._db, self._user_id, self._filter = db, user_id, f
        self.endResetModel()
        if db is None:
            return
        generation = self._generation

        def work(_p: Any) -> tuple[int, list[AuditRow]]:
            with db.session() as s:
                return audit.count(s, user_id, f), audit.page(s, user_id, f, 0, PAGE)

        self._fetching = True
        Operation(self, work, writes=False).success(
            lambda found: self._first_page(generation, found)
        ).failure(lambda error: self._failed(generation, error)).run()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self._fetching = False
        from .operations import show_failure

        parent = self.parent()
        show_failure(parent if isinstance(parent, QWidget) else None, error)

    def _first_page(self, generation: int, found: tuple[int, list[AuditRow]]) -> None:
        if generation != self._generation:
            return
        self._total = found[0]
        self.counted.emit(self._total)
        self._append(generation, found[1])

    def _append(self, generation: int, rows: list[AuditRow]) -> None:
        if generation != self._generation:
            return
        if rows:
            first = len(self._rows)
            # still "fetching" while the rows go in: a view (or a model tester) asking
            # canFetchMore from inside beginInsertRows must not fetch them twice
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        else:
            self._total = len(self._rows)  # rows were deleted meanwhile: stop asking
        self._fetching = False
        self.loaded.emit(len(self._rows))

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or self._db is None:
            return False
        return not self._fetching and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        db, user_id, f = self._db, self._user_id, self._filter
        assert db is not None
        offset, generation = len(self._rows), self._generation
        self._fetching = True

        def work(_p: Any) -> list[AuditRow]:
            with db.session() as s:
                return audit.page(s, user_id, f, offset, PAGE)

        Operation(self, work, writes=False).success(
            lambda rows: self._append(generation, rows)
        ).failure(lambda error: self._failed(generation, error)).run()


def _table(model: AuditModel, name: str, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    for key, width in (
        ("at", 140),
        ("user", 90),
        ("action", 80),
        ("entity", 90),
        ("entity_id", 60),
    ):
        header.resizeSection(model.keys.index(key), width)
    return view


class HistoryTab(QWidget):
    """Who changed what on one customer (with its deals, contacts, vehicles and tasks) or
    one deal, newest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyTab")
        self.model = AuditModel(self)
        self.view = _table(self.model, "historyTable", self)
        self.empty_label = QLabel(self.tr("No changes recorded yet."), self)
        self.empty_label.setObjectName("historyEmpty")
        self.empty_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.view, 1)
        self.operation: Operation | None = None

    def load(
        self,
        db: Database,
        user: UserInfo | None,
        *,
        customer_id: int | None = None,
        deal_id: int | None = None,
    ) -> Operation:
        user_id = user.id if user else None

        def work(_p: Any) -> list[AuditRow]:
            with db.session() as s:
                if deal_id is not None:
                    return audit.deal_history(s, user_id, deal_id)
                assert customer_id is not None
                return audit.customer_history(s, user_id, customer_id)

        self.operation = Operation(self, work, writes=False).success(self._show).run()
        return self.operation

    def _show(self, rows: list[AuditRow]) -> None:
        self.model.set_rows(rows)
        self.empty_label.setVisible(not rows)


class AuditView(QWidget):
    """The whole log for managers: filters by user, action, record, dates and text; rows
    fetched a page at a time; the filtered rows exportable to .xlsx or .csv."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditView")
        self.db: Database | None = None
        self.user: UserInfo | None = None
        self.export_operation: Operation | None = None
        self._stale = False

        self.user_combo = QComboBox(self)
        self.user_combo.setObjectName("auditUser")
        self.user_combo.addItem(self.tr("Anyone"), None)
        self.action_combo = QComboBox(self)
        self.action_combo.setObjectName("auditAction")
        self.action_combo.addItem(self.tr("Any action"), None)
        for action, text in action_names().items():
            self.action_combo.addItem(text, str(action))
        self.entity_combo = QComboBox(self)
        self.entity_combo.setObjectName("auditEntity")
        self.entity_combo.addItem(self.tr("Any record"), None)
        self.from_check = QCheckBox(self.tr("From"), self)
        self.from_check.setObjectName("auditFromCheck")
        self.from_edit = self._date_edit("auditFrom", -30)
        self.to_check = QCheckBox(self.tr("to"), self)
        self.to_check.setObjectName("auditToCheck")
        self.to_edit = self._date_edit("auditTo", 0)
        self.text_edit = QLineEdit(self)
        self.text_edit.setObjectName("auditText")
        self.text_edit.setPlaceholderText(self.tr("Text in field, values or note"))
        self.text_edit.setClearButtonEnabled(True)
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.setObjectName("auditExport")
        self.export_button.clicked.connect(self.ask_export)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("auditCount")
        self.denied_label = QLabel(self.tr("Only managers and administrators read the audit log."))
        self.denied_label.setObjectName("auditDenied")
        self.denied_label.setWordWrap(True)
        self.denied_label.hide()

        # two rows, so the page fits the window's 760 px minimum
        filters = QGridLayout()
        filters.setContentsMargins(0, 8, 0, 0)
        filters.addWidget(self.user_combo, 0, 0)
        filters.addWidget(self.action_combo, 0, 1)
        filters.addWidget(self.entity_combo, 0, 2)
        filters.addWidget(self.text_edit, 0, 3)
        dates = QHBoxLayout()
        for w in (self.from_check, self.from_edit, self.to_check, self.to_edit):
            dates.addWidget(w)
        dates.addStretch(1)
        dates.addWidget(self.count_label)
        dates.addWidget(self.export_button)
        filters.addLayout(dates, 1, 0, 1, 4)
        filters.setColumnStretch(3, 1)

        self.model = AuditModel(self)
        self.model.counted.connect(self._show_count)
        self.view = _table(self.model, "auditTable", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.denied_label)
        layout.addWidget(self.view, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self.refresh)
        for combo in (self.user_combo, self.action_combo, self.entity_combo):
            combo.currentIndexChanged.connect(self._timer.start)
        for check in (self.from_check, self.to_check):
            check.toggled.connect(self._timer.start)
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(self._timer.start)
        self.text_edit.textChanged.connect(self._timer.start)

    def _date_edit(self, name: str, days: int) -> QDateEdit:
        edit = QDateEdit(QDate.currentDate().addDays(days), self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    @property
    def allowed(self) -> bool:
        from app.services.access import MANAGERS

        return self.db is not None and (self.user is None or self.user.role in MANAGERS)

    def set_context(self, db: Database | None, user: UserInfo | None) -> None:
        """Show ``db``'s log to ``user``; read when the view is (or becomes) visible."""
        self.db, self.user = db, user
        self._stale = True
        if self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        """Choices and rows again (a new database or user)."""
        self._stale = False
        db = self.db
        allowed = self.allowed
        self.denied_label.setVisible(db is not None and not allowed)
        self.view.setVisible(allowed)
        self.export_button.setEnabled(allowed)
        if not allowed:
            self.model.set_query(None, None, AuditFilter())
            self.count_label.clear()
            return
        assert db is not None

        def work(_p: Any) -> tuple[list[lookups.Choice], list[str]]:
            with db.session() as s:
                return lookups.users(s, active_only=False), audit.entities(s)

        Operation(self, work, writes=False).success(self._fill_choices).run()
        self.refresh()

    def _fill_choices(self, found: tuple[list[lookups.Choice], list[str]]) -> None:
        people, entities = found
        names = entity_names()
        for combo, items in (
            (self.user_combo, [(c.name, c.id) for c in people]),
            (self.entity_combo, [(names.get(e, e), e) for e in entities]),
        ):
            keep = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for text, value in items:
                combo.addItem(text, value)
            index = combo.findData(keep)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def current_filter(self) -> AuditFilter:
        action = self.action_combo.currentData()
        return AuditFilter(
            user_id=self.user_combo.currentData(),
            action=AuditAction(action) if action else None,
            entity=self.entity_combo.currentData(),
            date_from=self.from_edit.date().toPython() if self.from_check.isChecked() else None,
            date_to=self.to_edit.date().toPython() if self.to_check.isChecked() else None,
            text=self.text_edit.text(),
        )

    def refresh(self) -> None:
        self._timer.stop()
        if not self.allowed:
            return
        self.model.set_query(self.db, self.user.id if self.user else None, self.current_filter())

    def _show_count(self, n: int) -> None:
        self.count_label.setText(self.tr("%n row(s)", "", n))

    # ---------------------------------------------------------------- export
    def ask_export(self) -> Operation | None:
        stem = "audit-" + dt.date.today().isoformat()
        path = ask_path(self, self.tr("Export the audit log"), stem)
        return self.export_to(path) if path else None

    def export_to(self, path: str) -> Operation | None:
        if not self.allowed or self.db is None:
            return None
        db, user_id, f = self.db, self.user.id if self.user else None, self.current_filter()
        headers = column_titles()
        sheet = self.tr("Audit log")

        def work(progress: Any) -> Any:
            return audit.export(
                db,
                user_id,
                f,
                path,
                headers=headers,
                sheet=sheet,
                progress=progress,
                cancelled=lambda: progress.cancelled,
            )

        self.export_operation = (
            Operation(self, work, writes=False)
            .with_progress(self.tr("Exporting the audit log…"))
            .success(lambda result: show_done(self, result))
            .run()
        )
        return self.export_operation

"""Tasks: to-dos and scheduled follow-ups, a page of rows at a time.

Open tasks by when they fall due (a snoozed one by when it comes back), done ones by when
they were done. New task, Done (a follow-up asks what came of it) and Snooze act on the
selected row; double-click opens its customer. Managers see anyone's tasks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from app.db import Database
from app.models.enums import Priority, Recurrence, Role
from app.services import exports, lookups, tasks
from app.services.tasks import TaskData, TaskRow
from app.services.users import UserInfo

from .. import formats, table_export
from ..labels import label
from ..operations import Operation
from ..today_view import ask_outcome
from .base import Page

PAGE_ROWS = 200
MANAGERS = (Role.MANAGER, Role.ADMIN)
Index = QModelIndex | QPersistentModelIndex


class TaskTableModel(QAbstractTableModel):
    """Rows fetched a page at a time, off the UI thread (``canFetchMore``/``fetchMore``)."""

    loaded = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[TaskRow] = []
        self.total = 0
        self.loading = False
        self._query: Callable[[int, int], tuple[int, list[TaskRow]]] | None = None
        self._generation = 0
        self.now = dt.datetime.now(dt.UTC)

    def headers(self) -> list[str]:
        return [
            self.tr("Due"),
            self.tr("Task"),
            self.tr("Customer"),
            self.tr("Priority"),
            self.tr("Owner"),
            self.tr("Status"),
        ]

    def priority_names(self) -> dict[str, str]:
        return {"high": self.tr("High"), "normal": self.tr("Normal"), "low": self.tr("Low")}

    def set_query(self, query: Callable[[int, int], tuple[int, list[TaskRow]]] | None) -> None:
        """``query(offset, limit) -> (total, rows)``, run in a worker; resets the rows."""
        self.beginResetModel()
        self.rows, self.total = [], 0
        self._query = query
        self._generation += 1
        self.now = dt.datetime.now(dt.UTC)
        self.endResetModel()
        self._fetch()

    def refresh(self) -> None:
        self.set_query(self._query)

    def reload_quietly(self) -> Operation | None:
        """Someone saved something: read the rows shown again and replace them in place
        (no reset: the selection stays on its row)."""
        query = self._query
        if query is None or self.loading:
            return None
        self._generation += 1
        generation, shown = self._generation, max(len(self.rows), PAGE_ROWS)
        return (
            Operation(self, lambda _p: query(0, shown), writes=False)
            .success(lambda result: self._replaced(generation, result))
            .run()
        )

    def _replaced(self, generation: int, result: tuple[int, list[TaskRow]]) -> None:
        if generation != self._generation:
            return
        total, rows = result
        old = len(self.rows)
        if len(rows) > old:
            self.beginInsertRows(QModelIndex(), old, len(rows) - 1)
            self.rows = rows
            self.endInsertRows()
        elif len(rows) < old:
            self.beginRemoveRows(QModelIndex(), len(rows), old - 1)
            self.rows = rows
            self.endRemoveRows()
        else:
            self.rows = rows
        self.total = total
        self.now = dt.datetime.now(dt.UTC)
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, 5))
        self.loaded.emit()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self.loading and len(self.rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._fetch()

    def _fetch(self) -> None:
        query = self._query
        if query is None:
            return
        self.loading = True
        offset, generation = len(self.rows), self._generation
        Operation(self, lambda _p: query(offset, PAGE_ROWS), writes=False).success(
            lambda result: self._arrived(generation, offset, result)
        ).failure(lambda _e: self._failed(generation)).run()

    def _failed(self, generation: int) -> None:
        if generation == self._generation:
            self.loading = False

    def _arrived(self, generation: int, offset: int, result: tuple[int, list[TaskRow]]) -> None:
        if generation != self._generation or offset != len(self.rows):
            return  # an older query's answer
        total, rows = result
        self.loading = False
        self.total = total
        if rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()
        self.loaded.emit()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            headers = self.headers()
            return headers[section] if 0 <= section < len(headers) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        col = index.column()
        due = row.snoozed_until or row.due_at
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                text = formats.date_time(due)
                return text + " ⏰" if row.snoozed_until else text
            if col == 1:
                return row.title
            if col == 2:
                return row.customer_name or ""
            if col == 3:
                return self.priority_names().get(row.priority, row.priority)
            if col == 4:
                return row.owner or ""
            if col == 5:
                return label(row.status)
        overdue = row.status == "open" and due < self.now
        if role == Qt.ItemDataRole.ForegroundRole and col == 0 and overdue:
            return QBrush(QColor("#c0392b"))
        if role == Qt.ItemDataRole.ToolTipRole and col == 1:
            return row.outcome or row.title
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def row_at(self, index: Index) -> TaskRow | None:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        return self.rows[index.row()]


class TaskDialog(QDialog):
    """A new task: title, due date and time, priority, repeat, owner and note."""

    def __init__(
        self,
        people: list[lookups.Choice],
        me: int | None,
        now: dt.datetime,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("taskDialog")
        self.setWindowTitle(self.tr("New task"))
        form = QFormLayout(self)
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("taskTitle")
        self.title_edit.setMaxLength(tasks.TITLE_MAX)
        form.addRow(self.tr("Task"), self.title_edit)
        self.due_edit = QDateTimeEdit(self)
        self.due_edit.setObjectName("taskDue")
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        start = now.astimezone().replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)
        self.due_edit.setDateTime(QDateTime(start.replace(tzinfo=None)))
        form.addRow(self.tr("Due"), self.due_edit)
        self.priority_box = QComboBox(self)
        self.priority_box.setObjectName("taskPriority")
        names = {"high": self.tr("High"), "normal": self.tr("Normal"), "low": self.tr("Low")}
        for p in (Priority.NORMAL, Priority.HIGH, Priority.LOW):
            self.priority_box.addItem(names[p.value], p)
        form.addRow(self.tr("Priority"), self.priority_box)
        self.repeat_box = QComboBox(self)
        self.repeat_box.setObjectName("taskRepeat")
        self.repeat_box.addItem(self.tr("Does not repeat"), Recurrence.NONE)
        self.repeat_box.addItem(self.tr("Every week"), Recurrence.WEEKLY)
        self.repeat_box.addItem(self.tr("Every month"), Recurrence.MONTHLY)
        form.addRow(self.tr("Repeat"), self.repeat_box)
        self.owner_box = QComboBox(self)
        self.owner_box.setObjectName("taskOwner")
        for person in people:
            self.owner_box.addItem(person.name, person.id)
        if me is not None and self.owner_box.findData(me) >= 0:
            self.owner_box.setCurrentIndex(self.owner_box.findData(me))
        form.addRow(self.tr("For"), self.owner_box)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setObjectName("taskNote")
        self.note_edit.setFixedHeight(70)
        form.addRow(self.tr("Note"), self.note_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.title_edit.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.title_edit.text().strip()))

    def data(self) -> TaskData:
        local = self.due_edit.dateTime().toPython()
        assert isinstance(local, dt.datetime)
        return TaskData(
            title=self.title_edit.text(),
            due_at=local.astimezone(),
            priority=self.priority_box.currentData(),
            recurrence=self.repeat_box.currentData(),
            owner_id=self.owner_box.currentData(),
            note=self.note_edit.toPlainText(),
        )


class TasksPage(Page):
    name = "tasks"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock: Callable[[], dt.datetime] = lambda: dt.datetime.now().astimezone()
        self.ask_outcome: Callable[[TaskRow], tuple[str, int | None] | None] = self._ask_outcome
        self.people: list[lookups.Choice] = []

        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.status_box = QComboBox(self)
        self.status_box.setObjectName("tasksStatus")
        self.status_box.addItem(self.tr("Open"), "open")
        self.status_box.addItem(self.tr("Done"), "done")
        self.status_box.addItem(self.tr("All"), "all")
        self.status_box.currentIndexChanged.connect(lambda _i: self.apply_filter())
        bar.addWidget(self.status_box)
        self.scope_box = QComboBox(self)
        self.scope_box.setObjectName("tasksScope")
        self.scope_box.currentIndexChanged.connect(lambda _i: self.apply_filter())
        for box in (self.status_box, self.scope_box):  # long Spanish names shrink, not push
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(5)
        bar.addWidget(self.scope_box)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("tasksCount")
        bar.addStretch(1)
        self.new_button = QPushButton(self.tr("New task…"), self)
        self.new_button.setObjectName("tasksNew")
        self.new_button.clicked.connect(self.new_task)
        bar.addWidget(self.new_button)
        self.done_button = QPushButton(
            self.tr("Done", "button: mark the selected tasks done"), self
        )
        self.done_button.setObjectName("tasksDone")
        self.done_button.clicked.connect(self.complete_selected)
        bar.addWidget(self.done_button)
        self.snooze_button = QPushButton(self.tr("Snooze"), self)
        self.snooze_button.setObjectName("tasksSnooze")
        menu = QMenu(self.snooze_button)
        self.snooze_day = menu.addAction(self.tr("1 day"))
        self.snooze_day.triggered.connect(lambda: self.snooze_selected(1))
        self.snooze_week = menu.addAction(self.tr("1 week"))
        self.snooze_week.triggered.connect(lambda: self.snooze_selected(7))
        self.snooze_button.setMenu(menu)
        bar.addWidget(self.snooze_button)
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.setObjectName("tasksExport")
        self.export_button.setToolTip(self.tr("Save the tasks shown, in this order"))
        self.export_button.clicked.connect(self.export_view)
        self.layout_.addLayout(bar)

        self.model = TaskTableModel(self)
        self.model.loaded.connect(self._show_count)
        self.table = QTableView(self)
        self.table.setObjectName("taskTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for col, width in enumerate((130, 330, 200, 70, 90)):
            header.resizeSection(col, width)
        self.table.doubleClicked.connect(self._open)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        self.layout_.addWidget(self.table, 1)
        bottom = QHBoxLayout()  # under the list: how many, and saving them
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.export_button)
        self.layout_.addLayout(bottom)
        self._enable()

    def title(self) -> str:
        return self.tr("Tasks")

    # ------------------------------------------------------------- context
    def write_controls(self) -> list[QWidget]:
        return [self.new_button, self.done_button, self.snooze_button]

    def set_context(self, db: Database | None, user: UserInfo | None) -> None:
        changed = db is not self.db or user != self.user
        super().set_context(db, user)
        if not changed:
            return
        manager = user is not None and user.role in MANAGERS
        self.scope_box.blockSignals(True)
        self.scope_box.clear()
        self.scope_box.addItem(self.tr("My tasks"), "mine")
        if manager:
            self.scope_box.addItem(self.tr("Everyone's"), "all")
        self.scope_box.blockSignals(False)
        self.scope_box.setVisible(manager)
        self.new_button.setEnabled(db is not None and not db.read_only)
        if db is not None and user is not None:
            self._load_people(db)
        if self.isVisible() or db is None:
            self.apply_filter()
        else:
            self._stale = True  # read when shown: not at start-up behind other pages

    def refresh_data(self) -> None:
        self.model.reload_quietly()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if getattr(self, "_stale", False):
            self._stale = False
            self.apply_filter()

    def _load_people(self, db: Database) -> None:
        def work(_p: Any) -> list[lookups.Choice]:
            with db.session() as s:
                return lookups.users(s)

        Operation(self, work, writes=False).success(self._fill_people).run()

    def _fill_people(self, people: list[lookups.Choice]) -> None:
        self.people = people
        if self.user is None or self.user.role not in MANAGERS:
            return
        self.scope_box.blockSignals(True)
        while self.scope_box.count() > 2:
            self.scope_box.removeItem(2)
        for person in people:
            if person.id != self.user.id:
                self.scope_box.addItem(person.name, person.id)
        self.scope_box.blockSignals(False)

    def apply_filter(self) -> None:
        db, user = self.db, self.user
        if db is None or user is None:
            self.model.set_query(None)
            return
        scope = self.scope_box.currentData() or "mine"
        status = self.status_box.currentData()

        def query(offset: int, limit: int) -> tuple[int, list[TaskRow]]:
            with db.session() as s:
                return tasks.listing(s, user.id, scope, status, offset=offset, limit=limit)

        self.model.set_query(query)

    def ask_export_path(self) -> str | None:
        """Where to export (tests replace this)."""
        return table_export.ask_path(self, self.tr("Export tasks"), self.tr("tasks"))

    @Slot()
    def export_view(self) -> Operation | None:
        """The tasks shown — whose, which status, in the list's order — to a file."""
        db, user = self.db, self.user
        if db is None or user is None:
            return None
        scope = self.scope_box.currentData() or "mine"
        owner = user.id if scope == "mine" else None if scope == "all" else int(scope)
        path = self.ask_export_path()
        if path is None:
            return None
        request = exports.ExportRequest(
            "tasks", owner_id=owner, task_status=self.status_box.currentData()
        )
        return table_export.start(self, db, user, request, path)

    def _show_count(self) -> None:
        self.count_label.setText(self.tr("%n task(s)", "", self.model.total))
        self._enable()

    def _enable(self) -> None:
        row = self.selected()
        writable = self.db is not None and not self.db.read_only
        self.done_button.setEnabled(writable and row is not None and row.status == "open")
        self.snooze_button.setEnabled(writable and row is not None and row.status == "open")

    def selected(self) -> TaskRow | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.model.row_at(indexes[0]) if indexes else None

    def select_task(self, task_id: int) -> bool:
        for r, row in enumerate(self.model.rows):
            if row.id == task_id:
                self.table.selectRow(r)
                return True
        return False

    def _open(self, index: QModelIndex) -> None:
        row = self.model.row_at(index)
        if row is not None and row.customer_id is not None:
            self.openCustomer.emit(row.customer_id)

    # ------------------------------------------------------------- actions
    def _ask_outcome(self, row: TaskRow) -> tuple[str, int | None] | None:
        return ask_outcome(row.title, row.kind, self)

    def new_task(self) -> TaskDialog | None:
        if self.db is None or not self.may_write:
            return None
        dialog = TaskDialog(self.people, self.user.id if self.user else None, self.clock(), self)
        dialog.accepted.connect(lambda: self._create(dialog.data()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _create(self, data: TaskData) -> Operation | None:
        db, user_id = self.db, self.user.id if self.user else None
        if db is None:
            return None
        return (
            Operation(self, lambda _p: tasks.create(db, user_id, data))
            .success(lambda _r: self.model.refresh())
            .run()
        )

    def complete_selected(self) -> Operation | None:
        db, row = self.db, self.selected()
        if db is None or row is None:
            return None
        outcome: str | None = None
        satisfaction: int | None = None
        if row.needs_outcome:
            answer = self.ask_outcome(row)
            if answer is None:
                return None
            outcome, satisfaction = answer
        user_id, now = (self.user.id if self.user else None), self.clock()
        return (
            Operation(
                self,
                lambda _p: tasks.complete(
                    db,
                    user_id,
                    row.id,
                    row.version,
                    outcome=outcome,
                    satisfaction=satisfaction,
                    now=now,
                ),
            )
            .success(lambda _r: self.model.refresh())
            .run()
        )

    def snooze_selected(self, days: int) -> Operation | None:
        db, row = self.db, self.selected()
        if db is None or row is None:
            return None
        user_id, now = (self.user.id if self.user else None), self.clock()
        return (
            Operation(
                self,
                lambda _p: tasks.snooze_for(
                    db, user_id, row.id, days, now, seen_version=row.version
                ),
            )
            .success(lambda _r: self.model.refresh())
            .run()
        )

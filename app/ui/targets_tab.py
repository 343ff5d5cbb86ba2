"""Reports ▸ Targets [销售目标]: pick a month; a grid of salespeople × measures shows each
target, what was done and the share reached (a bar), the office last. Managers change a
target in place (an empty cell clears it), copy last month's and spread a year's target
over its months (``services.targets``); a salesperson sees their own line."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent, QStandardItem
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.models.enums import ProductCategory, Role
from app.services import targets
from app.services.users import UserInfo

from .labels import label
from .models.targets_model import (
    NarrowedModel,
    ShareDelegate,
    TargetsModel,
    amount_text,
    share_text,
)
from .operations import Operation, show_failure

MANAGERS = (Role.ADMIN, Role.MANAGER)


def _narrow(box: QComboBox) -> QComboBox:
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(6)
    return box


def _ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class SpreadDialog(QDialog):
    """Who, which year, which measure, the year's target, and how to spread it."""

    def __init__(
        self, people: list[tuple[int, str]], year: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("spreadDialog")
        self.setWindowTitle(self.tr("Spread a year's target"))
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.person_box = _narrow(QComboBox(self))
        for uid, name in people:
            self.person_box.addItem(name, uid)
        form.addRow(self.tr("Salesperson"), self.person_box)
        self.year_box = QSpinBox(self)
        self.year_box.setRange(2000, 2100)
        self.year_box.setValue(year)
        form.addRow(self.tr("Year"), self.year_box)
        self.measure_box = _narrow(QComboBox(self))
        for key, text in (
            ("sales", self.tr("Sales")),
            ("collections", self.tr("Collections")),
            ("new_customers", self.tr("New customers")),
        ):
            self.measure_box.addItem(text, key)
        form.addRow(self.tr("Measure"), self.measure_box)
        self.total_edit = QLineEdit(self)
        self.total_edit.setObjectName("spreadTotal")
        form.addRow(self.tr("The year's target"), self.total_edit)
        self.how_box = _narrow(QComboBox(self))
        self.how_box.addItem(self.tr("Evenly over the twelve months"), "even")
        self.how_box.addItem(self.tr("Like last year's months"), "last_year")
        form.addRow(self.tr("Spread"), self.how_box)
        note = QLabel(
            self.tr(
                "The twelve months' targets are replaced; they add up to the year's target "
                "exactly. Like last year's months: in proportion to what this salesperson "
                "did in each month a year before (evenly when nothing was done)."
            ),
            self,
        )
        note.setWordWrap(True)
        form.addRow(note)
        form.addRow(_ok_cancel(self))

    def values(self) -> tuple[int, int, str, str, str]:
        return (
            int(self.person_box.currentData()),
            self.year_box.value(),
            str(self.measure_box.currentData()),
            self.total_edit.text().strip(),
            str(self.how_box.currentData()),
        )


class NarrowDialog(QDialog):
    """A target narrowed to a product category (sales) or a customer region."""

    def __init__(
        self, people: list[tuple[int, str]], regions: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("narrowDialog")
        self.setWindowTitle(self.tr("Target by category or region"))
        self.regions = regions
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.person_box = _narrow(QComboBox(self))
        for uid, name in people:
            self.person_box.addItem(name, uid)
        form.addRow(self.tr("Salesperson"), self.person_box)
        self.by_box = _narrow(QComboBox(self))
        self.by_box.addItem(self.tr("Product category"), "category")
        self.by_box.addItem(self.tr("Region"), "region")
        form.addRow(self.tr("By"), self.by_box)
        self.which_box = _narrow(QComboBox(self))
        self.which_box.setObjectName("narrowWhich")
        form.addRow(self.tr("Which"), self.which_box)
        self.measure_box = _narrow(QComboBox(self))
        form.addRow(self.tr("Measure"), self.measure_box)
        self.target_edit = QLineEdit(self)
        self.target_edit.setObjectName("narrowTarget")
        form.addRow(self.tr("Target"), self.target_edit)
        form.addRow(_ok_cancel(self))
        self.by_box.currentIndexChanged.connect(lambda _i: self._fill())
        self._fill()

    def _fill(self) -> None:
        by = self.by_box.currentData()
        self.which_box.clear()
        self.which_box.setEditable(by == "region")
        self.measure_box.clear()
        measures = [("sales", self.tr("Sales"))]
        if by == "category":
            for c in ProductCategory:
                self.which_box.addItem(label(c.value), c.value)
        else:
            for r in self.regions:
                self.which_box.addItem(r, r)
            measures += [
                ("collections", self.tr("Collections")),
                ("new_customers", self.tr("New customers")),
            ]
        for key, text in measures:
            self.measure_box.addItem(text, key)

    def values(self) -> tuple[int, str, str, str, str]:
        by = str(self.by_box.currentData())
        which = self.which_box.currentText() if by == "region" else self.which_box.currentData()
        return (
            int(self.person_box.currentData()),
            str(self.measure_box.currentData()),
            by,
            str(which or "").strip(),
            self.target_edit.text().strip(),
        )


class TargetsTab(QWidget):
    loaded = Signal()
    saved = Signal()
    """A change (an edit, a copy, a spread) was written."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("targetsTab")
        self.db: Database | None = None
        self.user: UserInfo | None = None
        self.today: dt.date | None = None
        """Fixed day for tests; None: the real date."""
        self.progress: targets.Progress | None = None
        self.load_operation: Operation | None = None
        self.ask_spread = self._ask_spread
        self.ask_narrow = self._ask_narrow
        """Asks for a narrowed target's values (a tuple) or None; tests replace it."""
        self.regions: list[str] = []
        """Asks for the spread's values (a tuple) or None; tests replace it."""
        self._stale = True
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Month"), self))
        self.month_edit = QDateEdit(self)
        self.month_edit.setObjectName("targetsMonth")
        self.month_edit.setDisplayFormat("yyyy-MM")
        self.month_edit.setCalendarPopup(False)
        self.month_edit.setDate(QDate(dt.date.today().replace(day=1)))
        self.month_edit.setMaximumWidth(120)
        bar.addWidget(self.month_edit)
        self.copy_button = QPushButton(self.tr("Copy last month"), self)
        self.copy_button.setObjectName("targetsCopy")
        self.copy_button.setToolTip(
            self.tr("Last month's targets for this month; targets already set here stay.")
        )
        self.copy_button.clicked.connect(self.copy_last_month)
        bar.addWidget(self.copy_button)
        self.spread_button = QPushButton(self.tr("Spread a year…"), self)
        self.spread_button.setObjectName("targetsSpread")
        self.spread_button.clicked.connect(self.spread_year)
        bar.addWidget(self.spread_button)
        bar.addStretch(1)
        column.addLayout(bar)
        self.model = TargetsModel(self)
        self.model.targetEdited.connect(self.save_target)
        self.view = QTableView(self)
        self.view.setObjectName("targetsView")
        self.view.setModel(self.model)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setHighlightSections(False)
        self.view.setWordWrap(False)
        self.delegate = ShareDelegate(self.view)
        for c in (3, 6, 9):
            self.view.setItemDelegateForColumn(c, self.delegate)
        column.addWidget(self.view, 2)
        narrow_bar = QHBoxLayout()
        self.narrow_label = QLabel(self.tr("By product category or region"), self)
        self.narrow_label.setWordWrap(True)
        narrow_bar.addWidget(self.narrow_label, 1)
        self.narrow_button = QPushButton(self.tr("Add by category or region…"), self)
        self.narrow_button.setObjectName("targetsNarrowAdd")
        self.narrow_button.clicked.connect(self.add_narrowed)
        narrow_bar.addWidget(self.narrow_button)
        column.addLayout(narrow_bar)
        self.narrowed = NarrowedModel(self)
        self.narrowed.targetEdited.connect(self.save_narrowed)
        self.narrow_view = QTableView(self)
        self.narrow_view.setObjectName("targetsNarrowView")
        self.narrow_view.setModel(self.narrowed)
        self.narrow_view.setEditTriggers(self.view.editTriggers())
        self.narrow_view.verticalHeader().hide()
        self.narrow_view.setAlternatingRowColors(True)
        self.narrow_view.setItemDelegateForColumn(6, self.delegate)
        column.addWidget(self.narrow_view, 1)
        self.status = QLabel(self)
        self.status.setObjectName("targetsStatus")
        self.status.setWordWrap(True)
        column.addWidget(self.status)
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(300)
        self._later.timeout.connect(self.reload)
        self.month_edit.dateChanged.connect(self._month_changed)

    # ------------------------------------------------------------- context
    def manager(self) -> bool:
        return self.user is None or self.user.role in MANAGERS

    def writable(self) -> bool:
        return self.db is not None and not self.db.read_only and self.manager()

    def set_context(self, db: Database | None, user: UserInfo | None) -> None:
        self.db, self.user = db, user
        self.progress = None
        self._stale = True
        for button in (self.copy_button, self.spread_button, self.narrow_button):
            button.setVisible(self.manager())
            button.setEnabled(self.writable())
        if self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _month_changed(self, *_args: Any) -> None:
        if self.db is not None and self.isVisible():
            self._later.start()

    def month(self) -> dt.date:
        return self.month_edit.date().toPython().replace(day=1)  # type: ignore[attr-defined, no-any-return]

    def _day(self) -> dt.date:
        return self.today or dt.date.today()

    # ------------------------------------------------------------- reading
    @Slot()
    def reload(self) -> Operation | None:
        db = self.db
        if db is None:
            return None
        self._stale = False
        uid = self.user.id if self.user else None
        month, day = self.month(), self._day()

        def work(_p: Any) -> tuple[targets.Progress, list[str]]:
            with db.session() as s:
                return targets.progress(s, uid, month, day), targets.regions(s)

        self.load_operation = (
            Operation(self, work, writes=False).success(self._show).failure(self._failed).run()
        )
        return self.load_operation

    def _show(self, result: tuple[targets.Progress, list[str]]) -> None:
        progress, self.regions = result
        self.progress = progress
        self.model.set_progress(progress, editable=self.writable())
        self.view.resizeColumnsToContents()
        self.narrowed.set_progress(progress, editable=self.writable())
        self.narrow_view.resizeColumnsToContents()
        some = self.narrowed.rowCount() > 0
        self.narrow_view.setVisible(some)
        self.narrow_label.setVisible(some or self.manager())
        if progress.month > progress.today:
            pace = self.tr("The month has not begun.")
        elif progress.days_left:
            pace = self.tr(
                "%n day(s) left in the month, today included; a target's tooltip says what "
                "is still needed per day.",
                "",
                progress.days_left,
            )
        else:
            pace = self.tr("The month is over.")
        hint = (
            self.tr("Double-click a target to change it; an empty target clears it.")
            if self.writable()
            else self.tr("Targets are set by a manager.")
        )
        if not any(m.target is not None for p in progress.people for m in p.measures):
            hint = self.tr("No targets set for this month.") + " " + hint
        self.status.setText(f"{pace} {hint}")
        self.loaded.emit()

    def _failed(self, error: BaseException) -> None:
        from app.errors import ClientelaError

        from .errors import error_text

        if isinstance(error, ClientelaError):
            self.status.setText(error_text(error))
        else:
            show_failure(self, error)

    # ------------------------------------------------------------- writing
    def _write(self, work: Any, done: Any = None) -> Operation | None:
        def ok(result: Any) -> None:
            if done is not None:
                done(result)
            self.saved.emit()
            self.reload()

        def failed(error: BaseException) -> None:
            show_failure(self, error)
            self.reload()  # the grid shows what is stored again

        return Operation(self, work).success(ok).failure(failed).run()

    @Slot(int, str, str)
    def save_target(self, who: int, measure: str, text: str) -> Operation | None:
        db = self.db
        if db is None:
            return None
        uid = self.user.id if self.user else None
        month = self.month()
        return self._write(lambda _p: targets.set_target(db, uid, who, month, measure, text))

    @Slot(int, str, str, str, str)
    def save_narrowed(
        self, who: int, measure: str, dimension: str, value: str, text: str
    ) -> Operation | None:
        db = self.db
        if db is None:
            return None
        uid = self.user.id if self.user else None
        month = self.month()
        return self._write(
            lambda _p: targets.set_target(db, uid, who, month, measure, text, dimension, value)
        )

    def _ask_narrow(self) -> tuple[int, str, str, str, str] | None:
        dialog = NarrowDialog(self._people(), self.regions, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.values()

    @Slot()
    def add_narrowed(self) -> Operation | None:
        if self.db is None or not self._people():
            return None
        values = self.ask_narrow()
        if values is None:
            return None
        who, measure, dimension, value, text = values
        return self.save_narrowed(who, measure, dimension, value, text)

    @Slot()
    def copy_last_month(self) -> Operation | None:
        db = self.db
        if db is None:
            return None
        uid = self.user.id if self.user else None
        month = self.month()

        def done(n: int) -> None:
            self.status.setText(self.tr("%n target(s) copied from last month.", "", n))

        return self._write(lambda _p: targets.copy_last_month(db, uid, month), done)

    def _people(self) -> list[tuple[int, str]]:
        lines = self.progress.people if self.progress is not None else []
        return [(p.user_id, p.name) for p in lines if p.user_id is not None]

    def _ask_spread(self) -> tuple[int, int, str, str, str] | None:
        dialog = SpreadDialog(self._people(), self.month().year, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.values()

    @Slot()
    def spread_year(self) -> Operation | None:
        db = self.db
        if db is None or not self._people():
            return None
        values = self.ask_spread()
        if values is None:
            return None
        who, year, measure, total, how = values
        uid = self.user.id if self.user else None
        return self._write(
            lambda _p: targets.spread_year(db, uid, who, year, measure, total, how=how)
        )


# ---------------------------------------------------------------- the salesperson report
def target_headers() -> list[str]:
    """The salesperson report's extra columns for a calendar month."""
    tr = QCoreApplication.translate
    out = []
    for name in (tr("TargetsModel", "Sales"), tr("TargetsModel", "Collections")):
        out += [
            tr("TargetsModel", "%1: target").replace("%1", name),
            tr("TargetsModel", "%1: reached").replace("%1", name),
        ]
    name = tr("TargetsModel", "New customers")
    out += [
        tr("TargetsModel", "%1: target").replace("%1", name),
        tr("TargetsModel", "%1: reached").replace("%1", name),
    ]
    return out


def target_items(aims: dict[str, targets.Measured]) -> list[QStandardItem]:
    items = []
    for key in ("sales", "collections", "new_customers"):
        m = aims.get(key)
        for text in (
            amount_text(key, m.target) if m is not None else "",
            share_text(m.share) if m is not None else "",
        ):
            item = QStandardItem(text)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            items.append(item)
    return items

"""The Targets grid: one row per salesperson (and the office last), for each measure its
target (editable by managers), what was done and the share reached. An edit is only
announced (``targetEdited``); the tab saves it through the service and reads again."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from app.services.targets import MEASURES, Measured, PersonProgress, Progress

from .. import formats

Index = QModelIndex | QPersistentModelIndex
SHARE_ROLE = Qt.ItemDataRole.UserRole + 1
"""The share reached as a float (1.0 = the target), None without a target."""
KINDS = ("target", "actual", "share")


def amount_text(measure: str, value: Decimal | None) -> str:
    if value is None:
        return ""
    if measure == "new_customers":
        return formats.number(value)
    return formats.money(value)


def share_text(share: float | None) -> str:
    return "" if share is None else f"{100 * share:.1f} %"


class _Table(QAbstractTableModel):
    """A flat table with fixed column titles (``headers``) and ``size()`` rows."""

    headers: list[str]

    def size(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.size()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None


class TargetsModel(_Table):
    targetEdited = Signal(int, str, str)
    """A salesperson's id, the measure and the target as typed ("" clears it)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lines: list[PersonProgress] = []
        self.editable = False
        self.pending: dict[tuple[int, int], str] = {}
        names = {
            "sales": self.tr("Sales"),
            "collections": self.tr("Collections"),
            "new_customers": self.tr("New customers"),
        }
        self.headers = [self.tr("Salesperson")]
        for m in MEASURES:
            self.headers += [
                self.tr("%1: target").replace("%1", names[m.value]),
                self.tr("%1: so far").replace("%1", names[m.value]),
                self.tr("%1: reached").replace("%1", names[m.value]),
            ]

    def set_progress(self, progress: Progress | None, *, editable: bool) -> None:
        self.beginResetModel()
        self.lines = list(progress.people) if progress is not None else []
        if progress is not None and progress.office is not None:
            self.lines.append(progress.office)
        self.editable = editable
        self.pending = {}
        self.endResetModel()

    def size(self) -> int:
        return len(self.lines)

    def cell(self, row: int, column: int) -> tuple[PersonProgress, Measured | None, str]:
        """The line, the measure of the column (None for the name) and what of it."""
        line = self.lines[row]
        if column == 0:
            return line, None, "name"
        measure = MEASURES[(column - 1) // 3].value
        return line, line.main(measure), KINDS[(column - 1) % 3]

    def is_target(self, index: Index) -> bool:
        return (
            index.isValid()
            and index.column() > 0
            and (index.column() - 1) % 3 == 0
            and self.lines[index.row()].user_id is not None
        )

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable and self.is_target(index):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # ------------------------------------------------------------- reading
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.lines):
            return None
        line, m, kind = self.cell(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if kind == "name":
                return line.name if line.user_id is not None else self.tr("Office")
            key = (index.row(), index.column())
            if key in self.pending:
                return self.pending[key]
            if m is None:
                return ""
            if kind == "target":
                return amount_text(m.measure, m.target)
            if kind == "actual":
                return amount_text(m.measure, m.actual)
            return share_text(m.share)
        if role == Qt.ItemDataRole.EditRole:
            if kind != "target" or m is None:
                return None
            return self.pending.get(
                (index.row(), index.column()), "" if m.target is None else str(m.target)
            )
        if role == SHARE_ROLE:
            return m.share if m is not None and kind == "share" else None
        if role == Qt.ItemDataRole.ToolTipRole and m is not None and m.per_day is not None:
            needed = (
                formats.number(m.per_day, 1)
                if m.measure == "new_customers"
                else formats.money(m.per_day)
            )
            return self.tr("%1 still needed per day left").replace("%1", needed)
        if role == Qt.ItemDataRole.TextAlignmentRole and kind != "name":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and line.user_id is None:
            font = QFont()
            font.setBold(True)
            return font
        return None

    # ------------------------------------------------------------- editing
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.editable and self.is_target(index)):
            return False
        text = "" if value is None else str(value).strip()
        if text == (self.data(index, Qt.ItemDataRole.EditRole) or ""):
            return False
        line, m, _ = self.cell(index.row(), index.column())
        assert line.user_id is not None and m is not None
        self.pending[(index.row(), index.column())] = text
        self.dataChanged.emit(index, index)
        self.targetEdited.emit(line.user_id, m.measure, text)
        return True


class ShareDelegate(QStyledItemDelegate):
    """The share reached drawn as a bar behind its percentage (full, and green, from
    100 %), the text in the table's own colour so it reads on any part of the bar."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        share = index.data(SHARE_ROLE)
        if share is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # type: ignore[attr-defined]
        widget = opt.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = QRect(opt.rect).adjusted(3, 4, -3, -4)  # type: ignore[attr-defined]
        painter.save()
        painter.fillRect(rect, QColor("#e9edf2"))
        filled = QRect(rect)
        filled.setWidth(round(rect.width() * max(0.0, min(1.0, share))))
        painter.fillRect(filled, QColor("#8fd19e") if share >= 1 else QColor("#9cc3ee"))
        painter.setPen(QColor("#1f1f1f"))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), share_text(share))
        painter.restore()


class NarrowedModel(_Table):
    """The targets narrowed to a product category or a customer region, one row each:
    salesperson, measure, by, which, target (editable by managers), so far, reached."""

    targetEdited = Signal(int, str, str, str, str)
    """Salesperson's id, measure, dimension, its value, and the target as typed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[PersonProgress, Measured]] = []
        self.editable = False
        self.pending: dict[int, str] = {}
        self.headers = [
            self.tr("Salesperson"),
            self.tr("Measure"),
            self.tr("By"),
            self.tr("Which"),
            self.tr("Target"),
            self.tr("So far"),
            self.tr("Reached"),
        ]

    def set_progress(self, progress: Progress | None, *, editable: bool) -> None:
        self.beginResetModel()
        people = progress.people if progress is not None else []
        self.rows = [(p, m) for p in people for m in p.measures if m.dimension]
        self.editable = editable
        self.pending = {}
        self.endResetModel()

    def size(self) -> int:
        return len(self.rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable and index.column() == 4:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def _names(self) -> dict[str, str]:
        return {
            "sales": self.tr("Sales"),
            "collections": self.tr("Collections"),
            "new_customers": self.tr("New customers"),
            "category": self.tr("Product category"),
            "region": self.tr("Region"),
        }

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        person, m = self.rows[index.row()]
        c = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if c == 4 and index.row() in self.pending:
                return self.pending[index.row()]
            names = self._names()
            which = m.dimension_value
            if m.dimension == "category":
                from ..labels import label

                which = label(which)
            values = (
                person.name,
                names[m.measure],
                names[m.dimension],
                which,
                amount_text(m.measure, m.target),
                amount_text(m.measure, m.actual),
                share_text(m.share),
            )
            return values[c]
        if role == Qt.ItemDataRole.EditRole and c == 4:
            return self.pending.get(index.row(), "" if m.target is None else str(m.target))
        if role == SHARE_ROLE and c == 6:
            return m.share
        if role == Qt.ItemDataRole.TextAlignmentRole and c >= 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self.editable or index.column() != 4:
            return False
        if not 0 <= index.row() < len(self.rows):
            return False
        text = "" if value is None else str(value).strip()
        if text == (self.data(index, Qt.ItemDataRole.EditRole) or ""):
            return False
        person, m = self.rows[index.row()]
        assert person.user_id is not None
        self.pending[index.row()] = text
        self.dataChanged.emit(index, index)
        self.targetEdited.emit(person.user_id, m.measure, m.dimension, m.dimension_value, text)
        return True

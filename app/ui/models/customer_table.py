"""The customers table as a Qt model over SQL windows.

Rows are fetched a page at a time in a read worker, cached (a bounded number of pages),
and shown as they arrive; the UI thread never runs a query. Sorting and filtering reset
the model and are done by the database. The first pages come by OFFSET, which is quick
near the top; meanwhile the list's ids (8 bytes a customer) are fetched, and from then
on any page, however deep, is one primary-key lookup.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.db import Database
from app.services import customer_list
from app.services.customer_list import LIST_COLUMNS as COLUMNS
from app.services.customer_list import CustomerFilter
from app.services.validation import display_phone

from .. import formats
from ..labels import label
from ..operations import Operation
from ..segment_labels import rfm_label, tier_label

PAGE = 200
MAX_PAGES = 50
ENUM_COLUMNS = {"kind", "source", "lifecycle", "membership_level"}

Index = QModelIndex | QPersistentModelIndex


class CustomerTableModel(QAbstractTableModel):
    countChanged = Signal(int)
    pageLoaded = Signal(int)

    def __init__(self, db: Database | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._user_id: int | None = None
        """Whose customers (app.services.access); None: the program itself."""
        self._filter = CustomerFilter()
        self._sort = "name"
        self._descending = False
        self._count = 0
        self._pages: OrderedDict[int, list[dict[str, Any]]] = OrderedDict()
        self._pending: set[int] = set()
        self._ids: Any = None
        self._generation = 0
        self._titles = {
            "number": self.tr("Number"),
            "name": self.tr("Name"),
            "kind": self.tr("Kind"),
            "phone": self.tr("Phone"),
            "email": self.tr("Email"),
            "city": self.tr("City"),
            "district": self.tr("District"),
            "owner": self.tr("Owner"),
            "source": self.tr("Source"),
            "lifecycle": self.tr("Lifecycle"),
            "membership_level": self.tr("Level"),
            "category": self.tr("Category"),
            "created_at": self.tr("Created"),
            "plates": self.tr("Plates"),
            "abc_class": self.tr("Class"),
            "rfm_segment": self.tr("RFM segment"),
            "key_score": self.tr("Key score"),
            "tier": self.tr("Tier"),
        }
        self.loading = False
        self.refresh()

    # ------------------------------------------------------------------ state
    def set_database(self, db: Database | None, user_id: int | None = None) -> None:
        self._db = db
        self._user_id = user_id
        self.refresh()

    def set_filter(self, flt: CustomerFilter) -> None:
        if flt != self._filter:
            self._filter = flt
            self.refresh()

    def current_filter(self) -> CustomerFilter:
        return self._filter

    def refresh(self) -> None:
        """Count again and drop every cached page (after a filter, sort or change)."""
        self.beginResetModel()
        self._generation += 1
        self._pages.clear()
        self._pending.clear()
        self._ids = None
        self._count = 0
        self.endResetModel()
        if self._db is None:
            return
        generation, db, flt, uid = self._generation, self._db, self._filter, self._user_id
        self.loading = True

        def work(_progress: Any) -> int:
            with db.session() as s:
                return customer_list.count(s, flt, uid)

        Operation(self, work, writes=False).success(lambda n: self._counted(generation, n)).run()

    def reload_quietly(self) -> Operation | None:
        """Someone saved something: count again and read the cached pages again, showing
        the old rows until the new ones arrive. No reset, so the scroll position and the
        selection stay where the person left them."""
        if self._db is None or self.loading:
            return None
        self._generation += 1
        generation, db, uid = self._generation, self._db, self._user_id
        flt, sort, desc = self._filter, self._sort, self._descending
        cached = list(self._pages)

        def work(_progress: Any) -> tuple[int, Any, dict[int, list[dict[str, Any]]]]:
            with db.session() as s:
                count = customer_list.count(s, flt, uid)
                if count <= PAGE:
                    first = customer_list.page(s, flt, sort, desc, 0, PAGE, uid)
                    return count, None, {0: first}
                ids = customer_list.ids(s, flt, sort, desc, uid)
                return (
                    count,
                    ids,
                    {n: customer_list.rows(s, ids[n * PAGE : (n + 1) * PAGE]) for n in cached},
                )

        return (
            Operation(self, work, writes=False)
            .success(lambda result: self._reloaded(generation, *result))
            .run()
        )

    def _reloaded(
        self, generation: int, count: int, ids: Any, pages: dict[int, list[dict[str, Any]]]
    ) -> None:
        if generation != self._generation:
            return
        old = self._count
        if count > old:
            self.beginInsertRows(QModelIndex(), old, count - 1)
            self._count = count
            self.endInsertRows()
        elif count < old:
            self.beginRemoveRows(QModelIndex(), count, old - 1)
            self._count = count
            self.endRemoveRows()
        self._pages = OrderedDict((n, rows) for n, rows in pages.items() if rows)
        self._pending.clear()
        self._ids = ids if ids is not None and len(ids) == count else None
        if count:
            self.dataChanged.emit(self.index(0, 0), self.index(count - 1, len(COLUMNS) - 1))
        self.countChanged.emit(count)

    def _counted(self, generation: int, count: int) -> None:
        if generation != self._generation:
            return
        self.loading = False
        if count:
            self.beginInsertRows(QModelIndex(), 0, count - 1)
            self._count = count
            self.endInsertRows()
        self.countChanged.emit(count)
        if count > PAGE and self._db is not None:
            db, flt, sort, desc = self._db, self._filter, self._sort, self._descending
            uid = self._user_id
            Operation(self, lambda _p: _id_list(db, flt, sort, desc, uid), writes=False).success(
                lambda found: self._ids_loaded(generation, found)
            ).run()

    def _ids_loaded(self, generation: int, found: Any) -> None:
        if generation == self._generation and len(found) == self._count:
            self._ids = found

    def customer_id(self, row: int) -> int | None:
        record = self._record(row, fetch=False)
        return record["id"] if record else None

    def column_key(self, column: int) -> str:
        return COLUMNS[column].key

    # ------------------------------------------------------------- Qt model
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return self._titles[COLUMNS[section].key]
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < self._count):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        record = self._record(index.row(), fetch=True)
        if record is None:
            return "…" if index.column() == 1 and role == Qt.ItemDataRole.DisplayRole else None
        key = COLUMNS[index.column()].key
        if key == "key_score":
            return _score_text(record)
        if key == "rfm_segment" and record.get("rfm_segment"):
            scores = f"{record['r_score']}{record['f_score']}{record['m_score']}"
            return f"{rfm_label(record['rfm_segment'])} ({scores})"
        if key == "tier":
            return tier_label(record.get("tier")) if record.get("tier") else ""
        return self._display(key, record.get(key))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(COLUMNS)) or not COLUMNS[column].sortable:
            return
        key = COLUMNS[column].key
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) != (self._sort, self._descending):
            self._sort, self._descending = key, descending
            self.refresh()

    # --------------------------------------------------------------- pages
    def _record(self, row: int, fetch: bool) -> dict[str, Any] | None:
        number, offset = divmod(row, PAGE)
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page[offset] if offset < len(page) else None
        if fetch:
            self._fetch(number)
        return None

    def _fetch(self, number: int) -> None:
        if number in self._pending or self._db is None:
            return
        self._pending.add(number)
        generation, db, uid = self._generation, self._db, self._user_id
        flt, sort, desc = self._filter, self._sort, self._descending
        window = self._ids[number * PAGE : (number + 1) * PAGE] if self._ids is not None else None

        def work(_progress: Any) -> list[dict[str, Any]]:
            with db.session() as s:
                if window is not None:
                    return customer_list.rows(s, window)
                return customer_list.page(s, flt, sort, desc, number * PAGE, PAGE, uid)

        Operation(self, work, writes=False).success(
            lambda rows: self._loaded(generation, number, rows)
        ).run()

    def _loaded(self, generation: int, number: int, rows: list[dict[str, Any]]) -> None:
        if generation != self._generation:
            return
        self._pending.discard(number)
        self._pages[number] = rows
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        first = number * PAGE
        last = min(first + len(rows), self._count) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        self.pageLoaded.emit(number)

    def cached_pages(self) -> int:
        return len(self._pages)

    def has_id_list(self) -> bool:
        return self._ids is not None

    def _display(self, key: str, value: Any) -> Any:
        if value is None:
            return ""
        if key in ENUM_COLUMNS:
            return label(value)
        if key == "phone":
            return display_phone(value)
        if key == "created_at" and isinstance(value, dt.datetime):
            return formats.date(formats.local(value).date())
        return value


def _score_text(record: dict[str, Any]) -> str:
    score = record.get("key_score")
    if score is None:
        return ""
    text = QLocale().toString(float(score), "f", 1)
    return f"{text} ★" if record.get("starred") else text


def _id_list(
    db: Database, flt: CustomerFilter, sort: str, desc: bool, user_id: int | None = None
) -> Any:
    with db.session() as s:
        return customer_list.ids(s, flt, sort, desc, user_id)

"""File ▸ Import customers…: pick a file and a sheet, see the first rows, check or change
which column goes into which field, choose what happens to duplicates, then check (dry
run) or import in a worker with progress and Cancel.

The file is read in a worker too (a 100,000-row workbook takes a few seconds); the
preview shows the first rows only, through a table model.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.services import import_mapping, importer
from app.services.import_files import Table, cell_text
from app.services.users import UserInfo

from .operations import Operation

PREVIEW_ROWS = 50
Index = QModelIndex | QPersistentModelIndex
FILE_FILTER = "*.xlsx *.xls *.xlsm *.ods *.csv *.txt"


def field_labels() -> dict[str, str]:
    """The import's fields in the window's language."""

    def tr(text: str) -> str:
        return QCoreApplication.translate("ImportDialog", text)

    return {
        "number": tr("Customer number"),
        "name": tr("Name"),
        "first_name": tr("First name"),
        "last_name": tr("Last name"),
        "company": tr("Company"),
        "kind": tr("Person or company"),
        "phone": tr("Phone"),
        "phone2": tr("Phone 2"),
        "email": tr("Email"),
        "address": tr("Address"),
        "postcode": tr("Postcode"),
        "city": tr("City"),
        "district": tr("District"),
        "region": tr("Province or state"),
        "source": tr("Source"),
        "owner": tr("Owner"),
        "category": tr("Category"),
        "industry": tr("Industry"),
        "membership_card": tr("Card"),
        "membership_level": tr("Level"),
        "birthday": tr("Birthday"),
        "title": tr("Title"),
        "nationality": tr("Nationality"),
        "hometown": tr("Place of origin"),
        "tax_id": tr("Tax ID"),
        "notes": tr("Notes"),
        "plates": tr("Plates"),
        "contact_name": tr("Contact person"),
        "contact_phone": tr("Contact phone"),
        "contact_email": tr("Contact email"),
        "contact_title": tr("Contact title"),
        "order_number": tr("Order number"),
        "order_date": tr("Order date"),
        "order_amount": tr("Order amount"),
        "order_notes": tr("Order notes"),
    }


def _translate_error(template: str) -> str:
    return QCoreApplication.translate("errors", template)


class PreviewModel(QAbstractTableModel):
    """The first rows of the sheet under its header, as text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headers: list[str] = []
        self._rows: list[tuple[int, list[str]]] = []

    def set_table(self, table: Table | None) -> None:
        self.beginResetModel()
        if table is None:
            self._headers, self._rows = [], []
        else:
            self._headers = list(table.headers)
            self._rows = [(n, [cell_text(v) for v in row]) for n, row in table.rows[:PREVIEW_ROWS]]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        cells = self._rows[index.row()][1]
        return cells[index.column()] if index.column() < len(cells) else ""

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return str(self._rows[section][0]) if 0 <= section < len(self._rows) else None


class ImportDialog(QDialog):
    imported = Signal(object)
    """An import went in (the ``ImportResult``); pages showing customers refresh."""

    def __init__(
        self,
        db: Database,
        user: UserInfo | None = None,
        parent: QWidget | None = None,
        path: str | Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import customers"))
        self.db = db
        self.user = user
        self.prepared: importer.Prepared | None = None
        self.saved: list[import_mapping.SavedMapping] = []
        self.combos: list[QComboBox] = []
        self.last_result: importer.ImportResult | None = None
        self.operation: Operation | None = None
        self._labels = field_labels()
        self._build()
        self.resize(980, 720)
        self._set_busy(False)
        if path is not None:
            self.load(path)

    # ------------------------------------------------------------------ build
    def _build(self) -> None:
        outer = QVBoxLayout(self)

        top = QFormLayout()
        file_row = QHBoxLayout()
        self.file_edit = QLineEdit(self)
        self.file_edit.setObjectName("importFile")
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText(self.tr("Choose an Excel or CSV file…"))
        self.choose_button = QPushButton(self.tr("Choose…"), self)
        self.choose_button.setObjectName("importChooseButton")
        self.choose_button.clicked.connect(self.choose_file)
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.choose_button)
        top.addRow(self.tr("File:"), file_row)

        sheet_row = QHBoxLayout()
        self.sheet_box = QComboBox(self)
        self.sheet_box.setObjectName("importSheet")
        self.sheet_box.setMinimumContentsLength(16)
        self.sheet_box.activated.connect(self._sheet_chosen)
        self.header_spin = QSpinBox(self)
        self.header_spin.setObjectName("importHeaderRow")
        self.header_spin.setRange(1, 50)
        self.header_spin.setPrefix(self.tr("header on row "))
        self.header_spin.setToolTip(self.tr("The row that holds the column titles"))
        self.header_spin.valueChanged.connect(self._header_chosen)
        self.info_label = QLabel(self)
        self.info_label.setObjectName("importFileInfo")
        sheet_row.addWidget(self.sheet_box)
        sheet_row.addWidget(self.header_spin)
        sheet_row.addWidget(self.info_label, 1)
        top.addRow(self.tr("Sheet:"), sheet_row)
        outer.addLayout(top)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.preview_model = PreviewModel(self)
        self.preview = QTableView(splitter)
        self.preview.setObjectName("importPreview")
        self.preview.setModel(self.preview_model)
        self.preview.setAlternatingRowColors(True)
        self.preview.horizontalHeader().setDefaultSectionSize(130)
        self.preview.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

        mapping_box = QGroupBox(self.tr("Columns and fields"), splitter)
        mapping_layout = QVBoxLayout(mapping_box)
        saved_row = QHBoxLayout()
        self.saved_box = QComboBox(mapping_box)
        self.saved_box.setObjectName("importSavedMappings")
        self.saved_box.activated.connect(self._saved_chosen)
        self.save_button = QPushButton(self.tr("Save mapping…"), mapping_box)
        self.save_button.setObjectName("importSaveMapping")
        self.save_button.clicked.connect(self.save_mapping)
        saved_row.addWidget(QLabel(self.tr("Saved mappings:"), mapping_box))
        saved_row.addWidget(self.saved_box, 1)
        saved_row.addWidget(self.save_button)
        mapping_layout.addLayout(saved_row)
        self.mapping_area = QScrollArea(mapping_box)
        self.mapping_area.setObjectName("importMappingArea")
        self.mapping_area.setWidgetResizable(True)
        self.mapping_area.setFrameShape(QFrame.Shape.NoFrame)
        self.mapping_widget = QWidget()
        self.mapping_grid = QGridLayout(self.mapping_widget)
        self.mapping_grid.setColumnStretch(2, 1)
        self.mapping_area.setWidget(self.mapping_widget)
        mapping_layout.addWidget(self.mapping_area)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        outer.addWidget(splitter, 1)

        options = QHBoxLayout()
        dup_box = QGroupBox(
            self.tr("A customer already there (same number, phone, email or plate)")
        )
        dup_layout = QHBoxLayout(dup_box)
        self.policy_group = QButtonGroup(self)
        self.policy_buttons: dict[str, QRadioButton] = {}
        for key, text in (
            ("skip", self.tr("Skip the row")),
            ("update", self.tr("Update the customer")),
            ("create", self.tr("Create another")),
        ):
            button = QRadioButton(text, dup_box)
            button.setObjectName(f"importPolicy_{key}")
            self.policy_group.addButton(button)
            self.policy_buttons[key] = button
            dup_layout.addWidget(button)
        self.policy_buttons["skip"].setChecked(True)
        options.addWidget(dup_box, 1)
        self.skip_invalid = QCheckBox(self.tr("Import the valid rows, skip invalid ones"), self)
        self.skip_invalid.setObjectName("importSkipInvalid")
        self.skip_invalid.setToolTip(
            self.tr("Without this, one invalid row stops the import and nothing is written")
        )
        options.addWidget(self.skip_invalid)
        outer.addLayout(options)

        self.result_label = QLabel(self)
        self.result_label.setObjectName("importResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.result_label)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.check_button = QPushButton(self.tr("Check"), self)
        self.check_button.setObjectName("importCheckButton")
        self.check_button.setToolTip(self.tr("Check every row without importing"))
        self.check_button.clicked.connect(self.check)
        self.import_button = QPushButton(self.tr("Import"), self)
        self.import_button.setObjectName("importRunButton")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.run_import)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setObjectName("importCloseButton")
        self.close_button.clicked.connect(self.reject)
        for b in (self.check_button, self.import_button, self.close_button):
            buttons.addWidget(b)
        outer.addLayout(buttons)

    # ------------------------------------------------------------------ file
    def ask_file(self) -> str | None:
        """The file to import, from an open dialog (tests replace this)."""
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import customers"),
            "",
            self.tr("Spreadsheets and CSV (%1)").replace("%1", FILE_FILTER)
            + ";;"
            + self.tr("All files (*)"),
        )
        return path or None

    @Slot()
    def choose_file(self) -> None:
        path = self.ask_file()
        if path:
            self.load(path)

    def load(
        self, path: str | Path, sheet: str | None = None, header_row: int | None = None
    ) -> Operation:
        """Open the file (and sheet; the header found, or on ``header_row``) in a worker,
        then show it."""
        db = self.db

        def work(_progress: Any) -> tuple[importer.Prepared, list[import_mapping.SavedMapping]]:
            prepared = importer.prepare(db, path, sheet, header_row=header_row)
            with db.session() as s:
                saved = import_mapping.load_saved(s)
            return prepared, saved

        self.file_edit.setText(str(path))
        self.result_label.setText(self.tr("Reading %1…").replace("%1", Path(path).name))
        self._set_busy(True)
        self.operation = (
            Operation(self, work, writes=False)
            .with_progress(self.tr("Reading %1…").replace("%1", Path(path).name))
            .success(self._loaded)
            .failure(self._failed)
            .run()
        )
        return self.operation

    def _loaded(self, result: tuple[importer.Prepared, list[import_mapping.SavedMapping]]) -> None:
        prepared, saved = result
        self.prepared = prepared
        self.saved = saved
        source, table = prepared.source, prepared.table
        self.sheet_box.clear()
        for info in source.sheets:
            text = info.name if info.visible else self.tr("%1 (hidden)").replace("%1", info.name)
            self.sheet_box.addItem(text, info.name)
        self.sheet_box.setCurrentIndex(max(0, self.sheet_box.findData(table.sheet)))
        fmt = source.format.upper() + (f", {source.encoding}" if source.encoding else "")
        self.header_spin.blockSignals(True)
        self.header_spin.setValue(table.header_rows[0])
        self.header_spin.blockSignals(False)
        second = (
            self.tr("and %1 · ").replace("%1", str(table.header_rows[1]))
            if len(table.header_rows) > 1
            else ""
        )
        self.info_label.setText(
            second + self.tr("%1 · %n row(s) of data", "", len(table.rows)).replace("%1", fmt)
        )
        self.preview_model.set_table(table)
        self.preview.resizeColumnsToContents()
        header = self.preview.horizontalHeader()
        for col in range(self.preview_model.columnCount()):
            header.resizeSection(col, min(max(header.sectionSize(col), 80), 260))
        self._fill_saved(prepared.mapping_name)
        self._fill_mapping(table, prepared.mapping)
        self.result_label.setText("")
        self._set_busy(False)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.prepared = None
        self.preview_model.set_table(None)
        self._fill_mapping(None, {})
        self.result_label.setText(self._error_text(error))

    def _error_text(self, error: BaseException) -> str:
        from . import errors

        if isinstance(error, importer.ClientelaError):
            return errors.error_text(error)
        errors.report_exception(error)
        return errors.summary(error)

    @Slot(int)
    def _sheet_chosen(self, index: int) -> None:
        name = self.sheet_box.itemData(index)
        if self.prepared is not None and name and name != self.prepared.table.sheet:
            self.load(self.prepared.source.path, name)

    @Slot(int)
    def _header_chosen(self, row: int) -> None:
        if self.prepared is not None and row != self.prepared.table.header_rows[0]:
            self.load(self.prepared.source.path, self.prepared.table.sheet, header_row=row)

    # ------------------------------------------------------------------ mapping
    def _fill_mapping(self, table: Table | None, mapping: dict[int, str]) -> None:
        while self.mapping_grid.count():
            item = self.mapping_grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        self.combos = []
        if table is None:
            return
        grid = self.mapping_grid
        grid.addWidget(self._bold(self.tr("Column in the file")), 0, 0)
        grid.addWidget(self._bold(self.tr("Goes into")), 0, 1)
        grid.addWidget(self._bold(self.tr("First value")), 0, 2)
        first = next(iter(table.rows), (0, []))[1]
        for col, header in enumerate(table.headers):
            label = QLabel(header, self.mapping_widget)
            label.setObjectName(f"importColumn_{col}")
            combo = QComboBox(self.mapping_widget)
            combo.setObjectName(f"importMap_{col}")
            combo.addItem(self.tr("(ignore)"), None)
            for key, text in self._labels.items():
                combo.addItem(text, key)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(col))))
            combo.currentIndexChanged.connect(self._mapping_edited)
            sample = cell_text(first[col]) if col < len(first) else ""
            value = QLabel(sample[:60], self.mapping_widget)
            value.setObjectName(f"importSample_{col}")
            value.setStyleSheet("color: palette(mid);")
            grid.addWidget(label, col + 1, 0)
            grid.addWidget(combo, col + 1, 1)
            grid.addWidget(value, col + 1, 2)
            self.combos.append(combo)
        grid.setRowStretch(len(table.headers) + 1, 1)

    def _bold(self, text: str) -> QLabel:
        label = QLabel(text, self.mapping_widget)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def mapping(self) -> dict[int, str]:
        """The mapping as the combos show it."""
        return {i: c.currentData() for i, c in enumerate(self.combos) if c.currentData()}

    def set_mapping(self, column: int, field: str | None) -> None:
        combo = self.combos[column]
        combo.setCurrentIndex(max(0, combo.findData(field)))

    @Slot()
    def _mapping_edited(self) -> None:
        self.result_label.setText("")

    def _fill_saved(self, current: str | None) -> None:
        self.saved_box.clear()
        self.saved_box.addItem(self.tr("(guessed from the headers)"), None)
        for m in self.saved:
            self.saved_box.addItem(m.name, m.name)
        self.saved_box.setCurrentIndex(max(0, self.saved_box.findData(current)))

    @Slot(int)
    def _saved_chosen(self, index: int) -> None:
        if self.prepared is None:
            return
        name = self.saved_box.itemData(index)
        table = self.prepared.table
        if name is None:
            mapping = import_mapping.guess(table.header_words)
        else:
            chosen = next(m for m in self.saved if m.name == name)
            mapping = chosen.apply(table.headers)
        for col in range(len(self.combos)):
            self.set_mapping(col, mapping.get(col))

    def ask_mapping_name(self) -> str | None:
        """The name to save the mapping under (tests replace this)."""
        current = self.saved_box.currentData() or (
            Path(self.file_edit.text()).stem if self.file_edit.text() else ""
        )
        name, ok = QInputDialog.getText(
            self, self.tr("Save mapping"), self.tr("Name of the mapping:"), text=current
        )
        return name if ok and name.strip() else None

    @Slot()
    def save_mapping(self) -> Operation | None:
        if self.prepared is None:
            return None
        name = self.ask_mapping_name()
        if not name:
            return None
        db, headers, mapping = self.db, self.prepared.table.headers, self.mapping()
        uid = self.user.id if self.user else None

        def work(_progress: Any) -> list[import_mapping.SavedMapping]:
            import_mapping.save(db, uid, name, headers, mapping)
            with db.session() as s:
                return import_mapping.load_saved(s)

        def saved(result: list[import_mapping.SavedMapping]) -> None:
            self.saved = result
            self._fill_saved(name.strip())
            self.result_label.setText(self.tr("Mapping “%1” saved.").replace("%1", name.strip()))

        self.operation = Operation(self, work).success(saved).run()
        return self.operation

    # ------------------------------------------------------------------ run
    def options(self, dry_run: bool = False) -> importer.ImportOptions:
        policy = next(k for k, b in self.policy_buttons.items() if b.isChecked())
        return importer.ImportOptions(
            on_duplicate=policy, skip_invalid=self.skip_invalid.isChecked(), dry_run=dry_run
        )

    @Slot()
    def check(self) -> Operation | None:
        return self._start(dry_run=True)

    @Slot()
    def run_import(self) -> Operation | None:
        return self._start(dry_run=False)

    def _start(self, dry_run: bool) -> Operation | None:
        if self.prepared is None:
            self.result_label.setText(self.tr("Choose a file first."))
            return None
        mapping = self.mapping()
        db, table = self.db, self.prepared.table
        source = self.prepared.source
        options = self.options(dry_run)
        user_id = self.user.id if self.user else None
        errors_path = importer.default_errors_path(source.path)

        steps = {
            "checking": self.tr("Checking the rows…"),
            "writing": self.tr("Writing the customers…"),
            "indexing": self.tr("Updating the search index…"),
            "done": self.tr("Done"),
        }

        def work(progress: Any) -> importer.ImportResult:
            def report(done: int, total: int, text: str | None) -> None:
                progress.report(done, total, steps.get(text or "", text))

            return importer.import_table(
                db,
                user_id,
                table,
                mapping,
                options,
                file_name=source.path.name,
                errors_path=errors_path,
                progress=report,
                cancelled=lambda: progress.cancelled,
                translate=_translate_error,
            )

        label = self.tr("Checking %1…") if dry_run else self.tr("Importing %1…")
        self._set_busy(True)
        self.result_label.setText("")
        self.operation = (
            Operation(self, work, writes=not dry_run)
            .with_progress(label.replace("%1", source.path.name))
            .success(self._finished)
            .failure(self._failed_run)
            .on_cancel(self._cancelled)
            .run()
        )
        return self.operation

    def _finished(self, result: importer.ImportResult) -> None:
        self._set_busy(False)
        self.last_result = result
        counts = (
            self.tr("created %1, updated %2, skipped %3, rejected %4")
            .replace("%1", str(result.created))
            .replace("%2", str(result.updated))
            .replace("%3", str(result.skipped))
            .replace("%4", str(result.rejected))
        )
        if result.dry_run and result.rejected and not self.skip_invalid.isChecked():
            head = self.tr(
                "Checked, nothing written: %1. The rows with errors would stop the import "
                "unless invalid rows are skipped."
            ).replace("%1", counts)
        elif result.dry_run:
            head = self.tr("Checked, nothing written: %1.").replace("%1", counts)
        elif result.committed:
            head = self.tr("Imported: %1.").replace("%1", counts)
        else:
            head = self.tr("Nothing imported: %n row(s) have errors.", "", result.rejected)
        lines = [head]
        if result.duplicates:
            reasons = {
                "number": self.tr("customer number"),
                "phone": self.tr("phone"),
                "email": self.tr("email"),
                "plate": self.tr("plate"),
            }
            found: dict[str, int] = {}
            for _row, _id, why in result.duplicates:
                found[why] = found.get(why, 0) + 1
            lines.append(
                self.tr("Already there: %1").replace(
                    "%1", ", ".join(f"{n} × {reasons.get(k, k)}" for k, n in found.items())
                )
            )
        for e in result.errors[:5]:
            reason = _translate_error(e.template)
            try:
                reason = reason.format(**e.params) if e.params else reason
            except (KeyError, IndexError, ValueError):
                reason = e.reason
            lines.append(
                self.tr("Row %1, %2: %3")
                .replace("%1", str(e.row))
                .replace("%2", e.column)
                .replace("%3", reason)
            )
        if result.unknown_owners:
            lines.append(
                self.tr("Owners who are no user here (kept in the notes): %1").replace(
                    "%1", ", ".join(result.unknown_owners[:10])
                )
            )
        if result.errors_path is not None:
            lines.append(
                self.tr("All errors are listed in %1").replace("%1", str(result.errors_path))
            )
        self.result_label.setText("\n".join(lines))
        if result.committed:
            self.imported.emit(result)

    def _failed_run(self, error: BaseException) -> None:
        self._set_busy(False)
        self.result_label.setText(self._error_text(error))

    def _cancelled(self) -> None:
        self._set_busy(False)
        self.result_label.setText(self.tr("Cancelled; nothing was written."))

    def _set_busy(self, busy: bool) -> None:
        ready = not busy and self.prepared is not None
        for b in (self.check_button, self.import_button, self.save_button):
            b.setEnabled(ready)
        self.choose_button.setEnabled(not busy)
        self.sheet_box.setEnabled(not busy)
        self.header_spin.setEnabled(ready)
        self.import_button.setEnabled(ready and not self.db.read_only)

    def headers(self) -> Sequence[str]:
        return self.prepared.table.headers if self.prepared else []

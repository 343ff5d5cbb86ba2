"""The deal form: opened by double-clicking a card on the board. Customer (read-only,
with Open customer), pipeline (where the office keeps several: saving a change moves the
deal there through ``services.pipelines.move_to_pipeline``, which maps its stage), title,
amount, probability override (empty: the stage's),
expected close, products and notes, and the deal's activities (read-only).

Ctrl+S saves through ``services.deals.update_deal``; a bad field is marked inline, and
someone else's save in between asks Reload theirs / Keep mine / Cancel, as the
customer form does.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.errors import ConflictError, ValidationError
from app.models import Stage
from app.services import deals, pipelines
from app.services.deals import DealData, DealFile
from app.services.users import UserInfo

from . import conflict_box, errors
from .audit_view import HistoryTab
from .customer_form import Answer
from .customer_form_tabs import format_datetime
from .field_row import add_field_row
from .labels import label
from .operations import Operation, show_failure
from .style import FORM as STYLE

FIELDS = ("pipeline", "title", "amount", "probability", "expected_close", "products", "notes")


class DealForm(QWidget):
    openCustomer = Signal(int)
    saved = Signal(int)
    """The deal (id) was saved: the board reloads."""
    loaded = Signal(int)

    def __init__(
        self, db: Database, user: UserInfo | None, deal_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("DealForm")
        self.setStyleSheet(STYLE)
        self.db = db
        self.user = user
        self.deal_id = deal_id
        self.file: DealFile | None = None
        self.busy = False
        self._note = ""
        """Said again once the form is read back after a save (where a deal moved)."""
        self.ask_conflict = self._ask_conflict
        """Someone else saved first: returns Answer.RELOAD, KEEP_MINE or CANCEL (tests
        replace it)."""
        self._build()
        self.resize(760, 640)
        self.setWindowTitle(self.tr("Deal"))
        self.load()

    # ---------------------------------------------------------------- build
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        header = QHBoxLayout()
        self.customer_label = QLabel(self)
        self.customer_label.setObjectName("headerName")
        self.customer_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_customer_button = QPushButton(self.tr("Open customer"), self)
        self.open_customer_button.setObjectName("openCustomerButton")
        self.open_customer_button.clicked.connect(self._open_customer)
        header.addWidget(self.customer_label, 1)
        header.addWidget(self.open_customer_button)
        layout.addLayout(header)
        self.facts_label = QLabel(self)
        self.facts_label.setObjectName("headerFacts")
        layout.addWidget(self.facts_label)

        form = QFormLayout()
        self.form_layout = form
        self.editors: dict[str, QWidget] = {}
        self.pipeline_box = QComboBox(self)
        self.pipeline_box.setObjectName("dealPipeline")
        self.pipeline_box.setMaximumWidth(320)
        self.pipeline_box.setToolTip(
            self.tr("Saving moves the deal to this pipeline, in the stage matching its own")
        )
        self.error_labels: dict[str, QLabel] = {}
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("dealTitle")
        self.title_edit.setMaxLength(200)
        self.amount_edit = QLineEdit(self)
        self.amount_edit.setObjectName("dealAmount")
        self.amount_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount_edit.setMaximumWidth(180)
        self.probability_edit = QLineEdit(self)
        self.probability_edit.setObjectName("dealProbability")
        self.probability_edit.setMaximumWidth(180)
        self.close_check = QCheckBox(self)
        self.close_check.setObjectName("dealHasClose")
        self.close_edit = QDateEdit(self)
        self.close_edit.setObjectName("dealClose")
        self.close_edit.setCalendarPopup(True)
        self.close_edit.setDisplayFormat("yyyy-MM-dd")
        self.close_check.toggled.connect(self.close_edit.setEnabled)
        close_row = QHBoxLayout()
        close_row.addWidget(self.close_check)
        close_row.addWidget(self.close_edit)
        close_row.addStretch(1)
        close_box = QWidget(self)
        close_box.setLayout(close_row)
        close_row.setContentsMargins(0, 0, 0, 0)
        self.products_edit = QPlainTextEdit(self)
        self.products_edit.setObjectName("dealProducts")
        self.products_edit.setFixedHeight(56)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setObjectName("dealNotes")
        self.notes_edit.setFixedHeight(80)
        rows: list[tuple[str, str, QWidget, QWidget]] = [
            ("pipeline", self.tr("Pipeline"), self.pipeline_box, self.pipeline_box),
            ("title", self.tr("Title"), self.title_edit, self.title_edit),
            ("amount", self.tr("Amount"), self.amount_edit, self.amount_edit),
            ("probability", self.tr("Probability %"), self.probability_edit, self.probability_edit),
            ("expected_close", self.tr("Expected close"), close_box, self.close_edit),
            ("products", self.tr("Products"), self.products_edit, self.products_edit),
            ("notes", self.tr("Notes"), self.notes_edit, self.notes_edit),
        ]
        for key, text, widget, editor in rows:
            if key == "pipeline":
                self.pipeline_row = form.rowCount()
            if key == "amount":
                self.amount_row = form.rowCount()
            self.error_labels[key] = add_field_row(form, self, key, text, widget)
            self.editors[key] = editor
        layout.addLayout(form)

        self.lower_tabs = QTabWidget(self)
        self.lower_tabs.setObjectName("dealTabs")
        self.lower_tabs.setDocumentMode(True)
        self.activity_model = QStandardItemModel(0, 4, self)
        self.activity_model.setHorizontalHeaderLabels(
            [self.tr("When"), self.tr("Kind"), self.tr("What"), self.tr("By")]
        )
        self.activity_view = QTableView(self.lower_tabs)
        self.activity_view.setObjectName("dealActivities")
        self.activity_view.setModel(self.activity_model)
        self.activity_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.activity_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.activity_view.verticalHeader().hide()
        self.activity_view.horizontalHeader().setStretchLastSection(False)
        self.history = HistoryTab(self.lower_tabs)
        self.lower_tabs.addTab(self.activity_view, self.tr("Activities"))
        self.lower_tabs.addTab(self.history, self.tr("History"))
        self.lower_tabs.currentChanged.connect(self._load_history)
        layout.addWidget(self.lower_tabs, 1)

        bottom = QHBoxLayout()
        self.status = QLabel(self)
        self.status.setObjectName("statusLabel")
        bottom.addWidget(self.status, 1)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setObjectName("closeButton")
        self.close_button.clicked.connect(self.close)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)
        layout.addLayout(bottom)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(self.save)
        self.save_shortcut = shortcut
        self._set_enabled(False)

    def _set_enabled(self, enabled: bool) -> None:
        enabled = enabled and (self.user is None or self.user.may_write)  # not a viewer
        self.save_button.setVisible(self.user is None or self.user.may_write)
        for w in (*self.editors.values(), self.close_check, self.save_button):
            w.setEnabled(enabled)
        if enabled:
            self.close_edit.setEnabled(self.close_check.isChecked())

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        self.save_button.setEnabled(not busy and self.file is not None)
        self.status.setText(text)

    # ----------------------------------------------------------------- load
    def load(self, *, fields: bool = True) -> Operation:
        db, deal_id = self.db, self.deal_id

        user_id = self.user.id if self.user else None

        def work(_progress: Any) -> DealFile | None:
            with db.session() as s:
                return deals.load_deal(s, deal_id, user_id)

        self._set_busy(True, self.tr("Loading…"))
        return (
            Operation(self, work, writes=False)
            .success(lambda f: self._loaded(f, fields))
            .failure(self._failed)
            .run()
        )

    def _load_history(self, *_args: Any) -> Operation | None:
        """The History tab reads the audit log when shown, and after each load while it is."""
        if self.lower_tabs.currentWidget() is not self.history:
            return None
        return self.history.load(self.db, self.user, deal_id=self.deal_id)

    def _loaded(self, f: DealFile | None, fields: bool = True) -> None:
        self._load_history()
        if f is None:
            self.file = None
            self._set_busy(False, self.tr("This deal was deleted."))
            self._set_enabled(False)
            return
        self.file = f
        self.customer_label.setText(f.customer_name)
        self.setWindowTitle(f"{f.title} — {f.customer_name}")
        facts = [
            self.tr("Stage: {stage} ({p} %)").format(stage=f.stage_name, p=f.stage_probability)
        ]
        if f.owner_name:
            facts.append(self.tr("Owner: {name}").format(name=f.owner_name))
        self.facts_label.setText("   ·   ".join(facts))
        self.probability_edit.setPlaceholderText(
            self.tr("the stage's: {p}").format(p=f.stage_probability)
        )
        if fields:
            self.pipeline_box.clear()
            for pid, name in f.pipelines:
                self.pipeline_box.addItem(name, pid)
            self.pipeline_box.setCurrentIndex(max(self.pipeline_box.findData(f.pipeline_id), 0))
            self.form_layout.setRowVisible(self.pipeline_row, len(f.pipelines) > 1)
            self.title_edit.setText(f.title)
            # a user who may not see amounts: no amount row, and saving keeps the amount
            self.form_layout.setRowVisible(self.amount_row, f.amount is not None)
            self.amount_edit.setText("" if f.amount is None else f"{f.amount:.2f}")
            self.probability_edit.setText(
                "" if f.probability_override is None else str(f.probability_override)
            )
            self.close_check.setChecked(f.expected_close is not None)
            if f.expected_close is not None:
                d = f.expected_close
                self.close_edit.setDate(QDate(d.year, d.month, d.day))
            else:
                self.close_edit.setDate(QDate.currentDate())
            self.products_edit.setPlainText(f.products or "")
            self.notes_edit.setPlainText(f.notes or "")
            self._clear_errors()
        self.activity_model.removeRows(0, self.activity_model.rowCount())
        for a in f.activities:
            what = " — ".join(x for x in (a.subject, a.text) if x)
            self.activity_model.appendRow(
                [
                    QStandardItem(format_datetime(a.occurred_at)),
                    QStandardItem(label(a.kind)),
                    QStandardItem(what),
                    QStandardItem(a.user_name or ""),
                ]
            )
        header = self.activity_view.horizontalHeader()
        self.activity_view.resizeColumnsToContents()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self._set_enabled(True)
        self._set_busy(False, self._note)
        self._note = ""
        self.loaded.emit(f.id)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        show_failure(self, error)

    # ----------------------------------------------------------------- save
    def data(self) -> DealData:
        close = None
        if self.close_check.isChecked():
            close = self.close_edit.date().toPython()
        return DealData(
            title=self.title_edit.text(),
            amount=None
            if self.file is not None and self.file.amount is None
            else self.amount_edit.text().replace(" ", "").replace("\u00a0", ""),
            probability=self.probability_edit.text(),
            expected_close=close,  # type: ignore[arg-type]
            products=self.products_edit.toPlainText(),
            notes=self.notes_edit.toPlainText(),
        )

    def _clear_errors(self) -> None:
        for key, error_label in self.error_labels.items():
            error_label.clear()
            error_label.hide()
            self.editors[key].setProperty("invalid", False)
            self.editors[key].style().polish(self.editors[key])

    def show_error(self, field: str | None, text: str) -> None:
        key = field if field in self.error_labels else None
        if key is None:
            self.status.setText(text)
            return
        self.error_labels[key].setText(text)
        self.error_labels[key].show()
        editor = self.editors[key]
        editor.setProperty("invalid", True)
        editor.style().polish(editor)
        editor.setFocus()

    @Slot()
    def save(self) -> Operation | None:
        if self.file is None or self.busy:
            return None
        self._clear_errors()
        data = self.data()
        try:
            deals.validate(data)
        except ValidationError as exc:
            self._show_validation(exc)
            return None
        return self._write(data, self.file.version)

    def _write(self, data: DealData, version: int) -> Operation:
        db, deal_id = self.db, self.deal_id
        uid = self.user.id if self.user else None
        target = self.pipeline_box.currentData()
        if self.file is None or target == self.file.pipeline_id:
            target = None

        def work(_progress: Any) -> tuple[int, str | None]:
            new_version = deals.update_deal(db, uid, deal_id, version, data)
            if target is None:
                return new_version, None
            moved = pipelines.move_to_pipeline(db, uid, deal_id, target, new_version)
            with db.session() as s:
                stage = s.get(Stage, moved.to_stage_id)
                return moved.version, stage.name if stage is not None else None

        self._set_busy(True, self.tr("Saving…"))
        return Operation(self, work).success(self._saved).failure(self._save_failed).run()

    def _saved(self, result: tuple[int, str | None]) -> None:
        _version, stage = result
        if stage is None:
            self._set_busy(False, self.tr("Saved."))
        else:
            self._note = (
                self.tr("Saved, and moved to pipeline %1, stage %2.")
                .replace("%1", self.pipeline_box.currentText())
                .replace("%2", stage)
            )
            self._set_busy(False, self._note)
        self.saved.emit(self.deal_id)
        self.load(fields=True)

    def _save_failed(self, error: BaseException) -> None:
        self._set_busy(False, self.tr("Not saved."))
        if isinstance(error, ValidationError):
            self._show_validation(error)
        elif isinstance(error, ConflictError):
            self._conflict()
        else:
            show_failure(self, error)

    def _show_validation(self, exc: ValidationError) -> None:
        self.status.setText(self.tr("Not saved: please correct the marked field."))
        self.show_error(exc.field, errors.error_text(exc))

    def _conflict(self) -> None:
        answer = self.ask_conflict()
        if answer == Answer.RELOAD:
            self.status.setText(self.tr("Showing their version."))
            self.load(fields=True)
        elif answer == Answer.KEEP_MINE:
            data = self.data()
            db, deal_id = self.db, self.deal_id

            def work(_progress: Any) -> DealFile | None:
                with db.session() as s:
                    return deals.load_deal(s, deal_id)

            def current(f: DealFile | None) -> None:
                self._loaded(f, fields=False)
                if f is not None:
                    self._write(data, f.version)

            self._set_busy(True, self.tr("Saving…"))
            Operation(self, work, writes=False).success(current).failure(self._failed).run()
        else:
            self.status.setText(self.tr("Not saved: someone else saved this deal meanwhile."))

    def _ask_conflict(self) -> Answer:
        box = conflict_box.conflict_box(self, self.tr("Someone else saved this deal meanwhile."))
        return Answer(conflict_box.answer(box))

    @Slot()
    def _open_customer(self) -> None:
        if self.file is not None:
            self.openCustomer.emit(self.file.customer_id)

"""New deal: pick the customer (by the one search: name, phone, plate, card), give a
title, amount, starting stage and expected close. Opened from the pipeline board (the
customer is searched for) and from a customer file (the customer is fixed).

The search and the save run off the UI thread; a bad field is marked inline and the
dialog stays open with everything typed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.errors import ValidationError
from app.services import deals, pipeline, pipelines
from app.services.deals import DealData
from app.services.pipelines import PipelineInfo
from app.services.search import SearchResult, search
from app.services.users import UserInfo

from . import errors
from .field_row import add_field_row
from .operations import Operation, show_failure
from .style import FORM

SEARCH_DELAY_MS = 200


class NewDealDialog(QDialog):
    created = Signal(int)
    """The new deal's id, once saved."""

    def __init__(
        self,
        db: Database,
        user: UserInfo | None,
        parent: QWidget | None = None,
        *,
        customer: tuple[int, str] | None = None,
        pipeline_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("NewDealDialog")
        self.setWindowTitle(self.tr("New deal"))
        self.setMinimumWidth(480)
        self.setStyleSheet(FORM)
        self.db = db
        self.user = user
        self.customer_id: int | None = customer[0] if customer else None
        self._search_op: Operation | None = None
        self._saving = False
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.error_labels: dict[str, QLabel] = {}

        self.customer_edit = QLineEdit(self)
        self.customer_edit.setObjectName("dealCustomerSearch")
        self.customer_edit.setPlaceholderText(self.tr("Name, phone, plate or card…"))
        self.customer_edit.setClearButtonEnabled(True)
        self.customer_list = QListWidget(self)
        self.customer_list.setObjectName("dealCustomerHits")
        self.customer_list.setMaximumHeight(120)
        self.customer_list.currentItemChanged.connect(self._customer_chosen)
        self.customer_label = QLabel(self)
        self.customer_label.setObjectName("dealCustomerName")
        customer_box = QVBoxLayout()
        customer_box.setSpacing(2)
        if customer is not None:
            self.customer_label.setText(customer[1])
            self.customer_edit.hide()
            self.customer_list.hide()
        else:
            self.customer_label.setText(self.tr("No customer chosen yet."))
            customer_box.addWidget(self.customer_edit)
            customer_box.addWidget(self.customer_list)
        customer_box.addWidget(self.customer_label)
        self._row(form, "customer", self.tr("Customer"), customer_box)

        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("newDealTitle")
        self.title_edit.setMaxLength(deals.MAX_TITLE)
        self._row(form, "title", self.tr("Title"), self.title_edit)
        self.amount_edit = QLineEdit(self)
        self.amount_edit.setObjectName("newDealAmount")
        self.amount_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount_edit.setMaximumWidth(180)
        self._row(form, "amount", self.tr("Amount"), self.amount_edit)
        self.wanted_pipeline = pipeline_id
        """The board's pipeline, chosen to begin with (None: the default one)."""
        self.stages_of: dict[int, list[pipeline.StageInfo]] = {}
        self.pipeline_box = QComboBox(self)
        self.pipeline_box.setObjectName("newDealPipeline")
        self.pipeline_box.currentIndexChanged.connect(self._pipeline_chosen)
        self._row(form, "pipeline", self.tr("Pipeline"), self.pipeline_box)
        self.stage_box = QComboBox(self)
        self.stage_box.setObjectName("newDealStage")
        self._row(form, "stage", self.tr("Stage"), self.stage_box)
        self.close_check = QCheckBox(self)
        self.close_check.setObjectName("newDealHasClose")
        self.close_edit = QDateEdit(self)
        self.close_edit.setObjectName("newDealClose")
        self.close_edit.setCalendarPopup(True)
        self.close_edit.setDisplayFormat("yyyy-MM-dd")
        self.close_edit.setDate(QDate.currentDate().addMonths(1))
        self.close_edit.setEnabled(False)
        self.close_check.toggled.connect(self.close_edit.setEnabled)
        close_row = QHBoxLayout()
        close_row.addWidget(self.close_check)
        close_row.addWidget(self.close_edit)
        close_row.addStretch(1)
        self._row(form, "expected_close", self.tr("Expected close"), close_row)
        self.notes_edit = QPlainTextEdit(self)
        self.notes_edit.setObjectName("newDealNotes")
        self.notes_edit.setFixedHeight(64)
        self._row(form, "notes", self.tr("Notes"), self.notes_edit)
        layout.addLayout(form)

        self.status = QLabel(self)
        self.status.setObjectName("statusLabel")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._search)
        self.customer_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self._load_stages()
        (self.title_edit if customer else self.customer_edit).setFocus()

    def _row(self, form: QFormLayout, key: str, text: str, field: QWidget | QLayout) -> None:
        self.error_labels[key] = add_field_row(form, self, key, text, field)

    # ------------------------------------------------------------- loading
    def _load_stages(self) -> None:
        db = self.db

        def work(_progress: Any) -> list[tuple[PipelineInfo, list[pipeline.StageInfo]]]:
            with db.session() as s:
                return [(p, pipeline.stages(s, p.id)) for p in pipelines.pipelines(s)]

        Operation(self, work, writes=False).success(self._fill_pipelines).failure(
            lambda e: show_failure(self, e)
        ).run()

    def _fill_pipelines(self, rows: list[tuple[PipelineInfo, list[pipeline.StageInfo]]]) -> None:
        self.stages_of = {p.id: stages for p, stages in rows}
        self.pipeline_box.blockSignals(True)
        self.pipeline_box.clear()
        for p, _stages in rows:
            self.pipeline_box.addItem(p.name, p.id)
        wanted = self.pipeline_box.findData(self.wanted_pipeline)
        self.pipeline_box.setCurrentIndex(max(wanted, 0))
        self.pipeline_box.blockSignals(False)
        self.pipeline_box.setEnabled(len(rows) > 1)
        self._pipeline_chosen()

    @Slot()
    def _pipeline_chosen(self) -> None:
        self._fill_stages(self.stages_of.get(self.pipeline_box.currentData(), []))

    def _fill_stages(self, rows: list[pipeline.StageInfo]) -> None:
        self.stage_box.clear()
        self.error_labels["stage"].hide()
        for st in rows:
            if not (st.is_won or st.is_lost):
                self.stage_box.addItem(f"{st.name} ({st.probability} %)", st.id)
        if self.stage_box.count() == 0:
            self.show_error(
                "stage", self.tr("The pipeline has no open stage: add one in Settings.")
            )

    @Slot()
    def _search(self) -> None:
        text = self.customer_edit.text().strip()
        if not text:
            self.customer_list.clear()
            return
        if self._search_op is not None and self._search_op.running():
            self._search_timer.start()
            return
        db, uid = self.db, self.user.id if self.user else None

        def work(_progress: Any) -> SearchResult:
            with db.session() as s:
                return search(s, text, limit=20, user_id=uid)

        self._search_op = (
            Operation(self, work, writes=False).success(self._show_hits).failure(lambda _e: None)
        ).run()

    def _show_hits(self, result: SearchResult) -> None:
        if result.query.strip() != self.customer_edit.text().strip():
            self._search_timer.start()
            return
        self.customer_list.blockSignals(True)
        self.customer_list.clear()
        for hit in result.hits:
            extra = " · ".join(x for x in (hit.number, *hit.phones[:1], *hit.plates[:1]) if x)
            item = QListWidgetItem(f"{hit.name}   {extra}", self.customer_list)
            item.setData(Qt.ItemDataRole.UserRole, (hit.id, hit.name))
        self.customer_list.blockSignals(False)
        if not result.hits:
            QListWidgetItem(self.tr("No customer found."), self.customer_list).setFlags(
                Qt.ItemFlag.NoItemFlags
            )
        elif len(result.hits) == 1:
            self.customer_list.setCurrentRow(0)

    @Slot(QListWidgetItem, QListWidgetItem)
    def _customer_chosen(self, item: QListWidgetItem | None, _prev: Any = None) -> None:
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if not value:
            return
        self.customer_id, name = value
        self.customer_label.setText(self.tr("Customer: %1").replace("%1", name))
        self.error_labels["customer"].hide()

    # --------------------------------------------------------------- saving
    def data(self) -> DealData:
        close: dt.date | None = None
        if self.close_check.isChecked():
            close = self.close_edit.date().toPython()  # type: ignore[assignment]
        return DealData(
            title=self.title_edit.text(),
            amount=self.amount_edit.text().replace(" ", "").replace("\u00a0", "") or "0",
            expected_close=close,
            notes=self.notes_edit.toPlainText(),
        )

    def show_error(self, field: str | None, text: str) -> None:
        label = self.error_labels.get(field or "")
        if label is None:
            self.status.setText(text)
            return
        label.setText(text)
        label.show()

    @Slot()
    def save(self) -> Operation | None:
        if self._saving:
            return None
        for label in self.error_labels.values():
            label.hide()
        self.status.clear()
        if self.customer_id is None:
            self.show_error("customer", self.tr("Choose the customer first."))
            self.customer_edit.setFocus()
            return None
        data = self.data()
        try:
            deals.validate(data)
        except ValidationError as exc:
            self.show_error(exc.field, errors.error_text(exc))
            return None
        db, customer_id, stage_id = self.db, self.customer_id, self.stage_box.currentData()
        uid = self.user.id if self.user else None
        self._saving = True
        self.buttons.setEnabled(False)
        self.status.setText(self.tr("Saving…"))
        return (
            Operation(
                self,
                lambda _p: deals.create_deal(db, uid, customer_id, data, stage_id=stage_id),
            )
            .success(self._saved)
            .failure(self._failed)
            .run()
        )

    def _saved(self, deal_id: int) -> None:
        self._saving = False
        self.created.emit(deal_id)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._saving = False
        self.buttons.setEnabled(True)
        self.status.clear()
        if isinstance(error, ValidationError):
            self.show_error(error.field, errors.error_text(error))
        else:
            show_failure(self, error)

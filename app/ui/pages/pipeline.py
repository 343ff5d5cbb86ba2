"""Pipeline: the deal board. Drag a card (or press Ctrl+Left/Right) to move a deal a
stage; won asks the final amount, lost asks why; Ctrl+Z takes the last move back.

Every move is one write operation that saves through ``services.pipeline.move_deal`` and
reads the moved card back in the same trip. Another PC's moves appear when the window's
change watcher sees a write (``refresh_data``), not on a timer of the page's own.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.models import utcnow
from app.models.enums import ReasonCategory
from app.services import lookups, pipelines
from app.services import pipeline as service
from app.services.exports import ExportRequest
from app.services.figures import total as figures_total
from app.services.pipeline import (
    Board,
    BoardFilter,
    Card,
    Forecast,
    LostReasons,
    Moved,
    StageFigures,
    StageInfo,
)
from app.services.pipelines import PipelineInfo
from app.services.users import UserInfo

from .. import formats, settings_store, table_export
from ..deal_form import DealForm
from ..models.deal_column import money_text
from ..new_deal_dialog import NewDealDialog
from ..operations import Operation, show_failure
from ..pipeline_board import PipelineBoard
from .base import Page

FILTER_KEY = "pipeline/filter"
CHOSEN_KEY = "pipeline/chosen"
"""The pipeline the board shows, remembered per user (``/<user id>``)."""
ALL = 0
"""The chooser's "All pipelines": the board asks for one, the Forecast adds them all up."""
PERIODS = ("any", "overdue", "this_month", "next_3_months", "next_6_months")


def period_dates(period: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """Expected-close bounds of a period choice (inclusive)."""
    first = today.replace(day=1)

    def month_end(months_ahead: int) -> dt.date:
        m = first.month - 1 + months_ahead + 1
        return dt.date(first.year + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)

    if period == "overdue":
        return None, today - dt.timedelta(days=1)
    if period == "this_month":
        return first, month_end(0)
    if period == "next_3_months":
        return today, month_end(2)
    if period == "next_6_months":
        return today, month_end(5)
    return None, None


def _decimal(text: str) -> Decimal | None:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() and value >= 0 else None


class LostReasonDialog(QDialog):
    """Why the deal was lost: a category (required) and a few words."""

    def __init__(self, card: Card | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lostReasonDialog")
        self.setWindowTitle(self.tr("Deal lost"))
        form = QFormLayout(self)
        if card is not None:
            form.addRow(QLabel(f"{card.customer_name} — {card.title}", self))
        self.reason_box = QComboBox(self)
        self.reason_box.setObjectName("lostReasonCategory")
        names = {
            ReasonCategory.OURS: self.tr("Our product or service"),
            ReasonCategory.COMPETITOR: self.tr("A competitor's offer"),
            ReasonCategory.CUSTOMER: self.tr("The customer's own reasons"),
        }
        for category in ReasonCategory:
            self.reason_box.addItem(names[category], category)
        self.text_edit = QLineEdit(self)
        self.text_edit.setObjectName("lostReasonText")
        self.text_edit.setMaxLength(2000)
        self.text_edit.setPlaceholderText(self.tr("What happened, in a few words"))
        form.addRow(self.tr("Reason"), self.reason_box)
        form.addRow(self.tr("Details"), self.text_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def category(self) -> ReasonCategory:
        return ReasonCategory(self.reason_box.currentData())

    def text(self) -> str:
        return self.text_edit.text().strip()


class WonAmountDialog(QDialog):
    """The final amount of a won deal, the deal's amount to begin with."""

    def __init__(self, card: Card | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wonAmountDialog")
        self.setWindowTitle(self.tr("Deal won"))
        form = QFormLayout(self)
        if card is not None:
            form.addRow(QLabel(f"{card.customer_name} — {card.title}", self))
        self.amount_edit = QLineEdit(self)
        self.amount_edit.setObjectName("wonAmount")
        if card is not None:
            self.amount_edit.setText(format(card.amount, "f"))
        self.amount_edit.selectAll()
        form.addRow(self.tr("Final amount"), self.amount_edit)
        self.error_label = QLabel(self)
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.hide()
        form.addRow(self.error_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def amount(self) -> Decimal | None:
        return _decimal(self.amount_edit.text())

    @Slot()
    def _check(self) -> None:
        if self.amount() is None:
            self.error_label.setText(self.tr("Give the amount as a number"))
            self.error_label.show()
            return
        self.accept()


class ForecastView(QWidget):
    """Pipeline ▸ Forecast: weighted amount by expected close month and owner, the
    stages' conversion and dwell from the history, lost deals by reason over a period."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pipelineForecast")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        self.forecast_model = QStandardItemModel(self)
        self.stages_model = QStandardItemModel(self)
        self.lost_model = QStandardItemModel(self)
        self.forecast_table = self._table("forecastTable", self.forecast_model)
        self.stages_table = self._table("stageFiguresTable", self.stages_model)
        self.lost_table = self._table("lostReasonsTable", self.lost_model)
        self.lost_period = QComboBox(self)
        self.lost_period.setObjectName("lostReasonsPeriod")
        for days, text in (
            (30, self.tr("Last 30 days")),
            (90, self.tr("Last 90 days")),
            (365, self.tr("Last 12 months")),
        ):
            self.lost_period.addItem(text, days)
        self.lost_period.setCurrentIndex(1)
        layout.addWidget(self._heading(self.tr("Weighted forecast by expected close month")))
        layout.addWidget(self.forecast_table, 3)
        layout.addWidget(self._heading(self.tr("Stages: conversion to the next and days spent")))
        layout.addWidget(self.stages_table, 3)
        row = QHBoxLayout()
        row.addWidget(self._heading(self.tr("Lost deals by reason")))
        row.addWidget(self.lost_period)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.lost_table, 2)

    def _heading(self, text: str) -> QLabel:
        label = QLabel(text, self)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def _table(self, name: str, model: QStandardItemModel) -> QTableView:
        table = QTableView(self)
        table.setObjectName(name)
        table.setModel(model)
        table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.horizontalHeader().setMinimumSectionSize(90)
        table.setAlternatingRowColors(True)
        return table

    @staticmethod
    def _item(value: object, *, number: bool = False) -> QStandardItem:
        item = QStandardItem("" if value is None else str(value))
        if number:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

    def show_figures(
        self,
        forecast: Forecast,
        figures: list[StageFigures],
        lost: LostReasons,
        pipeline_names: dict[int, str] | None = None,
    ) -> None:
        """``pipeline_names`` given (all pipelines): each stage is named with its pipeline."""
        fm = self.forecast_model
        fm.clear()
        fm.setHorizontalHeaderLabels(
            [self.tr("Owner")] + [formats.month(m) for m in forecast.months] + [self.tr("Total")]
        )
        for row in forecast.rows:
            fm.appendRow(
                [self._item(row.owner_name or self.tr("(no owner)"))]
                + [self._item(money_text(v), number=True) for v in row.by_month]
                + [self._item(money_text(row.total), number=True)]
            )
        total = figures_total(forecast.totals)
        fm.appendRow(
            [self._item(self.tr("Total"))]
            + [self._item(money_text(v), number=True) for v in forecast.totals]
            + [self._item(money_text(total), number=True)]
        )
        sm = self.stages_model
        sm.clear()
        sm.setHorizontalHeaderLabels(
            [
                self.tr("Stage"),
                self.tr("Deals"),
                self.tr("Amount"),
                self.tr("Weighted"),
                self.tr("Average days in stage"),
                self.tr("Conversion to next"),
            ]
        )
        for f in figures:
            name = f.stage.name
            if pipeline_names and f.stage.pipeline_id in pipeline_names:
                name = f"{pipeline_names[f.stage.pipeline_id]} ▸ {name}"
            sm.appendRow(
                [
                    self._item(name),
                    self._item(f.count, number=True),
                    self._item(money_text(f.amount), number=True),
                    self._item(money_text(f.weighted), number=True),
                    self._item("—" if f.avg_days is None else f"{f.avg_days:.1f}", number=True),
                    self._item(
                        "—" if f.conversion is None else f"{100 * f.conversion:.1f} %",
                        number=True,
                    ),
                ]
            )
        lm = self.lost_model
        lm.clear()
        lm.setHorizontalHeaderLabels([self.tr("Reason"), self.tr("Deals"), self.tr("Amount")])
        names = {
            ReasonCategory.OURS: self.tr("Our product or service"),
            ReasonCategory.COMPETITOR: self.tr("A competitor's offer"),
            ReasonCategory.CUSTOMER: self.tr("The customer's own reasons"),
            None: self.tr("No reason given"),
        }
        for reason, count in lost.count.items():
            if reason is None and not count:
                continue
            lm.appendRow(
                [
                    self._item(names.get(reason, str(reason))),
                    self._item(count, number=True),
                    self._item(money_text(lost.amount.get(reason, Decimal(0))), number=True),
                ]
            )
        for table in (self.forecast_table, self.stages_table, self.lost_table):
            table.resizeColumnsToContents()


class PipelinePage(Page):
    name = "pipeline"
    boardShown = Signal()
    """A board from the database is on screen (after a load, a move or an undo)."""
    dialogOpened = Signal(QDialog)
    """A lost-reason or won-amount dialog is open (tests answer it through this)."""
    dealMoved = Signal(object)
    """A Moved: a move or an undo was saved."""
    forecastShown = Signal()
    dealFormOpened = Signal(QWidget)
    """A DealForm window was opened (double-click on a card)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.snapshot: Board | None = None
        self.pipelines: list[PipelineInfo] = []
        self._wanted_pipeline: int | None = None
        self.undo_stack: list[Moved] = []
        self.dialog: QDialog | None = None
        self.deal_forms: dict[int, DealForm] = {}
        self._generation = 0
        self._loading = False
        self._moving = 0
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("pipelineTabs")
        self.tabs.setDocumentMode(True)
        board_tab = QWidget(self.tabs)
        board_layout = QVBoxLayout(board_tab)
        board_layout.setContentsMargins(0, 8, 0, 0)
        board_layout.addLayout(self._build_filters())
        self.board = PipelineBoard(board_tab)
        board_layout.addWidget(self.board, 1)
        self.all_hint = QLabel(
            self.tr(
                "The board shows one pipeline at a time: choose one above. "
                "The Forecast tab adds all pipelines up."
            ),
            board_tab,
        )
        self.all_hint.setObjectName("pipelineAllHint")
        self.all_hint.setWordWrap(True)
        self.all_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.all_hint.hide()
        board_layout.addWidget(self.all_hint, 1)
        self.board.moveRequested.connect(self.request_move)
        self.board.cardActivated.connect(self.open_deal)
        self.forecast_view = ForecastView(self.tabs)
        self.forecast_view.lost_period.currentIndexChanged.connect(self.load_forecast)
        corner = QWidget(self.tabs)
        corner_row = QHBoxLayout(corner)
        corner_row.setContentsMargins(0, 0, 0, 2)
        corner_row.addWidget(self.pipeline_box)  # both tabs follow the chosen pipeline
        self.export_button = QPushButton(self.tr("Export…"), corner)
        self.export_button.setObjectName("pipelineExport")
        self.export_button.setToolTip(self.tr("Save the deals on the board, column by column"))
        self.export_button.clicked.connect(self.export_board)
        corner_row.addWidget(self.export_button)
        corner_row.addWidget(self.new_button)
        self.tabs.setCornerWidget(corner, Qt.Corner.TopRightCorner)
        self.tabs.addTab(board_tab, self.tr("Board"))
        self.tabs.addTab(self.forecast_view, self.tr("Forecast"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.layout_.addWidget(self.tabs, 1)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("pipelineStatus")
        self.layout_.addWidget(self.status_label)
        undo = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self)
        undo.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo.activated.connect(self.undo_last)
        self.undo_shortcut = undo
        new = QShortcut(QKeySequence(QKeySequence.StandardKey.New), self)
        new.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new.activated.connect(self.new_deal)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(250)
        self._filter_timer.timeout.connect(self._filters_changed)

    def title(self) -> str:
        return self.tr("Pipeline")

    # -------------------------------------------------------------- filters
    def _build_filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(4)
        self.pipeline_box = QComboBox(self)
        self.pipeline_box.setObjectName("pipelineChooser")
        self.pipeline_box.setToolTip(self.tr("Pipeline"))
        self.pipeline_box.hide()  # shown when the office keeps more than one
        self.owner_box = QComboBox(self)
        self.owner_box.setObjectName("pipelineFilterOwner")
        self.owner_box.addItem(self.tr("All owners"), None)
        self.period_box = QComboBox(self)
        self.period_box.setObjectName("pipelineFilterPeriod")
        names = {
            "any": self.tr("Any close date"),
            "overdue": self.tr("Close date passed"),
            "this_month": self.tr("Closing this month"),
            "next_3_months": self.tr("Closing in 3 months"),
            "next_6_months": self.tr("Closing in 6 months"),
        }
        for key in PERIODS:
            self.period_box.addItem(names[key], key)
        for box in (self.pipeline_box, self.owner_box, self.period_box):  # shrink, do not push
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(4)
        self.pipeline_box.setMinimumContentsLength(7)  # 全部销售流程, a pipeline's name
        self.customer_edit = QLineEdit(self)
        self.customer_edit.setObjectName("pipelineFilterCustomer")
        self.customer_edit.setPlaceholderText(self.tr("Customer"))
        self.customer_edit.setClearButtonEnabled(True)
        self.customer_edit.setMaximumWidth(160)
        self.min_edit = QLineEdit(self)
        self.min_edit.setObjectName("pipelineFilterMin")
        self.min_edit.setPlaceholderText(self.tr("Min. amount"))
        self.min_edit.setMaximumWidth(110)
        self.max_edit = QLineEdit(self)
        self.max_edit.setObjectName("pipelineFilterMax")
        self.max_edit.setPlaceholderText(self.tr("Max. amount"))
        self.max_edit.setMaximumWidth(110)
        self.undo_button = QPushButton(self.tr("Undo move"), self)
        self.undo_button.setObjectName("pipelineUndo")
        self.undo_button.setToolTip(QKeySequence(QKeySequence.StandardKey.Undo).toString())
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo_last)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("pipelineRefresh")
        self.refresh_button.clicked.connect(self.reload)
        self.new_button = QPushButton(self.tr("New deal"), self)
        self.new_button.setObjectName("pipelineNewDeal")
        self.new_button.setToolTip(QKeySequence(QKeySequence.StandardKey.New).toString())
        self.new_button.clicked.connect(self.new_deal)
        for w in (
            self.owner_box,
            self.customer_edit,
            self.period_box,
            self.min_edit,
            self.max_edit,
        ):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.undo_button)
        row.addWidget(self.refresh_button)
        self._restore_filters()
        self.owner_box.currentIndexChanged.connect(self._later)
        self.period_box.currentIndexChanged.connect(self._later)
        self.customer_edit.textChanged.connect(self._later)
        self.min_edit.textChanged.connect(self._later)
        self.max_edit.textChanged.connect(self._later)
        self.pipeline_box.currentIndexChanged.connect(self._pipeline_changed)
        return row

    def _restore_filters(self) -> None:
        s = settings_store.open_settings()
        period = s.value(f"{FILTER_KEY}/period", "any")
        i = self.period_box.findData(period)
        self.period_box.setCurrentIndex(max(i, 0))
        self.customer_edit.setText(str(s.value(f"{FILTER_KEY}/customer", "") or ""))
        self.min_edit.setText(str(s.value(f"{FILTER_KEY}/min", "") or ""))
        self.max_edit.setText(str(s.value(f"{FILTER_KEY}/max", "") or ""))
        owner = s.value(f"{FILTER_KEY}/owner", "")
        self._wanted_owner = int(owner) if str(owner).isdigit() else None

    def _save_filters(self) -> None:
        s = settings_store.open_settings()
        owner = self.owner_box.currentData()
        s.setValue(f"{FILTER_KEY}/owner", "" if owner is None else str(owner))
        s.setValue(f"{FILTER_KEY}/period", self.period_box.currentData())
        s.setValue(f"{FILTER_KEY}/customer", self.customer_edit.text().strip())
        s.setValue(f"{FILTER_KEY}/min", self.min_edit.text().strip())
        s.setValue(f"{FILTER_KEY}/max", self.max_edit.text().strip())
        s.sync()

    @Slot()
    def _later(self) -> None:
        self._filter_timer.start()

    @Slot()
    def _filters_changed(self) -> None:
        self._save_filters()
        self.reload()

    def current_filter(self, today: dt.date | None = None) -> BoardFilter:
        start, end = period_dates(self.period_box.currentData(), today or dt.date.today())
        return BoardFilter(
            owner_id=self.owner_box.currentData(),
            customer_text=self.customer_edit.text().strip() or None,
            close_from=start,
            close_to=end,
            min_amount=_decimal(self.min_edit.text()),
            max_amount=_decimal(self.max_edit.text()),
        )

    # ------------------------------------------------------------- context
    def write_controls(self) -> list[QWidget]:
        return [self.new_button, self.undo_button]

    def set_context(self, db: Database | None, user: UserInfo | None) -> None:
        changed = db is not self.db
        super().set_context(db, user)
        self.board.movable = self.may_write
        money = user is None or user.may_see_financials  # no guessing amounts by filter
        for edit in (self.min_edit, self.max_edit):
            edit.setVisible(money)
            if not money:
                edit.clear()
        if changed:
            self.undo_stack.clear()
            self.undo_button.setEnabled(False)
            self._load_owners()
            self._load_pipelines()
            if self.isVisible():
                self.reload()
            else:
                self._stale = True  # read when shown: not at start-up behind other pages

    def refresh_data(self) -> None:
        if self.isVisible():
            self._load_pipelines()  # added, renamed or deactivated on another PC
        self._auto_refresh()

    # ------------------------------------------------------------ pipelines
    def _chosen_key(self) -> str:
        return f"{CHOSEN_KEY}/{self.user.id if self.user else 0}"

    def _load_pipelines(self) -> None:
        db = self.db
        if db is None:
            return
        if not self.pipelines:
            chosen = settings_store.open_settings().value(self._chosen_key(), "")
            self._wanted_pipeline = int(chosen) if str(chosen).isdigit() else None

        def work(_progress: Any) -> list[PipelineInfo]:
            with db.session() as s:
                return pipelines.pipelines(s)

        Operation(self, work, writes=False).success(self._fill_pipelines).run()

    def _fill_pipelines(self, rows: list[PipelineInfo]) -> None:
        """The chooser lists "All pipelines" and each active one; with one pipeline it
        stays hidden and the board shows that one."""
        if [(p.id, p.name) for p in rows] == [(p.id, p.name) for p in self.pipelines]:
            return
        self.pipelines = rows
        wanted = self.current_pipeline()
        box = self.pipeline_box
        box.blockSignals(True)
        box.clear()
        box.addItem(self.tr("All pipelines"), ALL)
        for p in rows:
            box.addItem(p.name, p.id)
        i = box.findData(wanted) if wanted is not None else -1
        box.setCurrentIndex(i if i >= 0 else min(1, box.count() - 1))
        if len(rows) <= 1 and box.currentData() == ALL:
            box.setCurrentIndex(min(1, box.count() - 1))
        box.blockSignals(False)
        box.setVisible(len(rows) > 1)
        current = box.currentData()
        shown = self.snapshot.pipeline_id if self.snapshot else None
        if current != wanted and not (wanted is None and shown == current):
            self._pipeline_changed()

    def current_pipeline(self) -> int | None:
        """The chosen pipeline's id, ALL, or None (not read yet: the default one)."""
        if self.pipeline_box.count():
            data = self.pipeline_box.currentData()
            return None if data is None else int(data)
        return self._wanted_pipeline

    def choose_pipeline(self, pipeline_id: int) -> None:
        """Show this pipeline (or ALL), as picking it in the chooser does."""
        i = self.pipeline_box.findData(pipeline_id)
        if i >= 0:
            self.pipeline_box.setCurrentIndex(i)

    @Slot()
    def _pipeline_changed(self) -> None:
        chosen = self.current_pipeline()
        s = settings_store.open_settings()
        s.setValue(self._chosen_key(), "" if chosen is None else str(chosen))
        s.sync()
        self.undo_stack.clear()
        self.undo_button.setEnabled(False)
        if not self.isVisible():
            self._stale = True  # read when shown
            return
        if self.tabs.currentWidget() is self.forecast_view:
            self.load_forecast()
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.pipelines:
            self._load_pipelines()  # added or renamed in Settings meanwhile
        if getattr(self, "_stale", False):
            self._stale = False
            self.reload()

    def _load_owners(self) -> None:
        db = self.db
        if db is None:
            return

        def work(_progress: Any) -> list[lookups.Choice]:
            with db.session() as s:
                return lookups.users(s, active_only=False)

        Operation(self, work, writes=False).success(self._fill_owners).run()

    def _fill_owners(self, users: list[lookups.Choice]) -> None:
        wanted = self.owner_box.currentData() or self._wanted_owner
        self.owner_box.blockSignals(True)
        while self.owner_box.count() > 1:
            self.owner_box.removeItem(1)
        for u in users:
            self.owner_box.addItem(u.name, u.id)
        i = self.owner_box.findData(wanted) if wanted is not None else 0
        self.owner_box.setCurrentIndex(max(i, 0))
        self.owner_box.blockSignals(False)
        if self.owner_box.currentData() is not None:
            self.reload()

    # ------------------------------------------------------------ deal form
    @Slot(object)
    def open_deal(self, card: Card) -> DealForm | None:
        return self.open_deal_id(card.id)

    @Slot(int)
    def open_deal_id(self, deal_id: int) -> DealForm | None:
        """Open (or bring up) the deal's form; saving there reloads the board."""
        if self.db is None:
            return None
        form = self.deal_forms.get(deal_id)
        if form is None:
            form = DealForm(self.db, self.user, deal_id, self)
            form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            form.openCustomer.connect(self.openCustomer)
            form.saved.connect(lambda _id: self.reload())
            form.destroyed.connect(lambda *_a, d=deal_id: self.deal_forms.pop(d, None))
            self.deal_forms[deal_id] = form
        form.show()
        form.raise_()
        form.activateWindow()
        self.dealFormOpened.emit(form)
        return form

    @Slot()
    def new_deal(self) -> NewDealDialog | None:
        """The new-deal dialog; the saved deal appears on the board, selected."""
        if self.db is None or self.dialog is not None or not self.may_write:
            return None
        chosen = self.current_pipeline()
        dialog = NewDealDialog(self.db, self.user, self, pipeline_id=chosen or None)
        dialog.created.connect(self._deal_created)
        self._open_dialog(dialog)
        return dialog

    def ask_export_path(self) -> str | None:
        """Where to export (tests replace this)."""
        return table_export.ask_path(self, self.tr("Export deals"), self.tr("deals"))

    @Slot()
    def export_board(self) -> Operation | None:
        """The deals the board shows (its filters), column by column, to a file."""
        if self.db is None:
            return None
        path = self.ask_export_path()
        if path is None:
            return None
        chosen = self.current_pipeline()
        request = ExportRequest(  # ALL: each pipeline's board in turn
            "deals",
            board_filter=self.current_filter(),
            pipeline_id=None
            if chosen == ALL
            else self.snapshot.pipeline_id
            if self.snapshot
            else chosen,
        )
        return table_export.start(self, self.db, self.user, request, path)

    def _deal_created(self, deal_id: int) -> None:
        self.reload(select=deal_id)

    # ---------------------------------------------------------------- load
    @property
    def busy(self) -> bool:
        return self._loading or self._moving > 0

    @Slot()
    def reload(self, select: int | None = None) -> None:
        db = self.db
        if db is None:
            return
        self._generation += 1
        generation = self._generation
        pipeline_id = self.current_pipeline()
        showing_all = pipeline_id == ALL
        self.board.setVisible(not showing_all)
        self.all_hint.setVisible(showing_all)
        if showing_all:
            self.snapshot = None
            self.board.set_board(service.Board(None, [], utcnow()))
            self.status_label.clear()
            self.boardShown.emit()
            return
        f = self.current_filter()
        uid = self.user.id if self.user else None

        def work(_progress: Any) -> Board:
            with db.session() as s:
                return service.board(s, pipeline_id, f, user_id=uid)

        self._loading = True
        Operation(self, work, writes=False).success(
            lambda board: self._show(board, generation, select)
        ).failure(self._load_failed).run()

    def _load_failed(self, error: BaseException) -> None:
        self._loading = False
        show_failure(self, error)

    @Slot()
    def _tab_changed(self) -> None:
        if self.tabs.currentWidget() is self.forecast_view:
            self.load_forecast()

    @Slot()
    def load_forecast(self) -> None:
        db = self.db
        if db is None:
            return
        chosen = self.current_pipeline()
        days = int(self.forecast_view.lost_period.currentData() or 90)
        names = {p.id: p.name for p in self.pipelines} if chosen == ALL else None
        uid = self.user.id if self.user else None

        def work(_progress: Any) -> tuple[Any, ...]:
            now = utcnow()
            with db.session() as s:
                # None: all pipelines; no choice read yet: the default one
                pid = None if chosen == ALL else chosen or service.default_pipeline_id(s)
                since = now - dt.timedelta(days=days)
                return (
                    service.for_user(s, uid, service.forecast(s, pid, user_id=uid)),
                    service.for_user(s, uid, service.stage_figures(s, pid, user_id=uid)),
                    service.for_user(s, uid, service.lost_reasons(s, since, now, pid, user_id=uid)),
                    names,
                )

        Operation(self, work, writes=False).success(self._show_forecast).run()

    def _show_forecast(
        self, result: tuple[Forecast, list[StageFigures], LostReasons, dict[int, str] | None]
    ) -> None:
        self.forecast_view.show_figures(*result)
        self.forecastShown.emit()

    @Slot()
    def _auto_refresh(self) -> None:
        if not self.isVisible() or self.busy or self.dialog is not None:
            return
        if self.tabs.currentWidget() is self.forecast_view:
            self.load_forecast()
        else:
            self.reload()

    def _show(self, board: Board, generation: int, select: int | None = None) -> None:
        self._loading = False
        if generation != self._generation:
            return
        unchanged = self.snapshot is not None and self.snapshot.columns == board.columns
        self.snapshot = board
        if not unchanged:
            self.board.set_board(board)
        if select is not None:
            self.board.select_deal(select)
        open_cols = [c for c in board.columns if c.stage.is_open]
        count = sum(c.count for c in open_cols)
        weighted = figures_total(c.weighted for c in open_cols)
        amount = figures_total(c.amount for c in open_cols)
        money = (
            ""
            if amount is None or weighted is None  # hidden from this user
            else " · "
            + self.tr("amount %1, weighted %2")
            .replace("%1", money_text(amount))
            .replace("%2", money_text(weighted))
        )
        self.status_label.setText(self.tr("%n open deal(s)", "", count) + money)
        self.boardShown.emit()

    def stage(self, stage_id: int) -> StageInfo | None:
        if self.snapshot is None:
            return None
        return next((c.stage for c in self.snapshot.columns if c.stage.id == stage_id), None)

    # ---------------------------------------------------------------- move
    @Slot(int, int, int, int)
    def request_move(self, deal_id: int, version: int, from_stage: int, to_stage: int) -> None:
        """A drop or Ctrl+Left/Right: ask what won and lost need, then move."""
        target = self.stage(to_stage)
        if target is None or from_stage == to_stage or self.dialog is not None:
            return
        if not self.may_write:
            return  # a viewer: nothing moves (drag is off too)
        if self._moving:
            return  # the board shows the deal's old version until the move is saved
        card = self.board.find_card(deal_id)
        if target.is_lost:
            lost = LostReasonDialog(card, self)
            lost.accepted.connect(
                lambda: self.move(
                    deal_id,
                    version,
                    to_stage,
                    reason=lost.category(),
                    reason_text=lost.text(),
                )
            )
            self._open_dialog(lost)
        elif target.is_won:
            won = WonAmountDialog(card, self)
            won.accepted.connect(
                lambda: self.move(deal_id, version, to_stage, won_amount=won.amount())
            )
            self._open_dialog(won)
        else:
            self.move(deal_id, version, to_stage)

    def _open_dialog(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._dialog_closed)
        dialog.open()
        self.dialogOpened.emit(dialog)

    @Slot()
    def _dialog_closed(self) -> None:
        self.dialog = None

    def move(self, deal_id: int, version: int, to_stage: int, **kwargs: Any) -> Operation | None:
        db = self.db
        if db is None:
            return None
        user_id = self.user.id if self.user else None

        def work(_progress: Any) -> tuple[Moved, Card | None]:
            moved = service.move_deal(db, user_id, deal_id, to_stage, version, **kwargs)
            with db.session() as s:
                return moved, service.for_user(s, user_id, service.card(s, deal_id))

        return self._run_move(work, undo=False)

    def _run_move(self, work: Any, *, undo: bool) -> Operation:
        """Save a move (or its undo), then move that one card on the board; the periodic
        refresh brings in whatever else changed meanwhile."""
        self._generation += 1  # a board read started before the move is out of date
        self._moving += 1
        return (
            Operation(self, work)
            .success(lambda result: self._moved(result, undo=undo))
            .failure(self._move_failed)
            .run()
        )

    def _moved(self, result: tuple[Moved, Card | None], *, undo: bool) -> None:
        self._moving -= 1
        moved, new_card = result
        if not undo:
            self.undo_stack.append(moved)
        self.undo_button.setEnabled(bool(self.undo_stack))
        if self.snapshot is not None:
            self._generation += 1
            board = service.moved_board(self.snapshot, new_card, moved.deal_id)
            self._show(board, self._generation, select=moved.deal_id)
        self.dealMoved.emit(moved)

    def _move_failed(self, error: BaseException) -> None:
        self._moving -= 1
        show_failure(self, error)
        self.reload()

    @Slot()
    def undo_last(self) -> Operation | None:
        db = self.db
        if db is None or not self.undo_stack or self._moving:
            return None
        moved = self.undo_stack.pop()
        self.undo_button.setEnabled(bool(self.undo_stack))
        user_id = self.user.id if self.user else None

        def work(_progress: Any) -> tuple[Moved, Card | None]:
            back = service.undo_move(db, user_id, moved)
            with db.session() as s:
                return back, service.for_user(s, user_id, service.card(s, moved.deal_id))

        return self._run_move(work, undo=True)

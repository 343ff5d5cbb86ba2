"""Reports: the dashboard of charts and the salesperson report.

The figures are read off the UI thread (one read operation for the whole dashboard);
the charts are matplotlib figures from ``app.reports.charts`` in ``FigureCanvasQTAgg``
canvases. Clicking a bar or slice reads the customers behind it and shows them on the
Customers page (``customersPicked`` carries the ids too). Right-click a chart to save it
as PNG. "Work out segments" recomputes classes, RFM, stars, tiers and lifecycle.
"""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal
from typing import Any

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QDate, QLocale, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QShowEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.models.enums import Role
from app.reports import charts
from app.services import dashboard, lookups, salespeople, segments
from app.services.dashboard import Dashboard, DashboardFilter, Pick
from app.services.users import UserInfo

from .. import formats
from ..campaigns_tab import CampaignsTab
from ..labels import label
from ..margins_tab import MarginsTab
from ..monthly_tab import MonthlyTab
from ..operations import Operation
from ..satisfaction_tab import SatisfactionTab
from ..segment_labels import class_label, rfm_label
from ..targets_tab import TargetsTab, target_headers, target_items
from .base import Page

CHARTS = (
    "sales",
    "funnel",
    "forecast",
    "segments",
    "activities",
    "new_lost",
    "receivables",
    "loyalty",
)
MANAGERS = (Role.ADMIN, Role.MANAGER)


class ChartView(QFrame):
    """One chart: a canvas over its own figure; right-click saves it as PNG."""

    picked = Signal(object)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setObjectName(f"chart_{name}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.figure = Figure(figsize=(5.2, 3.2), dpi=96, layout="constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setParent(self)
        self.canvas.setMinimumSize(380, 250)
        self.canvas.mpl_connect("pick_event", self._on_pick)
        self.canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.canvas.customContextMenuRequested.connect(self._menu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.canvas)

    def _on_pick(self, event: Any) -> None:
        pick = charts.pick_of(event.artist)
        if pick is not None and getattr(event.mouseevent, "button", 1) == 1:
            self.picked.emit(pick)

    def _menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.addAction(self.tr("Save chart as PNG…"), self.ask_save)
        menu.popup(self.canvas.mapToGlobal(pos))

    def ask_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save chart"), f"{self.name}.png", self.tr("PNG images (*.png)")
        )
        if path:
            self.save(path if path.lower().endswith(".png") else path + ".png")

    def save(self, path: str) -> None:
        self.figure.savefig(path, dpi=144, format="png", facecolor="white")

    def redraw(self) -> None:
        self.canvas.draw_idle()


class ReportsPage(Page):
    name = "reports"
    dashboardShown = Signal()
    """The charts show the figures just read."""
    customersPicked = Signal(object, str)
    """The customer ids behind a clicked bar or slice, and what they are."""
    salespeopleShown = Signal()
    segmentsRecomputed = Signal(object)
    auto_recompute = True
    """Work the segments out by itself when the page finds them missing or from an
    earlier day (once per database a session), as reminders are made once a day."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dashboard: Dashboard | None = None
        self.report: salespeople.ActivityReport | None = None
        self._generation = 0
        self._stale = True
        self._auto_db: Database | None = None
        self.today: dt.date | None = None
        """Fixed day for tests; None: the real date."""
        charts.configure_fonts(_window_cjk_families())
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("reportTabs")
        self.layout_.addWidget(self.tabs, 1)
        self._build_dashboard()
        self._build_salespeople()
        self.monthly_tab = MonthlyTab(self.tabs)
        self.tabs.addTab(self.monthly_tab, self.tr("Monthly workbook"))
        self.satisfaction_tab = SatisfactionTab(self.tabs)
        self.tabs.addTab(self.satisfaction_tab, self.tr("Satisfaction"))
        self.campaigns_tab = CampaignsTab(self.tabs)
        self.tabs.addTab(self.campaigns_tab, self.tr("Campaigns"))
        self.margins_tab = MarginsTab(self.tabs)
        self.tabs.addTab(self.margins_tab, self.tr("Margins"))
        self.targets_tab = TargetsTab(self.tabs)
        self.tabs.addTab(self.targets_tab, self.tr("Targets"))
        self.tabs.currentChanged.connect(lambda _i: self._load_current())

    def title(self) -> str:
        return self.tr("Reports")

    # ------------------------------------------------------------- building
    def _build_dashboard(self) -> None:
        tab = QWidget(self)
        outer = QVBoxLayout(tab)
        outer.setContentsMargins(0, 8, 0, 0)
        bar = QHBoxLayout()
        self.period_box = QComboBox(tab)
        self.period_box.setObjectName("reportPeriod")
        names = {
            "this_month": self.tr("This month"),
            "last_month": self.tr("Last month"),
            "this_quarter": self.tr("This quarter"),
            "this_year": self.tr("This year"),
            "last_12_months": self.tr("Last 12 months"),
            "last_year": self.tr("Last year"),
        }
        for key in dashboard.PERIOD_CHOICES:
            self.period_box.addItem(names[key], key)
        self.period_box.setCurrentIndex(dashboard.PERIOD_CHOICES.index("this_year"))
        self.owner_box = QComboBox(tab)
        self.owner_box.setObjectName("reportOwner")
        self.owner_box.addItem(self.tr("All salespeople"), None)
        self.segmentation_box = QComboBox(tab)
        self.segmentation_box.setObjectName("reportSegmentation")
        self.segmentation_box.addItem(self.tr("80/20 classes"), "abc")
        self.segmentation_box.addItem(self.tr("RFM segments"), "rfm")
        self.refresh_button = QPushButton(self.tr("Refresh"), tab)
        self.refresh_button.setObjectName("reportRefresh")
        self.recompute_button = QPushButton(self.tr("Work out segments"), tab)
        self.recompute_button.setObjectName("reportRecompute")
        self.recompute_button.setToolTip(
            self.tr("Rank customers again: 80/20 classes, RFM, key-account stars, lifecycle")
        )
        self.rules_button = QPushButton(self.tr("Scoring rules…"), tab)
        self.rules_button.setObjectName("reportScoringRules")
        # Two rows, and boxes that shrink: the page fits the window's 760 px minimum.
        for box in (self.period_box, self.owner_box, self.segmentation_box):
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(8)
        for text, widget in (
            (self.tr("Period"), self.period_box),
            (self.tr("Salesperson"), self.owner_box),
        ):
            bar.addWidget(QLabel(text, tab))
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.refresh_button)
        outer.addLayout(bar)
        second = QHBoxLayout()
        second.addWidget(QLabel(self.tr("Share by"), tab))
        second.addWidget(self.segmentation_box)
        second.addStretch(1)
        second.addWidget(self.rules_button)
        second.addWidget(self.recompute_button)
        outer.addLayout(second)
        self.status_label = QLabel("", tab)
        self.status_label.setObjectName("reportStatus")
        self.status_label.setWordWrap(True)
        outer.addWidget(self.status_label)
        scroll = QScrollArea(tab)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        grid_host = QWidget(scroll)
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(8)
        self.views: dict[str, ChartView] = {}
        for i, name in enumerate(CHARTS):
            view = ChartView(name, grid_host)
            view.picked.connect(self.open_pick)
            self.views[name] = view
            grid.addWidget(view, i // 2, i % 2)
        scroll.setWidget(grid_host)
        outer.addWidget(scroll, 1)
        self.tabs.addTab(tab, self.tr("Dashboard"))
        for box in (self.period_box, self.owner_box, self.segmentation_box):
            box.currentIndexChanged.connect(lambda _i: self.reload())
        self.refresh_button.clicked.connect(self.reload)
        self.recompute_button.clicked.connect(self.recompute)
        self.rules_button.clicked.connect(self.edit_rules)

    def _build_salespeople(self) -> None:
        tab = QWidget(self)
        outer = QVBoxLayout(tab)
        outer.setContentsMargins(0, 8, 0, 0)
        bar = QHBoxLayout()
        self.sp_period_box = QComboBox(tab)
        self.sp_period_box.setObjectName("salespeoplePeriod")
        for key, text in (
            ("day", self.tr("Day")),
            ("week", self.tr("Week")),
            ("month", self.tr("Month")),
        ):
            self.sp_period_box.addItem(text, key)
        self.sp_period_box.setCurrentIndex(1)
        self.sp_date = QDateEdit(QDate.currentDate(), tab)
        self.sp_date.setDisplayFormat("yyyy-MM-dd")
        self.sp_date.setObjectName("salespeopleDate")
        self.sp_date.setCalendarPopup(True)
        bar.addWidget(QLabel(self.tr("Period"), tab))
        bar.addWidget(self.sp_period_box)
        bar.addWidget(self.sp_date)
        self.sp_range_label = QLabel("", tab)
        self.sp_range_label.setObjectName("salespeopleRange")
        bar.addWidget(self.sp_range_label)
        bar.addStretch(1)
        outer.addLayout(bar)
        self.sp_model = QStandardItemModel(0, 0, tab)
        self.sp_table = QTableView(tab)
        self.sp_table.setObjectName("salespeopleTable")
        self.sp_table.setModel(self.sp_model)
        self.sp_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sp_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        outer.addWidget(self.sp_table, 2)
        self.sp_chart = ChartView("salespeople", tab)
        outer.addWidget(self.sp_chart, 3)
        self.tabs.addTab(tab, self.tr("Salespeople"))
        self.sp_period_box.currentIndexChanged.connect(lambda _i: self.load_salespeople())
        self.sp_date.dateChanged.connect(lambda _d: self.load_salespeople())

    # ------------------------------------------------------------- context
    def set_context(self, db: Database | None, user: UserInfo | None) -> None:
        changed = db is not self.db or user != self.user
        super().set_context(db, user)
        self.monthly_tab.set_context(db, user)
        self.satisfaction_tab.set_context(db, user)
        self.campaigns_tab.set_context(db, user)
        self.margins_tab.set_context(db, user)
        self.targets_tab.set_context(db, user)
        if not changed:
            return
        writable = db is not None and not db.read_only
        self.recompute_button.setEnabled(writable and self.may_write)
        money = user is None or user.may_see_financials  # reports made only of money
        manager = user is None or user.role in MANAGERS  # the office's workbook
        self.tabs.setTabVisible(self.tabs.indexOf(self.margins_tab), money)
        self.tabs.setTabVisible(self.tabs.indexOf(self.monthly_tab), money and manager)
        self.rules_button.setEnabled(writable and user is not None and user.role in MANAGERS)
        self.dashboard = None
        if db is not None:
            self._load_owners(db)
        if self.isVisible() or db is None:
            self._load_current()
        else:
            self._stale = True  # read when first shown, not at start-up behind other pages

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self._load_current()

    def _load_current(self) -> None:
        if self.tabs.currentWidget() in (
            self.monthly_tab,
            self.satisfaction_tab,
            self.campaigns_tab,
            self.margins_tab,
            self.targets_tab,
        ):
            return  # nothing to read until a workbook is asked for; the tab reads itself
        if self.tabs.currentIndex() == 1:
            self.load_salespeople()
        else:
            self.reload()

    def _load_owners(self, db: Database) -> None:
        def work(_p: Any) -> list[lookups.Choice]:
            with db.session() as s:
                return lookups.users(s)

        Operation(self, work, writes=False).success(self._fill_owners).run()

    def _fill_owners(self, people: list[lookups.Choice]) -> None:
        current = self.owner_box.currentData()
        self.owner_box.blockSignals(True)
        self.owner_box.clear()
        self.owner_box.addItem(self.tr("All salespeople"), None)
        for p in people:
            self.owner_box.addItem(p.name, p.id)
        i = self.owner_box.findData(current)
        self.owner_box.setCurrentIndex(max(i, 0))
        self.owner_box.blockSignals(False)

    def _today(self) -> dt.date:
        return self.today or dt.date.today()

    def current_filter(self) -> DashboardFilter:
        return DashboardFilter(
            period=dashboard.period_choice(self.period_box.currentData(), self._today()),
            owner_id=self.owner_box.currentData(),
            segmentation=self.segmentation_box.currentData(),
        )

    # ------------------------------------------------------------- dashboard
    @Slot()
    def reload(self) -> list[Operation] | None:
        """Read every chart's figures, one read operation per chart (they run side by side
        on the read workers), and draw each chart as its figures arrive."""
        db = self.db
        if db is None:
            self.dashboard = None
            self.status_label.setText(self.tr("No database is open."))
            return None
        self._generation += 1
        generation = self._generation
        f = self.current_filter()
        today = self._today()
        uid = self.user.id if self.user else None
        self._parts: dict[str, Any] = {}
        self._timings: dict[str, float] = {}
        self._computed: dict[str, Any] | None = None
        ops = []
        # The slowest figures first, so the two read workers finish together.
        for name in (
            "receivables",
            "sales",
            "activities",
            "new_lost",
            "forecast",
            "funnel",
            "segments",
            "loyalty",
        ):

            def work(_p: Any, name: str = name) -> tuple[Any, float, dict[str, Any] | None]:
                t = time.perf_counter()
                with db.session() as s:
                    data = dashboard.figure(s, name, f, today, uid)
                    computed = segments.last_computed(s) if name == "segments" else None
                return data, (time.perf_counter() - t) * 1000, computed

            ops.append(
                Operation(self, work, writes=False)
                .success(lambda result, name=name: self._show_one(name, result, generation, f))
                .run()
            )
        return ops

    def _texts(self, matrix: dashboard.ActivityMatrix | None = None) -> dict[str, charts.Texts]:
        locale = QLocale()
        months = {
            str(m): locale.standaloneMonthName(m, QLocale.FormatType.ShortFormat)
            for m in range(1, 13)
        }
        empty = self.tr("No figures for this period")
        hidden = self.tr("Hidden: you may not see financial figures")

        def money(d: Decimal) -> str:
            return locale.toString(float(d), "f", 0)

        year = self.current_filter().period.end.year
        seg = self.segmentation_box.currentData()
        if seg == "abc":
            seg_names = {k: class_label(k) for k in segments.CLASSES}
            seg_title = self.tr("Revenue share by 80/20 class (customers)")
        else:
            seg_names = {k: rfm_label(k) for k in segments.RFM_SEGMENTS}
            seg_title = self.tr("Revenue by RFM segment")
        kinds = {k: label(k) for k in (matrix.kinds if matrix else [])}
        kinds["_other"] = self.tr("Other")
        return {
            "sales": charts.Texts(
                self.tr("Sales by month: this year against last year"),
                [str(year - 1), str(year)],
                months,
                empty,
                money,
                hidden,
            ),
            "funnel": charts.Texts(
                self.tr("Pipeline funnel (open deals)"), empty=empty, money=money
            ),
            "forecast": charts.Texts(
                self.tr("Weighted forecast by expected close month"),
                empty=empty,
                money=money,
                hidden=hidden,
            ),
            "segments": charts.Texts(
                seg_title,
                categories=seg_names,
                empty=self.tr("No segments yet: press “Work out segments”"),
                money=money,
                hidden=hidden,
            ),
            "activities": charts.Texts(
                self.tr("Activities per salesperson"), categories=kinds, empty=empty
            ),
            "new_lost": charts.Texts(
                self.tr("New against lost customers"),
                [self.tr("New"), self.tr("Lost")],
                months,
                empty,
            ),
            "receivables": charts.Texts(
                self.tr("Receivables by age (days; customers above the bars)"),
                categories={
                    "0-30": self.tr("0–30"),
                    "31-60": self.tr("31–60"),
                    "61-90": self.tr("61–90"),
                    "90+": self.tr("over 90"),
                },
                empty=self.tr("Nothing is owed"),
                money=money,
                hidden=hidden,
            ),
        }

    def _show_one(
        self, name: str, result: tuple[Any, float, Any], generation: int, f: DashboardFilter
    ) -> None:
        if generation != self._generation:
            return
        data, ms, computed = result
        self._parts[name] = data
        self._timings[name] = ms
        if name == "segments":
            self._computed = computed
            self._recompute_if_stale(computed)
        texts = self._texts(data if name == "activities" else None)
        draw = {
            "sales": charts.sales_chart,
            "funnel": charts.funnel_chart,
            "forecast": charts.forecast_chart,
            "segments": charts.segment_chart,
            "activities": charts.activities_chart,
            "new_lost": charts.new_lost_chart,
            "receivables": charts.receivables_chart,
            "loyalty": charts.loyalty_chart,
        }[name]
        view = self.views[name]
        text = texts[name] if name != "loyalty" else self._loyalty_texts(data)
        draw(view.figure, data, text)
        view.canvas.draw()
        if len(self._parts) < len(dashboard.FIGURES):
            return
        self.dashboard = dashboard.assemble(f, self._parts, self._timings)
        self.status_label.setText(self._status_text(self.dashboard, self._computed))
        self.dashboardShown.emit()

    def _loyalty_texts(self, data: dashboard.Loyalty) -> charts.Texts:
        kept = data.retention
        if kept.rate is None:
            title = self.tr("Customers lost, by reason")
        else:
            title = self.tr("Retention {0} % ({1} of {2} kept)\nCustomers lost").format(
                QLocale().toString(100 * kept.rate, "f", 1),
                QLocale().toString(kept.kept),
                QLocale().toString(kept.before),
            )
        short = {
            "ours": self.tr("Our side"),
            "competitor": self.tr("Competitor"),
            "customer": self.tr("Customer's reasons"),
            "unknown": self.tr("No reason given"),
            "ended": self.tr("Ended"),
        }
        return charts.Texts(
            title, categories=short, empty=self.tr("No customers lost in this period")
        )

    def _churn_names(self) -> dict[str, str]:
        return {
            "ours": self.tr("Lost: our product or service"),
            "competitor": self.tr("Lost: a competitor's offer"),
            "customer": self.tr("Lost: the customer's own reasons"),
            "unknown": self.tr("Lost: no reason given"),
            "ended": self.tr("Relationship ended"),
        }

    def _status_text(self, data: Dashboard, computed: dict[str, Any] | None) -> str:
        parts = []
        if data.is_empty:
            parts.append(
                self.tr(
                    "Nothing to chart yet: sales, deals and activities appear here once "
                    "they are recorded or imported."
                )
            )
        if computed is None:
            parts.append(self.tr("Segments have not been worked out yet."))
        else:
            parts.append(
                self.tr("Segments worked out for {0} to {1}: {2} customers, {3} starred.").format(
                    computed.get("period_start", ""),
                    computed.get("period_end", ""),
                    QLocale().toString(int(computed.get("customers", 0))),
                    QLocale().toString(int(computed.get("starred", 0))),
                )
            )
        if not data.is_empty:
            parts.append(self.tr("Click a bar or slice to see its customers."))
        return " ".join(parts)

    # ------------------------------------------------------------- click-through
    @Slot(object)
    def open_pick(self, pick: Pick) -> Operation | None:
        db, uid = self.db, self.user.id if self.user else None
        if db is None:
            return None
        f = self.current_filter()
        today = self._today()
        what = self._pick_text(pick)

        def work(_p: Any) -> list[int]:
            with db.session() as s:
                return dashboard.customers_behind(s, f, pick, today, uid)

        return (
            Operation(self, work, writes=False).success(lambda ids: self._picked(ids, what)).run()
        )

    def _pick_text(self, pick: Pick) -> str:
        key = pick.key
        if pick.chart == "sales":
            return self.tr("Bought in {0}").format(formats.month(dt.date(key[0], key[1], 1)))
        if pick.chart == "funnel":
            name = next(
                (
                    s.name
                    for s in (self.dashboard.funnel if self.dashboard else [])
                    if s.stage_id == key[0]
                ),
                "",
            )
            return self.tr("Open deals in stage {0}").format(name)
        if pick.chart == "forecast":
            return self.tr("Deals expected to close in {0}").format(formats.month(key[0]))
        if pick.chart == "segments":
            name = class_label(key[0]) if len(key[0]) == 1 else rfm_label(key[0])
            return self.tr("Segment {0}").format(name)
        if pick.chart == "activities":
            return self.tr("Activities: {0}").format(label(key[1]))
        if pick.chart == "new":
            return self.tr("New in {0}").format(formats.month(key[0]))
        if pick.chart == "lost":
            return self.tr("Lost in {0}").format(formats.month(key[0]))
        if pick.chart == "receivables":
            return self.tr("Owing, {0} days").format(dashboard.AGE_BUCKETS[key[0]])
        if pick.chart == "churn":
            return self._churn_names().get(key[0], key[0])
        return ""

    def _picked(self, ids: list[int], what: str) -> None:
        self.customersPicked.emit(ids, what)
        window = self.window()
        switch = getattr(window, "switch_to_page", None)
        pages = getattr(window, "pages", None)
        if switch is None or not isinstance(pages, dict) or "customers" not in pages:
            return
        page = pages["customers"]
        show = getattr(page, "show_ids", None)
        if show is not None:
            switch("customers")
            show(ids, what)

    # ------------------------------------------------------------- segments
    def _recompute_if_stale(self, computed: dict[str, Any] | None) -> None:
        db = self.db
        if not self.auto_recompute or db is None or db.read_only or db is self._auto_db:
            return
        if not self.may_write:  # a viewer reads the segments last worked out
            return
        if computed is not None and computed.get("as_of") == self._today().isoformat():
            return
        self._auto_db = db
        self.recompute()

    @Slot()
    def recompute(self) -> Operation | None:
        db, uid = self.db, self.user.id if self.user else None
        if db is None or db.read_only:
            return None
        today = self._today()

        def work(progress: Any) -> segments.Recomputed:
            return segments.recompute(db, uid, today, progress=progress)

        self.recompute_button.setEnabled(False)
        return (
            Operation(self, work)
            .with_progress(self.tr("Working out segments…"), cancellable=False)
            .success(self._recomputed)
            .failure(self._recompute_failed)
            .run()
        )

    def _recomputed(self, result: segments.Recomputed) -> None:
        self.recompute_button.setEnabled(True)
        self.segmentsRecomputed.emit(result)
        self.reload()

    def _recompute_failed(self, error: BaseException) -> None:
        from ..operations import show_failure

        self.recompute_button.setEnabled(True)
        show_failure(self, error)

    def edit_rules(self) -> None:
        from ..scoring_settings import ScoringSettingsDialog

        db = self.db
        if db is None:
            return
        with db.session() as s:
            current = segments.load_settings(s)
        dialog = ScoringSettingsDialog(current, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._save_rules)
        dialog.open()

    def _save_rules(self, settings: segments.SegmentSettings) -> None:
        db, uid = self.db, self.user.id if self.user else None
        if db is None:
            return
        today = self._today()

        def work(progress: Any) -> segments.Recomputed:
            saved = segments.save_settings(db, uid, settings)
            return segments.recompute(db, uid, today, saved, progress=progress)

        Operation(self, work).with_progress(
            self.tr("Working out segments…"), cancellable=False
        ).success(self._recomputed).run()

    # ------------------------------------------------------------- salespeople
    @Slot()
    def load_salespeople(self) -> Operation | None:
        db, user = self.db, self.user
        if db is None:
            return None
        qd = self.sp_date.date()
        day = dt.date(qd.year(), qd.month(), qd.day())
        period = salespeople.period_of(self.sp_period_box.currentData(), day)
        self.sp_range_label.setText(f"{formats.date(period.start)} – {formats.date(period.end)}")

        def work(_p: Any) -> salespeople.ActivityReport:
            with db.session() as s:
                visible = salespeople.visible_user_ids(
                    s, user.id if user else None, user.role if user else None
                )
                return salespeople.activity_report(
                    s, period, visible, user_id=user.id if user else None
                )

        return Operation(self, work, writes=False).success(self._show_salespeople).run()

    def _show_salespeople(self, report: salespeople.ActivityReport) -> None:
        self.report = report
        locale = QLocale()
        headers = [
            self.tr("Salesperson"),
            self.tr("Calls"),
            self.tr("Visits"),
            self.tr("Other follow-ups"),
            self.tr("New customers"),
            self.tr("Deals created"),
            self.tr("Deals moved"),
            self.tr("Won"),
            self.tr("Won amount"),
            self.tr("Lost"),
            self.tr("Orders"),
            self.tr("Order amount"),
            self.tr("Collected"),
        ]
        if report.targets is not None:  # a calendar month: its targets too
            headers += target_headers()
        self.sp_model.clear()
        self.sp_model.setHorizontalHeaderLabels(headers)
        for ln in report.lines:
            values: list[Any] = [
                ln.name or "—",
                ln.calls,
                ln.visits,
                ln.other_activities,
                ln.new_customers,
                ln.deals_created,
                ln.deals_moved,
                ln.deals_won,
                ln.won_amount,
                ln.deals_lost,
                ln.orders,
                ln.order_amount,
                ln.collected,
            ]
            items = []
            for v in values:
                if isinstance(v, Decimal):
                    item = QStandardItem(locale.toString(float(v), "f", 2))
                elif isinstance(v, int):
                    item = QStandardItem(locale.toString(v))
                else:
                    item = QStandardItem("" if v is None else str(v))  # None: hidden
                if not isinstance(v, str):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                items.append(item)
            if report.targets is not None:
                items += target_items(report.targets.get(ln.user_id or 0, {}))
            self.sp_model.appendRow(items)
        matrix = dashboard.ActivityMatrix(
            users=[(ln.user_id, ln.name) for ln in report.lines],
            kinds=["call", "visit", "_rest"],
            counts=[[ln.calls, ln.visits, ln.other_activities] for ln in report.lines],
        )
        charts.activities_chart(
            self.sp_chart.figure,
            matrix,
            charts.Texts(
                self.tr("Follow-ups per salesperson"),
                categories={
                    "call": self.tr("Calls"),
                    "visit": self.tr("Visits"),
                    "_rest": self.tr("Other follow-ups"),
                },
                empty=self.tr("No follow-ups in this period"),
            ),
        )
        self.sp_chart.redraw()
        self.salespeopleShown.emit()


def _window_cjk_families() -> list[str]:
    try:
        from ..fonts import chart_families

        return [f for f in chart_families() if f != "DejaVu Sans"]
    except Exception:  # pragma: no cover - fonts need a QApplication
        return []

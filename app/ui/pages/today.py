"""Today: what is due, who has a birthday, which customers and deals need a push.

At the first load on a database the page asks the reminders service to make what is due
(birthdays, return visits, win-back) in one write operation, then reads the Today view.
A task is done (a follow-up asks what came of it) or snoozed in place; each line opens
its customer. Managers switch between their own view, a salesperson's and everyone's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QLocale, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QStyle,
    QSystemTrayIcon,
    QWidget,
)

from app.db import Database
from app.models.enums import Role
from app.services import backup, lookups, loyalty, reminders, tasks
from app.services.tasks import TaskRow, TodayItem, TodayView
from app.services.users import UserInfo

from .. import formats
from ..labels import label
from ..operations import Operation
from ..targets_strip import TargetsStrip
from ..today_view import STYLE, SectionCard, ask_outcome, local_day
from .base import Page

MANAGERS = (Role.MANAGER, Role.ADMIN)
ITEMS_SHOWN = 100
DUE_CHECK_MS = 60_000
NOTIFY_AT_MOST = 3
GRID = (
    ("overdue", 0, 0),
    ("today", 0, 1),
    ("follow_ups", 1, 0),
    ("birthdays", 1, 1),
    ("at_risk", 2, 0),
    ("stuck_deals", 2, 1),
    ("cases", 3, 0),
    ("overdue_cases", 3, 1),
    ("contracts", 4, 0),
    ("thin_teams", 4, 1),
)

OutcomeHook = Callable[[TodayItem], "tuple[str, int | None] | None"]


def _local_now() -> dt.datetime:
    return dt.datetime.now().astimezone()


class TodayPage(Page):
    name = "today"
    loaded = Signal()
    """The sections show a fresh view (after a load, a done or a snooze)."""
    tasksFellDue = Signal(list)
    """Tasks of the signed-in user just fell due (a list of TaskRow)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(STYLE)
        self.clock: Callable[[], dt.datetime] = _local_now
        """The page's notion of now (aware, office time); tests fix it."""
        self.ask_outcome: OutcomeHook = self._ask_outcome_dialog
        """Asks what came of a follow-up; returns (outcome, satisfaction) or None."""
        self.view: TodayView | None = None
        self.generated_for: Database | None = None
        self.generation: reminders.Generated | None = None
        self.generated_day: dt.date | None = None
        self._loading = False
        self._reload_again = False
        self.notify: Callable[[str, str], None] = self._tray_message
        """Announces tasks falling due (title, text); tests replace it."""
        self.tray: QSystemTrayIcon | None = None
        self.last_due_check: dt.datetime | None = None
        self.due_timer = QTimer(self)
        self.due_timer.setInterval(DUE_CHECK_MS)
        self.due_timer.timeout.connect(self.check_due)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.date_label = QLabel(self)
        self.date_label.setObjectName("todayDate")
        self.date_label.setWordWrap(True)  # a long Spanish date must not widen the page
        bar.addWidget(self.date_label, 1)
        self.scope_label = QLabel(self.tr("Show:"), self)
        bar.addWidget(self.scope_label)
        self.scope_box = QComboBox(self)
        self.scope_box.setObjectName("todayScope")
        self.scope_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.scope_box.setMinimumContentsLength(8)
        self.scope_box.currentIndexChanged.connect(lambda _i: self.reload())
        bar.addWidget(self.scope_box)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("todayRefresh")
        self.refresh_button.clicked.connect(self.reload)
        bar.addWidget(self.refresh_button)
        self.layout_.addLayout(bar)
        self._show_scope(False)
        self.backup_warning = QLabel(self)
        self.backup_warning.setObjectName("todayBackupWarning")
        self.backup_warning.setWordWrap(True)
        self.backup_warning.hide()
        self.layout_.addWidget(self.backup_warning)
        self.targets_strip = TargetsStrip(self)  # this month's targets, once read
        self.layout_.addWidget(self.targets_strip)

        # The sections scroll as one when a manager's ten do not fit a laptop's height.
        scroll = QScrollArea(self)
        scroll.setObjectName("todaySections")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        sections = QWidget(scroll)
        grid = QGridLayout(sections)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(12)
        titles = self._titles()
        self.cards: dict[str, SectionCard] = {}
        for key, row, col in GRID:
            title, empty = titles[key]
            card = SectionCard(key, title, empty, self)
            card.setObjectName("todaySection")
            card.openRequested.connect(self._open)
            card.doneRequested.connect(self.complete_item)
            card.snoozeRequested.connect(self.snooze_item)
            grid.addWidget(card, row, col)
            self.cards[key] = card
        for r in range(4):
            grid.setRowStretch(r, 1)
        for c in range(2):
            grid.setColumnStretch(c, 1)
        scroll.setWidget(sections)
        self.layout_.addWidget(scroll, 1)
        self.cards["contracts"].hide()  # until a contract ends soon
        self.cards["thin_teams"].hide()  # a manager's, when a key account's team is thin

    def title(self) -> str:
        return self.tr("Today")

    def _titles(self) -> dict[str, tuple[str, str]]:
        return {
            "overdue": (self.tr("Overdue"), self.tr("Nothing overdue.")),
            "today": (self.tr("Due today"), self.tr("Nothing else due today.")),
            "follow_ups": (self.tr("Follow-up visits due"), self.tr("No follow-up due.")),
            "birthdays": (self.tr("Birthdays in the next 7 days"), self.tr("No birthdays.")),
            "at_risk": (self.tr("Customers at risk"), self.tr("No customer at risk.")),
            "stuck_deals": (
                self.tr("Deals stuck too long in a stage"),
                self.tr("No deal is stuck."),
            ),
            "cases": (self.tr("Open complaint cases"), self.tr("No open case.")),
            "overdue_cases": (
                self.tr("Overdue cases of my team"),
                self.tr("No case is overdue."),
            ),
            "contracts": (
                self.tr("Contracts ending soon"),
                self.tr("No contract ends soon."),
            ),
            "thin_teams": (
                self.tr("Key accounts with a thin team"),
                self.tr("Every key account has a team."),
            ),
        }

    # ------------------------------------------------------------- context
    def set_context(self, db: Database | None, user: UserInfo | None) -> None:
        changed = db is not self.db or user != self.user
        super().set_context(db, user)
        if not changed:
            return
        self.view = None
        manager = user is not None and user.role in MANAGERS
        self._show_scope(manager)
        self.scope_box.blockSignals(True)
        self.scope_box.clear()
        self.scope_box.addItem(self.tr("My work"), "mine")
        if manager:
            self.scope_box.addItem(self.tr("Everyone"), "all")
        self.scope_box.blockSignals(False)
        self.due_timer.stop()
        if db is None or user is None:
            return
        self.last_due_check = self.clock()
        self.due_timer.start()
        if manager:
            self._load_people(db)
        if self.generated_for is not db and not db.read_only:
            self.generated_for = db
            self.generate()
        else:
            self.reload()

    def _show_scope(self, visible: bool) -> None:
        self.scope_label.setVisible(visible)
        self.scope_box.setVisible(visible)

    def _load_people(self, db: Database) -> None:
        def work(_p: Any) -> list[lookups.Choice]:
            with db.session() as s:
                return lookups.users(s)

        Operation(self, work, writes=False).success(self._fill_people).run()

    def _fill_people(self, people: list[lookups.Choice]) -> None:
        self.scope_box.blockSignals(True)
        while self.scope_box.count() > 2:
            self.scope_box.removeItem(2)
        for person in people:
            if self.user is None or person.id != self.user.id:
                self.scope_box.addItem(person.name, person.id)
        self.scope_box.blockSignals(False)

    def scope(self) -> tasks.Scope:
        data = self.scope_box.currentData()
        return data if data is not None else "mine"

    # --------------------------------------------------------------- load
    def generate(self) -> Operation | None:
        """Make the due reminders (once per database and run), then load."""
        db = self.db
        if db is None:
            return None
        now = self.clock()
        self._loading = True
        self.generated_day = now.date()

        def work(_p: Any) -> reminders.Generated | None:
            result = reminders.generate_if_due(db, now)
            if not db.read_only:  # members' levels and expired points, once a day
                loyalty.recompute_daily(db, now.date())
            return result

        return Operation(self, work).success(self._generated).failure(self._generation_failed).run()

    def _generated(self, result: reminders.Generated | None) -> None:
        self.generation = result
        self._loading = False
        self.reload()

    def _generation_failed(self, error: BaseException) -> None:
        from ..operations import show_failure

        self._loading = False
        show_failure(self, error)
        self.reload()

    def refresh_data(self) -> None:
        self.reload()

    def reload(self) -> Operation | None:
        db, user = self.db, self.user
        if db is None or user is None:
            return None
        if self._loading:
            self._reload_again = True
            return None
        now = self.clock()
        if self.generated_day is not None and now.date() != self.generated_day and not db.read_only:
            return self.generate()  # a new day: its reminders first (the page stayed open)
        scope = self.scope()
        zone = now.tzinfo
        self._loading = True
        self.targets_strip.load(db, user, scope, now.date())

        def work(_p: Any) -> TodayView:
            with db.session() as s:
                return tasks.today(s, user.id, now, scope, tz=zone, limit=ITEMS_SHOWN)

        return (
            Operation(self, work, writes=False).success(self._show).failure(self._load_failed).run()
        )

    def _load_failed(self, error: BaseException) -> None:
        from ..operations import show_failure

        self._loading = False
        show_failure(self, error)

    def _show(self, view: TodayView) -> None:
        self._loading = False
        if self._reload_again:
            self._reload_again = False
            self.reload()
            return
        self.view = view
        self.date_label.setText(
            self.tr("%1 · %2 to do")
            .replace("%1", QLocale().toString(QDate(view.date), QLocale.FormatType.LongFormat))
            .replace(
                "%2",
                str(
                    sum(
                        s.count
                        for k, s in view.sections.items()
                        if k not in ("stuck_deals", "contracts", "thin_teams")
                    )
                ),
            )
        )
        everyone = view.owner_id is None or (
            self.user is not None and view.owner_id != self.user.id
        )
        self.cards["overdue_cases"].setVisible(
            self.user is None
            or self.user.role in MANAGERS
            or view.sections["overdue_cases"].count > 0
        )
        # Shown only when a contract ends soon: the page keeps its size otherwise.
        self.cards["contracts"].setVisible(view.sections["contracts"].count > 0)
        self.cards["thin_teams"].setVisible(view.sections["thin_teams"].count > 0)
        for key, card in self.cards.items():
            section = view.sections[key]
            details = [self._detail(key, item, view.date, everyone) for item in section.items]
            alert = key in ("overdue", "overdue_cases", "thin_teams")
            card.set_section(section, details, alert=alert)
        self.loaded.emit()

    def _detail(self, key: str, item: TodayItem, today: dt.date, everyone: bool) -> str:
        parts: list[str] = []
        if item.customer_name and item.customer_name not in item.title:
            parts.append(item.customer_name)
        if item.kind == "birthday":
            assert item.when is not None
            day = local_day(item.when)
            parts.append(
                self.tr("today")
                if item.days == 0
                else self.tr("in %n day(s)", "", item.days or 0) + f" · {formats.month_day(day)}"
            )
        elif item.kind == "deal":
            if item.detail:
                parts.append(item.detail)
            parts.append(self.tr("%n day(s) in this stage", "", item.days or 0))
        elif item.kind == "contract":
            if isinstance(item.when, dt.date):
                ends = self.tr("ends in %n day(s)", "", item.days or 0)
                parts.append(f"{ends} · {formats.month_day(item.when)}")
        elif item.kind == "thin_team":
            members = int(item.detail or 0)  # besides the owner; a thin team has 0 or 1
            parts.append(
                self.tr("Team: the owner alone")
                if members == 0
                else self.tr("Team: the owner and %n more", "", members)
            )
        elif item.kind == "case":
            parts.append(label(item.detail))
            if item.days:
                parts.append(self.tr("%n day(s) late", "", item.days))
            elif isinstance(item.when, dt.date):
                parts.append(self.tr("due %1").replace("%1", formats.month_day(item.when)))
        elif item.days:
            parts.append(self.tr("%n day(s) late", "", item.days))
        elif item.when is not None and isinstance(item.when, dt.datetime):
            parts.append(formats.time(formats.local(item.when)))
        if (everyone or key in ("overdue_cases", "thin_teams")) and item.owner:
            parts.append(item.owner)
        return " · ".join(parts)

    def show_backup_state(self, state: backup.BackupState | None) -> None:
        """Warn when the last good backup is missing or older than two days."""
        if state is None or not state.warn:
            self.backup_warning.hide()
            return
        if state.last_good is None:
            text = self.tr("There is no good backup of this database in %1.").replace(
                "%1", str(state.folder)
            )
        else:
            text = (
                self.tr("The last good backup is %n day(s) old", "", state.days_old or 0)
                + " ("
                + formats.date(state.last_good)
                + ", "
                + str(state.folder)
                + ")."
            )
        self.backup_warning.setText(
            text + " " + self.tr("Check that the backup folder can be written, or back up now.")
        )
        self.backup_warning.show()

    # ------------------------------------------------------------- actions
    def _open(self, item: TodayItem) -> None:
        if item.kind == "deal" and item.deal_id is not None:  # a stuck deal: the deal itself
            self.openDeal.emit(item.deal_id)
        elif item.customer_id is not None:
            self.openCustomer.emit(item.customer_id)

    def _ask_outcome_dialog(self, item: TodayItem) -> tuple[str, int | None] | None:
        return ask_outcome(item.title, item.task_kind, self)

    def _row(self, item: TodayItem) -> Any:
        for card in self.cards.values():
            row = card.row_for_task(item.task_id) if item.task_id is not None else None
            if row is not None:
                return row
        return None

    def complete_item(self, item: TodayItem) -> Operation | None:
        db, user = self.db, self.user
        if db is None or item.task_id is None:
            return None
        outcome: str | None = None
        satisfaction: int | None = None
        if item.needs_outcome:
            answer = self.ask_outcome(item)
            if answer is None:
                return None
            outcome, satisfaction = answer
        task_id, version = item.task_id, item.task_version
        user_id = user.id if user else None
        now = self.clock()
        row = self._row(item)
        if row is not None:
            row.set_busy(True)
        return (
            Operation(
                self,
                lambda _p: tasks.complete(
                    db,
                    user_id,
                    task_id,
                    version,
                    outcome=outcome,
                    satisfaction=satisfaction,
                    now=now,
                ),
            )
            .success(lambda _r: self.reload())
            .failure(self._action_failed)
            .run()
        )

    def snooze_item(self, item: TodayItem, days: int) -> Operation | None:
        db, user = self.db, self.user
        if db is None or item.task_id is None:
            return None
        task_id, version = item.task_id, item.task_version
        user_id = user.id if user else None
        now = self.clock()
        row = self._row(item)
        if row is not None:
            row.set_busy(True)
        return (
            Operation(
                self,
                lambda _p: tasks.snooze_for(db, user_id, task_id, days, now, seen_version=version),
            )
            .success(lambda _r: self.reload())
            .failure(self._action_failed)
            .run()
        )

    def _action_failed(self, error: BaseException) -> None:
        from ..operations import show_failure

        show_failure(self, error)
        self.reload()

    # ------------------------------------------------ tray: tasks falling due
    def check_due(self) -> Operation | None:
        """Look for the user's tasks that fell due since the last look; announce them."""
        db, user, since = self.db, self.user, self.last_due_check
        if db is None or user is None or since is None:
            return None
        now = self.clock()
        self.last_due_check = now

        def work(_p: Any) -> list[TaskRow]:
            with db.session() as s:
                return tasks.falling_due(s, user.id, since, now)

        return Operation(self, work, writes=False).success(self._fell_due).run()

    def _fell_due(self, rows: list[TaskRow]) -> None:
        if not rows:
            return
        lines = [r.title for r in rows[:NOTIFY_AT_MOST]]
        if len(rows) > NOTIFY_AT_MOST:
            lines.append(self.tr("… and %n more", "", len(rows) - NOTIFY_AT_MOST))
        self.notify(self.tr("%n task(s) due now", "", len(rows)), "\n".join(lines))
        self.tasksFellDue.emit(rows)
        self.reload()

    def _tray_message(self, title: str, text: str) -> None:
        """A tray balloon; without a system tray (some Linux desktops), the window's status
        bar says it and the taskbar entry asks for attention."""
        if not QSystemTrayIcon.isSystemTrayAvailable():
            window = self.window()
            if isinstance(window, QMainWindow):
                first = text.splitlines()[0] if text else ""
                window.statusBar().showMessage(f"{title}: {first}" if first else title, 30_000)
            QApplication.alert(window)
            return
        if self.tray is None:
            icon = QApplication.windowIcon()
            if icon.isNull():
                icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setObjectName("todayTray")
            self.tray.setToolTip(self.tr("Clientela"))
            self.tray.messageClicked.connect(self._bring_forward)
            self.tray.show()
        self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 10_000)

    def _bring_forward(self) -> None:
        window = self.window()
        window.showNormal()
        window.raise_()
        window.activateWindow()

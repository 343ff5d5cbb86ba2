"""The widgets of the Today page: a card per section, a line per item with Done and
Snooze in place, and the small dialog that asks what came of a follow-up."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.services.tasks import TodayItem, TodaySection

STYLE = """
#todaySection {
    background: palette(base);
    border: 1px solid palette(mid);
    border-radius: 6px;
}
#todaySectionTitle { font-weight: 600; }
#todaySection QScrollArea, #todayBody { background: transparent; }
#todayCount {
    border-radius: 9px;
    padding: 0px 7px;
    background: #e8e8e8;
    color: #333333;
    font-weight: 600;
}
#todayCount[alert="true"] { background: #d64541; color: white; }
#todayRow { border-bottom: 1px solid #eeeeee; }
#todayRowTitle {
    text-align: left;
    border: none;
    padding: 0px;
    background: transparent;
    color: palette(link);
}
#todayRowTitle:hover { text-decoration: underline; }
#todayRowDetail { color: #6b6b6b; }
#todayEmpty { color: #8a8a8a; padding: 6px 2px; }
#todayMore { color: #6b6b6b; padding: 4px 2px; }
#todayBackupWarning {
    background: #fff4ce;
    color: #5c4400;
    border: 1px solid #f0d37a;
    border-radius: 4px;
    padding: 6px 10px;
}
"""


class OutcomeDialog(QDialog):
    """What came of a follow-up: a line of text, and for a return visit the customer's
    satisfaction (1–5)."""

    def __init__(self, title: str, task_kind: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcomeDialog")
        self.setWindowTitle(self.tr("Done: what came of it?"))
        form = QFormLayout(self)
        heading = QLabel(title, self)
        heading.setWordWrap(True)
        form.addRow(heading)
        self.outcome_edit = QPlainTextEdit(self)
        self.outcome_edit.setObjectName("outcomeText")
        self.outcome_edit.setPlaceholderText(
            self.tr("How it serves them, what they need next, what was agreed…")
        )
        self.outcome_edit.setMinimumSize(360, 90)
        form.addRow(self.tr("Outcome"), self.outcome_edit)
        self.satisfaction_box = QComboBox(self)
        self.satisfaction_box.setObjectName("outcomeSatisfaction")
        self.satisfaction_box.addItem(self.tr("Not asked"), None)
        for score in range(5, 0, -1):
            self.satisfaction_box.addItem("★" * score, score)
        if task_kind == "return_visit":
            form.addRow(self.tr("Satisfaction"), self.satisfaction_box)
        else:
            self.satisfaction_box.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.outcome_edit.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.outcome_edit.toPlainText().strip()))

    def result_value(self) -> tuple[str, int | None]:
        return self.outcome_edit.toPlainText().strip(), self.satisfaction_box.currentData()


def ask_outcome(title: str, kind: str | None, parent: QWidget) -> tuple[str, int | None] | None:
    """The outcome and score of a follow-up being done, or None when the person cancels."""
    dialog = OutcomeDialog(title, kind, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.result_value()
    finally:
        dialog.deleteLater()


class ItemRow(QFrame):
    """One line: the title opens the customer; Done and Snooze act on its task."""

    openRequested = Signal(object)
    doneRequested = Signal(object)
    snoozeRequested = Signal(object, int)

    def __init__(self, item: TodayItem, detail: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setObjectName("todayRow")
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 3, 4, 3)
        row.setSpacing(6)
        text = QVBoxLayout()
        text.setSpacing(0)
        self.title_button = QPushButton(item.title, self)
        self.title_button.setObjectName("todayRowTitle")
        self.title_button.setFlat(True)
        self.title_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.title_button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.title_button.setToolTip(item.title)
        self.title_button.setEnabled(item.customer_id is not None)
        self.title_button.clicked.connect(lambda: self.openRequested.emit(self.item))
        text.addWidget(self.title_button)
        self.detail_label = QLabel(detail, self)
        self.detail_label.setObjectName("todayRowDetail")
        self.detail_label.setToolTip(detail)
        self.detail_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        text.addWidget(self.detail_label)
        row.addLayout(text, 1)
        self.done_button: QPushButton | None = None
        self.snooze_button: QPushButton | None = None
        if item.task_id is not None:
            self.done_button = QPushButton(self.tr("Done"), self)
            self.done_button.setObjectName("todayDone")
            self.done_button.setToolTip(
                self.tr("Mark done and note what came of it")
                if item.needs_outcome
                else self.tr("Mark done")
            )
            self.done_button.clicked.connect(lambda: self.doneRequested.emit(self.item))
            row.addWidget(self.done_button)
            if item.kind == "task":
                self.snooze_button = QPushButton(self.tr("Snooze"), self)
                self.snooze_button.setObjectName("todaySnooze")
                menu = QMenu(self.snooze_button)
                self.snooze_actions: dict[int, QAction] = {}
                for days, label in ((1, self.tr("1 day")), (7, self.tr("1 week"))):
                    action = menu.addAction(label)
                    action.setData(days)
                    self.snooze_actions[days] = action
                menu.triggered.connect(self._snooze_chosen)
                self.snooze_button.setMenu(menu)
                row.addWidget(self.snooze_button)

    def _snooze_chosen(self, action: QAction) -> None:
        self.snoozeRequested.emit(self.item, int(action.data()))

    def set_busy(self, busy: bool) -> None:
        for w in (self.done_button, self.snooze_button):
            if w is not None:
                w.setEnabled(not busy)


class SectionCard(QFrame):
    """A section: its name and count, then its lines in a scroll area of their own."""

    openRequested = Signal(object)
    doneRequested = Signal(object)
    snoozeRequested = Signal(object, int)

    def __init__(self, key: str, title: str, empty_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.setObjectName("todaySection")
        self.setProperty("sectionKey", key)
        self.empty_text = empty_text
        self.rows: list[ItemRow] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 8, 10, 8)
        outer.setSpacing(4)
        head = QHBoxLayout()
        self.title_label = QLabel(title, self)
        self.title_label.setObjectName("todaySectionTitle")
        self.title_label.setWordWrap(True)  # long Spanish titles must not widen the grid
        head.addWidget(self.title_label, 1)
        self.count_label = QLabel("…", self)
        self.count_label.setObjectName("todayCount")
        head.addWidget(self.count_label)
        outer.addLayout(head)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body = QWidget(self.scroll)
        self.body.setObjectName("todayBody")
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.body_layout.setSpacing(0)
        self.body_layout.addStretch(1)
        self.scroll.setWidget(self.body)
        self.scroll.viewport().setAutoFillBackground(False)
        outer.addWidget(self.scroll, 1)
        self.count = 0

    def set_section(self, section: TodaySection, details: list[str], alert: bool = False) -> None:
        for row in self.rows:
            row.deleteLater()
        self.rows = []
        while self.body_layout.count() > 1:
            taken = self.body_layout.takeAt(0)
            w = taken.widget() if taken is not None else None
            if w is not None:
                w.deleteLater()
        self.count = section.count
        self.count_label.setText(str(section.count))
        self.count_label.setProperty("alert", "true" if alert and section.count else "false")
        self.count_label.style().unpolish(self.count_label)
        self.count_label.style().polish(self.count_label)
        at = 0
        if not section.items:
            empty = QLabel(self.empty_text, self.body)
            empty.setObjectName("todayEmpty")
            self.body_layout.insertWidget(at, empty)
        for item, detail in zip(section.items, details, strict=True):
            row = ItemRow(item, detail, self.body)
            row.openRequested.connect(self.openRequested)
            row.doneRequested.connect(self.doneRequested)
            row.snoozeRequested.connect(self.snoozeRequested)
            self.body_layout.insertWidget(at, row)
            self.rows.append(row)
            at += 1
        hidden = section.count - len(section.items)
        if hidden > 0:
            more = QLabel(self.tr("… and %n more", "", hidden), self.body)
            more.setObjectName("todayMore")
            self.body_layout.insertWidget(at, more)

    def row_for_task(self, task_id: int) -> ItemRow | None:
        return next((r for r in self.rows if r.item.task_id == task_id), None)


def local_day(value: dt.datetime | dt.date) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.astimezone().date()
    return value

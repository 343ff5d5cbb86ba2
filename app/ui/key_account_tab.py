"""The customer file's Key account tab: the strategy card [客户策略卡] kept on the customer
(goals and plans, how it buys and decides, volumes, needs, budget, competitors, next
steps), and the monthly review card [客户月评卡] of a chosen month computed from the data,
with the manager's comment; Export… writes both as a workbook (services.key_accounts).
Read when the tab is shown, off the UI thread."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.models.enums import Role
from app.services import key_accounts
from app.services.key_accounts import ReviewCard, StrategyCard, StrategyData
from app.services.segments import add_months
from app.services.users import UserInfo

from . import formats
from .labels import label
from .operations import Operation, show_failure
from .team_tab import role_name

MONTHS_BACK = 24
TEXT_FIELDS = (
    "goals_plans",
    "buying_method",
    "decision_process",
    "volumes",
    "needs",
    "competitors",
    "next_steps",
)


@dataclass(frozen=True)
class Cards:
    strategy: StrategyCard
    review: ReviewCard


def _read(db: Database, user_id: int | None, customer_id: int, month: dt.date) -> Cards:
    with db.session() as s:
        return Cards(
            key_accounts.strategy(s, user_id, customer_id),
            key_accounts.review(s, user_id, customer_id, month),
        )


class KeyAccountTab(QWidget):
    loaded = Signal()
    saved = Signal(int)
    """The strategy card was saved (the customer's id): the file's version moved on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyAccountTab")
        self.db: Database | None = None
        self.user: UserInfo | None = None
        self.customer_id: int | None = None
        self.cards: Cards | None = None
        self.operation: Operation | None = None
        self.ask_path = self._ask_path
        """Asks where to save the workbook; tests replace it."""
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 12, 12, 12)
        self.state = QLabel(body)
        self.state.setObjectName("keyAccountState")
        self.state.setWordWrap(True)
        layout.addWidget(self.state)

        box = QGroupBox(self.tr("Strategy card"), body)
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        titles = self._field_titles()
        self.edits: dict[str, QPlainTextEdit] = {}
        for key in TEXT_FIELDS:
            edit = QPlainTextEdit(box)
            edit.setObjectName(f"strategy_{key}")
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(54)
            self.edits[key] = edit
            form.addRow(titles[key], edit)
        self.budget = QLineEdit(box)
        self.budget.setObjectName("strategy_budget")
        form.addRow(titles["budget"], self.budget)
        self.team_label = QLabel(box)
        self.team_label.setObjectName("strategyTeam")
        self.team_label.setWordWrap(True)
        form.addRow(self.tr("Our team and counterparts"), self.team_label)
        row = QHBoxLayout()
        row.addStretch(1)
        self.save_button = QPushButton(self.tr("Save the strategy"), box)
        self.save_button.setObjectName("strategySave")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save_strategy)
        row.addWidget(self.save_button)
        form.addRow(row)
        layout.addWidget(box)

        box = QGroupBox(self.tr("Monthly review card"), body)
        review = QVBoxLayout(box)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Month"), box))
        self.month_box = QComboBox(box)
        self.month_box.setObjectName("reviewMonth")
        self.month_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.month_box.setMinimumContentsLength(8)
        first = dt.date.today().replace(day=1)
        for back in range(MONTHS_BACK):
            month = add_months(first, -back)
            self.month_box.addItem(formats.month(month), month)
        self.month_box.currentIndexChanged.connect(lambda _i: self.reload())
        row.addWidget(self.month_box)
        row.addStretch(1)
        self.export_button = QPushButton(self.tr("Export…"), box)
        self.export_button.setObjectName("reviewExport")
        self.export_button.setToolTip(
            self.tr("Both cards of this month as a workbook, one sheet for this customer")
        )
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(self.export)
        row.addWidget(self.export_button)
        review.addLayout(row)
        self.figures = QLabel(box)
        self.figures.setObjectName("reviewFigures")
        self.figures.setWordWrap(True)
        review.addWidget(self.figures)
        review.addWidget(QLabel(self.tr("Manager's comment"), box))
        self.comment = QPlainTextEdit(box)
        self.comment.setObjectName("reviewComment")
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(70)
        review.addWidget(self.comment)
        row = QHBoxLayout()
        self.comment_by = QLabel(box)
        self.comment_by.setObjectName("reviewCommentBy")
        self.comment_by.setWordWrap(True)
        row.addWidget(self.comment_by, 1)
        self.comment_button = QPushButton(self.tr("Save the comment"), box)
        self.comment_button.setObjectName("reviewCommentSave")
        self.comment_button.setAutoDefault(False)
        self.comment_button.clicked.connect(self.save_comment)
        row.addWidget(self.comment_button)
        review.addLayout(row)
        layout.addWidget(box)
        self.status = QLabel(body)
        self.status.setObjectName("keyAccountStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def _field_titles(self) -> dict[str, str]:
        return {
            "goals_plans": self.tr("Goals and plans"),
            "buying_method": self.tr("Buying method"),
            "decision_process": self.tr("Decision process"),
            "volumes": self.tr("Volumes"),
            "needs": self.tr("Needs"),
            "budget": self.tr("Budget"),
            "competitors": self.tr("Competitors"),
            "next_steps": self.tr("Next steps"),
        }

    def month(self) -> dt.date:
        data = self.month_box.currentData()
        return data if isinstance(data, dt.date) else dt.date.today().replace(day=1)

    def _uid(self) -> int | None:
        return self.user.id if self.user else None

    # ------------------------------------------------------------------ read
    def load(
        self, db: Database | None, user: UserInfo | None, customer_id: int | None
    ) -> Operation | None:
        self.db, self.user, self.customer_id = db, user, customer_id
        return self.reload()

    def reload(self) -> Operation | None:
        db, cid = self.db, self.customer_id
        if db is None or cid is None:
            return None
        uid, month = self._uid(), self.month()
        self.operation = (
            Operation(self, lambda _p: _read(db, uid, cid, month), writes=False)
            .success(self._show)
            .failure(lambda e: show_failure(self, e))
            .run()
        )
        return self.operation

    def _show(self, cards: Cards) -> None:
        if cards.strategy.customer_id != self.customer_id:
            return
        self.cards = cards
        st = cards.strategy
        if st.key_account:
            marks = [self.tr("Key account")]
            if st.starred:
                marks.append("★")
            if st.abc_class:
                marks.append(self.tr("class %1").replace("%1", st.abc_class))
            self.state.setText(" · ".join(marks))
        else:
            self.state.setText(
                self.tr(
                    "Not a key account (neither starred nor class A); the cards can be kept anyway."
                )
            )
        for key, edit in self.edits.items():
            edit.setPlainText(getattr(st.data, key) or "")
        budget = st.data.budget
        self.budget.setText("" if budget is None else f"{budget}")
        team = st.team
        lines = [
            self.tr("Owner: %1").replace("%1", team.owner_name or "—"),
            *(f"{m.name} · {role_name(m.role)}" for m in team.members if not m.is_owner),
            *(
                f"{c.contact_name} ({label(c.contact_role)}) ↔ {c.user_name}"
                for c in team.counterparts
                if c.user_name
            ),
        ]
        self.team_label.setText("\n".join(lines))
        writable = self.user is None or self.user.role is not Role.VIEWER
        for edit in self.edits.values():
            edit.setReadOnly(not writable)
        self.budget.setReadOnly(not writable)
        self.save_button.setEnabled(writable)
        self._show_review(cards.review)
        self.loaded.emit()

    def _show_review(self, rv: ReviewCard) -> None:
        def money(value: Any) -> str:
            return "—" if value is None else formats.money(value)

        contacts = ", ".join(
            f"{label(k)} {n}" for k, n in sorted(rv.contacts.items(), key=lambda kv: -kv[1])
        )
        score = (
            "—"
            if rv.satisfaction is None
            else self.tr("%1 of 5 (%n answer(s))", "", rv.satisfaction_answers).replace(
                "%1", f"{rv.satisfaction:.1f}"
            )
        )
        rows = [
            (self.tr("Orders"), str(rv.orders)),
            (self.tr("Sales less returns"), money(rv.sales)),
            (
                self.tr("Gross margin"),
                money(rv.margin) + ("" if rv.margin_share is None else f" ({rv.margin_share} %)"),
            ),
            (self.tr("Payments received"), money(rv.payments)),
            (self.tr("Overdue at the month's end"), money(rv.overdue)),
            (self.tr("Contacts"), f"{rv.contacts_total}" + (f" ({contacts})" if contacts else "")),
            (
                self.tr("Complaints"),
                self.tr("%1 opened, %2 resolved, %3 still open")
                .replace("%1", str(rv.complaints_opened))
                .replace("%2", str(rv.complaints_resolved))
                .replace("%3", str(rv.complaints_open)),
            ),
            (self.tr("Satisfaction"), score),
            (
                self.tr("Deals"),
                self.tr("%1 moved, %2 won (%3), %4 lost")
                .replace("%1", str(rv.deals_moved))
                .replace("%2", str(rv.deals_won))
                .replace("%3", money(rv.won_amount))
                .replace("%4", str(rv.deals_lost)),
            ),
        ]
        line = self.tr("%1: %2")
        self.figures.setText(
            "\n".join(line.replace("%1", name).replace("%2", value) for name, value in rows)
        )
        self.comment.setPlainText(rv.comment or "")
        self.comment_by.setText(
            self.tr("By %1, %2")
            .replace("%1", rv.comment_by)
            .replace("%2", formats.date_time(rv.comment_at))
            if rv.comment_by and rv.comment_at
            else ""
        )
        manager = self.user is None or self.user.role in (Role.MANAGER, Role.ADMIN)
        self.comment.setReadOnly(not manager)
        self.comment_button.setEnabled(manager)
        self.comment_button.setToolTip("" if manager else self.tr("A manager writes the comment"))

    # ----------------------------------------------------------------- write
    @Slot()
    def save_strategy(self) -> Operation | None:
        db, cid, cards = self.db, self.customer_id, self.cards
        if db is None or cid is None or cards is None:
            return None
        data = StrategyData(
            **{k: e.toPlainText().strip() or None for k, e in self.edits.items()},
            budget=self.budget.text().strip() or None,
        )
        uid, version = self._uid(), cards.strategy.version
        self.status.clear()
        self.operation = (
            Operation(self, lambda _p: key_accounts.save_strategy(db, uid, cid, version, data))
            .success(self._strategy_saved)
            .failure(self._failed)
            .run()
        )
        return self.operation

    def _strategy_saved(self, _version: int) -> None:
        self.status.setText(self.tr("The strategy card was saved."))
        if self.customer_id is not None:
            self.saved.emit(self.customer_id)
        self.reload()

    @Slot()
    def save_comment(self) -> Operation | None:
        db, cid, cards = self.db, self.customer_id, self.cards
        if db is None or cid is None or cards is None:
            return None
        uid, month, text = self._uid(), cards.review.month, self.comment.toPlainText()
        version = cards.review.comment_version
        self.status.clear()
        self.operation = (
            Operation(
                self,
                lambda _p: key_accounts.save_comment(db, uid, cid, month, text, version),
            )
            .success(lambda _v: self._comment_saved())
            .failure(self._failed)
            .run()
        )
        return self.operation

    def _comment_saved(self) -> None:
        self.status.setText(self.tr("The comment was saved."))
        self.reload()

    def _failed(self, error: BaseException) -> None:
        show_failure(self, error)
        self.reload()

    def _ask_path(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the key-account cards"), suggested, self.tr("Excel (*.xlsx)")
        )
        return path

    @Slot()
    def export(self) -> Operation | None:
        db, cid, cards = self.db, self.customer_id, self.cards
        if db is None or cid is None:
            return None
        month = self.month()
        name = cards.strategy.name if cards else str(cid)
        path = self.ask_path(
            self.tr("Key account %1 %2.xlsx").replace("%1", name).replace("%2", f"{month:%Y-%m}")
        )
        if not path:
            return None
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        uid = self._uid()
        self.export_button.setEnabled(False)

        def work(_p: Any) -> Path:
            return key_accounts.make_workbook(db, uid, month, path, customer_id=cid)

        def done(written: Path) -> None:
            self.export_button.setEnabled(True)
            self.status.setText(self.tr("Saved %1").replace("%1", str(written)))

        def failed(error: BaseException) -> None:
            self.export_button.setEnabled(True)
            show_failure(self, error)

        self.operation = (
            Operation(self, work)
            .with_progress(self.tr("Saving the key-account cards…"), cancellable=False)
            .success(done)
            .failure(failed)
            .run()
        )
        return self.operation

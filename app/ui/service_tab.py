"""The customer file's Service tab: membership (card, level, points, twelve months'
spend), satisfaction (last score, trend, average), the customer's complaint cases with
Open a case…, and the points ledger. Read when the tab is shown, off the UI thread."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.db import Database
from app.services import cases, loyalty, satisfaction
from app.services.cases import CaseData, CaseRow
from app.services.loyalty import Membership
from app.services.satisfaction import CustomerScores
from app.services.users import UserInfo

from . import case_dialogs, formats
from .customer_form_tabs import RowsModel, make_table
from .labels import label
from .operations import Operation, show_failure


@dataclass(frozen=True)
class ServiceFile:
    membership: Membership
    scores: CustomerScores
    cases: list[CaseRow]


def _read(db: Database, user_id: int | None, customer_id: int) -> ServiceFile:
    with db.session() as s:
        return ServiceFile(
            loyalty.membership(s, user_id, customer_id),
            satisfaction.customer_scores(s, customer_id),
            cases.listing(s, user_id, customer_id=customer_id),
        )


class ServiceTab(QWidget):
    loaded = Signal()
    caseOpened = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serviceTab")
        self.db: Database | None = None
        self.user: UserInfo | None = None
        self.customer_id: int | None = None
        self.file: ServiceFile | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        self.member_label = QLabel(self)
        self.member_label.setObjectName("serviceMembership")
        self.member_label.setWordWrap(True)
        self.scores_label = QLabel(self)
        self.scores_label.setObjectName("serviceSatisfaction")
        self.scores_label.setWordWrap(True)
        layout.addWidget(self.member_label)
        layout.addWidget(self.scores_label)
        row = QHBoxLayout()
        caption = QLabel(self.tr("Complaint cases"), self)
        caption.setProperty("caption", True)
        row.addWidget(caption, 1)
        self.open_button = QPushButton(self.tr("Open a case…"), self)
        self.open_button.setObjectName("serviceOpenCase")
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self.open_case)
        row.addWidget(self.open_button)
        layout.addLayout(row)
        self.cases_model = RowsModel(
            [
                self.tr("Opened"),
                self.tr("Case"),
                self.tr("Status"),
                self.tr("Due"),
                self.tr("Owner"),
                self.tr("Score"),
            ],
            self,
        )
        self.cases_view = make_table(self.cases_model, "serviceCases", self)
        layout.addWidget(self.cases_view, 1)
        ledger_caption = QLabel(self.tr("Points ledger"), self)
        ledger_caption.setProperty("caption", True)
        layout.addWidget(ledger_caption)
        self.ledger_model = RowsModel(
            [self.tr("When"), self.tr("Entry"), self.tr("Points"), self.tr("Why"), self.tr("By")],
            self,
            right_aligned=(2,),
        )
        self.ledger_view = make_table(self.ledger_model, "servicePoints", self)
        layout.addWidget(self.ledger_view, 1)

    def load(
        self, db: Database | None, user: UserInfo | None, customer_id: int | None
    ) -> Operation | None:
        self.db, self.user, self.customer_id = db, user, customer_id
        self.open_button.setVisible(user is None or user.may_write)  # not for a viewer
        if db is None or customer_id is None:
            return None
        uid = user.id if user else None
        return (
            Operation(self, lambda _p: _read(db, uid, customer_id), writes=False)
            .success(self._show)
            .failure(lambda e: show_failure(self, e))
            .run()
        )

    def _show(self, f: ServiceFile) -> None:
        self.file = f
        m = f.membership
        if m.card and m.spend_12_months is None:  # a user who may not see money figures
            self.member_label.setText(
                self.tr("Card %1 · %2 · %3 points")
                .replace("%1", m.card)
                .replace("%2", label(m.level))
                .replace("%3", f"{m.balance:,}")
            )
        elif m.card:
            self.member_label.setText(
                self.tr("Card %1 · %2 · %3 points · %4 spent in twelve months")
                .replace("%1", m.card)
                .replace("%2", label(m.level))
                .replace("%3", f"{m.balance:,}")
                .replace("%4", f"{m.spend_12_months:,.2f}")
            )
        else:
            self.member_label.setText(self.tr("No membership card: no level or points."))
        sc = f.scores
        if sc.last is None:
            self.scores_label.setText(self.tr("No satisfaction score yet."))
        else:
            trend = {"up": "↑", "down": "↓", "steady": "→"}.get(sc.trend or "", "")
            self.scores_label.setText(
                self.tr(
                    "Satisfaction: last %1 of 5 %2 · average %3 over %n answer(s)", "", sc.answers
                )
                .replace("%1", str(sc.last))
                .replace("%2", trend)
                .replace("%3", f"{sc.average:.1f}" if sc.average is not None else "–")
            )
        self.cases_model.set_rows(
            [
                (
                    formats.date(formats.local(c.opened_at).date()),
                    c.title,
                    label(c.status) + (" · " + self.tr("overdue") if c.overdue else ""),
                    formats.date(c.due_on),
                    c.owner or "",
                    str(c.satisfaction) if c.satisfaction else "",
                )
                for c in f.cases
            ],
            [c.id for c in f.cases],
        )
        self.ledger_model.set_rows(
            [
                (
                    formats.date_time(e.at),
                    label(e.kind),
                    f"{e.points:+,}",
                    e.reason or "",
                    e.user or "",
                )
                for e in m.ledger
            ],
            [e.id for e in m.ledger],
        )
        self.loaded.emit()

    @Slot()
    def open_case(self) -> Operation | None:
        db, cid = self.db, self.customer_id
        if db is None or cid is None:
            return None
        uid = self.user.id if self.user else None

        def read(_p: Any) -> int:
            with db.session() as s:
                return cases.due_days(s)

        def ask(days: int) -> None:
            due = dt.date.today() + dt.timedelta(days=days)
            answer = case_dialogs.ask_new_case_hook(None, due, self)
            if answer is None:
                return
            title, description, due_on = answer
            data = CaseData(cid, title, description, due_on=due_on)
            self.open_operation = (
                Operation(self, lambda _p: cases.open_case(db, uid, data))
                .success(self._opened)
                .failure(lambda e: show_failure(self, e))
                .run()
            )

        return Operation(self, read, writes=False).success(ask).run()

    def _opened(self, changed: Any) -> None:
        self.caseOpened.emit(getattr(changed, "case_id", 0) or 0)
        self.load(self.db, self.user, self.customer_id)

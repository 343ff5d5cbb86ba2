"""The customer file's Team tab: the owner and the account team (each member with a role
on the account: lead, manager, executive sponsor, service), and each contact person's
counterpart among our people. The owner, a manager or an administrator changes them
(services.teams); the others read. Read when the tab is shown, off the UI thread."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.models.enums import ContactRole, TeamRole
from app.services import teams
from app.services.users import UserInfo

from .customer_form_tabs import RowsModel, make_table
from .labels import label
from .operations import Operation, show_failure


@dataclass(frozen=True)
class TeamFile:
    team: teams.Team
    people: list[tuple[int, str]]


def _read(db: Database, user_id: int | None, customer_id: int) -> TeamFile:
    with db.session() as s:
        return TeamFile(teams.team(s, user_id, customer_id), teams.candidates(s))


def role_name(role: str) -> str:
    """A team role's name (lead, manager, sponsor, service) in the interface language."""
    names = {
        "lead": QCoreApplication.translate("TeamTab", "Account lead"),
        "manager": QCoreApplication.translate("TeamTab", "Account manager"),
        "sponsor": QCoreApplication.translate("TeamTab", "Executive sponsor"),
        "service": QCoreApplication.translate("TeamTab", "Service"),
    }
    return names.get(role, role)


def _narrow(box: QComboBox) -> QComboBox:
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(6)
    return box


class TeamTab(QWidget):
    loaded = Signal()
    changed = Signal(int)
    """The team or a counterpart changed (the customer's id)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teamTab")
        self.db: Database | None = None
        self.user: UserInfo | None = None
        self.customer_id: int | None = None
        self.file: TeamFile | None = None
        self.operation: Operation | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        self.summary = QLabel(self)
        self.summary.setObjectName("teamSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.warning = QLabel(self)
        self.warning.setObjectName("teamWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b03a2e;")
        self.warning.hide()
        layout.addWidget(self.warning)

        caption = QLabel(self.tr("Account team"), self)
        caption.setProperty("caption", True)
        layout.addWidget(caption)
        self.members_model = RowsModel([self.tr("Member"), self.tr("Role on the account")], self)
        self.members_view = make_table(self.members_model, "teamMembers", self)
        self.members_view.setColumnWidth(0, 180)
        self.members_view.selectionModel().currentRowChanged.connect(self._member_chosen)
        layout.addWidget(self.members_view, 1)
        row = QHBoxLayout()
        self.person_box = _narrow(QComboBox(self))
        self.person_box.setObjectName("teamPerson")
        self.role_box = _narrow(QComboBox(self))
        self.role_box.setObjectName("teamRole")
        for role in TeamRole:
            self.role_box.addItem(self.role_name(role.value), role.value)
        self.set_button = QPushButton(self.tr("Add or change"), self)
        self.set_button.setObjectName("teamSet")
        self.set_button.setAutoDefault(False)
        self.set_button.clicked.connect(self.set_member)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setObjectName("teamRemove")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_member)
        row.addWidget(self.person_box, 2)
        row.addWidget(self.role_box, 2)
        row.addWidget(self.set_button)
        row.addWidget(self.remove_button)
        layout.addLayout(row)

        caption = QLabel(self.tr("Their people and our counterparts"), self)
        caption.setProperty("caption", True)
        layout.addWidget(caption)
        self.pairs_model = RowsModel(
            [self.tr("Contact person"), self.tr("Role in buying"), self.tr("Our counterpart")],
            self,
        )
        self.pairs_view = make_table(self.pairs_model, "teamCounterparts", self)
        self.pairs_view.setColumnWidth(0, 150)
        self.pairs_view.setColumnWidth(1, 120)
        self.pairs_view.selectionModel().currentRowChanged.connect(self._contact_chosen)
        layout.addWidget(self.pairs_view, 1)
        row = QHBoxLayout()
        self.counterpart_box = _narrow(QComboBox(self))
        self.counterpart_box.setObjectName("teamCounterpart")
        self.pair_button = QPushButton(self.tr("Pair with the contact"), self)
        self.pair_button.setObjectName("teamPair")
        self.pair_button.setAutoDefault(False)
        self.pair_button.clicked.connect(self.set_counterpart)
        row.addWidget(self.counterpart_box, 1)
        row.addWidget(self.pair_button)
        layout.addLayout(row)
        self.status = QLabel(self)
        self.status.setObjectName("teamStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self._enable(False)

    def role_name(self, role: str) -> str:
        return role_name(role)

    # ------------------------------------------------------------------ read
    def load(
        self, db: Database | None, user: UserInfo | None, customer_id: int | None
    ) -> Operation | None:
        self.db, self.user, self.customer_id = db, user, customer_id
        if db is None or customer_id is None:
            return None
        uid = user.id if user else None
        return (
            Operation(self, lambda _p: _read(db, uid, customer_id), writes=False)
            .success(self._show)
            .failure(lambda e: show_failure(self, e))
            .run()
        )

    def _show(self, f: TeamFile) -> None:
        if f.team.customer_id != self.customer_id:
            return
        self.file = f
        t = f.team
        owner = t.owner_name or self.tr("nobody")
        text = self.tr("Owner: %1 · %n team member(s) besides the owner", "", t.size).replace(
            "%1", owner
        )
        self.summary.setText(text)
        self.warning.setText(
            self.tr("A key account needs at least two team members besides the owner.")
        )
        self.warning.setVisible(t.key_account and t.size < teams.MIN_TEAM)
        members = t.members
        self.members_model.set_rows(
            [
                (
                    m.name + ("" if m.active else " " + self.tr("(left)")),
                    self.role_name(m.role) + (" · " + self.tr("owner") if m.is_owner else ""),
                )
                for m in members
            ],
            [m.user_id for m in members],
        )
        self.pairs_model.set_rows(
            [(c.contact_name, label(c.contact_role), c.user_name or "") for c in t.counterparts],
            [c.contact_id for c in t.counterparts],
        )
        for box, blank in ((self.person_box, None), (self.counterpart_box, self.tr("Nobody"))):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            if blank is not None:
                box.addItem(blank, None)
            for uid, name in f.people:
                box.addItem(name, uid)
            at = box.findData(current)
            box.setCurrentIndex(max(at, 0))
            box.blockSignals(False)
        self._enable(t.may_change)
        self.loaded.emit()

    def _enable(self, may: bool) -> None:
        for w in (
            self.person_box,
            self.role_box,
            self.set_button,
            self.remove_button,
            self.counterpart_box,
            self.pair_button,
        ):
            w.setEnabled(may)
        if not may and self.file is not None:
            self.status.setText(self.tr("The owner or a manager changes the team."))

    def _member_chosen(self, current: Any, _previous: Any = None) -> None:
        if self.file is None:
            return
        uid = self.members_model.row_id(current.row())
        member = next((m for m in self.file.team.members if m.user_id == uid), None)
        if member is None:
            return
        self.person_box.setCurrentIndex(max(self.person_box.findData(uid), 0))
        self.role_box.setCurrentIndex(max(self.role_box.findData(member.role), 0))

    def _contact_chosen(self, current: Any, _previous: Any = None) -> None:
        if self.file is None:
            return
        cid = self.pairs_model.row_id(current.row())
        pair = next((c for c in self.file.team.counterparts if c.contact_id == cid), None)
        if pair is None:
            return
        mate = pair.user_id
        if mate is None:  # suggest the member whose role usually pairs with this contact's
            wanted = teams.SUGGESTED_ROLE.get(ContactRole(pair.contact_role))
            mate = next(
                (m.user_id for m in self.file.team.members if wanted and m.role == wanted.value),
                None,
            )
        self.counterpart_box.setCurrentIndex(max(self.counterpart_box.findData(mate), 0))

    # ----------------------------------------------------------------- write
    def _write(self, work: Any) -> Operation | None:
        if self.db is None or self.customer_id is None:
            return None
        self.status.clear()
        self.operation = (
            Operation(self, lambda _p: work(self.db, self.user.id if self.user else None))
            .success(self._written)
            .failure(self._failed)
            .run()
        )
        return self.operation

    def _written(self, team: teams.Team) -> None:
        self.status.setText(self.tr("Saved."))
        self.changed.emit(team.customer_id)
        if self.file is not None:
            self._show(TeamFile(team, self.file.people))

    def _failed(self, error: BaseException) -> None:
        show_failure(self, error)
        self.load(self.db, self.user, self.customer_id)

    @Slot()
    def set_member(self) -> Operation | None:
        person, role, cid = (
            self.person_box.currentData(),
            self.role_box.currentData(),
            self.customer_id,
        )
        if person is None or role is None or cid is None:
            return None
        return self._write(lambda db, uid: teams.set_member(db, uid, cid, person, role))

    @Slot()
    def remove_member(self) -> Operation | None:
        index = self.members_view.currentIndex()
        person = self.members_model.row_id(index.row()) if index.isValid() else None
        cid = self.customer_id
        if person is None or cid is None:
            self.status.setText(self.tr("Choose a member in the list first."))
            return None
        return self._write(lambda db, uid: teams.remove_member(db, uid, cid, person))

    @Slot()
    def set_counterpart(self) -> Operation | None:
        index = self.pairs_view.currentIndex()
        contact = self.pairs_model.row_id(index.row()) if index.isValid() else None
        if contact is None or self.file is None:
            self.status.setText(self.tr("Choose a contact person in the list first."))
            return None
        pair = next(c for c in self.file.team.counterparts if c.contact_id == contact)
        mate = self.counterpart_box.currentData()
        return self._write(
            lambda db, uid: teams.set_counterpart(db, uid, contact, pair.version, mate)
        )

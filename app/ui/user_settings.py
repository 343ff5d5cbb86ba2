"""Settings ▸ Users: the office's users (add, edit, set or reset a password, deactivate —
never delete), handing a leaving user's work to others with a preview, and the two
office rules on who sees what and who may sign in by the computer's login.

Administrators manage users; managers hand work over; everything goes through
app.services.users, which checks the same rules again."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.models.enums import Role
from app.services import access, users
from app.services.users import ReassignPreview, UserData, UserInfo, UserRow

from . import errors
from .operations import Operation

Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("UserSettings", text)


def role_names() -> dict[Role, str]:
    return {
        Role.ADMIN: _tr("Administrator"),
        Role.MANAGER: _tr("Manager"),
        Role.SALES: _tr("Salesperson"),
        Role.VIEWER: _tr("Viewer (reads only)"),
    }


class UsersModel(QAbstractTableModel):
    KEYS = ("display_name", "username", "role", "password", "money", "active")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[UserRow] = []
        self._titles = {
            "display_name": self.tr("Name"),
            "username": self.tr("User name"),
            "role": self.tr("Role"),
            "password": self.tr("Password"),
            "money": self.tr("Sees money"),
            "active": self.tr("Active"),
        }
        self._roles = role_names()

    def set_rows(self, rows: list[UserRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.KEYS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if role == Qt.ItemDataRole.DisplayRole and horizontal and 0 <= section < len(self.KEYS):
            return self._titles[self.KEYS[section]]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        key = self.KEYS[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return QBrush(QColor("#8a8a8a"))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        yes, no = self.tr("Yes"), self.tr("No")
        if key == "role":
            return self._roles.get(row.role, str(row.role))
        if key == "password":
            return self.tr("Set") if row.has_password else self.tr("None")
        if key == "money":
            return yes if row.may_see_financials else no
        if key == "active":
            return yes if row.active else self.tr("Deactivated")
        return str(getattr(row, key))

    def row_for(self, user_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == user_id), -1)


class PasswordFields:
    """A password and the same again."""

    def __init__(self, form: QFormLayout, parent: QWidget) -> None:
        self.password = QLineEdit(parent)
        self.password.setObjectName("userPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(
            QCoreApplication.translate("UserSettings", "at least %1 characters").replace(
                "%1", str(users.PASSWORD_MIN)
            )
        )
        self.again = QLineEdit(parent)
        self.again.setObjectName("userPasswordAgain")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_tr("Password:"), self.password)
        form.addRow(_tr("Password again:"), self.again)

    def problem(self) -> str | None:
        if self.password.text() != self.again.text():
            return _tr("The two passwords differ.")
        return None


class UserDialog(QDialog):
    """Add a user (``row`` None) or edit one; ``work`` runs the save."""

    def __init__(self, row: UserRow | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userDialog")
        self.setWindowTitle(self.tr("New user") if row is None else self.tr("Edit user"))
        self.row = row
        form = QFormLayout()
        self.username = QLineEdit(row.username if row else "", self)
        self.username.setObjectName("userName")
        self.username.setMaxLength(users.USERNAME_MAX)
        self.display = QLineEdit(row.display_name if row else "", self)
        self.display.setObjectName("userDisplayName")
        self.display.setMaxLength(users.DISPLAY_MAX)
        self.role = QComboBox(self)
        self.role.setObjectName("userRole")
        for role, text in role_names().items():
            self.role.addItem(text, role.value)
        self.role.setCurrentIndex(self.role.findData((row.role if row else Role.SALES).value))
        self.money = QCheckBox(self.tr("May see money figures (amounts, balances)"), self)
        self.money.setObjectName("userMoney")
        self.money.setChecked(row.may_see_financials if row else True)
        self.os_login = QCheckBox(self.tr("May sign in by the computer's login name"), self)
        self.os_login.setObjectName("userOsLogin")
        self.os_login.setChecked(row.os_login_allowed if row else False)
        self.active = QCheckBox(self.tr("Active"), self)
        self.active.setObjectName("userActive")
        self.active.setChecked(row.active if row else True)
        form.addRow(self.tr("User name:"), self.username)
        form.addRow(self.tr("Display name:"), self.display)
        form.addRow(self.tr("Role:"), self.role)
        form.addRow("", self.money)
        form.addRow("", self.os_login)
        form.addRow("", self.active)
        self.passwords = PasswordFields(form, self) if row is None else None
        self.message = QLabel("", self)
        self.message.setObjectName("userMessage")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def data(self) -> UserData:
        return UserData(
            username=self.username.text(),
            display_name=self.display.text(),
            role=Role(self.role.currentData()),
            active=self.active.isChecked(),
            may_see_financials=self.money.isChecked(),
            os_login_allowed=self.os_login.isChecked(),
            email=self.row.email if self.row else None,
        )

    def password(self) -> str | None:
        return (self.passwords.password.text() or None) if self.passwords else None

    def accept(self) -> None:
        problem = self.passwords.problem() if self.passwords else None
        if problem:
            self.message.setText(problem)
            return
        super().accept()


class PasswordDialog(QDialog):
    def __init__(self, row: UserRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passwordDialog")
        self.setWindowTitle(self.tr("Password of %1").replace("%1", row.display_name))
        form = QFormLayout()
        self.fields = PasswordFields(form, self)
        self.message = QLabel(
            self.tr("Leave both empty to remove the password (no sign-in needed)."), self
        )
        self.message.setObjectName("passwordMessage")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def password(self) -> str | None:
        return self.fields.password.text() or None

    def accept(self) -> None:
        problem = self.fields.problem()
        if problem:
            self.message.setText(problem)
            return
        super().accept()


class ReassignDialog(QDialog):
    """Pick the leaving user and who receives their work (several: spread evenly), see
    what will move, confirm."""

    def __init__(
        self,
        db: Database,
        rows: list[UserRow],
        leaving: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.setObjectName("reassignDialog")
        self.setWindowTitle(self.tr("Hand over a user's work"))
        self.preview: ReassignPreview | None = None
        self.preview_operation: Operation | None = None
        self.from_combo = QComboBox(self)
        self.from_combo.setObjectName("reassignFrom")
        for r in rows:
            if r.active:
                self.from_combo.addItem(f"{r.display_name} ({r.username})", r.id)
        if leaving is not None:
            self.from_combo.setCurrentIndex(max(self.from_combo.findData(leaving), 0))
        self.to_list = QListWidget(self)
        self.to_list.setObjectName("reassignTo")
        self._receivers = [r for r in rows if r.active and r.role is not Role.VIEWER]
        self.preview_label = QLabel("", self)
        self.preview_label.setObjectName("reassignPreview")
        self.preview_label.setWordWrap(True)
        self.deactivate = QCheckBox(self.tr("Deactivate the leaving user"), self)
        self.deactivate.setObjectName("reassignDeactivate")
        self.deactivate.setChecked(True)
        form = QFormLayout()
        form.addRow(self.tr("Leaving:"), self.from_combo)
        form.addRow(self.tr("Receives (one or more, spread evenly):"), self.to_list)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Hand over"))
        self.ok_button.setObjectName("reassignOk")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.deactivate)
        layout.addWidget(self.buttons)
        self.from_combo.currentIndexChanged.connect(self._from_changed)
        self.to_list.itemChanged.connect(self._update_ok)
        self._from_changed()

    def from_user(self) -> int | None:
        value = self.from_combo.currentData()
        return int(value) if value is not None else None

    def receivers(self) -> list[int]:
        out = []
        for i in range(self.to_list.count()):
            item = self.to_list.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def check_receiver(self, user_id: int, checked: bool = True) -> None:
        for i in range(self.to_list.count()):
            item = self.to_list.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == user_id:
                state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                item.setCheckState(state)

    def _from_changed(self, *_args: Any) -> None:
        leaving = self.from_user()
        keep = set(self.receivers())
        self.to_list.blockSignals(True)
        self.to_list.clear()
        for r in self._receivers:
            if r.id == leaving:
                continue
            item = QListWidgetItem(f"{r.display_name} ({r.username})", self.to_list)
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if r.id in keep else Qt.CheckState.Unchecked)
        self.to_list.blockSignals(False)
        self.preview = None
        self.preview_label.setText(self.tr("Counting…"))
        self._update_ok()
        if leaving is None:
            self.preview_label.clear()
            return
        db = self.db

        def work(_p: Any) -> ReassignPreview:
            with db.session() as s:
                return users.reassign_preview(s, leaving)

        self.preview_operation = (
            Operation(self, work, writes=False).success(self._show_preview).run()
        )

    def _show_preview(self, preview: ReassignPreview) -> None:
        if preview.from_user_id != self.from_user():
            return
        self.preview = preview
        self.preview_label.setText(
            self.tr("Will move: %1 customers, %2 open deals, %3 open tasks.")
            .replace("%1", str(preview.customers))
            .replace("%2", str(preview.open_deals))
            .replace("%3", str(preview.open_tasks))
            + (
                " " + self.tr("Also %n place(s) on account teams.", "", preview.team_places)
                if preview.team_places
                else ""
            )
        )
        self._update_ok()

    def _update_ok(self, *_args: Any) -> None:
        self.ok_button.setEnabled(self.preview is not None and bool(self.receivers()))


class UserSettingsTab(QWidget):
    """The Users tab of Settings."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("userSettings")
        self.db: Database | None = None
        self.user: UserInfo | None = None
        self.operation: Operation | None = None
        self.dialog: QDialog | None = None
        self.model = UsersModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("usersTable")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda _i: self.edit_user())

        self.add_button = self._button(self.tr("Add…"), "addUser", self.add_user)
        self.edit_button = self._button(self.tr("Edit…"), "editUser", self.edit_user)
        self.password_button = self._button(
            self.tr("Password…"), "userPasswordButton", self.set_password
        )
        self.deactivate_button = self._button(
            self.tr("Deactivate"), "deactivateUser", self.deactivate_user
        )
        self.reassign_button = self._button(
            self.tr("Hand over work…"), "reassignUser", self.reassign
        )
        buttons = QVBoxLayout()  # beside the table: the page stays narrow
        for b in (
            self.add_button,
            self.edit_button,
            self.password_button,
            self.deactivate_button,
            self.reassign_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        table_row = QHBoxLayout()
        table_row.addWidget(self.view, 1)
        table_row.addLayout(buttons)

        office = QGroupBox(self.tr("Office rules"), self)
        self.sees_all = QCheckBox(self.tr("Salespeople see every customer, not only their own"))
        self.sees_all.setObjectName("everyoneSeesAll")
        self.os_login = QCheckBox(self.tr("Allow signing in by the computer's login name"))
        self.os_login.setObjectName("allowOsLogin")
        self.os_login.setToolTip(
            self.tr(
                "Users marked so in their settings then start without a password when their "
                "login name on this computer is their user name."
            )
        )
        for check in (self.sees_all, self.os_login):
            check.setParent(office)
            check.toggled.connect(self._office_changed)
        office_layout = QVBoxLayout(office)
        office_layout.addWidget(self.sees_all)
        office_layout.addWidget(self.os_login)

        self.status = QLabel("", self)
        self.status.setObjectName("usersStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(table_row, 1)
        layout.addWidget(office)
        layout.addWidget(self.status)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self._loading_office = False
        self._office: dict[str, bool] = {}
        self._update_buttons()

    def _button(self, text: str, name: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(lambda _c=False: slot())
        return button

    # ------------------------------------------------------------------ state
    @property
    def is_admin(self) -> bool:
        writable = self.db is not None and not self.db.read_only
        return writable and (self.user is None or self.user.role is Role.ADMIN)

    @property
    def is_manager(self) -> bool:
        writable = self.db is not None and not self.db.read_only
        return writable and (self.user is None or self.user.role in access.MANAGERS)

    def set_context(self, db: Database | None, user: UserInfo | None) -> None:
        self.db, self.user = db, user
        self.refresh()

    def refresh(self) -> Operation | None:
        db = self.db
        if db is None:
            self.model.set_rows([])
            self._update_buttons()
            return None

        def work(_p: Any) -> tuple[list[UserRow], bool, bool]:
            with db.session() as s:
                return (
                    users.list_users(s),
                    bool(access.setting(s, access.EVERYONE_SEES_ALL)),
                    bool(access.setting(s, access.OS_LOGIN)),
                )

        self.operation = Operation(self, work, writes=False).success(self._loaded).run()
        return self.operation

    def _loaded(self, found: tuple[list[UserRow], bool, bool]) -> None:
        rows, sees_all, os_login = found
        selected = self.selected()
        self.model.set_rows(rows)
        if selected is not None and (row := self.model.row_for(selected.id)) >= 0:
            self.view.selectRow(row)
        self._office = {access.EVERYONE_SEES_ALL: sees_all, access.OS_LOGIN: os_login}
        self._loading_office = True
        self.sees_all.setChecked(sees_all)
        self.os_login.setChecked(os_login)
        self._loading_office = False
        self._update_buttons()

    def selected(self) -> UserRow | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows or not 0 <= rows[0].row() < len(self.model.rows):
            return None
        return self.model.rows[rows[0].row()]

    def select_user(self, user_id: int) -> None:
        row = self.model.row_for(user_id)
        if row >= 0:
            self.view.selectRow(row)

    def _update_buttons(self, *_args: Any) -> None:
        row = self.selected()
        admin = self.is_admin
        self.add_button.setEnabled(admin)
        self.edit_button.setEnabled(admin and row is not None)
        self.password_button.setEnabled(
            row is not None
            and self.db is not None
            and not self.db.read_only
            and (admin or (self.user is not None and row.id == self.user.id))
        )
        self.deactivate_button.setEnabled(admin and row is not None and row.active)
        self.reassign_button.setEnabled(self.is_manager and bool(self.model.rows))
        self.sees_all.setEnabled(self.is_manager)
        self.os_login.setEnabled(admin)

    # ---------------------------------------------------------------- actions
    def _user_id(self) -> int | None:
        return self.user.id if self.user else None

    def _run(self, work: Any, done: str) -> Operation:
        def finished(_result: Any) -> None:
            self.status.setText(done)
            self.changed.emit()
            self.refresh()

        self.operation = Operation(self, work).success(finished).failure(self._failed).run()
        return self.operation

    def _failed(self, error: BaseException) -> None:
        from app.errors import ClientelaError

        if isinstance(error, ClientelaError):
            self.status.setText(errors.error_text(error))
        else:
            errors.report_exception(error)
        self.refresh()

    def add_user(self) -> UserDialog:
        dialog = UserDialog(None, self)
        dialog.accepted.connect(lambda: self._save_new(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _save_new(self, dialog: UserDialog) -> Operation | None:
        db = self.db
        if db is None:
            return None
        data, password, by = dialog.data(), dialog.password(), self._user_id()
        return self._run(
            lambda _p: users.add_user(db, by, data, password),
            self.tr("User %1 added.").replace("%1", data.username),
        )

    def edit_user(self) -> UserDialog | None:
        row = self.selected()
        if row is None or not self.is_admin:
            return None
        dialog = UserDialog(row, self)
        dialog.accepted.connect(lambda: self._save_edit(dialog, row))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _save_edit(self, dialog: UserDialog, row: UserRow) -> Operation | None:
        db = self.db
        if db is None:
            return None
        data, by = dialog.data(), self._user_id()
        return self._run(
            lambda _p: users.update_user(db, by, row.id, row.version, data),
            self.tr("User %1 saved.").replace("%1", data.username),
        )

    def set_password(self) -> PasswordDialog | None:
        row = self.selected()
        if row is None or not self.password_button.isEnabled():
            return None
        dialog = PasswordDialog(row, self)
        dialog.accepted.connect(lambda: self._save_password(dialog, row))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _save_password(self, dialog: PasswordDialog, row: UserRow) -> Operation | None:
        db = self.db
        if db is None:
            return None
        password, by = dialog.password(), self._user_id()
        done = (
            self.tr("Password of %1 set.") if password else self.tr("Password of %1 removed.")
        ).replace("%1", row.display_name)
        return self._run(lambda _p: users.set_password(db, by, row.id, password), done)

    def deactivate_user(self) -> Operation | None:
        row = self.selected()
        db = self.db
        if row is None or db is None or not self.is_admin:
            return None
        by = self._user_id()
        return self._run(
            lambda _p: users.deactivate(db, by, row.id),
            self.tr("%1 deactivated: their name stays on their work.").replace(
                "%1", row.display_name
            ),
        )

    def reassign(self) -> ReassignDialog | None:
        db = self.db
        if db is None or not self.is_manager:
            return None
        row = self.selected()
        dialog = ReassignDialog(db, self.model.rows, row.id if row else None, self)
        dialog.accepted.connect(lambda: self._do_reassign(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _do_reassign(self, dialog: ReassignDialog) -> Operation | None:
        db, leaving, to = self.db, dialog.from_user(), dialog.receivers()
        if db is None or leaving is None or not to:
            return None
        deactivate, by = dialog.deactivate.isChecked(), self._user_id()

        def work(_p: Any) -> users.Reassigned:
            return users.reassign(db, by, leaving, to, deactivate=deactivate)

        def finished(result: users.Reassigned) -> None:
            self.status.setText(
                self.tr("Handed over %1 customers, %2 open deals and %3 open tasks.")
                .replace("%1", str(len(result.customer_ids)))
                .replace("%2", str(len(result.deal_ids)))
                .replace("%3", str(len(result.task_ids)))
                + (
                    " "
                    + self.tr(
                        "The team places on %n customer(s) went along.",
                        "",
                        len(result.team_customer_ids),
                    )
                    if result.team_customer_ids
                    else ""
                )
            )
            self.changed.emit()
            self.refresh()

        self.operation = Operation(self, work).success(finished).failure(self._failed).run()
        return self.operation

    def _office_changed(self, *_args: Any) -> Operation | None:
        db = self.db
        if self._loading_office or db is None:
            return None
        wanted = {
            access.EVERYONE_SEES_ALL: self.sees_all.isChecked(),
            access.OS_LOGIN: self.os_login.isChecked(),
        }
        values = {k: v for k, v in wanted.items() if self._office.get(k) != v}
        if not values:
            return None
        self._office.update(values)
        by = self._user_id()
        sees_all = values.get(access.EVERYONE_SEES_ALL)
        os_login = values.get(access.OS_LOGIN)

        def work(_p: Any) -> list[str]:
            return users.set_office_rules(db, by, everyone_sees_all=sees_all, os_login=os_login)

        return self._run(work, self.tr("Office rules saved."))

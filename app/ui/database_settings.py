"""Settings ▸ Database: where the office's data lives (a file on this PC, a file on a
network drive, or a PostgreSQL server), its backups (folder, last good copy, Back up
now), and the way to a server: connect to one, or move this file's data onto an empty
one (services.server_move) and then open it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.db import Database, DbMode
from app.services import backup
from app.services import settings as office_settings
from app.services.server_move import MoveResult, move_to_server

from . import formats
from .operations import Operation, show_failure
from .settings_tab import SettingsTab


def _where(db: Database) -> str:
    if db.path is not None:
        return str(db.path)
    return db.url.render_as_string(hide_password=True)


class DatabaseSettingsTab(SettingsTab):
    openRequested = Signal(str)
    """Open this database (a server URL) in the window."""
    stateChanged = Signal(object)
    """A backup.BackupState after Back up now (the Today page's warning follows it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("databaseSettings")
        self.ask_url = self._ask_url
        """Asks for a server address (tests replace it); "" when cancelled."""
        self.ask_folder = self._ask_folder
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)

        where = QGroupBox(self.tr("This office's database"), self)
        form = QFormLayout(where)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.where_label = QLabel(where)
        self.where_label.setObjectName("databaseWhere")
        self.where_label.setWordWrap(True)
        self.mode_label = QLabel(where)
        self.mode_label.setObjectName("databaseMode")
        self.mode_label.setWordWrap(True)
        form.addRow(self.tr("Location"), self.where_label)
        form.addRow(self.tr("Kind"), self.mode_label)
        server_row = QHBoxLayout()
        self.connect_button = QPushButton(self.tr("Connect to a server…"), where)
        self.connect_button.setObjectName("databaseConnect")
        self.connect_button.clicked.connect(self.connect_server)
        self.move_button = QPushButton(self.tr("Move this office to a server…"), where)
        self.move_button.setObjectName("databaseMove")
        self.move_button.setToolTip(
            self.tr(
                "Copy everything into an empty PostgreSQL database and check every table; "
                "this file is only read"
            )
        )
        self.move_button.clicked.connect(self.move_to_server)
        server_row.addWidget(self.connect_button)
        server_row.addWidget(self.move_button)
        server_row.addStretch(1)
        form.addRow("", server_row)
        layout.addWidget(where)

        backups = QGroupBox(self.tr("Backups"), self)
        bform = QFormLayout(backups)
        bform.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        folder_row = QHBoxLayout()
        self.folder_edit = QLineEdit(backups)
        self.folder_edit.setObjectName("backupFolder")
        self.folder_edit.setPlaceholderText(self.tr("Beside the database, in “backups”"))
        self.folder_button = QPushButton(self.tr("Choose…"), backups)
        self.folder_button.setObjectName("backupChooseFolder")
        self.folder_button.clicked.connect(self._choose_folder)
        self.folder_save = QPushButton(self.tr("Save"), backups)
        self.folder_save.setObjectName("backupSaveFolder")
        self.folder_save.clicked.connect(self.save_folder)
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.folder_button)
        folder_row.addWidget(self.folder_save)
        bform.addRow(self.tr("Folder"), folder_row)
        self.last_label = QLabel(backups)
        self.last_label.setObjectName("backupLast")
        self.last_label.setWordWrap(True)
        bform.addRow(self.tr("Last good backup"), self.last_label)
        self.backup_button = QPushButton(self.tr("Back up now"), backups)
        self.backup_button.setObjectName("backupNow")
        self.backup_button.clicked.connect(self.back_up_now)
        now_row = QHBoxLayout()
        now_row.addWidget(self.backup_button)
        now_row.addStretch(1)
        bform.addRow("", now_row)
        note = QLabel(
            self.tr(
                "The first start of each day makes a copy; the last 14 days and one copy a "
                "month for a year are kept. A server is backed up with its own tools."
            ),
            backups,
        )
        note.setWordWrap(True)
        note.setProperty("caption", True)
        bform.addRow(note)
        layout.addWidget(backups)
        self.status.setObjectName("databaseStatus")
        layout.addWidget(self.status)
        layout.addStretch(1)

    # ------------------------------------------------------------- context
    inline_errors = ()  # a refused folder opens the failure dialog

    def read_only_note(self) -> str:
        return ""

    @property
    def may_edit(self) -> bool:  # backups and the move are for a database file
        db = self.db
        return super().may_edit and db is not None and db.is_sqlite and db.path is not None

    def editable_widgets(self) -> tuple[QWidget, ...]:
        return (
            self.folder_edit,
            self.folder_button,
            self.folder_save,
            self.backup_button,
            self.move_button,
        )

    def load(self) -> Operation | None:
        db = self.db
        if db is None:
            return super().load()
        self.where_label.setText(_where(db))
        modes = {
            DbMode.LOCAL: self.tr("A file on this PC"),
            DbMode.SHARED: self.tr("A file on a network drive, shared by several PCs"),
            DbMode.SERVER: self.tr("A PostgreSQL server"),
        }
        self.mode_label.setText(modes.get(db.mode, str(db.mode)))
        self.set_editable(self.may_edit)
        if not (db.is_sqlite and db.path is not None):
            self._stale = False
            self.last_label.setText(self.tr("Backed up with the server's own tools."))
            return None
        return super().load()

    def read(self, db: Database) -> tuple[str | None, backup.BackupState | None]:
        with db.session() as s:
            chosen = office_settings.read(s, backup.FOLDER_SETTING).get(backup.FOLDER_SETTING)
        return (chosen if isinstance(chosen, str) else None), backup.state(db)

    def show_data(self, result: tuple[str | None, backup.BackupState | None]) -> None:
        chosen, state = result
        self.folder_edit.setText(chosen or "")
        self._show_state(state)

    def _show_state(self, state: backup.BackupState | None) -> None:
        if state is None:
            return
        if state.last_good is None:
            self.last_label.setText(self.tr("None yet in %1").replace("%1", str(state.folder)))
        else:
            self.last_label.setText(
                self.tr("%1 (%n day(s) ago) in %2", "", state.days_old or 0)
                .replace("%1", formats.date(state.last_good))
                .replace("%2", str(state.folder))
            )

    # ------------------------------------------------------------- backups
    def _ask_folder(self) -> str:
        return QFileDialog.getExistingDirectory(self, self.tr("Backup folder"))

    @Slot()
    def _choose_folder(self) -> None:
        folder = self.ask_folder()
        if folder:
            self.folder_edit.setText(folder)

    @Slot()
    def save_folder(self) -> Operation | None:
        folder = self.folder_edit.text().strip()

        def work(db: Database, uid: int | None) -> list[str]:
            def store(s: Any) -> list[str]:
                office_settings.check_may_change(s, uid)
                return office_settings.store(s, uid, {backup.FOLDER_SETTING: folder or None})

            return db.run_write(store)

        return self.run_save(
            work, lambda _changed: self.tr("Saved."), button=self.folder_save, reload=True
        )

    @Slot()
    def back_up_now(self) -> Operation | None:
        db = self.db
        if db is None or db.path is None:
            return None
        stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M%S")

        def work(progress: Any) -> backup.BackupState | None:
            folder = backup.backup_folder(db)
            folder.mkdir(parents=True, exist_ok=True)
            backup.backup(db, folder / f"{db.path.stem}-manual-{stamp}.db", progress)
            backup.daily(db, folder)  # today's dated copy too, when there is none yet
            return backup.state(db)

        self.backup_button.setEnabled(False)
        return (
            Operation(self, work, writes=False)
            .with_progress(self.tr("Backing up…"), cancellable=False)
            .success(self._backed_up)
            .failure(self._backup_failed)
            .run()
        )

    def _backed_up(self, state: backup.BackupState | None) -> None:
        self.backup_button.setEnabled(True)
        self.status.setText(self.tr("Backed up and checked."))
        self._show_state(state)
        self.stateChanged.emit(state)

    def _backup_failed(self, error: BaseException) -> None:
        self.backup_button.setEnabled(True)
        self.status.setText(self.tr("No backup was made."))
        show_failure(self, error)

    # -------------------------------------------------------------- server
    def _ask_url(self, title: str) -> str:
        text, ok = QInputDialog.getText(
            self,
            title,
            self.tr("Server address, e.g. postgresql+psycopg://clientela:password@server/office"),
        )
        return text.strip() if ok else ""

    @Slot()
    def connect_server(self) -> None:
        url = self.ask_url(self.tr("Connect to a server"))
        if url:
            self.openRequested.emit(url)

    @Slot()
    def move_to_server(self) -> Operation | None:
        db = self.db
        if db is None or not self.may_edit:
            return None
        url = self.ask_url(self.tr("Move this office to a server"))
        if not url:
            return None

        def work(progress: Any) -> MoveResult:
            return move_to_server(db, url, progress=progress, cancelled=lambda: progress.cancelled)

        self.status.setText(self.tr("Copying to the server…"))
        return (
            Operation(self, work, writes=False)
            .with_progress(self.tr("Moving the office to the server…"))
            .success(lambda result: self._moved(url, result))
            .failure(self._move_failed)
            .on_cancel(
                lambda: self.status.setText(self.tr("Cancelled; the server was left empty."))
            )
            .run()
        )

    def _moved(self, url: str, result: MoveResult) -> None:
        self.status.setText(
            self.tr("%1 rows copied and counted on both sides.").replace("%1", f"{result.rows:,}")
        )
        box = QMessageBox(self)
        box.setObjectName("movedBox")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Moved"))
        box.setText(
            self.tr(
                "The office's data is on the server. Open it now? Point the other PCs at the "
                "same address (Settings ▸ Database ▸ Connect to a server)."
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close)
        box.buttonClicked.connect(
            lambda button: (
                self.openRequested.emit(url)
                if box.standardButton(button) == QMessageBox.StandardButton.Open
                else None
            )
        )
        self.moved_box = box
        box.open()

    def _move_cancelled(self) -> None:
        self.status.setText(self.tr("Cancelled; the server was left empty."))

    def _move_failed(self, error: BaseException) -> None:
        self.status.setText(self.tr("Nothing was moved."))
        show_failure(self, error)

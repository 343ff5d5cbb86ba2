"""The main window: navigation, pages, the search field, menus and the status bar.

It holds the open ``Database`` and the signed-in user, and hands both to the pages.
Opening, creating and switching databases run as operations, so a database locked by
another PC shows a message instead of a frozen window.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from app import __version__, paths
from app.db import Database, DbMode, open_database
from app.errors import ClientelaError, DatabaseBusyError
from app.services.users import Start, UserInfo, os_login_name
from app.services.users import start as start_session

from . import errors, settings_store, style
from .change_watcher import ChangeWatcher
from .daily_backup import DailyBackup
from .operations import Operation, task_manager
from .pages import PAGE_NAMES, PAGES, Page
from .sign_in_dialog import SignInDialog
from .welcome_dialog import WelcomeDialog

STATE_KEY = "mainwindow"
PAGE_KEY = "mainwindow/page"
DEFAULT_SIZE = QSize(1200, 800)
DB_FILTER = "*.db *.sqlite *.sqlite3 *.clientela"


class MainWindow(QMainWindow):
    databaseChanged = Signal(object)
    """A database was opened (the ``Database``), or closed (None)."""
    userChanged = Signal(object)
    """The signed-in user (``UserInfo`` or None) is known or changed."""
    searchRequested = Signal(str)
    pageChanged = Signal(str)

    def __init__(
        self,
        db: Database | None = None,
        *,
        user_name: str | None = None,
        shared_drive: bool | None = None,
        offer_welcome: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.setStyleSheet(style.MAIN_WINDOW)
        self._db: Database | None = None
        self._user: UserInfo | None = None
        self._user_name = user_name
        self._shared_drive = shared_drive
        self.offer_welcome = offer_welcome
        self.welcome_dialog: WelcomeDialog | None = None
        self.sign_in_dialog: SignInDialog | None = None
        self._awaiting_sign_in = False
        self.open_operation: Operation | None = None
        self.session_operation: Operation | None = None
        self._opening: str | None = None

        self._build_central()
        self._build_toolbar()
        self._build_menus()
        self._build_status_bar()

        self.resize(_default_size(self))
        settings_store.restore_window_state(self, STATE_KEY)
        last = settings_store.value(PAGE_KEY, PAGE_NAMES[0])
        self.switch_to_page(last if last in PAGE_NAMES else PAGE_NAMES[0])
        task_manager().lockWait.connect(self._on_lock_wait)
        self.customer_windows: dict[int | None, QWidget] = {}
        self.daily_backup = DailyBackup(self)
        self.daily_backup.stateKnown.connect(
            self.pages["today"].show_backup_state  # type: ignore[attr-defined]
        )
        self._backed_up: Database | None = None
        self.change_watcher = ChangeWatcher(self)
        self.change_watcher.changed.connect(self.data_changed)
        for page in self.pages.values():
            page.openCustomer.connect(self.open_customer)
            page.openDeal.connect(self.open_deal)
        customers_page = self.pages["customers"]
        customers_page.newCustomer.connect(self.new_customer)  # type: ignore[attr-defined]
        self.pages["settings"].stagesChanged.connect(  # type: ignore[attr-defined]
            self.pages["pipeline"].reload  # type: ignore[attr-defined]
        )
        self.pages["settings"].openDatabaseRequested.connect(  # type: ignore[attr-defined]
            self.open_target
        )
        self.pages["settings"].database_settings.stateChanged.connect(  # type: ignore[attr-defined]
            self.pages["today"].show_backup_state  # type: ignore[attr-defined]
        )
        self.searchRequested.connect(self.show_search_results)

        if db is not None:
            self.set_database(db)
        else:
            self._show_database_state()

    # ---------------------------------------------------------------- build
    @Slot()
    def data_changed(self) -> None:
        """Someone saved something: the pages and the open customer files read again
        (a file with unsaved typing keeps what was typed)."""
        from .customer_form import CustomerForm

        for page in self.pages.values():
            page.data_changed()
        for form in list(self.customer_windows.values()):
            if isinstance(form, CustomerForm) and form.customer_id is not None and not form.busy:
                form.load()

    @Slot(int)
    def open_deal(self, deal_id: int) -> QWidget | None:
        """The deal's form, kept by the pipeline page (which reloads when it is saved)."""
        return self.pages["pipeline"].open_deal_id(deal_id)  # type: ignore[attr-defined]

    def _build_central(self) -> None:
        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        self.read_only_banner = QFrame(central)
        self.read_only_banner.setObjectName("readOnlyBanner")
        banner_row = QHBoxLayout(self.read_only_banner)
        banner_row.setContentsMargins(16, 8, 16, 8)
        self.read_only_label = QLabel(self.read_only_banner)
        self.read_only_label.setObjectName("readOnlyBannerText")
        self.read_only_label.setWordWrap(True)
        banner_row.addWidget(self.read_only_label, 1)
        self.read_only_banner.hide()
        outer.addWidget(self.read_only_banner)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.navigation = QListWidget(central)
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(200)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.navigation.setAccessibleName(self.tr("Navigation"))
        self.stack = QStackedWidget(central)
        self.stack.setObjectName("pages")
        self.pages: dict[str, Page] = {}
        for page_class in PAGES:
            page = page_class(self.stack)
            self.pages[page.name] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(page.title(), self.navigation)
            item.setData(Qt.ItemDataRole.UserRole, page.name)
            item.setSizeHint(QSize(0, 40))
        self.navigation.currentRowChanged.connect(self._on_row_changed)
        row.addWidget(self.navigation)
        row.addWidget(self.stack, 1)
        outer.addLayout(row, 1)
        self.setCentralWidget(central)

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Search"), self)
        bar.setObjectName("mainToolBar")
        bar.setMovable(False)
        bar.setFloatable(False)
        bar.toggleViewAction().setEnabled(False)
        self.search_field = QLineEdit(bar)
        self.search_field.setObjectName("globalSearch")
        self.search_field.setPlaceholderText(self.tr("Search customers: name, phone, plate, card…"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setFixedWidth(460)
        self.search_field.setAccessibleName(self.tr("Search customers"))
        self.search_field.returnPressed.connect(self._on_search)
        spacer = QWidget(bar)
        spacer.setFixedWidth(self.navigation.width() + 20)
        bar.addWidget(spacer)
        bar.addWidget(self.search_field)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self.toolbar = bar
        for keys in (QKeySequence("Ctrl+K"), QKeySequence(QKeySequence.StandardKey.Find)):
            shortcut = QShortcut(keys, self)
            shortcut.activated.connect(self.focus_search)

    def _build_menus(self) -> None:
        menu_bar = self.menuBar()
        file_menu = menu_bar.addMenu(self.tr("&File"))
        file_menu.setObjectName("fileMenu")
        self.new_action = file_menu.addAction(self.tr("&New database…"))
        self.new_action.setObjectName("actionNewDatabase")
        self.new_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.new_action.triggered.connect(self.new_database_dialog)
        self.open_action = file_menu.addAction(self.tr("&Open database…"))
        self.open_action.setObjectName("actionOpenDatabase")
        self.open_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Open))
        self.open_action.triggered.connect(self.open_database_dialog)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self.rebuild_recent_menu)
        file_menu.addSeparator()
        self.import_action = file_menu.addAction(self.tr("&Import customers…"))
        self.import_action.setObjectName("actionImportCustomers")
        self.import_action.triggered.connect(self.import_customers)
        self.invite_action = file_menu.addAction(self.tr("Invite customers to an &event…"))
        self.invite_action.setObjectName("actionInviteToEvent")
        self.invite_action.triggered.connect(
            lambda: self.pages["customers"].invite_to_event()  # type: ignore[attr-defined]
        )
        self.export_action = file_menu.addAction(self.tr("E&xport data…"))
        self.export_action.setObjectName("actionExportData")
        self.export_action.triggered.connect(self.export_data)
        file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("&Quit"))
        quit_action.setObjectName("actionQuit")
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        self.rebuild_recent_menu()

        view_menu = menu_bar.addMenu(self.tr("&View"))
        view_menu.setObjectName("viewMenu")
        self.page_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        group.setExclusive(True)
        for index, name in enumerate(PAGE_NAMES, start=1):
            action = view_menu.addAction(self.pages[name].title())
            action.setObjectName(f"actionPage_{name}")
            action.setCheckable(True)
            action.setShortcut(QKeySequence(f"Ctrl+{index}"))
            action.triggered.connect(lambda _checked=False, page=name: self.switch_to_page(page))
            group.addAction(action)
            self.page_actions[name] = action

        help_menu = menu_bar.addMenu(self.tr("&Help"))
        help_menu.setObjectName("helpMenu")
        about = help_menu.addAction(self.tr("&About Clientela"))
        about.setObjectName("actionAbout")
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self.show_about)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setObjectName("statusBar")
        self.status_location = QLabel(bar)
        self.status_location.setObjectName("statusLocation")
        self.status_location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_mode = QLabel(bar)
        self.status_mode.setObjectName("statusMode")
        self.status_user = QLabel(bar)
        self.status_user.setObjectName("statusUser")
        bar.addPermanentWidget(self.status_location, 1)
        bar.addPermanentWidget(_separator(bar))
        bar.addPermanentWidget(self.status_mode)
        bar.addPermanentWidget(_separator(bar))
        bar.addPermanentWidget(self.status_user)
        self.status_sign_in = QPushButton(self.tr("Sign in…"), bar)
        self.status_sign_in.setObjectName("statusSignIn")
        self.status_sign_in.setFlat(True)
        self.status_sign_in.clicked.connect(lambda: self.show_sign_in())
        self.status_sign_in.hide()
        bar.addPermanentWidget(self.status_sign_in)

    # ------------------------------------------------------------- pages
    def switch_to_page(self, name: str) -> None:
        if name not in self.pages:
            raise ValueError(f"no page called {name!r}; pages: {', '.join(PAGE_NAMES)}")
        self.navigation.setCurrentRow(PAGE_NAMES.index(name))

    def current_page_name(self) -> str:
        return PAGE_NAMES[self.stack.currentIndex()]

    def page(self, name: str) -> Page:
        return self.pages[name]

    @Slot(int)
    def _on_row_changed(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        name = PAGE_NAMES[row]
        self.page_actions[name].setChecked(True)
        self.pageChanged.emit(name)

    @Slot()
    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    @Slot()
    def _on_search(self) -> None:
        self.searchRequested.emit(self.search_field.text().strip())

    # --------------------------------------------------------- customers
    @Slot(str)
    def show_search_results(self, text: str) -> None:
        """Enter in the search field: the customers page, filtered by what was typed."""
        self.switch_to_page("customers")
        self.pages["customers"].show_text(text)  # type: ignore[attr-defined]

    @Slot(int)
    def open_customer(self, customer_id: int | None) -> QWidget | None:
        """The customer's file in a window of its own (one per customer)."""
        if self._db is None:
            return None
        existing = self.customer_windows.get(customer_id)
        if existing is not None and customer_id is not None:
            existing.show()
            existing.raise_()
            existing.activateWindow()
            return existing
        from .customer_form import CustomerForm

        form = CustomerForm(self._db, self._user, customer_id=customer_id, parent=None)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(self._customer_saved)
        form.openCustomer.connect(self.open_customer)
        form.destroyed.connect(lambda *_: self._forget_form(form))
        self.customer_windows[customer_id] = form
        form.show()
        return form

    @Slot()
    def new_customer(self) -> QWidget | None:
        if self._user is not None and not self._user.may_write:
            return None  # a viewer adds nothing (the button is hidden too)
        self.customer_windows.pop(None, None)
        return self.open_customer(None)

    def _forget_form(self, form: QWidget) -> None:
        for key, value in list(self.customer_windows.items()):
            if value is form:
                del self.customer_windows[key]

    @Slot(int)
    def _customer_saved(self, customer_id: int) -> None:
        form = self.sender()
        if isinstance(form, QWidget) and self.customer_windows.get(None) is form:
            del self.customer_windows[None]
            self.customer_windows[customer_id] = form
        self.pages["customers"].model.refresh()  # type: ignore[attr-defined]

    @Slot()
    def import_customers(self) -> QWidget | None:
        """File ▸ Import customers…: the import dialog; the customers page refreshes
        after an import went in."""
        if self._db is None:
            return None
        from .import_dialog import ImportDialog

        dialog = ImportDialog(self._db, self._user, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(
            lambda _result: self.pages["customers"].model.refresh()  # type: ignore[attr-defined]
        )
        dialog.open()
        return dialog

    @Slot()
    def export_data(self) -> QWidget | None:
        """File ▸ Export data…: any table, for one salesperson or all, over some days."""
        if self._db is None:
            return None
        from .export_dialog import ExportDialog

        dialog = ExportDialog(self._db, self._user, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # ---------------------------------------------------------- database
    @property
    def database(self) -> Database | None:
        return self._db

    @property
    def user(self) -> UserInfo | None:
        return self._user

    def set_database(self, db: Database) -> None:
        """Show ``db`` (already open); the previous database is closed once the writes
        queued on it are done."""
        old = self._db
        if self.welcome_dialog is not None and old is not db:
            self.welcome_dialog.reject()  # it belongs to the database being left
        if self.sign_in_dialog is not None and old is not db:
            self.sign_in_dialog.reject()  # so does this
        self._db = db
        self._user = None
        self._opening = None
        if old is not None and old is not db:
            task_manager().submit_write(old.dispose)
        if db.path is not None:
            settings_store.add_recent_database(db.path)
            self.rebuild_recent_menu()
        # no page shows anything of ``db`` before we know who is signed in
        for page in self.pages.values():
            page.set_context(None, None)
        self.change_watcher.watch(db)
        self._show_database_state()
        self.databaseChanged.emit(db)
        self.load_session(offer_welcome=self.offer_welcome)

    def load_session(self, *, offer_welcome: bool = False) -> Operation | None:
        """Find the signed-in user (and whether the database is empty) off the UI thread."""
        db = self._db
        if db is None:
            return None
        name = self._user_name

        def work(_progress: Any) -> Start:
            return start_session(db, name)

        self.session_operation = (
            Operation(self, work, writes=False)
            .success(functools.partial(self._session_loaded, db, offer_welcome))
            .run()
        )
        return self.session_operation

    def _session_loaded(self, db: Database, offer_welcome: bool, result: Start) -> None:
        if db is not self._db:
            return  # another database was opened meanwhile
        if result.needs_sign_in:
            self._user = None
            self._awaiting_sign_in = True
            self._show_user()
            self.show_sign_in(result.suggested_name)
            return
        self._signed_in(db, result.user, result.empty and offer_welcome)

    def show_sign_in(self, username: str | None = None) -> SignInDialog | None:
        """Ask for a name and password (the database has passwords); the pages stay
        empty until someone signs in."""
        db = self._db
        if db is None:
            return None
        if self.sign_in_dialog is not None:
            self.sign_in_dialog.raise_()
            return self.sign_in_dialog
        location = db.location
        dialog = SignInDialog(db, self, username=username or self._user_name, location=location)
        dialog.finished.connect(functools.partial(self._sign_in_finished, db, dialog))
        self.sign_in_dialog = dialog
        self.status_sign_in.hide()
        dialog.open()
        return dialog

    def _sign_in_finished(self, db: Database, dialog: SignInDialog, _result: int) -> None:
        self.sign_in_dialog = None
        dialog.deleteLater()
        if db is not self._db:
            return
        if dialog.user is None:
            self.status_sign_in.show()  # cancelled: nothing shown, sign in from here
            return
        self._signed_in(db, dialog.user, False)

    def _signed_in(self, db: Database, user: UserInfo | None, empty: bool) -> None:
        """``user`` is known (None: a database without users); ``empty``: offer the
        welcome dialog."""
        self._user = user
        self._awaiting_sign_in = False
        self.status_sign_in.hide()
        for page in self.pages.values():
            page.set_context(db, user)
        self._show_user()
        self.userChanged.emit(user)
        if self._backed_up is not db:
            self._backed_up = db
            self.daily_backup.start(db)
        if empty and not db.read_only:
            self.show_welcome()

    def show_welcome(self) -> WelcomeDialog | None:
        if self._db is None:
            return None
        username = self._user_name or os_login_name() or "admin"
        dialog = WelcomeDialog(self._db, self, username=username)
        dialog.finished.connect(self._welcome_finished)
        self.welcome_dialog = dialog
        dialog.open()
        return dialog

    @Slot(int)
    def _welcome_finished(self, _result: int) -> None:
        admin = None
        if self.welcome_dialog is not None:
            admin = self.welcome_dialog.signed_in
            self.welcome_dialog.deleteLater()
            self.welcome_dialog = None
        if admin is not None and self._db is not None:
            self._signed_in(self._db, admin, False)  # the admin just chose the password
            return
        self.load_session(offer_welcome=False)

    def open_target(self, target: str | Path | None, *, create: bool = False) -> Operation:
        """Open a file or URL (None: the default database) off the UI thread, then show
        it. A failure keeps the current database and says why."""
        shared = self._shared_drive

        def work(_progress: Any) -> Database:
            return open_database(target, shared_drive=shared, create=create)

        where = _display_target(target)
        self._opening = where
        if self._db is None:
            self._show_database_state()
        label = self.tr("Opening %1…").replace("%1", where)
        self.open_operation = (
            Operation(self, work)
            .with_progress(label, cancellable=False)
            .success(self.set_database)
            .failure(functools.partial(self._open_failed, target, create))
            .run()
        )
        return self.open_operation

    def _open_failed(self, target: str | Path | None, create: bool, error: BaseException) -> None:
        self._opening = None
        self._show_database_state()
        if not isinstance(error, ClientelaError):
            errors.report_exception(error)
            return
        box = QMessageBox(self)
        box.setObjectName("openFailedBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Clientela"))
        box.setText(self.tr("The database could not be opened."))
        box.setInformativeText(errors.error_text(error))
        retry = None
        if isinstance(error, DatabaseBusyError):
            retry = box.addButton(self.tr("Try again"), QMessageBox.ButtonRole.AcceptRole)
            retry.setObjectName("retryButton")
        other = box.addButton(self.tr("Open another…"), QMessageBox.ButtonRole.ActionRole)
        other.setObjectName("openAnotherButton")
        if self._db is None:
            close = box.addButton(self.tr("Quit"), QMessageBox.ButtonRole.RejectRole)
        else:
            close = box.addButton(QMessageBox.StandardButton.Close)
        close.setObjectName("closeButton")
        box.setDefaultButton(retry or other)
        box.setEscapeButton(close)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def clicked(button: Any) -> None:
            if retry is not None and button is retry:
                self.open_target(target, create=create)
            elif button is other:
                self.open_database_dialog()
            elif self._db is None:
                self.close()

        box.buttonClicked.connect(clicked)
        box.open()

    def _start_folder(self) -> str:
        if self._db is not None and self._db.path is not None:
            return str(self._db.path.parent)
        return str(paths.data_dir())

    def _filter(self) -> str:
        return (
            self.tr("Clientela databases (%1)").replace("%1", DB_FILTER)
            + ";;"
            + self.tr("All files (*)")
        )

    @Slot()
    def open_database_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open database"), self._start_folder(), self._filter()
        )
        if path:
            self.open_target(path)

    @Slot()
    def new_database_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("New database"),
            str(Path(self._start_folder()) / "clientela.db"),
            self._filter(),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.new_database(path)

    def new_database(self, path: str | Path) -> Operation | None:
        """Create an empty database at ``path`` and switch to it; an existing file is
        never replaced."""
        p = Path(path)
        if not p.suffix:
            p = p.with_suffix(".db")
        if p.exists():
            box = QMessageBox(self)
            box.setObjectName("newDatabaseExistsBox")
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(self.tr("Clientela"))
            box.setText(
                self.tr("%1 already exists. Use Open database… to open it.").replace("%1", str(p))
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            return None
        return self.open_target(p, create=True)

    @Slot()
    def rebuild_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        recent = settings_store.recent_databases()
        for index, location in enumerate(recent, start=1):
            exists = Path(location).exists()
            text = f"&{index}  {location.replace('&', '&&')}"
            if not exists:
                text += "  " + self.tr("(not found)")
            action = menu.addAction(text)
            action.setData(location)
            action.setEnabled(exists)
            action.triggered.connect(lambda _checked=False, where=location: self.open_target(where))
        if recent:
            menu.addSeparator()
        clear = menu.addAction(self.tr("Clear list"))
        clear.setObjectName("actionClearRecent")
        clear.setEnabled(bool(recent))
        clear.triggered.connect(self._clear_recent)

    def recent_actions(self) -> list[QAction]:
        return [a for a in self.recent_menu.actions() if isinstance(a.data(), str)]

    @Slot()
    def _clear_recent(self) -> None:
        settings_store.clear_recent_databases()
        self.rebuild_recent_menu()

    # ------------------------------------------------------------ status
    def mode_text(self) -> str:
        db = self._db
        if db is None:
            return ""
        text = {
            DbMode.LOCAL: self.tr("Local file"),
            DbMode.SHARED: self.tr("Shared drive"),
            DbMode.SERVER: self.tr("Server"),
        }[db.mode]
        if db.read_only:
            text += " · " + self.tr("read-only")
        return text

    def _show_database_state(self) -> None:
        db = self._db
        if db is None:
            self.setWindowTitle(self.tr("Clientela"))
            if self._opening is not None:
                self.status_location.setText(self.tr("Opening %1…").replace("%1", self._opening))
            else:
                self.status_location.setText(self.tr("No database open"))
            self.status_location.setToolTip("")
            self.status_mode.setText("")
            self.read_only_banner.hide()
            self._show_user()
            return
        name = db.path.name if db.path is not None else (db.url.database or db.location)
        self.setWindowTitle(self.tr("Clientela — %1").replace("%1", name))
        self.status_location.setText(db.location)
        self.status_location.setToolTip(db.location)
        self.status_mode.setText(self.mode_text())
        if db.read_only:
            reason = QCoreApplication.translate(
                "db", db.read_only_reason or "this database is open read-only"
            )
            self.read_only_label.setText(reason[:1].upper() + reason[1:] + ".")
            self.read_only_banner.show()
        else:
            self.read_only_banner.hide()
        self._show_user()

    def _show_user(self) -> None:
        user = self._user
        if user is not None:
            self.status_user.setText(user.display_name)
            self.status_user.setToolTip(f"{user.username} ({user.role.value})")
        elif self._db is not None and self._user_name and not self._awaiting_sign_in:
            self.status_user.setText(self.tr("Unknown user: %1").replace("%1", self._user_name))
            self.status_user.setToolTip("")
        else:
            self.status_user.setText(self.tr("Not signed in"))
            self.status_user.setToolTip("")

    @Slot(int)
    def _on_lock_wait(self, _attempt: int) -> None:
        self.statusBar().showMessage(
            self.tr("Another PC is writing to the database; waiting…"), 5000
        )

    # -------------------------------------------------------------- misc
    @Slot()
    def show_about(self) -> QMessageBox:
        box = QMessageBox(self)
        box.setObjectName("aboutBox")
        box.setWindowTitle(self.tr("About Clientela"))
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.setText(f"<b>Clientela {__version__}</b>")
        box.setInformativeText(self.tr("A customer relationship manager for small sales offices."))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def closeEvent(self, event: QCloseEvent) -> None:
        for form in list(self.customer_windows.values()):
            if not form.close():
                event.ignore()
                return
        settings_store.save_window_state(self, STATE_KEY)
        settings_store.set_value(PAGE_KEY, self.current_page_name())
        self.change_watcher.watch(None)
        manager = task_manager()
        manager.cancel_all()
        if self._db is not None:
            # The pages forget the database, so no timer of theirs reads it once closed.
            for page in self.pages.values():
                page.set_context(None, None)
            manager.submit_write(self._db.dispose)
        super().closeEvent(event)


def _display_target(target: str | Path | None) -> str:
    """A path as it is; a server address without its password."""
    if target is None:
        return str(paths.default_db_path())
    text = str(target)
    if "://" in text:
        try:
            return make_url(text).render_as_string(hide_password=True)
        except (ArgumentError, ValueError):
            return text.split("://", 1)[0] + "://…"
    return text


def _default_size(widget: QWidget) -> QSize:
    """1200×800, or less on a small screen (a 1366×768 laptop)."""
    screen = widget.screen()
    if screen is None:
        return DEFAULT_SIZE
    room = screen.availableSize() * 0.95
    return DEFAULT_SIZE.boundedTo(room) if room.isValid() and not room.isEmpty() else DEFAULT_SIZE


def _separator(parent: QWidget) -> QFrame:
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.VLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line

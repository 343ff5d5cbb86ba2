"""The main window: pages, search, status bar, read-only banner, recent databases,
window state, and switching databases."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QPushButton

from app import __version__
from app.db import Database, open_database
from app.services.users import ensure_admin
from app.ui import settings_store
from app.ui.main_window import MainWindow
from app.ui.pages import PAGE_NAMES, PlaceholderPage

TIMEOUT = 10_000


def _open(qtbot, db: Database, **kwargs) -> MainWindow:  # type: ignore[no-untyped-def]
    w = MainWindow(db, **kwargs)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _wait_open(qtbot, window: MainWindow, target: Path, *, create: bool = False) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.databaseChanged, timeout=TIMEOUT):
        window.open_target(target, create=create)
    qtbot.waitUntil(lambda: not window.session_operation.running, timeout=TIMEOUT)


def test_window_has_the_seven_pages_in_order(window: MainWindow) -> None:
    assert window.objectName() == "MainWindow"
    nav = window.navigation
    titles = [nav.item(i).text() for i in range(nav.count())]
    assert titles == [
        "Today",
        "Customers",
        "Front desk",
        "Pipeline",
        "Tasks",
        "Cases",
        "Products",
        "Reports",
        "Settings",
    ]
    for name in PAGE_NAMES:
        page = window.page(name)
        assert page.objectName() == f"page_{name}"
        if isinstance(page, PlaceholderPage):
            placeholder = page.findChild(QLabel, "pagePlaceholder")
            assert placeholder is not None and placeholder.text()


def test_clicking_the_navigation_switches_pages(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    nav = window.navigation
    for row, name in reversed(list(enumerate(PAGE_NAMES))):
        rect = nav.visualItemRect(nav.item(row))
        with qtbot.waitSignal(window.pageChanged, timeout=TIMEOUT) as signal:
            qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert signal.args == [name]
        assert window.stack.currentWidget().objectName() == f"page_{name}"
        assert window.current_page_name() == name
        assert window.page_actions[name].isChecked()
        title = window.stack.currentWidget().findChild(QLabel, "pageTitle")
        assert title.isVisible() and title.text() == nav.item(row).text()


def test_ctrl_digits_switch_pages(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=TIMEOUT)
    keys = [Qt.Key.Key_1 + i for i in range(len(PAGE_NAMES))]
    for key, name in reversed(list(zip(keys, PAGE_NAMES, strict=True))):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.current_page_name() == name
        assert window.navigation.currentRow() == PAGE_NAMES.index(name)


def test_switch_to_page_by_name(window: MainWindow) -> None:
    window.switch_to_page("pipeline")
    assert window.stack.currentWidget().objectName() == "page_pipeline"
    with pytest.raises(ValueError, match="no page"):
        window.switch_to_page("nowhere")


def test_search_field_is_focused_by_ctrl_k_and_ctrl_f(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=TIMEOUT)
    search = window.findChild(type(window.search_field), "globalSearch")
    assert search is window.search_field
    assert search.placeholderText() == "Search customers: name, phone, plate, card…"
    for key in (Qt.Key.Key_K, Qt.Key.Key_F):
        window.navigation.setFocus()
        qtbot.waitUntil(lambda: not search.hasFocus(), timeout=TIMEOUT)
        qtbot.keyClick(window.navigation, key, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(search.hasFocus, timeout=TIMEOUT)
    qtbot.keyClicks(search, " 138 ")
    with qtbot.waitSignal(window.searchRequested, timeout=TIMEOUT) as signal:
        qtbot.keyClick(search, Qt.Key.Key_Return)
    assert signal.args == ["138"]


@pytest.mark.sqlite_only  # database files
def test_status_bar_shows_location_mode_and_user(window: MainWindow, admin_db: Database) -> None:
    assert window.findChild(QLabel, "statusLocation").text() == str(admin_db.path)
    assert window.findChild(QLabel, "statusMode").text() == "Local file"
    assert window.findChild(QLabel, "statusUser").text() == "Ada Admin"
    assert window.windowTitle() == f"Clientela — {admin_db.path.name}"
    assert not window.findChild(type(window.read_only_banner), "readOnlyBanner").isVisible()


def test_shared_drive_mode_in_the_status_bar(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = open_database(tmp_path / "office.db", shared_drive=True)
    try:
        ensure_admin(db, "ada")
        w = _open(qtbot, db)
        assert w.findChild(QLabel, "statusMode").text() == "Shared drive"
    finally:
        db.dispose()


def test_unknown_user_name_is_said(qtbot, admin_db: Database) -> None:  # type: ignore[no-untyped-def]
    w = _open(qtbot, admin_db, user_name="nobody")
    qtbot.waitUntil(lambda: "nobody" in w.status_user.text(), timeout=TIMEOUT)
    assert w.user is None
    assert w.status_user.text() == "Unknown user: nobody"


@pytest.mark.sqlite_only  # database files
def test_a_database_from_a_newer_version_opens_read_only_with_a_banner(
    qtbot, db_path: Path
) -> None:  # type: ignore[no-untyped-def]
    open_database(db_path).dispose()
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num='ffff9999'")
    conn.close()
    db = open_database(db_path)
    try:
        assert db.read_only
        w = _open(qtbot, db)
        banner = w.findChild(type(w.read_only_banner), "readOnlyBanner")
        assert banner.isVisible()
        assert "newer version of Clientela" in w.read_only_label.text()
        assert w.status_mode.text() == "Local file · read-only"
        # empty, but read-only: nothing is offered that would write
        qtbot.waitUntil(lambda: not w.session_operation.running, timeout=TIMEOUT)
        assert w.welcome_dialog is None
    finally:
        db.dispose()
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("ffff9999",)
    conn.close()


@pytest.mark.sqlite_only  # database files
def test_opening_databases_updates_and_keeps_the_recent_list(
    qtbot, window: MainWindow, admin_db: Database, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    window.offer_welcome = False
    _wait_open(qtbot, window, first, create=True)
    assert window.database is not None and window.database.path == first
    assert window.windowTitle() == "Clientela — first.db"
    _wait_open(qtbot, window, second, create=True)
    assert window.status_location.text() == str(second)
    expected = [str(second), str(first), str(admin_db.path)]
    assert settings_store.recent_databases() == expected
    assert [a.data() for a in window.recent_actions()] == expected

    # kept in the settings file: a new window lists them (its own database first); a
    # missing file is listed but disabled
    first.unlink()
    again = _open(qtbot, admin_db, offer_welcome=False)
    actions = {a.data(): a for a in again.recent_actions()}
    assert list(actions) == [str(admin_db.path), str(second), str(first)]
    assert not actions[str(first)].isEnabled()
    assert "(not found)" in actions[str(first)].text()
    assert actions[str(second)].isEnabled()

    # opening from the menu
    with qtbot.waitSignal(again.databaseChanged, timeout=TIMEOUT):
        actions[str(second)].trigger()
    assert again.database.path == second


def test_recent_list_holds_at_most_eight(qtbot) -> None:  # type: ignore[no-untyped-def]
    for i in range(12):
        settings_store.add_recent_database(f"/nowhere/{i}.db")
    settings_store.add_recent_database("/nowhere/3.db")
    recent = settings_store.recent_databases()
    assert len(recent) == settings_store.MAX_RECENT
    assert recent[:3] == ["/nowhere/3.db", "/nowhere/11.db", "/nowhere/10.db"]
    settings_store.clear_recent_databases()
    assert settings_store.recent_databases() == []


@pytest.mark.sqlite_only  # database files
def test_a_file_that_is_not_a_database_keeps_the_current_one(
    qtbot, window: MainWindow, admin_db: Database, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    junk = tmp_path / "notes.db"
    junk.write_text("shopping list", encoding="utf-8")
    op = window.open_target(junk)
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    box = window.findChild(QMessageBox, "openFailedBox")
    assert box is not None and box.isVisible()
    assert "is not a Clientela database" in box.informativeText()
    assert window.database is admin_db
    assert window.status_location.text() == str(admin_db.path)
    assert box.findChild(QPushButton, "openAnotherButton") is not None
    box.close()


@pytest.mark.sqlite_only  # database files
def test_new_database_never_replaces_a_file(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    existing = tmp_path / "taken.db"
    existing.write_bytes(b"")
    assert window.new_database(existing) is None
    box = window.findChild(QMessageBox, "newDatabaseExistsBox")
    assert box is not None and "already exists" in box.text()
    box.close()
    window.offer_welcome = False
    with qtbot.waitSignal(window.databaseChanged, timeout=TIMEOUT):
        window.new_database(tmp_path / "fresh")
    assert window.database.path == tmp_path / "fresh.db"


def test_geometry_and_page_are_restored(qtbot, admin_db: Database) -> None:  # type: ignore[no-untyped-def]
    w = _open(qtbot, admin_db, offer_welcome=False)
    assert w.size() == QSize(1200, 800).boundedTo(w.screen().availableSize() * 0.95)
    w.resize(760, 700)
    w.switch_to_page("reports")
    w.close()  # the window closes its database once its reads are done
    reopened = open_database(admin_db.target)
    again = _open(qtbot, reopened, offer_welcome=False)
    assert again.size() == QSize(760, 700)
    assert again.current_page_name() == "reports"
    again.close()


def test_an_empty_database_offers_the_welcome_dialog(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    w = _open(qtbot, db)
    qtbot.waitUntil(lambda: w.welcome_dialog is not None, timeout=TIMEOUT)
    dialog = w.welcome_dialog
    assert dialog.objectName() == "welcomeDialog" and dialog.isVisible()
    assert w.status_user.text() == "Not signed in"
    dialog.admin_edit.setText("boss")
    with qtbot.waitSignal(w.userChanged, timeout=TIMEOUT) as signal:
        qtbot.mouseClick(dialog.empty_button, Qt.MouseButton.LeftButton)
    assert signal.args[0].username == "boss"
    assert w.status_user.text() == "boss"
    assert w.welcome_dialog is None


def test_about_names_the_version(window: MainWindow) -> None:
    box = window.show_about()
    assert box.objectName() == "aboutBox"
    assert __version__ in box.text()
    box.close()


def test_menus_have_the_file_actions(window: MainWindow) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&View", "&Help"]
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions() if not a.isSeparator()]
    assert texts == [
        "&New database…",
        "&Open database…",
        "Open &recent",
        "&Import customers…",
        "Invite customers to an &event…",
        "E&xport data…",
        "&Quit",
    ]
    shortcuts = [window.page_actions[n].shortcut().toString() for n in PAGE_NAMES]
    assert shortcuts == [f"Ctrl+{i}" for i in range(1, len(PAGE_NAMES) + 1)]


def test_a_server_password_is_never_shown() -> None:
    from app.ui.main_window import _display_target

    assert _display_target("postgresql+psycopg://bob:secret@db.local/crm") == (
        "postgresql+psycopg://bob:***@db.local/crm"
    )
    assert _display_target("/data/crm.db") == "/data/crm.db"

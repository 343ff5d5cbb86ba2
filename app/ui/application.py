"""Starting the window: the QApplication, its settings, fonts, translations and error
handler, then the main window on a database.

``python main.py`` reaches ``run_gui`` through ``app.cli.main``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, Qt, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from app import APP_NAME, ORG_NAME, __version__, paths

from . import errors, fonts, operations
from .languages import LANGUAGE_KEY, LANGUAGES, set_ui_language, ui_locale
from .main_window import MainWindow

__all__ = [
    "LANGUAGES",
    "LANGUAGE_KEY",
    "create_app",
    "install_translators",
    "resources_dir",
    "run_gui",
    "set_ui_language",
    "start",
    "translations_dir",
    "ui_locale",
]

_translators: list[QTranslator] = []


def resources_dir() -> Path:
    """``resources/``: inside a frozen build (PyInstaller's ``_MEIPASS``), next to the
    package in a source tree or an editable install (``pip install -e .``), else where a
    wheel's data files went (``<prefix>/share/clientela/resources``)."""
    here = Path(__file__).resolve().parent
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", here)) / "resources"
    source_tree = here.parent.parent / "resources"
    if source_tree.is_dir():
        return source_tree
    for prefix in (sys.prefix, sys.base_prefix):
        installed = Path(prefix) / "share" / "clientela" / "resources"
        if installed.is_dir():
            return installed
    return source_tree


def translations_dir() -> Path:
    """The compiled translations, ``clientela_<lang>.qm``."""
    return resources_dir() / "i18n"


def install_translators(app: QCoreApplication, locale: QLocale) -> list[str]:
    """Qt's own strings (standard buttons, file dialogs) and the program's, where a
    compiled ``.qm`` for ``locale`` exists. Returns the files loaded.

    English has ``clientela_en.qm`` too (found for en_US, en_GB…): only the plural
    messages, "%n deal" / "%n deals" for the source's "%n deal(s)". A language the
    program does not speak gets it as well, its texts being English; a missing file is
    skipped."""
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    loaded = []
    sources = (
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        ("clientela", str(translations_dir())),
    )
    for prefix, folder in sources:
        translator = QTranslator(app)
        found = translator.load(locale, prefix, "_", folder)
        if not found and prefix == "clientela":
            found = translator.load(QLocale(QLocale.Language.English), prefix, "_", folder)
        if found and app.installTranslator(translator):
            _translators.append(translator)
            loaded.append(translator.filePath())
    return loaded


def create_app(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication (the existing one if there is one), set up for Clientela."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "clientela.png")))
    # Any QSettings() made without a file name lands in the data folder too, as INI.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(paths.settings_file().parent)
    )
    locale = ui_locale()
    QLocale.setDefault(locale)
    install_translators(app, locale)
    fonts.apply_fonts(app, chinese_first=locale.language() == QLocale.Language.Chinese)
    errors.install()
    return app


def start(
    db_target: str | Path | None = None,
    *,
    shared_drive: bool | None = None,
    user_name: str | None = None,
) -> MainWindow:
    """Show the main window and open the database in the background; a database that
    cannot be opened is explained in a message that offers another file or Quit. Only
    the default database (``db_target`` None) is created when missing: a mistyped path
    must not quietly become a second, empty database."""
    window = MainWindow(user_name=user_name, shared_drive=shared_drive)
    window.show()
    window.open_target(db_target, create=db_target is None)
    return window


def run_gui(
    db_target: str | Path | None = None,
    *,
    shared_drive: bool | None = None,
    user_name: str | None = None,
) -> int:
    """Run the window until it closes; the exit code for ``sys.exit``."""
    app = create_app(sys.argv)
    window = start(db_target, shared_drive=shared_drive, user_name=user_name)
    # Closing the main window ends the program, even with an error dialog still open.
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.destroyed.connect(app.quit)
    del window
    code = app.exec()
    operations.shutdown()
    return int(code)

"""Nothing vanishes silently: an uncaught exception is written with its traceback to a log
file in ``paths.log_dir()`` and shown in a short dialog; a hard crash (segfault, abort)
leaves its stack in ``faults.log`` through ``faulthandler``.

``install()`` sets ``sys.excepthook`` (PySide6 routes exceptions raised in slots and
virtual methods there) and ``threading.excepthook``. The dialog is non-modal and shown
with ``show()``, so it never blocks an event loop or a test; while one is open, later
errors only go to the log.
"""

from __future__ import annotations

import contextlib
import faulthandler
import logging
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox

from app import paths
from app.errors import ClientelaError

log = logging.getLogger("clientela")

LOG_NAME = "clientela.log"
FAULT_NAME = "faults.log"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 5

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def error_text(exc: ClientelaError) -> str:
    """The message of an error a person can act on, translated where a translation of
    its template exists."""
    template = QCoreApplication.translate("errors", exc.template)
    if not exc.params:
        return template
    try:
        return template.format(**exc.params)
    except (KeyError, IndexError, ValueError):
        return exc.message


def summary(exc: BaseException) -> str:
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


class ErrorHandler(QObject):
    """Logs uncaught exceptions and shows them. Create it in the UI thread; ``report``
    may be called from any thread (the dialog is shown through a queued signal)."""

    _show = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self._show.connect(self._show_dialog, Qt.ConnectionType.QueuedConnection)
        self.dialog: QMessageBox | None = None
        self.log_file: Path | None = None
        self.fault_file: Path | None = None
        self._log_handler: logging.Handler | None = None
        self._fault_stream: IO[str] | None = None
        self._fault_was_enabled = False
        self._previous_hook: Any = None
        self._previous_thread_hook: Any = None
        self._installed = False

    # ----------------------------------------------------------------- install
    def install(self) -> None:
        if self._installed:
            return
        folder = paths.ensure(paths.log_dir())
        self.log_file = folder / LOG_NAME
        handler = RotatingFileHandler(
            self.log_file, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
        )
        log.addHandler(handler)
        if log.level == logging.NOTSET or log.level > logging.INFO:
            log.setLevel(logging.INFO)
        self._log_handler = handler

        self.fault_file = folder / FAULT_NAME
        self._fault_was_enabled = faulthandler.is_enabled()
        self._fault_stream = open(self.fault_file, "a", encoding="utf-8")  # noqa: SIM115
        faulthandler.enable(file=self._fault_stream, all_threads=True)

        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook
        self._installed = True

    def uninstall(self) -> None:
        """Undo ``install`` (tests; a clean shutdown)."""
        if not self._installed:
            return
        if sys.excepthook == self.excepthook:
            sys.excepthook = self._previous_hook
        if threading.excepthook == self.thread_excepthook:
            threading.excepthook = self._previous_thread_hook
        faulthandler.disable()
        if self._fault_was_enabled and sys.__stderr__ is not None:
            with contextlib.suppress(ValueError, OSError, AttributeError):
                faulthandler.enable(file=sys.__stderr__)
        if self._fault_stream is not None:
            self._fault_stream.close()
            self._fault_stream = None
        if self._log_handler is not None:
            log.removeHandler(self._log_handler)
            self._log_handler.close()
            self._log_handler = None
        self._installed = False

    @property
    def installed(self) -> bool:
        return self._installed

    # ------------------------------------------------------------------ hooks
    def excepthook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if not issubclass(exc_type, KeyboardInterrupt):
            try:
                self.report(exc, (exc_type, exc, tb))
            except Exception:  # the handler must never raise from the hook
                sys.__excepthook__(exc_type, exc, tb)
        previous = self._previous_hook
        if previous is not None and previous is not self.excepthook:
            if previous is sys.__excepthook__ and sys.stderr is None:
                return  # a windowed build has no console to print to
            previous(exc_type, exc, tb)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit or args.exc_value is None:
            return
        self.report(args.exc_value, (args.exc_type, args.exc_value, args.exc_traceback))

    # ----------------------------------------------------------------- report
    def report(self, exc: BaseException, exc_info: ExcInfo | None = None) -> None:
        """Write the traceback to the log and show the short message."""
        info = exc_info or (type(exc), exc, exc.__traceback__)
        log.error("uncaught %s", summary(exc), exc_info=info)
        details = "".join(traceback.format_exception(*info))
        if isinstance(QCoreApplication.instance(), QApplication):
            self._show.emit(summary(exc), details)

    @Slot(str, str)
    def _show_dialog(self, short: str, details: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.setDetailedText(self.dialog.detailedText() + "\n" + details)
            return
        box = QMessageBox(QApplication.activeWindow())
        box.setObjectName("errorDialog")
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(self.tr("Clientela: unexpected error"))
        box.setText(self.tr("Something went wrong and the last action may not be complete."))
        where = str(self.log_file) if self.log_file is not None else self.tr("the console")
        box.setInformativeText(
            self.tr("%1\n\nThe details were written to %2.")
            .replace("%1", short)
            .replace("%2", where)
        )
        box.setDetailedText(details)
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        if self.log_file is not None:
            folder = self.log_file.parent
            open_logs = box.addButton(self.tr("Open log folder"), QMessageBox.ButtonRole.ActionRole)
            open_logs.clicked.connect(
                lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
            )
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(self._forget_dialog)
        self.dialog = box
        box.show()

    @Slot()
    def _forget_dialog(self) -> None:
        self.dialog = None


_handler: ErrorHandler | None = None


def handler() -> ErrorHandler:
    """The program's one error handler (created on first use, in the UI thread)."""
    global _handler
    if _handler is None:
        _handler = ErrorHandler()
    return _handler


def install() -> ErrorHandler:
    h = handler()
    h.install()
    return h


def report_exception(exc: BaseException) -> None:
    """For code that caught an exception it cannot handle (an operation's unexpected
    failure): log it and show it, as if it had been uncaught."""
    handler().report(exc)

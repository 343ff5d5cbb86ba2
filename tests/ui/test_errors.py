"""Uncaught exceptions: a log file with the traceback and a dialog that does not block."""

from __future__ import annotations

import faulthandler
import sys
import threading

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from app import paths
from app.errors import DatabaseOpenError
from app.ui import errors


def _dialogs() -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == "errorDialog" and w.isVisible()
    ]


@pytest.mark.qt_no_exception_capture
def test_excepthook_logs_the_traceback_and_shows_a_non_modal_dialog(
    qtbot, error_handler: errors.ErrorHandler, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    assert sys.excepthook == error_handler.excepthook
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())  # what PySide6 does with an exception in a slot

    log_file = paths.log_dir() / errors.LOG_NAME
    text = log_file.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text
    assert "RuntimeError: boom in a slot" in text
    qtbot.waitUntil(lambda: bool(_dialogs()), timeout=5000)
    (box,) = _dialogs()
    assert not box.isModal()
    assert "RuntimeError: boom in a slot" in box.informativeText()
    assert str(log_file) in box.informativeText()
    assert "boom in a slot" in box.detailedText()
    # a second error while the dialog is open joins it instead of stacking windows
    error_handler.report(ValueError("second"))
    qtbot.waitUntil(lambda: "second" in box.detailedText(), timeout=5000)
    assert len(_dialogs()) == 1
    box.close()
    # the default hook still printed it for a console
    assert "boom in a slot" in capsys.readouterr().err


def test_exceptions_in_threads_are_logged(qtbot, error_handler: errors.ErrorHandler) -> None:  # type: ignore[no-untyped-def]
    def fail() -> None:
        raise LookupError("lost in a thread")

    t = threading.Thread(target=fail, name="worker-x")
    t.start()
    t.join()
    text = (paths.log_dir() / errors.LOG_NAME).read_text(encoding="utf-8")
    assert "LookupError: lost in a thread" in text
    qtbot.waitUntil(lambda: bool(_dialogs()), timeout=5000)
    for box in _dialogs():
        box.close()


@pytest.mark.gui
def test_faulthandler_writes_to_the_log_folder(error_handler: errors.ErrorHandler) -> None:
    assert faulthandler.is_enabled()
    assert (paths.log_dir() / errors.FAULT_NAME).exists()


@pytest.mark.gui
def test_uninstall_restores_the_hooks(qapp) -> None:  # type: ignore[no-untyped-def]
    before = sys.excepthook, threading.excepthook
    handler = errors.ErrorHandler()
    handler.install()
    assert sys.excepthook == handler.excepthook
    handler.uninstall()
    assert (sys.excepthook, threading.excepthook) == before
    assert not handler.installed


def test_error_text_fills_the_template() -> None:
    exc = DatabaseOpenError("no database at {path}", path="/x/y.db")
    assert errors.error_text(exc) == "no database at /x/y.db"
    assert errors.summary(ValueError("a\nb")) == "ValueError: a"
    assert errors.summary(ValueError()) == "ValueError"

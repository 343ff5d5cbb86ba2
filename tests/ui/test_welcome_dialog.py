"""The welcome dialog of an empty database: demo data (with progress and Cancel) or an
empty start with a first administrator."""

from __future__ import annotations

import sys
import time
import types
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

import app.services
from app.db import Database
from app.services import users
from app.ui.welcome_dialog import DEFAULT_DEMO_CUSTOMERS, WelcomeDialog, demo_locale_for

TIMEOUT = 10_000


class FakeCancelled(Exception):
    pass


@pytest.fixture
def fake_demo(monkeypatch: pytest.MonkeyPatch) -> types.SimpleNamespace:
    """Stands in for app.services.demo: records its arguments, reports progress and
    runs until cancelled when asked to."""
    calls: list[dict[str, Any]] = []
    state = types.SimpleNamespace(calls=calls, run_until_cancelled=False)

    def generate(db: Database, **kwargs: Any) -> str:
        calls.append(kwargs)
        progress, cancelled = kwargs["progress"], kwargs["cancelled"]
        deadline = time.monotonic() + TIMEOUT / 1000
        done = 0
        while state.run_until_cancelled and time.monotonic() < deadline:
            if cancelled():
                raise FakeCancelled
            done += 1
            progress(done, 10_000)
            time.sleep(0.005)
        progress(kwargs["customers"], kwargs["customers"])
        users.ensure_admin(db, "demo-admin")
        return "generated"

    module = types.ModuleType("app.services.demo")
    module.generate = generate  # type: ignore[attr-defined]
    module.Cancelled = FakeCancelled  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "app.services.demo", module)
    monkeypatch.setattr(app.services, "demo", module, raising=False)
    return state


@pytest.fixture
def dialog(qtbot, db: Database) -> WelcomeDialog:  # type: ignore[no-untyped-def]
    d = WelcomeDialog(db, username="root", ui_locale="es_MX")
    qtbot.addWidget(d)
    d.show()
    return d


@pytest.mark.parametrize(
    ("ui", "demo"),
    [
        ("zh_CN", "zh_CN"),
        ("zh_TW", "zh_CN"),
        ("es_ES", "es_ES"),
        ("es-AR", "es_ES"),
        ("de_DE", "en_US"),
        ("C", "en_US"),
    ],
)
def test_demo_language_follows_the_interface(ui: str, demo: str) -> None:
    assert demo_locale_for(ui) == demo


def test_dialog_defaults(dialog: WelcomeDialog) -> None:
    assert dialog.objectName() == "welcomeDialog"
    assert dialog.locale_combo.currentData() == "es_ES"
    assert dialog.customers_spin.value() == DEFAULT_DEMO_CUSTOMERS
    assert dialog.admin_edit.text() == "root"


def test_start_empty_creates_the_admin(qtbot, dialog: WelcomeDialog, db: Database) -> None:  # type: ignore[no-untyped-def]
    dialog.admin_edit.setText("jefa")
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.empty_button, Qt.MouseButton.LeftButton)
    user = users.current_user(db, "jefa")
    assert user is not None and user.role == "admin"
    from app.services import pipeline

    with db.session() as s:
        stages = pipeline.stages(s, pipeline.default_pipeline_id(s))
    assert [x.key for x in stages][:2] == ["initial_contact", "sample"]


def test_start_empty_without_a_name_says_so(qtbot, dialog: WelcomeDialog, db: Database) -> None:  # type: ignore[no-untyped-def]
    dialog.admin_edit.setText("  ")
    op = dialog.start_empty()
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    box = dialog.findChild(QMessageBox, "operationFailedBox")
    assert box is not None and box.text() == "a user name is needed"
    assert dialog.isVisible() and dialog.empty_button.isEnabled()
    assert users.is_empty(db)
    box.close()


def test_load_demo_passes_the_choices(qtbot, dialog: WelcomeDialog, fake_demo) -> None:  # type: ignore[no-untyped-def]
    dialog.locale_combo.setCurrentIndex(dialog.locale_combo.findData("zh_CN"))
    dialog.customers_spin.setValue(250)
    with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
        qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    (call,) = fake_demo.calls
    assert {k: call[k] for k in ("customers", "seed", "locale")} == {
        "customers": 250,
        "seed": 1,
        "locale": "zh_CN",
    }
    assert dialog.operation.result == "generated"


def test_load_demo_can_be_cancelled(qtbot, dialog: WelcomeDialog, fake_demo) -> None:  # type: ignore[no-untyped-def]
    fake_demo.run_until_cancelled = True
    op = dialog.load_demo()
    assert not dialog.demo_button.isEnabled()
    qtbot.waitUntil(lambda: op.dialog is not None, timeout=TIMEOUT)
    cancel = op.dialog.findChild(QPushButton, "progressCancel")
    with qtbot.waitSignal(op.finished, timeout=TIMEOUT):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert op.was_cancelled
    assert dialog.isVisible() and dialog.demo_button.isEnabled()
    assert dialog.status.text() == "Demo data cancelled."


def test_load_real_demo_data(qtbot, dialog: WelcomeDialog, db: Database) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("app.services.demo")
    dialog.customers_spin.setValue(20)
    op = dialog.load_demo()
    qtbot.waitUntil(lambda: op.done, timeout=60_000)
    assert op.error is None, op.error
    assert not users.is_empty(db)
    assert users.current_user(db, None) is not None

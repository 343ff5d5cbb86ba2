"""Every page fits the smallest window an office PC shows (760 px wide) in every
language: Spanish labels run longest and pushed pages wider more than once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from app.db import Database
from app.ui import application
from app.ui.main_window import MainWindow

WINDOW_MIN = 760
NAVIGATION = 200


@pytest.fixture(params=["es", "zh_CN", "en"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    app = QApplication.instance()
    locale = QLocale("en_US") if request.param == "en" else QLocale(request.param)
    loaded = application.install_translators(app, locale)  # type: ignore[arg-type]
    assert request.param == "en" or loaded, f"no translation for {request.param}"
    yield request.param
    application.install_translators(app, QLocale("en_US"))  # type: ignore[arg-type]


def test_every_page_fits_the_smallest_window(qtbot, demo_db: Database, language: str) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(demo_db, offer_welcome=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.user is not None, timeout=10_000)
    for name in window.pages:
        window.switch_to_page(name)
    qtbot.wait(200)  # pages fill their lists and sections
    too_wide = {
        name: page.minimumSizeHint().width()
        for name, page in window.pages.items()
        if page.minimumSizeHint().width() > WINDOW_MIN - NAVIGATION
    }
    assert too_wide == {}, f"pages wider than {WINDOW_MIN - NAVIGATION} px in {language}"
    assert window.minimumSizeHint().width() <= WINDOW_MIN

"""Every page fits the smallest window an office PC shows (760 px wide, and the height of a
1366×768 laptop's screen) in every language, for a manager, who sees the most: Spanish
labels run longest and pushed pages wider more than once, and a manager's ten Today
sections once made the window 880 px tall."""

from __future__ import annotations

from app.db import Database
from app.ui.main_window import MainWindow

WINDOW_MIN = 760
LAPTOP_HEIGHT = 700  # 768 less the taskbar
NAVIGATION = 200


def test_every_page_fits_the_smallest_window(qtbot, demo_db: Database, language: str) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(demo_db, user_name="manager", offer_welcome=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.user is not None, timeout=10_000)
    today = window.page("today")
    with qtbot.waitSignal(today.targets_strip.loaded, timeout=10_000):  # type: ignore[attr-defined]
        window.switch_to_page("today")
    qtbot.waitUntil(lambda: not today._loading, timeout=10_000)  # type: ignore[attr-defined]
    for name in window.pages:
        window.switch_to_page(name)
    qtbot.wait(200)  # pages fill their lists
    too_wide = {
        name: page.minimumSizeHint().width()
        for name, page in window.pages.items()
        if page.minimumSizeHint().width() > WINDOW_MIN - NAVIGATION
    }
    assert too_wide == {}, f"pages wider than {WINDOW_MIN - NAVIGATION} px in {language}"
    assert window.minimumSizeHint().width() <= WINDOW_MIN
    assert window.minimumSizeHint().height() <= LAPTOP_HEIGHT

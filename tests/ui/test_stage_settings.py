"""Settings ▸ Pipeline stages as a person uses it: add, rename, reorder, delete an
empty stage, and delete one in use (refused, or its deals moved)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from sqlalchemy import func, select

from app.models import Deal, Stage
from app.services.users import current_user
from app.ui.pages.settings import SettingsPage
from app.ui.stage_settings import StageDialog, StageSettings

pytestmark = pytest.mark.gui

TIMEOUT = 10_000


@pytest.fixture
def page(qtbot, demo_db):  # type: ignore[no-untyped-def]
    widget = SettingsPage()
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    with qtbot.waitSignal(widget.stage_settings.loaded, timeout=TIMEOUT):
        widget.set_context(demo_db, current_user(demo_db, None))
    return widget


def _names(settings: StageSettings) -> list[str]:
    return [settings.model.item(i, 0).text() for i in range(settings.model.rowCount())]


def _row(settings: StageSettings, key: str):  # type: ignore[no-untyped-def]
    return next(r for r in settings.rows if r.stage.key == key)


def _deals_in(db, stage_id: int) -> int:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return s.scalar(select(func.count()).where(Deal.stage_id == stage_id))  # type: ignore[return-value]


def _add(qtbot, settings: StageSettings, name: str) -> int:  # type: ignore[no-untyped-def]
    settings.pick_color = lambda _current: QColor("#4fc3f7")
    with qtbot.waitSignal(settings.dialogOpened, timeout=TIMEOUT) as opened:
        qtbot.mouseClick(settings.add_button, Qt.MouseButton.LeftButton)
    dialog: StageDialog = opened.args[0]
    dialog.name_edit.setText(name)
    dialog.probability_box.setValue(45)
    qtbot.mouseClick(dialog.color_button, Qt.MouseButton.LeftButton)
    assert dialog.color == "#4fc3f7"
    with qtbot.waitSignal(settings.stagesChanged, timeout=TIMEOUT):
        dialog.buttons.accepted.emit()
    return settings.selected_id()  # type: ignore[return-value]


def test_page_has_the_stage_tab(page) -> None:  # type: ignore[no-untyped-def]
    assert page.heading.text() == "Settings"
    assert page.tabs.tabText(0) == "Pipeline stages"
    assert page.tabs.tabText(1) == "Reminders"
    keys = [r.stage.key for r in page.stage_settings.rows]
    assert keys == ["initial_contact", "sample", "negotiation", "signing", "won", "lost"]
    assert page.stage_settings.model.rowCount() == 6


def test_add_and_rename_a_stage(qtbot, page, demo_db) -> None:  # type: ignore[no-untyped-def]
    settings = page.stage_settings
    new_id = _add(qtbot, settings, "Demo visit")
    assert "Demo visit" in _names(settings)
    with demo_db.session() as s:
        stage = s.get(Stage, new_id)
        assert stage is not None
        assert (stage.name, stage.probability, stage.color) == ("Demo visit", 45, "#4fc3f7")
    # open stages come before won and lost
    assert _names(settings).index("Demo visit") < _names(settings).index(
        _row(settings, "won").stage.name
    )

    settings.select_stage(new_id)
    with qtbot.waitSignal(settings.dialogOpened, timeout=TIMEOUT) as opened:
        qtbot.mouseClick(settings.edit_button, Qt.MouseButton.LeftButton)
    dialog: StageDialog = opened.args[0]
    assert dialog.name_edit.text() == "Demo visit"
    dialog.name_edit.setText("")
    dialog.buttons.accepted.emit()  # a name is required: the dialog stays open
    assert dialog.isVisible() and dialog.error_label.text()
    dialog.name_edit.setText("Showroom visit")
    dialog.won_box.setChecked(True)
    dialog.lost_box.setChecked(True)  # won and lost exclude each other
    assert not dialog.won_box.isChecked()
    dialog.lost_box.setChecked(False)
    with qtbot.waitSignal(settings.stagesChanged, timeout=TIMEOUT):
        dialog.buttons.accepted.emit()
    assert "Showroom visit" in _names(settings)
    with demo_db.session() as s:
        assert s.get(Stage, new_id).name == "Showroom visit"  # type: ignore[union-attr]


def test_reorder(qtbot, page, demo_db) -> None:  # type: ignore[no-untyped-def]
    settings = page.stage_settings
    first, second = _row(settings, "initial_contact"), _row(settings, "sample")
    settings.select_stage(second.stage.id)
    assert settings.up_button.isEnabled()
    with qtbot.waitSignal(settings.stagesChanged, timeout=TIMEOUT):
        qtbot.mouseClick(settings.up_button, Qt.MouseButton.LeftButton)
    assert _names(settings)[:2] == [second.stage.name, first.stage.name]
    assert settings.selected_id() == second.stage.id
    with demo_db.session() as s:
        a = s.get(Stage, first.stage.id)
        b = s.get(Stage, second.stage.id)
        assert b.sort_order < a.sort_order  # type: ignore[union-attr]
    with qtbot.waitSignal(settings.stagesChanged, timeout=TIMEOUT):
        qtbot.mouseClick(settings.down_button, Qt.MouseButton.LeftButton)
    assert _names(settings)[:2] == [first.stage.name, second.stage.name]


def test_delete_an_empty_stage(qtbot, page, demo_db) -> None:  # type: ignore[no-untyped-def]
    settings = page.stage_settings
    new_id = _add(qtbot, settings, "Short-lived")
    asked: list[str] = []
    settings.confirm_delete = lambda row: asked.append(row.stage.name) or True
    settings.pick_move_target = lambda *_a: pytest.fail("an empty stage asks no target")
    settings.select_stage(new_id)
    with qtbot.waitSignal(settings.stagesChanged, timeout=TIMEOUT):
        qtbot.mouseClick(settings.delete_button, Qt.MouseButton.LeftButton)
    assert asked == ["Short-lived"]
    assert "Short-lived" not in _names(settings)
    with demo_db.session() as s:
        assert s.get(Stage, new_id) is None


def test_stage_in_use_is_refused_or_its_deals_move(qtbot, page, demo_db) -> None:  # type: ignore[no-untyped-def]
    settings = page.stage_settings
    sample, lost = _row(settings, "sample"), _row(settings, "lost")
    negotiation = _row(settings, "negotiation")
    count = _deals_in(demo_db, sample.stage.id)
    assert count > 0 and sample.in_use
    before = _deals_in(demo_db, negotiation.stage.id)

    # cancelling the question does nothing
    settings.pick_move_target = lambda *_a: None
    settings.select_stage(sample.stage.id)
    assert settings.delete_stage() is None

    # moving open deals to lost is refused by the service; its message is shown
    settings.pick_move_target = lambda row, others: lost.stage.id
    with qtbot.waitSignal(settings.loaded, timeout=TIMEOUT):
        qtbot.mouseClick(settings.delete_button, Qt.MouseButton.LeftButton)
    assert "lost" in settings.message_label.text()
    assert _deals_in(demo_db, sample.stage.id) == count

    offered: list[int] = []

    def pick(row, others):  # type: ignore[no-untyped-def]
        offered.extend(r.stage.id for r in others)
        return negotiation.stage.id

    settings.pick_move_target = pick
    settings.select_stage(sample.stage.id)
    with qtbot.waitSignal(settings.stagesChanged, timeout=TIMEOUT):
        qtbot.mouseClick(settings.delete_button, Qt.MouseButton.LeftButton)
    assert sample.stage.id not in offered and negotiation.stage.id in offered
    assert settings.message_label.text() == ""
    assert sample.stage.name not in _names(settings)
    with demo_db.session() as s:
        assert s.get(Stage, sample.stage.id) is None
    assert _deals_in(demo_db, sample.stage.id) == 0
    assert _deals_in(demo_db, negotiation.stage.id) == before + count


def test_the_board_follows_the_stages(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    from app.ui.main_window import MainWindow

    window = MainWindow(demo_db, offer_welcome=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.user is not None, timeout=TIMEOUT)
    settings_page = window.page("settings")
    pipeline_page = window.page("pipeline")
    settings = settings_page.stage_settings
    window.switch_to_page("settings")
    qtbot.waitUntil(lambda: bool(settings.rows), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: not pipeline_page.busy, timeout=TIMEOUT)
    with qtbot.waitSignal(pipeline_page.boardShown, timeout=TIMEOUT):
        _add(qtbot, settings, "Fresh stage")
    names = [c.stage.name for c in pipeline_page.board.columns]
    assert "Fresh stage" in names

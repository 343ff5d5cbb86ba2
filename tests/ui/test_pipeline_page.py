"""The deal board as a person uses it: move by keyboard and by drag and drop, answer or
cancel the lost and won dialogs, undo, open the customer."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from sqlalchemy import func, select, update

from app.models import Deal, DealStageHistory
from app.models.enums import DealStatus, ReasonCategory
from app.services.users import current_user
from app.ui.models.deal_column import MIME_TYPE, DealColumnModel, decode
from app.ui.pages.pipeline import LostReasonDialog, PipelinePage, WonAmountDialog
from app.ui.pipeline_board import BoardColumn

pytestmark = pytest.mark.gui

TIMEOUT = 10_000


@pytest.fixture
def page(qtbot, demo_db):  # type: ignore[no-untyped-def]
    widget = PipelinePage()
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    with qtbot.waitSignal(widget.boardShown, timeout=TIMEOUT):
        widget.set_context(demo_db, current_user(demo_db, None))
    return widget


def _column(page: PipelinePage, key: str) -> BoardColumn:
    return next(c for c in page.board.columns if c.stage.key == key)


def _deal(db, deal_id: int) -> Deal:  # type: ignore[no-untyped-def]
    with db.session() as s:
        deal = s.get(Deal, deal_id)
        assert deal is not None
        return deal


def _stays(db, deal_id: int) -> int:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return s.scalar(select(func.count()).where(DealStageHistory.deal_id == deal_id))  # type: ignore[return-value]


def test_columns_show_the_stages_and_their_figures(page) -> None:  # type: ignore[no-untyped-def]
    keys = [c.stage.key for c in page.board.columns]
    assert keys == ["initial_contact", "sample", "negotiation", "signing", "won", "lost"]
    for col, data in zip(page.board.columns, page.snapshot.columns, strict=True):
        assert col.model.rowCount() == data.count
        assert col.count_label.text() == str(data.count)
    assert sum(c.model.rowCount() for c in page.board.columns[:4]) > 0


def test_move_by_keyboard_and_undo(qtbot, page, demo_db) -> None:  # type: ignore[no-untyped-def]
    first = _column(page, "initial_contact")
    second = _column(page, "sample")
    first.select_row(0)
    card = first.current_card()
    assert card is not None
    stays = _stays(demo_db, card.id)
    page.activateWindow()
    qtbot.waitActive(page)
    with qtbot.waitSignal(page.dealMoved, timeout=TIMEOUT):
        qtbot.keyClick(first.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert second.model.row_of(card.id) is not None
    assert first.model.row_of(card.id) is None
    assert page.board.current_card().id == card.id  # still selected, in its new column
    deal = _deal(demo_db, card.id)
    assert (deal.stage_id, deal.version) == (second.stage.id, card.version + 1)
    assert _stays(demo_db, card.id) == stays + 1

    with qtbot.waitSignal(page.dealMoved, timeout=TIMEOUT):
        qtbot.keyClick(second.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert first.model.row_of(card.id) is not None
    deal = _deal(demo_db, card.id)
    assert deal.stage_id == first.stage.id
    assert _stays(demo_db, card.id) == stays
    assert not page.undo_button.isEnabled()


def test_arrow_keys_walk_between_columns(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    first = _column(page, "initial_contact")
    first.select_row(0)
    qtbot.keyClick(first.view, Qt.Key.Key_Right)
    current = page.board.current_card()
    assert current is not None and current.stage_id != first.stage.id
    assert first.current_card() is None


def test_drop_moves_the_deal(qtbot, page, demo_db) -> None:  # type: ignore[no-untyped-def]
    source = _column(page, "initial_contact").model
    target = _column(page, "negotiation").model
    mime = source.mimeData([source.index(0, 0)])
    deal = decode(mime)
    assert deal is not None and mime.formats() == [MIME_TYPE]
    assert not source.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert target.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    with qtbot.waitSignal(page.dealMoved, timeout=TIMEOUT):
        dropped = target.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert dropped is False  # the view must not remove the source row itself
    assert target.row_of(deal["deal_id"]) is not None
    assert source.row_of(deal["deal_id"]) is None
    assert _deal(demo_db, deal["deal_id"]).stage_id == target.stage_id


def test_drop_event_on_the_view(qtbot, page, demo_db) -> None:  # type: ignore[no-untyped-def]
    """The drop as the view receives it from a drag: enter, move, drop on its viewport."""
    source = _column(page, "initial_contact")
    target = _column(page, "signing")
    mime = source.model.mimeData([source.model.index(0, 0)])
    deal_id = decode(mime)["deal_id"]  # type: ignore[index]
    viewport = target.view.viewport()
    point = viewport.rect().center()
    pos = QPointF(point)
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    move = Qt.DropAction.MoveAction
    enter = QDragEnterEvent(point, move, mime, buttons, mods)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(viewport, QDragMoveEvent(point, move, mime, buttons, mods))
    with qtbot.waitSignal(page.dealMoved, timeout=TIMEOUT):
        QApplication.sendEvent(viewport, QDropEvent(pos, move, mime, buttons, mods))
    assert _deal(demo_db, deal_id).stage_id == target.stage.id
    assert target.model.row_of(deal_id) is not None


def _drop_on(page, key: str) -> tuple[int, QMimeData]:  # type: ignore[no-untyped-def]
    source = _column(page, "signing").model
    mime = source.mimeData([source.index(0, 0)])
    target = _column(page, key).model
    target.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    return decode(mime)["deal_id"], mime  # type: ignore[index]


def test_lost_dialog_cancel_moves_nothing(qtbot, page, demo_db) -> None:  # type: ignore[no-untyped-def]
    deal_id, _ = _drop_on(page, "lost")
    dialog = page.dialog
    assert isinstance(dialog, LostReasonDialog) and dialog.isVisible()
    before = _deal(demo_db, deal_id)
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton
    )
    assert page.dialog is None
    assert not page.busy
    after = _deal(demo_db, deal_id)
    assert (after.stage_id, after.version) == (before.stage_id, before.version)
    assert _column(page, "signing").model.row_of(deal_id) is not None


def test_lost_dialog_confirm_records_the_reason(qtbot, page, demo_db) -> None:  # type: ignore[no-untyped-def]
    deal_id, _ = _drop_on(page, "lost")
    dialog = page.dialog
    assert isinstance(dialog, LostReasonDialog)
    dialog.reason_box.setCurrentIndex(dialog.reason_box.findData(ReasonCategory.COMPETITOR))
    qtbot.keyClicks(dialog.text_edit, "cheaper offer")
    with qtbot.waitSignal(page.dealMoved, timeout=TIMEOUT):
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    deal = _deal(demo_db, deal_id)
    assert deal.status is DealStatus.LOST
    assert (deal.lost_reason, deal.lost_reason_text) == (ReasonCategory.COMPETITOR, "cheaper offer")
    assert _column(page, "lost").model.row_of(deal_id) is not None


def test_won_dialog_takes_the_final_amount(qtbot, page, demo_db) -> None:  # type: ignore[no-untyped-def]
    deal_id, _ = _drop_on(page, "won")
    dialog = page.dialog
    assert isinstance(dialog, WonAmountDialog)
    assert dialog.amount() == _deal(demo_db, deal_id).amount
    dialog.amount_edit.clear()
    qtbot.keyClicks(dialog.amount_edit, "oops")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error_label.isVisible()
    dialog.amount_edit.clear()
    qtbot.keyClicks(dialog.amount_edit, "12345.60")
    with qtbot.waitSignal(page.dealMoved, timeout=TIMEOUT):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    deal = _deal(demo_db, deal_id)
    assert deal.status is DealStatus.WON
    assert str(deal.won_amount) == "12345.60"


def test_a_stale_card_is_a_conflict_and_the_board_reloads(qtbot, page, demo_db) -> None:  # type: ignore[no-untyped-def]
    source = _column(page, "initial_contact").model
    mime = source.mimeData([source.index(0, 0)])
    deal_id = decode(mime)["deal_id"]  # type: ignore[index]
    with demo_db.write() as s:  # another PC edits the deal meanwhile
        s.execute(update(Deal).where(Deal.id == deal_id).values(version=Deal.version + 1))
    with qtbot.waitSignal(page.boardShown, timeout=TIMEOUT):
        _column(page, "sample").model.dropMimeData(
            mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex()
        )
    box = page.findChild(QMessageBox, "operationFailedBox")
    assert box is not None and "someone else" in box.text()
    box.close()
    assert _deal(demo_db, deal_id).stage_id == source.stage_id
    assert page.board.find_card(deal_id).version == _deal(demo_db, deal_id).version


def test_double_click_opens_the_deal_form(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    col = _column(page, "initial_contact")
    card = col.model.card(0)
    rect = col.view.visualRect(col.model.index(0, 0))
    opened: list[int] = []
    page.openCustomer.connect(opened.append)
    qtbot.mouseClick(col.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.dealFormOpened, timeout=TIMEOUT) as shown:
        qtbot.mouseDClick(col.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    form = shown.args[0]
    assert form.deal_id == card.id
    qtbot.waitUntil(lambda: form.file is not None, timeout=TIMEOUT)
    # the customer is one click away from the form
    qtbot.mouseClick(form.open_customer_button, Qt.MouseButton.LeftButton)
    assert opened == [card.customer_id]
    # Return on the selected card brings up the same window
    with qtbot.waitSignal(page.dealFormOpened, timeout=TIMEOUT) as again:
        qtbot.keyClick(col.view, Qt.Key.Key_Return)
    assert again.args[0] is form
    form.close()


def test_filters_are_remembered(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    name = _column(page, "initial_contact").model.cards()[0].customer_name
    page.customer_edit.setText(name)
    with qtbot.waitSignal(page.boardShown, timeout=TIMEOUT):
        page._filters_changed()
    shown = [card for col in page.board.columns for card in col.model.cards()]
    assert shown and all(name in card.customer_name for card in shown)
    page.customer_edit.clear()
    page.period_box.setCurrentIndex(page.period_box.findData("next_3_months"))
    page.min_edit.setText("1000")
    with qtbot.waitSignal(page.boardShown, timeout=TIMEOUT):
        page._filters_changed()
    assert all(card.amount >= 1000 for col in page.board.columns for card in col.model.cards())
    page.customer_edit.setText("Acme")
    page._save_filters()
    again = PipelinePage()
    qtbot.addWidget(again)
    assert again.period_box.currentData() == "next_3_months"
    assert again.min_edit.text() == "1000"
    assert again.customer_edit.text() == "Acme"


def test_collapse_won_column(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    won = _column(page, "won")
    won.collapse_button.click()
    assert won.collapsed and not won.view.isVisible()
    won.collapse_button.click()
    assert won.view.isVisible()


def test_column_model(qtmodeltester, page) -> None:  # type: ignore[no-untyped-def]
    cards = _column(page, "initial_contact").model.cards()
    model = DealColumnModel(cards[0].stage_id)
    model.set_cards(cards)
    qtmodeltester.check(model)
    model.set_cards([])
    qtmodeltester.check(model)
    assert model.card(0) is None and model.row_of(cards[0].id) is None


def test_card_tooltip_and_point(page) -> None:  # type: ignore[no-untyped-def]
    col = _column(page, "initial_contact")
    index = col.model.index(0, 0)
    assert col.model.card(0).customer_name in index.data(Qt.ItemDataRole.ToolTipRole)
    assert col.view.indexAt(col.view.visualRect(index).center()) == index
    assert col.view.indexAt(QPoint(-5, -5)).isValid() is False


def test_another_pcs_move_appears_by_itself(qtbot, page, demo_db) -> None:  # type: ignore[no-untyped-def]
    from app.services.pipeline import move_deal

    first, second = _column(page, "initial_contact"), _column(page, "sample")
    card = first.model.card(0)
    move_deal(demo_db, None, card.id, second.stage.id, card.version)  # "another PC"
    page.data_changed()  # what the window's change watcher says when it sees the write
    qtbot.waitUntil(lambda: second.model.row_of(card.id) is not None, timeout=TIMEOUT)
    assert first.model.row_of(card.id) is None


def test_forecast_tab_shows_the_figures(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.forecastShown, timeout=TIMEOUT):
        page.tabs.setCurrentWidget(page.forecast_view)
    view = page.forecast_view
    assert view.forecast_model.columnCount() == 1 + 6 + 1
    assert view.forecast_model.rowCount() >= 1  # the owners, then the total
    assert view.forecast_model.item(view.forecast_model.rowCount() - 1, 0).text() == "Total"
    assert view.stages_model.rowCount() == 6
    assert view.lost_model.rowCount() >= 3
    with qtbot.waitSignal(page.forecastShown, timeout=TIMEOUT):
        view.lost_period.setCurrentIndex(2)


def test_a_second_move_while_saving_is_ignored_not_a_conflict(qtbot, page, demo_db) -> None:  # type: ignore[no-untyped-def]
    first, second = _column(page, "initial_contact"), _column(page, "sample")
    first.select_row(0)
    card = first.current_card()
    with qtbot.waitSignal(page.dealMoved, timeout=TIMEOUT):
        qtbot.keyClick(first.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(first.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not page.busy, timeout=TIMEOUT)
    assert page.findChild(QMessageBox, "operationFailedBox") is None
    assert _deal(demo_db, card.id).stage_id == second.stage.id


def test_new_deal_from_the_board(qtbot, page, demo_db) -> None:  # type: ignore[no-untyped-def]
    from app.models import Customer
    from app.ui.new_deal_dialog import NewDealDialog

    with demo_db.session() as s:
        customer = s.scalars(
            select(Customer).where(Customer.deleted_at.is_(None)).order_by(Customer.id)
        ).first()
        assert customer is not None
        name = customer.name
    with qtbot.waitSignal(page.dialogOpened, timeout=TIMEOUT) as opened:
        qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = opened.args[0]
    assert isinstance(dialog, NewDealDialog)
    dialog.title_edit.setText("Fleet fuel cards")
    dialog.amount_edit.setText("12500")
    dialog.save()
    assert dialog.error_labels["customer"].isVisible()  # no customer chosen: nothing saved
    dialog.customer_edit.setText(name)
    qtbot.waitUntil(lambda: dialog.customer_list.count() > 0, timeout=TIMEOUT)
    hit = next(
        i
        for i in range(dialog.customer_list.count())
        if (dialog.customer_list.item(i).data(Qt.ItemDataRole.UserRole) or (0,))[0] == customer.id
    )
    dialog.customer_list.setCurrentRow(hit)
    assert dialog.customer_id == customer.id
    with (
        qtbot.waitSignal(page.boardShown, timeout=TIMEOUT),
        qtbot.waitSignal(dialog.created, timeout=TIMEOUT) as created,
    ):
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
        )
    deal = _deal(demo_db, created.args[0])
    assert (deal.customer_id, deal.title, deal.status) == (
        customer.id,
        "Fleet fuel cards",
        DealStatus.OPEN,
    )
    first = _column(page, "initial_contact")
    assert deal.stage_id == first.stage.id
    assert first.model.row_of(deal.id) is not None
    assert page.board.current_card().id == deal.id

"""The deal form: shows the deal, saves with Ctrl+S (the board reloads), marks a bad
field inline, and handles someone else's save in between."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.models import Activity, Deal
from app.services import deals
from app.services.deals import DealData
from app.services.users import current_user
from app.ui.customer_form import Answer
from app.ui.deal_form import DealForm

pytestmark = pytest.mark.gui

TIMEOUT = 10_000


def _deal_with_activities(db) -> int:  # type: ignore[no-untyped-def]
    with db.session() as s:
        found = s.scalar(
            select(Activity.deal_id)
            .join(Deal, Deal.id == Activity.deal_id)
            .where(Deal.deleted_at.is_(None))
            .group_by(Activity.deal_id)
            .order_by(func.count().desc())
            .limit(1)
        )
        if found is None:
            found = s.scalar(select(Deal.id).where(Deal.deleted_at.is_(None)).limit(1))
        return int(found)  # type: ignore[arg-type]


@pytest.fixture
def form(qtbot, demo_db):  # type: ignore[no-untyped-def]
    deal_id = _deal_with_activities(demo_db)
    widget = DealForm(demo_db, current_user(demo_db, None), deal_id)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.loaded, timeout=TIMEOUT):
        widget.show()
    qtbot.waitExposed(widget)
    return widget


def _deal(db, deal_id: int) -> Deal:  # type: ignore[no-untyped-def]
    with db.session() as s:
        deal = s.get(Deal, deal_id)
        assert deal is not None
        return deal


def test_shows_the_deal(form, demo_db) -> None:  # type: ignore[no-untyped-def]
    deal = _deal(demo_db, form.deal_id)
    assert form.title_edit.text() == deal.title
    assert Decimal(form.amount_edit.text()) == deal.amount
    assert form.customer_label.text() == form.file.customer_name
    assert form.activity_model.rowCount() == len(form.file.activities)
    with demo_db.session() as s:
        n = s.scalar(select(func.count()).where(Activity.deal_id == deal.id))
    assert form.activity_model.rowCount() == min(n, deals.ACTIVITY_LIMIT)


def test_save_with_ctrl_s(qtbot, form, demo_db) -> None:  # type: ignore[no-untyped-def]
    before = _deal(demo_db, form.deal_id)
    form.title_edit.setText("Fleet service contract")
    form.amount_edit.setText("2500.5")
    form.probability_edit.setText("70")
    form.notes_edit.setPlainText("Wants a discount")
    form.activateWindow()
    qtbot.waitActive(form)
    with qtbot.waitSignal(form.saved, timeout=TIMEOUT):
        qtbot.keyClick(form.title_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not form.busy, timeout=TIMEOUT)
    after = _deal(demo_db, form.deal_id)
    assert after.title == "Fleet service contract"
    assert after.amount == Decimal("2500.50")
    assert after.probability_override == 70
    assert after.notes == "Wants a discount"
    assert after.version == before.version + 1
    assert form.file.version == after.version

    # an empty probability goes back to the stage's
    form.probability_edit.setText("")
    with qtbot.waitSignal(form.saved, timeout=TIMEOUT):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert _deal(demo_db, form.deal_id).probability_override is None


@pytest.mark.parametrize(
    ("field", "editor", "text"),
    [
        ("title", "title_edit", ""),
        ("amount", "amount_edit", "-5"),
        ("amount", "amount_edit", "1.234"),
        ("probability", "probability_edit", "150"),
    ],
)
def test_bad_fields_are_marked(qtbot, form, demo_db, field, editor, text) -> None:  # type: ignore[no-untyped-def]
    version = _deal(demo_db, form.deal_id).version
    getattr(form, editor).setText(text)
    assert form.save() is None
    label = form.error_labels[field]
    assert label.isVisibleTo(form) and label.text()
    assert getattr(form, editor).property("invalid") is True
    assert _deal(demo_db, form.deal_id).version == version
    getattr(form, editor).setText("50" if field != "title" else "Fixed")
    with qtbot.waitSignal(form.saved, timeout=TIMEOUT):
        form.save()
    assert not label.isVisibleTo(form)


def test_conflict_reload_or_keep_mine(qtbot, form, demo_db) -> None:  # type: ignore[no-untyped-def]
    seen = form.file.version
    deals.update_deal(demo_db, None, form.deal_id, seen, DealData("Theirs", "10"))

    form.ask_conflict = lambda: Answer.RELOAD
    form.title_edit.setText("Mine")
    with qtbot.waitSignal(form.loaded, timeout=TIMEOUT):
        form.save()
    assert form.title_edit.text() == "Theirs"
    assert _deal(demo_db, form.deal_id).title == "Theirs"

    deals.update_deal(demo_db, None, form.deal_id, form.file.version, DealData("Theirs 2", "11"))
    form.ask_conflict = lambda: Answer.KEEP_MINE
    form.title_edit.setText("Mine")
    with qtbot.waitSignal(form.saved, timeout=TIMEOUT):
        form.save()
    assert _deal(demo_db, form.deal_id).title == "Mine"

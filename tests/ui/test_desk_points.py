"""The front desk and points: the card shows level and balance, a visit with an amount
earns points, F4 redeems them and more than the balance is refused in the dialog."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit
from sqlalchemy import select

from app.models import Customer, PointsEntry, Setting, User
from app.models.enums import MembershipLevel, PointsKind
from app.services import loyalty
from app.services.users import current_user, ensure_admin
from app.ui.pages.front_desk import FrontDeskPage
from app.ui.redeem_dialog import RedeemDialog

pytestmark = pytest.mark.gui
TIMEOUT = 5000


@pytest.fixture
def member(db) -> int:  # type: ignore[no-untyped-def]
    with db.write() as s:
        owner = User(username="desk", display_name="前台小张")
        s.add(owner)
        s.flush()
        wang = Customer(
            number="C000001",
            name="王师傅",
            owner_id=owner.id,
            phone="+8613811112222",
            membership_card="88600001",
            membership_level=MembershipLevel.SILVER,
        )
        s.add(wang)
        levels = {"ordinary": 0, "silver": 0, "gold": 5000, "vip": 9000}
        s.add(Setting(key=loyalty.S_THRESHOLDS, value=levels))
        s.flush()
        s.add(PointsEntry(customer_id=wang.id, kind=PointsKind.EARN, points=500, reason="开卡"))
        return wang.id


@pytest.fixture
def page(qtbot, db, member):  # type: ignore[no-untyped-def]
    ensure_admin(db, "ada", "Ada Admin")
    widget = FrontDeskPage()
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.set_context(db, current_user(db, "ada"))
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _search(page: FrontDeskPage) -> QLineEdit:
    edit = page.findChild(QLineEdit, "deskSearch")
    assert edit is not None
    return edit


def _points_text(page: FrontDeskPage) -> str:
    return page.card.value("points").text()


def test_earn_then_redeem_with_f4(qtbot, page, db, member, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(_search(page), "88600001")
    qtbot.waitUntil(lambda: page.card.card is not None and page.ready(), timeout=TIMEOUT)
    assert page.card.card.points == 500 and "500" in _points_text(page)
    assert page.redeem_button.isEnabled()

    # A visit with 120 spent earns 120 points (silver, multiplier 1.2: 144).
    qtbot.keyPress(_search(page), Qt.Key.Key_Return)
    amount = page.findChild(QLineEdit, "visitAmount")
    qtbot.waitUntil(amount.hasFocus, timeout=TIMEOUT)
    qtbot.keyClicks(amount, "120")
    qtbot.keyPress(amount, Qt.Key.Key_Return)
    status = page.findChild(QLabel, "deskStatus")
    qtbot.waitUntil(lambda: status.text().startswith("Visit logged"), timeout=TIMEOUT)
    assert status.text().endswith("+144 points")

    qtbot.keyClicks(_search(page), "88600001")
    qtbot.waitUntil(
        lambda: page.card.card is not None and page.ready() and page.card.card.points == 644,
        timeout=TIMEOUT,
    )
    if os.environ.get("CLIENTELA_SHOTS"):
        page.grab().save(str(tmp_path / "desk.png"))
    qtbot.keyPress(_search(page), Qt.Key.Key_F4)
    dialog = page.redeem_dialog
    assert isinstance(dialog, RedeemDialog) and dialog.isVisible()
    assert "644" in dialog.findChild(QLabel, "redeemBalance").text()
    if os.environ.get("CLIENTELA_SHOTS"):
        dialog.grab().save(str(tmp_path / "redeem.png"))

    # More than the balance: refused, shown, nothing stored.
    qtbot.keyClicks(dialog.points_edit, "700")
    qtbot.keyClicks(dialog.reason_edit, "wash")
    op = dialog.redeem()
    assert op is not None
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert dialog.isVisible() and dialog.error_label.isVisible()
    assert "644" in dialog.error_label.text()
    with db.session() as s:
        assert loyalty.balance(s, member) == 644

    dialog.points_edit.setText("600")
    op = dialog.redeem()
    assert op is not None
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: status.text().startswith("600 points redeemed"), timeout=TIMEOUT)
    assert status.text().endswith("44 left")
    qtbot.waitUntil(lambda: "44" in _points_text(page), timeout=TIMEOUT)
    with db.session() as s:
        last = s.scalars(select(PointsEntry).order_by(PointsEntry.id.desc())).first()
        assert last is not None and last.kind is PointsKind.REDEEM and last.points == -600
        assert last.reason == "wash" and last.user_id == current_user(db, "ada").id


def test_no_redeem_for_a_customer_without_card(qtbot, page, db) -> None:  # type: ignore[no-untyped-def]
    with db.write() as s:
        s.add(Customer(number="C000009", name="路人甲", phone="+8613900001111"))
    qtbot.keyClicks(_search(page), "13900001111")
    qtbot.waitUntil(lambda: page.card.card is not None and page.ready(), timeout=TIMEOUT)
    assert page.card.card.points is None
    assert not page.redeem_button.isEnabled()
    assert page.redeem_points() is None


def test_last_score_and_its_trend(qtbot, page, db, member) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from app.models.enums import ActivityKind
    from app.services import activities

    now = dt.datetime.now(dt.UTC)
    for days, score in ((20, 5), (10, 5), (1, 2)):
        activities.log(
            db,
            None,
            member,
            ActivityKind.RETURN_VISIT,
            "回访",
            occurred_at=now - dt.timedelta(days=days),
            satisfaction=score,
        )
    qtbot.keyClicks(_search(page), "88600001")
    qtbot.waitUntil(lambda: page.card.card is not None and page.ready(), timeout=TIMEOUT)
    shown = page.card.value("satisfaction")
    assert shown.text() == "★★ ↓" and shown.property("alert") == "danger"
    assert shown.toolTip() == "Worse than the answers before"

"""The front-desk card: who just walked in, readable at arm's length in a blink.

``DeskCardWidget.show_card(card)`` fills it from a ``front_desk.DeskCard`` (plain data);
values that need the desk's attention (money owed, a birthday this week, open
complaints) carry the dynamic property ``alert`` ("danger" or "notice") that the style
sheet colours. The formatting helpers are plain functions so tests can call them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.services.front_desk import REGULAR_WINDOW_DAYS, DeskCard
from app.services.validation import display_phone

from . import formats
from .labels import label

MAX_PLATES = 4

STYLE = """
#deskCard {
    background: palette(base);
    border: 1px solid palette(mid);
    border-radius: 8px;
}
#deskCardName { font-size: 26px; font-weight: 600; }
#deskCardIdentity { color: palette(placeholder-text); font-size: 14px; }
#deskCard QLabel[caption="true"] { color: palette(placeholder-text); font-size: 13px; }
#deskCard QLabel[value="true"] { font-size: 16px; }
#deskCard QLabel[muted="true"] { color: palette(placeholder-text); }
#deskCard QLabel[alert="danger"] { color: #b3261e; font-weight: 600; }
#deskCard QLabel[alert="notice"] { color: #8a5300; font-weight: 600; }
QLabel[badge="true"] {
    border-radius: 10px; padding: 2px 10px; font-size: 13px; font-weight: 600;
    background: #e8e8e8; color: #333333;
}
QLabel[badge="true"][level="silver"] { background: #e3e7ec; color: #3c4650; }
QLabel[badge="true"][level="gold"] { background: #f7e3a1; color: #6b4e00; }
QLabel[badge="true"][level="vip"] { background: #e6d7f5; color: #4b2280; }
QLabel[badge="true"][regularity="regular"] { background: #d8efdc; color: #1e5b2c; }
QLabel[badge="true"][regularity="passing"] { background: #e3edf7; color: #24476b; }
"""


def last_visit_text(value: dt.datetime | None, today: dt.date | None = None) -> str:
    """ "today, 14:05", "yesterday · 23/11/2026", "3 days ago · 21/11/2026"."""
    if value is None:
        return QCoreApplication.translate("DeskCardWidget", "No visit yet")
    when = formats.local(value)
    today = today or dt.date.today()
    days = (today - when.date()).days
    if days <= 0:
        return QCoreApplication.translate("DeskCardWidget", "Today, %1").replace(
            "%1", formats.time(when)
        )
    if days == 1:
        ago = QCoreApplication.translate("DeskCardWidget", "Yesterday")
    else:
        ago = QCoreApplication.translate("DeskCardWidget", "%n days ago", None, days)
    return f"{ago} · {formats.date(when.date())}"


def interval_text(days: float | None) -> str:
    if days is None:
        return QCoreApplication.translate("DeskCardWidget", "Not known yet")
    if days < 0.75:
        return QCoreApplication.translate("DeskCardWidget", "Several times a day")
    whole = max(1, round(days))
    if whole == 1:
        return QCoreApplication.translate("DeskCardWidget", "Every day")
    return QCoreApplication.translate("DeskCardWidget", "Every %n days", None, whole)


def visits_text(visits: int) -> str:
    if visits == 0:
        return QCoreApplication.translate("DeskCardWidget", "None")
    if visits == 1:
        return QCoreApplication.translate("DeskCardWidget", "1 visit")
    return QCoreApplication.translate("DeskCardWidget", "%n visits", None, visits)


def vehicles_text(plates: list[str]) -> str:
    """One plate a line (a plate never breaks in two), at most ``MAX_PLATES``."""
    if not plates:
        return QCoreApplication.translate("DeskCardWidget", "None")
    lines = plates[:MAX_PLATES]
    rest = len(plates) - len(lines)
    if rest:
        lines.append(QCoreApplication.translate("DeskCardWidget", "and %n more", None, rest))
    return "\n".join(lines)


def birthday_text(days: int | None) -> str:
    if days is None:
        return QCoreApplication.translate("DeskCardWidget", "Not this week")
    if days == 0:
        return QCoreApplication.translate("DeskCardWidget", "Birthday today!")
    if days == 1:
        return QCoreApplication.translate("DeskCardWidget", "Birthday tomorrow")
    return QCoreApplication.translate("DeskCardWidget", "Birthday in %n days", None, days)


def complaints_text(count: int) -> str:
    if count == 0:
        return QCoreApplication.translate("DeskCardWidget", "None open")
    if count == 1:
        return QCoreApplication.translate("DeskCardWidget", "1 open complaint")
    return QCoreApplication.translate("DeskCardWidget", "%n open complaints", None, count)


def points_text(points: int | None) -> str:
    if points is None:
        return QCoreApplication.translate("DeskCardWidget", "Not a member")
    return QCoreApplication.translate("DeskCardWidget", "%1 points").replace(
        "%1", QLocale().toString(points)
    )


def purchases_text(
    purchases: list[tuple[dt.date, Decimal | None]], products: list[list[str]] | None = None
) -> str:
    """One purchase a line: its day, amount and (when it had lines) what was bought."""
    if not purchases:
        return QCoreApplication.translate("DeskCardWidget", "No purchases yet")
    products = products or []
    lines = []
    for i, (d, a) in enumerate(purchases):
        what = ", ".join(products[i]) if i < len(products) else ""
        amount = f"  {formats.money(a)}" if a is not None else ""
        lines.append(f"{formats.date(d)}{amount}" + (f"  {what}" if what else ""))
    return "\n".join(lines)


def _set(widget: QWidget, name: str, value: object) -> None:
    """Set a dynamic property that the style sheet reads, and restyle."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class DeskCardWidget(QFrame):
    """The card of one customer. ``card`` is the one shown, or None."""

    FIELDS = (
        "vehicles",
        "owed",
        "last_visit",
        "birthday",
        "interval",
        "complaints",
        "visits",
        "owner",
        "points",
        "satisfaction",
    )
    """Two columns: left the car and the habits, right what needs attention."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deskCard")
        self.setStyleSheet(STYLE)
        self.card: DeskCard | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 18, 24, 18)
        outer.setSpacing(6)

        head = QHBoxLayout()
        head.setSpacing(10)
        self.name_label = QLabel(self)
        self.name_label.setObjectName("deskCardName")
        self.name_label.setWordWrap(True)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.level_label = self._badge("deskCardLevel")
        self.regularity_label = self._badge("deskCardRegularity")
        head.addWidget(self.name_label, 1)
        head.addWidget(self.level_label, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.regularity_label, 0, Qt.AlignmentFlag.AlignTop)
        outer.addLayout(head)

        self.identity_label = QLabel(self)
        self.identity_label.setObjectName("deskCardIdentity")
        self.identity_label.setWordWrap(True)
        self.identity_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.identity_label)
        outer.addSpacing(10)

        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(12)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.values: dict[str, QLabel] = {}
        captions = {
            "vehicles": self.tr("Vehicles"),
            "owed": self.tr("Owed"),
            "last_visit": self.tr("Last visit"),
            "birthday": self.tr("Birthday"),
            "interval": self.tr("Usual interval"),
            "complaints": self.tr("Complaints"),
            "visits": self.tr("Visits, last %1 days").replace("%1", str(REGULAR_WINDOW_DAYS)),
            "owner": self.tr("Owner"),
            "points": self.tr("Points"),
            "satisfaction": self.tr("Last satisfaction"),
        }
        for i, key in enumerate(self.FIELDS):
            row, col = divmod(i, 2)
            cell = QVBoxLayout()
            cell.setSpacing(1)
            caption = QLabel(captions[key], self)
            caption.setProperty("caption", True)
            value = QLabel(self)
            value.setObjectName("deskCard" + "".join(p.title() for p in key.split("_")))
            value.setProperty("value", True)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            caption.setBuddy(value)
            cell.addWidget(caption)
            cell.addWidget(value)
            grid.addLayout(cell, row, col, Qt.AlignmentFlag.AlignTop)
            self.values[key] = value
        outer.addLayout(grid)
        outer.addSpacing(6)

        purchases_caption = QLabel(self.tr("Last purchases"), self)
        purchases_caption.setProperty("caption", True)
        self.purchases_label = QLabel(self)
        self.purchases_label.setObjectName("deskCardPurchases")
        self.purchases_label.setProperty("value", True)
        self.purchases_label.setWordWrap(True)
        outer.addWidget(purchases_caption)
        outer.addWidget(self.purchases_label)

    def _badge(self, name: str) -> QLabel:
        badge = QLabel(self)
        badge.setObjectName(name)
        badge.setProperty("badge", True)
        badge.hide()
        return badge

    def value(self, key: str) -> QLabel:
        return self.values[key]

    def show_card(self, card: DeskCard, today: dt.date | None = None) -> None:
        self.card = card
        self.name_label.setText(card.name)
        level = card.membership_level
        self.level_label.setVisible(level not in ("", "none"))
        self.level_label.setText(label(level))
        _set(self.level_label, "level", level)
        regularity = getattr(card.regularity, "value", str(card.regularity))
        self.regularity_label.setVisible(regularity in ("regular", "passing"))
        self.regularity_label.setText(label(regularity))
        _set(self.regularity_label, "regularity", regularity)

        facts = [card.number, *(display_phone(p) for p in card.phones)]
        if card.membership_card:
            facts.append(self.tr("Card %1").replace("%1", card.membership_card))
        self.identity_label.setText("  ·  ".join(facts))

        v = self.values
        v["vehicles"].setText(vehicles_text(card.vehicles))
        _set(v["vehicles"], "muted", not card.vehicles)
        v["last_visit"].setText(last_visit_text(card.last_visit, today))
        _set(v["last_visit"], "muted", card.last_visit is None)
        v["interval"].setText(interval_text(card.usual_interval_days))
        _set(v["interval"], "muted", card.usual_interval_days is None)
        v["visits"].setText(visits_text(card.visits_90_days))
        _set(v["visits"], "muted", not card.visits_90_days)
        v["owed"].setText(formats.money(card.owed))
        _set(v["owed"], "muted", card.owed is None or card.owed == 0)
        _set(v["owed"], "alert", "danger" if card.owed is not None and card.owed > 0 else "")
        v["birthday"].setText(birthday_text(card.birthday_in_days))
        _set(v["birthday"], "alert", "notice" if card.birthday_in_days is not None else "")
        _set(v["birthday"], "muted", card.birthday_in_days is None)
        v["complaints"].setText(complaints_text(card.open_complaints))
        _set(v["complaints"], "alert", "danger" if card.open_complaints else "")
        _set(v["complaints"], "muted", not card.open_complaints)
        v["owner"].setText(card.owner or self.tr("Nobody"))
        _set(v["owner"], "muted", not card.owner)
        v["points"].setText(points_text(card.points))
        _set(v["points"], "muted", not card.points)
        score = card.last_satisfaction
        arrow = {"up": " ↑", "down": " ↓"}.get(card.satisfaction_trend or "", "")
        v["satisfaction"].setText("★" * score + arrow if score else self.tr("Not asked"))
        v["satisfaction"].setToolTip(
            {
                "up": self.tr("Better than the answers before"),
                "down": self.tr("Worse than the answers before"),
                "steady": self.tr("As the answers before"),
            }.get(card.satisfaction_trend or "", "")
        )
        _set(v["satisfaction"], "alert", "danger" if score is not None and score <= 2 else "")
        _set(v["satisfaction"], "muted", score is None)
        self.purchases_label.setText(purchases_text(card.last_purchases, card.purchase_products))
        _set(self.purchases_label, "muted", not card.last_purchases)

    def clear(self) -> None:
        self.card = None
        self.name_label.clear()
        self.identity_label.clear()
        self.level_label.hide()
        self.regularity_label.hide()
        for value in self.values.values():
            value.clear()
        self.purchases_label.clear()

"""One column of the deal board: a list model over the column's cards (plain data from
``services.pipeline.board``) and the delegate that paints them, so a board of thousands
of deals is a handful of views, not thousands of widgets.

Drag and drop carries ``MIME_TYPE``: JSON with the deal id, the version the board shows
and the stage it comes from. A drop never changes the models itself: the column emits
``dropRequested`` and the page moves the deal through the service, then shows the board
the service returns.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from app.services.pipeline import Card

from .. import formats

MIME_TYPE = "application/x-clientela-deal"
CardRole = Qt.ItemDataRole.UserRole + 1
DealIdRole = Qt.ItemDataRole.UserRole + 2
VersionRole = Qt.ItemDataRole.UserRole + 3

Index = QModelIndex | QPersistentModelIndex


def money_text(amount: Any) -> str:
    """Whole units in the office currency, ¥12,346 (cents are noise on a board)."""
    return formats.money(amount, decimals=0)


def decode(mime: QMimeData) -> dict[str, int] | None:
    """The deal a drag carries, or None when it carries something else."""
    if not mime.hasFormat(MIME_TYPE):
        return None
    try:
        data = json.loads(bytes(mime.data(MIME_TYPE).data()).decode("utf-8"))
        return {k: int(data[k]) for k in ("deal_id", "version", "stage_id")}
    except (ValueError, KeyError, TypeError):
        return None


class DealColumnModel(QAbstractListModel):
    """The cards of one stage, in the order the service gives them."""

    dropRequested = Signal(int, int, int, int)
    """deal id, version seen, from stage, to stage (this column's)."""

    def __init__(self, stage_id: int, parent: Any = None) -> None:
        super().__init__(parent)
        self.stage_id = stage_id
        self._cards: list[Card] = []

    # ---------------------------------------------------------------- data
    def set_cards(self, cards: Sequence[Card]) -> None:
        self.beginResetModel()
        self._cards = list(cards)
        self.endResetModel()

    def cards(self) -> list[Card]:
        return list(self._cards)

    def card(self, row: int) -> Card | None:
        return self._cards[row] if 0 <= row < len(self._cards) else None

    def row_of(self, deal_id: int) -> int | None:
        for row, card in enumerate(self._cards):
            if card.id == deal_id:
                return row
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cards)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._cards):
            return None
        card = self._cards[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{card.customer_name} — {card.title}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                self.tr("%1\n%2\nAmount %3 · weighted %4\nOwner %5")
                .replace("%1", card.customer_name)
                .replace("%2", card.title)
                .replace("%3", money_text(card.amount))
                .replace("%4", money_text(card.weighted))
                .replace("%5", card.owner_name or "—")
            )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{card.customer_name}, {card.title}, {money_text(card.amount)}"
        if role == CardRole:
            return card
        if role == DealIdRole:
            return card.id
        if role == VersionRole:
            return card.version
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    # ------------------------------------------------------- drag and drop
    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        valid = [i for i in indexes if i.isValid() and self.card(i.row()) is not None]
        if valid:
            card = self._cards[valid[0].row()]
            payload = {"deal_id": card.id, "version": card.version, "stage_id": card.stage_id}
            mime.setData(MIME_TYPE, QByteArray(json.dumps(payload).encode("utf-8")))
        return mime

    def canDropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: Index,
    ) -> bool:
        deal = decode(data)
        return (
            deal is not None
            and action in (Qt.DropAction.MoveAction, Qt.DropAction.CopyAction)
            and deal["stage_id"] != self.stage_id
        )

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: Index,
    ) -> bool:
        """Ask for the move; the models change when the service has saved it. Returns
        False so that the view never removes the dragged row itself."""
        if action == Qt.DropAction.IgnoreAction:
            return True
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        deal = decode(data)
        assert deal is not None
        self.dropRequested.emit(deal["deal_id"], deal["version"], deal["stage_id"], self.stage_id)
        return False


class CardDelegate(QStyledItemDelegate):
    """Paints a card: customer, title, amount and owner, expected close and days in the
    stage; a stripe in the stage's colour; a warm background past the stage's aging."""

    PAD = 8
    GAP = 6

    def __init__(self, color: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.color = QColor(color or "#90a4ae")

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        fm = QFontMetrics(option.font)  # type: ignore[attr-defined]
        return QSize(200, 4 * fm.height() + 2 * self.PAD + self.GAP + 6)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        card: Card | None = index.data(CardRole)
        if card is None:
            super().paint(painter, option, index)
            return
        opt_rect: QRect = option.rect  # type: ignore[attr-defined]
        state = option.state  # type: ignore[attr-defined]
        font: QFont = option.font  # type: ignore[attr-defined]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = opt_rect.adjusted(4, 3, -4, -self.GAP + 3)
        selected = bool(state & QStyle.StateFlag.State_Selected)
        if card.aging:
            bg, border = QColor("#fff3e0"), QColor("#fb8c00")
        else:
            bg, border = QColor("#ffffff"), QColor("#d5d9de")
        if selected:
            border = QColor("#1e88e5")
        painter.setPen(QPen(border, 2 if selected else 1))
        painter.setBrush(bg)
        painter.drawRoundedRect(rect, 5, 5)
        stripe = QRect(rect.left(), rect.top(), 4, rect.height())
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.color)
        painter.drawRoundedRect(stripe, 2, 2)

        fm = QFontMetrics(font)
        line = fm.height()
        x = rect.left() + 4 + self.PAD
        width = rect.right() - x - self.PAD
        y = rect.top() + self.PAD
        bold = QFont(font)
        bold.setBold(True)
        bfm = QFontMetrics(bold)
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        painter.setFont(bold)
        painter.setPen(QColor("#1f2933"))
        painter.drawText(
            QRect(x, y, width, line),
            left,
            bfm.elidedText(card.customer_name, Qt.TextElideMode.ElideRight, width),
        )
        y += line
        painter.setFont(font)
        painter.setPen(QColor("#3e4c59"))
        painter.drawText(
            QRect(x, y, width, line),
            left,
            fm.elidedText(card.title, Qt.TextElideMode.ElideRight, width),
        )
        y += line
        amount = money_text(card.amount)
        amount_w = bfm.horizontalAdvance(amount)
        painter.setPen(QColor("#616e7c"))
        painter.drawText(
            QRect(x, y, width - amount_w - 6, line),
            left,
            fm.elidedText(
                card.owner_name or "—", Qt.TextElideMode.ElideRight, width - amount_w - 6
            ),
        )
        painter.setFont(bold)
        painter.setPen(QColor("#1f2933"))
        painter.drawText(QRect(x, y, width, line), right, amount)
        painter.setFont(font)
        y += line
        close = formats.date(card.expected_close) if card.expected_close else "—"
        painter.setPen(QColor("#616e7c"))
        painter.drawText(QRect(x, y, width, line), left, close)
        days = self.tr("%n d", "days in the stage", card.days_in_stage)
        painter.setPen(QColor("#e65100") if card.aging else QColor("#616e7c"))
        painter.drawText(QRect(x, y, width, line), right, days)
        painter.restore()

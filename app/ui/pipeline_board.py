"""The deal board: one column per stage (open stages, then won and lost), each a header
with the column's figures over a list view of painted cards.

The board only shows and asks: a drop, Ctrl+Left/Right or a double-click become signals
(``moveRequested``, ``cardActivated``) that the page turns into operations.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QListView,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.services.pipeline import CLOSED_DAYS, Board, Card, Column, StageInfo

from .models.deal_column import CardDelegate, DealColumnModel, money_text

COLUMN_MIN_WIDTH = 176
COLUMN_MAX_WIDTH = 320
COLLAPSED_WIDTH = 72


class DealListView(QListView):
    """A column's cards. Left/Right go to the neighbouring column, Ctrl+Left/Right ask
    to move the current deal a stage."""

    stepRequested = Signal(int)
    """-1: a stage back, +1: a stage on."""
    neighbourRequested = Signal(int)
    focused = Signal()
    openRequested = Signal(QModelIndex)
    """Return or Enter on the current card."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformItemSizes(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSpacing(0)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.openRequested.emit(self.currentIndex())
            event.accept()
            return
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = -1 if key == Qt.Key.Key_Left else 1
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.stepRequested.emit(step)
            else:
                self.neighbourRequested.emit(step)
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()


class BoardColumn(QFrame):
    """Header (name, count, amount, weighted amount) over the list of cards."""

    def __init__(self, stage: StageInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        key = stage.key or str(stage.id)
        self.setObjectName(f"boardColumn_{key}")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(self.backgroundRole(), QColor("#eef1f4"))
        self.setPalette(pal)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 4)
        layout.setSpacing(2)
        top = QHBoxLayout()
        top.setSpacing(4)
        self.stripe = QFrame(self)
        self.stripe.setFixedSize(4, 18)
        self.stripe.setStyleSheet(f"background: {stage.color or '#90a4ae'}; border-radius: 2px;")
        self.name_label = QLabel(stage.name, self)
        self.name_label.setObjectName("boardColumnName")
        font = self.name_label.font()
        font.setBold(True)
        self.name_label.setFont(font)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("boardColumnCount")
        self.collapse_button = QToolButton(self)
        self.collapse_button.setObjectName("boardColumnCollapse")
        self.collapse_button.setCheckable(True)
        self.collapse_button.setAutoRaise(True)
        self.collapse_button.setFixedSize(18, 18)
        self.collapse_button.setVisible(not stage.is_open)
        self.collapse_button.setToolTip(self.tr("Collapse or expand this column"))
        self.collapse_button.toggled.connect(self.set_collapsed)
        top.addWidget(self.stripe)
        top.addWidget(self.name_label, 1)
        top.addWidget(self.count_label)
        top.addWidget(self.collapse_button)
        layout.addLayout(top)
        self.figures_label = QLabel(self)
        self.figures_label.setObjectName("boardColumnFigures")
        self.figures_label.setStyleSheet("color: #52606d;")
        self.figures_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.figures_label)
        self.model = DealColumnModel(stage.id, self)
        self.view = DealListView(self)
        self.view.setObjectName(f"boardList_{key}")
        self.view.setModel(self.model)
        self.view.setItemDelegate(CardDelegate(stage.color, self.view))
        pal = self.view.palette()
        pal.setColor(self.view.backgroundRole(), QColor("#eef1f4"))
        self.view.setPalette(pal)
        layout.addWidget(self.view, 1)
        self._collapsed = False
        self.set_collapsed(False)

    def set_column(self, column: Column) -> None:
        if column == getattr(self, "_shown", None):
            return  # a refresh or a move elsewhere: nothing to redo in this column
        self._shown = column
        current = self.current_card()
        scroll = self.view.verticalScrollBar().value()
        self.model.set_cards(column.cards)
        self.view.verticalScrollBar().setValue(scroll)
        self.count_label.setText(str(column.count))
        tip = self.tr("%n deal(s)", "", column.count)
        if not self.stage.is_open:
            tip += "\n" + self.tr("closed in the last %n day(s)", "", CLOSED_DAYS)
        self.count_label.setToolTip(tip)
        self.figures_label.setText(
            self.tr("Amount %1\nWeighted %2")
            .replace("%1", money_text(column.amount))
            .replace("%2", money_text(column.weighted))
        )
        self.figures_label.setToolTip(
            self.tr("Total amount %1, weighted by probability %2")
            .replace("%1", money_text(column.amount))
            .replace("%2", money_text(column.weighted))
        )
        if current is not None:
            self.select(current.id, focus=False)

    def set_collapsed(self, collapsed: bool) -> None:
        self._collapsed = collapsed
        self.view.setVisible(not collapsed)
        self.figures_label.setVisible(not collapsed)
        self.name_label.setVisible(not collapsed)
        self.collapse_button.setArrowType(
            Qt.ArrowType.RightArrow if collapsed else Qt.ArrowType.DownArrow
        )
        if collapsed:
            self.setFixedWidth(COLLAPSED_WIDTH)
        else:
            self.setMinimumWidth(COLUMN_MIN_WIDTH)
            self.setMaximumWidth(COLUMN_MAX_WIDTH)

    @property
    def collapsed(self) -> bool:
        return self._collapsed

    def current_card(self) -> Card | None:
        index = self.view.currentIndex()
        if not index.isValid() or not self.view.selectionModel().isSelected(index):
            return None
        return self.model.card(index.row())

    def select(self, deal_id: int, *, focus: bool = True) -> bool:
        row = self.model.row_of(deal_id)
        if row is None:
            return False
        self.select_row(row, focus=focus)
        return True

    def select_row(self, row: int, *, focus: bool = True) -> None:
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.view.scrollTo(index)
        if focus:
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)


class PipelineBoard(QScrollArea):
    """The columns side by side, scrolled horizontally when they do not fit."""

    moveRequested = Signal(int, int, int, int)
    """deal id, version seen, from stage, to stage."""
    cardActivated = Signal(object)
    """A Card was double-clicked (or Return pressed on it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pipelineBoard")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._content = QWidget(self)
        self._row = QHBoxLayout(self._content)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(8)
        # Columns keep their minimum width and the board scrolls, rather than overlap.
        self._row.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self._row.addStretch(1)
        self.setWidget(self._content)
        self.columns: list[BoardColumn] = []
        self.board: Board | None = None
        self._active: BoardColumn | None = None

    def sizeHint(self) -> QSize:
        return QSize(6 * (COLUMN_MIN_WIDTH + 8), 600)

    # -------------------------------------------------------------- content
    def set_board(self, board: Board) -> None:
        """Show ``board``; columns are rebuilt only when the stages changed, so the
        selection and scroll positions survive a refresh."""
        self.board = board
        ids = [c.stage.id for c in board.columns]
        if ids != [c.stage.id for c in self.columns] or any(
            col.stage != c.stage for col, c in zip(self.columns, board.columns, strict=True)
        ):
            self._rebuild(board)
        for widget, column in zip(self.columns, board.columns, strict=True):
            widget.set_column(column)
            widget.view.setDragEnabled(self.movable)

    movable = True
    """Cards can be dragged to another stage (not for a viewer)."""

    def _rebuild(self, board: Board) -> None:
        for col in self.columns:
            self._row.removeWidget(col)
            col.deleteLater()
        self.columns = []
        self._active = None
        for i, column in enumerate(board.columns):
            widget = BoardColumn(column.stage, self._content)
            self._row.insertWidget(i, widget)
            self.columns.append(widget)
            widget.model.dropRequested.connect(self.moveRequested)
            view = widget.view
            view.stepRequested.connect(lambda step, w=widget: self._step(w, step))
            view.neighbourRequested.connect(lambda step, w=widget: self._neighbour(w, step))
            view.focused.connect(lambda w=widget: self._set_active(w))
            view.doubleClicked.connect(lambda index, w=widget: self._activate(w, index))
            view.openRequested.connect(lambda index, w=widget: self._activate(w, index))

    def column_of(self, stage_id: int) -> BoardColumn | None:
        return next((c for c in self.columns if c.stage.id == stage_id), None)

    def find_card(self, deal_id: int) -> Card | None:
        for col in self.columns:
            row = col.model.row_of(deal_id)
            if row is not None:
                return col.model.card(row)
        return None

    # ------------------------------------------------------------ selection
    def _set_active(self, column: BoardColumn) -> None:
        self._active = column
        for other in self.columns:
            if other is not column:
                other.view.clearSelection()

    def current_card(self) -> Card | None:
        if self._active is not None:
            card = self._active.current_card()
            if card is not None:
                return card
        for col in self.columns:
            card = col.current_card()
            if card is not None:
                return card
        return None

    def select_deal(self, deal_id: int) -> bool:
        for col in self.columns:
            if col.select(deal_id):
                self._set_active(col)
                return True
        return False

    def _neighbour(self, column: BoardColumn, step: int) -> None:
        i = self.columns.index(column) + step
        while 0 <= i < len(self.columns):
            target = self.columns[i]
            if target.model.rowCount() and not target.collapsed:
                row = max(column.view.currentIndex().row(), 0)
                target.select_row(min(row, target.model.rowCount() - 1))
                self._set_active(target)
                return
            i += step

    def _step(self, column: BoardColumn, step: int) -> None:
        card = column.current_card()
        i = self.columns.index(column) + step
        if card is None or not 0 <= i < len(self.columns):
            return
        self.moveRequested.emit(card.id, card.version, column.stage.id, self.columns[i].stage.id)

    def _activate(self, column: BoardColumn, index: QModelIndex) -> None:
        card = column.model.card(index.row())
        if card is not None:
            self.cardActivated.emit(card)

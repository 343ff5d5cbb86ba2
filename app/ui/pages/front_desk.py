"""Front desk: find a walk-in regular within a second and log the visit.

Keyboard only, from one search field:

- typing searches (after ``SEARCH_DELAY_MS`` of quiet); the best hit shows as a card,
  the others in a short list that Up and Down walk through;
- Enter opens the "log visit" panel (amount and note, both optional); Enter there saves,
  Esc cancels. Enter or F2 pressed before the card of what was just typed has arrived
  waits for it, so an action never lands on the previous customer;
- F2 asks the window to open the full customer file (``openCustomer``);
- Ctrl+N registers a walk-in (name, phone, plate), pre-filled from what was typed.

Every query runs in a read ``Operation`` and every save in a write one; results of a
search or card that a newer one has replaced are dropped (sequence numbers). The keys are
taken by an event filter on the page's fields, which also claims them before window
shortcuts.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.errors import ClientelaError, ValidationError
from app.services import front_desk
from app.services.front_desk import DeskCard, VisitLogged
from app.services.search import Hit, SearchResult, search
from app.services.search_keys import has_cjk
from app.services.users import UserInfo
from app.services.validation import display_phone

from .. import errors, formats
from ..desk_card import DeskCardWidget
from ..operations import Operation, show_failure
from .base import Page

SEARCH_DELAY_MS = 15  # search takes 1–2 ms; the pause only merges a card reader's burst
MAX_HITS = 8
HIT_ID = Qt.ItemDataRole.UserRole

STYLE = """
#deskSearch { font-size: 20pt; padding: 6px 10px; }
#page_front_desk QPushButton { padding: 5px 14px; }
#deskWalkInButton { padding: 8px 14px; min-height: 24px; }
#deskHits { font-size: 14px; border: 1px solid palette(mid); border-radius: 6px; }
#deskHits::item { padding: 6px 8px; border-bottom: 1px solid palette(midlight); }
#deskHits::item:selected { background: palette(highlight); color: palette(highlighted-text); }
#deskMore { color: palette(placeholder-text); }
#deskHint { color: palette(placeholder-text); font-size: 16px; }
#deskEmpty { font-size: 18px; }
#deskStatus { font-size: 15px; }
#deskStatus[kind="ok"] { color: #1e5b2c; font-weight: 600; }
#deskStatus[kind="error"] { color: #b3261e; }
#deskVisitPanel, #deskWalkIn {
    background: palette(alternate-base);
    border: 1px solid palette(mid);
    border-radius: 8px;
}
#deskVisitTitle, #deskWalkInTitle { font-size: 16px; font-weight: 600; }
QLabel[fieldError="true"] { color: #b3261e; }
QLineEdit[invalid="true"] { border: 1px solid #b3261e; border-radius: 3px; padding: 2px; }
"""

_SEPARATORS = re.compile(r"[\s\-·.()/]")


def walk_in_guess(text: str) -> tuple[str, str, str]:
    """(name, phone, plate) pre-filled from what was typed in the search field: digits are
    a phone, letters mixed with digits a plate, Chinese characters a name."""
    typed = text.strip()
    compact = _SEPARATORS.sub("", typed)
    if not compact:
        return "", "", ""
    if re.fullmatch(r"\+?\d{3,}", compact):
        return "", typed, ""
    cjk = [i for i, ch in enumerate(compact) if has_cjk(ch)]
    if (
        4 <= len(compact) <= 10
        and compact.isalnum()
        and any(ch.isdigit() for ch in compact)
        and any(ch.isascii() and ch.isalpha() for ch in compact)
        and cjk in ([], [0])
    ):
        return "", "", typed.upper()
    if cjk and not any(ch.isdigit() for ch in compact):
        return typed, "", ""
    return "", "", ""


def _restyle(widget: QWidget, name: str, value: object) -> None:
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class FrontDeskPage(Page):
    name = "front_desk"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(STYLE)
        self._seq = 0
        self._card_seq = 0
        self._dirty = False
        """The text changed since the hits shown were found."""
        self._card_wanted: int | None = None
        self._pending: str | None = None
        """"visit" or "open": asked for before the card of the typed text arrived."""
        self._visit_for: DeskCard | None = None
        self.visit_operation: Operation | None = None
        self.redeem_dialog: QDialog | None = None
        self.walk_in_operation: Operation | None = None
        self.result: SearchResult | None = None
        self._build()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(self._on_text_changed)
        for widget in (
            self.search,
            self.visit_amount,
            self.visit_note,
            self.walk_in_name,
            self.walk_in_phone,
            self.walk_in_plate,
            self.log_button,
            self.open_button,
            self.walk_in_button,
            self.visit_save,
            self.visit_cancel,
            self.walk_in_save,
            self.walk_in_cancel,
        ):
            widget.installEventFilter(self)

    def title(self) -> str:
        return self.tr("Front desk")

    # ---------------------------------------------------------------- build
    def _build(self) -> None:
        top = QHBoxLayout()
        top.setSpacing(10)
        self.search = QLineEdit(self)
        self.search.setObjectName("deskSearch")
        self.search.setPlaceholderText(self.tr("Phone digits, plate, card or name…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Find a customer"))
        self.walk_in_button = self._button(
            self.tr("New walk-in (Ctrl+N)"), "deskWalkInButton", self.open_walk_in
        )
        top.addWidget(self.search, 1)
        top.addWidget(self.walk_in_button)
        self.layout_.addLayout(top)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("deskStatus")
        self.status_label.setWordWrap(True)  # a long name never widens the window
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.layout_.addWidget(self.status_label)

        body = QHBoxLayout()
        body.setSpacing(16)
        self.hits_box = QWidget(self)
        hits_column = QVBoxLayout(self.hits_box)
        hits_column.setContentsMargins(0, 0, 0, 0)
        self.hits = QListWidget(self.hits_box)
        self.hits.setObjectName("deskHits")
        self.hits.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hits.setAccessibleName(self.tr("Other customers found"))
        self.hits.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.hits.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.hits.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.hits.currentRowChanged.connect(self._on_current_row)
        self.hits.itemDoubleClicked.connect(lambda _item: self.open_file())
        self.more_label = QLabel(self.tr("More customers match: keep typing."), self.hits_box)
        self.more_label.setObjectName("deskMore")
        self.more_label.setWordWrap(True)
        hits_column.addWidget(self.hits)
        hits_column.addWidget(self.more_label)
        hits_column.addStretch(1)
        self.hits_box.setFixedWidth(300)
        self.hits_box.hide()

        self.area = QStackedWidget(self)
        self.area.setObjectName("deskArea")
        self.hint_label = self._message(
            "deskHint",
            self.tr(
                "Type phone digits, a licence plate, a card number or a name.\n"
                "Enter logs a visit · F2 opens the file · Ctrl+N registers a walk-in."
            ),
        )
        self.empty_label = self._message(
            "deskEmpty", self.tr("No customer found — press Ctrl+N to register a walk-in")
        )
        self.card_page = self._build_card_page()
        self.walk_in_panel = self._build_walk_in()
        walk_in_page = QWidget(self.area)
        walk_in_column = QVBoxLayout(walk_in_page)
        walk_in_column.setContentsMargins(0, 0, 0, 0)
        walk_in_column.addWidget(self.walk_in_panel)
        walk_in_column.addStretch(1)
        for page in (self.hint_label, self.card_page, self.empty_label, walk_in_page):
            self.area.addWidget(page)
        self.walk_in_page = walk_in_page

        scroller = QScrollArea(self)  # a short window scrolls the card, never clips it
        scroller.setObjectName("deskScroll")
        scroller.setWidget(self.area)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroller.viewport().setAutoFillBackground(False)
        self.area.setAutoFillBackground(False)
        body.addWidget(self.hits_box)
        body.addWidget(scroller, 1)
        self.layout_.addLayout(body, 1)

    def _button(self, text: str, name: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _message(self, name: str, text: str) -> QLabel:
        message = QLabel(text, self)
        message.setObjectName(name)
        message.setWordWrap(True)
        message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        message.setContentsMargins(4, 12, 4, 4)
        return message

    def _build_card_page(self) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        self.card = DeskCardWidget(page)
        column.addWidget(self.card)

        self.visit_panel = QFrame(page)
        self.visit_panel.setObjectName("deskVisitPanel")
        panel = QVBoxLayout(self.visit_panel)
        panel.setContentsMargins(16, 12, 16, 12)
        self.visit_title = QLabel(self.visit_panel)
        self.visit_title.setObjectName("deskVisitTitle")
        self.visit_title.setWordWrap(True)
        panel.addWidget(self.visit_title)
        row = QHBoxLayout()
        row.setSpacing(8)
        amount_label = QLabel(self.tr("&Amount"), self.visit_panel)
        self.visit_amount = QLineEdit(self.visit_panel)
        self.visit_amount.setObjectName("visitAmount")
        self.visit_amount.setPlaceholderText(self.tr("optional, e.g. 88.50"))
        self.visit_amount.setFixedWidth(170)
        amount_label.setBuddy(self.visit_amount)
        note_label = QLabel(self.tr("N&ote"), self.visit_panel)
        self.visit_note = QLineEdit(self.visit_panel)
        self.visit_note.setObjectName("visitNote")
        self.visit_note.setPlaceholderText(self.tr("optional"))
        note_label.setBuddy(self.visit_note)
        self.visit_save = self._button(self.tr("Save (Enter)"), "visitSave", self.save_visit)
        self.visit_cancel = self._button(self.tr("Cancel (Esc)"), "visitCancel", self.cancel_visit)
        row.addWidget(amount_label)
        row.addWidget(self.visit_amount)
        row.addSpacing(8)
        row.addWidget(note_label)
        row.addWidget(self.visit_note, 1)
        panel.addLayout(row)
        actions = QHBoxLayout()
        self.visit_error = QLabel(self.visit_panel)
        self.visit_error.setObjectName("deskVisitError")
        self.visit_error.setProperty("fieldError", True)
        self.visit_error.setWordWrap(True)
        self.visit_error.hide()
        actions.addWidget(self.visit_error, 1)
        actions.addStretch(0)
        actions.addWidget(self.visit_save)
        actions.addWidget(self.visit_cancel)
        panel.addLayout(actions)
        self.visit_panel.hide()
        column.addWidget(self.visit_panel)

        buttons = QHBoxLayout()
        self.log_button = self._button(
            self.tr("Log visit (Enter)"), "deskLogVisitButton", self.request_visit
        )
        self.open_button = self._button(
            self.tr("Open file (F2)"), "deskOpenFileButton", self.open_file
        )
        self.redeem_button = self._button(
            self.tr("Redeem points (F4)"), "deskRedeemButton", self.redeem_points
        )
        buttons.addWidget(self.log_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.redeem_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addStretch(1)
        return page

    def _build_walk_in(self) -> QFrame:
        frame = QFrame(self)
        frame.setObjectName("deskWalkIn")
        frame.setMaximumWidth(640)
        column = QVBoxLayout(frame)
        column.setContentsMargins(20, 16, 20, 16)
        column.setSpacing(10)
        heading = QLabel(self.tr("New walk-in customer"), frame)
        heading.setObjectName("deskWalkInTitle")
        column.addWidget(heading)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        self.walk_in_errors: dict[str, QLabel] = {}
        edits: list[QLineEdit] = []
        for row, (key, caption, hint) in enumerate(
            (
                ("name", self.tr("&Name"), self.tr("required")),
                ("phone", self.tr("&Phone"), self.tr("optional")),
                ("plate", self.tr("P&late"), self.tr("optional, e.g. 粤B·12345")),
            )
        ):
            title = QLabel(caption, frame)
            edit = QLineEdit(frame)
            edit.setObjectName("walkIn" + key.title())
            edit.setPlaceholderText(hint)
            edit.setMaxLength(200)
            title.setBuddy(edit)
            error = QLabel(frame)
            error.setObjectName("walkIn" + key.title() + "Error")
            error.setProperty("fieldError", True)
            error.setWordWrap(True)
            error.hide()
            grid.addWidget(title, row * 2, 0)
            grid.addWidget(edit, row * 2, 1)
            grid.addWidget(error, row * 2 + 1, 1)
            self.walk_in_errors[key] = error
            edits.append(edit)
        self.walk_in_name, self.walk_in_phone, self.walk_in_plate = edits
        column.addLayout(grid)
        self.walk_in_error = QLabel(frame)
        self.walk_in_error.setObjectName("walkInError")
        self.walk_in_error.setProperty("fieldError", True)
        self.walk_in_error.setWordWrap(True)
        self.walk_in_error.hide()
        column.addWidget(self.walk_in_error)
        buttons = QHBoxLayout()
        self.walk_in_save = self._button(
            self.tr("Register (Enter)"), "walkInSave", self.save_walk_in
        )
        self.walk_in_cancel = self._button(
            self.tr("Cancel (Esc)"), "walkInCancel", self.cancel_walk_in
        )
        more = QLabel(self.tr("Everything else can be added in the file (F2) later."), frame)
        more.setObjectName("walkInMore")
        more.setWordWrap(True)
        buttons.addWidget(self.walk_in_save)
        buttons.addWidget(self.walk_in_cancel)
        buttons.addSpacing(12)
        buttons.addWidget(more, 1)
        column.addLayout(buttons)
        return frame

    # ------------------------------------------------------------- context
    def write_controls(self) -> list[QWidget]:
        return [self.log_button, self.redeem_button, self.walk_in_button]

    def set_context(self, db: Database | None, user: UserInfo | None) -> None:
        changed = db is not self.db
        super().set_context(db, user)
        if changed or db is None:
            self.clear()

    def clear(self) -> None:
        """Forget the search, its hits and card, and any half-typed visit or walk-in."""
        self._timer.stop()
        self._seq += 1
        self._card_seq += 1
        self._dirty = False
        self._card_wanted = None
        self._pending = None
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._fill_hits([], more=False)
        self.card.clear()
        self._close_visit_panel()
        self._set_status("")
        self.area.setCurrentWidget(self.hint_label)
        self._update_buttons()

    def _user_id(self) -> int | None:
        return self.user.id if self.user is not None else None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.area.currentWidget() is self.walk_in_page:
            self.walk_in_name.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.visit_panel.isVisible():
            self.visit_amount.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)
            self.search.selectAll()

    # ---------------------------------------------------------------- keys
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(
            event, QKeyEvent
        ):
            action = self._key_action(watched, event)
            if action is not None:
                event.accept()
                if kind == QEvent.Type.KeyPress:
                    action()
                return True
        return super().eventFilter(watched, event)

    def _key_action(self, watched: QObject, event: QKeyEvent) -> Any:
        if event.matches(QKeySequence.StandardKey.New):
            return self.open_walk_in
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods != Qt.KeyboardModifier.NoModifier:
            return None
        if key == Qt.Key.Key_F2:
            return self.open_file
        if key == Qt.Key.Key_F4:
            return self.redeem_points
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        escape = key == Qt.Key.Key_Escape
        if watched is self.search:
            if enter:
                return self.request_visit
            if key == Qt.Key.Key_Down:
                return lambda: self.move_selection(1)
            if key == Qt.Key.Key_Up:
                return lambda: self.move_selection(-1)
            if escape and self.search.text():
                return self.search.clear
        elif watched in (self.visit_amount, self.visit_note):
            if enter:
                return self.save_visit
            if escape:
                return self.cancel_visit
        elif watched in (self.walk_in_name, self.walk_in_phone, self.walk_in_plate):
            if enter:
                return self.save_walk_in
            if escape:
                return self.cancel_walk_in
        return None

    # -------------------------------------------------------------- search
    @Slot(str)
    def _on_text_changed(self, _text: str) -> None:
        self._seq += 1  # whatever is on its way answers an older text
        self._dirty = True
        self._pending = None
        self._close_visit_panel()
        if self.area.currentWidget() is self.walk_in_page:
            self.area.setCurrentWidget(self.hint_label)
        self._timer.start()

    @Slot()
    def run_search(self) -> None:
        """Search for the text now (the timer calls this after a pause in typing)."""
        self._timer.stop()
        self._seq += 1
        seq = self._seq
        db = self.db
        text = self.search.text().strip()
        if db is None or not text:
            self._dirty = False
            self._pending = None
            self._card_seq += 1
            self._card_wanted = None
            self._fill_hits([], more=False)
            self.card.clear()
            self.area.setCurrentWidget(self.hint_label)
            self._update_buttons()
            return

        uid = self.user.id if self.user else None

        def work(_progress: Any) -> SearchResult:
            with db.session() as s:
                return search(s, text, MAX_HITS, user_id=uid)

        Operation(self, work, writes=False).success(
            lambda result: self._searched(seq, result)
        ).failure(lambda error: self._read_failed(seq, error)).run()

    def _searched(self, seq: int, result: SearchResult) -> None:
        if seq != self._seq:
            return
        self._dirty = False
        self.result = result
        self._fill_hits(result.hits, result.more)
        if not result.hits:
            self._pending = None
            self._card_seq += 1
            self._card_wanted = None
            self.card.clear()
            self.area.setCurrentWidget(self.empty_label)
            self._update_buttons()

    def _read_failed(self, seq: int, error: BaseException) -> None:
        if seq != self._seq:
            return
        self._dirty = False
        self._pending = None
        self._failed(error)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ClientelaError):
            self._set_status(errors.error_text(error), ok=False)
        else:
            show_failure(self, error)

    def _fill_hits(self, hits: list[Hit], more: bool) -> None:
        self.hits.blockSignals(True)
        self.hits.clear()
        for hit in hits:
            self._add_hit(hit.id, hit.name, hit.plates, hit.phones, hit.number)
        self.hits.blockSignals(False)
        self._fit_hits()
        self.hits_box.setVisible(bool(hits))
        self.more_label.setVisible(more)
        if hits:
            self.hits.setCurrentRow(0)  # loads the card

    def _add_hit(
        self, cid: int, name: str, plates: list[str], phones: list[str], number: str
    ) -> QListWidgetItem:
        details = [*plates[:2]]
        if phones:
            details.append(display_phone(phones[0]))
        item = QListWidgetItem(f"{name}\n{'   '.join(details) or number}", self.hits)
        item.setData(HIT_ID, cid)
        item.setToolTip(name)
        return item

    def _fit_hits(self) -> None:
        """As tall as its few rows, so the space below stays calm."""
        heights = [self.hits.sizeHintForRow(i) for i in range(self.hits.count())]
        frame = 2 * self.hits.frameWidth()
        self.hits.setMaximumHeight(max(sum(heights), 1) + frame)
        self.hits.setMinimumHeight(max(sum(heights[:2]), 1) + frame)  # a short window scrolls

    def move_selection(self, step: int) -> None:
        count = self.hits.count()
        if count == 0:
            return
        row = min(max(self.hits.currentRow() + step, 0), count - 1)
        self.hits.setCurrentRow(row)
        self.hits.scrollToItem(self.hits.item(row))

    def selected_id(self) -> int | None:
        item = self.hits.currentItem()
        return None if item is None else int(item.data(HIT_ID))

    @Slot(int)
    def _on_current_row(self, _row: int) -> None:
        cid = self.selected_id()
        if cid is None:
            return
        self._close_visit_panel()
        self._load_card(cid)  # always fresh; the card shown stays until this one arrives

    # ---------------------------------------------------------------- card
    def _load_card(self, cid: int) -> None:
        db = self.db
        if db is None:
            return
        self._card_seq += 1
        seq = self._card_seq
        self._card_wanted = cid
        self._update_buttons()

        uid = self.user.id if self.user else None

        def work(_progress: Any) -> DeskCard:
            with db.session() as s:
                return front_desk.card(s, cid, user_id=uid)

        Operation(self, work, writes=False).success(
            lambda card: self._card_loaded(seq, card)
        ).failure(lambda error: self._card_failed(seq, error)).run()

    def _card_loaded(self, seq: int, card: DeskCard) -> None:
        if seq != self._card_seq:
            return
        self._card_wanted = None
        if self.hits.count() == 0:  # a customer shown on its own (a new walk-in)
            self.hits.blockSignals(True)
            self._add_hit(card.id, card.name, card.vehicles, card.phones, card.number)
            self.hits.setCurrentRow(0)
            self.hits.blockSignals(False)
            self._fit_hits()
            self.hits_box.show()
            self.more_label.hide()
        self.card.show_card(card)
        self.area.setCurrentWidget(self.card_page)
        self._update_buttons()
        if self.ready():
            action, self._pending = self._pending, None
            if action == "visit":
                self.open_visit_panel()
            elif action == "open":
                self.openCustomer.emit(card.id)

    def _card_failed(self, seq: int, error: BaseException) -> None:
        if seq != self._card_seq:
            return
        self._card_wanted = None
        self._pending = None
        self._update_buttons()
        self._failed(error)

    def ready(self) -> bool:
        """A card is shown, and it is the one of the typed text and the selected hit."""
        card = self.card.card
        return (
            card is not None
            and not self._dirty
            and not self._timer.isActive()
            and self._card_wanted is None
            and self.area.currentWidget() is self.card_page
            and self.selected_id() == card.id
        )

    def _busy(self) -> bool:
        """Something the shown card may not yet reflect is on its way."""
        return bool(self.search.text().strip()) and (
            self._dirty or self._timer.isActive() or self._card_wanted is not None
        )

    def _wait_then(self, action: str) -> None:
        self._pending = action
        if self._timer.isActive():
            self.run_search()

    def _update_buttons(self) -> None:
        shown = self.card.card is not None and self._card_wanted is None
        self.log_button.setEnabled(shown)
        self.open_button.setEnabled(shown)
        self.redeem_button.setEnabled(shown and self.card.card.points is not None)  # type: ignore[union-attr]

    # ---------------------------------------------------------------- file
    @Slot()
    def open_file(self) -> None:
        """F2: the full customer file of the card shown."""
        if self.ready() and self.card.card is not None:
            self.openCustomer.emit(self.card.card.id)
        elif self._busy():
            self._wait_then("open")

    # -------------------------------------------------------------- points
    @Slot()
    def redeem_points(self) -> QDialog | None:
        """F4: take points off the member shown (app.ui.redeem_dialog)."""
        card, db = self.card.card, self.db
        if not self.ready() or card is None or db is None or card.points is None:
            return None
        if not self.may_write:
            return None
        from ..redeem_dialog import RedeemDialog

        dialog = RedeemDialog(db, self._user_id(), card, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.redeemed.connect(lambda changed: self._redeemed(card, changed))
        dialog.open()
        self.redeem_dialog = dialog
        return dialog

    def _redeemed(self, card: DeskCard, changed: Any) -> None:
        self._set_status(
            self.tr("%1 points redeemed for %2 · %3 left")
            .replace("%1", QLocale().toString(-changed.points))
            .replace("%2", card.name)
            .replace("%3", QLocale().toString(changed.balance)),
            ok=True,
        )
        self._load_card(card.id)
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    # --------------------------------------------------------------- visit
    @Slot()
    def request_visit(self) -> None:
        """Enter in the search field: log a visit for the card shown."""
        if not self.may_write:
            return
        if self.ready():
            self.open_visit_panel()
        elif self._busy():
            self._wait_then("visit")

    def open_visit_panel(self) -> None:
        card = self.card.card
        if card is None:
            return
        if self._visit_for is None or self._visit_for.id != card.id:
            self.visit_amount.clear()
            self.visit_note.clear()
            self._show_visit_error("")
        self._visit_for = card
        self.visit_title.setText(self.tr("Log a visit for %1").replace("%1", card.name))
        self.visit_panel.show()
        self.visit_amount.setFocus(Qt.FocusReason.OtherFocusReason)
        self.visit_amount.selectAll()

    def _close_visit_panel(self) -> None:
        if self.visit_operation is not None and self.visit_operation.running:
            return
        had_focus = self.visit_panel.isAncestorOf(self.focusWidget() or self)
        self._visit_for = None
        self.visit_panel.hide()
        self.visit_amount.clear()
        self.visit_note.clear()
        self._show_visit_error("")
        if had_focus:
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def cancel_visit(self) -> None:
        self._close_visit_panel()
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def save_visit(self) -> None:
        db, card = self.db, self._visit_for
        if db is None or card is None:
            return
        if self.visit_operation is not None and self.visit_operation.running:
            return
        amount = self.visit_amount.text().strip()
        note = self.visit_note.text().strip()
        user_id = self._user_id()
        typed = self.search.text()
        self._set_visit_busy(True)

        def work(_progress: Any) -> VisitLogged:
            return front_desk.log_visit(db, user_id, card.id, amount or None, note or None)

        self.visit_operation = (
            Operation(self, work)
            .success(lambda logged: self._visit_logged(card, logged, typed))
            .failure(self._visit_failed)
            .run()
        )

    def _set_visit_busy(self, busy: bool) -> None:
        for edit in (self.visit_amount, self.visit_note):
            edit.setReadOnly(busy)
        self.visit_save.setEnabled(not busy)

    def _visit_logged(self, card: DeskCard, logged: VisitLogged, typed: str) -> None:
        self._set_visit_busy(False)
        self.visit_operation = None
        value = logged.amount
        text = self.tr("Visit logged for %1").replace("%1", card.name)
        if value is not None:
            text += " · " + formats.money(value)
        if logged.points:
            text += " · " + self.tr("+%1 points").replace("%1", QLocale().toString(logged.points))
        self._close_visit_panel()
        self._set_status(text, ok=True)
        if self.search.text() == typed:  # not what someone began typing meanwhile
            self.search.clear()
            self.run_search()
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def _visit_failed(self, error: BaseException) -> None:
        self._set_visit_busy(False)
        self.visit_operation = None
        if not isinstance(error, ClientelaError):
            show_failure(self, error)
            return
        self._show_visit_error(errors.error_text(error))
        field = error.field if isinstance(error, ValidationError) else None
        edit = self.visit_note if field == "note" else self.visit_amount
        _restyle(self.visit_amount, "invalid", field == "amount")
        _restyle(self.visit_note, "invalid", field == "note")
        edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_visit_error(self, text: str) -> None:
        self.visit_error.setText(text)
        self.visit_error.setVisible(bool(text))

    # ------------------------------------------------------------- walk-in
    @Slot()
    def open_walk_in(self) -> None:
        """Ctrl+N: the short form for a new walk-in, pre-filled from the search."""
        if self.db is None or not self.may_write:
            return
        self._timer.stop()
        self._seq += 1
        self._card_seq += 1
        self._card_wanted = None
        self._pending = None
        self._close_visit_panel()
        name, phone, plate = walk_in_guess(self.search.text())
        self.walk_in_name.setText(name)
        self.walk_in_phone.setText(phone)
        self.walk_in_plate.setText(plate)
        self._clear_walk_in_errors()
        self.hits_box.hide()
        self.area.setCurrentWidget(self.walk_in_page)
        self._update_buttons()
        first = next(
            (
                e
                for e in (self.walk_in_name, self.walk_in_phone, self.walk_in_plate)
                if not e.text()
            ),
            self.walk_in_name,
        )
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def cancel_walk_in(self) -> None:
        if self.walk_in_operation is not None and self.walk_in_operation.running:
            return
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self.run_search()

    def _clear_walk_in_errors(self) -> None:
        for key, label in self.walk_in_errors.items():
            label.hide()
            _restyle(self._walk_in_edit(key), "invalid", False)
        self.walk_in_error.hide()

    def _walk_in_edit(self, key: str) -> QLineEdit:
        return {"name": self.walk_in_name, "phone": self.walk_in_phone}.get(key, self.walk_in_plate)

    @Slot()
    def save_walk_in(self) -> None:
        db = self.db
        if db is None or (self.walk_in_operation is not None and self.walk_in_operation.running):
            return
        name = self.walk_in_name.text().strip()
        phone = self.walk_in_phone.text().strip()
        plate = self.walk_in_plate.text().strip()
        user_id = self._user_id()
        region = formats.office_country()
        self._clear_walk_in_errors()
        self.walk_in_save.setEnabled(False)

        def work(_progress: Any) -> int:
            return front_desk.register_walk_in(
                db, user_id, name, phone or None, plate or None, region=region
            )

        self.walk_in_operation = (
            Operation(self, work)
            .success(lambda cid: self._walk_in_registered(cid, name))
            .failure(self._walk_in_failed)
            .run()
        )

    def _walk_in_registered(self, cid: int, name: str) -> None:
        self.walk_in_save.setEnabled(True)
        self.walk_in_operation = None
        self._set_status(self.tr("%1 is registered as a new customer").replace("%1", name), ok=True)
        self._seq += 1  # a search still on its way would replace the new card
        self._dirty = False
        self._timer.stop()
        self._fill_hits([], more=False)
        self.card.clear()
        self._load_card(cid)
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def _walk_in_failed(self, error: BaseException) -> None:
        self.walk_in_save.setEnabled(True)
        self.walk_in_operation = None
        if not isinstance(error, ClientelaError):
            show_failure(self, error)
            return
        text = errors.error_text(error)
        field = error.field if isinstance(error, ValidationError) else None
        key = {"name": "name", "phone": "phone", "plates": "plate", "plate": "plate"}.get(
            field or ""
        )
        if key is None:
            self.walk_in_error.setText(text)
            self.walk_in_error.show()
            return
        self.walk_in_errors[key].setText(text)
        self.walk_in_errors[key].show()
        edit = self._walk_in_edit(key)
        _restyle(edit, "invalid", True)
        edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # -------------------------------------------------------------- status
    def _set_status(self, text: str, ok: bool = True) -> None:
        self.status_label.setText(text)
        _restyle(self.status_label, "kind", ("ok" if ok else "error") if text else "")

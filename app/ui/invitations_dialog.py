"""Invite to event: pick or create the event, choose who (city, district, tag, lifecycle,
80/20 class, membership level, vehicle use, owner) and by which channel, see how many
match and how many opted out of that channel, mark them invited, export the list.

Opened from the Customers page (with its filters as the starting point) and from the
main window's menu. Every count, write and export runs off the UI thread through
``Operation``; the count follows the filters a moment after the last change.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.errors import ValidationError
from app.models.enums import Channel, Lifecycle, MembershipLevel, Role, VehicleUse
from app.reports.export import ExportResult
from app.services import invitations, lookups, segments
from app.services.customer_list import CustomerFilter
from app.services.invitations import EventInfo, InvitationFilter, Invited, Preview
from app.services.users import UserInfo

from . import errors
from .field_row import add_field_row
from .labels import label
from .operations import Operation, show_failure
from .segment_labels import class_label, rfm_label
from .style import FORM

COUNT_DELAY_MS = 250
NEW_EVENT = "new"
EVENT_NAME_PX = 260

STYLE = (
    FORM
    + """
#inviteCount { font-size: 15px; font-weight: 600; }
#inviteCountDetail, #inviteSegmentsNote { color: palette(placeholder-text); }
#inviteResult { color: #1e6b33; }
#newEventPanel { background: palette(alternate-base); border-radius: 4px; }
"""
)


class InvitationsDialog(QDialog):
    invited = Signal(object)
    """An ``Invited`` after customers were marked invited."""

    def __init__(
        self,
        db: Database,
        user: UserInfo | None,
        parent: QWidget | None = None,
        *,
        initial: CustomerFilter | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("InvitationsDialog")
        self.setWindowTitle(self.tr("Invite to event"))
        self.setStyleSheet(STYLE)
        self.setMinimumWidth(620)
        self.db = db
        self.user = user
        self._initial = initial
        self._may_write = not db.read_only and (user is None or user.role is not Role.VIEWER)
        self._loading = True
        self._count_op: Operation | None = None
        self._count_again = False
        self._districts_op: Operation | None = None
        self.preview: Preview | None = None
        self.last_invited: Invited | None = None
        self.last_export: ExportResult | None = None
        self._events: dict[int, EventInfo] = {}

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self._build_event_group())
        layout.addWidget(self._build_filter_group())
        layout.addLayout(self._build_count_row())
        self.result_label = QLabel(self)
        self.result_label.setObjectName("inviteResult")
        self.result_label.setWordWrap(True)
        self.result_label.hide()
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        layout.addWidget(self._build_buttons())

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COUNT_DELAY_MS)
        self._timer.timeout.connect(self.recount)
        # Enter in the new event's name creates the event; it must never press Mark invited.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        self._update_buttons()
        self._load_choices()

    # --------------------------------------------------------------- build
    def _build_event_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Event"), self)
        box = QVBoxLayout(group)
        row = QHBoxLayout()
        self.event_box = QComboBox(group)
        self.event_box.setObjectName("inviteEvent")
        self.event_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.event_box.setMinimumContentsLength(30)
        self.event_box.setAccessibleName(self.tr("Event"))
        self.event_box.currentIndexChanged.connect(self._event_changed)
        row.addWidget(self.event_box, 1)
        self.new_event_button = QPushButton(self.tr("New event…"), group)
        self.new_event_button.setObjectName("newEventButton")
        self.new_event_button.clicked.connect(self.show_new_event)
        row.addWidget(self.new_event_button)
        box.addLayout(row)

        self.new_event_panel = QFrame(group)
        self.new_event_panel.setObjectName("newEventPanel")
        form = QFormLayout(self.new_event_panel)
        form.setContentsMargins(10, 8, 10, 8)
        self.error_labels: dict[str, QLabel] = {}
        self.event_name_edit = QLineEdit(self.new_event_panel)
        self.event_name_edit.setObjectName("newEventName")
        self.event_name_edit.setMaxLength(invitations.MAX_NAME)
        self.event_name_edit.setPlaceholderText(self.tr("e.g. Owners' open day"))
        self.event_name_edit.returnPressed.connect(self.create_event)
        self.error_labels["name"] = add_field_row(
            form, self.new_event_panel, "name", self.tr("Name"), self.event_name_edit
        )
        self.event_date_edit = QDateEdit(self.new_event_panel)
        self.event_date_edit.setObjectName("newEventDate")
        self.event_date_edit.setCalendarPopup(True)
        self.event_date_edit.setDisplayFormat("yyyy-MM-dd")
        self.event_date_edit.setDate(QDate.currentDate().addDays(14))
        self.event_date_edit.setMaximumWidth(160)
        self.error_labels["starts_on"] = add_field_row(
            form, self.new_event_panel, "starts_on", self.tr("Date"), self.event_date_edit
        )
        self.event_channel_box = QComboBox(self.new_event_panel)
        self.event_channel_box.setObjectName("newEventChannel")
        self._fill_channels(self.event_channel_box)
        self.event_channel_box.setMaximumWidth(160)
        self.event_channel_box.setCurrentIndex(self.event_channel_box.findData(Channel.SMS))
        self.error_labels["channel"] = add_field_row(
            form, self.new_event_panel, "channel", self.tr("Channel"), self.event_channel_box
        )
        self.event_notes_edit = QLineEdit(self.new_event_panel)
        self.event_notes_edit.setObjectName("newEventNotes")
        self.event_notes_edit.setMaxLength(invitations.MAX_NOTES)
        self.error_labels["notes"] = add_field_row(
            form, self.new_event_panel, "notes", self.tr("Notes"), self.event_notes_edit
        )
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_event_button = QPushButton(self.tr("Cancel"), self.new_event_panel)
        self.cancel_event_button.setObjectName("cancelNewEventButton")
        self.cancel_event_button.clicked.connect(self.hide_new_event)
        self.create_event_button = QPushButton(self.tr("Create event"), self.new_event_panel)
        self.create_event_button.setObjectName("createEventButton")
        self.create_event_button.clicked.connect(self.create_event)
        buttons.addWidget(self.cancel_event_button)
        buttons.addWidget(self.create_event_button)
        form.addRow(buttons)
        self.new_event_panel.hide()
        box.addWidget(self.new_event_panel)
        return group

    def _build_filter_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Who"), self)
        column = QVBoxLayout(group)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)

        def combo(name: str, any_text: str) -> QComboBox:
            box = QComboBox(group)
            box.setObjectName(name)
            box.addItem(any_text, None)
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(12)
            return box

        self.city_box = combo("inviteCity", self.tr("All cities"))
        self.district_box = combo("inviteDistrict", self.tr("All districts"))
        self.tag_box = combo("inviteTag", self.tr("All tags"))
        self.owner_box = combo("inviteOwner", self.tr("All owners"))
        self.lifecycle_box = combo("inviteLifecycle", self.tr("Any stage"))
        for value in Lifecycle:
            self.lifecycle_box.addItem(label(value), value)
        self.class_box = combo("inviteClass", self.tr("Any class"))
        for value in segments.CLASSES:
            self.class_box.addItem(class_label(value), value)
        self.segment_box = combo("inviteRfmSegment", self.tr("Any RFM segment"))
        for value in segments.RFM_SEGMENTS:
            self.segment_box.addItem(rfm_label(value), value)
        self.star_check = QCheckBox(self.tr("Key accounts (★) only"), group)
        self.star_check.setObjectName("inviteKeyAccounts")
        self.star_check.toggled.connect(self._filters_changed)
        self.level_box = combo("inviteLevel", self.tr("Any level"))
        for value in MembershipLevel:
            if value is not MembershipLevel.NONE:
                self.level_box.addItem(label(value), value)
        self.vehicle_box = combo("inviteVehicleUse", self.tr("Any vehicle use"))
        for value in VehicleUse:
            self.vehicle_box.addItem(label(value), value)
        self.channel_box = QComboBox(group)
        self.channel_box.setObjectName("inviteChannel")
        self._fill_channels(self.channel_box)
        self.channel_box.setCurrentIndex(self.channel_box.findData(Channel.SMS))
        self.channel_box.setToolTip(self.tr("Customers who opted out of this channel are left out"))

        rows = [
            ((self.tr("City"), self.city_box), (self.tr("District"), self.district_box)),
            ((self.tr("Tag"), self.tag_box), (self.tr("Owner"), self.owner_box)),
            ((self.tr("Lifecycle"), self.lifecycle_box), (self.tr("Level"), self.level_box)),
            ((self.tr("Class"), self.class_box), (self.tr("RFM segment"), self.segment_box)),
            ((self.tr("Vehicle use"), self.vehicle_box), (self.tr("Invite by"), self.channel_box)),
        ]
        for r, pair in enumerate(rows):
            for c, (text, box) in enumerate(pair):
                caption = QLabel(text, group)
                caption.setBuddy(box)
                grid.addWidget(caption, r, 2 * c)
                grid.addWidget(box, r, 2 * c + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        column.addLayout(grid)
        column.addWidget(self.star_check)
        self.segments_note = QLabel(group)
        self.segments_note.setObjectName("inviteSegmentsNote")
        self.segments_note.setWordWrap(True)
        self.segments_note.hide()
        column.addWidget(self.segments_note)

        for box in self._filter_boxes():
            box.currentIndexChanged.connect(self._filters_changed)
        self.city_box.currentIndexChanged.connect(self._city_changed)
        return group

    def _build_count_row(self) -> QVBoxLayout:
        column = QVBoxLayout()
        column.setSpacing(2)
        self.count_label = QLabel(self.tr("Counting…"), self)
        self.count_label.setObjectName("inviteCount")
        self.count_label.setWordWrap(True)
        self.count_detail = QLabel(self)
        self.count_detail.setObjectName("inviteCountDetail")
        self.count_detail.setWordWrap(True)
        column.addWidget(self.count_label)
        column.addWidget(self.count_detail)
        return column

    def _build_buttons(self) -> QDialogButtonBox:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.mark_button = self.buttons.addButton(
            self.tr("Mark invited"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.mark_button.setObjectName("markInvitedButton")
        self.mark_button.clicked.connect(self.mark_invited)
        self.export_button = self.buttons.addButton(
            self.tr("Export list…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.export_button.setObjectName("exportInvitedButton")
        self.export_button.setToolTip(
            self.tr("Save the event's invited customers (name, phone, owner)")
        )
        self.export_button.clicked.connect(self.export_list)
        self.buttons.rejected.connect(self.reject)
        return self.buttons

    def _fill_channels(self, box: QComboBox) -> None:
        for value in Channel:
            box.addItem(self.channel_name(value), value)

    def channel_name(self, channel: Channel) -> str:
        if channel is Channel.POST:
            return self.tr("Post")  # not among the shared labels
        return label(channel)

    def _filter_boxes(self) -> list[QComboBox]:
        return [
            self.city_box,
            self.district_box,
            self.tag_box,
            self.owner_box,
            self.lifecycle_box,
            self.class_box,
            self.segment_box,
            self.level_box,
            self.vehicle_box,
            self.channel_box,
        ]

    # ------------------------------------------------------------- loading
    def _load_choices(self) -> None:
        db = self.db

        def work(_progress: Any) -> dict[str, Any]:
            with db.session() as s:
                return {
                    "users": lookups.users(s, active_only=False),
                    "tags": lookups.tags(s),
                    "cities": lookups.cities(s),
                    "districts": invitations.districts(s),
                    "events": invitations.events(s),
                    "segments": segments.last_computed(s),
                }

        Operation(self, work, writes=False).success(self._fill_choices).run()

    def _fill_choices(self, data: dict[str, Any]) -> None:
        for box, items in (
            (self.owner_box, [(u.name, u.id) for u in data["users"]]),
            (self.tag_box, [(t.name, t.id) for t in data["tags"]]),
            (self.city_box, [(c, c) for c in data["cities"]]),
            (self.district_box, [(d, d) for d in data["districts"]]),
        ):
            _replace_items(box, items)
        if data["segments"] is None:
            self.segments_note.setText(
                self.tr(
                    "Classes, RFM segments and key accounts have not been worked out yet "
                    "(Reports ▸ Work out segments), so filtering by them matches no one."
                )
            )
            self.segments_note.show()
        if self._initial is not None:
            f = self._initial
            for box, value in (
                (self.owner_box, f.owner_id),
                (self.tag_box, f.tag_id),
                (self.city_box, f.city),
                (self.district_box, f.district),
                (self.lifecycle_box, f.lifecycle),
                (self.level_box, f.membership_level),
                (self.class_box, f.abc_class),
                (self.segment_box, f.rfm_segment),
            ):
                if value is not None and (i := box.findData(value)) >= 0:
                    box.blockSignals(True)
                    box.setCurrentIndex(i)
                    box.blockSignals(False)
            if f.starred:
                self.star_check.blockSignals(True)
                self.star_check.setChecked(True)
                self.star_check.blockSignals(False)
        self._fill_events(data["events"])
        self._loading = False
        if not self._events:
            self.show_new_event()
        self._fit_height()
        self.recount()

    def _fill_events(self, rows: list[EventInfo], select: int | None = None) -> None:
        current = select if select is not None else self.event_id()
        self._events = {e.id: e for e in rows}
        box = self.event_box
        box.blockSignals(True)
        box.clear()
        if not rows:
            box.addItem(
                self.tr("No events yet: create one")
                if self._may_write
                else self.tr("No events yet"),
                None,
            )
        for e in rows:
            box.addItem(self._event_text(e), e.id)
            box.setItemData(box.count() - 1, e.name, Qt.ItemDataRole.ToolTipRole)
        if self._may_write:
            box.addItem(self.tr("New event…"), NEW_EVENT)
        index = box.findData(current) if current is not None else -1
        box.setCurrentIndex(index if index >= 0 else 0)
        box.blockSignals(False)
        self._event_changed()

    def _fit_height(self) -> None:
        """Grow to what the shown parts need (the new-event form, the note on segments)."""
        hint = self.sizeHint().height()
        if self.height() < hint:
            self.resize(self.width(), hint)

    def _event_text(self, e: EventInfo) -> str:
        parts = [
            self.event_box.fontMetrics().elidedText(
                e.name, Qt.TextElideMode.ElideRight, EVENT_NAME_PX
            )
        ]
        if e.starts_on is not None:
            parts.append(e.starts_on.isoformat())
        if e.channel is not None:
            parts.append(self.channel_name(e.channel))
        parts.append(self.tr("%n invited", "", e.invited))
        return " · ".join(parts)

    def event_id(self) -> int | None:
        data = self.event_box.currentData()
        return data if isinstance(data, int) else None

    def select_event(self, event_id: int) -> None:
        index = self.event_box.findData(event_id)
        if index >= 0:
            self.event_box.setCurrentIndex(index)

    @Slot()
    def _event_changed(self, *_args: object) -> None:
        if self.event_box.currentData() == NEW_EVENT:
            self.show_new_event()
            return
        event = self._events.get(self.event_id() or -1)
        if event is not None and event.channel is not None:
            index = self.channel_box.findData(event.channel)
            if index >= 0 and index != self.channel_box.currentIndex():
                self.channel_box.setCurrentIndex(index)  # recounts
        self._update_buttons()
        self._filters_changed()

    @Slot()
    def _city_changed(self, *_args: object) -> None:
        if self._loading:
            return
        db, city = self.db, self.city_box.currentData()
        keep = self.district_box.currentData()

        def work(_progress: Any) -> list[str]:
            with db.session() as s:
                return invitations.districts(s, city)

        def fill(rows: list[str]) -> None:
            if city != self.city_box.currentData():
                return
            _replace_items(self.district_box, [(d, d) for d in rows])
            index = self.district_box.findData(keep) if keep is not None else 0
            self.district_box.setCurrentIndex(max(index, 0))
            self._filters_changed()

        self._districts_op = Operation(self, work, writes=False).success(fill).run()

    # ------------------------------------------------------------ new event
    @Slot()
    def show_new_event(self) -> None:
        if not self._may_write:
            return
        self.new_event_panel.show()
        self.new_event_button.setEnabled(False)
        self._fit_height()
        if self.event_box.currentData() == NEW_EVENT:
            self.event_box.blockSignals(True)
            self.event_box.setCurrentIndex(0)
            self.event_box.blockSignals(False)
            self._update_buttons()
        self.event_name_edit.setFocus()

    @Slot()
    def hide_new_event(self) -> None:
        self.new_event_panel.hide()
        self.new_event_button.setEnabled(self._may_write)
        for error in self.error_labels.values():
            error.hide()
        self.adjustSize()

    @Slot()
    def create_event(self) -> Operation | None:
        for error in self.error_labels.values():
            error.hide()
        name = self.event_name_edit.text()
        day: dt.date = self.event_date_edit.date().toPython()  # type: ignore[assignment]
        channel = self.event_channel_box.currentData()
        notes = self.event_notes_edit.text()
        try:
            invitations.validate_event(name, day, channel, notes)
        except ValidationError as exc:
            self._show_error(exc)
            return None
        db, uid = self.db, self.user.id if self.user else None
        self.create_event_button.setEnabled(False)

        def work(_progress: Any) -> tuple[int, list[EventInfo]]:
            event_id = invitations.create_event(db, uid, name, day, channel, notes)
            with db.session() as s:
                return event_id, invitations.events(s)

        def failed(error: BaseException) -> None:
            self.create_event_button.setEnabled(True)
            if isinstance(error, ValidationError):
                self._show_error(error)
            else:
                show_failure(self, error)

        return Operation(self, work).success(self._event_created).failure(failed).run()

    def _show_error(self, exc: ValidationError) -> None:
        error = self.error_labels.get(exc.field or "name", self.error_labels["name"])
        error.setText(errors.error_text(exc))
        error.show()

    def _event_created(self, result: tuple[int, list[EventInfo]]) -> None:
        event_id, rows = result
        self.create_event_button.setEnabled(True)
        self.event_name_edit.clear()
        self.event_notes_edit.clear()
        self.hide_new_event()
        self._fill_events(rows, select=event_id)

    # --------------------------------------------------------------- count
    def current_filter(self) -> InvitationFilter:
        def value(box: QComboBox, kind: Any) -> Any:
            data = box.currentData()  # a combo hands enum values back as plain str
            return None if data is None else kind(data)

        return InvitationFilter(
            channel=value(self.channel_box, Channel) or Channel.SMS,
            city=self.city_box.currentData(),
            district=self.district_box.currentData(),
            tag_id=self.tag_box.currentData(),
            lifecycle=value(self.lifecycle_box, Lifecycle),
            membership_level=value(self.level_box, MembershipLevel),
            vehicle_use=value(self.vehicle_box, VehicleUse),
            owner_id=self.owner_box.currentData(),
            abc_class=self.class_box.currentData(),
            rfm_segment=self.segment_box.currentData(),
            starred=True if self.star_check.isChecked() else None,
        )

    @Slot()
    def _filters_changed(self, *_args: object) -> None:
        if self._loading:
            return
        self.result_label.hide()
        self._timer.start()
        self._update_buttons()

    @property
    def counting(self) -> bool:
        return self._timer.isActive() or (self._count_op is not None and self._count_op.running)

    @Slot()
    def recount(self) -> None:
        """Count what the filters match, off the UI thread; a change while a count runs
        counts again when it ends."""
        self._timer.stop()
        if self._count_op is not None and self._count_op.running:
            self._count_again = True
            return
        self._count_again = False
        db, f, event_id = self.db, self.current_filter(), self.event_id()
        uid = self.user.id if self.user else None
        self.count_label.setText(self.tr("Counting…"))

        def work(_progress: Any) -> tuple[InvitationFilter, int | None, Preview]:
            with db.session() as s:
                return f, event_id, invitations.preview(s, f, event_id, uid)

        self._count_op = (
            Operation(self, work, writes=False).success(self._counted).failure(self._count_failed)
        ).run()

    def _counted(self, result: tuple[InvitationFilter, int | None, Preview]) -> None:
        f, event_id, preview = result
        if self._count_again or f != self.current_filter() or event_id != self.event_id():
            self.recount()
            return
        self.preview = preview
        self._show_preview(Channel(f.channel), preview)
        self._update_buttons()

    def _count_failed(self, error: BaseException) -> None:
        self.preview = None
        self.count_label.setText(self.tr("Cannot count"))
        self.count_detail.setText(
            errors.error_text(error) if isinstance(error, ValidationError) else str(error)
        )
        if self._count_again:
            self.recount()
        self._update_buttons()

    def _show_preview(self, channel: Channel, p: Preview) -> None:
        locale = QLocale()
        self.count_label.setText(
            self.tr("%n customer(s) match", "", p.count)
            + " · "
            + self.tr("%1 left out because they opted out of %2")
            .replace("%1", locale.toString(p.opted_out))
            .replace("%2", self.channel_name(channel))
        )
        if p.count == 0 and p.opted_out == 0 and self.current_filter() == InvitationFilter(channel):
            detail = self.tr("There are no customers yet: add or import them first.")
        elif p.count == 0 and p.opted_out == 0:
            detail = self.tr("No customer matches these filters.")
        elif p.count == 0:
            detail = self.tr("Everyone who matches opted out of this channel.")
        elif self.event_id() is None:
            detail = self.tr("Choose or create an event to invite them.")
        elif p.new == 0:
            detail = self.tr("All of them are already invited to this event.")
        elif p.already == 0:
            detail = self.tr("None of them is invited to this event yet.")
        else:
            detail = (
                self.tr("%1 not invited yet · %2 already invited")
                .replace("%1", locale.toString(p.new))
                .replace("%2", locale.toString(p.already))
            )
        self.count_detail.setText(detail)

    def _update_buttons(self) -> None:
        event = self.event_id()
        self.mark_button.setEnabled(
            self._may_write
            and event is not None
            and self.preview is not None
            and self.preview.new > 0
            and not self.counting
        )
        self.export_button.setEnabled(
            event is not None and self._events.get(event, None) is not None
        )
        self.new_event_button.setEnabled(self._may_write and self.new_event_panel.isHidden())
        if not self._may_write:
            self.mark_button.setToolTip(self.tr("This database or your role allows no changes"))

    # ---------------------------------------------------------------- mark
    @Slot()
    def mark_invited(self) -> Operation | None:
        event_id = self.event_id()
        if event_id is None or not self._may_write:
            return None
        db, uid, f = self.db, self.user.id if self.user else None, self.current_filter()
        self.mark_button.setEnabled(False)

        def work(progress: Any) -> tuple[Invited, list[EventInfo]]:
            done = invitations.invite(db, uid, event_id, f)
            with db.session() as s:
                return done, invitations.events(s)

        return (
            Operation(self, work)
            .with_progress(self.tr("Marking customers invited…"), cancellable=False)
            .success(self._marked)
            .failure(self._mark_failed)
            .run()
        )

    def _marked(self, result: tuple[Invited, list[EventInfo]]) -> None:
        done, rows = result
        self.last_invited = done
        self._fill_events(rows, select=done.campaign_id)
        locale = QLocale()
        text = self.tr("%n customer(s) added to the invitation list", "", len(done.added))
        if done.already:
            text += " · " + self.tr("%1 were already invited").replace(
                "%1", locale.toString(done.already)
            )
        self.result_label.setText(text)
        self.result_label.show()
        self.invited.emit(done)
        self.recount()

    def _mark_failed(self, error: BaseException) -> None:
        self._update_buttons()
        show_failure(self, error)

    # -------------------------------------------------------------- export
    def ask_export_path(self, event: EventInfo) -> str | None:
        """The file to export to, from a save dialog (tests replace this)."""
        stem = re.sub(r'[\\/:*?"<>|]+', " ", event.name).strip() or self.tr("invited")
        path, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the invitation list"),
            str(Path.home() / f"{stem}.xlsx"),
            self.tr("Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)"),
        )
        if not path:
            return None
        if Path(path).suffix.lower() not in (".xlsx", ".csv"):
            path += ".csv" if "*.csv" in chosen else ".xlsx"
        return path

    @Slot()
    def export_list(self) -> Operation | None:
        event = self._events.get(self.event_id() or -1)
        if event is None:
            return None
        path = self.ask_export_path(event)
        if path is None:
            return None
        db, uid, event_id = self.db, self.user.id if self.user else None, event.id
        headers = {"name": self.tr("Name"), "phone": self.tr("Phone"), "owner": self.tr("Owner")}
        sheet = self.tr("Invited")

        def work(progress: Any) -> ExportResult:
            return invitations.export_event(
                db,
                uid,
                event_id,
                path,
                headers=headers,
                sheet=sheet,
                progress=progress,
                cancelled=lambda: progress.cancelled,
            )

        return (
            Operation(self, work, writes=False)
            .with_progress(self.tr("Exporting the invitation list…"))
            .success(self._exported)
            .run()
        )

    def _exported(self, result: ExportResult) -> None:
        self.last_export = result
        box = QMessageBox(self)
        box.setObjectName("inviteExportDoneBox")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Export"))
        box.setText(
            self.tr("%n invited customer(s) exported to %1", "", result.rows).replace(
                "%1", str(result.path)
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


def _replace_items(box: QComboBox, items: list[tuple[str, Any]]) -> None:
    """Keep the first ("all") item, put ``items`` after it, without change signals."""
    box.blockSignals(True)
    while box.count() > 1:
        box.removeItem(1)
    for text, data in items:
        box.addItem(text, data)
        box.setItemData(box.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
    box.blockSignals(False)

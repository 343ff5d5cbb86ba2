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

from PySide6.QtCore import QDate, QLocale, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
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
from app.models.enums import Channel, Role
from app.reports.export import ExportResult
from app.services import invitations
from app.services.customer_list import CustomerFilter
from app.services.invitations import EventInfo, InvitationFilter, Invited, Preview
from app.services.users import UserInfo

from . import errors, formats
from .audience_filters import AudienceFilters
from .field_row import add_field_row
from .operations import Operation, show_failure
from .style import FORM

NEW_EVENT = "new"
EVENT_NAME_PX = 260

STYLE = (
    FORM
    + """
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
        self._may_write = not db.read_only and (user is None or user.role is not Role.VIEWER)
        self.last_invited: Invited | None = None
        self.last_export: ExportResult | None = None
        self._events: dict[int, EventInfo] = {}

        self.audience = AudienceFilters(db, user, self, initial=initial, describe=self._describe)
        self.audience.changed.connect(self._filters_changed)
        self.audience.counted.connect(self._update_buttons)
        self.audience.loaded.connect(self._fill_choices)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self._build_event_group())
        layout.addWidget(self.audience)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("inviteResult")
        self.result_label.setWordWrap(True)
        self.result_label.hide()
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        layout.addWidget(self._build_buttons())

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
        self.audience.fill_channels(self.event_channel_box)
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

    def channel_name(self, channel: Channel) -> str:
        return self.audience.channel_name(channel)

    # ------------------------------------------------------------- loading
    def _load_choices(self) -> None:
        self.audience.load(invitations.events)

    def _fill_choices(self, events: list[EventInfo]) -> None:
        """The events, read with the filters' choices, before the first count."""
        self._fill_events(events)
        if not self._events:
            self.show_new_event()
        self._fit_height()

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
            parts.append(formats.date(e.starts_on))
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
        self.audience.set_campaign(self.event_id(), event.channel if event else None)
        self._update_buttons()

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
        return self.audience.current_filter()

    @property
    def preview(self) -> Preview | None:
        return self.audience.preview

    @property
    def counting(self) -> bool:
        return self.audience.counting

    @Slot()
    def recount(self) -> None:
        self.audience.recount()

    @Slot()
    def _filters_changed(self) -> None:
        self.result_label.hide()
        self._update_buttons()

    def _describe(self, p: Preview) -> str:
        """The count's last line, about the chosen event."""
        if self.event_id() is None:
            return self.tr("Choose or create an event to invite them.")
        if p.new == 0:
            return self.tr("All of them are already invited to this event.")
        if p.already == 0:
            return self.tr("None of them is invited to this event yet.")
        locale = QLocale()
        return (
            self.tr("%1 not invited yet · %2 already invited")
            .replace("%1", locale.toString(p.new))
            .replace("%2", locale.toString(p.already))
        )

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

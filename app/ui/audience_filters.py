"""Who a campaign reaches: the selection shared by event invitations and every campaign's
audience (city, district, tag, owner, lifecycle, 80/20 class, RFM segment, key accounts,
membership level, vehicle use, and the channel whose opted-out customers are left out),
with the live count of how many match and how many are left out for opting out.

The count runs off the UI thread through ``Operation`` a moment after the last change
(``services.invitations.preview``), counting too how many are already on the chosen
campaign's list. The owner (``InvitationsDialog``, ``CampaignAudienceDialog``) says which
campaign through ``set_campaign`` and words the last line of the count (``describe``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QLocale, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import ValidationError
from app.models.enums import Channel, Lifecycle, MembershipLevel, VehicleUse
from app.services import invitations, lookups, segments
from app.services.customer_list import CustomerFilter
from app.services.invitations import InvitationFilter, Preview
from app.services.users import UserInfo

from . import errors
from .labels import label
from .operations import Operation
from .segment_labels import class_label, rfm_label

COUNT_DELAY_MS = 250

STYLE = """
#inviteCount { font-size: 15px; font-weight: 600; }
#inviteCountDetail, #inviteSegmentsNote { color: palette(placeholder-text); }
"""

Describe = Callable[[Preview], str]
"""The count's last line once some customers match and accept the channel."""


class AudienceFilters(QWidget):
    """The "Who" box and the count under it."""

    changed = Signal()
    """A filter changed; a count follows."""
    counted = Signal()
    """A count arrived (``preview``) or failed (``preview`` is None)."""
    loaded = Signal(object)
    """The choices are in; carries what ``load``'s ``extra`` read in the same session."""

    def __init__(
        self,
        db: Database,
        user: UserInfo | None,
        parent: QWidget | None = None,
        *,
        initial: CustomerFilter | None = None,
        describe: Describe | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("audienceFilters")
        self.setStyleSheet(STYLE)
        self.db = db
        self.user = user
        self._initial = initial
        self._describe = describe or self.describe_audience
        self._loading = True
        self._campaign_id: int | None = None
        self._count_op: Operation | None = None
        self._count_again = False
        self._districts_op: Operation | None = None
        self.preview: Preview | None = None

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        column.addWidget(self._build_filter_group())
        column.addLayout(self._build_count_row())

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COUNT_DELAY_MS)
        self._timer.timeout.connect(self.recount)

    # --------------------------------------------------------------- build
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
        self.fill_channels(self.channel_box)
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

    def fill_channels(self, box: QComboBox) -> None:
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
    def load(self, extra: Callable[[Session], Any] | None = None) -> Operation:
        """Read the choices (owners, tags, cities, districts, whether segments were worked
        out) and, in the same session, ``extra``; ``loaded`` carries the latter, then the
        first count starts."""
        db = self.db

        def work(_progress: Any) -> dict[str, Any]:
            with db.session() as s:
                return {
                    "users": lookups.users(s, active_only=False),
                    "tags": lookups.tags(s),
                    "cities": lookups.cities(s),
                    "districts": invitations.districts(s),
                    "segments": segments.last_computed(s),
                    "extra": extra(s) if extra is not None else None,
                }

        return Operation(self, work, writes=False).success(self._fill_choices).run()

    def _fill_choices(self, data: dict[str, Any]) -> None:
        for box, items in (
            (self.owner_box, [(u.name, u.id) for u in data["users"]]),
            (self.tag_box, [(t.name, t.id) for t in data["tags"]]),
            (self.city_box, [(c, c) for c in data["cities"]]),
            (self.district_box, [(d, d) for d in data["districts"]]),
        ):
            replace_items(box, items)
        if data["segments"] is None:
            self.segments_note.setText(
                self.tr(
                    "Classes, RFM segments and key accounts have not been worked out yet "
                    "(Reports ▸ Work out segments), so filtering by them matches no one."
                )
            )
            self.segments_note.show()
        if self._initial is not None:
            self._apply_initial(self._initial)
        self.loaded.emit(data["extra"])
        self._loading = False
        self.recount()

    def _apply_initial(self, f: CustomerFilter) -> None:
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
            replace_items(self.district_box, [(d, d) for d in rows])
            index = self.district_box.findData(keep) if keep is not None else 0
            self.district_box.setCurrentIndex(max(index, 0))
            self._filters_changed()

        self._districts_op = Operation(self, work, writes=False).success(fill).run()

    # ------------------------------------------------------------ campaign
    @property
    def campaign_id(self) -> int | None:
        return self._campaign_id

    def set_campaign(self, campaign_id: int | None, channel: Channel | None = None) -> None:
        """Count against this campaign's list (None: no campaign chosen); its channel, when
        it has one, becomes the channel whose opt-outs are left out."""
        self._campaign_id = campaign_id
        if channel is not None:
            index = self.channel_box.findData(channel)
            if index >= 0 and index != self.channel_box.currentIndex():
                self.channel_box.setCurrentIndex(index)  # counts again
        self._filters_changed()

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
        self._timer.start()
        self.changed.emit()

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
        db, f, campaign_id = self.db, self.current_filter(), self._campaign_id
        uid = self.user.id if self.user else None
        self.count_label.setText(self.tr("Counting…"))

        def work(_progress: Any) -> tuple[InvitationFilter, int | None, Preview]:
            with db.session() as s:
                return f, campaign_id, invitations.preview(s, f, campaign_id, uid)

        self._count_op = (
            Operation(self, work, writes=False).success(self._counted).failure(self._count_failed)
        ).run()

    def _counted(self, result: tuple[InvitationFilter, int | None, Preview]) -> None:
        f, campaign_id, preview = result
        if self._count_again or f != self.current_filter() or campaign_id != self._campaign_id:
            self.recount()
            return
        self.preview = preview
        self._show_preview(Channel(f.channel), preview)
        self.counted.emit()

    def _count_failed(self, error: BaseException) -> None:
        self.preview = None
        self.count_label.setText(self.tr("Cannot count"))
        self.count_detail.setText(
            errors.error_text(error) if isinstance(error, ValidationError) else str(error)
        )
        if self._count_again:
            self.recount()
        self.counted.emit()

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
        else:
            detail = self._describe(p)
        self.count_detail.setText(detail)

    def describe_audience(self, p: Preview) -> str:
        """How many of those who match are on the campaign's list already."""
        if self._campaign_id is None:
            return ""
        if p.new == 0:
            return self.tr("All of them are in the audience already.")
        if p.already == 0:
            return self.tr("None of them is in the audience yet.")
        locale = QLocale()
        return (
            self.tr("%1 not in the audience yet · %2 already in it")
            .replace("%1", locale.toString(p.new))
            .replace("%2", locale.toString(p.already))
        )


def replace_items(box: QComboBox, items: list[tuple[str, Any]]) -> None:
    """Keep the first ("all") item, put ``items`` after it, without change signals."""
    box.blockSignals(True)
    while box.count() > 1:
        box.removeItem(1)
    for text, data in items:
        box.addItem(text, data)
        box.setItemData(box.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
    box.blockSignals(False)

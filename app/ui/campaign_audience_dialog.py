"""Choose audience… for any campaign (promotion, mailing, call round, event): the same
selection as event invitations (``AudienceFilters``), with how many match and how many are
left out for opting out of the channel, then Add to the campaign puts those not on its
list yet there (``services.invitations.invite``). Responses are logged afterwards in the
campaign's invited list (``CampaignMembersDialog``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QLocale, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.models.enums import Role
from app.services import campaign_audience, invitations
from app.services.campaign_audience import CampaignRef
from app.services.invitations import Invited
from app.services.users import UserInfo

from . import formats
from .audience_filters import AudienceFilters
from .labels import label
from .operations import Operation, show_failure

STYLE = """
#audienceCampaign { font-weight: 600; }
#audienceResult { color: #1e6b33; }
"""


class CampaignAudienceDialog(QDialog):
    added = Signal(object)
    """An ``Invited`` after customers were added to the campaign's list."""

    def __init__(
        self,
        db: Database,
        user: UserInfo | None,
        campaign_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("campaignAudienceDialog")
        self.setWindowTitle(self.tr("Choose audience"))
        self.setStyleSheet(STYLE)
        self.setMinimumWidth(560)
        self.db, self.user, self.campaign_id = db, user, campaign_id
        self.campaign: CampaignRef | None = None
        self.last_added: Invited | None = None
        self.operation: Operation | None = None
        self._may_write = not db.read_only and (user is None or user.role is not Role.VIEWER)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.campaign_label = QLabel(self)
        self.campaign_label.setObjectName("audienceCampaign")
        self.campaign_label.setWordWrap(True)
        layout.addWidget(self.campaign_label)
        self.audience = AudienceFilters(db, user, self)
        self.audience.changed.connect(self._filters_changed)
        self.audience.counted.connect(self._update_buttons)
        self.audience.loaded.connect(self._campaign_loaded)
        layout.addWidget(self.audience)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("audienceResult")
        self.result_label.setWordWrap(True)
        self.result_label.hide()
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.add_button = self.buttons.addButton(
            self.tr("Add to the campaign"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.add_button.setObjectName("addAudienceButton")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add)
        if not self._may_write:
            self.add_button.setToolTip(self.tr("This database or your role allows no changes"))
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update_buttons()
        self.audience.load(lambda s: campaign_audience.get(s, campaign_id))

    # ------------------------------------------------------------ campaign
    def _campaign_loaded(self, campaign: CampaignRef) -> None:
        self._show_campaign(campaign)
        self.audience.set_campaign(campaign.id, campaign.channel)

    def _show_campaign(self, c: CampaignRef) -> None:
        self.campaign = c
        self.setWindowTitle(self.tr("Choose the audience of %1").replace("%1", c.name))
        parts = [c.name, label(c.kind)]
        if c.starts_on is not None:
            parts.append(formats.date(c.starts_on))
        parts.append(self.tr("%n on the list", "", c.invited))
        self.campaign_label.setText(" · ".join(parts))

    # ----------------------------------------------------------------- add
    @property
    def preview(self) -> invitations.Preview | None:
        return self.audience.preview

    @property
    def counting(self) -> bool:
        return self.audience.counting

    @Slot()
    def _filters_changed(self) -> None:
        self.result_label.hide()
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.operation is not None and not self.operation.done
        p = self.audience.preview
        self.add_button.setEnabled(
            self._may_write
            and self.campaign is not None
            and p is not None
            and p.new > 0
            and not self.audience.counting
            and not busy
        )

    @Slot()
    def add(self) -> Operation | None:
        if not self._may_write or self.campaign is None:
            return None
        db, f, campaign_id = self.db, self.audience.current_filter(), self.campaign.id
        uid = self.user.id if self.user else None

        def work(_progress: Any) -> tuple[Invited, CampaignRef]:
            done = invitations.invite(db, uid, campaign_id, f)
            with db.session() as s:
                return done, campaign_audience.get(s, campaign_id)

        self.operation = (
            Operation(self, work)
            .with_progress(self.tr("Adding customers to the campaign…"), cancellable=False)
            .success(self._added)
            .failure(self._failed)
            .run()
        )
        self._update_buttons()
        return self.operation

    def _added(self, result: tuple[Invited, CampaignRef]) -> None:
        done, campaign = result
        self.last_added = done
        self._show_campaign(campaign)
        text = self.tr("%n customer(s) added to the campaign", "", len(done.added))
        if done.already:
            text += " · " + self.tr("%1 were on its list already").replace(
                "%1", QLocale().toString(done.already)
            )
        self.result_label.setText(text)
        self.result_label.show()
        self.added.emit(done)
        self.audience.recount()
        self._update_buttons()

    def _failed(self, error: BaseException) -> None:
        self._update_buttons()
        show_failure(self, error)

"""Campaigns by name or id, and in a list for pickers: the campaign whose audience is
being chosen (``python main.py campaign invite --campaign NAME_OR_ID``, Reports ▸
Campaigns ▸ Choose audience…) and the campaign that brought a customer in (the customer
form's lead source).

Choosing the audience itself is the event invitations' selection for any kind of
campaign: ``invitations.preview`` counts, ``invitations.invite`` adds to the list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.models import Campaign, CampaignMember
from app.models.enums import CampaignKind, Channel

PICKER_LIMIT = 200


@dataclass(frozen=True)
class CampaignRef:
    id: int
    name: str
    kind: CampaignKind
    channel: Channel | None
    starts_on: dt.date | None
    invited: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind.value,
            "channel": self.channel.value if self.channel else None,
            "starts_on": self.starts_on.isoformat() if self.starts_on else None,
            "invited": self.invited,
        }


def _query() -> Any:
    invited = (
        select(func.count())
        .select_from(CampaignMember)
        .where(CampaignMember.campaign_id == Campaign.id)
        .scalar_subquery()
    )
    return select(
        Campaign.id,
        Campaign.name,
        Campaign.kind,
        Campaign.channel,
        Campaign.starts_on,
        invited,
    )


def _ref(row: Any) -> CampaignRef:
    cid, name, kind, channel, starts_on, invited = row
    return CampaignRef(
        cid,
        name,
        CampaignKind(kind),
        Channel(channel) if channel else None,
        starts_on,
        int(invited or 0),
    )


def get(session: Session, campaign_id: int) -> CampaignRef:
    row = session.execute(_query().where(Campaign.id == campaign_id)).first()
    if row is None:
        raise ValidationError("no campaign with the id {id}", field="campaign_id", id=campaign_id)
    return _ref(row)


def find(session: Session, name_or_id: str | int) -> CampaignRef:
    """A campaign by id, else by name (spaces collapsed; the newest of that name)."""
    text = " ".join(str(name_or_id).split())
    if not text:
        raise ValidationError("which campaign? give its name or id", field="campaign")
    if text.isdigit():
        row = session.execute(_query().where(Campaign.id == int(text))).first()
        if row is not None:
            return _ref(row)
    row = session.execute(
        _query().where(Campaign.name == text).order_by(Campaign.id.desc()).limit(1)
    ).first()
    if row is None:
        raise ValidationError("no campaign called {name}", field="campaign", name=text)
    return _ref(row)


def newest(
    session: Session, limit: int = PICKER_LIMIT, include: int | None = None
) -> list[CampaignRef]:
    """Campaigns for a picker, newest first (by first day, then as entered; undated ones
    by when they were entered), with ``include`` among them even when older."""
    start = func.coalesce(Campaign.starts_on, func.date(Campaign.created_at))
    rows = [
        _ref(r)
        for r in session.execute(_query().order_by(start.desc(), Campaign.id.desc()).limit(limit))
    ]
    if include is not None and all(r.id != include for r in rows):
        found = session.execute(_query().where(Campaign.id == include)).first()
        if found is not None:
            rows.append(_ref(found))
    return rows

"""Event invitations: pick customers nearby or by tag, segment, membership level or vehicle
use, leave out those who opted out of the invitation's channel, mark them invited to the
event (a campaign of the event kind), and export the list (name, phone, owner) to a
workbook.

"Segment" is what ``services.segments`` worked out (table ``customer_segments``): the
lifecycle stage, the 80/20 class A/B/C, the RFM segment and the key-account star, read
through the Customers page's filter terms. A customer without purchases in the period has
no class or RFM segment and matches no such filter."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import and_, case, exists, func, select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import ClientelaError, PermissionDenied, ValidationError
from app.models import (
    Campaign,
    CampaignMember,
    Customer,
    Tag,
    User,
    Vehicle,
    utcnow,
)
from app.models.enums import (
    AuditAction,
    CampaignKind,
    Channel,
    Lifecycle,
    MembershipLevel,
    Role,
    VehicleUse,
)
from app.reports.export import Column, ExportResult, write_table

from . import audit
from .customer_list import CustomerFilter, conditions
from .segments import CLASSES, RFM_SEGMENTS

MAX_NAME = 200
MAX_NOTES = 10_000
EVENT_LIMIT = 100

CONSENT = {
    Channel.PHONE: Customer.consent_phone,
    Channel.SMS: Customer.consent_sms,
    Channel.EMAIL: Customer.consent_email,
    Channel.POST: Customer.consent_post,
}


@dataclass(frozen=True)
class InvitationFilter:
    channel: Channel
    city: str | None = None
    district: str | None = None
    tag_id: int | None = None
    lifecycle: Lifecycle | None = None
    membership_level: MembershipLevel | None = None
    vehicle_use: VehicleUse | None = None
    owner_id: int | None = None
    abc_class: str | None = None
    """80/20 class "A", "B" or "C" as last computed by ``segments.recompute``."""
    rfm_segment: str | None = None
    """One of ``segments.RFM_SEGMENTS``."""
    starred: bool | None = None
    """Key accounts (★) only."""


def check_filter(f: InvitationFilter) -> None:
    """ValidationError for a channel, class or RFM segment that does not exist."""
    try:
        Channel(f.channel)
    except ValueError:
        raise ValidationError(
            "unknown channel {channel}", field="channel", channel=str(f.channel)
        ) from None
    if f.abc_class is not None and f.abc_class not in CLASSES:
        raise ValidationError("unknown class {value}", field="abc_class", value=f.abc_class)
    if f.rfm_segment is not None and f.rfm_segment not in RFM_SEGMENTS:
        raise ValidationError(
            "unknown RFM segment {value}", field="rfm_segment", value=f.rfm_segment
        )


def _conditions(
    session: Session,
    f: InvitationFilter,
    *,
    consenting: bool = True,
    user_id: int | None = None,
) -> list[Any]:
    """The Customers page's filter terms (within the customers ``user_id`` may see), plus:
    not erased or merged, the vehicle use, and consent to the invitation's channel."""
    same = CustomerFilter(
        owner_id=f.owner_id,
        tag_id=f.tag_id,
        city=f.city,
        district=f.district,
        lifecycle=f.lifecycle,
        membership_level=f.membership_level,
        abc_class=f.abc_class,
        rfm_segment=f.rfm_segment,
        starred=f.starred,
    )
    check_filter(f)
    conds: list[Any] = [
        *conditions(session, same, user_id),
        Customer.erased_at.is_(None),
        Customer.merged_into_id.is_(None),
    ]
    if consenting:
        conds.append(CONSENT[Channel(f.channel)].is_(True))
    if f.vehicle_use is not None:
        conds.append(
            exists().where(Vehicle.customer_id == Customer.id, Vehicle.use == f.vehicle_use)
        )
    return conds


def _check_may_write(s: Session, user_id: int | None) -> None:
    if user_id is None:
        return
    if s.scalar(select(User.role).where(User.id == user_id)) == Role.VIEWER:
        raise PermissionDenied("a viewer cannot invite customers")


@dataclass(frozen=True)
class Selection:
    count: int
    opted_out: int
    """Matching customers left out because they opted out of the channel."""
    customer_ids: list[int]


def select_customers(
    session: Session, f: InvitationFilter, user_id: int | None = None
) -> Selection:
    conds = _conditions(session, f, user_id=user_id)
    ids = list(session.scalars(select(Customer.id).where(*conds).order_by(Customer.id)))
    everyone = (
        session.scalar(
            select(func.count())
            .select_from(Customer)
            .where(*_conditions(session, f, consenting=False, user_id=user_id))
        )
        or 0
    )
    return Selection(len(ids), everyone - len(ids), ids)


@dataclass(frozen=True)
class Preview:
    """What marking invited would do, counted in SQL (for a live count as filters change)."""

    count: int
    """Matching customers who accept the channel."""
    opted_out: int
    """Matching customers left out because they opted out of the channel."""
    already: int
    """Of ``count``, those already invited to the event (0 without an event)."""

    @property
    def new(self) -> int:
        return self.count - self.already


def preview(
    session: Session,
    f: InvitationFilter,
    campaign_id: int | None = None,
    user_id: int | None = None,
) -> Preview:
    consent = CONSENT[Channel(f.channel)].is_(True)
    member = (
        exists().where(
            CampaignMember.campaign_id == campaign_id, CampaignMember.customer_id == Customer.id
        )
        if campaign_id is not None
        else None
    )
    columns: list[Any] = [func.count(), func.sum(case((consent, 1), else_=0))]
    if member is not None:
        columns.append(func.sum(case((and_(consent, member), 1), else_=0)))
    row = session.execute(
        select(*columns)
        .select_from(Customer)
        .where(*_conditions(session, f, consenting=False, user_id=user_id))
    ).one()
    everyone, consenting = int(row[0] or 0), int(row[1] or 0)
    already = int(row[2] or 0) if member is not None else 0
    return Preview(consenting, everyone - consenting, already)


# ------------------------------------------------------------------ events
@dataclass(frozen=True)
class EventInfo:
    id: int
    name: str
    starts_on: dt.date | None
    channel: Channel | None
    notes: str | None
    invited: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "starts_on": self.starts_on.isoformat() if self.starts_on else None,
            "channel": self.channel.value if self.channel else None,
            "invited": self.invited,
        }


def validate_event(
    name: str | None, starts_on: dt.date | None, channel: Channel | str, notes: str | None
) -> dict[str, Any]:
    """The fields to store, or ValidationError naming the first bad field."""
    clean = " ".join((name or "").split())
    if not clean:
        raise ValidationError("an event needs a name", field="name")
    if len(clean) > MAX_NAME:
        raise ValidationError(
            "the name is too long (at most {limit} characters)", field="name", limit=MAX_NAME
        )
    if starts_on is not None and (
        not isinstance(starts_on, dt.date) or isinstance(starts_on, dt.datetime)
    ):
        raise ValidationError("the date is not a day", field="starts_on")
    if starts_on is not None and not 2000 <= starts_on.year <= 2100:
        raise ValidationError("the date {day} is out of range", field="starts_on", day=starts_on)
    try:
        chosen = Channel(channel)
    except ValueError:
        raise ValidationError(
            "unknown channel {channel}", field="channel", channel=str(channel)
        ) from None
    text = (notes or "").strip() or None
    if text is not None and len(text) > MAX_NOTES:
        raise ValidationError(
            "the notes are too long (at most {limit} characters)", field="notes", limit=MAX_NOTES
        )
    return {"name": clean, "starts_on": starts_on, "channel": chosen, "notes": text}


def create_event(
    db: Database,
    user_id: int | None,
    name: str,
    starts_on: dt.date | None,
    channel: Channel | str,
    notes: str | None = None,
) -> int:
    """A new event (a campaign of the event kind) owned by ``user_id``; returns its id.
    The same name on the same day twice is refused: it would be two lists for one event."""
    values = validate_event(name, starts_on, channel, notes)

    def work(s: Session) -> int:
        _check_may_write(s, user_id)
        same = s.scalar(
            select(Campaign.id).where(
                Campaign.kind == CampaignKind.EVENT,
                Campaign.name == values["name"],
                Campaign.starts_on.is_(None)
                if values["starts_on"] is None
                else Campaign.starts_on == values["starts_on"],
            )
        )
        if same is not None:
            raise ValidationError(
                "there is already an event called {name} on that day",
                field="name",
                name=values["name"],
            )
        event = Campaign(kind=CampaignKind.EVENT, owner_id=user_id, **values)
        s.add(event)
        s.flush()
        audit.record(
            s,
            user_id,
            AuditAction.CREATE,
            "campaign",
            event.id,
            changes={k: (None, v) for k, v in values.items() if v is not None},
        )
        return event.id

    return db.run_write(work)


def _event_query(session: Session) -> Any:
    invited = (
        select(func.count())
        .select_from(CampaignMember)
        .where(CampaignMember.campaign_id == Campaign.id)
        .scalar_subquery()
    )
    return select(
        Campaign.id, Campaign.name, Campaign.starts_on, Campaign.channel, Campaign.notes, invited
    ).where(Campaign.kind == CampaignKind.EVENT)


def events(session: Session, limit: int = EVENT_LIMIT) -> list[EventInfo]:
    """Events for a picker, latest date first (undated ones last, newest first), with
    how many customers each has invited."""
    q = _event_query(session).order_by(
        Campaign.starts_on.is_(None), Campaign.starts_on.desc(), Campaign.id.desc()
    )
    return [EventInfo(*row) for row in session.execute(q.limit(limit))]


def find_event(session: Session, name: str, starts_on: dt.date | None = None) -> EventInfo | None:
    """The newest event of exactly this name (spaces collapsed), on ``starts_on`` when
    given, or None."""
    q = _event_query(session).where(Campaign.name == " ".join(name.split()))
    if starts_on is not None:
        q = q.where(Campaign.starts_on == starts_on)
    row = session.execute(q.order_by(Campaign.id.desc()).limit(1)).first()
    return EventInfo(*row) if row is not None else None


def find_tag(session: Session, name: str) -> int:
    """The id of the tag called ``name`` (case as typed, else ignoring case)."""
    tag_id = session.scalar(select(Tag.id).where(Tag.name == name.strip()))
    if tag_id is None:
        tag_id = session.scalar(
            select(Tag.id).where(func.lower(Tag.name) == name.strip().lower()).limit(1)
        )
    if tag_id is None:
        raise ValidationError("no tag called {name}", field="tag", name=name)
    return tag_id


def districts(session: Session, city: str | None = None, limit: int = 500) -> list[str]:
    """The districts customers live in (of one city, or all), for a filter box."""
    q = select(Customer.district).where(
        Customer.district.is_not(None), Customer.deleted_at.is_(None)
    )
    if city:
        q = q.where(Customer.city == city)
    q = q.group_by(Customer.district).order_by(Customer.district).limit(limit)
    return [d for d in session.scalars(q) if d]


@dataclass(frozen=True)
class Invited:
    campaign_id: int
    added: list[int]
    already: int
    opted_out: int


def invite(
    db: Database,
    user_id: int | None,
    campaign_id: int,
    f: InvitationFilter,
    now: dt.datetime | None = None,
) -> Invited:
    """Mark the selected customers invited; those invited before stay as they were."""
    when = now or utcnow()

    def work(s: Session) -> Invited:
        _check_may_write(s, user_id)
        if s.get(Campaign, campaign_id) is None:
            raise ClientelaError("this campaign no longer exists")
        chosen = select_customers(s, f, user_id)
        have = set(
            s.scalars(
                select(CampaignMember.customer_id).where(CampaignMember.campaign_id == campaign_id)
            )
        )
        added = [cid for cid in chosen.customer_ids if cid not in have]
        if added:
            s.execute(
                CampaignMember.__table__.insert(),
                [
                    {"campaign_id": campaign_id, "customer_id": cid, "invited_at": when}
                    for cid in added
                ],
            )
            audit.record(
                s,
                user_id,
                AuditAction.UPDATE,
                "campaign",
                campaign_id,
                note=f"invited {len(added)} customers ({Channel(f.channel).value})",
            )
        return Invited(campaign_id, added, len(chosen.customer_ids) - len(added), chosen.opted_out)

    return db.run_write(work)


Progress = Callable[[int, int], None]


def export_invited(
    session: Session,
    campaign_id: int,
    path: str | os.PathLike[str],
    *,
    headers: Mapping[str, str] | None = None,
    sheet: str | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExportResult:
    """The invited customers of an event who still consent to its channel (and are not
    erased): name, phone and owner, to .xlsx or .csv.
    ``headers`` (name/phone/owner → title) and ``sheet`` give the interface language."""
    columns = [Column("name", "Name"), Column("phone", "Phone"), Column("owner", "Owner")]
    if headers:
        columns = [replace(c, header=headers.get(c.key, c.header)) for c in columns]
    campaign = session.get(Campaign, campaign_id)
    if campaign is None:
        raise ClientelaError("this event no longer exists")
    where = [CampaignMember.campaign_id == campaign_id, Customer.erased_at.is_(None)]
    if campaign.channel is not None:  # who withdrew consent since the invitation is left out
        where.append(CONSENT[Channel(campaign.channel)].is_(True))
    rows = session.execute(
        select(Customer.name, Customer.phone, User.display_name)
        .join(CampaignMember, CampaignMember.customer_id == Customer.id)
        .outerjoin(User, User.id == Customer.owner_id)
        .where(*where)
        .order_by(Customer.name, Customer.id)
    ).all()
    return write_table(
        path,
        columns,
        [tuple(r) for r in rows],
        sheet=sheet or "Invited",
        total=len(rows),
        progress=progress,
        cancelled=cancelled,
    )


def export_event(
    db: Database,
    user_id: int | None,
    campaign_id: int,
    path: str | os.PathLike[str],
    *,
    headers: Mapping[str, str] | None = None,
    sheet: str | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExportResult:
    """``export_invited`` in a session of its own, noted in the audit log (a list of
    phone numbers left the program)."""
    with db.session() as session:
        result = export_invited(
            session,
            campaign_id,
            path,
            headers=headers,
            sheet=sheet,
            progress=progress,
            cancelled=cancelled,
        )
    if not db.read_only:
        note = f"{result.rows} invited customers to {result.path.name}"
        db.run_write(
            lambda s: audit.record(
                s, user_id, AuditAction.EXPORT, "campaign", campaign_id, note=note
            )
        )
    return result

"""Event invitations: pick customers nearby or by tag, segment, membership level or vehicle
use, leave out those who opted out of the invitation's channel, mark them invited to the
event (a campaign), and export the list (name, phone, owner) to a workbook."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import ClientelaError
from app.models import Campaign, CampaignMember, Customer, User, Vehicle, utcnow
from app.models.enums import AuditAction, Channel, Lifecycle, MembershipLevel, VehicleUse
from app.reports.export import Column, ExportResult, write_table

from . import audit
from .customer_list import CustomerFilter, conditions

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


def _conditions(session: Session, f: InvitationFilter, *, consenting: bool = True) -> list[Any]:
    """The Customers page's filter terms, plus: not erased or merged, the vehicle use, and
    consent to the invitation's channel."""
    same = CustomerFilter(
        owner_id=f.owner_id,
        tag_id=f.tag_id,
        city=f.city,
        district=f.district,
        lifecycle=f.lifecycle,
        membership_level=f.membership_level,
    )
    conds: list[Any] = [
        *conditions(session, same),
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


@dataclass(frozen=True)
class Selection:
    count: int
    opted_out: int
    """Matching customers left out because they opted out of the channel."""
    customer_ids: list[int]


def select_customers(session: Session, f: InvitationFilter) -> Selection:
    ids = list(
        session.scalars(select(Customer.id).where(*_conditions(session, f)).order_by(Customer.id))
    )
    everyone = (
        session.scalar(
            select(func.count())
            .select_from(Customer)
            .where(*_conditions(session, f, consenting=False))
        )
        or 0
    )
    return Selection(len(ids), everyone - len(ids), ids)


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
        if s.get(Campaign, campaign_id) is None:
            raise ClientelaError("this event no longer exists")
        chosen = select_customers(s, f)
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


def export_invited(
    session: Session, campaign_id: int, path: str | os.PathLike[str]
) -> ExportResult:
    """The invited customers of an event: name, phone and owner, to .xlsx or .csv."""
    columns = [Column("name", "Name"), Column("phone", "Phone"), Column("owner", "Owner")]
    rows = session.execute(
        select(Customer.name, Customer.phone, User.display_name)
        .join(CampaignMember, CampaignMember.customer_id == Customer.id)
        .outerjoin(User, User.id == Customer.owner_id)
        .where(CampaignMember.campaign_id == campaign_id, Customer.erased_at.is_(None))
        .order_by(Customer.name, Customer.id)
    ).all()
    return write_table(path, columns, [tuple(r) for r in rows], sheet="Invited", total=len(rows))

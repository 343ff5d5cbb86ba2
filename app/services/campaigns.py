"""Campaigns [营销活动] and what they brought.

A campaign (event, promotion, mailing, call round) has a channel, dates, a cost, an owner
and notes. Its audience is chosen with the event invitations' selection
(``services.invitations.invite``, opted-out customers of the channel left out) and kept
as the invited list (``campaign_members``); each invited customer's response is logged
(came, bought, declined).

What it brought (``report``): the orders of invited customers, and of new customers whose
source is the campaign, dated from the campaign's first day to its last day (its first
when it has none) plus N days (setting ``campaigns.attribution_days``, 30 by default);
the buyers among them, the revenue, and the revenue per unit of cost. ``by_source`` gives
the same for the customers acquired in a period, by their lead source."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import ClientelaError, ValidationError
from app.models import Campaign, CampaignMember, Customer, Order, User, utcnow
from app.models.enums import AuditAction, CampaignKind, CampaignResponse, Channel, OrderStatus

from . import access, audit, figures, validation

S_WINDOW = "campaigns.attribution_days"
WINDOW_DEFAULT = 30
NOT_SOLD = (OrderStatus.DRAFT, OrderStatus.CANCELLED)
NAME_MAX = 200


def window_days(session: Session) -> int:
    value = access.setting(session, S_WINDOW, WINDOW_DEFAULT)
    try:
        days = int(value)
    except (TypeError, ValueError):
        return WINDOW_DEFAULT
    return days if 0 <= days <= 3650 else WINDOW_DEFAULT


@dataclass
class CampaignData:
    name: str
    kind: CampaignKind | str
    channel: Channel | str | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    cost: Decimal | str | int | None = None
    owner_id: int | None = None
    """None: whoever creates it."""
    notes: str | None = None


def _clean(data: CampaignData) -> dict[str, Any]:
    name = validation.text(data.name, "name", NAME_MAX, required=True)
    try:
        kind = CampaignKind(data.kind)
    except ValueError:
        raise ValidationError(
            "unknown campaign kind {kind}", field="kind", kind=data.kind
        ) from None
    try:
        channel = Channel(data.channel) if data.channel else None
    except ValueError:
        raise ValidationError(
            "unknown channel {channel}", field="channel", channel=str(data.channel)
        ) from None
    if data.starts_on and data.ends_on and data.ends_on < data.starts_on:
        raise ValidationError("the campaign ends before it starts", field="ends_on")
    cost = validation.amount(data.cost, "cost") or Decimal(0)
    if cost < 0:
        raise ValidationError("a cost cannot be negative", field="cost")
    return {
        "name": name,
        "kind": kind,
        "channel": channel,
        "starts_on": data.starts_on,
        "ends_on": data.ends_on,
        "cost": cost,
        "notes": validation.text(data.notes, "notes", 10_000),
    }


def create(db: Database, user_id: int | None, data: CampaignData) -> int:
    values = _clean(data)

    def work(s: Session) -> int:
        access.check_may_write(s, user_id)
        owner = data.owner_id if data.owner_id is not None else user_id
        if owner is not None and not s.scalar(select(User.active).where(User.id == owner)):
            raise ValidationError("no active user with this id", field="owner_id")
        campaign = Campaign(owner_id=owner, **values)
        s.add(campaign)
        s.flush()
        audit.record(
            s,
            user_id,
            AuditAction.CREATE,
            "campaign",
            campaign.id,
            {k: (None, v) for k, v in values.items() if v is not None},
        )
        return campaign.id

    return db.run_write(work)


def respond(
    db: Database,
    user_id: int | None,
    campaign_id: int,
    customer_id: int,
    response: CampaignResponse | str,
    *,
    now: dt.datetime | None = None,
) -> None:
    """How an invited customer responded (came, bought, declined; none to undo)."""
    try:
        answer = CampaignResponse(response)
    except ValueError:
        raise ValidationError(
            "unknown response {response}", field="response", response=str(response)
        ) from None

    def work(s: Session) -> None:
        access.check_may_edit_customer(s, user_id, customer_id)
        member = s.scalar(
            select(CampaignMember).where(
                CampaignMember.campaign_id == campaign_id,
                CampaignMember.customer_id == customer_id,
            )
        )
        if member is None:
            raise ClientelaError("this customer was not invited to this campaign")
        old = member.response
        member.response = answer
        member.responded_at = None if answer is CampaignResponse.NONE else (now or utcnow())
        audit.record(
            s,
            user_id,
            AuditAction.UPDATE,
            "campaign",
            campaign_id,
            {"response": (old, answer)},
            note=f"customer {customer_id}",
        )

    db.run_write(work)


# ---------------------------------------------------------------- what it brought


@dataclass(frozen=True)
class CampaignLine:
    id: int
    name: str
    kind: str
    channel: str | None
    starts_on: dt.date | None
    ends_on: dt.date | None
    window_to: dt.date | None
    invited: int
    responded: int
    came: int
    declined: int
    new_customers: int
    buyers: int
    orders: int
    revenue: Decimal | None
    cost: Decimal | None
    """Both None for a user who may not see financial figures."""

    @property
    def revenue_per_cost(self) -> Decimal | None:
        if self.revenue is None or self.cost is None or self.cost <= 0:
            return None
        return (self.revenue / self.cost).quantize(Decimal("0.01"))

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for key in ("starts_on", "ends_on", "window_to"):
            d[key] = d[key].isoformat() if d[key] else None
        d["revenue"] = figures.text(self.revenue)
        d["cost"] = figures.text(self.cost)
        rpc = self.revenue_per_cost
        d["revenue_per_cost"] = None if rpc is None else str(rpc)
        return d


def _sold() -> Any:
    return and_(Order.deleted_at.is_(None), Order.status.not_in(NOT_SOLD))


def report(
    session: Session,
    user_id: int | None,
    date_from: dt.date,
    date_to: dt.date,
    days: int | None = None,
) -> list[CampaignLine]:
    """The campaigns starting from ``date_from`` to ``date_to`` (a campaign without a start
    date counts from the day it was entered), with what each brought."""
    if date_to < date_from:
        raise ValidationError(
            "the first day {first} comes after the last day {last}",
            field="date_from",
            first=date_from.isoformat(),
            last=date_to.isoformat(),
        )
    access.role(session, user_id)  # an active user, or the program itself
    n = window_days(session) if days is None else days
    if not 0 <= n <= 3650:
        raise ValidationError("the window is 0 to 3650 days", field="days")
    start_expr = func.coalesce(Campaign.starts_on, func.date(Campaign.created_at))
    campaigns = list(
        session.scalars(
            select(Campaign)
            .where(
                or_(
                    and_(Campaign.starts_on >= date_from, Campaign.starts_on <= date_to),
                    and_(
                        Campaign.starts_on.is_(None),
                        Campaign.created_at >= dt.datetime.combine(date_from, dt.time(), dt.UTC),
                        Campaign.created_at
                        < dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time(), dt.UTC),
                    ),
                )
            )
            .order_by(start_expr, Campaign.id)
        )
    )
    visible = access.visible_customers(session, user_id)
    lines = []
    for c in campaigns:
        first = c.starts_on or c.created_at.date()
        last = (c.ends_on or first) + dt.timedelta(days=n)
        members = session.execute(
            select(CampaignMember.response, func.count())
            .join(Customer, Customer.id == CampaignMember.customer_id)
            .where(CampaignMember.campaign_id == c.id, visible)
            .group_by(CampaignMember.response)
        ).all()
        counts = {CampaignResponse(r): int(k) for r, k in members}
        invited = exists().where(
            CampaignMember.campaign_id == c.id, CampaignMember.customer_id == Order.customer_id
        )
        brought = session.execute(
            select(
                func.count(func.distinct(Order.customer_id)),
                func.count(Order.id),
                func.coalesce(func.sum(Order.amount), 0),
            )
            .join(Customer, Customer.id == Order.customer_id)
            .where(
                _sold(),
                visible,
                Order.order_date >= first,
                Order.order_date <= last,
                or_(invited, Customer.campaign_id == c.id),
            )
        ).one()
        new = (
            session.scalar(
                select(func.count())
                .select_from(Customer)
                .where(Customer.campaign_id == c.id, Customer.deleted_at.is_(None), visible)
            )
            or 0
        )
        lines.append(
            CampaignLine(
                id=c.id,
                name=c.name,
                kind=c.kind.value,
                channel=c.channel.value if c.channel else None,
                starts_on=c.starts_on,
                ends_on=c.ends_on,
                window_to=last,
                invited=sum(counts.values()),
                responded=sum(v for k, v in counts.items() if k is not CampaignResponse.NONE),
                came=counts.get(CampaignResponse.CAME, 0) + counts.get(CampaignResponse.BOUGHT, 0),
                declined=counts.get(CampaignResponse.DECLINED, 0),
                new_customers=int(new),
                buyers=int(brought[0]),
                orders=int(brought[1]),
                revenue=Decimal(brought[2]).quantize(Decimal("0.01")),
                cost=Decimal(c.cost or 0),
            )
        )
    if not figures.may_see_financials(session, user_id):
        return figures.blank_all(lines, "revenue", "cost")
    return lines


@dataclass(frozen=True)
class SourceLine:
    source: str
    customers: int
    buyers: int
    revenue: Decimal | None

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "revenue": figures.text(self.revenue)}


def by_source(
    session: Session,
    user_id: int | None,
    date_from: dt.date,
    date_to: dt.date,
    days: int | None = None,
) -> list[SourceLine]:
    """Customers acquired (entered) from ``date_from`` to ``date_to`` by lead source, and
    what they bought up to N days after the period."""
    n = window_days(session) if days is None else days
    start = dt.datetime.combine(date_from, dt.time(), dt.UTC)
    end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time(), dt.UTC)
    visible = access.visible_customers(session, user_id)
    acquired = [
        Customer.created_at >= start,
        Customer.created_at < end,
        Customer.deleted_at.is_(None),
        visible,
    ]
    counts = dict(
        session.execute(
            select(Customer.source, func.count()).where(*acquired).group_by(Customer.source)
        ).all()
    )
    sold = dict(
        (src, (int(b), Decimal(r)))
        for src, b, r in session.execute(
            select(
                Customer.source,
                func.count(func.distinct(Order.customer_id)),
                func.coalesce(func.sum(Order.amount), 0),
            )
            .join(Order, Order.customer_id == Customer.id)
            .where(
                *acquired,
                _sold(),
                Order.order_date >= date_from,
                Order.order_date <= date_to + dt.timedelta(days=n),
            )
            .group_by(Customer.source)
        ).all()
    )
    hide = not figures.may_see_financials(session, user_id)
    return [
        SourceLine(
            getattr(src, "value", str(src)),
            int(k),
            sold.get(src, (0, Decimal(0)))[0],
            None if hide else sold.get(src, (0, Decimal(0)))[1].quantize(Decimal("0.01")),
        )
        for src, k in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
    ]


@dataclass(frozen=True)
class MemberRow:
    customer_id: int
    number: str
    name: str
    phone: str | None
    owner: str | None
    response: str
    responded_at: dt.datetime | None


def members(
    session: Session, user_id: int | None, campaign_id: int, limit: int = 5000
) -> list[MemberRow]:
    """The invited customers the user may see, by name, with their responses."""
    owner = User.__table__.alias("owner")
    rows = session.execute(
        select(
            Customer.id,
            Customer.number,
            Customer.name,
            Customer.phone,
            owner.c.display_name,
            CampaignMember.response,
            CampaignMember.responded_at,
        )
        .join(Customer, Customer.id == CampaignMember.customer_id)
        .outerjoin(owner, owner.c.id == Customer.owner_id)
        .where(
            CampaignMember.campaign_id == campaign_id,
            Customer.deleted_at.is_(None),
            access.visible_customers(session, user_id),
        )
        .order_by(Customer.name, Customer.id)
        .limit(limit)
    ).all()
    return [
        MemberRow(cid, number, name, phone, oname, CampaignResponse(resp).value, at)
        for cid, number, name, phone, oname, resp, at in rows
    ]

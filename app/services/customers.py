"""Customer files: create, change, delete and restore, merge, and the 360° read.

The window hands plain ``CustomerData`` to these functions and gets plain data back; each
write is one short transaction that also writes the audit log and keeps the search index
in step (through the flush hook of app.services.search_index).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import ValidationError
from app.models import (
    AccountTeamMember,
    Activity,
    Campaign,
    CampaignMember,
    ConsentEvent,
    ContactPerson,
    Contract,
    Customer,
    CustomerScore,
    Deal,
    ImportantDate,
    KeyAccountReview,
    Order,
    Payment,
    PointsEntry,
    Return,
    ServiceCase,
    Task,
    Vehicle,
    utcnow,
)
from app.models.enums import AuditAction, CustomerKind, Source

from . import access, audit, privacy, validation
from .concurrency import expect_version

EDITABLE = (
    "kind",
    "name",
    "phone",
    "phone2",
    "email",
    "address",
    "postcode",
    "city",
    "district",
    "source",
    "campaign_id",
    "owner_id",
    "category",
    "industry",
    "membership_card",
    "birthday",
    "hometown",
    "birthplace",
    "nationality",
    "education",
    "title",
    "family",
    "hobbies",
    "preferences",
    "notes",
    "consent_phone",
    "consent_sms",
    "consent_email",
    "consent_post",
)

LIMITS = {
    "name": 200,
    "address": 300,
    "postcode": 16,
    "city": 100,
    "district": 100,
    "category": 60,
    "industry": 100,
    "membership_card": 40,
    "hometown": 120,
    "birthplace": 120,
    "nationality": 60,
    "education": 200,
    "title": 120,
    "family": 10_000,
    "hobbies": 10_000,
    "preferences": 10_000,
    "notes": 100_000,
}


@dataclass
class CustomerData:
    """The fields of the customer form, as typed."""

    name: str = ""
    kind: CustomerKind = CustomerKind.PERSON
    phone: str | None = None
    phone2: str | None = None
    email: str | None = None
    address: str | None = None
    postcode: str | None = None
    city: str | None = None
    district: str | None = None
    source: Source = Source.OTHER
    campaign_id: int | None = None
    """The campaign that brought the customer in; only with the source "campaign"."""
    owner_id: int | None = None
    category: str | None = None
    industry: str | None = None
    membership_card: str | None = None
    birthday: dt.date | None = None
    hometown: str | None = None
    birthplace: str | None = None
    nationality: str | None = None
    education: str | None = None
    title: str | None = None
    family: str | None = None
    hobbies: str | None = None
    preferences: str | None = None
    notes: str | None = None
    consent_phone: bool = True
    consent_sms: bool = True
    consent_email: bool = True
    consent_post: bool = True
    plates: list[str] = field(default_factory=list)


@dataclass
class Saved:
    """What a save changed, for pages to refresh only that."""

    customer_id: int
    version: int
    created: bool


def clean(data: CustomerData, region: str = validation.DEFAULT_REGION) -> CustomerData:
    """Validated and normalised data, or ValidationError naming the first bad field."""
    out = dataclasses.replace(data)
    for name, limit in LIMITS.items():
        setattr(out, name, validation.text(getattr(data, name), name, limit, name == "name"))
    out.phone = validation.phone(data.phone, region, "phone")
    out.phone2 = validation.phone(data.phone2, region, "phone2")
    out.email = validation.email(data.email)
    out.birthday = validation.past_date(data.birthday, "birthday")
    if data.campaign_id is not None and Source(data.source) is not Source.CAMPAIGN:
        raise ValidationError(
            "a campaign is kept only when the source is a campaign", field="campaign_id"
        )
    out.plates = [p.strip().upper() for p in data.plates if p and p.strip()]
    for plate in out.plates:
        if len(plate) > 20:
            raise ValidationError("a licence plate has at most 20 characters", field="plates")
    return out


def resolve(session: Session, ref: str | int) -> int:
    """A customer id from an id or a customer number as a person types it."""
    text = str(ref).strip()
    found = session.scalar(select(Customer.id).where(Customer.number == text))
    if found is None and text.isdigit():
        found = session.scalar(select(Customer.id).where(Customer.id == int(text)))
    if found is None:
        raise ValidationError("no customer with the number or id {ref}", ref=text)
    return found


def next_number(session: Session) -> str:
    top = session.scalar(select(func.max(Customer.id))) or 0
    candidate = top + 1
    while session.scalar(select(Customer.id).where(Customer.number == f"C{candidate:06d}")):
        candidate += 1
    return f"C{candidate:06d}"


def create(
    db: Database, user_id: int | None, data: CustomerData, region: str = validation.DEFAULT_REGION
) -> Saved:
    data = clean(data, region)

    def work(s: Session) -> Saved:
        access.check_may_write(s, user_id)
        access.check_may_assign_owner(s, user_id, data.owner_id)
        _check_card(s, data.membership_card, None)
        _check_campaign(s, data.campaign_id)
        values = {name: getattr(data, name) for name in EDITABLE}
        customer = Customer(number=next_number(s), created_by_id=user_id, **values)
        if customer.owner_id is None:
            customer.owner_id = user_id
        s.add(customer)
        s.flush()
        for plate in data.plates:
            s.add(Vehicle(customer_id=customer.id, plate=plate))
        s.flush()
        created = {k: (None, v) for k, v in values.items() if v not in (None, "", True)}
        if data.plates:
            created["plates"] = (None, ", ".join(data.plates))
        audit.record(s, user_id, AuditAction.CREATE, "customer", customer.id, created)
        consent = {name: (None, values[name]) for name in privacy.CONSENT_FIELDS.values()}
        privacy.record_consent_changes(s, user_id, customer.id, consent)
        return Saved(customer.id, customer.version, True)

    return db.run_write(work)


def update(
    db: Database,
    user_id: int | None,
    customer_id: int,
    seen_version: int,
    data: CustomerData,
    region: str = validation.DEFAULT_REGION,
) -> Saved:
    """Save the form over the version the user saw; ConflictError if someone was first."""
    data = clean(data, region)

    def work(s: Session) -> Saved:
        access.check_may_edit_customer(s, user_id, customer_id)
        customer = s.get(Customer, customer_id)
        expect_version(customer, seen_version)
        assert customer is not None
        if data.owner_id != customer.owner_id:
            access.check_manager(s, user_id, "change a customer's owner")
        _check_card(s, data.membership_card, customer_id)
        if data.campaign_id != customer.campaign_id:
            _check_campaign(s, data.campaign_id)
        changes: dict[str, tuple[Any, Any]] = {}
        for name in EDITABLE:
            new = getattr(data, name)
            old = getattr(customer, name)
            if old != new:
                changes[name] = (old, new)
                setattr(customer, name, new)
        if changes:
            s.flush()
            audit.record(s, user_id, AuditAction.UPDATE, "customer", customer_id, changes)
            privacy.record_consent_changes(s, user_id, customer_id, changes)
        return Saved(customer_id, customer.version, False)

    return db.run_write(work)


def _check_card(s: Session, card: str | None, own_id: int | None) -> None:
    if not card:
        return
    other = s.scalar(
        select(Customer.name).where(Customer.membership_card == card, Customer.id != (own_id or -1))
    )
    if other is not None:
        raise ValidationError(
            "card {card} already belongs to {other}",
            field="membership_card",
            card=card,
            other=other,
        )


def _check_campaign(s: Session, campaign_id: int | None) -> None:
    if campaign_id is not None and s.get(Campaign, campaign_id) is None:
        raise ValidationError("this campaign no longer exists", field="campaign_id")


def delete(db: Database, user_id: int | None, customer_id: int) -> None:
    """Soft delete: the file disappears from lists and search and can be restored."""

    def work(s: Session) -> None:
        access.check_may_edit_customer(s, user_id, customer_id)
        customer = s.get(Customer, customer_id)
        if customer is None or customer.deleted_at is not None:
            return
        customer.deleted_at = utcnow()
        audit.record(s, user_id, AuditAction.DELETE, "customer", customer_id)

    db.run_write(work)


def restore(db: Database, user_id: int | None, customer_id: int) -> None:
    def work(s: Session) -> None:
        access.check_may_edit_customer(s, user_id, customer_id)
        customer = s.get(Customer, customer_id)
        if customer is None or customer.deleted_at is None:
            return
        customer.deleted_at = None
        audit.record(s, user_id, AuditAction.RESTORE, "customer", customer_id)

    db.run_write(work)


# Every table with a customer_id moves to the survivor on a merge.
CHILDREN = (
    ContactPerson,
    Vehicle,
    Activity,
    Order,
    Return,
    Payment,
    Contract,
    Deal,
    Task,
    ServiceCase,
    PointsEntry,
    ImportantDate,
    ConsentEvent,
)
# Tables with one row per (customer, something): rows the survivor already has are dropped.
UNIQUE_CHILDREN = (
    (CampaignMember, "campaign_id"),
    (AccountTeamMember, "user_id"),
    (CustomerScore, "criterion"),
    (KeyAccountReview, "month"),
)


@dataclass
class MergeResult:
    survivor_id: int
    merged_id: int
    moved: dict[str, int]


def merge(db: Database, user_id: int | None, survivor_id: int, other_id: int) -> MergeResult:
    """Move everything of ``other_id`` to ``survivor_id``; the other file is kept, marked as
    merged (and so hidden), so the audit trail still leads somewhere."""
    if survivor_id == other_id:
        raise ValidationError("a customer cannot be merged with itself")

    def work(s: Session) -> MergeResult:
        access.check_may_edit_customer(s, user_id, survivor_id)
        access.check_may_edit_customer(s, user_id, other_id)
        survivor, other = s.get(Customer, survivor_id), s.get(Customer, other_id)
        if survivor is None or other is None:
            raise ValidationError("one of the two customers no longer exists")
        moved: dict[str, int] = {}
        for model in CHILDREN:
            table = model.__table__
            result = s.execute(
                sql_update(table)
                .where(table.c.customer_id == other_id)
                .values(customer_id=survivor_id)
            )
            moved[table.name] = result.rowcount or 0
        for model, key in UNIQUE_CHILDREN:
            table = model.__table__
            taken = select(table.c[key]).where(table.c.customer_id == survivor_id)
            s.execute(
                table.delete().where(table.c.customer_id == other_id, table.c[key].in_(taken))
            )
            result = s.execute(
                sql_update(table)
                .where(table.c.customer_id == other_id)
                .values(customer_id=survivor_id)
            )
            moved[table.name] = result.rowcount or 0
        filled = {}
        for name in EDITABLE:
            if getattr(survivor, name) in (None, "") and getattr(other, name) not in (None, ""):
                if name == "membership_card":
                    continue
                filled[name] = (None, getattr(other, name))
                setattr(survivor, name, getattr(other, name))
        card = other.membership_card
        other.merged_into_id = survivor_id
        other.deleted_at = utcnow()
        other.membership_card = None
        s.flush()
        if survivor.membership_card is None and card:
            survivor.membership_card = card
            filled["membership_card"] = (None, card)
        s.flush()
        from . import search_index

        search_index.reindex(s, [survivor_id, other_id])
        audit.record(
            s,
            user_id,
            AuditAction.MERGE,
            "customer",
            survivor_id,
            {"merged": (other.number, survivor.number), **filled},
            note=f"merged {other.number} {other.name} into {survivor.number}; moved "
            + ", ".join(f"{k}={v}" for k, v in moved.items() if v),
        )
        return MergeResult(survivor_id, other_id, {k: v for k, v in moved.items() if v})

    return db.run_write(work)

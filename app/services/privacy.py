"""A person's privacy rights: a copy of everything held about them, and erasure.

- ``export_person``: one workbook (app.reports.privacy_workbook) with the profile, the
  people, vehicles, activities, orders, payments, consent history and audit entries of
  the customer, and the deals, tasks, complaints, contracts, important dates, points and
  campaigns that hang off it.
- ``erase_person``: personal fields anonymised (name "Erased customer C000123"), phones,
  emails, addresses, birthday, identity and bank numbers, plates and the personal fields
  of the customer's people cleared; free-text notes, activity texts, task, deal, case
  and order notes cleared; important dates deleted; consent withdrawn on every channel.
  Orders, returns, payments, points and visits stay as anonymous figures (amounts, dates,
  kinds), so every report keeps its totals and the customer is still counted. The search
  keys are rebuilt from what is left, and the earlier audit rows of the customer and its
  records lose their old and new values and notes; the erasure's own audit row names no
  erased value. An erased customer cannot be erased again.

Both are for managers and administrators only (PermissionDenied otherwise) and both
write the audit log. ``consent_history`` is the consent log for the customer file.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, delete, func, or_, select, update
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import ValidationError
from app.models import (
    Activity,
    AuditEntry,
    Campaign,
    CampaignMember,
    ConsentEvent,
    ContactPerson,
    Contract,
    Customer,
    Deal,
    ImportantDate,
    KeyAccountReview,
    Order,
    Payment,
    PointsEntry,
    Return,
    ServiceCase,
    Setting,
    Stage,
    Task,
    User,
    Vehicle,
    utcnow,
)
from app.models.enums import AuditAction, Channel, TaskStatus

from . import access, audit

ERASED_NAME = "Erased customer {number}"
ERASED_PERSON = "Erased person"
ERASED_TEXT = "(erased)"
CONSENT_FIELDS = {
    Channel.PHONE: "consent_phone",
    Channel.SMS: "consent_sms",
    Channel.EMAIL: "consent_email",
    Channel.POST: "consent_post",
}

# Customer fields that go in the copy's Profile sheet, in this order.
PROFILE_FIELDS = (
    "number",
    "kind",
    "name",
    "phone",
    "phone2",
    "email",
    "website",
    "wechat",
    "address",
    "postcode",
    "city",
    "district",
    "region",
    "country",
    "source",
    "referred_by_name",
    "category",
    "scale",
    "industry",
    "membership_card",
    "membership_level",
    "legal_name",
    "tax_id",
    "business_reg_no",
    "bank_name",
    "bank_account",
    "id_card_no",
    "gender",
    "birthday",
    "hometown",
    "birthplace",
    "nationality",
    "education",
    "experience",
    "title",
    "family",
    "personality",
    "hobbies",
    "preferences",
    "notes",
    "buying_method",
    "decision_process",
    "volumes",
    "needs",
    "budget",
    "goals_plans",
    "competitors",
    "next_steps",
    "refuel_frequency",
    "fleet_vehicles_per_year",
    "fleet_models",
    "credit_limit",
    "credit_term_days",
    "payment_terms",
    "lost_at",
    "lost_reason_text",
    "consent_phone",
    "consent_sms",
    "consent_email",
    "consent_post",
    "created_at",
    "updated_at",
)

# What erasure clears on the customer (set to None). Kept: the number, kind, source,
# owner, category, scale, industry, customer type, weight, lifecycle, membership level,
# city, region and country (coarse, and what reports group by), figures (budget, credit
# limit, employees…) and dates of the relationship.
ERASED_FIELDS = (
    "sort_name",
    "phone",
    "phone2",
    "email",
    "website",
    "wechat",
    "address",
    "postcode",
    "district",
    "referred_by_id",
    "referred_by_name",
    "membership_card",
    "legal_name",
    "tax_id",
    "business_reg_no",
    "bank_name",
    "bank_account",
    "id_card_no",
    "market_coverage",
    "transport",
    "delivery_points",
    "payment_terms",
    "gender",
    "birthday",
    "hometown",
    "birthplace",
    "nationality",
    "education",
    "experience",
    "title",
    "family",
    "personality",
    "hobbies",
    "preferences",
    "notes",
    "buying_method",
    "decision_process",
    "volumes",
    "needs",
    "goals_plans",
    "competitors",
    "next_steps",
    "refuel_frequency",
    "fleet_models",
    "lost_reason_text",
)

# Audit entities whose rows belong to a customer through ``model.customer_id``.
AUDITED_CHILDREN: tuple[tuple[str, Any], ...] = (
    ("contact", ContactPerson),
    ("vehicle", Vehicle),
    ("activity", Activity),
    ("deal", Deal),
    ("task", Task),
    ("case", ServiceCase),
    ("contract", Contract),
    ("order", Order),
    ("return", Return),
    ("payment", Payment),
    ("points", PointsEntry),
)


@dataclass(frozen=True)
class ConsentRow:
    at: dt.datetime
    channel: Channel
    granted: bool
    user: str | None
    note: str | None


@dataclass(frozen=True)
class Erased:
    """What an erasure did, for the window and the command line (no erased value)."""

    customer_id: int
    number: str
    fields: int
    people: int
    vehicles: int
    activities: int
    audit_rows: int
    kept_orders: int
    kept_payments: int


@dataclass
class Exported:
    path: Path
    rows: dict[str, int] = field(default_factory=dict)


# ------------------------------------------------------------------ helpers
def _customer(session: Session, customer: int | str) -> Customer:
    from .customers import resolve

    customer_id = customer if isinstance(customer, int) else resolve(session, customer)
    c = session.get(Customer, customer_id)
    if c is None:
        raise ValidationError("no customer with the number or id {ref}", ref=str(customer))
    return c


def is_erased(session: Session, customer_id: int) -> bool:
    return session.scalar(select(Customer.erased_at).where(Customer.id == customer_id)) is not None


def consent_history(session: Session, user_id: int | None, customer_id: int) -> list[ConsentRow]:
    """Every consent given or withdrawn, newest first, for whoever may see the customer."""
    access.check_may_see_customer(session, user_id, customer_id)
    q = (
        select(ConsentEvent, User.display_name)
        .outerjoin(User, User.id == ConsentEvent.user_id)
        .where(ConsentEvent.customer_id == customer_id)
        .order_by(ConsentEvent.at.desc(), ConsentEvent.id.desc())
    )
    return [
        ConsentRow(e.at, Channel(e.channel), bool(e.granted), name, e.note)
        for e, name in session.execute(q)
    ]


def record_consent_changes(
    session: Session,
    user_id: int | None,
    customer_id: int,
    changes: dict[str, tuple[Any, Any]],
    note: str | None = None,
) -> int:
    """A ``ConsentEvent`` for each consent field among ``changes`` (field → (old, new))."""
    at = utcnow()
    n = 0
    for channel, name in CONSENT_FIELDS.items():
        if name in changes:
            old, new = changes[name]
            if bool(old) != bool(new):
                session.add(
                    ConsentEvent(
                        customer_id=customer_id,
                        channel=channel,
                        granted=bool(new),
                        at=at,
                        user_id=user_id,
                        note=note,
                    )
                )
                n += 1
    return n


def _audit_terms(session: Session, customer_id: int) -> list[ColumnElement[bool]]:
    a = AuditEntry.__table__.c
    terms: list[ColumnElement[bool]] = [(a.entity == "customer") & (a.entity_id == customer_id)]
    for entity, model in AUDITED_CHILDREN:
        ids = select(model.id).where(model.customer_id == customer_id)
        terms.append((a.entity == entity) & a.entity_id.in_(ids))
    return terms


# ------------------------------------------------------------------ the copy
def _sheets(session: Session, c: Customer) -> list[Any]:
    from app.reports.privacy_workbook import Sheet

    cid = c.id
    users = {uid: name for uid, name in session.execute(select(User.id, User.display_name))}
    owner = users.get(c.owner_id) if c.owner_id else None
    profile = Sheet("profile", ("field", "value"), money=(1,))
    for name in PROFILE_FIELDS:
        value = getattr(c, name)
        if value is None or value == "":
            continue
        profile.rows.append((name, value))
        if name == "source" and owner:
            profile.rows.append(("owner", owner))

    people = Sheet(
        "people", ("name", "role", "title", "phone", "mobile", "email", "birthday", "notes")
    )
    for p in session.scalars(
        select(ContactPerson).where(ContactPerson.customer_id == cid).order_by(ContactPerson.id)
    ):
        people.rows.append(
            (p.name, p.role, p.title, p.phone, p.mobile, p.email, p.birthday, p.notes)
        )

    vehicles = Sheet(
        "vehicles",
        ("plate", "brand", "model", "use", "nature", "year", "color", "vin", "fuel", "notes"),
    )
    for v in session.scalars(
        select(Vehicle).where(Vehicle.customer_id == cid).order_by(Vehicle.id)
    ):
        vehicles.rows.append(
            (
                v.plate,
                v.brand,
                v.model,
                v.use,
                v.nature,
                v.year,
                v.color,
                v.vin,
                v.fuel_type,
                v.notes,
            )
        )

    activities = Sheet(
        "activities",
        ("when", "kind", "subject", "text", "amount", "satisfaction", "outcome", "by"),
        money=(4,),
    )
    for a in session.scalars(
        select(Activity).where(Activity.customer_id == cid).order_by(Activity.occurred_at)
    ):
        activities.rows.append(
            (
                a.occurred_at,
                a.kind,
                a.subject,
                a.text,
                a.amount,
                a.satisfaction,
                a.outcome,
                users.get(a.user_id) if a.user_id else None,
            )
        )

    orders = Sheet("orders", ("number", "date", "due", "status", "amount", "notes"), money=(4,))
    for o in session.scalars(
        select(Order)
        .where(Order.customer_id == cid, Order.deleted_at.is_(None))
        .order_by(Order.order_date, Order.id)
    ):
        orders.rows.append((o.number, o.order_date, o.due_date, o.status, o.amount, o.notes))

    payments = Sheet("payments", ("date", "amount", "method", "reference", "notes"), money=(1,))
    for p in session.scalars(
        select(Payment).where(Payment.customer_id == cid).order_by(Payment.paid_on, Payment.id)
    ):
        payments.rows.append((p.paid_on, p.amount, p.method, p.reference, p.notes))

    consent = Sheet("consent", ("when", "channel", "granted", "by", "note"), vocabulary=(1, 2))
    for e in session.scalars(
        select(ConsentEvent).where(ConsentEvent.customer_id == cid).order_by(ConsentEvent.at)
    ):
        consent.rows.append(
            (
                e.at,
                e.channel,
                "given" if e.granted else "withdrawn",
                users.get(e.user_id) if e.user_id else None,
                e.note,
            )
        )

    a = AuditEntry.__table__.c
    entries = Sheet(
        "audit", ("when", "by", "action", "record", "id", "field", "old", "new", "note")
    )
    for r in session.execute(
        select(a.at, a.user_id, a.action, a.entity, a.entity_id, a.field)
        .add_columns(a.old_value, a.new_value, a.note)
        .where(or_(*_audit_terms(session, cid)))
        .order_by(a.at, a.id)
    ):
        entries.rows.append(
            (
                r.at,
                users.get(r.user_id) if r.user_id else None,
                r.action,
                r.entity,
                r.entity_id,
                r.field,
                r.old_value,
                r.new_value,
                r.note,
            )
        )

    deals = Sheet(
        "deals", ("subject", "stage", "status", "amount", "expected", "notes"), money=(3,)
    )
    for d, stage in session.execute(
        select(Deal, Stage.name)
        .join(Stage, Stage.id == Deal.stage_id)
        .where(Deal.customer_id == cid, Deal.deleted_at.is_(None))
        .order_by(Deal.id)
    ):
        deals.rows.append((d.title, stage, d.status, d.amount, d.expected_close, d.notes))

    tasks = Sheet("tasks", ("subject", "due", "status", "notes", "outcome"))
    for t in session.scalars(select(Task).where(Task.customer_id == cid).order_by(Task.due_at)):
        tasks.rows.append((t.title, t.due_at, t.status, t.note, t.outcome))

    cases = Sheet(
        "cases", ("when", "subject", "description", "status", "resolution", "satisfaction")
    )
    for k in session.scalars(
        select(ServiceCase).where(ServiceCase.customer_id == cid).order_by(ServiceCase.opened_at)
    ):
        cases.rows.append(
            (k.opened_at, k.title, k.description, k.status, k.resolution, k.satisfaction)
        )

    contracts = Sheet(
        "contracts",
        ("number", "subject", "date", "starts", "ends", "amount", "status", "notes"),
        money=(5,),
    )
    for k in session.scalars(select(Contract).where(Contract.customer_id == cid)):
        contracts.rows.append(
            (k.number, k.title, k.signed_on, k.starts_on, k.ends_on, k.amount, k.status, k.notes)
        )

    dates = Sheet("dates", ("label", "date", "yearly", "notes"))
    for d in session.scalars(select(ImportantDate).where(ImportantDate.customer_id == cid)):
        dates.rows.append((d.label, d.date, d.yearly, d.notes))

    points = Sheet("points", ("when", "kind", "points_n", "reason"))
    for p in session.scalars(
        select(PointsEntry).where(PointsEntry.customer_id == cid).order_by(PointsEntry.at)
    ):
        points.rows.append((p.at, p.kind, p.points, p.reason))

    campaigns = Sheet("campaigns", ("campaign", "when", "response"))
    for name, invited, response in session.execute(
        select(Campaign.name, CampaignMember.invited_at, CampaignMember.response)
        .join(Campaign, Campaign.id == CampaignMember.campaign_id)
        .where(CampaignMember.customer_id == cid)
        .order_by(CampaignMember.invited_at)
    ):
        campaigns.rows.append((name, invited, response))

    return [
        profile,
        people,
        vehicles,
        activities,
        orders,
        payments,
        consent,
        entries,
        deals,
        tasks,
        cases,
        contracts,
        dates,
        points,
        campaigns,
    ]


def export_person(
    db: Database,
    user_id: int | None,
    customer: int | str,
    path: str | os.PathLike[str],
    *,
    lang: str | None = None,
) -> Path:
    """Write everything held about the customer to ``path`` (.xlsx) in the office's
    language (``office.locale``, unless ``lang``) and note it in the audit log."""
    from app.reports import privacy_workbook
    from app.reports.export import currency_format

    from .exports import office_currency

    with db.session() as s:
        access.check_manager(s, user_id, "export a person's data")
        c = _customer(s, customer)
        access.check_may_see_customer(s, user_id, c.id)
        customer_id = c.id
        sheets = _sheets(s, c)
        locale = s.scalar(select(Setting.value).where(Setting.key == "office.locale"))
        money = currency_format(office_currency(s))
    written = privacy_workbook.write(
        path,
        sheets,
        lang=lang or (locale if isinstance(locale, str) else "en"),
        money_format=money,
    )
    counts = {sh.key: len(sh.rows) for sh in sheets}
    if not db.read_only:
        note = f"copy of the person's data ({sum(counts.values())} rows) → {written.name}"
        db.run_write(
            lambda s: audit.record(
                s, user_id, AuditAction.EXPORT, "customer", customer_id, note=note
            )
        )
    return written


# ------------------------------------------------------------------ erasure
def _text_values(c: Customer, people: Sequence[ContactPerson], plates: Sequence[str]) -> set[str]:
    """The erased values that may also sit inside other records' notes."""
    values = {
        c.name,
        c.legal_name,
        c.phone,
        c.phone2,
        c.email,
        c.wechat,
        c.membership_card,
        c.id_card_no,
        c.bank_account,
        c.tax_id,
        *plates,
    }
    for p in people:
        values.update((p.name, p.phone, p.mobile, p.email))
    return {v.strip() for v in values if v and len(v.strip()) >= 2}


def erase_person(db: Database, user_id: int | None, customer: int | str) -> Erased:
    """Erase the customer's personal data for good (see the module docstring)."""

    def work(s: Session) -> Erased:
        access.check_manager(s, user_id, "erase a person's data")
        c = _customer(s, customer)
        access.check_may_see_customer(s, user_id, c.id)
        if c.erased_at is not None:
            raise ValidationError(
                "customer {number} was already erased on {day}",
                number=c.number,
                day=c.erased_at.astimezone().date().isoformat(),
            )
        cid = c.id
        if db.is_sqlite:  # freed pages are overwritten, not left readable in the file
            s.connection().exec_driver_sql("PRAGMA secure_delete = ON")
        people = list(s.scalars(select(ContactPerson).where(ContactPerson.customer_id == cid)))
        plates = list(s.scalars(select(Vehicle.plate).where(Vehicle.customer_id == cid)))
        values = _text_values(c, people, plates)

        # Consent withdrawn everywhere (logged like any other change of consent).
        s.execute(update(ConsentEvent).where(ConsentEvent.customer_id == cid).values(note=None))
        withdrawn = {name: (getattr(c, name), False) for name in CONSENT_FIELDS.values()}
        record_consent_changes(s, user_id, cid, withdrawn, note="erased")

        cleared = sum(1 for name in ERASED_FIELDS if getattr(c, name) not in (None, ""))
        for name in ERASED_FIELDS:
            setattr(c, name, None)
        for name in CONSENT_FIELDS.values():
            setattr(c, name, False)
        c.name = ERASED_NAME.format(number=c.number)
        c.erased_at = utcnow()
        c.shared = False

        for p in people:
            p.name = ERASED_PERSON
            p.title = p.phone = p.mobile = p.email = p.notes = None
            p.birthday = None
        n_vehicles = len(plates)
        s.execute(
            update(Vehicle)
            .where(Vehicle.customer_id == cid)
            .values(plate="", vin=None, color=None, notes=None, version=Vehicle.version + 1)
        )
        s.execute(delete(ImportantDate).where(ImportantDate.customer_id == cid))
        # Other customers this one referred keep the link, not the name typed for it.
        s.execute(
            update(Customer).where(Customer.referred_by_id == cid).values(referred_by_name=None)
        )
        n_activities = (
            s.execute(
                update(Activity)
                .where(Activity.customer_id == cid)
                .values(subject=None, text=None, outcome=None, version=Activity.version + 1)
            ).rowcount
            or 0
        )
        s.execute(
            update(Task)
            .where(Task.customer_id == cid)
            .values(title=ERASED_TEXT, note=None, outcome=None, source_key=None)
        )
        s.execute(
            update(Task)
            .where(Task.customer_id == cid, Task.status == TaskStatus.OPEN)
            .values(status=TaskStatus.CANCELLED, done_at=utcnow())
        )
        s.execute(
            update(Deal)
            .where(Deal.customer_id == cid)
            .values(
                title=ERASED_TEXT, notes=None, lost_reason_text=None, competitor=None, products=None
            )
        )
        s.execute(
            update(ServiceCase)
            .where(ServiceCase.customer_id == cid)
            .values(title=ERASED_TEXT, description=None, resolution=None)
        )
        s.execute(
            update(Contract).where(Contract.customer_id == cid).values(title=None, notes=None)
        )
        s.execute(update(Order).where(Order.customer_id == cid).values(notes=None))
        s.execute(update(Return).where(Return.customer_id == cid).values(reason=None))
        s.execute(
            update(Payment).where(Payment.customer_id == cid).values(reference=None, notes=None)
        )
        s.execute(update(PointsEntry).where(PointsEntry.customer_id == cid).values(reason=None))
        s.execute(
            update(KeyAccountReview).where(KeyAccountReview.customer_id == cid).values(comment=None)
        )
        s.flush()  # the flush hook re-indexes search from what is left
        from . import search_index

        search_index.reindex(s, [cid])

        # The audit trail keeps who did what and when, not the values.
        a = AuditEntry.__table__
        blanked = (
            s.execute(
                update(a)
                .where(or_(*_audit_terms(s, cid)))
                .values(old_value=None, new_value=None, note=None)
            ).rowcount
            or 0
        )
        # Elsewhere in the log: notes that quote the person (a merge names both files) and
        # the name other customers typed for their referrer.
        typed = (a.c.field == "referred_by_name",)
        for value in sorted(values, key=len, reverse=True):
            for col, where in (
                (a.c.note, ()),
                (a.c.old_value, typed),
                (a.c.new_value, typed),
            ):
                s.execute(
                    update(a)
                    .where(col.contains(value, autoescape=True), *where)
                    .values({col.name: func.replace(col, value, ERASED_TEXT)})
                )
        kept_orders = s.scalar(select(func.count()).where(Order.customer_id == cid)) or 0
        kept_payments = s.scalar(select(func.count()).where(Payment.customer_id == cid)) or 0
        audit.record(
            s,
            user_id,
            AuditAction.ERASE,
            "customer",
            cid,
            note=f"personal data erased on request: {cleared} fields, {len(people)} people, "
            f"{n_vehicles} vehicles, {n_activities} activities; {blanked} earlier audit rows "
            f"emptied; {kept_orders} orders and {kept_payments} payments kept as figures",
        )
        if db.is_sqlite:
            s.connection().exec_driver_sql("PRAGMA secure_delete = OFF")
        return Erased(
            cid,
            c.number,
            cleared,
            len(people),
            n_vehicles,
            n_activities,
            blanked,
            kept_orders,
            kept_payments,
        )

    result = db.run_write(work)
    if db.is_sqlite:  # the old pages leave the write-ahead log now, not at some later time
        raw = db.engine.raw_connection()  # outside a transaction, or nothing is moved
        try:
            raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
        except sqlite3.Error:  # another PC reading: the next checkpoint does it
            pass
        finally:
            raw.close()
    return result

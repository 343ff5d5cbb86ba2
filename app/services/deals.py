"""One deal as its form shows it, and saving the form: title, amount, probability
override, expected close, products and notes. Moving a deal between stages is
``services.pipeline.move_deal``; this module leaves stage and status alone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import PermissionDenied, ValidationError
from app.models import Activity, Customer, Deal, DealStageHistory, Pipeline, Stage, User
from app.models.base import utcnow
from app.models.enums import AuditAction, DealStatus

from . import access, audit, figures, validation
from .concurrency import expect_version
from .pipeline import _check_may_edit, default_pipeline_id

MAX_TITLE = 200
MAX_TEXT = 10_000
ACTIVITY_LIMIT = 200


@dataclass(frozen=True)
class DealActivity:
    occurred_at: dt.datetime
    kind: str
    subject: str | None
    text: str | None
    user_name: str | None


@dataclass(frozen=True)
class DealFile:
    """Plain data for the deal form."""

    id: int
    version: int
    customer_id: int
    customer_name: str
    stage_name: str
    stage_probability: int
    status: DealStatus
    owner_name: str | None
    title: str
    amount: Decimal | None
    """None for a user who may not see financial figures (saving keeps the amount)."""
    probability_override: int | None
    expected_close: dt.date | None
    products: str | None
    notes: str | None
    activities: list[DealActivity]
    pipeline_id: int | None = None
    pipelines: tuple[tuple[int, str], ...] = ()
    """The pipelines the deal may move to (the active ones) and its own, (id, name)."""


@dataclass(frozen=True)
class DealData:
    """What the form saves. Amount and probability may arrive as typed text;
    an empty probability means "the stage's"."""

    title: str
    amount: Decimal | str | int | None
    """None on saving: keep the deal's amount (a user who may not see it)."""
    probability: int | str | None = None
    expected_close: dt.date | None = None
    products: str | None = None
    notes: str | None = None


def load_deal(session: Session, deal_id: int, user_id: int | None = None) -> DealFile | None:
    """The deal with its customer, stage and latest activities; None when it is gone.
    PermissionDenied when ``user_id`` may not see the deal's customer."""
    if not access.may_see_deal(session, user_id, deal_id):
        raise PermissionDenied("this deal belongs to another salesperson")
    row = session.execute(
        select(Deal, Customer.name, Stage.name, Stage.probability, User.display_name)
        .join(Customer, Customer.id == Deal.customer_id)
        .join(Stage, Stage.id == Deal.stage_id)
        .outerjoin(User, User.id == Deal.owner_id)
        .where(Deal.id == deal_id, Deal.deleted_at.is_(None))
    ).first()
    if row is None:
        return None
    deal, customer_name, stage_name, stage_probability, owner = row
    activities = [
        DealActivity(at, str(kind), subject, text, user)
        for at, kind, subject, text, user in session.execute(
            select(
                Activity.occurred_at,
                Activity.kind,
                Activity.subject,
                Activity.text,
                User.display_name,
            )
            .outerjoin(User, User.id == Activity.user_id)
            .where(Activity.deal_id == deal_id)
            .order_by(Activity.occurred_at.desc(), Activity.id.desc())
            .limit(ACTIVITY_LIMIT)
        )
    ]
    return DealFile(
        id=deal.id,
        version=deal.version,
        customer_id=deal.customer_id,
        customer_name=customer_name,
        stage_name=stage_name,
        stage_probability=int(stage_probability),
        status=deal.status,
        owner_name=owner,
        title=deal.title,
        amount=deal.amount if figures.may_see_financials(session, user_id) else None,
        probability_override=deal.probability_override,
        expected_close=deal.expected_close,
        products=deal.products,
        notes=deal.notes,
        activities=activities,
        pipeline_id=deal.pipeline_id,
        pipelines=tuple(
            (pid, name)
            for pid, name in session.execute(
                select(Pipeline.id, Pipeline.name)
                .where(Pipeline.active.is_(True) | (Pipeline.id == deal.pipeline_id))
                .order_by(Pipeline.is_default.desc(), Pipeline.sort_order, Pipeline.id)
            )
        ),
    )


def _probability(value: int | str | None) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        p = int(str(value).strip().rstrip("%").strip())
    except ValueError:
        raise ValidationError(
            "the probability is a percentage, 0 to 100", field="probability"
        ) from None
    if not 0 <= p <= 100:
        raise ValidationError("the probability is a percentage, 0 to 100", field="probability")
    return p


def _text(value: str | None, field: str) -> str | None:
    text = (value or "").strip() or None
    if text is not None and len(text) > MAX_TEXT:
        raise ValidationError("the text is too long", field=field)
    return text


def validate(data: DealData) -> dict[str, Any]:
    """The fields to store, or ValidationError naming the first bad field."""
    title = (data.title or "").strip()
    if not title:
        raise ValidationError("a deal needs a title", field="title")
    if len(title) > MAX_TITLE:
        raise ValidationError("the title is too long", field="title")
    amount = validation.amount(data.amount, "amount")
    if amount is None:
        raise ValidationError("give an amount (0 or more)", field="amount")
    return {
        "title": title,
        "amount": amount,
        "probability_override": _probability(data.probability),
        "expected_close": data.expected_close,
        "products": _text(data.products, "products"),
        "notes": _text(data.notes, "notes"),
    }


def update_deal(
    db: Database, user_id: int | None, deal_id: int, seen_version: int, data: DealData
) -> int:
    """Save the form's fields; returns the deal's new version. ValidationError for bad
    input, ConflictError when the deal changed (or went) since ``seen_version``."""
    keep_amount = data.amount is None
    values = validate(replace(data, amount=0) if keep_amount else data)
    if keep_amount:
        del values["amount"]

    def work(s: Session) -> int:
        _check_may_edit(s, user_id)
        deal = s.get(Deal, deal_id)
        if deal is not None:
            access.check_may_edit_deal(s, user_id, deal.id)
        if deal is not None and deal.deleted_at is not None:
            deal = None
        expect_version(deal, seen_version)
        assert deal is not None
        changes: dict[str, tuple[Any, Any]] = {}
        for key, value in values.items():
            old = getattr(deal, key)
            if old != value:
                changes[key] = (old, value)
                setattr(deal, key, value)
        if changes:
            s.flush()
            audit.record(s, user_id, AuditAction.UPDATE, "deal", deal.id, changes)
        return deal.version

    return db.run_write(work)


def create_deal(
    db: Database,
    user_id: int | None,
    customer_id: int,
    data: DealData,
    *,
    stage_id: int | None = None,
    owner_id: int | None = None,
    now: dt.datetime | None = None,
) -> int:
    """A new open deal for a customer; returns its id. It starts in ``stage_id`` (an open
    stage) or the first open stage of the default pipeline, owned by ``owner_id``, else
    by whoever creates it, else by the customer's owner. The first stay is written to the
    stage history so dwell and conversion figures count it from the start."""
    values = validate(data)

    def work(s: Session) -> int:
        access.check_may_edit_customer(s, user_id, customer_id)
        customer = s.get(Customer, customer_id)
        if customer is None or customer.deleted_at is not None:
            raise ValidationError("choose a customer for the deal", field="customer")
        if stage_id is not None:
            stage = s.get(Stage, stage_id)
        else:
            pipeline_id = default_pipeline_id(s)
            stage = (
                None
                if pipeline_id is None
                else s.scalars(
                    select(Stage)
                    .where(
                        Stage.pipeline_id == pipeline_id,
                        Stage.is_won.is_(False),
                        Stage.is_lost.is_(False),
                    )
                    .order_by(Stage.sort_order, Stage.id)
                    .limit(1)
                ).first()
            )
        if stage is None or stage.is_won or stage.is_lost:
            raise ValidationError("a new deal starts in an open stage", field="stage")
        at = now or utcnow()
        deal = Deal(
            customer_id=customer.id,
            pipeline_id=stage.pipeline_id,
            stage_id=stage.id,
            owner_id=owner_id or user_id or customer.owner_id,
            stage_entered_at=at,
            status=DealStatus.OPEN,
            **values,
        )
        s.add(deal)
        s.flush()
        s.add(
            DealStageHistory(
                deal_id=deal.id,
                pipeline_id=stage.pipeline_id,
                stage_id=stage.id,
                entered_at=at,
                user_id=user_id,
            )
        )
        audit.record(
            s,
            user_id,
            AuditAction.CREATE,
            "deal",
            deal.id,
            {k: (None, v) for k, v in values.items() if v is not None},
        )
        return deal.id

    return db.run_write(work)

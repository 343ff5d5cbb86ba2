"""The follow-up log: calls, visits, notes, complaints, praise and suggestions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from app.db import Database
from app.errors import ClientelaError, ValidationError
from app.models import Activity, Customer, utcnow
from app.models.enums import ActivityKind, AuditAction

from . import access, audit, validation

QUICK_KINDS = (
    ActivityKind.CALL,
    ActivityKind.VISIT,
    ActivityKind.NOTE,
    ActivityKind.COMPLAINT,
    ActivityKind.PRAISE,
    ActivityKind.SUGGESTION,
)


@dataclass(frozen=True)
class Logged:
    customer_id: int
    activity_id: int


def log(
    db: Database,
    user_id: int | None,
    customer_id: int,
    kind: ActivityKind,
    text: str | None = None,
    *,
    subject: str | None = None,
    occurred_at: dt.datetime | None = None,
    amount: Decimal | None = None,
    satisfaction: int | None = None,
) -> Logged:
    text = validation.text(text, "text", 100_000)
    subject = validation.text(subject, "subject", 200)
    if satisfaction is not None and not 1 <= satisfaction <= 5:
        raise ValidationError("satisfaction is scored 1 to 5", field="satisfaction")
    if occurred_at is not None and occurred_at.tzinfo is None:
        raise ValidationError("a time needs its time zone", field="occurred_at")

    def work(s: Session) -> Logged:
        access.check_may_edit_customer(s, user_id, customer_id)
        customer = s.get(Customer, customer_id)
        if customer is None or customer.deleted_at is not None:
            raise ClientelaError("this customer no longer exists")
        act = Activity(
            customer_id=customer_id,
            user_id=user_id,
            kind=ActivityKind(kind),
            occurred_at=occurred_at or utcnow(),
            subject=subject,
            text=text,
            amount=amount,
            satisfaction=satisfaction,
        )
        s.add(act)
        s.flush()
        audit.record(s, user_id, AuditAction.CREATE, "activity", act.id, {"kind": (None, act.kind)})
        if satisfaction is not None:
            from .satisfaction import follow_up_low_score

            follow_up_low_score(s, act.id)
        return Logged(customer_id, act.id)

    return db.run_write(work)

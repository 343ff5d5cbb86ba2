"""What a customer has bought, returned and paid: the one definition of "owed"."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import Order, Payment, Return
from app.models.enums import OrderStatus

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Totals:
    ordered: Decimal
    returned: Decimal
    paid: Decimal

    @property
    def owed(self) -> Decimal:
        return self.ordered - self.returned - self.paid


def totals(session: Session, customer_id: int) -> Totals:
    """Orders that count (not deleted, not cancelled, not drafts), less returns and
    payments."""
    ordered = session.scalar(
        select(func.sum(Order.amount)).where(
            Order.customer_id == customer_id,
            Order.deleted_at.is_(None),
            Order.status.not_in((OrderStatus.CANCELLED, OrderStatus.DRAFT)),
        )
    )
    returned = session.scalar(
        select(func.sum(Return.amount)).where(Return.customer_id == customer_id)
    )
    paid = session.scalar(
        select(func.sum(Payment.amount)).where(Payment.customer_id == customer_id)
    )
    return Totals(ordered or ZERO, returned or ZERO, paid or ZERO)

"""What the program works out about each customer [客户细分]: 80/20 class, RFM scores and
segment, key-account score and star, dealership tier and lifecycle stage.

Derived data, rebuilt as a whole by ``services.segments.recompute``: it lives in a table of
its own, not in ``customers``, so a recompute rewrites 100,000 rows in one statement
without bumping every customer's version (which would make every open customer form
conflict) and without an audit row per customer for figures nobody typed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, Date, Float, ForeignKey, Index, Integer, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from .activity import Activity
from .base import Base, Money, enum_column
from .enums import Lifecycle
from .order import Order, Payment


class CustomerSegment(Base):
    __tablename__ = "customer_segments"
    __table_args__ = (
        Index("ix_customer_segments_abc_class", "abc_class"),
        Index("ix_customer_segments_rfm_segment", "rfm_segment"),
        Index("ix_customer_segments_lifecycle", "lifecycle"),
    )

    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True
    )
    value: Mapped[Decimal | None] = mapped_column(Money)
    """Revenue (or profit, per the settings) in the period, less returns."""
    orders: Mapped[int] = mapped_column(Integer, default=0)
    """Purchases in the period."""
    first_purchase: Mapped[dt.date | None] = mapped_column(Date)
    last_purchase: Mapped[dt.date | None] = mapped_column(Date)
    abc_class: Mapped[str | None] = mapped_column(String(1))
    r_score: Mapped[int | None] = mapped_column(SmallInteger)
    f_score: Mapped[int | None] = mapped_column(SmallInteger)
    m_score: Mapped[int | None] = mapped_column(SmallInteger)
    rfm_segment: Mapped[str | None] = mapped_column(String(24))
    key_score: Mapped[float | None] = mapped_column(Float)
    starred: Mapped[bool] = mapped_column(Boolean, default=False)
    tier: Mapped[int | None] = mapped_column(SmallInteger)
    """Dealership tier: 100, 50, 10 or 5 (vehicles a year at least), else None."""
    lifecycle: Mapped[Lifecycle] = mapped_column(enum_column(Lifecycle))


# Covering indexes for the Reports page (migration 0005): each chart reads one index
# range without touching the table (measured at 100,000 customers: activities per
# salesperson 830 → 40 ms, receivables by age 1.9 s → 0.2 s, sales by month 520 → 90 ms).
Index(
    "ix_activities_user_kind_occurred",
    Activity.__table__.c.user_id,
    Activity.__table__.c.kind,
    Activity.__table__.c.occurred_at,
)
Index(
    "ix_orders_date_cover",
    Order.__table__.c.order_date,
    Order.__table__.c.status,
    Order.__table__.c.deleted_at,
    Order.__table__.c.owner_id,
    Order.__table__.c.amount,
)
Index(
    "ix_orders_customer_cover",
    Order.__table__.c.customer_id,
    Order.__table__.c.order_date,
    Order.__table__.c.status,
    Order.__table__.c.deleted_at,
    Order.__table__.c.amount,
)
Index(
    "ix_payments_customer_cover",
    Payment.__table__.c.customer_id,
    Payment.__table__.c.paid_on,
    Payment.__table__.c.amount,
)

"""Accounts owned by the company, not one salesperson: account teams, sales targets and
key-account monthly reviews."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Timestamps, Versioned, enum_column
from .enums import TargetMeasure, TeamRole


class AccountTeamMember(Versioned, Base):
    __tablename__ = "account_team"
    __table_args__ = (UniqueConstraint("customer_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[TeamRole] = mapped_column(enum_column(TeamRole), default=TeamRole.SERVICE)


class SalesTarget(Versioned, Base):
    """A monthly target; ``dimension`` narrows it to a product category or a region."""

    __tablename__ = "sales_targets"
    __table_args__ = (
        UniqueConstraint("user_id", "month", "measure", "dimension", "dimension_value"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    month: Mapped[dt.date] = mapped_column(Date)
    measure: Mapped[TargetMeasure] = mapped_column(enum_column(TargetMeasure))
    dimension: Mapped[str] = mapped_column(String(20), default="")
    dimension_value: Mapped[str] = mapped_column(String(100), default="")
    target: Mapped[Decimal] = mapped_column(Numeric(16, 2))


class KeyAccountReview(Versioned, Timestamps, Base):
    """A manager's comment on a key account's monthly review card [客户月评卡]."""

    __tablename__ = "key_account_reviews"
    __table_args__ = (UniqueConstraint("customer_id", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    month: Mapped[dt.date] = mapped_column(Date)
    comment: Mapped[str | None] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

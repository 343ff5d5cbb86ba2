"""Deals [销售机会] on pipelines of configurable stages, with the history of every move."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Money, Timestamps, UTCDateTime, Versioned, enum_column
from .enums import DealStatus, ReasonCategory


class Pipeline(Versioned, Base):
    __tablename__ = "pipelines"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Stage(Versioned, Base):
    __tablename__ = "stages"

    id: Mapped[int] = mapped_column(primary_key=True)
    pipeline_id: Mapped[int] = mapped_column(
        ForeignKey("pipelines.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str | None] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(100))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    probability: Mapped[int] = mapped_column(SmallInteger, default=0)
    color: Mapped[str | None] = mapped_column(String(9))
    is_won: Mapped[bool] = mapped_column(Boolean, default=False)
    is_lost: Mapped[bool] = mapped_column(Boolean, default=False)
    aging_days: Mapped[int] = mapped_column(SmallInteger, default=14)


class Deal(Versioned, Timestamps, Base):
    __tablename__ = "deals"
    __table_args__ = (
        Index("ix_deals_stage_status", "stage_id", "status"),
        Index("ix_deals_owner_id", "owner_id"),
        Index("ix_deals_customer_id", "customer_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    pipeline_id: Mapped[int] = mapped_column(ForeignKey("pipelines.id"))
    stage_id: Mapped[int] = mapped_column(ForeignKey("stages.id"))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    amount: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    probability_override: Mapped[int | None] = mapped_column(SmallInteger)
    expected_close: Mapped[dt.date | None] = mapped_column(Date)
    stage_entered_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    status: Mapped[DealStatus] = mapped_column(enum_column(DealStatus), default=DealStatus.OPEN)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    won_amount: Mapped[Decimal | None] = mapped_column(Money)
    lost_reason: Mapped[ReasonCategory | None] = mapped_column(enum_column(ReasonCategory))
    lost_reason_text: Mapped[str | None] = mapped_column(Text)
    competitor: Mapped[str | None] = mapped_column(String(120))
    products: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class DealStageHistory(Base):
    """One row per stay in a stage: dwell times and conversion come from here."""

    __tablename__ = "deal_stage_history"
    __table_args__ = (Index("ix_deal_stage_history_deal_entered", "deal_id", "entered_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"))
    pipeline_id: Mapped[int] = mapped_column(ForeignKey("pipelines.id"))
    stage_id: Mapped[int] = mapped_column(ForeignKey("stages.id"), index=True)
    entered_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    left_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

"""The customer file [客户档案] and what hangs directly off it: people, vehicles, tags,
important dates, consent history and hand-scored criteria."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, Money, Timestamps, UTCDateTime, Versioned, enum_column
from .enums import (
    Channel,
    ContactRole,
    CustomerKind,
    CustomerType,
    Lifecycle,
    MembershipLevel,
    ReasonCategory,
    Regularity,
    Source,
    VehicleNature,
    VehicleUse,
    Weight,
)

customer_tags = Table(
    "customer_tags",
    Base.metadata,
    Column("customer_id", ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_customer_tags_tag_id", "tag_id"),
)


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    color: Mapped[str | None] = mapped_column(String(9))


class Customer(Versioned, Timestamps, Base):
    __tablename__ = "customers"
    __table_args__ = (
        Index("ix_customers_owner_id", "owner_id"),
        Index("ix_customers_city_district", "city", "district"),
        Index("ix_customers_deleted_at", "deleted_at"),
        Index("ix_customers_name", "deleted_at", "sort_name", "id"),
        Index("ix_customers_created_at", "deleted_at", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[CustomerKind] = mapped_column(
        enum_column(CustomerKind), default=CustomerKind.PERSON
    )
    name: Mapped[str] = mapped_column(String(200))
    sort_name: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(32))
    phone2: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(254))
    website: Mapped[str | None] = mapped_column(String(254))
    wechat: Mapped[str | None] = mapped_column(String(64))
    address: Mapped[str | None] = mapped_column(String(300))
    postcode: Mapped[str | None] = mapped_column(String(16))
    city: Mapped[str | None] = mapped_column(String(100))
    district: Mapped[str | None] = mapped_column(String(100))
    region: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str | None] = mapped_column(String(2))
    source: Mapped[Source] = mapped_column(enum_column(Source), default=Source.OTHER)
    referred_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("customers.id", ondelete="SET NULL")
    )
    referred_by_name: Mapped[str | None] = mapped_column(String(200))
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id", ondelete="SET NULL"))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    category: Mapped[str | None] = mapped_column(String(60))
    scale: Mapped[str | None] = mapped_column(String(60))
    industry: Mapped[str | None] = mapped_column(String(100))
    customer_type: Mapped[CustomerType] = mapped_column(
        enum_column(CustomerType), default=CustomerType.CONSUMER
    )
    weight: Mapped[Weight | None] = mapped_column(enum_column(Weight))
    is_key_account: Mapped[bool] = mapped_column(Boolean, default=False)
    lifecycle: Mapped[Lifecycle] = mapped_column(enum_column(Lifecycle), default=Lifecycle.PROSPECT)
    regularity: Mapped[Regularity] = mapped_column(
        enum_column(Regularity), default=Regularity.UNKNOWN
    )
    regularity_set_by_hand: Mapped[bool] = mapped_column(Boolean, default=False)
    membership_card: Mapped[str | None] = mapped_column(String(40), unique=True)
    membership_level: Mapped[MembershipLevel] = mapped_column(
        enum_column(MembershipLevel), default=MembershipLevel.NONE
    )
    # Company master data [基础资料]
    legal_name: Mapped[str | None] = mapped_column(String(200))
    tax_id: Mapped[str | None] = mapped_column(String(40))
    business_reg_no: Mapped[str | None] = mapped_column(String(40))
    bank_name: Mapped[str | None] = mapped_column(String(120))
    bank_account: Mapped[str | None] = mapped_column(Text)
    id_card_no: Mapped[str | None] = mapped_column(Text)
    registered_capital: Mapped[Decimal | None] = mapped_column(Money)
    founded_year: Mapped[int | None] = mapped_column(SmallInteger)
    employees: Mapped[int | None] = mapped_column(Integer)
    sales_staff: Mapped[int | None] = mapped_column(Integer)
    market_coverage: Mapped[str | None] = mapped_column(String(200))
    floor_area_m2: Mapped[int | None] = mapped_column(Integer)
    storage_area_m2: Mapped[int | None] = mapped_column(Integer)
    transport: Mapped[str | None] = mapped_column(String(200))
    delivery_points: Mapped[str | None] = mapped_column(String(200))
    # Credit [信用资料]
    credit_limit: Mapped[Decimal | None] = mapped_column(Money)
    credit_term_days: Mapped[int | None] = mapped_column(SmallInteger)
    statement_day: Mapped[int | None] = mapped_column(SmallInteger)
    payment_terms: Mapped[str | None] = mapped_column(String(200))
    # Personal profile
    gender: Mapped[str | None] = mapped_column(String(1))
    birthday: Mapped[dt.date | None] = mapped_column(Date)
    hometown: Mapped[str | None] = mapped_column(String(120))
    birthplace: Mapped[str | None] = mapped_column(String(120))
    nationality: Mapped[str | None] = mapped_column(String(60))
    education: Mapped[str | None] = mapped_column(String(200))
    experience: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(String(120))
    family: Mapped[str | None] = mapped_column(Text)
    personality: Mapped[str | None] = mapped_column(Text)
    hobbies: Mapped[str | None] = mapped_column(Text)
    preferences: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    # How a company buys, and the key-account strategy card
    buying_method: Mapped[str | None] = mapped_column(Text)
    decision_process: Mapped[str | None] = mapped_column(Text)
    volumes: Mapped[str | None] = mapped_column(Text)
    needs: Mapped[str | None] = mapped_column(Text)
    budget: Mapped[Decimal | None] = mapped_column(Money)
    goals_plans: Mapped[str | None] = mapped_column(Text)
    competitors: Mapped[str | None] = mapped_column(Text)
    next_steps: Mapped[str | None] = mapped_column(Text)
    # Fuel station / dealership
    refuel_frequency: Mapped[str | None] = mapped_column(String(60))
    fleet_vehicles_per_year: Mapped[int | None] = mapped_column(Integer)
    fleet_models: Mapped[str | None] = mapped_column(Text)
    # Churn
    lost_at: Mapped[dt.date | None] = mapped_column(Date)
    lost_reason: Mapped[ReasonCategory | None] = mapped_column(enum_column(ReasonCategory))
    lost_reason_text: Mapped[str | None] = mapped_column(Text)
    ended_at: Mapped[dt.date | None] = mapped_column(Date)
    # Consent, current state per channel (history in consent_events)
    consent_phone: Mapped[bool] = mapped_column(Boolean, default=True)
    consent_sms: Mapped[bool] = mapped_column(Boolean, default=True)
    consent_email: Mapped[bool] = mapped_column(Boolean, default=True)
    consent_post: Mapped[bool] = mapped_column(Boolean, default=True)
    # Life of the record
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    erased_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("customers.id", ondelete="SET NULL")
    )

    tags: Mapped[list[Tag]] = relationship(secondary=customer_tags, lazy="selectin")
    contacts: Mapped[list[ContactPerson]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", order_by="ContactPerson.id"
    )
    vehicles: Mapped[list[Vehicle]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", order_by="Vehicle.id"
    )


class ContactPerson(Versioned, Timestamps, Base):
    """A person at a company customer, with their role in buying."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[ContactRole] = mapped_column(enum_column(ContactRole), default=ContactRole.OTHER)
    title: Mapped[str | None] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(32))
    mobile: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(254))
    birthday: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    counterpart_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )

    customer: Mapped[Customer] = relationship(back_populates="contacts")


class Vehicle(Versioned, Timestamps, Base):
    __tablename__ = "vehicles"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    plate: Mapped[str] = mapped_column(String(20), index=True)
    brand: Mapped[str | None] = mapped_column(String(60))
    model: Mapped[str | None] = mapped_column(String(80))
    use: Mapped[VehicleUse] = mapped_column(enum_column(VehicleUse), default=VehicleUse.PRIVATE)
    nature: Mapped[VehicleNature] = mapped_column(
        enum_column(VehicleNature), default=VehicleNature.PRIVATE
    )
    year: Mapped[int | None] = mapped_column(SmallInteger)
    color: Mapped[str | None] = mapped_column(String(30))
    vin: Mapped[str | None] = mapped_column(String(17))
    fuel_type: Mapped[str | None] = mapped_column(String(30))
    notes: Mapped[str | None] = mapped_column(Text)

    customer: Mapped[Customer] = relationship(back_populates="vehicles")


class ImportantDate(Base):
    """Anniversaries, a child's exam… [重要日期], for a customer or one of its people."""

    __tablename__ = "important_dates"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(120))
    date: Mapped[dt.date] = mapped_column(Date)
    yearly: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str | None] = mapped_column(Text)


class ConsentEvent(Base):
    """Consent given or withdrawn per channel, with when and who recorded it."""

    __tablename__ = "consent_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[Channel] = mapped_column(enum_column(Channel))
    granted: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(String(300))


class CustomerScore(Base):
    """Hand-scored key-account criteria (customer relationship, policy support…) on 1/3/5/7/9."""

    __tablename__ = "customer_scores"
    __table_args__ = (UniqueConstraint("customer_id", "criterion"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    criterion: Mapped[str] = mapped_column(String(60))
    score: Mapped[int] = mapped_column(SmallInteger)

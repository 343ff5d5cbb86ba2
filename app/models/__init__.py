"""The ORM classes, one module per aggregate. Importing this package registers them all."""

from .activity import Activity
from .audit import AuditEntry
from .base import Base, Money, UTCDateTime, to_money, utcnow
from .customer import (
    ConsentEvent,
    ContactPerson,
    Customer,
    CustomerScore,
    ImportantDate,
    Tag,
    Vehicle,
    customer_tags,
)
from .deal import Deal, DealStageHistory, Pipeline, Stage
from .order import Contract, Order, OrderLine, Payment, Product, Return, ReturnLine
from .search import SearchDoc, SearchTerm
from .segment import CustomerSegment
from .service import Campaign, CampaignMember, PointsEntry, ServiceCase
from .setting import Setting
from .task import Task
from .team import AccountTeamMember, KeyAccountReview, SalesTarget
from .user import User

__all__ = [
    "AccountTeamMember",
    "Activity",
    "AuditEntry",
    "Base",
    "Campaign",
    "CampaignMember",
    "ConsentEvent",
    "ContactPerson",
    "Contract",
    "Customer",
    "CustomerScore",
    "CustomerSegment",
    "Deal",
    "DealStageHistory",
    "ImportantDate",
    "KeyAccountReview",
    "Money",
    "Order",
    "OrderLine",
    "Payment",
    "Pipeline",
    "PointsEntry",
    "Product",
    "Return",
    "ReturnLine",
    "SalesTarget",
    "SearchDoc",
    "SearchTerm",
    "ServiceCase",
    "Setting",
    "Stage",
    "Tag",
    "Task",
    "UTCDateTime",
    "User",
    "Vehicle",
    "customer_tags",
    "to_money",
    "utcnow",
]

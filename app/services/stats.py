"""What is in a database, counted: the ``stats`` command and the bench use it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from app.db import Database
from app.models import (
    AccountTeamMember,
    Activity,
    AuditEntry,
    Campaign,
    CampaignMember,
    ContactPerson,
    Contract,
    Customer,
    Deal,
    DealStageHistory,
    Order,
    OrderLine,
    Payment,
    Pipeline,
    PointsEntry,
    Product,
    Return,
    SalesTarget,
    ServiceCase,
    Stage,
    Task,
    User,
    Vehicle,
)

COUNTED: dict[str, Any] = {
    "customers": Customer,
    "contacts": ContactPerson,
    "vehicles": Vehicle,
    "activities": Activity,
    "orders": Order,
    "order_lines": OrderLine,
    "returns": Return,
    "payments": Payment,
    "contracts": Contract,
    "products": Product,
    "deals": Deal,
    "deal_stage_history": DealStageHistory,
    "pipelines": Pipeline,
    "stages": Stage,
    "tasks": Task,
    "users": User,
    "service_cases": ServiceCase,
    "points_ledger": PointsEntry,
    "campaigns": Campaign,
    "campaign_members": CampaignMember,
    "account_team": AccountTeamMember,
    "sales_targets": SalesTarget,
    "audit_log": AuditEntry,
}


def stats(db: Database) -> dict[str, Any]:
    """Counts per table, the users' sign-in names, schema revision and journal mode.

    Soft-deleted customers are counted: this is what the file holds, not what a list shows.
    """
    out: dict[str, Any] = {}
    with db.session() as s:
        for key, model in COUNTED.items():
            out[key] = s.scalar(select(func.count()).select_from(model)) or 0
        out["user_names"] = list(s.scalars(select(User.username).order_by(User.username)))
    out["schema_revision"] = db.revision
    out["journal_mode"] = db.journal_mode()
    out["mode"] = db.mode.value
    out["read_only"] = db.read_only
    return out


def is_empty(db: Database) -> bool:
    """No users and no customers: a new database the window offers to fill."""
    with db.session() as s:
        return not s.scalar(select(func.count()).select_from(User)) and not s.scalar(
            select(func.count()).select_from(Customer)
        )

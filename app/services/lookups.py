"""Small lists for filter boxes: users, tags, cities, customer categories."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Customer, Tag, User


@dataclass(frozen=True)
class Choice:
    id: int | None
    name: str


def users(session: Session, active_only: bool = True) -> list[Choice]:
    q = select(User.id, User.display_name).order_by(User.display_name)
    if active_only:
        q = q.where(User.active.is_(True))
    return [Choice(i, n) for i, n in session.execute(q)]


def tags(session: Session) -> list[Choice]:
    return [Choice(i, n) for i, n in session.execute(select(Tag.id, Tag.name).order_by(Tag.name))]


def cities(session: Session, limit: int = 500) -> list[str]:
    q = (
        select(Customer.city)
        .where(Customer.city.is_not(None), Customer.deleted_at.is_(None))
        .group_by(Customer.city)
        .order_by(Customer.city)
        .limit(limit)
    )
    return [c for c in session.scalars(q) if c]


def categories(session: Session, limit: int = 200) -> list[str]:
    """Customer categories in use (free text on the customer)."""
    q = (
        select(Customer.category)
        .where(Customer.category.is_not(None), Customer.deleted_at.is_(None))
        .group_by(Customer.category)
        .order_by(Customer.category)
        .limit(limit)
    )
    return [c for c in session.scalars(q) if c]

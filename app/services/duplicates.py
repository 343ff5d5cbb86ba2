"""Possible duplicates of a customer about to be created: same phone, email or plate, or a
name very close to one in the same city."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.models import ContactPerson, Customer, SearchTerm, Vehicle

from .search_keys import EXACT, norm

NAME_SIMILARITY = 85


@dataclass(frozen=True)
class Duplicate:
    id: int
    number: str
    name: str
    city: str | None
    reason: str  # phone, email, plate, name


def find(
    session: Session,
    *,
    name: str | None = None,
    city: str | None = None,
    phones: list[str] | None = None,
    email: str | None = None,
    plates: list[str] | None = None,
    exclude_id: int | None = None,
) -> list[Duplicate]:
    found: dict[int, str] = {}

    def add(ids: list[int], reason: str) -> None:
        for cid in ids:
            if cid != exclude_id:
                found.setdefault(cid, reason)

    phones = [p for p in phones or [] if p]
    if phones:
        c = Customer.__table__.c
        direct = select(c.id).where(or_(c.phone.in_(phones), c.phone2.in_(phones)))
        via_people = select(ContactPerson.customer_id).where(
            or_(ContactPerson.phone.in_(phones), ContactPerson.mobile.in_(phones))
        )
        add(list(session.scalars(direct)) + list(session.scalars(via_people)), "phone")
    if email:
        add(
            list(session.scalars(select(Customer.id).where(Customer.email.ilike(email.strip())))),
            "email",
        )
    plate_keys = [norm(p) for p in plates or [] if norm(p)]
    if plate_keys:
        plate_ids = session.scalars(
            select(SearchTerm.customer_id).where(
                SearchTerm.term.in_(plate_keys), SearchTerm.kind == EXACT
            )
        )
        ids = list(plate_ids)
        if ids:
            vehicles = session.execute(
                select(Vehicle.customer_id, Vehicle.plate).where(Vehicle.customer_id.in_(ids))
            )
            add([cid for cid, plate in vehicles if norm(plate) in plate_keys], "plate")
    if name and name.strip():
        query = select(Customer.id, Customer.name).where(Customer.deleted_at.is_(None))
        query = query.where(Customer.city == city) if city else query.where(Customer.city.is_(None))
        target = norm(name)
        close = [
            cid
            for cid, other in session.execute(query.limit(20_000))
            if fuzz.ratio(target, norm(other)) >= NAME_SIMILARITY
        ]
        add(close, "name")
    if not found:
        return []
    rows = session.execute(
        select(Customer.id, Customer.number, Customer.name, Customer.city).where(
            Customer.id.in_(found), Customer.deleted_at.is_(None)
        )
    )
    order = {"phone": 0, "plate": 1, "email": 2, "name": 3}
    dups = [Duplicate(r.id, r.number, r.name, r.city, found[r.id]) for r in rows]
    return sorted(dups, key=lambda d: (order[d.reason], d.id))

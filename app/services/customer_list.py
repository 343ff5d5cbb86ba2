"""The customers table: filters, sorting and windows of rows, all in SQL, so a list of a
million customers costs one page of rows at a time."""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, select
from sqlalchemy.orm import Session

from app.models import (
    Customer,
    CustomerSegment,
    Order,
    Payment,
    Return,
    User,
    Vehicle,
    customer_tags,
)
from app.models.enums import Lifecycle, MembershipLevel

from . import access
from .search import search


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    sortable: bool = True


COLUMNS: tuple[Column, ...] = (
    Column("number", "Number"),
    Column("name", "Name"),
    Column("kind", "Kind"),
    Column("phone", "Phone"),
    Column("email", "Email"),
    Column("city", "City"),
    Column("district", "District"),
    Column("owner", "Owner"),
    Column("source", "Source"),
    Column("lifecycle", "Lifecycle"),
    Column("membership_level", "Level"),
    Column("category", "Category"),
    Column("created_at", "Created"),
    Column("plates", "Plates", sortable=False),
)
KEYS = tuple(c.key for c in COLUMNS)
SEGMENT_COLUMNS: tuple[Column, ...] = (
    Column("abc_class", "Class"),
    Column("rfm_segment", "RFM segment"),
    Column("key_score", "Key score"),
    Column("tier", "Tier"),
)
"""What services.segments worked out (table customer_segments), after the list's own
columns: the page shows them; the export keeps to ``COLUMNS``."""
LIST_COLUMNS = COLUMNS + SEGMENT_COLUMNS
SEGMENT_KEYS = tuple(c.key for c in SEGMENT_COLUMNS)


@dataclass(frozen=True)
class CustomerFilter:
    text: str = ""
    owner_id: int | None = None
    tag_id: int | None = None
    city: str | None = None
    district: str | None = None
    lifecycle: Lifecycle | None = None
    membership_level: MembershipLevel | None = None
    has_vehicle: bool | None = None
    owes_money: bool | None = None
    abc_class: str | None = None
    rfm_segment: str | None = None
    starred: bool | None = None
    ids: tuple[int, ...] | None = None
    """Only these customers (a report's bar or slice clicked)."""
    include_deleted: bool = False

    def is_empty(self) -> bool:
        return self == CustomerFilter()


def balance_expr() -> ColumnElement[Any]:
    """What the customer owes: orders (not cancelled) less returns and payments."""
    cid = Customer.__table__.c.id
    ordered = (
        select(func.coalesce(func.sum(Order.amount), 0))
        .where(Order.customer_id == cid, Order.deleted_at.is_(None), Order.status != "cancelled")
        .scalar_subquery()
    )
    returned = (
        select(func.coalesce(func.sum(Return.amount), 0))
        .where(Return.customer_id == cid)
        .scalar_subquery()
    )
    paid = (
        select(func.coalesce(func.sum(Payment.amount), 0))
        .where(Payment.customer_id == cid)
        .scalar_subquery()
    )
    return ordered - returned - paid


def lifecycle_expr() -> ColumnElement[Any]:
    """The lifecycle stage as last worked out (services.segments), else as stored."""
    g = CustomerSegment.__table__.alias("seg_stage").c
    worked_out = select(g.lifecycle).where(g.customer_id == Customer.__table__.c.id)
    return func.coalesce(worked_out.scalar_subquery(), Customer.__table__.c.lifecycle)


def conditions(
    session: Session, f: CustomerFilter, user_id: int | None = None
) -> list[ColumnElement[bool]]:
    """The WHERE terms of a filter, for any query over customers (lists, invitations…),
    kept to the customers ``user_id`` may see (app.services.access)."""
    c = Customer.__table__.c
    conds: list[ColumnElement[bool]] = [access.visible_customers(session, user_id)]
    if not f.include_deleted:
        conds.append(c.deleted_at.is_(None))
    if f.text.strip():
        ids = [h.id for h in search(session, f.text, limit=1000, user_id=user_id).hits]
        conds.append(c.id.in_(ids))
    if f.owner_id is not None:
        conds.append(c.owner_id == f.owner_id)
    if f.tag_id is not None:
        conds.append(
            exists().where(customer_tags.c.customer_id == c.id, customer_tags.c.tag_id == f.tag_id)
        )
    if f.city:
        conds.append(c.city == f.city)
    if f.district:
        conds.append(c.district == f.district)
    if f.lifecycle is not None:
        conds.append(lifecycle_expr() == f.lifecycle)
    g = CustomerSegment.__table__.alias("seg_filter").c
    if f.abc_class is not None:
        conds.append(exists().where(g.customer_id == c.id, g.abc_class == f.abc_class))
    if f.rfm_segment is not None:
        conds.append(exists().where(g.customer_id == c.id, g.rfm_segment == f.rfm_segment))
    if f.starred is not None:
        starred = exists().where(g.customer_id == c.id, g.starred.is_(True))
        conds.append(starred if f.starred else ~starred)
    if f.ids is not None:
        conds.append(c.id.in_(list(f.ids)))
    if f.membership_level is not None:
        conds.append(c.membership_level == f.membership_level)
    if f.has_vehicle is not None:
        has = exists().where(Vehicle.customer_id == c.id)
        conds.append(has if f.has_vehicle else ~has)
    if f.owes_money is not None:
        conds.append(balance_expr() > 0 if f.owes_money else balance_expr() <= 0)
    return conds


def count(session: Session, f: CustomerFilter, user_id: int | None = None) -> int:
    conds = conditions(session, f, user_id)
    q = select(func.count()).select_from(Customer).where(and_(True, *conds))
    return session.scalar(q) or 0


def _sort_column(key: str) -> Any:
    c = Customer.__table__.c
    if key == "owner":
        return User.display_name
    if key == "name":
        return c.sort_name
    if key in SEGMENT_KEYS:
        return CustomerSegment.__table__.c[key]
    return c[key]


def ordered_query(
    session: Session,
    f: CustomerFilter,
    sort: str,
    descending: bool,
    columns: list[Any],
    user_id: int | None = None,
) -> Select[Any]:
    """``columns`` of the filtered customers in list order: the list, its id array and the
    export all use it, so what is exported is what the page shows."""
    keys = [col.key for col in LIST_COLUMNS if col.sortable]
    if sort not in keys:
        sort = "name"
    c = Customer.__table__.c
    order = _sort_column(sort)
    order = order.desc() if descending else order.asc()
    tiebreak = c.id.desc() if descending else c.id.asc()
    q = select(*columns)
    if sort == "owner" or len(columns) > 1:
        q = q.outerjoin(User, User.id == c.owner_id)
    if sort in SEGMENT_KEYS or len(columns) > 1:
        q = q.outerjoin(CustomerSegment, CustomerSegment.customer_id == c.id)
    return (
        q.select_from(Customer)
        .where(and_(True, *conditions(session, f, user_id)))
        .order_by(order, tiebreak)
    )


def _row_columns() -> list[Any]:
    c = Customer.__table__.c
    g = CustomerSegment.__table__.c
    return [
        c.id,
        c.version,
        c.number,
        c.name,
        c.kind,
        c.phone,
        c.email,
        c.city,
        c.district,
        User.display_name.label("owner"),
        c.source,
        func.coalesce(g.lifecycle, c.lifecycle).label("lifecycle"),
        c.membership_level,
        c.category,
        c.created_at,
        g.abc_class,
        g.rfm_segment,
        g.r_score,
        g.f_score,
        g.m_score,
        g.key_score,
        g.starred,
        g.tier,
    ]


def page(
    session: Session,
    f: CustomerFilter,
    sort: str = "name",
    descending: bool = False,
    offset: int = 0,
    limit: int = 200,
    user_id: int | None = None,
) -> list[dict[str, Any]]:
    """Rows ``offset`` … ``offset + limit`` of the filtered, sorted list, as plain dicts.

    Cheap near the top; deep offsets walk the index, so a long list switches to ``ids``
    and ``rows`` once the id list has arrived."""
    q = ordered_query(session, f, sort, descending, _row_columns(), user_id)
    q = q.offset(offset).limit(limit)
    return _with_plates(session, [dict(r._mapping) for r in session.execute(q)])


def ids(
    session: Session,
    f: CustomerFilter,
    sort: str = "name",
    descending: bool = False,
    user_id: int | None = None,
) -> array:
    """Every matching id in list order: 8 bytes a customer (8 MB for a million), from the
    sort index alone, so any window of the list is then one primary-key lookup."""
    c = Customer.__table__.c
    q = ordered_query(session, f, sort, descending, [c.id], user_id)
    return array("q", (r[0] for r in session.execute(q)))


def rows(session: Session, wanted: Sequence[int]) -> list[dict[str, Any]]:
    """The rows of these ids, in the order given (ids gone meanwhile are left out)."""
    if not wanted:
        return []
    c = Customer.__table__.c
    q = (
        select(*_row_columns())
        .outerjoin(User, User.id == c.owner_id)
        .outerjoin(CustomerSegment, CustomerSegment.customer_id == c.id)
        .where(c.id.in_(list(wanted)))
    )
    by_id = {r.id: dict(r._mapping) for r in session.execute(q)}
    return _with_plates(session, [by_id[i] for i in wanted if i in by_id])


def _with_plates(session: Session, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    wanted = [r["id"] for r in found]
    plates: dict[int, list[str]] = {}
    if wanted:
        for cid, plate in session.execute(
            select(Vehicle.customer_id, Vehicle.plate)
            .where(Vehicle.customer_id.in_(wanted))
            .order_by(Vehicle.id)
        ):
            plates.setdefault(cid, []).append(plate)
    for r in found:
        r["plates"] = ", ".join(plates.get(r["id"], []))
    return found

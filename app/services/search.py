"""One search for the search field, the customers page, the front desk and the command line.

Best matches first: a whole key (phone, plate, card, name) typed exactly, then keys that
start with the query, then keys that contain it. Exact and prefix matches come from an
index range scan on ``search_terms``; substrings of three characters or more from the
trigram index over ``search_docs``. Soft-deleted and merged customers are not found.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field

from sqlalchemy import ColumnElement, and_, func, select, text
from sqlalchemy.orm import Session

from app.models import Customer, SearchDoc, SearchTerm, User, Vehicle

from . import access
from .search_keys import EXACT, parse_query

RANK_EXACT, RANK_PREFIX, RANK_CONTAINS = 0, 1, 2
TOP_CHAR = "\U0010ffff"


@dataclass
class Hit:
    id: int
    number: str
    name: str
    phones: list[str]
    plates: list[str]
    owner: str | None
    rank: int
    membership_card: str | None = None
    city: str | None = None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class SearchResult:
    query: str
    hits: list[Hit] = field(default_factory=list)
    took_ms: float = 0.0
    more: bool = False


def search(
    session: Session, text_: str, limit: int = 20, user_id: int | None = None
) -> SearchResult:
    """Customers matching ``text_`` that ``user_id`` may see (app.services.access), best
    first, at most ``limit``."""
    started = time.perf_counter()
    q = parse_query(text_)
    result = SearchResult(query=text_)
    if not q.key or limit <= 0:
        return result
    ranks = _ranked_ids(session, q.key, limit + 1, access.visible_customers(session, user_id))
    ordered = sorted(ranks, key=lambda cid: (ranks[cid], cid))
    result.more = len(ordered) > limit
    result.hits = _details(session, ordered[:limit], ranks)
    result.took_ms = (time.perf_counter() - started) * 1000
    return result


def _ranked_ids(
    session: Session, key: str, want: int, visible: ColumnElement[bool]
) -> dict[int, int]:
    ranks: dict[int, int] = {}
    cap = max(want * 4, 200)
    t = SearchTerm.__table__.c
    rows = session.execute(
        select(t.customer_id, t.term, t.kind)
        .where(t.term >= key, t.term < key + TOP_CHAR)
        .limit(cap)
    )
    for cid, term, kind in rows:
        if term == key:
            rank = RANK_EXACT if kind == EXACT else RANK_PREFIX
        else:
            rank = RANK_PREFIX if kind == EXACT else RANK_CONTAINS
        if rank < ranks.get(cid, 99):
            ranks[cid] = rank
    ranks = _alive(session, ranks, visible)
    good = sum(1 for r in ranks.values() if r <= RANK_PREFIX)
    if len(key) >= 3 and good < want:
        found = {cid: RANK_CONTAINS for cid in _containing(session, key, cap) if cid not in ranks}
        ranks.update(_alive(session, found, visible))
    return ranks


def _alive(session: Session, ranks: dict[int, int], visible: ColumnElement[bool]) -> dict[int, int]:
    """Only the candidates that are neither deleted nor merged, and visible to the user: a
    check on a few hundred ids by primary key, instead of a filter over every customer
    inside the index scan."""
    if not ranks:
        return ranks
    keep = set(
        session.scalars(
            select(Customer.id).where(
                Customer.id.in_(list(ranks)),
                Customer.deleted_at.is_(None),
                Customer.merged_into_id.is_(None),
                visible,
            )
        )
    )
    return {cid: r for cid, r in ranks.items() if cid in keep}


def _containing(session: Session, key: str, cap: int) -> list[int]:
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        phrase = '"' + key.replace('"', '""') + '"'
        rows = session.execute(
            text("SELECT rowid FROM search_fts WHERE search_fts MATCH :q LIMIT :cap"),
            {"q": phrase, "cap": cap},
        )
        return [r[0] for r in rows]
    pattern = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return list(
        session.scalars(
            select(SearchDoc.customer_id)
            .where(SearchDoc.keys.like(pattern, escape="\\"))
            .limit(cap)
        )
    )


def _details(session: Session, ids: list[int], ranks: dict[int, int]) -> list[Hit]:
    if not ids:
        return []
    c = Customer.__table__.c
    rows = session.execute(
        select(
            c.id,
            c.number,
            c.name,
            c.phone,
            c.phone2,
            c.membership_card,
            c.city,
            User.display_name,
        )
        .outerjoin(User, and_(User.id == c.owner_id))
        .where(c.id.in_(ids))
    ).all()
    plates: dict[int, list[str]] = {}
    for cid, plate in session.execute(
        select(Vehicle.customer_id, Vehicle.plate)
        .where(Vehicle.customer_id.in_(ids))
        .order_by(Vehicle.id)
    ):
        plates.setdefault(cid, []).append(plate)
    by_id = {
        r.id: Hit(
            id=r.id,
            number=r.number,
            name=r.name,
            phones=[p for p in (r.phone, r.phone2) if p],
            plates=plates.get(r.id, []),
            owner=r.display_name,
            rank=ranks[r.id],
            membership_card=r.membership_card,
            city=r.city,
        )
        for r in rows
    }
    return [by_id[i] for i in ids if i in by_id]


def index_size(session: Session) -> dict[str, int]:
    return {
        "terms": session.scalar(select(func.count()).select_from(SearchTerm)) or 0,
        "docs": session.scalar(select(func.count()).select_from(SearchDoc)) or 0,
    }

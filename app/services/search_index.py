"""Keeping the search side tables in step with the customers.

Every ORM flush that touches a customer, a contact person or a vehicle re-indexes those
customers in the same transaction (so two PCs never see a customer the index has not
caught up with); bulk writers (demo, import) call ``reindex`` or ``rebuild`` themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from sqlalchemy import bindparam, delete, event, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from app.db import Database
from app.models import ContactPerson, Customer, SearchDoc, SearchTerm, Setting, Vehicle

from .search_keys import CustomerKeys, sort_key

CHUNK = 2000


def gather(conn: Connection | Session, ids: Sequence[int]) -> dict[int, CustomerKeys]:
    keys = {cid: CustomerKeys(cid) for cid in ids}
    c = Customer.__table__.c
    rows = conn.execute(
        select(
            c.id, c.name, c.legal_name, c.number, c.phone, c.phone2, c.email, c.membership_card
        ).where(c.id.in_(ids))
    )
    for cid, name, legal, number, phone, phone2, email, card in rows:
        k = keys[cid]
        k.names.extend(x for x in (name, legal) if x)
        k.phones.extend(x for x in (phone, phone2) if x)
        k.other.extend(x for x in (number, email, card) if x)
    p = ContactPerson.__table__.c
    for cid, name, phone, mobile, email in conn.execute(
        select(p.customer_id, p.name, p.phone, p.mobile, p.email).where(p.customer_id.in_(ids))
    ):
        k = keys[cid]
        if name:
            k.names.append(name)
        k.phones.extend(x for x in (phone, mobile) if x)
        if email:
            k.other.append(email)
    v = Vehicle.__table__.c
    for cid, plate in conn.execute(select(v.customer_id, v.plate).where(v.customer_id.in_(ids))):
        if plate:
            keys[cid].plates.append(plate)
    return keys


def reindex(conn: Connection | Session, customer_ids: Iterable[int]) -> int:
    """Replace the search rows of these customers; those that no longer exist just vanish."""
    ids = sorted(set(customer_ids))
    done = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        keys = gather(conn, chunk)
        existing = [cid for cid, k in keys.items() if k.names or k.phones or k.other or k.plates]
        conn.execute(delete(SearchTerm).where(SearchTerm.customer_id.in_(chunk)))
        conn.execute(delete(SearchDoc).where(SearchDoc.customer_id.in_(chunk)))
        terms = [
            {"term": term, "customer_id": cid, "kind": kind}
            for cid in existing
            for term, kind in keys[cid].terms()
        ]
        docs = [{"customer_id": cid, "keys": keys[cid].document()} for cid in existing]
        if terms:
            conn.execute(SearchTerm.__table__.insert(), terms)
        if docs:
            conn.execute(SearchDoc.__table__.insert(), docs)
        names = [
            {"cid": cid, "sort": sort_key(keys[cid].names[0])}
            for cid in existing
            if keys[cid].names
        ]
        if names:
            t = Customer.__table__
            conn.execute(
                t.update()
                .where(t.c.id == bindparam("cid"))
                .values(sort_name=bindparam("sort"), updated_at=t.c.updated_at),
                names,
            )
        done += len(chunk)
    return done


def rebuild(
    session: Session,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Index every customer again (after a bulk load, or to repair)."""
    ids = list(session.scalars(select(Customer.id).order_by(Customer.id)))
    session.execute(delete(SearchTerm))
    session.execute(delete(SearchDoc))
    for start in range(0, len(ids), CHUNK * 5):
        reindex(session, ids[start : start + CHUNK * 5])
        if progress:
            progress(min(start + CHUNK * 5, len(ids)), len(ids))
    return len(ids)


REBUILD_FLAG = "search.rebuild"


def needs_rebuild(session: Session) -> bool:
    return session.get(Setting, REBUILD_FLAG) is not None


def ensure_current(db: Database, progress: Callable[[int, int], None] | None = None) -> bool:
    """Index the whole database when a migration or a bulk load asked for it; True if it did."""
    with db.session() as s:
        if db.read_only or not needs_rebuild(s):
            return False

    def work(s: Session) -> None:
        rebuild(s, progress)
        s.execute(delete(Setting).where(Setting.key == REBUILD_FLAG))

    db.run_write(work)
    return True


def _touched_customers(session: Session) -> set[int]:
    ids: set[int] = set()
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, Customer) and obj.id is not None:
            ids.add(obj.id)
        elif isinstance(obj, ContactPerson | Vehicle) and obj.customer_id is not None:
            ids.add(obj.customer_id)
    for obj in session.deleted:
        if isinstance(obj, ContactPerson | Vehicle) and obj.customer_id is not None:
            ids.add(obj.customer_id)
    return ids


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _ctx: object) -> None:
    ids = _touched_customers(session)
    if ids:
        reindex(session.connection(), ids)

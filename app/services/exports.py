"""What each table exports: its columns and its rows, straight from SQL.

Every export is a Core select with its joins, streamed (``yield_per``) into
``app.reports.export.write_table``, so a hundred thousand rows cost a few hundred rows
of memory. The customers export is exactly the Customers page: the same
``CustomerFilter`` and sort (``customer_list``), in the same order. Each export writes
one audit row (action ``export``).

Dates: ``date_from``/``date_to`` are whole local days, both included, on each table's
own date (customers, contacts, vehicles and deals: created; activities: when; orders:
order date; payments: paid on; tasks: due). Owner: the customer's owner for customers,
contacts and vehicles; the salesperson for activities and payments (who logged it),
orders, deals and tasks.

A user who may not see financial figures gets the same sheets without the money columns.
"""

from __future__ import annotations

import datetime as dt
import os
import queue
import threading
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Engine,
    Select,
    String,
    and_,
    func,
    literal,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import ValidationError
from app.models import (
    Activity,
    ContactPerson,
    Customer,
    Deal,
    Order,
    Payment,
    Pipeline,
    ServiceCase,
    Setting,
    Stage,
    Task,
    User,
    Vehicle,
    utcnow,
)
from app.models.enums import AuditAction
from app.reports.export import Column, ExportResult, Kind, currency_format, write_table

from . import access, audit, customer_list, figures, pipeline, product_sales
from . import cases as cases_service
from . import tasks as tasks_service
from .customer_list import CustomerFilter
from .pipeline import BoardFilter
from .product_sales import ProductFilter
from .tasks import StatusFilter

WHATS = (
    "customers",
    "contacts",
    "vehicles",
    "activities",
    "orders",
    "payments",
    "deals",
    "tasks",
    "cases",
    "products",
)
YIELD_PER = 1000

T, N, M, D, DT, P = Kind.TEXT, Kind.INT, Kind.MONEY, Kind.DATE, Kind.DATETIME, Kind.PERCENT

SHEETS = {
    "customers": "Customers",
    "contacts": "Contacts",
    "vehicles": "Vehicles",
    "activities": "Activities",
    "orders": "Orders",
    "payments": "Payments",
    "deals": "Deals",
    "tasks": "Tasks",
    "cases": "Cases",
    "products": "Products",
}


def _col(key: str, header: str, kind: Kind = T, vocabulary: bool = False) -> Column:
    return Column(key, header, kind, vocabulary)


_CUSTOMER_EXTRA = (
    _col("phone2", "Phone 2"),
    _col("membership_card", "Card"),
    _col("birthday", "Birthday", D),
    _col("address", "Address"),
)
_VOCABULARY = {"kind", "source", "lifecycle", "membership_level"}
_CUSTOMER_KINDS = {"created_at": DT}

SPECS: dict[str, tuple[Column, ...]] = {
    "customers": (
        *(
            _col(c.key, c.title, _CUSTOMER_KINDS.get(c.key, T), c.key in _VOCABULARY)
            for c in customer_list.COLUMNS
        ),
        *_CUSTOMER_EXTRA,
    ),
    "contacts": (
        _col("customer_number", "Customer number"),
        _col("customer", "Customer"),
        _col("name", "Name"),
        _col("role", "Role", vocabulary=True),
        _col("title", "Title"),
        _col("phone", "Phone"),
        _col("mobile", "Mobile"),
        _col("email", "Email"),
        _col("birthday", "Birthday", D),
        _col("owner", "Owner"),
        _col("created_at", "Created", DT),
    ),
    "vehicles": (
        _col("customer_number", "Customer number"),
        _col("customer", "Customer"),
        _col("plate", "Plate"),
        _col("brand", "Brand"),
        _col("model", "Model"),
        _col("use", "Use", vocabulary=True),
        _col("nature", "Nature", vocabulary=True),
        _col("year", "Year", N),
        _col("color", "Color"),
        _col("vin", "VIN"),
        _col("fuel_type", "Fuel"),
        _col("owner", "Owner"),
        _col("created_at", "Created", DT),
    ),
    "activities": (
        _col("occurred_at", "When", DT),
        _col("kind", "Kind", vocabulary=True),
        _col("customer_number", "Customer number"),
        _col("customer", "Customer"),
        _col("user", "Salesperson"),
        _col("subject", "Subject"),
        _col("text", "Text"),
        _col("amount", "Amount", M),
        _col("satisfaction", "Satisfaction", N),
        _col("outcome", "Outcome"),
    ),
    "orders": (
        _col("number", "Number"),
        _col("order_date", "Date", D),
        _col("customer_number", "Customer number"),
        _col("customer", "Customer"),
        _col("owner", "Owner"),
        _col("status", "Status", vocabulary=True),
        _col("amount", "Amount", M),
        _col("cost", "Cost", M),
        _col("due_date", "Due", D),
        _col("notes", "Notes"),
    ),
    "payments": (
        _col("paid_on", "Paid on", D),
        _col("customer_number", "Customer number"),
        _col("customer", "Customer"),
        _col("order_number", "Order"),
        _col("amount", "Amount", M),
        _col("method", "Method", vocabulary=True),
        _col("reference", "Reference"),
        _col("user", "Salesperson"),
    ),
    "deals": (
        _col("title", "Title"),
        _col("customer_number", "Customer number"),
        _col("customer", "Customer"),
        _col("pipeline", "Pipeline"),
        _col("stage", "Stage"),
        _col("status", "Status", vocabulary=True),
        _col("amount", "Amount", M),
        _col("probability", "Probability", P),
        _col("expected_close", "Expected close", D),
        _col("owner", "Owner"),
        _col("created_at", "Created", DT),
        _col("closed_at", "Closed", DT),
        _col("won_amount", "Won amount", M),
        _col("lost_reason", "Lost reason", vocabulary=True),
        _col("competitor", "Competitor"),
    ),
    "tasks": (
        _col("due_at", "Due", DT),
        _col("title", "Title"),
        _col("kind", "Kind", vocabulary=True),
        _col("priority", "Priority", vocabulary=True),
        _col("status", "Status", vocabulary=True),
        _col("customer_number", "Customer number"),
        _col("customer", "Customer"),
        _col("owner", "Owner"),
        _col("done_at", "Done", DT),
        _col("note", "Note"),
    ),
    "cases": (
        _col("opened_at", "Opened", DT),
        _col("title", "Title"),
        _col("status", "Status", vocabulary=True),
        _col("due_on", "Due", D),
        _col("customer_number", "Customer number"),
        _col("customer", "Customer"),
        _col("owner", "Owner"),
        _col("description", "What happened"),
        _col("resolution", "Resolution"),
        _col("resolved_at", "Resolved", DT),
        _col("satisfaction", "Satisfaction", N),
    ),
    "products": (
        _col("code", "Code"),
        _col("name", "Name"),
        _col("category", "Category", vocabulary=True),
        _col("unit", "Unit"),
        _col("list_price", "List price", M),
        _col("cost", "Cost", M),
        _col("active", "Still sold", vocabulary=True),
    ),
}


@dataclass(frozen=True)
class ExportRequest:
    """Which rows: a table, and optionally an owner and a window of days. For customers,
    ``customer_filter`` with ``sort``/``descending`` is the Customers page's view."""

    what: str
    owner_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    customer_filter: CustomerFilter | None = None
    sort: str = "name"
    descending: bool = False
    board_filter: BoardFilter | None = None
    """Deals: the pipeline board's view (its filter, in board order)."""
    pipeline_id: int | None = None
    task_status: StatusFilter | None = None
    """Tasks: the Tasks page's view (open, done or all, in its order)."""
    case_status: str | None = None
    """Cases: the Cases page's status filter (``services.cases.STATUS_FILTERS``)."""
    product_filter: ProductFilter | None = None
    """Products: the Products page's filter (category, still sold, text)."""

    def __post_init__(self) -> None:
        if self.what not in SPECS:
            raise ValidationError(
                "cannot export {what}: choose one of {whats}",
                field="what",
                what=self.what,
                whats=", ".join(WHATS),
            )
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValidationError(
                "the first day {first} comes after the last day {last}",
                field="date_from",
                first=self.date_from.isoformat(),
                last=self.date_to.isoformat(),
            )


# ------------------------------------------------------------- parameters
def resolve_owner(session: Session, name: str) -> int:
    """A user's id from a sign-in name or a display name (case-insensitive)."""
    text = name.strip()
    found = session.scalars(
        select(User.id)
        .where(
            or_(
                func.lower(User.username) == text.lower(),
                func.lower(User.display_name) == text.lower(),
            )
        )
        .order_by(User.id)
        .limit(2)
    ).all()
    if not found:
        raise ValidationError("unknown owner {name}", field="owner", name=text)
    return found[0]


def parse_day(text: str, field: str = "date") -> dt.date:
    """A day as people type it: 2026-03-05, 2026/3/5 or 20260305."""
    raw = text.strip()
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y.%m.%d"):
        try:
            return dt.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise ValidationError("bad date {text}: use YYYY-MM-DD", field=field, text=raw)


def columns_for(what: str, financials: bool = True) -> list[Column]:
    cols = list(SPECS[what])
    if not financials:
        cols = [c for c in cols if c.kind is not Kind.MONEY]
    return cols


# ---------------------------------------------------------------- queries
def _local_start(day: dt.date) -> dt.datetime:
    """Midnight of a local day, as an aware time."""
    return dt.datetime.combine(day, dt.time()).astimezone()


def _day_window(
    column: Any, date_from: dt.date | None, date_to: dt.date | None, is_datetime: bool
) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if is_datetime:
        if date_from is not None:
            conds.append(column >= _local_start(date_from))
        if date_to is not None:
            conds.append(column < _local_start(date_to + dt.timedelta(days=1)))
    else:
        if date_from is not None:
            conds.append(column >= date_from)
        if date_to is not None:
            conds.append(column <= date_to)
    return conds


def _plates(dialect: str) -> Any:
    """The customer's plates joined by commas, in the order the Customers page shows
    them (by vehicle id; SQLite's group_concat follows the customer index, in id order)."""
    c = Customer.__table__.c
    v = Vehicle.__table__.c
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import aggregate_order_by

        joined: Any = func.string_agg(v.plate, aggregate_order_by(literal(", "), v.id))
    else:
        joined = func.aggregate_strings(v.plate, ", ")
    return (
        select(joined).where(v.customer_id == c.id).correlate(Customer.__table__).scalar_subquery()
    )


def _selected(expr: Any, col: Column) -> Any:
    # Vocabulary values come as the stored strings: no Enum lookup per cell.
    return (type_coerce(expr, String()) if col.vocabulary else expr).label(col.key)


def build_query(session: Session, request: ExportRequest, columns: Sequence[Column]) -> Select[Any]:
    """The select whose rows are ``columns`` in order, filtered and sorted."""
    what = request.what
    owner = User.__table__.alias("owner")
    cust = Customer.__table__
    c = cust.c
    fields: dict[str, Any]
    conds: list[ColumnElement[bool]] = []
    if what == "products":
        return product_sales.export_query(request.product_filter, columns)
    if what == "customers":
        fields = {
            "number": c.number,
            "name": c.name,
            "kind": c.kind,
            "phone": c.phone,
            "email": c.email,
            "city": c.city,
            "district": c.district,
            "owner": User.display_name,
            "source": c.source,
            "lifecycle": type_coerce(customer_list.lifecycle_expr(), c.lifecycle.type),
            "membership_level": c.membership_level,
            "category": c.category,
            "created_at": c.created_at,
            "plates": _plates(session.get_bind().dialect.name),
            "phone2": c.phone2,
            "membership_card": c.membership_card,
            "birthday": c.birthday,
            "address": c.address,
        }
        flt = request.customer_filter or CustomerFilter()
        if request.owner_id is not None:
            flt = replace(flt, owner_id=request.owner_id)
        selected = [_selected(fields[col.key], col) for col in columns]
        q = customer_list.ordered_query(session, flt, request.sort, request.descending, selected)
        conds = _day_window(c.created_at, request.date_from, request.date_to, True)
        return q.where(*conds) if conds else q

    customer_fields = {"customer_number": c.number, "customer": c.name}
    if what in ("contacts", "vehicles"):
        table = (ContactPerson if what == "contacts" else Vehicle).__table__
        t = table.c
        fields = {**dict(t.items()), **customer_fields, "owner": owner.c.display_name}
        frm = table.join(cust, c.id == t.customer_id).outerjoin(owner, owner.c.id == c.owner_id)
        owner_col, date_col, is_dt = c.owner_id, t.created_at, True
        conds.append(c.deleted_at.is_(None))
        order = [t.id]
    elif what == "activities":
        t = Activity.__table__.c
        fields = {**dict(t.items()), **customer_fields, "user": owner.c.display_name}
        frm = Activity.__table__.join(cust, c.id == t.customer_id).outerjoin(
            owner, owner.c.id == t.user_id
        )
        owner_col, date_col, is_dt = t.user_id, t.occurred_at, True
        conds.append(c.deleted_at.is_(None))
        order = [t.occurred_at, t.id]
    elif what == "orders":
        t = Order.__table__.c
        fields = {**dict(t.items()), **customer_fields, "owner": owner.c.display_name}
        frm = Order.__table__.join(cust, c.id == t.customer_id).outerjoin(
            owner, owner.c.id == t.owner_id
        )
        owner_col, date_col, is_dt = t.owner_id, t.order_date, False
        conds += [t.deleted_at.is_(None), c.deleted_at.is_(None)]
        order = [t.order_date, t.id]
    elif what == "payments":
        t = Payment.__table__.c
        o = Order.__table__
        fields = {
            **dict(t.items()),
            **customer_fields,
            "order_number": o.c.number,
            "user": owner.c.display_name,
        }
        frm = (
            Payment.__table__.join(cust, c.id == t.customer_id)
            .outerjoin(o, o.c.id == t.order_id)
            .outerjoin(owner, owner.c.id == t.user_id)
        )
        owner_col, date_col, is_dt = t.user_id, t.paid_on, False
        conds.append(c.deleted_at.is_(None))
        order = [t.paid_on, t.id]
    elif what == "deals":
        t = Deal.__table__.c
        st = Stage.__table__
        pl = Pipeline.__table__
        fields = {
            **dict(t.items()),
            **customer_fields,
            "pipeline": pl.c.name,
            "stage": st.c.name,
            "probability": func.coalesce(t.probability_override, st.c.probability),
            "owner": owner.c.display_name,
        }
        frm = (
            Deal.__table__.join(cust, c.id == t.customer_id)
            .join(st, st.c.id == t.stage_id)
            .join(pl, pl.c.id == t.pipeline_id)
            .outerjoin(owner, owner.c.id == t.owner_id)
        )
        owner_col, date_col, is_dt = t.owner_id, t.created_at, True
        conds += [t.deleted_at.is_(None), c.deleted_at.is_(None)]
        order = [t.created_at, t.id]
        if request.board_filter is not None:
            conds += pipeline.board_conditions(request.board_filter, utcnow())
            if request.pipeline_id is not None:
                conds.append(t.pipeline_id == request.pipeline_id)
            order = [  # without a pipeline: each pipeline's board in turn
                pl.c.is_default.desc(),
                pl.c.sort_order,
                pl.c.id,
                st.c.is_lost,
                st.c.is_won,
                st.c.sort_order,
                t.stage_entered_at,
                t.id,
            ]
    elif what == "cases":
        t = ServiceCase.__table__.c
        fields = {**dict(t.items()), **customer_fields, "owner": owner.c.display_name}
        frm = ServiceCase.__table__.join(cust, c.id == t.customer_id).outerjoin(
            owner, owner.c.id == t.owner_id
        )
        owner_col, date_col, is_dt = t.owner_id, t.opened_at, True
        conds.append(c.deleted_at.is_(None))
        order = [t.opened_at.desc(), t.id.desc()]
        if request.case_status is not None:
            conds += cases_service.status_terms(request.case_status, dt.date.today())
    else:  # tasks
        t = Task.__table__.c
        fields = {**dict(t.items()), **customer_fields, "owner": owner.c.display_name}
        frm = Task.__table__.outerjoin(cust, c.id == t.customer_id).outerjoin(
            owner, owner.c.id == t.owner_id
        )
        owner_col, date_col, is_dt = t.owner_id, t.due_at, True
        conds.append(or_(t.customer_id.is_(None), c.deleted_at.is_(None)))
        order = [t.due_at, t.id]
        if request.task_status is not None:
            status_conds, order = tasks_service.status_terms(request.task_status)
            conds += status_conds

    if request.owner_id is not None:
        conds.append(owner_col == request.owner_id)
    conds += _day_window(date_col, request.date_from, request.date_to, is_dt)
    selected = [_selected(fields[col.key], col) for col in columns]
    return select(*selected).select_from(frm).where(and_(True, *conds)).order_by(*order)


def count(session: Session, query: Select[Any]) -> int:
    """How many rows ``query`` gives, without fetching them."""
    counted = query.order_by(None).with_only_columns(func.count(), maintain_column_froms=True)
    return session.scalar(counted) or 0


def stream(session: Session, query: Select[Any]) -> Iterator[Sequence[Any]]:
    """The rows of ``query``, fetched ``YIELD_PER`` at a time."""
    result = session.execute(query.execution_options(yield_per=YIELD_PER))
    try:
        yield from result
    finally:
        result.close()


def prefetch(
    engine: Engine, query: Select[Any], batch: int = YIELD_PER, depth: int = 4
) -> Generator[Sequence[Any], None, None]:
    """The rows of ``query`` read by a helper thread on its own connection, ``batch`` at
    a time, at most ``depth`` batches ahead: the database works (without the GIL) while
    the file is written, and memory stays bounded. Stopping early stops the reader."""
    batches: queue.Queue[Any] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item: Any) -> bool:
        while not stop.is_set():
            try:
                batches.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def read() -> None:
        try:
            with engine.connect() as conn:
                result = conn.execution_options(yield_per=batch).execute(query)
                with result:  # closes a server-side cursor when stopped early
                    for part in result.partitions():
                        if not put(part):
                            return
            put(_END)
        except BaseException as exc:  # handed to the consumer, raised there
            put(exc)

    reader = threading.Thread(target=read, name="clientela-export-read", daemon=True)
    reader.start()
    try:
        while True:
            item = batches.get()
            if item is _END:
                return
            if isinstance(item, BaseException):
                raise item
            yield from item
    finally:
        stop.set()
        reader.join()


_END = object()


def office_currency(session: Session) -> str | None:
    setting = session.get(Setting, "office.currency")
    value = setting.value if setting is not None else None
    return value if isinstance(value, str) else None


def _describe(request: ExportRequest, rows: int, path: Path) -> str:
    parts = [f"{rows} rows to {path.name}"]
    if request.owner_id is not None:
        parts.append(f"owner {request.owner_id}")
    if request.date_from or request.date_to:
        first = request.date_from.isoformat() if request.date_from else "…"
        last = request.date_to.isoformat() if request.date_to else "…"
        parts.append(f"{first} to {last}")
    flt = request.customer_filter
    if flt is not None and not flt.is_empty():
        parts.append("filtered")
    return ", ".join(parts)


# ------------------------------------------------------------------ export
def export(
    db: Database,
    user_id: int | None,
    request: ExportRequest,
    path: str | os.PathLike[str],
    *,
    headers: Mapping[str, str] | None = None,
    sheet: str | None = None,
    translate: Callable[[str], str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExportResult:
    """Write the rows ``request`` asks for to ``path`` (.xlsx or .csv) and note it in the
    audit log. ``headers`` (column key → title), ``sheet`` and ``translate`` (stored
    value → word) give the interface language; without them the file is in English with
    the stored values."""
    with db.session() as session:
        # Money columns stay in the file, blank for a user who may not see them.
        written = columns_for(request.what)
        columns = columns_for(request.what, figures.may_see_financials(session, user_id))
        if headers:
            written = [replace(col, header=headers.get(col.key, col.header)) for col in written]
        query = build_query(session, request, columns)
        visible = access.visible_customers(session, user_id)
        if request.what == "tasks":
            visible = or_(Task.__table__.c.customer_id.is_(None), visible)
        if request.what != "products":  # no customer's
            query = query.where(visible)
        total = count(session, query) if progress is not None else 0
        money = currency_format(office_currency(session))
        rows = prefetch(db.engine, query)
        try:
            result = write_table(
                path,
                written,
                figures.widened(rows, [c.key for c in columns], [c.key for c in written]),
                sheet=sheet or SHEETS[request.what],
                total=total,
                progress=progress,
                cancelled=cancelled,
                translate=translate,
                money_format=money,
            )
        finally:
            rows.close()  # a cancelled or failed export stops its reader now
    if not db.read_only:
        note = _describe(request, result.rows, result.path)
        db.run_write(
            lambda s: audit.record(s, user_id, AuditAction.EXPORT, request.what, None, note=note)
        )
    return result

"""The figures behind the Reports page's charts, as plain data (no Qt, no matplotlib), and
the customers behind any bar or slice of them.

Every chart takes the same ``DashboardFilter`` (a period and, optionally, one
salesperson): sales by month this year against last year; the pipeline funnel; the
weighted forecast by month; revenue share by 80/20 class or RFM segment; activities per
salesperson by kind; new against lost customers per month; receivables by age.

Each bar or slice carries a ``Pick`` (chart name and key); ``customers_behind`` turns a
pick into the customer ids behind it, with the same conditions the figure used.

Every figure counts the customers the acting user may see (``access.visible_ids``): a
salesperson's page sums their own customers (owned, shared, on their team), or the
office's when the office lets everyone see all; a deal also counts for its own owner.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Date, bindparam, func, literal, select, text, type_coerce
from sqlalchemy.orm import Session

from app.models import (
    Activity,
    Customer,
    CustomerSegment,
    Deal,
    Order,
    Stage,
    User,
    UTCDateTime,
)
from app.models.base import CENT
from app.models.enums import DealStatus, OrderStatus

from . import access, figures, pipeline
from .segments import CLASSES, RFM_SEGMENTS, Churn, Period, Retention, add_months, churn, retention

AGE_BUCKETS = ("0-30", "31-60", "61-90", "90+")
PURCHASE = (OrderStatus.CANCELLED, OrderStatus.DRAFT)
ZERO = Decimal("0.00")


def _cents(value: Any) -> Decimal:
    return (Decimal(int(value or 0)) / 100).quantize(CENT)


@dataclass(frozen=True)
class DashboardFilter:
    period: Period
    owner_id: int | None = None
    segmentation: str = "abc"
    """abc (80/20 classes) or rfm (RFM segments) for the revenue-share chart."""


@dataclass(frozen=True)
class Pick:
    chart: str
    key: tuple[Any, ...]


def period_choice(name: str, today: dt.date) -> Period:
    """The periods the page offers: this_month, last_month, this_quarter, this_year,
    last_12_months, last_year."""
    first = today.replace(day=1)
    if name == "this_month":
        return Period(first, add_months(first, 1) - dt.timedelta(days=1))
    if name == "last_month":
        start = add_months(first, -1)
        return Period(start, first - dt.timedelta(days=1))
    if name == "this_quarter":
        start = first.replace(month=3 * ((today.month - 1) // 3) + 1)
        return Period(start, add_months(start, 3) - dt.timedelta(days=1))
    if name == "last_12_months":
        return Period.months_to(today, 12)
    if name == "last_year":
        return Period(dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31))
    return Period(dt.date(today.year, 1, 1), dt.date(today.year, 12, 31))


PERIOD_CHOICES = (
    "this_month",
    "last_month",
    "this_quarter",
    "this_year",
    "last_12_months",
    "last_year",
)


# ------------------------------------------------------------------ figures
@dataclass(frozen=True)
class MonthlySales:
    year: int
    this_year: list[Decimal]
    last_year: list[Decimal]


@dataclass(frozen=True)
class FunnelStage:
    stage_id: int
    name: str
    count: int
    amount: Decimal


@dataclass(frozen=True)
class ForecastMonths:
    months: list[dt.date]
    weighted: list[Decimal]


@dataclass(frozen=True)
class SegmentShare:
    segmentation: str
    keys: list[str]
    values: list[Decimal]
    customers: list[int]


@dataclass(frozen=True)
class ActivityMatrix:
    users: list[tuple[int | None, str]]
    kinds: list[str]
    counts: list[list[int]]
    """counts[user index][kind index]"""


@dataclass(frozen=True)
class NewLost:
    months: list[dt.date]
    new: list[int]
    lost: list[int]


@dataclass(frozen=True)
class Receivables:
    as_of: dt.date
    buckets: list[str]
    amounts: list[Decimal]
    customers: list[int]


@dataclass(frozen=True)
class Loyalty:
    """Retention over the period (against the period before) and the customers lost in
    it, by reason."""

    retention: Retention
    churn: Churn


@dataclass(frozen=True)
class Dashboard:
    filter: DashboardFilter
    sales: MonthlySales
    funnel: list[FunnelStage]
    forecast: ForecastMonths
    segments: SegmentShare
    activities: ActivityMatrix
    new_lost: NewLost
    receivables: Receivables
    loyalty: Loyalty
    timings: dict[str, float] = field(default_factory=dict)
    """Milliseconds per figure."""

    @property
    def is_empty(self) -> bool:
        return (
            not any(self.sales.this_year or ())
            and not any(self.sales.last_year or ())
            and not any(s.count for s in self.funnel)
            and not any(self.activities.counts)
            and not any(self.new_lost.new)
        )


def _months(period: Period) -> list[dt.date]:
    """First days of the months the period touches (at most 24)."""
    out = []
    m = period.start.replace(day=1)
    while m <= period.end and len(out) < 24:
        out.append(m)
        m = add_months(m, 1)
    return out


def _purchase_conds(owner_id: int | None, seen: Any = None) -> list[Any]:
    conds = [Order.deleted_at.is_(None), Order.status.not_in(PURCHASE)]
    if owner_id is not None:
        conds.append(Order.owner_id == owner_id)
    if seen is not None:
        conds.append(Order.customer_id.in_(seen))
    return conds


def _seen(session: Session, user_id: int | None, column: Any) -> list[Any]:
    """``column`` (a customer id) among the customers ``user_id`` may see; no term for
    someone who sees them all."""
    ids = access.visible_ids(session, user_id)
    return [] if ids is None else [column.in_(ids)]


def sales_by_month(
    session: Session, f: DashboardFilter, user_id: int | None = None
) -> MonthlySales:
    """Grouped by day along the order-date index, then by month here (no per-row date
    function in SQL)."""
    year = f.period.end.year
    q = (
        select(Order.order_date, func.sum(type_coerce(Order.amount, BigInteger)))
        .where(
            Order.order_date >= dt.date(year - 1, 1, 1),
            Order.order_date <= dt.date(year, 12, 31),
            *_purchase_conds(f.owner_id, access.visible_ids(session, user_id)),
        )
        .group_by(Order.order_date)
    )
    this, last = [ZERO] * 12, [ZERO] * 12
    for day, cents in session.execute(q):
        (this if day.year == year else last)[day.month - 1] += _cents(cents)
    return MonthlySales(year, this, last)


def funnel(session: Session, f: DashboardFilter, user_id: int | None = None) -> list[FunnelStage]:
    pipeline_id = pipeline.default_pipeline_id(session)
    if pipeline_id is None:
        return []
    conds = [
        Deal.status == DealStatus.OPEN,
        Deal.deleted_at.is_(None),
        *pipeline.deals_seen_by(session, user_id),
    ]
    if f.owner_id is not None:
        conds.append(Deal.owner_id == f.owner_id)
    rows = {
        sid: (n, cents)
        for sid, n, cents in session.execute(
            select(Deal.stage_id, func.count(), func.sum(type_coerce(Deal.amount, BigInteger)))
            .where(Deal.pipeline_id == pipeline_id, *conds)
            .group_by(Deal.stage_id)
        )
    }
    stages = session.execute(
        select(Stage.id, Stage.name)
        .where(Stage.pipeline_id == pipeline_id, Stage.is_won.is_(False), Stage.is_lost.is_(False))
        .order_by(Stage.sort_order, Stage.id)
    )
    return [
        FunnelStage(sid, name, int(rows.get(sid, (0, 0))[0]), _cents(rows.get(sid, (0, 0))[1]))
        for sid, name in stages
    ]


def forecast(
    session: Session, f: DashboardFilter, today: dt.date, user_id: int | None = None
) -> ForecastMonths:
    fc = pipeline.forecast(session, today=today, user_id=user_id)
    if f.owner_id is None:
        return ForecastMonths(fc.months, fc.totals)
    row = next((r for r in fc.rows if r.owner_id == f.owner_id), None)
    return ForecastMonths(fc.months, row.by_month if row else [ZERO] * len(fc.months))


def segment_share(session: Session, f: DashboardFilter, user_id: int | None = None) -> SegmentShare:
    g = CustomerSegment
    col = g.abc_class if f.segmentation == "abc" else g.rfm_segment
    keys = list(CLASSES if f.segmentation == "abc" else RFM_SEGMENTS)
    q = select(col, func.sum(type_coerce(g.value, BigInteger)), func.count()).where(
        col.is_not(None), *_seen(session, user_id, g.customer_id)
    )
    if f.owner_id is not None:
        q = q.join(Customer, Customer.id == g.customer_id).where(Customer.owner_id == f.owner_id)
    found = {k: (cents, n) for k, cents, n in session.execute(q.group_by(col))}
    return SegmentShare(
        f.segmentation,
        keys,
        [max(_cents(found.get(k, (0, 0))[0]), ZERO) for k in keys],
        [int(found.get(k, (0, 0))[1]) for k in keys],
    )


def _between(col: Any, period: Period) -> list[Any]:
    return [
        col >= literal(period.start_at(), UTCDateTime),
        col < literal(period.end_before(), UTCDateTime),
    ]


def activities(session: Session, f: DashboardFilter, user_id: int | None = None) -> ActivityMatrix:
    a = Activity
    q = select(a.user_id, a.kind, func.count()).where(
        *_between(a.occurred_at, f.period), *_seen(session, user_id, a.customer_id)
    )
    if f.owner_id is not None:
        q = q.where(a.user_id == f.owner_id)
    found = list(session.execute(q.group_by(a.user_id, a.kind)))
    names = dict(session.execute(select(User.id, User.display_name)).all())
    users = sorted({uid for uid, _k, _n in found}, key=lambda u: (u is None, names.get(u, "")))
    kinds_total: dict[str, int] = {}
    for _u, kind, n in found:
        k = str(getattr(kind, "value", kind))
        kinds_total[k] = kinds_total.get(k, 0) + int(n)
    kinds = sorted(kinds_total, key=lambda k: -kinds_total[k])
    counts = [[0] * len(kinds) for _ in users]
    for uid, kind, n in found:
        counts[users.index(uid)][kinds.index(str(getattr(kind, "value", kind)))] = int(n)
    return ActivityMatrix([(u, names.get(u, "") if u else "") for u in users], kinds, counts)


def new_lost(session: Session, f: DashboardFilter, user_id: int | None = None) -> NewLost:
    months = _months(f.period)
    c = Customer
    index = {(d.year, d.month): i for i, d in enumerate(months)}
    new, lost = [0] * len(months), [0] * len(months)
    seen = _seen(session, user_id, c.id)
    created = [c.deleted_at.is_(None), *_between(c.created_at, f.period), *seen]
    lost_c = [c.lost_at >= f.period.start, c.lost_at <= f.period.end, *seen]
    if f.owner_id is not None:
        created.append(c.owner_id == f.owner_id)
        lost_c.append(c.owner_id == f.owner_id)
    for col, conds, out in ((c.created_at, created, new), (c.lost_at, lost_c, lost)):
        y, m = func.extract("year", col), func.extract("month", col)
        for yy, mm, n in session.execute(select(y, m, func.count()).where(*conds).group_by(y, m)):
            i = index.get((int(yy), int(mm)))
            if i is not None:
                out[i] = int(n)
    return NewLost(months, new, lost)


def owed_sql(owner: bool, seen: str = "") -> str:
    """Per customer who owes something on ``as_of`` (orders, not cancelled or draft, less
    returns and payments: services/balance's definition): ``owed`` and the customer's
    orders summed per age bucket, ``s0`` (0–30 days) … ``s3`` (over 90). One pass along
    the orders' covering index. ``seen``: a condition on ``c.id`` (``access.visible_sql``)."""
    owner_cond = (" AND c.owner_id = :owner" if owner else "") + seen
    return f"""SELECT o.cid AS cid, o.s0 AS s0, o.s1 AS s1, o.s2 AS s2, o.s3 AS s3,
        o.v - COALESCE(r.v, 0) - COALESCE(p.v, 0) AS owed
      FROM (SELECT customer_id AS cid, SUM(amount) AS v,
              SUM(CASE WHEN order_date >= :d30 THEN amount ELSE 0 END) AS s0,
              SUM(CASE WHEN order_date < :d30 AND order_date >= :d60
                  THEN amount ELSE 0 END) AS s1,
              SUM(CASE WHEN order_date < :d60 AND order_date >= :d90
                  THEN amount ELSE 0 END) AS s2,
              SUM(CASE WHEN order_date < :d90 THEN amount ELSE 0 END) AS s3
            FROM orders
            WHERE deleted_at IS NULL AND status NOT IN ('cancelled', 'draft')
              AND order_date <= :as_of
            GROUP BY customer_id) o
      JOIN customers c ON c.id = o.cid AND c.deleted_at IS NULL{owner_cond}
      LEFT JOIN (SELECT customer_id AS cid, SUM(amount) AS v FROM payments
                 WHERE paid_on <= :as_of GROUP BY customer_id) p ON p.cid = o.cid
      LEFT JOIN (SELECT customer_id AS cid, SUM(amount) AS v FROM returns
                 WHERE return_date <= :as_of GROUP BY customer_id) r ON r.cid = o.cid
      WHERE o.v - COALESCE(r.v, 0) - COALESCE(p.v, 0) > 0"""


def _least(a: str, b: str) -> str:
    return f"CASE WHEN {a} < {b} THEN {a} ELSE {b} END"


def aged_split_sql(owner: bool, seen: str = "") -> str:
    """One row per owing customer: what they owe laid on their newest orders first (what
    was paid settled the oldest), as the parts ``a0`` … ``a3`` owed in each age bucket."""
    return f"""SELECT cid, a0, a1, {_least("r2", "s2")} AS a2, r2 - {_least("r2", "s2")} AS a3
      FROM (SELECT cid, a0, {_least("r1", "s1")} AS a1, r1 - {_least("r1", "s1")} AS r2, s2
        FROM (SELECT cid, {_least("owed", "s0")} AS a0, owed - {_least("owed", "s0")} AS r1,
                s1, s2
          FROM ({owed_sql(owner, seen)}) w) l1) l2"""


def aged_sql(owner: bool, seen: str = "") -> str:
    """The same as rows (``cid``, ``bucket`` 0–3, ``part``), parts above zero only."""
    parts = " UNION ALL ".join(
        f"SELECT cid, {i} AS bucket, a{i} AS part FROM aged WHERE a{i} > 0" for i in range(4)
    )
    return f"WITH aged AS ({aged_split_sql(owner, seen)}) {parts}"


def aged_params(as_of: dt.date, owner_id: int | None) -> tuple[list[Any], dict[str, Any]]:
    dates = {
        "as_of": as_of,
        "d30": as_of - dt.timedelta(days=30),
        "d60": as_of - dt.timedelta(days=60),
        "d90": as_of - dt.timedelta(days=90),
    }
    binds = [bindparam(k, type_=Date) for k in dates]
    params: dict[str, Any] = dict(dates)
    if owner_id is not None:
        params["owner"] = owner_id
    return binds, params


def receivables(
    session: Session, f: DashboardFilter, today: dt.date, user_id: int | None = None
) -> Receivables:
    as_of = min(f.period.end, today)
    binds, params = aged_params(as_of, f.owner_id)
    sql = text(
        "SELECT SUM(a0), SUM(a1), SUM(a2), SUM(a3), "
        "SUM(CASE WHEN a0 > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN a1 > 0 THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN a2 > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN a3 > 0 THEN 1 ELSE 0 END) "
        f"FROM ({aged_split_sql(f.owner_id is not None, access.visible_sql(session, user_id))}) a"
    ).bindparams(*binds)
    row = session.execute(sql, params).one()
    amounts = [_cents(v) for v in row[:4]]
    customers = [int(n or 0) for n in row[4:]]
    return Receivables(as_of, list(AGE_BUCKETS), amounts, customers)


FIGURES = (
    "sales",
    "funnel",
    "forecast",
    "segments",
    "activities",
    "new_lost",
    "receivables",
    "loyalty",
)


MONEY_FIELDS = {
    "sales": ("this_year", "last_year"),
    "forecast": ("weighted",),
    "segments": ("values",),
    "receivables": ("amounts",),
}
"""The money in each figure, None for a user who may not see financial figures (the
funnel keeps its counts and loses each stage's amount)."""


def figure(
    session: Session,
    name: str,
    f: DashboardFilter,
    today: dt.date,
    user_id: int | None = None,
) -> Any:
    """One chart's figures (the page reads them in parallel, one operation each), with
    the money blank for a user who may not see it."""
    data = _figure(session, name, f, today, user_id)
    hidden = (name in MONEY_FIELDS or name == "funnel") and not figures.may_see_financials(
        session, user_id
    )
    if hidden and name == "funnel":
        return figures.blank_all(data, "amount")
    if hidden:
        return figures.blank(data, *MONEY_FIELDS[name])
    return data


def is_hidden(data: Any) -> bool:
    """Whether this figure's money was blanked (charts show a note instead of bars)."""
    if isinstance(data, list):
        return bool(data) and all(getattr(x, "amount", 0) is None for x in data)
    return any(
        getattr(data, name, 0) is None
        for names in MONEY_FIELDS.values()
        for name in names
        if hasattr(data, name)
    )


def _figure(
    session: Session, name: str, f: DashboardFilter, today: dt.date, user_id: int | None
) -> Any:
    if name == "sales":
        return sales_by_month(session, f, user_id)
    if name == "funnel":
        return funnel(session, f, user_id)
    if name == "forecast":
        return forecast(session, f, today, user_id)
    if name == "segments":
        return segment_share(session, f, user_id)
    if name == "activities":
        return activities(session, f, user_id)
    if name == "new_lost":
        return new_lost(session, f, user_id)
    if name == "receivables":
        return receivables(session, f, today, user_id)
    if name == "loyalty":
        period = Period(f.period.start, min(f.period.end, today))
        return Loyalty(
            retention(session, period, f.owner_id, user_id=user_id),
            churn(session, period, f.owner_id, user_id=user_id),
        )
    raise ValueError(f"unknown figure {name!r}")


def assemble(f: DashboardFilter, parts: dict[str, Any], timings: dict[str, float]) -> Dashboard:
    return Dashboard(filter=f, timings=timings, **{name: parts[name] for name in FIGURES})


def build(
    session: Session,
    f: DashboardFilter,
    today: dt.date | None = None,
    user_id: int | None = None,
) -> Dashboard:
    """Every figure of the page, with how long each took."""
    today = today or dt.date.today()
    timings: dict[str, float] = {}
    parts: dict[str, Any] = {}
    for name in FIGURES:
        t = time.perf_counter()
        parts[name] = figure(session, name, f, today, user_id)
        timings[name] = (time.perf_counter() - t) * 1000
    return assemble(f, parts, timings)


# ------------------------------------------------------------------ click-through
def customers_behind(
    session: Session,
    f: DashboardFilter,
    pick: Pick,
    today: dt.date | None = None,
    user_id: int | None = None,
) -> list[int]:
    """The customers behind a bar or slice, in id order (those ``user_id`` may see)."""
    today = today or dt.date.today()
    chart, key = pick.chart, pick.key
    q: Any
    if chart == "sales":
        year, month = key
        start = dt.date(year, month, 1)
        q = select(Order.customer_id).where(
            Order.order_date >= start,
            Order.order_date < add_months(start, 1),
            *_purchase_conds(f.owner_id),
        )
    elif chart == "funnel":
        q = select(Deal.customer_id).where(
            Deal.stage_id == key[0], Deal.status == DealStatus.OPEN, Deal.deleted_at.is_(None)
        )
        if f.owner_id is not None:
            q = q.where(Deal.owner_id == f.owner_id)
    elif chart == "forecast":
        start = key[0]
        q = select(Deal.customer_id).where(
            Deal.status == DealStatus.OPEN,
            Deal.deleted_at.is_(None),
            Deal.expected_close >= start,
            Deal.expected_close < add_months(start, 1),
        )
        if f.owner_id is not None:
            q = q.where(Deal.owner_id == f.owner_id)
    elif chart == "segments":
        g = CustomerSegment
        col = g.abc_class if f.segmentation == "abc" else g.rfm_segment
        q = select(g.customer_id).where(col == key[0])
        if f.owner_id is not None:
            q = q.join(Customer, Customer.id == g.customer_id).where(
                Customer.owner_id == f.owner_id
            )
    elif chart == "activities":
        actor, kind = key
        a = Activity
        q = select(a.customer_id).where(*_between(a.occurred_at, f.period), a.kind == kind)
        q = q.where(a.user_id.is_(None) if actor is None else a.user_id == actor)
    elif chart in ("new", "lost"):
        start = key[0]
        end = add_months(start, 1) - dt.timedelta(days=1)
        month = Period(max(start, f.period.start), min(end, f.period.end))
        c = Customer
        if chart == "new":
            q = select(c.id).where(c.deleted_at.is_(None), *_between(c.created_at, month))
        else:
            q = select(c.id).where(c.lost_at >= month.start, c.lost_at <= month.end)
        if f.owner_id is not None:
            q = q.where(c.owner_id == f.owner_id)
    elif chart == "churn":
        c = Customer
        period = Period(f.period.start, min(f.period.end, today))
        if key[0] == "ended":
            q = select(c.id).where(c.ended_at >= period.start, c.ended_at <= period.end)
        else:
            q = select(c.id).where(c.lost_at >= period.start, c.lost_at <= period.end)
            q = q.where(c.lost_reason.is_(None) if key[0] == "unknown" else c.lost_reason == key[0])
        if f.owner_id is not None:
            q = q.where(c.owner_id == f.owner_id)
    elif chart == "receivables":
        as_of = min(f.period.end, today)
        binds, params = aged_params(as_of, f.owner_id)
        params["bucket"] = int(key[0])
        sql = text(
            f"SELECT DISTINCT cid FROM "
            f"({aged_sql(f.owner_id is not None, access.visible_sql(session, user_id))}) a "
            "WHERE bucket = :bucket"
        ).bindparams(*binds)
        return sorted(int(r[0]) for r in session.execute(sql, params))
    else:
        raise ValueError(f"unknown chart {chart!r}")
    live = select(Customer.id).where(
        Customer.deleted_at.is_(None), access.visible_customers(session, user_id)
    )
    ids = session.scalars(
        select(Customer.id).where(Customer.id.in_(q.scalar_subquery()), Customer.id.in_(live))
    )
    return sorted(ids)

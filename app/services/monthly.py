"""The manager's monthly figures, as plain data for the monthly workbook
(``app.reports.monthly_workbook``) and ``report monthly``.

One definition per figure, shared by every sheet so their totals agree:
- sales: orders that count (not deleted, not cancelled, not drafts) by order date, credited
  to the order's salesperson — the rows ``export --what orders`` lists for the month,
  less cancelled and draft ones;
- collections: payments by payment date, credited to who recorded them;
- new customers: created in the month; lost customers: marked lost in the month;
- activities: by when they happened, credited to who logged them;
- receivables: what is owed at the month's end (services/balance's definition), laid on
  the newest orders first to age it.
Months are whole days in UTC, as the dashboard counts them.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import BigInteger, func, literal, select, text, type_coerce
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import PermissionDenied, ValidationError
from app.models import (
    Activity,
    Customer,
    CustomerSegment,
    Deal,
    Order,
    Payment,
    Setting,
    User,
    UTCDateTime,
)
from app.models.base import CENT
from app.models.enums import ActivityKind, AuditAction, DealStatus, OrderStatus, ReasonCategory
from app.reports.export import ExportCancelled, currency_format

from . import access, audit, dashboard, pipeline, pipelines, segments
from .segments import Period, add_months

ZERO = Decimal("0.00")
NOT_SALES = (OrderStatus.CANCELLED, OrderStatus.DRAFT)
NOBODY = 0
"""The salesperson key of figures nobody is credited with."""


def _cents(value: Any) -> Decimal:
    return (Decimal(int(value or 0)) / 100).quantize(CENT)


def month_period(month: str | dt.date) -> Period:
    """``YYYY-MM`` (or any day of the month) as the month's Period."""
    if isinstance(month, str):
        try:
            first = dt.datetime.strptime(month.strip(), "%Y-%m").date()
        except ValueError:
            raise ValidationError(
                "give the month as YYYY-MM, e.g. 2026-03", field="month"
            ) from None
    else:
        first = month.replace(day=1)
    return Period(first, add_months(first, 1) - dt.timedelta(days=1))


def _in_month(col: Any, period: Period) -> list[Any]:
    return [
        col >= literal(period.start_at(), UTCDateTime),
        col < literal(period.end_before(), UTCDateTime),
    ]


def _sales_conds(period: Period) -> list[Any]:
    return [
        Order.deleted_at.is_(None),
        Order.status.not_in(NOT_SALES),
        Order.order_date >= period.start,
        Order.order_date <= period.end,
    ]


# ---------------------------------------------------------------- key figures
@dataclass(frozen=True)
class KeyFigures:
    period: Period
    sales: Decimal
    orders: int
    buyers: int
    collections: Decimal
    new_customers: int
    lost_customers: int
    activities: int
    deals_won: int
    won_amount: Decimal
    deals_lost: int
    receivables: Decimal
    """Owed at the end of the month (or today, for the month still running)."""


def key_figures(
    session: Session, period: Period, today: dt.date, owed: Decimal | None = None
) -> KeyFigures:
    """``owed``: the receivables at the period's end when the caller has them already."""
    sales, orders, buyers = session.execute(
        select(
            func.sum(type_coerce(Order.amount, BigInteger)),
            func.count(),
            func.count(func.distinct(Order.customer_id)),
        ).where(*_sales_conds(period))
    ).one()
    collections = session.scalar(
        select(func.sum(type_coerce(Payment.amount, BigInteger))).where(
            Payment.paid_on >= period.start, Payment.paid_on <= period.end
        )
    )
    new = session.scalar(
        select(func.count())
        .select_from(Customer)
        .where(Customer.deleted_at.is_(None), *_in_month(Customer.created_at, period))
    )
    lost = session.scalar(
        select(func.count())
        .select_from(Customer)
        .where(
            Customer.deleted_at.is_(None),
            Customer.lost_at >= period.start,
            Customer.lost_at <= period.end,
        )
    )
    activities = session.scalar(
        select(func.count()).select_from(Activity).where(*_in_month(Activity.occurred_at, period))
    )
    won, won_cents, lost_deals = _closed_deals(session, period)
    if owed is None:
        owed = sum((r.total for r in receivables(session, min(period.end, today)).rows), ZERO)
    return KeyFigures(
        period,
        _cents(sales),
        int(orders or 0),
        int(buyers or 0),
        _cents(collections),
        int(new or 0),
        int(lost or 0),
        int(activities or 0),
        won,
        _cents(won_cents),
        lost_deals,
        owed,
    )


def _closed_deals(session: Session, period: Period) -> tuple[int, int, int]:
    rows = dict(
        (status, (n, cents))
        for status, n, cents in session.execute(
            select(
                Deal.status,
                func.count(),
                func.sum(type_coerce(func.coalesce(Deal.won_amount, Deal.amount), BigInteger)),
            )
            .where(
                Deal.deleted_at.is_(None),
                Deal.status.in_((DealStatus.WON, DealStatus.LOST)),
                *_in_month(Deal.closed_at, period),
            )
            .group_by(Deal.status)
        )
    )
    won = rows.get(DealStatus.WON, (0, 0))
    return int(won[0]), int(won[1] or 0), int(rows.get(DealStatus.LOST, (0, 0))[0])


# ---------------------------------------------------------------- salespeople
@dataclass
class PersonFigures:
    user_id: int
    """NOBODY (0) for figures no salesperson is credited with."""
    name: str
    orders: int = 0
    buyers: int = 0
    sales: Decimal = ZERO
    collections: Decimal = ZERO
    new_customers: int = 0
    deals_won: int = 0
    won_amount: Decimal = ZERO
    activities: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)


def by_salesperson(session: Session, period: Period) -> list[PersonFigures]:
    """Every active user, and anyone credited with something this month, by name; the
    uncredited remainder last, so the columns add up to the key figures."""
    people: dict[int, PersonFigures] = {}
    names = dict(session.execute(select(User.id, User.display_name)).all())
    active = set(session.scalars(select(User.id).where(User.active.is_(True))))

    def person(uid: int | None) -> PersonFigures:
        key = uid or NOBODY
        if key not in people:
            people[key] = PersonFigures(key, names.get(key, ""))
        return people[key]

    for uid in active:
        person(uid)
    for uid, n, buyers, cents in session.execute(
        select(
            Order.owner_id,
            func.count(),
            func.count(func.distinct(Order.customer_id)),
            func.sum(type_coerce(Order.amount, BigInteger)),
        )
        .where(*_sales_conds(period))
        .group_by(Order.owner_id)
    ):
        p = person(uid)
        p.orders, p.buyers, p.sales = int(n), int(buyers), _cents(cents)
    for uid, cents in session.execute(
        select(Payment.user_id, func.sum(type_coerce(Payment.amount, BigInteger)))
        .where(Payment.paid_on >= period.start, Payment.paid_on <= period.end)
        .group_by(Payment.user_id)
    ):
        person(uid).collections = _cents(cents)
    for uid, n in session.execute(
        select(Customer.owner_id, func.count())
        .where(Customer.deleted_at.is_(None), *_in_month(Customer.created_at, period))
        .group_by(Customer.owner_id)
    ):
        person(uid).new_customers = int(n)
    for uid, n, cents in session.execute(
        select(
            Deal.owner_id,
            func.count(),
            func.sum(type_coerce(func.coalesce(Deal.won_amount, Deal.amount), BigInteger)),
        )
        .where(
            Deal.deleted_at.is_(None),
            Deal.status == DealStatus.WON,
            *_in_month(Deal.closed_at, period),
        )
        .group_by(Deal.owner_id)
    ):
        p = person(uid)
        p.deals_won, p.won_amount = int(n), _cents(cents)
    for uid, kind, n in session.execute(
        select(Activity.user_id, Activity.kind, func.count())
        .where(*_in_month(Activity.occurred_at, period))
        .group_by(Activity.user_id, Activity.kind)
    ):
        p = person(uid)
        key = str(getattr(kind, "value", kind))
        p.by_kind[key] = p.by_kind.get(key, 0) + int(n)
        p.activities += int(n)
    named = sorted((p for k, p in people.items() if k != NOBODY), key=lambda p: (p.name, p.user_id))
    rest = people.get(NOBODY)
    if rest is not None and (
        rest.orders or rest.collections or rest.activities or rest.new_customers or rest.deals_won
    ):
        named.append(rest)
    return named


# ---------------------------------------------------------------- segments
@dataclass(frozen=True)
class SegmentRow:
    segment: str
    """A, B, C, or "" for customers not classed (no purchase in the classing period)."""
    customers: int
    buyers: int
    sales: Decimal


def by_segment(session: Session, period: Period) -> list[SegmentRow]:
    """The month's sales by the customers' current 80/20 class."""
    counts = dict(
        session.execute(
            select(CustomerSegment.abc_class, func.count()).group_by(CustomerSegment.abc_class)
        ).all()
    )
    sales = {
        cls: (int(b), int(c or 0))
        for cls, b, c in session.execute(
            select(
                CustomerSegment.abc_class,
                func.count(func.distinct(Order.customer_id)),
                func.sum(type_coerce(Order.amount, BigInteger)),
            )
            .select_from(Order)
            .outerjoin(CustomerSegment, CustomerSegment.customer_id == Order.customer_id)
            .where(*_sales_conds(period))
            .group_by(CustomerSegment.abc_class)
        )
    }
    rows = []
    for cls in ("A", "B", "C", None):
        buyers, cents = sales.get(cls, (0, 0))
        n = int(counts.get(cls, 0) or 0)
        if cls is None and not buyers:
            continue
        rows.append(SegmentRow(cls or "", n, buyers, _cents(cents)))
    return rows


# ---------------------------------------------------------------- customers
@dataclass(frozen=True)
class CustomerLine:
    number: str
    name: str
    owner: str
    day: dt.date | None
    city: str | None = None
    reason: str | None = None
    reason_text: str | None = None
    sales: Decimal = ZERO


def new_customers(session: Session, period: Period) -> list[CustomerLine]:
    rows = session.execute(
        select(
            Customer.number, Customer.name, User.display_name, Customer.created_at, Customer.city
        )
        .outerjoin(User, User.id == Customer.owner_id)
        .where(Customer.deleted_at.is_(None), *_in_month(Customer.created_at, period))
        .order_by(Customer.created_at, Customer.id)
    )
    return [
        CustomerLine(num, name, owner or "", created.date() if created else None, city)
        for num, name, owner, created, city in rows
    ]


def lost_customers(session: Session, period: Period) -> list[CustomerLine]:
    """Marked lost in the month, with the reason category and text and what they bought
    in all."""
    bought = (
        select(Order.customer_id, func.sum(type_coerce(Order.amount, BigInteger)).label("v"))
        .where(Order.deleted_at.is_(None), Order.status.not_in(NOT_SALES))
        .group_by(Order.customer_id)
        .subquery()
    )
    rows = session.execute(
        select(
            Customer.number,
            Customer.name,
            User.display_name,
            Customer.lost_at,
            Customer.city,
            Customer.lost_reason,
            Customer.lost_reason_text,
            bought.c.v,
        )
        .outerjoin(User, User.id == Customer.owner_id)
        .outerjoin(bought, bought.c.customer_id == Customer.id)
        .where(
            Customer.deleted_at.is_(None),
            Customer.lost_at >= period.start,
            Customer.lost_at <= period.end,
        )
        .order_by(Customer.lost_at, Customer.id)
    )
    return [
        CustomerLine(
            num,
            name,
            owner or "",
            lost_at,
            city,
            str(getattr(reason, "value", reason)) if reason else None,
            reason_text,
            _cents(cents),
        )
        for num, name, owner, lost_at, city, reason, reason_text, cents in rows
    ]


# ---------------------------------------------------------------- receivables
@dataclass(frozen=True)
class AgedLine:
    customer_id: int
    number: str
    name: str
    owner: str
    buckets: tuple[Decimal, Decimal, Decimal, Decimal]

    @property
    def total(self) -> Decimal:
        return sum(self.buckets, ZERO)


@dataclass(frozen=True)
class Aged:
    as_of: dt.date
    rows: list[AgedLine]


def receivables(session: Session, as_of: dt.date) -> Aged:
    """Who owes what on ``as_of``, by age (0–30, 31–60, 61–90, 90+ days), the largest
    balances first; the same split the dashboard's chart sums."""
    binds, params = dashboard.aged_params(as_of, None)
    sql = text(
        f"SELECT cid, bucket, SUM(part) FROM ({dashboard.aged_sql(False)}) a GROUP BY cid, bucket"
    ).bindparams(*binds)
    parts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for cid, bucket, cents in session.execute(sql, params):
        parts[int(cid)][int(bucket)] += int(cents or 0)
    info = {}
    ids = list(parts)
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        for cid, num, name, owner in session.execute(
            select(Customer.id, Customer.number, Customer.name, User.display_name)
            .outerjoin(User, User.id == Customer.owner_id)
            .where(Customer.id.in_(chunk))
        ):
            info[cid] = (num, name, owner or "")
    rows = [
        AgedLine(cid, *info[cid], tuple(_cents(c) for c in cents))  # type: ignore[arg-type]
        for cid, cents in parts.items()
        if cid in info
    ]
    rows.sort(key=lambda r: (-r.total, r.number))
    return Aged(as_of, rows)


# ---------------------------------------------------------------- key accounts
@dataclass(frozen=True)
class KeyAccount:
    number: str
    name: str
    owner: str
    abc_class: str
    key_score: float | None
    tier: int | None
    month_sales: Decimal
    year_sales: Decimal
    """The twelve months up to the month's end."""
    owed: Decimal


def key_accounts(session: Session, period: Period, owed: dict[int, Decimal]) -> list[KeyAccount]:
    """Starred customers and class A, by twelve-month sales."""
    g = CustomerSegment
    year = Period(add_months(period.start, -11), period.end)

    def sales_in(p: Period) -> Any:
        return (
            select(Order.customer_id, func.sum(type_coerce(Order.amount, BigInteger)).label("v"))
            .where(*_sales_conds(p))
            .group_by(Order.customer_id)
            .subquery()
        )

    month, twelve = sales_in(period), sales_in(year)
    rows = session.execute(
        select(
            Customer.id,
            Customer.number,
            Customer.name,
            User.display_name,
            g.abc_class,
            g.key_score,
            g.tier,
            month.c.v,
            twelve.c.v,
        )
        .join(Customer, Customer.id == g.customer_id)
        .outerjoin(User, User.id == Customer.owner_id)
        .outerjoin(month, month.c.customer_id == g.customer_id)
        .outerjoin(twelve, twelve.c.customer_id == g.customer_id)
        .where(Customer.deleted_at.is_(None), (g.starred.is_(True)) | (g.abc_class == "A"))
    )
    out = [
        KeyAccount(
            num,
            name,
            owner or "",
            cls or "",
            round(score, 1) if score is not None else None,
            tier,
            _cents(m),
            _cents(y),
            owed.get(cid, ZERO),
        )
        for cid, num, name, owner, cls, score, tier, m, y in rows
    ]
    out.sort(key=lambda k: (-k.year_sales, k.number))
    return out


# ---------------------------------------------------------------- pipeline
@dataclass(frozen=True)
class PipelineFigures:
    stages: list[pipeline.StageFigures]
    forecast: pipeline.Forecast
    lost_by_reason: dict[str, int]


def pipeline_figures(session: Session, period: Period, today: dt.date) -> PipelineFigures:
    lost = {
        str(getattr(reason, "value", reason) or ""): int(n)
        for reason, n in session.execute(
            select(Deal.lost_reason, func.count())
            .where(
                Deal.deleted_at.is_(None),
                Deal.status == DealStatus.LOST,
                *_in_month(Deal.closed_at, period),
            )
            .group_by(Deal.lost_reason)
        )
    }
    ordered = {r.value: lost.get(r.value, 0) for r in ReasonCategory}
    if lost.get(""):
        ordered[""] = lost[""]
    return PipelineFigures(
        pipelines.open_stage_figures(session),
        pipeline.forecast(session, today=max(today, period.start)),
        ordered,
    )


# ---------------------------------------------------------------- the month
@dataclass(frozen=True)
class Monthly:
    period: Period
    this: KeyFigures
    previous: KeyFigures
    last_year: KeyFigures
    sales_by_month: list[tuple[dt.date, Decimal, Decimal]]
    """The twelve months up to this one: (first day, sales, sales a year before)."""
    people: list[PersonFigures]
    segments: list[SegmentRow]
    pipeline: PipelineFigures
    new: list[CustomerLine]
    lost: list[CustomerLine]
    receivables: Aged
    key_accounts: list[KeyAccount]
    kinds: list[str]
    """Activity kinds in the order of the Activities sheet's columns."""
    seconds: float
    targets: Any = None
    """Each salesperson's targets against their figures (``services.targets.Progress``)."""


def _sales_by_month(session: Session, period: Period) -> list[tuple[dt.date, Decimal, Decimal]]:
    first = add_months(period.start, -11)
    span = Period(add_months(first, -12), period.end)
    by_month: dict[dt.date, int] = defaultdict(int)
    for day, cents in session.execute(
        select(Order.order_date, func.sum(type_coerce(Order.amount, BigInteger)))
        .where(*_sales_conds(span))
        .group_by(Order.order_date)
    ):
        by_month[day.replace(day=1)] += int(cents or 0)
    months = [add_months(first, i) for i in range(12)]
    return [(m, _cents(by_month[m]), _cents(by_month[add_months(m, -12)])) for m in months]


def _targets(session: Session, period: Period, today: dt.date) -> Any:
    from . import targets

    return targets.progress(session, None, period.start, today)


def build(session: Session, month: str | dt.date, today: dt.date | None = None) -> Monthly:
    started = time.perf_counter()
    period = month_period(month)
    today = today or dt.date.today()
    previous = month_period(add_months(period.start, -1))
    last_year = month_period(add_months(period.start, -12))
    aged = receivables(session, min(period.end, today))
    return Monthly(
        period=period,
        this=key_figures(session, period, today, sum((r.total for r in aged.rows), ZERO)),
        previous=key_figures(session, previous, today),
        last_year=key_figures(session, last_year, today),
        sales_by_month=_sales_by_month(session, period),
        people=by_salesperson(session, period),
        segments=by_segment(session, period),
        pipeline=pipeline_figures(session, period, today),
        new=new_customers(session, period),
        lost=lost_customers(session, period),
        receivables=aged,
        key_accounts=key_accounts(session, period, {r.customer_id: r.total for r in aged.rows}),
        kinds=[k.value for k in ActivityKind],
        targets=_targets(session, period, today),
        seconds=time.perf_counter() - started,
    )


def make_workbook(
    db: Database,
    user_id: int | None,
    month: str | dt.date,
    path: str | os.PathLike[str],
    *,
    lang: str | None = None,
    today: dt.date | None = None,
    progress: Any = None,
) -> Path:
    """The manager's monthly workbook for ``month`` at ``path``: figures read in one
    session, segments worked out first when they never were, the file written whole, and
    an audit row. ``lang`` defaults to the office language (setting ``office.locale``).
    For a manager or an administrator with the right to see financial figures
    (PermissionDenied otherwise)."""
    from app.reports import monthly_workbook

    from .exports import office_currency

    period = month_period(month)
    today = today or dt.date.today()
    with db.session() as s:
        # the office's figures, every salesperson's: for managers (a salesperson's own
        # are on the Reports page)
        access.check_manager(s, user_id, "make the monthly workbook")
        if user_id is not None and not s.scalar(
            select(User.may_see_financials).where(User.id == user_id)
        ):
            raise PermissionDenied("the monthly workbook shows money figures you may not see")
        never_classed = segments.last_computed(s) is None

    def step(done: int, total: int) -> None:
        if progress is not None:
            progress(done, total, None)
            if done < total and getattr(progress, "cancelled", False):
                raise ExportCancelled("the workbook was cancelled; no file was written")

    step(0, 11)
    if never_classed and not db.read_only:
        # the figures it reads, worked out as the program: a workbook read does not
        # need the right to change data
        segments.recompute(db, None, as_of=min(period.end, today))
    with db.session() as s:
        figures = build(s, period.start, today)
        money = currency_format(office_currency(s))
        office_lang = s.scalar(select(Setting.value).where(Setting.key == "office.locale"))
    step(1, 11)
    written = monthly_workbook.write(
        path,
        figures,
        lang=lang or str(office_lang or "en"),
        currency_format=money,
        made_on=today,
        progress=lambda done, total: step(done + 1, total + 1),
    )
    if not db.read_only:
        db.run_write(
            lambda s: audit.record(
                s,
                user_id,
                AuditAction.EXPORT,
                "monthly_workbook",
                None,
                note=f"{period.start:%Y-%m} → {written.name}",
            )
        )
    return written

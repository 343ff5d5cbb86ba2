"""Knowing which customers matter [客户细分]: 80/20 classes, RFM scores and segments, the
key-account score and star, dealership tiers and the lifecycle stage, computed with SQL
and kept per customer in ``customer_segments``; retention and churn figures beside them.

The rules (defaults from DOMAIN.md, every number a setting):

- Period: the last ``months`` (12) months up to and including ``as_of``. A purchase is an
  order that is neither deleted, cancelled nor a draft (a front-desk visit with an amount
  is such an order). Returns in the period are taken off.
- 80/20: customers with purchases in the period ranked by value (revenue, or profit:
  ``measure``), largest first. A customer is class A while the customers before it hold
  less than ``a_share`` % (80) of the total, so the customer that crosses the line is
  still A; then B up to ``a_share + b_share`` % (95); the rest C. A value of zero or less
  is C. Customers without purchases in the period have no class.
- RFM: among the same customers, recency (last purchase date), frequency (purchases) and
  monetary value each ranked ascending; score = 1 + ⌊5 × (rank − 1) / n⌋ with ties sharing
  the lowest rank, so equal values get equal scores and each score holds about a fifth.
  The named segment comes from R and F (the usual grid: champions, loyal, potential
  loyalists, new customers, promising, need attention, about to sleep, at risk, can't
  lose them, hibernating).
- Key-account score: each chosen indicator is scored 1/3/5/7/9 by the same quintile rank
  (lower-is-better indicators such as complaints or what is owed reversed); hand-scored
  criteria (``customer_scores``, already 1/3/5/7/9) count as given. The score is the
  weighted mean of the customer's indicator scores; a customer at or above the average
  score of all scored customers is starred ★.
- Dealership tier: the larger of the vehicles a year the customer buys from anyone
  (``fleet_vehicles_per_year``) and the vehicles bought here in the last 12 months:
  100, 50, 10 or 5 (at least), else none.
- Lifecycle: ended (ended, or marked so) / lost (marked lost, no purchase since) / won
  back (marked, or bought again after being lost) / at risk (the win-back flag); else
  prospect (never bought), new (first purchase within 90 days), and growing / steady /
  declining by the last 12 months' revenue against the 12 before: ≥ 120 %, 80–120 %,
  < 80 % (nothing in either year: declining).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Date, bindparam, case, func, select, text
from sqlalchemy.orm import Session

from app.db import Database
from app.models import Customer, CustomerSegment, Product, Setting, UTCDateTime, utcnow
from app.models.base import CENT
from app.models.enums import Lifecycle, ProductCategory, ReasonCategory

from . import access
from .figures import may_see_financials

# ------------------------------------------------------------------ settings
S_MONTHS = "segments.months"
S_MEASURE = "segments.measure"
S_ABC = "segments.abc"
S_WEIGHTS = "segments.key_weights"
S_COMPUTED = "segments.computed"

MEASURES = ("revenue", "profit")
CLASSES = ("A", "B", "C")
RFM_SEGMENTS = (
    "champion",
    "loyal",
    "potential_loyalist",
    "new_customer",
    "promising",
    "need_attention",
    "about_to_sleep",
    "at_risk",
    "cant_lose",
    "hibernating",
)
TIERS = (100, 50, 10, 5)
NEW_DAYS = 90
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Indicator:
    key: str
    group: str
    """transaction, financial, contact or hand (scored by a person on 1/3/5/7/9)."""
    higher_is_better: bool = True


INDICATORS: tuple[Indicator, ...] = (
    Indicator("orders", "transaction"),
    Indicator("revenue", "transaction"),
    Indicator("profit", "transaction"),
    Indicator("margin", "transaction"),
    Indicator("avg_order", "transaction"),
    Indicator("max_order", "transaction"),
    Indicator("returns_amount", "transaction", higher_is_better=False),
    Indicator("returns_count", "transaction", higher_is_better=False),
    Indicator("tenure", "transaction"),
    Indicator("cycle", "transaction", higher_is_better=False),
    Indicator("expected", "transaction"),
    Indicator("max_receipt", "financial"),
    Indicator("avg_receipt", "financial"),
    Indicator("collection_days", "financial", higher_is_better=False),
    Indicator("owed", "financial", higher_is_better=False),
    Indicator("owed_ratio", "financial", higher_is_better=False),
    Indicator("tasks", "contact"),
    Indicator("deals", "contact"),
    Indicator("contacts", "contact"),
    Indicator("praise", "contact"),
    Indicator("complaints", "contact", higher_is_better=False),
    Indicator("suggestions", "contact"),
    Indicator("relationship", "hand"),
    Indicator("policy_support", "hand"),
)
INDICATOR_KEYS = {i.key: i for i in INDICATORS}

DEFAULT_WEIGHTS: dict[str, float] = {
    "revenue": 3.0,
    "profit": 2.0,
    "orders": 2.0,
    "tenure": 1.0,
    "relationship": 2.0,
    "policy_support": 1.0,
}


@dataclass(frozen=True)
class SegmentSettings:
    months: int = 12
    measure: str = "revenue"
    a_share: int = 80
    b_share: int = 15
    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    """Indicator (or hand-scored criterion) → weight; those with weight 0 are left out."""

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "weights": dict(self.weights)}


def _num(value: Any, default: float, lo: float, hi: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return default
    return float(value) if lo <= value <= hi else default


def load_settings(session: Session) -> SegmentSettings:
    """The office's rules; an unusable value keeps its default."""
    rows = dict(
        session.execute(
            select(Setting.key, Setting.value).where(Setting.key.like("segments.%"))
        ).all()
    )
    abc = rows.get(S_ABC) if isinstance(rows.get(S_ABC), dict) else {}
    assert isinstance(abc, dict)
    a = int(_num(abc.get("a"), 80, 1, 99))
    b = int(_num(abc.get("b"), 15, 0, 99))
    if a + b > 100:
        a, b = 80, 15
    raw = rows.get(S_WEIGHTS)
    weights = dict(DEFAULT_WEIGHTS)
    if isinstance(raw, dict):
        weights = {}
        for k, v in raw.items():
            w = _num(v, -1, 0, 100)
            if isinstance(k, str) and k and len(k) <= 40 and w > 0:
                weights[k] = w
    measure = rows.get(S_MEASURE)
    return SegmentSettings(
        months=int(_num(rows.get(S_MONTHS), 12, 1, 120)),
        measure=measure if measure in MEASURES else "revenue",
        a_share=a,
        b_share=b,
        weights=weights,
    )


def save_settings(db: Database, user_id: int | None, settings: SegmentSettings) -> SegmentSettings:
    """Store the rules (checked the same way they are read back): the office's rules,
    a manager's to change."""
    values = {
        S_MONTHS: settings.months,
        S_MEASURE: settings.measure,
        S_ABC: {"a": settings.a_share, "b": settings.b_share},
        S_WEIGHTS: {k: float(v) for k, v in settings.weights.items() if v > 0},
    }

    def work(s: Session) -> SegmentSettings:
        access.check_manager(s, user_id, "change the scoring rules")
        for key, value in values.items():
            row = s.get(Setting, key)
            if row is None:
                s.add(Setting(key=key, value=value))
            else:
                row.value = value
        s.flush()
        return load_settings(s)

    return db.run_write(work)


# ------------------------------------------------------------------ helpers
def add_months(day: dt.date, n: int) -> dt.date:
    """The same day ``n`` months later (or earlier), clamped to the month's end."""
    m = day.month - 1 + n
    y, m = day.year + m // 12, m % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(y, m, min(day.day, d))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _day_number(session: Session, column: str) -> str:
    if session.get_bind().dialect.name == "sqlite":
        return f"julianday({column})"
    return f"({column} - DATE '2000-01-01')"


def _cents(value: Any) -> Decimal:
    return (Decimal(int(value or 0)) / 100).quantize(CENT)


@dataclass(frozen=True)
class Period:
    start: dt.date
    """First day, included."""
    end: dt.date
    """Last day, included."""

    @classmethod
    def months_to(cls, as_of: dt.date, months: int) -> Period:
        return cls(add_months(as_of, -months) + dt.timedelta(days=1), as_of)

    def previous(self) -> Period:
        """The period of the same length just before."""
        days = (self.end - self.start).days + 1
        return Period(self.start - dt.timedelta(days=days), self.start - dt.timedelta(days=1))

    def start_at(self) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time(), dt.UTC)

    def end_before(self) -> dt.datetime:
        return dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time(), dt.UTC)


PURCHASE = "o.deleted_at IS NULL AND o.status NOT IN ('cancelled', 'draft')"


# Value of each indicator per customer of the population ``p`` (seg_pop), higher better
# before the sign is applied. ``{in_p_dt}`` marks a datetime in the period.
def _indicator_sql(key: str, session: Session) -> tuple[str, str]:
    """(extra FROM clause joined to p, value expression) for a computed indicator."""
    day = _day_number(session, "p.first_date")
    if key in ("orders", "revenue", "profit", "max_order"):
        return "", f"p.{key}"
    if key == "margin":
        return "", "CASE WHEN p.revenue > 0 THEN 1.0 * p.profit / p.revenue ELSE 0 END"
    if key == "avg_order":
        return "", "1.0 * p.revenue / p.orders"
    if key == "returns_amount":
        return "", "p.ret_amount"
    if key == "returns_count":
        return "", "p.ret_count"
    if key == "tenure":
        return "", f"0 - {day}"
    if key == "cycle":
        first, last = _day_number(session, "p.first_date"), _day_number(session, "p.last_all")
        gap = f"1.0 * ({last} - {first}) / (p.n_all - 1)"
        return "", f"CASE WHEN p.n_all > 1 THEN {gap} ELSE 100000 END"
    # The rest: one correlated look-up per customer along an index that starts with
    # customer_id (a range of a few rows each), rather than grouping a whole table.
    if key == "expected":
        return "", (
            "COALESCE((SELECT SUM(d.amount * COALESCE(d.probability_override, st.probability))"
            " FROM deals d JOIN stages st ON st.id = d.stage_id"
            " WHERE d.customer_id = p.customer_id AND d.status = 'open'"
            " AND d.deleted_at IS NULL), 0)"
        )
    if key in ("max_receipt", "avg_receipt"):
        agg = "MAX" if key == "max_receipt" else "AVG"
        return "", (
            f"COALESCE((SELECT {agg}(pm.amount) FROM payments pm"
            " WHERE pm.customer_id = p.customer_id"
            " AND pm.paid_on >= :p_start AND pm.paid_on <= :as_of), 0)"
        )
    if key == "collection_days":
        paid, ordered = (
            _day_number(session, "pm.paid_on"),
            _day_number(session, "o.order_date"),
        )
        return "", (
            f"COALESCE((SELECT AVG({paid} - {ordered}) FROM payments pm"
            " JOIN orders o ON o.id = pm.order_id WHERE pm.customer_id = p.customer_id"
            " AND pm.paid_on >= :p_start AND pm.paid_on <= :as_of), 0)"
        )
    if key in ("owed", "owed_ratio"):
        owed = (
            "(COALESCE((SELECT SUM(o.amount) FROM orders o WHERE o.customer_id = p.customer_id"
            " AND o.deleted_at IS NULL AND o.status NOT IN ('cancelled', 'draft')), 0)"
            " - COALESCE((SELECT SUM(r.amount) FROM returns r"
            " WHERE r.customer_id = p.customer_id), 0)"
            " - COALESCE((SELECT SUM(pm.amount) FROM payments pm"
            " WHERE pm.customer_id = p.customer_id), 0))"
        )
        if key == "owed":
            return "", owed
        return "", f"CASE WHEN p.revenue > 0 THEN 1.0 * {owed} / p.revenue ELSE 0 END"
    if key == "tasks":
        return "", (
            "(SELECT COUNT(*) FROM tasks t WHERE t.customer_id = p.customer_id"
            " AND t.due_at >= :p_start_at AND t.due_at < :p_end_at)"
        )
    if key == "deals":
        return "", (
            "(SELECT COUNT(*) FROM deals d WHERE d.customer_id = p.customer_id"
            " AND d.deleted_at IS NULL AND d.created_at >= :p_start_at"
            " AND d.created_at < :p_end_at)"
        )
    if key in ("contacts", "praise", "complaints", "suggestions"):
        kind = {"praise": "praise", "complaints": "complaint", "suggestions": "suggestion"}.get(key)
        where = f" AND a.kind = '{kind}'" if kind else ""
        return "", (
            "(SELECT COUNT(*) FROM activities a WHERE a.customer_id = p.customer_id"
            f" AND a.occurred_at >= :p_start_at AND a.occurred_at < :p_end_at{where})"
        )
    raise KeyError(key)


def _quintile(rank: str, count: str) -> str:
    """1–5 from an ascending rank (ties share the lowest rank)."""
    return f"(1 + (5 * ({rank} - 1)) / {count})"


RFM_CASE = """CASE
  WHEN {r} <= 2 THEN CASE WHEN {f} <= 2 THEN 'hibernating' WHEN {f} <= 4 THEN 'at_risk'
                        ELSE 'cant_lose' END
  WHEN {r} = 3 THEN CASE WHEN {f} <= 2 THEN 'about_to_sleep' WHEN {f} = 3 THEN 'need_attention'
                       ELSE 'loyal' END
  WHEN {r} = 4 THEN CASE WHEN {f} = 1 THEN 'promising' WHEN {f} <= 3 THEN 'potential_loyalist'
                       ELSE 'loyal' END
  ELSE CASE WHEN {f} = 1 THEN 'new_customer' WHEN {f} <= 3 THEN 'potential_loyalist'
            ELSE 'champion' END
END"""

LIFECYCLE_CASE = """CASE
  WHEN c.ended_at IS NOT NULL OR c.lifecycle = 'ended' THEN 'ended'
  WHEN c.lifecycle = 'lost' AND c.lost_at IS NOT NULL AND a.last_date > c.lost_at
    THEN 'won_back'
  WHEN c.lifecycle = 'lost' THEN 'lost'
  WHEN c.lifecycle = 'won_back' THEN 'won_back'
  WHEN c.lifecycle = 'at_risk' THEN 'at_risk'
  WHEN a.first_date IS NULL THEN 'prospect'
  WHEN a.first_date > :new_after THEN 'new'
  WHEN a.rev12 > 0 AND a.rev12 * 10 >= a.prev12 * 12 THEN 'growing'
  WHEN a.rev12 > 0 AND a.rev12 * 10 >= a.prev12 * 8 THEN 'steady'
  ELSE 'declining'
END"""

TEMP_TABLES = (
    "seg_all",
    "seg_ret",
    "seg_pop",
    "seg_rank",
    "seg_ind",
    "seg_w",
    "seg_key",
    "seg_veh",
)


@dataclass(frozen=True)
class Recomputed:
    as_of: dt.date
    period: Period
    customers: int
    """Customers with a row (every customer not deleted)."""
    scored: int
    """Customers with purchases in the period (classes, RFM and key score)."""
    average_score: float | None
    starred: int
    seconds: float
    settings: SegmentSettings

    def as_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "period_start": self.period.start.isoformat(),
            "period_end": self.period.end.isoformat(),
            "customers": self.customers,
            "scored": self.scored,
            "average_score": None if self.average_score is None else round(self.average_score, 4),
            "starred": self.starred,
            "seconds": round(self.seconds, 3),
            "settings": self.settings.as_dict(),
        }


def recompute(
    db: Database,
    user_id: int | None,
    as_of: dt.date | None = None,
    settings: SegmentSettings | None = None,
    progress: Any = None,
) -> Recomputed:
    """Work out every customer's class, scores, star, tier and lifecycle stage and replace
    the ``customer_segments`` table in one write transaction. Derived figures, worked out
    again by anyone who may change data (the Reports page does it once a day, an import
    after it is in); a viewer reads the last ones (PermissionDenied)."""
    as_of = as_of or dt.date.today()

    def work(s: Session) -> Recomputed:
        access.check_may_write(s, user_id)
        return _recompute(s, as_of, settings or load_settings(s), progress)

    return db.run_write(work, on_wait=getattr(progress, "lock_wait", None))


def _step(progress: Any, done: int, total: int = 8) -> None:
    if progress is not None:
        progress(done, total)


def _recompute(
    s: Session, as_of: dt.date, cfg: SegmentSettings, progress: Any = None
) -> Recomputed:
    started = time.perf_counter()
    period = Period.months_to(as_of, cfg.months)
    y1, y2 = add_months(as_of, -12), add_months(as_of, -24)
    dates = {
        "as_of": as_of,
        "p_start": period.start,
        "y1": y1,
        "y2": y2,
        "new_after": as_of - dt.timedelta(days=NEW_DAYS),
    }
    stamps = {"p_start_at": period.start_at(), "p_end_at": period.end_before()}

    def run(sql: str, **extra: Any) -> Any:
        stmt = text(sql)
        params: dict[str, Any] = {}
        for name, value in {**dates, **stamps, **extra}.items():
            if not re.search(rf":{name}\b", sql):
                continue
            if name in dates:
                stmt = stmt.bindparams(bindparam(name, type_=Date))
            elif name in stamps:
                stmt = stmt.bindparams(bindparam(name, type_=UTCDateTime))
            params[name] = value
        t = time.perf_counter()
        out = s.execute(stmt, params)
        log.debug("%8.1f ms  %s", (time.perf_counter() - t) * 1000, sql.split("\n")[0][:70])
        return out

    for t in TEMP_TABLES:
        run(f"DROP TABLE IF EXISTS {t}")

    def index(table: str) -> None:
        run(f"CREATE INDEX {table}_cid ON {table} (customer_id)")

    _step(progress, 0)
    run(
        f"""CREATE TEMP TABLE seg_all AS
        SELECT o.customer_id AS customer_id,
          MIN(o.order_date) AS first_date,
          MAX(o.order_date) AS last_date,
          COUNT(*) AS n_all,
          SUM(CASE WHEN o.order_date >= :p_start THEN 1 ELSE 0 END) AS p_orders,
          SUM(CASE WHEN o.order_date >= :p_start THEN o.amount ELSE 0 END) AS p_amount,
          SUM(CASE WHEN o.order_date >= :p_start THEN o.cost ELSE 0 END) AS p_cost,
          MAX(CASE WHEN o.order_date >= :p_start THEN o.order_date END) AS p_last,
          MAX(CASE WHEN o.order_date >= :p_start THEN o.amount END) AS p_max,
          SUM(CASE WHEN o.order_date > :y1 THEN o.amount ELSE 0 END) AS rev12,
          SUM(CASE WHEN o.order_date > :y2 AND o.order_date <= :y1 THEN o.amount ELSE 0 END)
            AS prev12
        FROM orders o
        WHERE {PURCHASE} AND o.order_date <= :as_of
        GROUP BY o.customer_id"""
    )
    index("seg_all")
    _step(progress, 1)
    run(
        """CREATE TEMP TABLE seg_ret AS
        SELECT customer_id, SUM(amount) AS amount, SUM(cost) AS cost, COUNT(*) AS n
        FROM returns WHERE return_date >= :p_start AND return_date <= :as_of
        GROUP BY customer_id"""
    )
    index("seg_ret")
    run(
        """CREATE TEMP TABLE seg_pop AS
        SELECT a.customer_id AS customer_id, a.p_orders AS orders, a.p_last AS last_date,
          a.p_max AS max_order, a.first_date AS first_date, a.last_date AS last_all,
          a.n_all AS n_all,
          a.p_amount - COALESCE(r.amount, 0) AS revenue,
          (a.p_amount - a.p_cost) - (COALESCE(r.amount, 0) - COALESCE(r.cost, 0)) AS profit,
          COALESCE(r.amount, 0) AS ret_amount, COALESCE(r.n, 0) AS ret_count
        FROM seg_all a
        JOIN customers c ON c.id = a.customer_id AND c.deleted_at IS NULL
        LEFT JOIN seg_ret r ON r.customer_id = a.customer_id
        WHERE a.p_orders > 0"""
    )
    index("seg_pop")
    _step(progress, 2)
    value = "p.revenue" if cfg.measure == "revenue" else "p.profit"
    n = "COUNT(*) OVER ()"
    run(
        f"""CREATE TEMP TABLE seg_rank AS
        SELECT customer_id, value, r, f, m,
          CASE WHEN value <= 0 THEN 'C'
               WHEN before * 100 < total * {cfg.a_share} THEN 'A'
               WHEN before * 100 < total * {cfg.a_share + cfg.b_share} THEN 'B'
               ELSE 'C' END AS abc
        FROM (
          SELECT customer_id, value,
            COALESCE(SUM(CASE WHEN value > 0 THEN value ELSE 0 END) OVER (
              ORDER BY value DESC, customer_id
              ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before,
            SUM(CASE WHEN value > 0 THEN value ELSE 0 END) OVER () AS total,
            {_quintile("RANK() OVER (ORDER BY last_date)", n)} AS r,
            {_quintile("RANK() OVER (ORDER BY orders)", n)} AS f,
            {_quintile("RANK() OVER (ORDER BY value)", n)} AS m
          FROM (SELECT customer_id, {value} AS value, last_date, orders FROM seg_pop p) q
        ) z"""
    )
    index("seg_rank")
    _step(progress, 3)

    # Key-account score: one row per (customer, indicator) with its score 1/3/5/7/9: a
    # computed indicator ranked within the indicator (signed: higher is better) as it is
    # inserted; a hand-scored criterion as given.
    run(
        "CREATE TEMP TABLE seg_ind (customer_id INTEGER, indicator VARCHAR(40), "
        "score DOUBLE PRECISION)"
    )
    run("CREATE TEMP TABLE seg_w (indicator VARCHAR(40), weight DOUBLE PRECISION)")
    weights = {k: float(w) for k, w in cfg.weights.items() if w > 0}
    for key, weight in weights.items():
        run("INSERT INTO seg_w (indicator, weight) VALUES (:k, :w)", k=key, w=weight)
        ind = INDICATOR_KEYS.get(key)
        if ind is None or ind.group == "hand":
            # A criterion a person scored on 1/3/5/7/9 (customer_scores).
            run(
                """INSERT INTO seg_ind (customer_id, indicator, score)
                SELECT cs.customer_id, CAST(:k AS VARCHAR(40)), cs.score FROM customer_scores cs
                JOIN seg_pop p ON p.customer_id = cs.customer_id
                WHERE cs.criterion = :k AND cs.score BETWEEN 1 AND 9""",
                k=key,
            )
            continue
        joins, expr = _indicator_sql(key, s)
        sign = "" if ind.higher_is_better else "-"
        score = _quintile("RANK() OVER (ORDER BY v)", "COUNT(*) OVER ()")
        run(
            f"""INSERT INTO seg_ind (customer_id, indicator, score)
            SELECT customer_id, CAST(:k AS VARCHAR(40)), 2 * {score} - 1
            FROM (SELECT p.customer_id AS customer_id, {sign}({expr}) AS v
                  FROM seg_pop p {joins}) q""",
            k=key,
        )
    _step(progress, 5)
    run(
        """CREATE TEMP TABLE seg_key AS
        SELECT i.customer_id AS customer_id, SUM(w.weight * i.score) / SUM(w.weight) AS score
        FROM seg_ind i JOIN seg_w w ON w.indicator = i.indicator
        GROUP BY i.customer_id"""
    )
    index("seg_key")
    average = run("SELECT AVG(score) FROM seg_key").scalar()
    average = None if average is None else float(average)

    # Dealership tier: vehicles a year, bought here (last 12 months) or from anyone. The
    # few vehicle lines are found from the products (CROSS JOIN keeps SQLite's join order).
    sells_vehicles = s.scalar(
        select(func.count()).where(Product.category == ProductCategory.VEHICLE)
    )
    if sells_vehicles:
        run(
            f"""CREATE TEMP TABLE seg_veh AS
            SELECT o.customer_id AS customer_id, SUM(l.quantity) AS q
            FROM products pr CROSS JOIN order_lines l CROSS JOIN orders o
            WHERE l.product_id = pr.id AND o.id = l.order_id
              AND pr.category = 'vehicle' AND {PURCHASE}
              AND o.order_date > :y1 AND o.order_date <= :as_of
            GROUP BY o.customer_id"""
        )
    else:
        run("CREATE TEMP TABLE seg_veh (customer_id INTEGER, q INTEGER)")
    index("seg_veh")
    _step(progress, 6)
    vehicles = (
        "CASE WHEN COALESCE(c.fleet_vehicles_per_year, 0) >= COALESCE(v.q, 0) "
        "THEN COALESCE(c.fleet_vehicles_per_year, 0) ELSE v.q END"
    )
    tier = (
        f"CASE WHEN {vehicles} >= 100 THEN 100 WHEN {vehicles} >= 50 THEN 50 "
        f"WHEN {vehicles} >= 10 THEN 10 WHEN {vehicles} >= 5 THEN 5 END"
    )
    run("DELETE FROM customer_segments")
    starred = (
        "CASE WHEN k.score IS NOT NULL AND "
        "k.score >= CAST(:avg AS DOUBLE PRECISION) - 0.000000001 THEN TRUE ELSE FALSE END"
    )
    run(
        f"""INSERT INTO customer_segments (customer_id, value, orders, first_purchase,
          last_purchase, abc_class, r_score, f_score, m_score, rfm_segment, key_score,
          starred, tier, lifecycle)
        SELECT c.id, rk.value, COALESCE(a.p_orders, 0), a.first_date, a.last_date,
          rk.abc, rk.r, rk.f, rk.m,
          CASE WHEN rk.r IS NULL THEN NULL ELSE {RFM_CASE.format(r="rk.r", f="rk.f")} END,
          k.score, {starred}, {tier}, {LIFECYCLE_CASE}
        FROM customers c
        LEFT JOIN seg_all a ON a.customer_id = c.id
        LEFT JOIN seg_rank rk ON rk.customer_id = c.id
        LEFT JOIN seg_key k ON k.customer_id = c.id
        LEFT JOIN seg_veh v ON v.customer_id = c.id
        WHERE c.deleted_at IS NULL""",
        avg=average if average is not None else 0.0,
    )
    _step(progress, 7)
    customers = run("SELECT COUNT(*) FROM customer_segments").scalar() or 0
    scored = run("SELECT COUNT(*) FROM seg_pop").scalar() or 0
    n_starred = run("SELECT COUNT(*) FROM customer_segments WHERE starred = TRUE").scalar() or 0
    for t in TEMP_TABLES:
        run(f"DROP TABLE IF EXISTS {t}")
    result = Recomputed(
        as_of=as_of,
        period=period,
        customers=int(customers),
        scored=int(scored),
        average_score=average,
        starred=int(n_starred),
        seconds=time.perf_counter() - started,
        settings=cfg,
    )
    row = s.get(Setting, S_COMPUTED)
    meta = {**result.as_dict(), "at": utcnow().isoformat()}
    meta.pop("settings")
    if row is None:
        s.add(Setting(key=S_COMPUTED, value=meta))
    else:
        row.value = meta
    _step(progress, 8)
    return result


def last_computed(session: Session) -> dict[str, Any] | None:
    """When the table was last rebuilt, for which day and period (None: never)."""
    value = session.scalar(select(Setting.value).where(Setting.key == S_COMPUTED))
    return value if isinstance(value, dict) else None


# ------------------------------------------------------------------ reading
@dataclass(frozen=True)
class CustomerSegmentInfo:
    customer_id: int
    value: Decimal | None
    orders: int
    first_purchase: dt.date | None
    last_purchase: dt.date | None
    abc_class: str | None
    r_score: int | None
    f_score: int | None
    m_score: int | None
    rfm_segment: str | None
    key_score: float | None
    starred: bool
    tier: int | None
    lifecycle: Lifecycle

    @property
    def rfm(self) -> str:
        if self.r_score is None:
            return ""
        return f"{self.r_score}{self.f_score}{self.m_score}"


def for_customer(session: Session, customer_id: int) -> CustomerSegmentInfo | None:
    row = session.get(CustomerSegment, customer_id)
    if row is None:
        return None
    return CustomerSegmentInfo(
        customer_id=row.customer_id,
        value=row.value,
        orders=row.orders,
        first_purchase=row.first_purchase,
        last_purchase=row.last_purchase,
        abc_class=row.abc_class,
        r_score=row.r_score,
        f_score=row.f_score,
        m_score=row.m_score,
        rfm_segment=row.rfm_segment,
        key_score=row.key_score,
        starred=bool(row.starred),
        tier=row.tier,
        lifecycle=row.lifecycle,
    )


@dataclass(frozen=True)
class Summary:
    computed: dict[str, Any] | None
    classes: dict[str, tuple[int, Decimal | None]]
    """A/B/C → (customers, value); the value None for a user who may not see it."""
    rfm: dict[str, tuple[int, Decimal | None]]
    lifecycle: dict[str, int]
    tiers: dict[int, int]
    starred: int
    average_score: float | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "computed": self.computed,
            "classes": {
                k: {"customers": n, "value": None if v is None else str(v)}
                for k, (n, v) in self.classes.items()
            },
            "rfm": {
                k: {"customers": n, "value": None if v is None else str(v)}
                for k, (n, v) in self.rfm.items()
            },
            "lifecycle": self.lifecycle,
            "tiers": {str(k): n for k, n in self.tiers.items()},
            "starred": self.starred,
            "average_score": (None if self.average_score is None else round(self.average_score, 4)),
        }


def summary(
    session: Session, owner_id: int | None = None, *, user_id: int | None = None
) -> Summary:
    """Counts and values per class, RFM segment, lifecycle stage and tier, of the
    customers ``user_id`` may see; the values blank for a ``user_id`` who may not see
    financial figures."""
    g = CustomerSegment
    base = select().select_from(g)
    ids = access.visible_ids(session, user_id)
    if ids is not None:
        base = base.where(g.customer_id.in_(ids))
    if owner_id is not None:
        base = base.join(Customer, Customer.id == g.customer_id).where(
            Customer.owner_id == owner_id
        )

    def grouped(col: Any) -> list[Any]:
        q = base.add_columns(col, func.count(), func.sum(g.value)).group_by(col)
        return list(session.execute(q))

    classes = {k: (0, Decimal("0.00")) for k in CLASSES}
    for key, n, v in grouped(g.abc_class):
        if key is not None:
            classes[key] = (int(n), v or Decimal("0.00"))
    rfm = {k: (0, Decimal("0.00")) for k in RFM_SEGMENTS}
    for key, n, v in grouped(g.rfm_segment):
        if key is not None:
            rfm[key] = (int(n), v or Decimal("0.00"))
    lifecycle = {k.value: 0 for k in Lifecycle}
    for key, n, _v in grouped(g.lifecycle):
        lifecycle[str(getattr(key, "value", key))] = int(n)
    tiers = dict.fromkeys(TIERS, 0)
    for key, n, _v in grouped(g.tier):
        if key is not None:
            tiers[int(key)] = int(n)
    starred, average = session.execute(
        base.add_columns(func.sum(case((g.starred.is_(True), 1), else_=0)), func.avg(g.key_score))
    ).one()
    if not may_see_financials(session, user_id):
        classes = {k: (n, None) for k, (n, _v) in classes.items()}
        rfm = {k: (n, None) for k, (n, _v) in rfm.items()}
    return Summary(
        computed=last_computed(session),
        classes=classes,
        rfm=rfm,
        lifecycle=lifecycle,
        tiers=tiers,
        starred=int(starred or 0),
        average_score=None if average is None else float(average),
    )


def ids_where(
    session: Session,
    *,
    abc_class: str | None = None,
    rfm_segment: str | None = None,
    lifecycle: str | None = None,
    starred: bool | None = None,
    owner_id: int | None = None,
) -> list[int]:
    """Customers of a class, segment, stage (the dashboard's click-through)."""
    g = CustomerSegment
    q = select(g.customer_id).join(Customer, Customer.id == g.customer_id)
    q = q.where(Customer.deleted_at.is_(None))
    if abc_class is not None:
        q = q.where(g.abc_class == abc_class)
    if rfm_segment is not None:
        q = q.where(g.rfm_segment == rfm_segment)
    if lifecycle is not None:
        q = q.where(g.lifecycle == lifecycle)
    if starred is not None:
        q = q.where(g.starred.is_(starred))
    if owner_id is not None:
        q = q.where(Customer.owner_id == owner_id)
    return list(session.scalars(q.order_by(g.customer_id)))


# ------------------------------------------------------------------ retention, churn
@dataclass(frozen=True)
class Retention:
    period: Period
    previous: Period
    before: int
    """Customers who bought in the previous period."""
    kept: int
    """Of those, customers who bought again in this period."""

    @property
    def rate(self) -> float | None:
        return self.kept / self.before if self.before else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "period_start": self.period.start.isoformat(),
            "period_end": self.period.end.isoformat(),
            "previous_start": self.previous.start.isoformat(),
            "previous_end": self.previous.end.isoformat(),
            "customers_before": self.before,
            "kept": self.kept,
            "rate": None if self.rate is None else round(self.rate, 4),
        }


def retention(
    session: Session,
    period: Period,
    owner_id: int | None = None,
    *,
    user_id: int | None = None,
) -> Retention:
    """Of the customers who bought in the period before, the share who bought in this one
    (of the customers ``user_id`` may see)."""
    prev = period.previous()
    owner = " AND c.owner_id = :owner" if owner_id is not None else ""
    owner += access.visible_sql(session, user_id)
    sql = text(
        f"""SELECT COUNT(*), SUM(CASE WHEN EXISTS (
              SELECT 1 FROM orders o WHERE o.customer_id = b.customer_id AND {PURCHASE}
              AND o.order_date >= :start AND o.order_date <= :end) THEN 1 ELSE 0 END)
        FROM (SELECT DISTINCT o.customer_id FROM orders o
              JOIN customers c ON c.id = o.customer_id AND c.deleted_at IS NULL{owner}
              WHERE {PURCHASE} AND o.order_date >= :pstart AND o.order_date <= :pend) b"""
    ).bindparams(*(bindparam(k, type_=Date) for k in ("start", "end", "pstart", "pend")))
    params: dict[str, Any] = {
        "start": period.start,
        "end": period.end,
        "pstart": prev.start,
        "pend": prev.end,
    }
    if owner_id is not None:
        params["owner"] = owner_id
    before, kept = session.execute(sql, params).one()
    return Retention(period, prev, int(before or 0), int(kept or 0))


@dataclass(frozen=True)
class Churn:
    period: Period
    lost: dict[str, int]
    """Reason (ours, competitor, customer, or "unknown") → customers lost in the period."""
    ended: int
    """Relationships ended in the period."""

    @property
    def total(self) -> int:
        return sum(self.lost.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "period_start": self.period.start.isoformat(),
            "period_end": self.period.end.isoformat(),
            "lost": self.lost,
            "lost_total": self.total,
            "ended": self.ended,
        }


def churn(
    session: Session,
    period: Period,
    owner_id: int | None = None,
    *,
    user_id: int | None = None,
) -> Churn:
    """Customers lost in the period (``lost_at``), by reason, and relationships ended (of
    the customers ``user_id`` may see)."""
    c = Customer
    ids = access.visible_ids(session, user_id)
    seen = [] if ids is None else [c.id.in_(ids)]
    conds = [c.lost_at >= period.start, c.lost_at <= period.end, *seen]
    if owner_id is not None:
        conds.append(c.owner_id == owner_id)
    lost = {r.value: 0 for r in ReasonCategory} | {"unknown": 0}
    for reason, n in session.execute(
        select(c.lost_reason, func.count()).where(*conds).group_by(c.lost_reason)
    ):
        lost[str(reason.value) if reason is not None else "unknown"] += int(n)
    ended_conds = [c.ended_at >= period.start, c.ended_at <= period.end, *seen]
    if owner_id is not None:
        ended_conds.append(c.owner_id == owner_id)
    ended = session.scalar(select(func.count()).where(*ended_conds)) or 0
    return Churn(period, lost, int(ended))

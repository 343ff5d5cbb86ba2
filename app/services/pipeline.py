"""The deal pipeline: the board, moving deals between stages (and undoing a move), the
forecast and the pipeline's health figures (conversion, dwell, lost reasons).

Figures are exact: amounts are summed as integer cents and weighted by whole percents in
SQL, then turned into ``Decimal``. The weighted amount of a deal is
``amount × (probability_override or stage probability) / 100``; a won deal counts with
its final amount.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import BigInteger, case, exists, func, literal, select, type_coerce, update
from sqlalchemy.orm import Session, aliased

from app.db import Database
from app.errors import PermissionDenied, ValidationError
from app.models import (
    Customer,
    Deal,
    DealStageHistory,
    Pipeline,
    Stage,
    User,
    UTCDateTime,
    utcnow,
)
from app.models.base import CENT
from app.models.enums import AuditAction, DealStatus, ReasonCategory, Role

from . import access, audit, figures, validation
from .concurrency import expect_version

CLOSED_DAYS = 90
"""The board's won and lost columns show deals closed in the last 90 days."""
FORECAST_MONTHS = 6


def _cents(value: int | None) -> Decimal:
    return (Decimal(int(value or 0)) / 100).quantize(CENT)


def _weighted(cents_times_percent: int | None) -> Decimal:
    """Sum of cents × percent → money, rounded half up to the cent."""
    return (Decimal(int(cents_times_percent or 0)) / 10000).quantize(CENT, rounding=ROUND_HALF_UP)


# ------------------------------------------------------------------ stages
@dataclass(frozen=True)
class StageInfo:
    id: int
    key: str | None
    name: str
    sort_order: int
    probability: int
    color: str | None
    is_won: bool
    is_lost: bool
    aging_days: int
    pipeline_id: int | None = None

    @property
    def is_open(self) -> bool:
        return not (self.is_won or self.is_lost)


# key, probability %, colour, won, lost — the stages a new office starts with.
DEFAULT_STAGES = (
    ("initial_contact", 10, "#78909c", False, False),
    ("sample", 30, "#4fc3f7", False, False),
    ("negotiation", 60, "#ffb74d", False, False),
    ("signing", 80, "#9575cd", False, False),
    ("won", 100, "#66bb6a", True, False),
    ("lost", 0, "#ef5350", False, True),
)
DEFAULT_NAMES = {
    "pipeline": "Sales",
    "initial_contact": "Initial contact",
    "sample": "Sample / trial",
    "negotiation": "Negotiation",
    "signing": "Contract signing",
    "won": "Won",
    "lost": "Lost",
}


def ensure_default(db: Database, names: Mapping[str, str] | None = None) -> int:
    """A database without a pipeline gets the default one; ``names`` are the window's
    translations of DEFAULT_NAMES. Returns the default pipeline's id."""
    label = {**DEFAULT_NAMES, **(names or {})}

    def work(s: Session) -> int:
        existing = default_pipeline_id(s)
        if existing is not None:
            return existing
        pipe = Pipeline(name=label["pipeline"], is_default=True, sort_order=0)
        s.add(pipe)
        s.flush()
        for order, (key, probability, color, won, lost) in enumerate(DEFAULT_STAGES):
            s.add(
                Stage(
                    pipeline_id=pipe.id,
                    key=key,
                    name=label[key],
                    sort_order=order,
                    probability=probability,
                    color=color,
                    is_won=won,
                    is_lost=lost,
                )
            )
        return pipe.id

    return db.run_write(work)


def default_pipeline_id(session: Session) -> int | None:
    return session.scalar(
        select(Pipeline.id)
        .where(Pipeline.active.is_(True))
        .order_by(Pipeline.is_default.desc(), Pipeline.sort_order, Pipeline.id)
        .limit(1)
    )


def stages(session: Session, pipeline_id: int) -> list[StageInfo]:
    """Open stages in their order, then won, then lost."""
    rows = session.execute(
        select(
            Stage.id,
            Stage.key,
            Stage.name,
            Stage.sort_order,
            Stage.probability,
            Stage.color,
            Stage.is_won,
            Stage.is_lost,
            Stage.aging_days,
            Stage.pipeline_id,
        )
        .where(Stage.pipeline_id == pipeline_id)
        .order_by(Stage.is_lost, Stage.is_won, Stage.sort_order, Stage.id)
    )
    return [StageInfo(*row) for row in rows]


# ------------------------------------------------------------------- board
@dataclass(frozen=True)
class BoardFilter:
    owner_id: int | None = None
    customer_id: int | None = None
    customer_text: str | None = None
    """Part of the customer's name or number (case does not matter)."""
    close_from: dt.date | None = None
    """Expected close on or after this day."""
    close_to: dt.date | None = None
    """Expected close on or before this day."""
    min_amount: Decimal | None = None
    max_amount: Decimal | None = None
    closed_days: int = CLOSED_DAYS


@dataclass(frozen=True)
class Card:
    id: int
    version: int
    stage_id: int
    customer_id: int
    customer_name: str
    title: str
    amount: Decimal
    probability: int
    weighted: Decimal
    owner_name: str | None
    expected_close: dt.date | None
    days_in_stage: int
    aging: bool
    """Sat in its (open) stage longer than the stage's aging_days."""
    stage_entered_at: dt.datetime | None = None


@dataclass
class Column:
    stage: StageInfo
    count: int = 0
    amount: Decimal = Decimal("0.00")
    weighted: Decimal = Decimal("0.00")
    cards: list[Card] = field(default_factory=list)


@dataclass
class Board:
    pipeline_id: int | None
    columns: list[Column]
    at: dt.datetime

    def column(self, stage_id: int) -> Column:
        return next(c for c in self.columns if c.stage.id == stage_id)


def _probability() -> Any:
    return func.coalesce(Deal.probability_override, Stage.probability)


def _cards_query() -> Any:
    shown_amount = case(
        (Deal.status == DealStatus.WON, func.coalesce(Deal.won_amount, Deal.amount)),
        else_=Deal.amount,
    )
    return (
        select(
            Deal.id,
            Deal.version,
            Deal.stage_id,
            Deal.customer_id,
            Customer.name,
            Deal.title,
            type_coerce(shown_amount, BigInteger),
            _probability(),
            User.display_name,
            Deal.expected_close,
            Deal.stage_entered_at,
        )
        .join(Stage, Stage.id == Deal.stage_id)
        .join(Customer, Customer.id == Deal.customer_id)
        .outerjoin(User, User.id == Deal.owner_id)
        .where(Deal.deleted_at.is_(None), Customer.deleted_at.is_(None))
    )


def _card(row: Any, is_open: bool, aging_days: int, now: dt.datetime) -> Card:
    did, version, stage_id, cid, cname, title, cents, prob, owner, close, entered = row
    days = max((now - entered).days, 0)
    return Card(
        id=did,
        version=version,
        stage_id=stage_id,
        customer_id=cid,
        customer_name=cname,
        title=title,
        amount=_cents(cents),
        probability=int(prob),
        weighted=_weighted(int(cents) * int(prob)),
        owner_name=owner,
        expected_close=close,
        days_in_stage=days,
        aging=is_open and days > aging_days,
        stage_entered_at=entered,
    )


def board_conditions(f: BoardFilter, now: dt.datetime) -> list[Any]:
    """Which deals the board shows for ``f`` (its export uses the same)."""
    since = now - dt.timedelta(days=f.closed_days)
    conds: list[Any] = [(Deal.status == DealStatus.OPEN) | (Deal.closed_at >= since)]
    if f.owner_id is not None:
        conds.append(Deal.owner_id == f.owner_id)
    if f.customer_id is not None:
        conds.append(Deal.customer_id == f.customer_id)
    if f.customer_text and f.customer_text.strip():
        part = f.customer_text.strip().lower()
        conds.append(
            func.lower(Customer.name).contains(part, autoescape=True)
            | func.lower(Customer.number).contains(part, autoescape=True)
        )
    if f.close_from is not None:
        conds.append(Deal.expected_close >= f.close_from)
    if f.close_to is not None:
        conds.append(Deal.expected_close <= f.close_to)
    if f.min_amount is not None:
        conds.append(Deal.amount >= f.min_amount)
    if f.max_amount is not None:
        conds.append(Deal.amount <= f.max_amount)
    return conds


def board(
    session: Session,
    pipeline_id: int | None = None,
    filters: BoardFilter | None = None,
    now: dt.datetime | None = None,
    *,
    user_id: int | None = None,
) -> Board:
    """Every column of the board with its figures and cards (plain data), the deals of
    the customers ``user_id`` may see. Cards in a column come oldest in stage first, so
    what needs attention is on top."""
    now = now or utcnow()
    f = filters or BoardFilter()
    pipeline_id = pipeline_id or default_pipeline_id(session)
    if pipeline_id is None:
        return Board(None, [], now)
    columns = [Column(st) for st in stages(session, pipeline_id)]
    by_stage = {c.stage.id: c for c in columns}
    q = (
        _cards_query()
        .where(
            Deal.pipeline_id == pipeline_id,
            *deals_seen_by(session, user_id),
        )
        .order_by(Deal.stage_entered_at, Deal.id)
    )
    q = q.where(*board_conditions(f, now))
    for row in session.execute(q):
        col = by_stage.get(row[2])
        if col is None:
            continue
        card = _card(row, col.stage.is_open, col.stage.aging_days, now)
        col.cards.append(card)
        col.count += 1
        col.amount += card.amount
        col.weighted += card.weighted
    return for_user(session, user_id, Board(pipeline_id, columns, now))


def card(session: Session, deal_id: int, now: dt.datetime | None = None) -> Card | None:
    """One deal as the board shows it, after a move: the board moves that card alone
    instead of reading every column again."""
    row = session.execute(_cards_query().where(Deal.id == deal_id)).first()
    if row is None:
        return None
    stage = session.get(Stage, row[2])
    assert stage is not None
    return _card(row, not (stage.is_won or stage.is_lost), stage.aging_days, now or utcnow())


def _entered_order(c: Card) -> tuple[dt.datetime, int]:
    return (c.stage_entered_at or dt.datetime.min.replace(tzinfo=dt.UTC), c.id)


def moved_board(current: Board, new_card: Card | None, deal_id: int) -> Board:
    """``current`` with the deal taken out of its column and ``new_card`` put into its
    new one, in board order (longest in stage first), with both columns' figures
    adjusted. Untouched columns are the same objects, so the board repaints only two."""
    columns: list[Column] = []
    for col in current.columns:
        cards = col.cards
        if any(c.id == deal_id for c in cards):
            cards = [c for c in cards if c.id != deal_id]
        if new_card is not None and col.stage.id == new_card.stage_id:
            key = _entered_order(new_card)
            at = next((i for i, c in enumerate(cards) if _entered_order(c) > key), len(cards))
            cards = [*cards[:at], new_card, *cards[at:]]
        if cards is col.cards:
            columns.append(col)
            continue
        columns.append(
            Column(
                col.stage,
                len(cards),
                figures.total(c.amount for c in cards),  # type: ignore[arg-type]
                figures.total(c.weighted for c in cards),  # type: ignore[arg-type]
                cards,
            )
        )
    return Board(current.pipeline_id, columns, current.at)


# -------------------------------------------------------------------- move
@dataclass(frozen=True)
class DealState:
    """What a move changes on the deal, so that undo can put it back."""

    stage_id: int
    stage_entered_at: dt.datetime
    status: DealStatus
    closed_at: dt.datetime | None
    won_amount: Decimal | None
    lost_reason: ReasonCategory | None
    lost_reason_text: str | None
    pipeline_id: int | None = None
    """Restored by undo too: a move to another pipeline (``pipelines.move_to_pipeline``)
    is taken back like a move between stages."""


@dataclass(frozen=True)
class Moved:
    deal_id: int
    customer_id: int
    from_stage_id: int
    to_stage_id: int
    version: int
    """The deal's version after the move: what the board holds now."""
    before: DealState
    closed_history_id: int | None
    """The history row the move closed (reopened by undo)."""
    history_id: int | None
    """The history row the move opened (deleted by undo)."""


def _state(deal: Deal) -> DealState:
    return DealState(
        deal.stage_id,
        deal.stage_entered_at,
        deal.status,
        deal.closed_at,
        deal.won_amount,
        deal.lost_reason,
        deal.lost_reason_text,
        deal.pipeline_id,
    )


def _apply(deal: Deal, state: DealState) -> dict[str, tuple[Any, Any]]:
    changes: dict[str, tuple[Any, Any]] = {}
    for name in DealState.__dataclass_fields__:
        old, new = getattr(deal, name), getattr(state, name)
        if name == "pipeline_id" and new is None:
            continue
        if old != new:
            changes[name] = (old, new)
            setattr(deal, name, new)
    return changes


def deals_seen_by(session: Session, user_id: int | None) -> list[Any]:
    """WHERE terms keeping the deals ``user_id`` may see: those of the customers they
    see, and their own (none for someone who sees every customer)."""
    ids = access.visible_ids(session, user_id)
    if ids is None:
        return []
    return [Deal.customer_id.in_(ids) | (Deal.owner_id == user_id)]


def _check_may_edit(s: Session, user_id: int | None) -> None:
    access.check_may_write(s, user_id)


def editable_deal(s: Session, user_id: int | None, deal_id: int, seen_version: int) -> Deal:
    """The deal ``user_id`` may change, as last seen at ``seen_version``: ConflictError
    when it changed or went (deleted) meanwhile."""
    _check_may_edit(s, user_id)
    deal = s.get(Deal, deal_id)
    if deal is not None:
        access.check_may_edit_deal(s, user_id, deal.id)
    if deal is not None and deal.deleted_at is not None:
        deal = None
    expect_version(deal, seen_version)
    assert deal is not None
    return deal


def new_stay(
    s: Session,
    deal_id: int,
    pipeline_id: int,
    stage_id: int,
    at: dt.datetime,
    user_id: int | None,
) -> tuple[int | None, DealStageHistory]:
    """Close the deal's open stay in the stage history at ``at`` and open one in
    ``stage_id``; returns the closed row's id and the new row (what undo needs)."""
    closed_id = s.scalar(
        select(DealStageHistory.id)
        .where(DealStageHistory.deal_id == deal_id, DealStageHistory.left_at.is_(None))
        .order_by(DealStageHistory.entered_at.desc(), DealStageHistory.id.desc())
        .limit(1)
    )
    s.execute(
        update(DealStageHistory)
        .where(DealStageHistory.deal_id == deal_id, DealStageHistory.left_at.is_(None))
        .values(left_at=at)
    )
    row = DealStageHistory(
        deal_id=deal_id, pipeline_id=pipeline_id, stage_id=stage_id, entered_at=at, user_id=user_id
    )
    s.add(row)
    return closed_id, row


def move_deal(
    db: Database,
    user_id: int | None,
    deal_id: int,
    stage_id: int,
    seen_version: int,
    *,
    reason: ReasonCategory | str | None = None,
    reason_text: str | None = None,
    won_amount: Decimal | str | None = None,
    now: dt.datetime | None = None,
) -> Moved:
    """Move a deal to another stage of its pipeline: closes the open stay in the stage
    history and opens a new one, sets status, closing time and the won or lost fields,
    and writes the audit log. Lost needs a reason category; won takes the final amount
    (the deal's amount when none is given). ConflictError when the deal changed since
    ``seen_version`` was read."""
    category = ReasonCategory(reason) if reason else None
    text = (reason_text or "").strip() or None
    if text is not None and len(text) > 2000:
        raise ValidationError("the reason is too long", field="reason_text")
    final = validation.amount(won_amount, "won_amount")

    def work(s: Session) -> Moved:
        deal = editable_deal(s, user_id, deal_id, seen_version)
        target = s.get(Stage, stage_id)
        if target is None or target.pipeline_id != deal.pipeline_id:
            raise ValidationError("that stage is not in this deal's pipeline", field="stage")
        if target.id == deal.stage_id:
            raise ValidationError("the deal is already in this stage", field="stage")
        if target.is_lost and category is None:
            raise ValidationError("say why the deal was lost", field="reason")
        at = now or utcnow()
        before = _state(deal)
        closed_id, row = new_stay(s, deal.id, deal.pipeline_id, target.id, at, user_id)
        status = (
            DealStatus.WON
            if target.is_won
            else DealStatus.LOST
            if target.is_lost
            else DealStatus.OPEN
        )
        after = DealState(
            stage_id=target.id,
            stage_entered_at=at,
            status=status,
            closed_at=at if status is not DealStatus.OPEN else None,
            won_amount=(final if final is not None else deal.amount) if target.is_won else None,
            lost_reason=category if target.is_lost else None,
            lost_reason_text=text if target.is_lost else None,
            pipeline_id=deal.pipeline_id,
        )
        changes = _apply(deal, after)
        s.flush()
        audit.record(s, user_id, AuditAction.UPDATE, "deal", deal.id, changes, note="move")
        return Moved(
            deal.id,
            deal.customer_id,
            before.stage_id,
            target.id,
            deal.version,
            before,
            closed_id,
            row.id,
        )

    return db.run_write(work)


def undo_move(db: Database, user_id: int | None, moved: Moved) -> Moved:
    """Take back a move: the deal returns to its former stage and fields, the stay the
    move opened is removed from the history and the one it closed is open again. Refused
    (ConflictError) when the deal changed after the move."""

    def work(s: Session) -> Moved:
        _check_may_edit(s, user_id)
        deal = s.get(Deal, moved.deal_id)
        if deal is not None:
            access.check_may_edit_deal(s, user_id, deal.id)
        expect_version(deal, moved.version)
        assert deal is not None
        after = _state(deal)
        if moved.history_id is not None:
            s.execute(
                DealStageHistory.__table__.delete().where(DealStageHistory.id == moved.history_id)
            )
        if moved.closed_history_id is not None:
            s.execute(
                update(DealStageHistory)
                .where(DealStageHistory.id == moved.closed_history_id)
                .values(left_at=None)
            )
        changes = _apply(deal, moved.before)
        s.flush()
        audit.record(s, user_id, AuditAction.UPDATE, "deal", deal.id, changes, note="undo move")
        return Moved(
            deal.id,
            deal.customer_id,
            moved.to_stage_id,
            moved.from_stage_id,
            deal.version,
            after,
            None,
            None,
        )

    return db.run_write(work)


# ---------------------------------------------------------------- forecast
@dataclass(frozen=True)
class ForecastRow:
    owner_id: int | None
    owner_name: str | None
    by_month: list[Decimal]
    total: Decimal


@dataclass(frozen=True)
class Forecast:
    months: list[dt.date]
    """First day of each month, this month first."""
    rows: list[ForecastRow]
    totals: list[Decimal]


def _in_pipeline(pipeline_id: int | None) -> list[Any]:
    """The condition for one pipeline's deals; none for all pipelines."""
    return [] if pipeline_id is None else [Deal.pipeline_id == pipeline_id]


def _add_months(day: dt.date, n: int) -> dt.date:
    m = day.month - 1 + n
    return dt.date(day.year + m // 12, m % 12 + 1, 1)


def forecast(
    session: Session,
    pipeline_id: int | None = None,
    today: dt.date | None = None,
    months: int = FORECAST_MONTHS,
    *,
    user_id: int | None = None,
) -> Forecast:
    """Weighted amount of the open deals by expected close month, this month and the next
    ``months - 1``, by owner (owners in name order; deals without an owner last), of one
    pipeline or, with ``pipeline_id`` None, of all of them (the sum of each one's); the
    deals ``user_id`` may see (those of the board)."""
    today = today or dt.date.today()
    first = today.replace(day=1)
    month_starts = [_add_months(first, i) for i in range(months)]
    end = _add_months(first, months)
    year = func.extract("year", Deal.expected_close)
    month = func.extract("month", Deal.expected_close)
    weighted = func.sum(type_coerce(Deal.amount, BigInteger) * _probability())
    q = (
        select(Deal.owner_id, User.display_name, year, month, weighted)
        .join(Stage, Stage.id == Deal.stage_id)
        .outerjoin(User, User.id == Deal.owner_id)
        .where(
            *_in_pipeline(pipeline_id),
            *deals_seen_by(session, user_id),
            Deal.status == DealStatus.OPEN,
            Deal.deleted_at.is_(None),
            Deal.expected_close >= first,
            Deal.expected_close < end,
        )
        .group_by(Deal.owner_id, User.display_name, year, month)
    )
    index = {(d.year, d.month): i for i, d in enumerate(month_starts)}
    owners: dict[int | None, tuple[str | None, list[Decimal]]] = {}
    for owner_id, name, y, m, raw in session.execute(q):
        _, amounts = owners.setdefault(owner_id, (name, [Decimal("0.00")] * months))
        amounts[index[(int(y), int(m))]] += _weighted(raw)
    rows = [
        ForecastRow(oid, name, amounts, sum(amounts, Decimal("0.00")))
        for oid, (name, amounts) in sorted(
            owners.items(), key=lambda kv: (kv[0] is None, kv[1][0] or "", kv[0] or 0)
        )
    ]
    totals = [sum((r.by_month[i] for r in rows), Decimal("0.00")) for i in range(months)]
    return Forecast(month_starts, rows, totals)


# ------------------------------------------------------------------ health
@dataclass(frozen=True)
class StageFigures:
    stage: StageInfo
    count: int
    """Deals now in the stage (won and lost: all, whenever closed)."""
    amount: Decimal
    weighted: Decimal
    avg_days: float | None
    """Average length of the finished stays in the stage, in days."""
    entered: int
    """Deals that ever entered the stage."""
    advanced: int
    """Of those, deals that later reached a further stage (a later open stage or won)."""

    @property
    def conversion(self) -> float | None:
        """Share of the deals that entered this stage and went on; None for won and lost."""
        if not self.stage.is_open or not self.entered:
            return None
        return self.advanced / self.entered

    def as_dict(self) -> dict[str, Any]:
        return {
            "stage_id": self.stage.id,
            "pipeline_id": self.stage.pipeline_id,
            "key": self.stage.key,
            "name": self.stage.name,
            "probability": self.stage.probability,
            "count": self.count,
            "amount": figures.text(self.amount),
            "weighted": figures.text(self.weighted),
            "avg_days_in_stage": None if self.avg_days is None else round(self.avg_days, 2),
            "entered": self.entered,
            "advanced": self.advanced,
            "conversion_to_next": (None if self.conversion is None else round(self.conversion, 4)),
        }


def _days_between(session: Session, start: Any, end: Any) -> Any:
    if session.get_bind().dialect.name == "sqlite":
        return func.julianday(end) - func.julianday(start)
    return func.extract("epoch", end - start) / 86400.0


def stage_figures(
    session: Session, pipeline_id: int | None = None, *, user_id: int | None = None
) -> list[StageFigures]:
    """Per stage: the deals in it now (count, amount, weighted amount), the average stay
    and the conversion to the next stage, from the stage history, of the deals ``user_id``
    may see. ``pipeline_id`` None: the stages of every active pipeline, pipeline after
    pipeline (``StageInfo.pipeline_id`` says whose)."""
    if pipeline_id is None:
        return [
            f
            for pid in session.scalars(
                select(Pipeline.id)
                .where(Pipeline.active.is_(True))
                .order_by(Pipeline.is_default.desc(), Pipeline.sort_order, Pipeline.id)
            )
            for f in stage_figures(session, pid, user_id=user_id)
        ]
    infos = stages(session, pipeline_id)
    seen = deals_seen_by(session, user_id)
    H = DealStageHistory
    seen_history = [H.deal_id.in_(select(Deal.id).where(*seen))] if seen else []
    shown = case(
        (Deal.status == DealStatus.WON, func.coalesce(Deal.won_amount, Deal.amount)),
        else_=Deal.amount,
    )
    now_rows = session.execute(
        select(
            Deal.stage_id,
            func.count(),
            func.sum(type_coerce(shown, BigInteger)),
            func.sum(type_coerce(shown, BigInteger) * _probability()),
        )
        .join(Stage, Stage.id == Deal.stage_id)
        .where(Deal.pipeline_id == pipeline_id, Deal.deleted_at.is_(None), *seen)
        .group_by(Deal.stage_id)
    )
    current = {sid: (n, cents, w) for sid, n, cents, w in now_rows}

    dwell = session.execute(
        select(H.stage_id, func.avg(_days_between(session, H.entered_at, H.left_at)))
        .where(H.pipeline_id == pipeline_id, H.left_at.is_not(None), *seen_history)
        .group_by(H.stage_id)
    )
    avg_days = {sid: (float(v) if v is not None else None) for sid, v in dwell}

    entered = dict(
        session.execute(
            select(H.stage_id, func.count(func.distinct(H.deal_id)))
            .where(H.pipeline_id == pipeline_id, *seen_history)
            .group_by(H.stage_id)
        ).all()
    )
    H2 = aliased(DealStageHistory)
    S1 = aliased(Stage)
    S2 = aliased(Stage)
    later = exists(
        select(literal(1))
        .select_from(H2)
        .join(S2, S2.id == H2.stage_id)
        .where(
            H2.deal_id == H.deal_id,
            H2.entered_at >= H.entered_at,
            S2.is_lost.is_(False),
            (S2.is_won.is_(True)) | (S2.sort_order > S1.sort_order),
        )
    )
    advanced = dict(
        session.execute(
            select(H.stage_id, func.count(func.distinct(H.deal_id)))
            .join(S1, S1.id == H.stage_id)
            .where(
                H.pipeline_id == pipeline_id,
                S1.is_won.is_(False),
                S1.is_lost.is_(False),
                later,
                *seen_history,
            )
            .group_by(H.stage_id)
        ).all()
    )
    out = []
    for st in infos:
        n, cents, w = current.get(st.id, (0, 0, 0))
        out.append(
            StageFigures(
                stage=st,
                count=int(n),
                amount=_cents(cents),
                weighted=_weighted(w),
                avg_days=avg_days.get(st.id),
                entered=int(entered.get(st.id, 0)),
                advanced=int(advanced.get(st.id, 0)),
            )
        )
    return out


@dataclass(frozen=True)
class LostReasons:
    start: dt.datetime
    end: dt.datetime
    count: dict[ReasonCategory | None, int]
    amount: dict[ReasonCategory | None, Decimal]


def lost_reasons(
    session: Session,
    start: dt.datetime,
    end: dt.datetime,
    pipeline_id: int | None = None,
    *,
    user_id: int | None = None,
) -> LostReasons:
    """Deals lost in [start, end) by reason category (None: recorded without one), in one
    pipeline or, with ``pipeline_id`` None, in all; of the deals ``user_id`` may see."""
    rows = session.execute(
        select(Deal.lost_reason, func.count(), func.sum(type_coerce(Deal.amount, BigInteger)))
        .where(
            *_in_pipeline(pipeline_id),
            *deals_seen_by(session, user_id),
            Deal.status == DealStatus.LOST,
            Deal.deleted_at.is_(None),
            Deal.closed_at >= literal(start, UTCDateTime),
            Deal.closed_at < literal(end, UTCDateTime),
        )
        .group_by(Deal.lost_reason)
    )
    count: dict[ReasonCategory | None, int] = dict.fromkeys(ReasonCategory, 0)
    amount: dict[ReasonCategory | None, Decimal] = dict.fromkeys(ReasonCategory, Decimal("0.00"))
    for reason, n, cents in rows:
        count[reason] = int(n)
        amount[reason] = _cents(cents)
    return LostReasons(start, end, count, amount)


def for_user(session: Session, user_id: int | None, value: Any) -> Any:
    """A board, card, forecast, list of stage figures or lost reasons as ``user_id`` may
    see it: the money blank (None) without the right to see financial figures."""
    if figures.may_see_financials(session, user_id):
        return value
    if isinstance(value, Board):
        columns = [
            replace(c, amount=None, weighted=None, cards=figures.blank_all(c.cards, *_MONEY))
            for c in value.columns
        ]
        return replace(value, columns=columns)
    if isinstance(value, Card):
        return figures.blank(value, *_MONEY)
    if isinstance(value, Forecast):
        rows = [replace(r, by_month=[None] * len(r.by_month), total=None) for r in value.rows]
        return replace(value, rows=rows, totals=[None] * len(value.totals))
    if isinstance(value, LostReasons):
        return replace(value, amount=figures.blank_values(value.amount))
    if isinstance(value, list):
        return figures.blank_all(value, *_MONEY)  # stage figures
    raise TypeError(f"no money to hide in {type(value).__name__}")


_MONEY = ("amount", "weighted")


# ---------------------------------------------------------- stage settings
@dataclass(frozen=True)
class StageData:
    """What Settings ▸ Pipeline edits about a stage."""

    name: str
    probability: int
    color: str | None = None
    is_won: bool = False
    is_lost: bool = False
    aging_days: int = 14


def _check_admin(s: Session, user_id: int | None) -> None:
    if user_id is None:
        return
    role = s.scalar(select(User.role).where(User.id == user_id))
    if role not in (Role.ADMIN, Role.MANAGER):
        raise PermissionDenied("only an administrator or a manager changes the stages")


def _valid_stage(data: StageData) -> StageData:
    name = data.name.strip()
    if not name or len(name) > 100:
        raise ValidationError("a stage needs a name of at most 100 characters", field="name")
    if not 0 <= data.probability <= 100:
        raise ValidationError("the probability is a percentage, 0 to 100", field="probability")
    if data.is_won and data.is_lost:
        raise ValidationError("a stage is won or lost, not both", field="is_won")
    if not 0 <= data.aging_days <= 3650:
        raise ValidationError("aging takes 0 to 3650 days", field="aging_days")
    if data.color is not None and not (
        len(data.color) in (4, 7, 9)
        and data.color.startswith("#")
        and all(c in "0123456789abcdefABCDEF" for c in data.color[1:])
    ):
        raise ValidationError(
            "{value} is not a colour such as #4fc3f7", field="color", value=data.color
        )
    return StageData(name, data.probability, data.color, data.is_won, data.is_lost, data.aging_days)


def save_stage(
    db: Database,
    user_id: int | None,
    pipeline_id: int,
    data: StageData,
    stage_id: int | None = None,
    seen_version: int | None = None,
) -> int:
    """Create a stage (last of the open ones, before won and lost) or change one; a
    pipeline keeps at most one won and one lost stage. Returns the stage id."""
    data = _valid_stage(data)

    def work(s: Session) -> int:
        _check_admin(s, user_id)
        if stage_id is None:
            stage = Stage(pipeline_id=pipeline_id)
            last = s.scalar(
                select(func.max(Stage.sort_order)).where(Stage.pipeline_id == pipeline_id)
            )
            stage.sort_order = (last or 0) + 1
            old: dict[str, Any] = {}
        else:
            found = s.get(Stage, stage_id)
            expect_version(found, seen_version if seen_version is not None else -1)
            assert found is not None
            stage = found
            old = {k: getattr(stage, k) for k in StageData.__dataclass_fields__}
        for flag in ("is_won", "is_lost"):
            if getattr(data, flag):
                other = s.scalar(
                    select(Stage.id).where(
                        Stage.pipeline_id == pipeline_id,
                        getattr(Stage, flag).is_(True),
                        Stage.id != (stage_id or 0),
                    )
                )
                if other is not None:
                    raise ValidationError(
                        "this pipeline already has a won stage"
                        if flag == "is_won"
                        else "this pipeline already has a lost stage",
                        field=flag,
                    )
        if stage_id is not None and (data.is_won, data.is_lost) != (
            stage.is_won,
            stage.is_lost,
        ):
            in_use = s.scalar(select(func.count()).where(Deal.stage_id == stage_id)) or 0
            if in_use:
                raise ValidationError(
                    "deals are in this stage: move them before making it won or lost",
                    field="is_won",
                )
        changes = {}
        for key in StageData.__dataclass_fields__:
            value = getattr(data, key)
            if old.get(key) != value:
                changes[key] = (old.get(key), value)
            setattr(stage, key, value)
        s.add(stage)
        s.flush()
        action = AuditAction.CREATE if stage_id is None else AuditAction.UPDATE
        audit.record(s, user_id, action, "stage", stage.id, changes)
        return stage.id

    return db.run_write(work)


def reorder_stages(
    db: Database, user_id: int | None, pipeline_id: int, stage_ids: list[int]
) -> None:
    """Put the pipeline's stages in this order (all of them, each once)."""

    def work(s: Session) -> None:
        _check_admin(s, user_id)
        stages_ = {
            st.id: st for st in s.scalars(select(Stage).where(Stage.pipeline_id == pipeline_id))
        }
        if sorted(stage_ids) != sorted(stages_):
            raise ValidationError("give every stage of the pipeline once", field="order")
        for order, sid in enumerate(stage_ids):
            if stages_[sid].sort_order != order:
                audit.record(
                    s,
                    user_id,
                    AuditAction.UPDATE,
                    "stage",
                    sid,
                    {"sort_order": (stages_[sid].sort_order, order)},
                )
                stages_[sid].sort_order = order

    db.run_write(work)


def delete_stage(
    db: Database,
    user_id: int | None,
    stage_id: int,
    seen_version: int,
    move_to: int | None = None,
) -> int:
    """Delete a stage. One holding deals (or history) is refused unless ``move_to``
    names another stage of the pipeline: then its deals move there (status following the
    target) and its history is counted as the target's. Returns how many deals moved."""

    def work(s: Session) -> int:
        _check_admin(s, user_id)
        stage = s.get(Stage, stage_id)
        expect_version(stage, seen_version)
        assert stage is not None
        deals = list(s.scalars(select(Deal).where(Deal.stage_id == stage_id)))
        history = s.scalar(select(func.count()).where(DealStageHistory.stage_id == stage_id)) or 0
        if (deals or history) and move_to is None:
            raise ValidationError(
                "{count} deal(s) are in this stage: choose where they go",
                field="move_to",
                count=len(deals),
            )
        if deals or history:
            target = s.get(Stage, move_to)
            if target is None or target.pipeline_id != stage.pipeline_id or target.id == stage_id:
                raise ValidationError("choose another stage of the same pipeline", field="move_to")
            if target.is_lost and deals:
                raise ValidationError(
                    "deals cannot be moved to lost without a reason", field="move_to"
                )
            status = DealStatus.WON if target.is_won else DealStatus.OPEN
            at = utcnow()
            for deal in deals:
                deal.stage_id = target.id
                if deal.status is not status:
                    deal.status = status
                    deal.closed_at = at if status is DealStatus.WON else None
                    if status is DealStatus.WON and deal.won_amount is None:
                        deal.won_amount = deal.amount
            s.execute(
                update(DealStageHistory)
                .where(DealStageHistory.stage_id == stage_id)
                .values(stage_id=target.id)
            )
            s.flush()
        audit.record(
            s,
            user_id,
            AuditAction.DELETE,
            "stage",
            stage_id,
            {"name": (stage.name, None)},
            note=f"deals moved to stage {move_to}" if deals else None,
        )
        s.delete(stage)
        return len(deals)

    return db.run_write(work)


@dataclass(frozen=True)
class StageRow:
    """A stage as Settings lists it: its fields, version and how many deals it holds."""

    stage: StageInfo
    version: int
    deals: int
    in_use: bool
    """Deals or stage history refer to it: deleting it needs a stage to move them to."""


def stage_rows(session: Session, pipeline_id: int) -> list[StageRow]:
    """Every stage of the pipeline in board order, with its version and deal count."""
    versions: dict[int, int] = {
        sid: v
        for sid, v in session.execute(
            select(Stage.id, Stage.version).where(Stage.pipeline_id == pipeline_id)
        )
    }
    counts: dict[int, int] = {
        sid: n
        for sid, n in session.execute(
            select(Deal.stage_id, func.count())
            .join(Stage, Stage.id == Deal.stage_id)
            .where(Stage.pipeline_id == pipeline_id)
            .group_by(Deal.stage_id)
        )
    }
    with_history = set(
        session.scalars(
            select(DealStageHistory.stage_id)
            .where(DealStageHistory.pipeline_id == pipeline_id)
            .distinct()
        )
    )
    return [
        StageRow(
            st,
            int(versions[st.id]),
            int(counts.get(st.id, 0)),
            bool(counts.get(st.id)) or st.id in with_history,
        )
        for st in stages(session, pipeline_id)
    ]

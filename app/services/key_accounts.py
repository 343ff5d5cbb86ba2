"""Key-account cards [客户策略卡、客户月评卡]: for each key account (app.services.teams), a
strategy card kept on the customer — goals and plans, how it buys and decides, volumes,
needs, budget, competitors, next steps, our team and the counterparts of its people — and
a monthly review card computed from the data: the month's orders, margin, payments, what
is overdue at the month's end, contacts by kind, complaints, satisfaction and deals
moved, with a manager's comment (``key_account_reviews``).

Whoever sees the customer reads both cards; whoever may change the customer's file
changes the strategy; a manager writes the review comment. A user without the right to
see financial figures gets the money figures as None.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, fields
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import ValidationError
from app.models import (
    Activity,
    Customer,
    CustomerSegment,
    Deal,
    DealStageHistory,
    KeyAccountReview,
    Order,
    Payment,
    ServiceCase,
    Setting,
    User,
    UTCDateTime,
    utcnow,
)
from app.models.enums import ActivityKind, AuditAction, DealStatus

from . import access, audit, credit, figures, margins, teams, validation
from .concurrency import expect_version
from .monthly import month_period
from .segments import Period

STRATEGY_FIELDS = (
    "goals_plans",
    "buying_method",
    "decision_process",
    "volumes",
    "needs",
    "budget",
    "competitors",
    "next_steps",
)
"""The strategy card's own fields, in the card's order (columns of ``customers``)."""
TEXT_MAX = 20_000
COMMENT_MAX = 5_000


# ------------------------------------------------------------------ strategy card
@dataclass(frozen=True)
class StrategyData:
    goals_plans: str | None = None
    buying_method: str | None = None
    decision_process: str | None = None
    volumes: str | None = None
    needs: str | None = None
    budget: Decimal | str | None = None
    competitors: str | None = None
    next_steps: str | None = None


@dataclass(frozen=True)
class StrategyCard:
    customer_id: int
    number: str
    name: str
    version: int
    data: StrategyData
    team: teams.Team
    key_account: bool
    """Marked a key account, starred ★ or of class A."""
    abc_class: str | None = None
    starred: bool = False


def strategy(session: Session, user_id: int | None, customer_id: int) -> StrategyCard:
    access.check_may_see_customer(session, user_id, customer_id)
    c = session.get(Customer, customer_id)
    if c is None:
        raise ValidationError("no customer {name}", name=str(customer_id))
    seg = session.get(CustomerSegment, customer_id)
    data = StrategyData(**{f: getattr(c, f) for f in STRATEGY_FIELDS})
    if not figures.may_see_financials(session, user_id):
        data = StrategyData(**{**{f: getattr(data, f) for f in STRATEGY_FIELDS}, "budget": None})
    team = teams.team(session, user_id, customer_id)
    return StrategyCard(
        c.id,
        c.number,
        c.name,
        c.version,
        data,
        team,
        team.key_account,
        seg.abc_class if seg else None,
        bool(seg.starred) if seg else False,
    )


def _clean(data: StrategyData) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for f in fields(StrategyData):
        raw = getattr(data, f.name)
        if f.name == "budget":
            values[f.name] = validation.amount(raw, "budget")
        else:
            values[f.name] = validation.text(raw, f.name, TEXT_MAX)
    return values


def save_strategy(
    db: Database, user_id: int | None, customer_id: int, version: int, data: StrategyData
) -> int:
    """Store the strategy card's fields on the customer; returns the customer's new
    version. ConflictError when someone saved the customer since ``version``."""
    values = _clean(data)

    def work(s: Session) -> int:
        access.check_may_edit_customer(s, user_id, customer_id)
        c = s.get(Customer, customer_id)
        if c is None:
            raise ValidationError("no customer {name}", name=str(customer_id))
        expect_version(c, version)
        if not figures.may_see_financials(s, user_id):
            values.pop("budget")  # not shown to them, so not theirs to clear
        changes = {k: (getattr(c, k), v) for k, v in values.items() if getattr(c, k) != v}
        for k, (_old, new) in changes.items():
            setattr(c, k, new)
        if changes:
            s.flush()
            audit.record(s, user_id, AuditAction.UPDATE, "customer", customer_id, changes)
        return c.version

    return db.run_write(work)


# ------------------------------------------------------------------ review card
@dataclass(frozen=True)
class ReviewCard:
    customer_id: int
    month: dt.date
    """First day of the month."""
    orders: int
    sales: Decimal | None
    """Orders of the month less its returns."""
    margin: Decimal | None
    margin_share: Decimal | None
    """Margin as a percentage of net sales."""
    payments: Decimal | None
    overdue: Decimal | None
    """Owed past due at the month's end (or today, for the running month)."""
    contacts: dict[str, int] = field(default_factory=dict)
    """The month's activities by kind."""
    complaints_opened: int = 0
    complaints_resolved: int = 0
    complaints_open: int = 0
    """Cases still open at the month's end."""
    satisfaction: float | None = None
    satisfaction_answers: int = 0
    deals_moved: int = 0
    """Deals of the customer that entered a stage in the month."""
    deals_won: int = 0
    won_amount: Decimal | None = None
    deals_lost: int = 0
    comment: str | None = None
    comment_by: str | None = None
    comment_at: dt.datetime | None = None
    comment_version: int | None = None

    @property
    def contacts_total(self) -> int:
        return sum(self.contacts.values())

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if isinstance(v, Decimal):
                v = str(v)
            elif isinstance(v, dt.date | dt.datetime):
                v = v.isoformat()
            out[f.name] = v
        return out


def _in(col: Any, period: Period) -> list[Any]:
    from sqlalchemy import literal

    return [
        col >= literal(period.start_at(), UTCDateTime),
        col < literal(period.end_before(), UTCDateTime),
    ]


def review(
    session: Session,
    user_id: int | None,
    customer_id: int,
    month: str | dt.date,
    today: dt.date | None = None,
) -> ReviewCard:
    """The monthly review card of ``customer_id`` for ``month`` (``YYYY-MM`` or a day)."""
    access.check_may_see_customer(session, user_id, customer_id)
    period = month_period(month)
    cid = customer_id
    orders = (
        session.scalar(
            select(func.count()).where(
                Order.customer_id == cid,
                Order.deleted_at.is_(None),
                Order.status.not_in(margins.NOT_SALES),
                Order.order_date >= period.start,
                Order.order_date <= period.end,
            )
        )
        or 0
    )
    money = figures.may_see_financials(session, user_id)
    sales = margin = share = paid = overdue = won_amount = None
    if money:
        rows = margins.margins(session, "customer", period.start, period.end, customer_id=cid)
        tot = margins.total(rows)
        sales, margin, share = tot.net_sales, tot.margin, tot.share
        paid = session.scalar(
            select(func.sum(Payment.amount)).where(
                Payment.customer_id == cid,
                Payment.paid_on >= period.start,
                Payment.paid_on <= period.end,
            )
        ) or Decimal("0.00")
        as_of = min(period.end, today or dt.date.today())
        overdue = credit.aging(session, cid, as_of).overdue
    contacts = {
        str(getattr(k, "value", k)): int(n)
        for k, n in session.execute(
            select(Activity.kind, func.count())
            .where(
                Activity.customer_id == cid,
                Activity.kind != ActivityKind.LEVEL_CHANGE,  # the program's, not a contact
                *_in(Activity.occurred_at, period),
            )
            .group_by(Activity.kind)
        )
    }
    score_avg, answers = session.execute(
        select(func.avg(Activity.satisfaction), func.count(Activity.satisfaction)).where(
            Activity.customer_id == cid,
            Activity.satisfaction.is_not(None),
            *_in(Activity.occurred_at, period),
        )
    ).one()
    opened = session.scalar(
        select(func.count()).where(
            ServiceCase.customer_id == cid, *_in(ServiceCase.opened_at, period)
        )
    )
    resolved = session.scalar(
        select(func.count()).where(
            ServiceCase.customer_id == cid, *_in(ServiceCase.resolved_at, period)
        )
    )
    end_at = period.end_before()
    still_open = session.scalar(
        select(func.count()).where(
            ServiceCase.customer_id == cid,
            ServiceCase.opened_at < end_at,
            (ServiceCase.resolved_at.is_(None)) | (ServiceCase.resolved_at >= end_at),
        )
    )
    moved = session.scalar(
        select(func.count(func.distinct(DealStageHistory.deal_id)))
        .join(Deal, Deal.id == DealStageHistory.deal_id)
        .where(
            Deal.customer_id == cid,
            Deal.deleted_at.is_(None),
            *_in(DealStageHistory.entered_at, period),
        )
    )
    closed = {
        DealStatus(st): (int(n), a)
        for st, n, a in session.execute(
            select(Deal.status, func.count(), func.sum(Deal.won_amount))
            .where(
                Deal.customer_id == cid,
                Deal.deleted_at.is_(None),
                Deal.status != DealStatus.OPEN,
                *_in(Deal.closed_at, period),
            )
            .group_by(Deal.status)
        )
    }
    won_n, won_sum = closed.get(DealStatus.WON, (0, None))
    if money:
        won_amount = won_sum if isinstance(won_sum, Decimal) else Decimal(won_sum or 0)
    note = session.execute(
        select(KeyAccountReview, User.display_name)
        .outerjoin(User, User.id == KeyAccountReview.user_id)
        .where(KeyAccountReview.customer_id == cid, KeyAccountReview.month == period.start)
    ).first()
    row, by = (note[0], note[1]) if note else (None, None)
    return ReviewCard(
        cid,
        period.start,
        int(orders),
        sales,
        margin,
        share,
        paid,
        overdue,
        contacts,
        int(opened or 0),
        int(resolved or 0),
        int(still_open or 0),
        round(float(score_avg), 2) if score_avg is not None else None,
        int(answers or 0),
        int(moved or 0),
        won_n,
        won_amount,
        closed.get(DealStatus.LOST, (0, None))[0],
        row.comment if row else None,
        by,
        (row.updated_at or row.created_at) if row else None,
        row.version if row else None,
    )


def save_comment(
    db: Database,
    user_id: int | None,
    customer_id: int,
    month: str | dt.date,
    comment: str | None,
    version: int | None = None,
) -> int:
    """The manager's comment on a month's review card; returns its version. ``version``
    is the comment's as read (None: there was none), so two managers writing at once
    get a conflict rather than one overwriting the other."""
    period = month_period(month)
    text = validation.text(comment, "comment", COMMENT_MAX)

    def work(s: Session) -> int:
        access.check_manager(s, user_id, "comment on a key account's review")
        access.check_may_see_customer(s, user_id, customer_id)
        row = s.scalar(
            select(KeyAccountReview).where(
                KeyAccountReview.customer_id == customer_id,
                KeyAccountReview.month == period.start,
            )
        )
        if row is None:
            if version is not None:
                expect_version(None, version)  # deleted meanwhile
            row = KeyAccountReview(
                customer_id=customer_id, month=period.start, comment=text, user_id=user_id
            )
            s.add(row)
            s.flush()
            audit.record(
                s,
                user_id,
                AuditAction.CREATE,
                "key_account_review",
                customer_id,
                {"comment": (None, text)},
                note=f"{period.start:%Y-%m}",
            )
            return row.version
        expect_version(row, row.version - 1 if version is None else version)
        if row.comment != text:
            old = row.comment
            row.comment, row.user_id, row.updated_at = text, user_id, utcnow()
            s.flush()
            audit.record(
                s,
                user_id,
                AuditAction.UPDATE,
                "key_account_review",
                customer_id,
                {"comment": (old, text)},
                note=f"{period.start:%Y-%m}",
            )
        return row.version

    return db.run_write(work)


# ------------------------------------------------------------------ listing
@dataclass(frozen=True)
class KeyAccount:
    customer_id: int
    number: str
    name: str
    owner: str | None
    team_size: int


def key_accounts(
    session: Session, user_id: int | None, customer_id: int | None = None
) -> list[KeyAccount]:
    """The key accounts ``user_id`` may see, by name (or just ``customer_id``'s, which
    need not be a key account: a card may be made for any customer)."""
    if customer_id is not None:
        access.check_may_see_customer(session, user_id, customer_id)
        q = (
            select(Customer.id, Customer.number, Customer.name, User.display_name)
            .add_columns(teams.team_size())
            .where(Customer.id == customer_id)
        )
    else:
        q = teams.key_accounts_query(
            Customer.id, Customer.number, Customer.name, User.display_name, teams.team_size()
        ).where(access.visible_customers(session, user_id))
    q = q.outerjoin(User, User.id == Customer.owner_id).order_by(Customer.sort_name, Customer.id)
    return [
        KeyAccount(i, num, name, owner, int(n or 0))
        for i, num, name, owner, n in session.execute(q)
    ]


# ------------------------------------------------------------------ workbook
def make_workbook(
    db: Database,
    user_id: int | None,
    month: str | dt.date,
    path: str | os.PathLike[str],
    *,
    customer_id: int | None = None,
    lang: str | None = None,
    today: dt.date | None = None,
    progress: Any = None,
) -> Path:
    """The strategy and review cards of ``month`` as a workbook at ``path``, one sheet
    per key account ``user_id`` sees (or only ``customer_id``'s); an audit row."""
    from app.reports import key_account_workbook
    from app.reports.export import ExportCancelled, currency_format

    from .exports import office_currency

    period = month_period(month)
    with db.session() as s:
        accounts = key_accounts(s, user_id, customer_id)
        cards = []
        for i, account in enumerate(accounts):
            cards.append(
                (
                    strategy(s, user_id, account.customer_id),
                    review(s, user_id, account.customer_id, period.start, today),
                )
            )
            if progress is not None:
                progress(i + 1, len(accounts) * 2, None)
                if getattr(progress, "cancelled", False):
                    raise ExportCancelled("the workbook was cancelled; no file was written")
        money = currency_format(office_currency(s))
        office_lang = s.scalar(select(Setting.value).where(Setting.key == "office.locale"))

    def step(done: int) -> None:
        if progress is not None:
            progress(len(cards) + done, len(cards) * 2, None)

    written = key_account_workbook.write(
        path,
        cards,
        lang=lang or str(office_lang or "en"),
        currency_format=money,
        step=step,
    )
    if db.read_only:
        return written
    db.run_write(
        lambda s: audit.record(
            s,
            user_id,
            AuditAction.EXPORT,
            "key_account_cards",
            customer_id,
            note=f"{period.start:%Y-%m}: {len(cards)} customers to {written.name}",
        )
    )
    return written

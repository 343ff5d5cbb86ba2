"""What the program reminds people of by itself [客户维系]: birthdays and important dates,
return visits after a purchase, and customers who have stopped coming (win-back).

Everything is computed from the data, with a clock passed in (``now``), and every
reminder carries a ``source_key`` that names what it is about (``birthday:customer:7:2027``,
``return_visit:order:42``, ``win_back:customer:7``). Tasks are inserted with
``ON CONFLICT (source_key) DO NOTHING``, so two PCs running ``generate`` on one database,
at the same moment or one after the other, make each reminder exactly once.

Return visits follow each purchase, except the small repeat purchases logged at the
front desk: those follow the customer category's cadence (one return visit per period),
so a daily regular does not get a task a day.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import exists, func, insert, select, update
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import ClientelaError, ValidationError
from app.models import (
    Activity,
    ContactPerson,
    Customer,
    ImportantDate,
    Order,
    Setting,
    Task,
    User,
)
from app.models.enums import (
    ActivityKind,
    AuditAction,
    Lifecycle,
    OrderStatus,
    Priority,
    ReasonCategory,
    TaskKind,
    TaskStatus,
)

from . import audit, teams, validation
from . import settings as office_settings
from .concurrency import expect_version
from .dates import anniversary

DEFAULT_KEY = "default"
EPOCH = dt.date(2000, 1, 3)  # a Monday: cadence periods start from here
DUE_HOUR = 9
RETURN_VISIT_GRACE_DAYS = 7
"""A return visit whose due date passed longer ago than this is not created any more
(a first run over years of imported orders must not bury anyone in old tasks)."""

NOT_FLAGGED = (Lifecycle.AT_RISK, Lifecycle.LOST, Lifecycle.ENDED)

# Setting keys (office-wide, table ``settings``) and their defaults.
S_BIRTHDAY_DAYS = "reminders.birthday_days_ahead"
S_RETURN_VISIT_DAYS = "reminders.return_visit_days"
S_REPEAT_PURCHASE_DAYS = "reminders.repeat_purchase_days"
S_WIN_BACK_FACTOR = "reminders.win_back_factor"
S_WIN_BACK_MIN_PURCHASES = "reminders.win_back_min_purchases"
S_WIN_BACK_FLOOR_DAYS = "reminders.win_back_floor_days"
S_KEY_ACCOUNT_VISITS = "reminders.key_account_monthly_visit"

TITLES: dict[str, dict[str, str]] = {
    "zh": {
        "birthday": "生日问候：{}",
        "date": "{}：{}",
        "return_visit": "购后回访：{}",
        "regular_visit": "大客户例行拜访：{}",
        "win_back": "挽回流失客户：{}",
        "bought_again": "客户已再次购买",
    },
    "es": {
        "birthday": "Felicitar cumpleaños: {}",
        "date": "{}: {}",
        "return_visit": "Llamada postventa: {}",
        "regular_visit": "Visita mensual a cliente clave: {}",
        "win_back": "Recuperar cliente: {}",
        "bought_again": "El cliente ha vuelto a comprar",
    },
    "en": {
        "birthday": "Birthday greetings: {}",
        "date": "{}: {}",
        "return_visit": "Post-purchase call: {}",
        "regular_visit": "Monthly key-account visit: {}",
        "win_back": "Win back: {}",
        "bought_again": "The customer bought again",
    },
}


@dataclass(frozen=True)
class ReminderSettings:
    """The office's reminder rules; every number has a default and a settings row."""

    birthday_days_ahead: int = 3
    return_visit_days: Mapping[str, int] = field(default_factory=lambda: {DEFAULT_KEY: 7})
    """Days after a purchase, per customer category (``default`` for the others)."""
    repeat_purchase_days: Mapping[str, int] = field(default_factory=lambda: {DEFAULT_KEY: 30})
    """For small repeat purchases at the desk: one return visit per this many days."""
    win_back_factor: float = 2.0
    win_back_min_purchases: int = 3
    key_account_monthly_visit: bool = True
    """Key accounts get a regular visit every month (unless visited already)."""
    win_back_floor_days: int = 90
    """The usual interval assumed at least for a customer with fewer than
    ``win_back_min_purchases`` purchases (one purchase tells no cycle)."""

    def return_visit_after(self, category: str | None) -> int:
        return _per_category(self.return_visit_days, category, 7)

    def repeat_purchase_cadence(self, category: str | None) -> int:
        return _per_category(self.repeat_purchase_days, category, 30)

    def usual_interval(self, purchases: int, first: dt.date, last: dt.date) -> float:
        """The customer's own purchase cycle, in days: the mean gap between purchases,
        at least a week; with few purchases, at least the floor."""
        mean = (last - first).days / (purchases - 1) if purchases > 1 else 0.0
        if purchases < self.win_back_min_purchases:
            return max(mean, float(self.win_back_floor_days))
        return max(mean, 7.0)

    def at_risk_after(self, purchases: int, first: dt.date, last: dt.date) -> int:
        """Days without a purchase after which the customer is flagged."""
        return math.ceil(self.usual_interval(purchases, first, last) * self.win_back_factor)


def _per_category(table: Mapping[str, int], category: str | None, fallback: int) -> int:
    if category is not None and category in table:
        return table[category]
    return table.get(DEFAULT_KEY, fallback)


def _int(value: Any, default: int, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return default
    n = int(value)
    return n if lo <= n <= hi else default


def _table(value: Any, default: int) -> dict[str, int]:
    out = {DEFAULT_KEY: default}
    if isinstance(value, int | float) and not isinstance(value, bool):
        out[DEFAULT_KEY] = _int(value, default, 1, 3650)
    elif isinstance(value, dict):
        for k, v in value.items():
            n = _int(v, -1, 1, 3650)
            if isinstance(k, str) and n > 0:
                out[k] = n
    return out


def load_settings(session: Session) -> ReminderSettings:
    """The reminder rules from the settings table; a missing or unusable value keeps its
    default (a typo in one setting must not stop every reminder)."""
    rows = office_settings.read(session, "reminders.")
    factor = rows.get(S_WIN_BACK_FACTOR)
    return ReminderSettings(
        birthday_days_ahead=_int(rows.get(S_BIRTHDAY_DAYS), 3, 0, 60),
        return_visit_days=_table(rows.get(S_RETURN_VISIT_DAYS), 7),
        repeat_purchase_days=_table(rows.get(S_REPEAT_PURCHASE_DAYS), 30),
        win_back_factor=(
            float(factor)
            if isinstance(factor, int | float)
            and not isinstance(factor, bool)
            and 1 <= factor <= 20
            else 2.0
        ),
        win_back_min_purchases=_int(rows.get(S_WIN_BACK_MIN_PURCHASES), 3, 2, 100),
        win_back_floor_days=_int(rows.get(S_WIN_BACK_FLOOR_DAYS), 90, 1, 3650),
        key_account_monthly_visit=rows.get(S_KEY_ACCOUNT_VISITS) is not False,
    )


def _check_table(table: Mapping[str, int], field: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for key, days in table.items():
        name = str(key).strip()
        if not name:
            continue
        if len(name) > 60:
            raise ValidationError("a customer category has at most 60 characters", field=field)
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 3650:
            raise ValidationError("give the days as a whole number, 1 to 3650", field=field)
        out[name] = days
    if DEFAULT_KEY not in out:
        raise ValidationError("give the days for customers of any category", field=field)
    return out


def save_settings(db: Database, user_id: int | None, rules: ReminderSettings) -> list[str]:
    """Store the office's reminder rules (administrators and managers); returns the keys
    that changed. Out-of-range numbers are refused with the field named, not clamped:
    the person sees what was not accepted."""

    def whole(value: int, lo: int, hi: int, field: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            raise ValidationError(
                "give a whole number from {lo} to {hi}", field=field, lo=lo, hi=hi
            )
        return value

    factor = rules.win_back_factor
    if isinstance(factor, bool) or not isinstance(factor, int | float) or not 1 <= factor <= 20:
        raise ValidationError("the factor is a number from 1 to 20", field="win_back_factor")
    values: dict[str, Any] = {
        S_BIRTHDAY_DAYS: whole(rules.birthday_days_ahead, 0, 60, "birthday_days_ahead"),
        S_RETURN_VISIT_DAYS: _check_table(rules.return_visit_days, "return_visit_days"),
        S_REPEAT_PURCHASE_DAYS: _check_table(rules.repeat_purchase_days, "repeat_purchase_days"),
        S_WIN_BACK_FACTOR: float(factor),
        S_WIN_BACK_MIN_PURCHASES: whole(
            rules.win_back_min_purchases, 2, 100, "win_back_min_purchases"
        ),
        S_WIN_BACK_FLOOR_DAYS: whole(rules.win_back_floor_days, 1, 3650, "win_back_floor_days"),
        S_KEY_ACCOUNT_VISITS: bool(rules.key_account_monthly_visit),
    }

    def work(s: Session) -> list[str]:
        office_settings.check_may_change(s, user_id)
        return office_settings.store(s, user_id, values)

    return db.run_write(work)


def titles(session: Session) -> dict[str, str]:
    """Task titles in the office's language (setting ``office.locale``)."""
    locale = session.scalar(select(Setting.value).where(Setting.key == "office.locale"))
    lang = str(locale or "en")[:2]
    return TITLES.get(lang, TITLES["en"])


@dataclass
class Generated:
    """What one run made: new task ids by kind, and the customers newly flagged at risk."""

    birthdays: list[int] = field(default_factory=list)
    dates: list[int] = field(default_factory=list)
    return_visits: list[int] = field(default_factory=list)
    regular_visits: list[int] = field(default_factory=list)
    win_backs: list[int] = field(default_factory=list)
    at_risk: list[int] = field(default_factory=list)
    won_back: list[int] = field(default_factory=list)
    """Customers at risk who bought again: won back, their win-back task done."""

    @property
    def tasks(self) -> list[int]:
        return [
            *self.birthdays,
            *self.dates,
            *self.return_visits,
            *self.regular_visits,
            *self.win_backs,
        ]

    @property
    def changed(self) -> bool:
        return bool(self.tasks or self.at_risk or self.won_back)


def local_today(now: dt.datetime, tz: dt.tzinfo | None = None) -> dt.date:
    if now.tzinfo is None:
        raise ValueError("now needs its time zone")
    return now.astimezone(tz).date() if tz is not None else now.date()


def due_at(day: dt.date, tz: dt.tzinfo, hour: int = DUE_HOUR) -> dt.datetime:
    """``hour`` o'clock office time on ``day``, as UTC."""
    return dt.datetime.combine(day, dt.time(hour), tzinfo=tz).astimezone(dt.UTC)


def generate(db: Database, now: dt.datetime, tz: dt.tzinfo | None = None) -> Generated:
    """Make the reminders due by ``now`` (aware). ``tz`` is the office's time zone, by
    default ``now``'s own: it decides which day "today" is and puts due times at 9:00.

    Reads first, then one short write transaction whose inserts and updates are all
    conditional, so running it twice, or on two PCs at once, changes nothing more."""
    if now.tzinfo is None:
        raise ValueError("now needs its time zone")
    zone = tz or now.tzinfo
    assert zone is not None
    today = now.astimezone(zone).date()
    with db.session() as s:
        rules = load_settings(s)
        words = titles(s)
        birthday_rows = _birthday_rows(s, rules, today, zone, now, words)
        return_rows = _return_visit_rows(s, rules, today, zone, now, words)
        regular_rows = _regular_visit_rows(s, rules, today, zone, now, words)
        risky, returned = _at_risk_candidates(s, rules, today, zone)
        flagged_before = set(
            s.scalars(select(Customer.id).where(Customer.lifecycle == Lifecycle.AT_RISK))
        )
        to_flag = [cid for cid in risky if cid not in flagged_before]

    def work(s: Session) -> Generated:
        out = Generated()
        out.birthdays = _insert(s, [r for r in birthday_rows if r["kind"] is TaskKind.BIRTHDAY])
        out.dates = _insert(s, [r for r in birthday_rows if r["kind"] is not TaskKind.BIRTHDAY])
        out.return_visits = _insert(s, return_rows)
        out.regular_visits = _insert(s, regular_rows)
        flagged: list[int] = []
        for cid in to_flag:  # the UPDATE's own condition settles a race with another PC
            result = s.execute(
                update(Customer)
                .where(
                    Customer.id == cid,
                    Customer.lifecycle.not_in(NOT_FLAGGED),
                    Customer.deleted_at.is_(None),
                )
                .values(lifecycle=Lifecycle.AT_RISK, version=Customer.version + 1, updated_at=now)
                .execution_options(synchronize_session=False)
            )
            if getattr(result, "rowcount", 0) == 1:
                flagged.append(cid)
        out.at_risk = flagged
        for cid in returned:
            result = s.execute(
                update(Customer)
                .where(Customer.id == cid, Customer.lifecycle == Lifecycle.AT_RISK)
                .values(lifecycle=Lifecycle.WON_BACK, version=Customer.version + 1, updated_at=now)
                .execution_options(synchronize_session=False)
            )
            if getattr(result, "rowcount", 0) != 1:
                continue
            out.won_back.append(cid)
            audit.record(
                s,
                None,
                AuditAction.UPDATE,
                "customer",
                cid,
                {"lifecycle": (Lifecycle.AT_RISK, Lifecycle.WON_BACK)},
                note="win-back: bought again",
            )
            s.execute(
                update(Task)
                .where(
                    Task.customer_id == cid,
                    Task.kind == TaskKind.WIN_BACK,
                    Task.status == TaskStatus.OPEN,
                )
                .values(
                    status=TaskStatus.DONE,
                    done_at=now,
                    outcome=words["bought_again"],
                    version=Task.version + 1,
                    updated_at=now,
                )
                .execution_options(synchronize_session=False)
            )
        if flagged:
            for cid in flagged:
                audit.record(
                    s,
                    None,
                    AuditAction.UPDATE,
                    "customer",
                    cid,
                    {"lifecycle": (None, Lifecycle.AT_RISK)},
                    note="win-back: no purchase for longer than usual",
                )
            # A customer won back before and lapsing again: the old win-back task reopens.
            s.execute(
                update(Task)
                .where(
                    Task.source_key.in_([f"win_back:customer:{cid}" for cid in flagged]),
                    Task.status != TaskStatus.OPEN,
                )
                .values(
                    status=TaskStatus.OPEN,
                    done_at=None,
                    outcome=None,
                    snoozed_until=None,
                    due_at=due_at(today, zone),
                    version=Task.version + 1,
                    updated_at=now,
                )
                .execution_options(synchronize_session=False)
            )
        wanted = set(risky)
        at_risk = s.execute(
            select(Customer.id, Customer.name, Customer.owner_id)
            .where(Customer.lifecycle == Lifecycle.AT_RISK, Customer.deleted_at.is_(None))
            .order_by(Customer.id)
        )
        out.win_backs = _insert(
            s,
            [
                _row(
                    f"win_back:customer:{cid}",
                    words["win_back"].format(name),
                    TaskKind.WIN_BACK,
                    cid,
                    owner,
                    due_at(today, zone),
                    now,
                    priority=Priority.HIGH,
                )
                for cid, name, owner in at_risk
                if cid in wanted
            ],
        )
        return out

    return db.run_write(work)


LAST_RUN = "reminders.last_run"


def generate_if_due(
    db: Database, now: dt.datetime, tz: dt.tzinfo | None = None
) -> Generated | None:
    """The first start of the day on any PC makes the day's reminders; later starts that
    day skip the work (about 2 s at 100,000 customers). None when it was already done."""
    day = local_today(now, tz).isoformat()
    with db.session() as s:
        if s.scalar(select(Setting.value).where(Setting.key == LAST_RUN)) == day:
            return None
    result = generate(db, now, tz)

    def mark(s: Session) -> None:
        row = s.get(Setting, LAST_RUN)
        if row is None:
            s.add(Setting(key=LAST_RUN, value=day))
        else:
            row.value = day

    db.run_write(mark)
    return result


def _row(
    key: str,
    title: str,
    kind: TaskKind,
    customer_id: int,
    owner_id: int | None,
    due: dt.datetime,
    now: dt.datetime,
    *,
    contact_id: int | None = None,
    order_id: int | None = None,
    priority: Priority = Priority.NORMAL,
) -> dict[str, Any]:
    return {
        "title": title[:200],
        "kind": kind,
        "customer_id": customer_id,
        "contact_id": contact_id,
        "order_id": order_id,
        "owner_id": owner_id,
        "created_by_id": None,
        "due_at": due,
        "priority": priority,
        "status": TaskStatus.OPEN,
        "source_key": key,
        "version": 1,
        "created_at": now,
        "updated_at": now,
    }


def insert_ignoring_duplicates(session: Session, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert task rows; a row whose ``source_key`` exists already is skipped, also when
    another PC inserts it at the same moment. Returns the ids actually inserted."""
    if not rows:
        return []
    # Most runs find most reminders made already: look them up (indexed) and insert only
    # the rest; ON CONFLICT still settles a race with another PC inserting meanwhile.
    have: set[str | None] = set()
    keys = [r["source_key"] for r in rows]
    for start in range(0, len(keys), 500):
        have.update(
            session.scalars(
                select(Task.source_key).where(Task.source_key.in_(keys[start : start + 500]))
            )
        )
    rows = [r for r in rows if r["source_key"] not in have]
    if not rows:
        return []
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    elif dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:  # pragma: no cover - other servers: checked above, the unique index still guards
        return list(session.scalars(insert(Task).returning(Task.id), rows))
    ids: list[int] = []
    for start in range(0, len(rows), 500):
        chunk = rows[start : start + 500]
        stmt = (
            dialect_insert(Task)
            .values(chunk)
            .on_conflict_do_nothing(index_elements=[Task.source_key])
            .returning(Task.id)
        )
        ids.extend(session.scalars(stmt))
    return ids


_insert = insert_ignoring_duplicates


def _live_customers() -> Any:
    return (
        Customer.deleted_at.is_(None),
        Customer.erased_at.is_(None),
        Customer.lifecycle.not_in((Lifecycle.ENDED,)),
    )


def _birthday_rows(
    s: Session,
    rules: ReminderSettings,
    today: dt.date,
    zone: dt.tzinfo,
    now: dt.datetime,
    words: Mapping[str, str],
) -> list[dict[str, Any]]:
    """Birthdays of customers and of their contact persons, and yearly important dates,
    falling within the next ``birthday_days_ahead`` days (today included)."""
    ahead = rules.birthday_days_ahead
    rows: list[dict[str, Any]] = []

    def upcoming(day: dt.date, yearly: bool = True) -> dt.date | None:
        if not yearly:
            return day if 0 <= (day - today).days <= ahead else None
        for year in (today.year, today.year + 1):
            when = anniversary(day, year)
            if 0 <= (when - today).days <= ahead:
                return when
        return None

    q = select(Customer.id, Customer.name, Customer.owner_id, Customer.birthday).where(
        Customer.birthday.is_not(None), *_live_customers()
    )
    for cid, name, owner, birthday in s.execute(q):
        when = upcoming(birthday)
        if when is not None:
            rows.append(
                _row(
                    f"birthday:customer:{cid}:{when.year}",
                    words["birthday"].format(name),
                    TaskKind.BIRTHDAY,
                    cid,
                    owner,
                    due_at(when, zone),
                    now,
                )
            )
    q2 = (
        select(
            ContactPerson.id,
            ContactPerson.name,
            ContactPerson.birthday,
            Customer.id,
            Customer.name,
            Customer.owner_id,
            _counterpart(),
        )
        .join(Customer, Customer.id == ContactPerson.customer_id)
        .where(ContactPerson.birthday.is_not(None), *_live_customers())
    )
    for pid, pname, birthday, cid, cname, owner, mate in s.execute(q2):
        when = upcoming(birthday)
        if when is not None:
            key = f"birthday:contact:{pid}:{when.year}"
            for who in _owner_and_counterpart(owner, mate):
                rows.append(
                    _row(
                        key if who == owner else counterpart_key(key, who),
                        words["birthday"].format(f"{pname} ({cname})"),
                        TaskKind.BIRTHDAY,
                        cid,
                        who,
                        due_at(when, zone),
                        now,
                        contact_id=pid,
                    )
                )
    q3 = (
        select(
            ImportantDate.id,
            ImportantDate.label,
            ImportantDate.date,
            ImportantDate.yearly,
            ImportantDate.contact_id,
            Customer.id,
            Customer.name,
            Customer.owner_id,
            _counterpart(),
        )
        .join(Customer, Customer.id == ImportantDate.customer_id)
        .outerjoin(ContactPerson, ContactPerson.id == ImportantDate.contact_id)
        .where(*_live_customers())
    )
    for did, label, day, yearly, contact, cid, cname, owner, mate in s.execute(q3):
        when = upcoming(day, yearly)
        if when is not None:
            key = f"date:{did}:{when.year}"
            for who in _owner_and_counterpart(owner, mate):
                rows.append(
                    _row(
                        key if who == owner else counterpart_key(key, who),
                        words["date"].format(label, cname),
                        TaskKind.TODO,
                        cid,
                        who,
                        due_at(when, zone),
                        now,
                        contact_id=contact,
                    )
                )
    return rows


def counterpart_key(key: str, user_id: int) -> str:
    """The source key of the copy of a contact person's reminder that goes to our
    counterpart of that person (app.services.teams), besides the customer's owner."""
    return f"{key}:counterpart:{user_id}"


def _counterpart() -> Any:
    """The contact person's counterpart, when that user is active (a correlated column)."""
    return (
        select(User.id)
        .where(User.id == ContactPerson.counterpart_user_id, User.active.is_(True))
        .correlate(ContactPerson)
        .scalar_subquery()
    )


def _owner_and_counterpart(owner: int | None, mate: int | None) -> list[int | None]:
    return [owner] if mate is None or mate == owner else [owner, mate]


def _return_visit_rows(
    s: Session,
    rules: ReminderSettings,
    today: dt.date,
    zone: dt.tzinfo,
    now: dt.datetime,
    words: Mapping[str, str],
) -> list[dict[str, Any]]:
    """One return visit per purchase, due ``return_visit_after(category)`` days later.
    Purchases logged at the front desk (an order tied to a desk visit) are small repeat
    purchases: of those, only the first in each cadence period of the category gets one."""
    longest = max([*rules.return_visit_days.values(), 1])
    since = today - dt.timedelta(days=longest + RETURN_VISIT_GRACE_DAYS)
    q = (
        select(
            Order.id,
            Order.order_date,
            Order.activity_id,
            Customer.id,
            Customer.name,
            Customer.owner_id,
            Customer.category,
        )
        .join(Customer, Customer.id == Order.customer_id)
        .where(
            Order.order_date >= since,
            Order.order_date <= today,
            Order.deleted_at.is_(None),
            Order.status.not_in((OrderStatus.CANCELLED, OrderStatus.DRAFT)),
            *_live_customers(),
        )
        .order_by(Order.order_date, Order.id)
    )
    rows: list[dict[str, Any]] = []
    seen_periods: set[tuple[int, int]] = set()
    # Desk purchases: the period's first purchase may lie before ``since``.
    for oid, day, activity, cid, name, owner, category in s.execute(q):
        if activity is not None:
            cadence = rules.repeat_purchase_cadence(category)
            period = (day - EPOCH).days // cadence
            if (cid, period) in seen_periods:
                continue
            seen_periods.add((cid, period))
            start = EPOCH + dt.timedelta(days=period * cadence)
            if start < since and _earlier_desk_purchase(s, cid, start, day, oid):
                continue
        due_day = day + dt.timedelta(days=rules.return_visit_after(category))
        if (today - due_day).days > RETURN_VISIT_GRACE_DAYS:
            continue
        rows.append(
            _row(
                f"return_visit:order:{oid}",
                words["return_visit"].format(name),
                TaskKind.RETURN_VISIT,
                cid,
                owner,
                due_at(due_day, zone),
                now,
                order_id=oid,
            )
        )
    return rows


VISIT_KINDS = (ActivityKind.VISIT, ActivityKind.RETURN_VISIT, ActivityKind.MEETING)


def _regular_visit_rows(
    s: Session,
    rules: ReminderSettings,
    today: dt.date,
    zone: dt.tzinfo,
    now: dt.datetime,
    words: Mapping[str, str],
) -> list[dict[str, Any]]:
    """Key accounts [大客户] (marked, starred ★ or class A, as ``teams`` defines them): one
    regular visit a month (key ``regular_visit:customer:{id}:{yyyy-mm}``), unless someone
    visited or met them this month already."""
    if not rules.key_account_monthly_visit:
        return []
    month_start = today.replace(day=1)
    since = dt.datetime.combine(month_start, dt.time(), tzinfo=zone).astimezone(dt.UTC)
    visited = (
        select(Activity.id)
        .where(
            Activity.customer_id == Customer.id,
            Activity.kind.in_(VISIT_KINDS),
            Activity.occurred_at >= since,
        )
        .exists()
    )
    q = teams.key_accounts_query(Customer.id, Customer.name, Customer.owner_id).where(
        Customer.lifecycle.not_in((Lifecycle.LOST, Lifecycle.ENDED)),
        ~visited,
    )
    due = due_at(max(today, month_start), zone)
    return [
        _row(
            f"regular_visit:customer:{cid}:{today:%Y-%m}",
            words["regular_visit"].format(name),
            TaskKind.FOLLOW_UP,
            cid,
            owner,
            due,
            now,
        )
        for cid, name, owner in s.execute(q)
    ]


def _earlier_desk_purchase(
    s: Session, customer_id: int, start: dt.date, day: dt.date, order_id: int
) -> bool:
    earlier = select(Order.id).where(
        Order.customer_id == customer_id,
        Order.activity_id.is_not(None),
        Order.deleted_at.is_(None),
        Order.status.not_in((OrderStatus.CANCELLED, OrderStatus.DRAFT)),
        Order.order_date >= start,
        (Order.order_date < day) | ((Order.order_date == day) & (Order.id < order_id)),
    )
    return bool(s.scalar(select(exists(earlier))))


@dataclass(frozen=True)
class PurchaseHistory:
    count: int
    first: dt.date
    last: dt.date


def purchase_histories(s: Session, zone: dt.tzinfo) -> dict[int, PurchaseHistory]:
    """Per customer: how many purchases, the first and the last day. A purchase is an
    order (not cancelled, not deleted) or a desk visit with an amount that no order
    records (the same visit is never counted twice)."""
    out: dict[int, PurchaseHistory] = {}
    orders = (
        select(
            Order.customer_id,
            func.count(),
            func.min(Order.order_date),
            func.max(Order.order_date),
        )
        .where(
            Order.deleted_at.is_(None),
            Order.status.not_in((OrderStatus.CANCELLED, OrderStatus.DRAFT)),
        )
        .group_by(Order.customer_id)
    )
    for cid, n, first, last in s.execute(orders):
        out[cid] = PurchaseHistory(n, first, last)
    linked = select(Order.activity_id).where(Order.activity_id.is_not(None))
    desk = (
        select(
            Activity.customer_id,
            func.count(),
            func.min(Activity.occurred_at),
            func.max(Activity.occurred_at),
        )
        .where(
            Activity.kind == ActivityKind.DESK_VISIT,
            Activity.amount > 0,
            Activity.id.not_in(linked),
        )
        .group_by(Activity.customer_id)
    )
    for cid, n, first_at, last_at in s.execute(desk):
        first = _as_local_date(first_at, zone)
        last = _as_local_date(last_at, zone)
        have = out.get(cid)
        if have is None:
            out[cid] = PurchaseHistory(n, first, last)
        else:
            out[cid] = PurchaseHistory(have.count + n, min(have.first, first), max(have.last, last))
    return out


def _as_local_date(value: Any, zone: dt.tzinfo) -> dt.date:
    """An aggregate over a UTC column comes back raw (a string on SQLite)."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(zone).date()


def _at_risk_candidates(
    s: Session, rules: ReminderSettings, today: dt.date, zone: dt.tzinfo
) -> tuple[list[int], list[int]]:
    """Customers whose time since the last purchase exceeds their own cycle × the factor
    (already flagged ones included, so their win-back task exists); and customers at
    risk who bought again since their open win-back task was made (won back)."""
    histories = purchase_histories(s, zone)
    returned = []
    open_win_backs = s.execute(
        select(Task.customer_id, func.min(Task.created_at))
        .join(Customer, Customer.id == Task.customer_id)
        .where(
            Task.kind == TaskKind.WIN_BACK,
            Task.status == TaskStatus.OPEN,
            Customer.lifecycle == Lifecycle.AT_RISK,
        )
        .group_by(Task.customer_id)
    ).all()
    for cid, created in open_win_backs:
        h = histories.get(cid)
        if h is not None and h.last >= _as_local_date(created, zone):
            returned.append(cid)
    eligible = set(
        s.scalars(
            select(Customer.id).where(
                Customer.deleted_at.is_(None),
                Customer.erased_at.is_(None),
                Customer.merged_into_id.is_(None),
                Customer.lifecycle.not_in((Lifecycle.LOST, Lifecycle.ENDED)),
            )
        )
    )
    out = []
    for cid, h in histories.items():
        if cid not in eligible:
            continue
        if (today - h.last).days > rules.at_risk_after(h.count, h.first, h.last):
            out.append(cid)
    back = set(returned)
    return [c for c in sorted(out) if c not in back], sorted(back)


# ---------------------------------------------------------------- after win-back


@dataclass(frozen=True)
class WinBackClosed:
    customer_id: int
    lifecycle: Lifecycle
    task_ids: list[int]
    """The open win-back tasks this closed."""


def close_win_back(
    db: Database,
    user_id: int | None,
    customer_id: int,
    result: Lifecycle,
    *,
    reason: ReasonCategory | None = None,
    text: str | None = None,
    today: dt.date | None = None,
    seen_version: int | None = None,
) -> WinBackClosed:
    """How a win-back ended: the customer was won back [挽留], is lost, or the
    relationship was ended [解除关系]. Lost and ended record one of the three reasons
    (ours, a competitor's, the customer's own). Open win-back tasks are closed."""
    if result not in (Lifecycle.WON_BACK, Lifecycle.LOST, Lifecycle.ENDED):
        raise ValidationError("won back, lost or ended", field="result")
    if result is not Lifecycle.WON_BACK and reason is None:
        raise ValidationError("why was the customer lost?", field="reason")
    text = validation.text(text, "text", 2000)
    day = today or dt.date.today()

    def work(s: Session) -> WinBackClosed:
        customer = s.get(Customer, customer_id)
        if seen_version is not None:
            expect_version(customer, seen_version)
        if customer is None or customer.deleted_at is not None:
            raise ClientelaError("this customer no longer exists")
        changes: dict[str, tuple[Any, Any]] = {"lifecycle": (customer.lifecycle, result)}
        customer.lifecycle = result
        if result is Lifecycle.WON_BACK:
            for name in ("lost_at", "lost_reason", "lost_reason_text"):
                if getattr(customer, name) is not None:
                    changes[name] = (getattr(customer, name), None)
                    setattr(customer, name, None)
        else:
            values: dict[str, Any] = {
                "lost_at": customer.lost_at or day,
                "lost_reason": ReasonCategory(reason),
                "lost_reason_text": text,
            }
            if result is Lifecycle.ENDED:
                values["ended_at"] = day
            for name, value in values.items():
                if getattr(customer, name) != value:
                    changes[name] = (getattr(customer, name), value)
                    setattr(customer, name, value)
        open_tasks = list(
            s.scalars(
                select(Task).where(
                    Task.customer_id == customer_id,
                    Task.kind == TaskKind.WIN_BACK,
                    Task.status == TaskStatus.OPEN,
                )
            )
        )
        for task in open_tasks:
            task.status = TaskStatus.DONE if result is Lifecycle.WON_BACK else TaskStatus.CANCELLED
            task.done_at = dt.datetime.now(dt.UTC)
            task.outcome = text or result.value
        s.flush()
        audit.record(s, user_id, AuditAction.UPDATE, "customer", customer_id, changes)
        return WinBackClosed(customer_id, result, [t.id for t in open_tasks])

    return db.run_write(work)

"""Account teams, targets and key accounts at 100,000 customers.

A salesperson's customer list now also takes the customers whose team they are on
(``access.visible_customers``): measured on the bench database as the demo made it, and
on a copy given many more team places (two colleagues on every key account, one on one
customer in twenty).
The copy is thrown away; the cached database stays as the other benchmarks read it.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sqlite3
from pathlib import Path

from bench.harness import CACHE, Report, timed

TEAM_SHARE = 20  # one customer in twenty has a colleague on its team


def _add_teams(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        sellers = [
            r[0] for r in con.execute("SELECT id FROM users WHERE role IN ('sales', 'manager')")
        ]
        rows = con.execute(
            "SELECT c.id, c.owner_id, c.is_key_account OR coalesce(s.starred, 0) FROM customers c "
            "LEFT JOIN customer_segments s ON s.customer_id = c.id WHERE c.deleted_at IS NULL"
        ).fetchall()
        rng = random.Random(1)
        members = []
        for cid, owner, key in rows:
            others = [u for u in sellers if u != owner]
            if key:
                members += [(cid, u, "lead") for u in rng.sample(others, min(2, len(others)))]
            elif cid % TEAM_SHARE == 0:
                members.append((cid, rng.choice(others), "service"))
        con.executemany(
            "INSERT OR IGNORE INTO account_team (customer_id, user_id, role, version) "
            "VALUES (?, ?, ?, 1)",
            members,
        )
        con.commit()
        return len(members)
    finally:
        con.close()


def _list_times(path: Path, report: Report, label: str) -> None:
    from sqlalchemy import select

    from app.db import open_database
    from app.models import User
    from app.services import customer_list
    from app.services.customer_list import CustomerFilter

    db = open_database(path)
    try:
        with db.session() as s:
            seller = s.scalar(select(User.id).where(User.role == "sales").order_by(User.id))
            f = CustomerFilter()

            def first_page() -> None:
                customer_list.count(s, f, seller)
                customer_list.page(s, f, user_id=seller)

            median, best = timed(first_page, repeat=7)
            shown = customer_list.count(s, f, seller)
    finally:
        db.dispose()
    report.add(
        f"a salesperson's customer list: count and first page, {label}",
        median,
        "ms",
        "< 300 ms",
        f"{shown:,} customers seen; best {best:.0f} ms",
    )


def _places(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute("SELECT count(*) FROM account_team").fetchone()[0])
    finally:
        con.close()


def bench_teams(path: Path, report: Report) -> None:
    _list_times(path, report, f"{_places(path):,} team places")
    _thin_and_targets(path, report)
    copy = CACHE / "teams-bench.db"
    shutil.copy(path, copy)
    try:
        _add_teams(copy)
        _list_times(copy, report, f"{_places(copy):,} team places")
    finally:
        copy.unlink(missing_ok=True)


def _thin_and_targets(path: Path, report: Report) -> None:
    from app.db import open_database
    from app.services import targets, teams

    db = open_database(path)
    try:
        with db.session() as s:
            median, _ = timed(lambda: teams.thin_teams(s), repeat=5)
            count, _rows = teams.thin_teams(s)
            report.add(
                "key accounts with a thin team (manager's Today)",
                median,
                "ms",
                "< 300 ms",
                f"{count:,} found",
            )
            month = dt.date.today().replace(day=1)
            median, _ = timed(lambda: targets.progress(s, None, month), repeat=5)
            report.add(
                "this month's targets against actuals, whole office", median, "ms", "< 1000 ms"
            )
        review = _review_time(db)
        if review is not None:
            report.add(
                "key-account review card of the busiest customer, a month", review, "ms", "< 300 ms"
            )
    finally:
        db.dispose()


def _review_time(db) -> float | None:  # type: ignore[no-untyped-def]
    """The review card of the busiest key account for last month."""
    from sqlalchemy import func, select

    from app.models import Order
    from app.services import key_accounts

    with db.session() as s:
        cid = s.scalar(
            select(Order.customer_id).group_by(Order.customer_id).order_by(func.count().desc())
        )
    if cid is None:
        return None
    last = (dt.date.today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    with db.session() as s:
        return timed(lambda: key_accounts.review(s, None, cid, last), repeat=5)[0]

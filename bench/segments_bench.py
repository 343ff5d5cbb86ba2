"""Segmentation and the Reports page at 100,000 customers.

- On the bench database (demo generator, 100,000 customers, about 315,000 orders and
  1,000,000 activities): recompute every customer's class, RFM, key score, tier and
  stage; the dashboard's figures (service); the Reports page from opening to painted
  charts (window in a child process, ``python -m bench.segments_bench PAGE DB``).
- On a copy grown to 1,000,000 orders (the demo's orders repeated a year earlier by bulk
  SQL, cached in bench/.cache): the recompute with the default indicators and with all
  24, and the dashboard's figures again.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from bench.harness import CACHE, Report, timed

ORDERS = 1_000_000


def _as_of(path: Path) -> dt.date:
    """The day the demo was generated for (its data ends there)."""
    import json

    con = sqlite3.connect(path)
    try:
        row = con.execute("SELECT value FROM settings WHERE key = 'demo.generated'").fetchone()
    finally:
        con.close()
    if row:
        return dt.date.fromisoformat(json.loads(row[0])["as_of"])
    return dt.date.today()


def grown(path: Path) -> Path:
    """The bench database with orders repeated (dates a year earlier, then two…) until
    there are 1,000,000; built once with INSERT … SELECT and cached."""
    from app.db import known_revisions, open_database

    target = CACHE / f"segments-1m-orders-{known_revisions()[1]}.db"
    if target.exists():
        return target
    tmp = target.with_suffix(".building")
    tmp.unlink(missing_ok=True)
    shutil.copy(path, tmp)
    open_database(tmp).dispose()  # migrated to the current schema
    con = sqlite3.connect(tmp)
    try:
        have = con.execute("SELECT COUNT(*), MAX(id) FROM orders").fetchone()
        count, top = int(have[0]), int(have[1])
        years = 1
        while count < ORDERS:
            batch = min(ORDERS - count, int(have[0]))
            con.execute(
                """INSERT INTO orders (id, number, customer_id, owner_id, order_date, amount,
                  cost, status, version, created_at, updated_at)
                SELECT id + ?, NULL, customer_id, owner_id, date(order_date, ?), amount, cost,
                  status, 1, created_at, updated_at
                FROM orders WHERE id <= ? ORDER BY id LIMIT ?""",
                (top * years, f"-{years} years", top, batch),
            )
            count += batch
            years += 1
        con.commit()
        con.execute("ANALYZE")
    finally:
        con.close()
    tmp.rename(target)
    return target


def page_child(path: str) -> None:
    """Open the Reports page on the database and time set_context → charts painted."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtTest import QTest

    from app.db import open_database
    from app.services.users import current_user
    from app.ui.application import create_app
    from app.ui.pages.reports import ReportsPage

    _app = create_app(["bench"])
    db = open_database(path)
    page = ReportsPage()
    page.today = _as_of(Path(path))
    page.resize(1300, 1700)
    page.show()
    QTest.qWaitForWindowExposed(page)
    times = []
    for i in range(4):
        shown: list[float] = []
        page.dashboardShown.connect(lambda shown=shown: shown.append(time.perf_counter()))
        t = time.perf_counter()
        if i == 0:
            page.set_context(db, current_user(db, None))
        else:
            page.reload()
        while not shown:
            QTest.qWait(1)
        page.repaint()  # each chart was drawn as its figures arrived
        times.append((time.perf_counter() - t) * 1000)
        page.dashboardShown.disconnect()
    warm = sorted(times[1:])[1]
    print(f"reports {times[0]:.1f} {warm:.1f}")
    db.dispose()


def bench_segments(path: Path, report: Report) -> None:
    from app.db import open_database
    from app.services import dashboard, segments

    as_of = _as_of(path)
    db = open_database(path)
    try:
        median, best = timed(lambda: segments.recompute(db, None, as_of), repeat=3)
        with db.session() as s:
            scored = segments.summary(s)
        report.add(
            "segments: recompute 100,000 customers (bench database)",
            median,
            "ms",
            "< 5000 ms",
            f"315k orders, 1M activities; best {best:.0f} ms; "
            f"{scored.classes['A'][0]:,} class A, {scored.starred:,} starred",
        )
        f = dashboard.DashboardFilter(dashboard.period_choice("this_year", as_of))
        with db.session() as s:
            median, _ = timed(lambda: dashboard.build(s, f, as_of), repeat=5)
            slowest = max(dashboard.build(s, f, as_of).timings.items(), key=lambda kv: kv[1])
        report.add(
            "reports: dashboard figures, all 8 charts (service)",
            median,
            "ms",
            "< 1000 ms",
            f"slowest: {slowest[0]} {slowest[1]:.0f} ms",
        )
    finally:
        db.dispose()

    proc = subprocess.run(
        [sys.executable, "-m", "bench.segments_bench", "page", str(path)],
        cwd=Path(__file__).resolve().parents[1],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    line = next(x for x in proc.stdout.splitlines() if x.startswith("reports"))
    first, warm = (float(x) for x in line.split()[1:])
    report.add(
        "reports page: refresh to 8 charts drawn and painted",
        warm,
        "ms",
        "< 1000 ms",
        f"median of 3; one read per chart, 2 side by side; first open {first:.0f} ms",
    )

    big = grown(path)
    db = open_database(big)
    try:
        with db.session() as s:
            orders = s.scalar(__import__("sqlalchemy").text("SELECT COUNT(*) FROM orders"))
        median, _ = timed(lambda: segments.recompute(db, None, as_of), repeat=3)
        report.add(
            "segments: recompute, 1,000,000 orders",
            median,
            "ms",
            "< 5000 ms",
            f"{orders:,} orders, 1M activities, default indicators",
        )
        every = segments.SegmentSettings(weights=dict.fromkeys(segments.INDICATOR_KEYS, 1.0))
        median, _ = timed(lambda: segments.recompute(db, None, as_of, every), repeat=3)
        report.add(
            "segments: recompute, 1,000,000 orders, all 24 indicators",
            median,
            "ms",
            "< 5000 ms",
        )
        f = dashboard.DashboardFilter(dashboard.period_choice("this_year", as_of))
        with db.session() as s:
            median, _ = timed(lambda: dashboard.build(s, f, as_of), repeat=5)
            timings = dashboard.build(s, f, as_of).timings
        slowest = max(timings.items(), key=lambda kv: kv[1])
        report.add(
            "reports: dashboard figures, 1,000,000 orders (stress)",
            median,
            "ms",
            "",
            f"beyond the bench database; slowest: {slowest[0]} {slowest[1]:.0f} ms",
        )
    finally:
        db.dispose()


if __name__ == "__main__":
    if sys.argv[1] == "page":
        page_child(sys.argv[2])

"""The manager's monthly workbook on the bench database: figures and file, against the
issue's 10 seconds.

    python -m bench.run --only monthly
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path

from bench.harness import Report


def bench_monthly(path: Path, report: Report) -> None:
    from app.db import open_database
    from app.services import monthly

    today = dt.date.today()
    month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    db = open_database(path, read_only=True)  # the file as generated: no audit row
    try:
        with tempfile.TemporaryDirectory() as folder:
            times = []
            for _ in range(2):
                t = time.perf_counter()
                out = monthly.make_workbook(db, None, month, Path(folder) / "m.xlsx", today=today)
                times.append(time.perf_counter() - t)
            size = out.stat().st_size
            with db.session() as s:
                figures = monthly.build(s, month, today)
    finally:
        db.dispose()
    report.add(
        f"monthly workbook {month:%Y-%m}, figures and file",
        min(times),
        "s",
        "< 10 s",
        f"figures {figures.seconds:.1f} s; {len(figures.receivables.rows):,} owing, "
        f"{len(figures.new):,} new; {size / 1024:.0f} KiB",
    )

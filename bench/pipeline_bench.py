"""The pipeline board with about 2,000 open deals: time to paint it, and a moved card saved
and shown again. Runs the window in a child process (python -m bench.pipeline_bench DB)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.harness import Report, bench_db

CUSTOMERS = 18_000  # the demo gives about 2,000 open deals at this size


def child(path: str) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtTest import QTest
    from sqlalchemy import func, select

    from app.db import open_database
    from app.models import Deal
    from app.models.enums import DealStatus
    from app.services.users import current_user
    from app.ui.application import create_app
    from app.ui.pages.pipeline import PipelinePage

    _app = create_app(["bench"])
    db = open_database(path)
    with db.session() as s:
        open_deals = s.scalar(
            select(func.count()).where(Deal.status == DealStatus.OPEN, Deal.deleted_at.is_(None))
        )
    page = PipelinePage()
    page.resize(1400, 900)
    page.show()
    QTest.qWaitForWindowExposed(page)
    shown: list[float] = []
    page.boardShown.connect(lambda: shown.append(time.perf_counter()))
    started = time.perf_counter()
    page.set_context(db, current_user(db, None))
    while not shown:
        QTest.qWait(1)
    page.repaint()
    paint_ms = (time.perf_counter() - started) * 1000
    moves = []
    for _ in range(15):
        first = page.board.columns[0]
        card = first.model.card(0)
        target = page.board.columns[1].stage.id
        done: list[float] = []
        page.dealMoved.connect(lambda *_, done=done: done.append(time.perf_counter()))
        t = time.perf_counter()
        page.move(card.id, card.version, target)
        while not done:
            QTest.qWait(1)
        page.repaint()
        moves.append((time.perf_counter() - t) * 1000)
        page.dealMoved.disconnect()
    print(f"pipeline {open_deals} {paint_ms:.1f} {statistics.median(moves):.1f} {max(moves):.1f}")
    db.dispose()


def bench_pipeline(_path: Path, report: Report) -> None:
    path, _ = bench_db(CUSTOMERS, seed=2)
    proc = subprocess.run(
        [sys.executable, "-m", "bench.pipeline_bench", str(path)],
        cwd=Path(__file__).resolve().parents[1],
        check=True,
        capture_output=True,
        text=True,
        # A data folder of its own: a board filter remembered on this PC (one customer,
        # a minimum amount) once left the board empty and the benchmark without a card.
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "CLIENTELA_DATA_DIR": tempfile.mkdtemp(prefix="clientela-bench-"),
        },
    )
    line = next(x for x in proc.stdout.splitlines() if x.startswith("pipeline"))
    deals, paint, median, worst = line.split()[1:]
    report.add(
        f"pipeline board, {deals} open deals: load and paint", float(paint), "ms", "< 1000 ms"
    )
    report.add(
        "pipeline: a moved card saved and shown (15 moves), median",
        float(median),
        "ms",
        "< 100 ms",
        f"slowest {float(worst):.0f} ms",
    )


if __name__ == "__main__":
    child(sys.argv[1])

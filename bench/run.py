"""Time the operations users wait on, on a database of 100,000 customers.

    python -m bench.run [--customers N] [--rebuild] [--write]

The database is generated once and cached in bench/.cache. ``--write`` puts the table,
with the machine it ran on, into BENCHMARKS.md. Later work adds its own benchmarks to
BENCHMARKS (name → function taking the database path and the report).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.export_bench import bench_export
from bench.harness import ROOT, Report, bench_db, machine, timed
from bench.import_bench import bench_import
from bench.million import bench_million
from bench.monthly_bench import bench_monthly
from bench.pipeline_bench import bench_pipeline
from bench.search_bench import bench_search
from bench.segments_bench import bench_segments
from bench.teams_bench import bench_teams

REPO = ROOT.parent


def bench_stats(path: Path, report: Report) -> None:
    from app.db import open_database
    from app.services.stats import stats

    db = open_database(path)
    try:
        median, _ = timed(lambda: stats(db), repeat=5)
    finally:
        db.dispose()
    report.add("stats (in process, warm)", median, "ms")
    t = time.perf_counter()
    subprocess.run(
        [sys.executable, str(REPO / "main.py"), "stats", "--db", str(path), "--json"],
        check=True,
        capture_output=True,
    )
    report.add("`main.py stats --json` as a command", (time.perf_counter() - t) * 1000, "ms")


def bench_first_paint(path: Path, report: Report) -> None:
    """From starting the process to the main window's first paint, three runs."""
    times = []
    for _ in range(3):
        t = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "bench.first_paint", str(path)],
            cwd=REPO,
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        if "painted" not in proc.stdout:
            raise RuntimeError(f"the window never painted: {proc.stdout} {proc.stderr}")
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    report.add("cold start to first paint of the main window", times[1], "ms", note="median of 3")
    pages = []
    for _ in range(3):
        proc = subprocess.run(
            [sys.executable, "-m", "bench.first_paint", str(path), "--page", "customers"],
            cwd=REPO,
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        line = next(x for x in proc.stdout.splitlines() if x.startswith("customers"))
        pages.append(float(line.split()[1]))
    pages.sort()
    report.add(
        "customers page: opened (count, first page) to rows painted",
        pages[1],
        "ms",
        "< 300 ms",
        "median of 3",
    )


def bench_desk(path: Path, report: Report) -> None:
    """Front desk: from typing a phone number to that customer's card on screen."""
    proc = subprocess.run(
        [sys.executable, "-m", "bench.first_paint", str(path), "--page", "front_desk"],
        cwd=REPO,
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    line = next(x for x in proc.stdout.splitlines() if x.startswith("desk"))
    median, worst, first = (float(x) for x in line.split()[1:])
    report.add(
        "front desk: phone typed to its card on screen (20 phones), median",
        median,
        "ms",
        "< 100 ms",
        f"slowest after the first {worst:.0f} ms; the first search after start {first:.0f} ms",
    )


BENCHMARKS: dict[str, Callable[[Path, Report], None]] = {
    "pipeline": bench_pipeline,
    "million": bench_million,
    "desk": bench_desk,
    "stats": bench_stats,
    "search": bench_search,
    "first_paint": bench_first_paint,
    "export": bench_export,
    "import": bench_import,
    "segments": bench_segments,
    "teams": bench_teams,
    "monthly": bench_monthly,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--rebuild", action="store_true", help="generate the database again")
    parser.add_argument("--only", nargs="*", help="names of benchmarks to run")
    parser.add_argument("--write", action="store_true", help="write BENCHMARKS.md")
    args = parser.parse_args()

    report = Report()
    print(f"machine: {machine()}")
    t = time.perf_counter()
    path, seconds = bench_db(args.customers, rebuild=args.rebuild)
    if seconds is not None:
        report.add(
            f"demo generation, {args.customers:,} customers",
            seconds,
            "s",
            "< 180 s",
            "fresh" if time.perf_counter() - t > 1 else "from the cached build",
        )
    for name, fn in BENCHMARKS.items():
        if args.only and name not in args.only:
            continue
        fn(path, report)
    if args.write:
        write_markdown(report, args.customers, path)
    return 0


def write_markdown(report: Report, customers: int, path: Path) -> None:
    from app.db import open_database
    from app.services.stats import stats

    db = open_database(path)
    try:
        counts = stats(db)
    finally:
        db.dispose()
    sizes = ", ".join(
        f"{counts[k]:,} {k}"
        for k in ("customers", "vehicles", "contacts", "activities", "orders", "deals", "tasks")
    )
    text = f"""# Benchmarks

Measured by `python -m bench.run --write` on {dt.date.today().isoformat()}.

Machine: {machine()}.

Database: the demo generator with seed 1, zh_CN: {sizes}.

{report.table()}
"""
    notes = ROOT / "notes.md"
    if notes.exists():
        text += "\n" + notes.read_text(encoding="utf-8")
    (REPO / "BENCHMARKS.md").write_text(text, encoding="utf-8")
    print("wrote BENCHMARKS.md")


if __name__ == "__main__":
    sys.exit(main())

"""The bench database (built once, cached) and the timing helpers every benchmark uses."""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent
CACHE = ROOT / ".cache"


@dataclass
class Result:
    name: str
    value: float
    unit: str
    target: str = ""
    note: str = ""


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)

    def add(self, name: str, value: float, unit: str, target: str = "", note: str = "") -> None:
        r = Result(name, value, unit, target, note)
        self.results.append(r)
        print(f"{name:<55} {value:>10.1f} {unit:<3} {target:<12} {note}", flush=True)

    def table(self) -> str:
        """This run's figures, and those of earlier runs that this one did not repeat
        (kept in bench/.cache/results.json with the date they were measured)."""
        store = CACHE / "results.json"
        kept: dict[str, dict[str, object]] = {}
        if store.exists():
            kept = json.loads(store.read_text(encoding="utf-8"))
        today = __import__("datetime").date.today().isoformat()
        for r in self.results:
            kept[r.name] = {**r.__dict__, "date": today}
        CACHE.mkdir(exist_ok=True)
        store.write_text(json.dumps(kept, ensure_ascii=False, indent=1), encoding="utf-8")
        lines = [
            "| what | measured | target | note | measured on |",
            "| --- | ---: | --- | --- | --- |",
        ]
        for r in kept.values():
            lines.append(
                f"| {r['name']} | {float(r['value']):,.1f} {r['unit']} | {r['target']} "  # type: ignore[arg-type]
                f"| {r['note']} | {r['date']} |"
            )
        return "\n".join(lines)


def timed(fn: Callable[[], object], repeat: int = 5) -> tuple[float, float]:
    """Median and best wall time in milliseconds."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), min(times)


def bench_db(
    customers: int, seed: int = 1, locale: str = "zh_CN", rebuild: bool = False
) -> tuple[Path, float | None]:
    """The cached bench database and the seconds it took to generate (None if unknown)."""
    from app.db import known_revisions, open_database
    from app.services import demo

    _, head = known_revisions()
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"bench-{customers}-{seed}-{locale}-{head}.db"
    meta = path.with_suffix(".json")
    if path.exists() and not rebuild:
        seconds = json.loads(meta.read_text())["seconds"] if meta.exists() else None
        return path, seconds
    for stale in (path, meta):
        stale.unlink(missing_ok=True)
    db = open_database(path)
    try:
        result = demo.generate(db, customers=customers, seed=seed, locale=locale)
    finally:
        db.dispose()
    meta.write_text(json.dumps({"seconds": result.seconds, "counts": result.counts}))
    return path, result.seconds


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores{mem}; "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
    )

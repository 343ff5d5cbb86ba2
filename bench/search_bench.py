"""Search speed over a mixed set of queries a front desk types."""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path

from sqlalchemy import func, select

from bench.harness import Report


def queries(session, n_each: int = 50, seed: int = 3) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    from app.models import Customer, Vehicle
    from app.services.search_keys import pinyin_keys

    rng = random.Random(seed)
    total = session.scalar(select(func.max(Customer.id))) or 1
    picks = [rng.randint(1, total) for _ in range(n_each * 4)]
    rows = session.execute(
        select(Customer.name, Customer.phone).where(Customer.id.in_(picks))
    ).all()
    plates = list(
        session.scalars(select(Vehicle.plate).where(Vehicle.customer_id.in_(picks)).limit(n_each))
    )
    out: list[tuple[str, str]] = []
    for name, _phone in rows[:n_each]:
        out.append(("full name", name))
    for name, _ in rows[n_each : 2 * n_each]:
        out.append(("1-2 characters of a name", name[: rng.choice((1, 2))]))
    for name, _ in rows[2 * n_each : 3 * n_each]:
        keys = [k for k in pinyin_keys(name) if len(k) <= 4] or [name[:2].lower()]
        out.append(("pinyin initials", keys[0]))
    for _, phone in rows[3 * n_each : 4 * n_each]:
        digits = "".join(ch for ch in (phone or "13800000000") if ch.isdigit())
        size = rng.choice((3, 4))
        start = rng.randint(len(digits) - 8, len(digits) - size)
        out.append(("3-4 phone digits", digits[start : start + size]))
    for plate in plates:
        clean = plate.replace("·", "").replace(" ", "")
        size = rng.choice((3, 4))
        start = rng.randint(0, max(0, len(clean) - size))
        out.append(("plate fragment", clean[start : start + size]))
    return out


def bench_search(path: Path, report: Report) -> None:
    from app.db import open_database
    from app.services.search import search

    db = open_database(path)
    try:
        with db.session() as s:
            qs = queries(s)
            for _, q in qs[:20]:
                search(s, q)
            times: dict[str, list[float]] = {}
            for kind, q in qs:
                t = time.perf_counter()
                search(s, q, limit=20)
                times.setdefault(kind, []).append((time.perf_counter() - t) * 1000)
    finally:
        db.dispose()
    everything = sorted(x for v in times.values() for x in v)
    p95 = everything[int(len(everything) * 0.95) - 1]
    report.add(
        f"search, {len(everything)} mixed queries: median",
        statistics.median(everything),
        "ms",
        "< 10 ms",
    )
    report.add(f"search, {len(everything)} mixed queries: 95th percentile", p95, "ms", "< 50 ms")
    for kind, values in times.items():
        values.sort()
        report.add(
            f"search: {kind} ({len(values)}), p95",
            values[int(len(values) * 0.95) - 1],
            "ms",
            note=f"median {statistics.median(values):.2f} ms",
        )

"""The customers list at 1,000,000 customers: a table of plain customers (no search
index, no activities), built once and cached, to time what the list does at that size."""

from __future__ import annotations

import datetime as dt
import random
import time
from pathlib import Path

from bench.harness import CACHE, Report, timed

N = 1_000_000


def build() -> Path:
    from sqlalchemy import insert

    from app.db import known_revisions, open_database
    from app.models import Customer, User
    from app.services.search_keys import sort_key

    path = CACHE / f"million-{known_revisions()[1]}.db"
    if path.exists():
        return path
    CACHE.mkdir(exist_ok=True)
    tmp = path.with_suffix(".building")
    tmp.unlink(missing_ok=True)
    db = open_database(tmp)
    rng = random.Random(5)
    surnames = (
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐"
        + "许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    )
    given = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰"
    cities = ["深圳市", "广州市", "东莞市", "佛山市", "惠州市", "Madrid", "Sevilla"]
    now = dt.datetime.now(dt.UTC)
    with db.write() as s:
        s.execute(
            insert(User),
            [
                {
                    "id": i,
                    "username": f"u{i}",
                    "display_name": f"销售{i}",
                    "role": "sales",
                    "active": True,
                    "os_login_allowed": False,
                    "may_see_financials": True,
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
                for i in range(1, 7)
            ],
        )
    table = Customer.__table__
    for start in range(0, N, 50_000):
        rows = []
        for i in range(start + 1, start + 50_001):
            name = rng.choice(surnames) + "".join(
                rng.choice(given) for _ in range(rng.randint(1, 2))
            )
            rows.append(
                {
                    "id": i,
                    "number": f"C{i:07d}",
                    "kind": "person",
                    "name": name,
                    "sort_name": sort_key(name),
                    "phone": f"+861{rng.randint(3000000000, 9999999999)}",
                    "city": rng.choice(cities),
                    "owner_id": rng.randint(1, 6),
                    "source": "other",
                    "customer_type": "consumer",
                    "is_key_account": False,
                    "lifecycle": "steady",
                    "regularity": "unknown",
                    "regularity_set_by_hand": False,
                    "membership_level": "none",
                    "consent_phone": True,
                    "consent_sms": True,
                    "consent_email": True,
                    "consent_post": True,
                    "shared": False,
                    "version": 1,
                    "created_at": now,
                    "updated_at": now,
                }
            )
        with db.write() as s:
            s.execute(table.insert(), rows)
    db.dispose()
    tmp.rename(path)
    return path


def bench_million(_path: Path, report: Report) -> None:
    from app.db import open_database
    from app.services import customer_list
    from app.services.customer_list import CustomerFilter

    path = build()
    db = open_database(path)
    f = CustomerFilter()
    try:
        with db.session() as s:
            report.add("1M customers: count", timed(lambda: customer_list.count(s, f), 3)[0], "ms")
            report.add(
                "1M customers: first page (200 rows) by name",
                timed(lambda: customer_list.page(s, f, "name", False, 0, 200), 3)[0],
                "ms",
            )
            t = time.perf_counter()
            order = customer_list.ids(s, f, "name")
            report.add(
                "1M customers: id list in name order (worker)",
                (time.perf_counter() - t) * 1000,
                "ms",
                note=f"{len(order) * 8 / 2**20:.0f} MiB",
            )
            report.add(
                "1M customers: last page by OFFSET",
                timed(lambda: customer_list.page(s, f, "name", False, N - 200, 200), 3)[0],
                "ms",
            )
            report.add(
                "1M customers: last page by id list",
                timed(lambda: customer_list.rows(s, order[N - 200 :]), 3)[0],
                "ms",
            )
            t = time.perf_counter()
            customer_list.ids(s, f, "city")
            report.add(
                "1M customers: id list sorted by city (no index)",
                (time.perf_counter() - t) * 1000,
                "ms",
            )
    finally:
        db.dispose()

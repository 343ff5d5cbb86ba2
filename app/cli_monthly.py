"""``python main.py report monthly --month YYYY-MM --out FILE.xlsx``: the manager's
monthly workbook (services.monthly)."""

from __future__ import annotations

import argparse
import time
from typing import Any

from .cli_report import Command


def add_monthly(reports: Any, command: Command) -> None:
    p = command(
        reports,
        "monthly",
        help="the manager's monthly workbook: summary, salespeople, segments, pipeline, new "
        "and lost customers, receivables by age, key accounts, activities",
    )
    p.add_argument("--month", required=True, metavar="YYYY-MM", help="the month to report")
    p.add_argument("--out", required=True, metavar="FILE.xlsx", help="the workbook to write")
    p.add_argument(
        "--lang", choices=("zh", "es", "en"), help="sheet and header language (office's)"
    )
    p.set_defaults(handler=cmd_monthly)


def cmd_monthly(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .services import monthly

    started = time.perf_counter()
    with acting(args, current=False) as (db, uid):
        path = monthly.make_workbook(db, uid, args.month, args.out, lang=args.lang)
    print(f"wrote the {args.month} workbook to {path} in {time.perf_counter() - started:.1f} s")
    return 0

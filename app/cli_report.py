"""``python main.py report …``: one sub-subcommand per report.

``cli.build_parser`` makes the ``report`` command and its subparsers and calls
``add_report_commands``; a new report adds a function here (or in its own module) that
takes the subparsers and ``cli._command``, and registers its handler with ``set_defaults``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from typing import Any

Command = Callable[..., argparse.ArgumentParser]


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def add_report_commands(reports: Any, command: Command) -> None:
    from .cli_monthly import add_monthly

    add_segments(reports, command)
    add_activity(reports, command)
    add_monthly(reports, command)
    from .cli_orders import add_margins

    add_margins(reports, command)
    from .cli_loyalty import add_campaigns, add_satisfaction

    add_satisfaction(reports, command)
    add_campaigns(reports, command)
    from .cli_targets import add_targets_report

    add_targets_report(reports, command)
    from .cli_key_accounts import add_key_accounts

    add_key_accounts(reports, command)


# ------------------------------------------------------------------ segments
def add_segments(reports: Any, command: Command) -> None:
    p = command(
        reports,
        "segments",
        help="work out 80/20 classes, RFM, key-account stars, tiers and lifecycle, and count them",
    )
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="as on this day (today)")
    p.add_argument("--months", type=int, metavar="N", help="period length (setting, 12)")
    p.add_argument("--measure", choices=("revenue", "profit"), help="rank by (setting, revenue)")
    p.add_argument(
        "--no-recompute", action="store_true", help="count what was last worked out, no write"
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_segments)


def cmd_segments(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from .cli_session import acting
    from .services import figures, segments

    with acting(args, current=False) as (db, uid):
        recomputed = None
        with db.session() as s:
            cfg = segments.load_settings(s)
        if args.months is not None:
            if not 1 <= args.months <= 120:
                print("clientela: error: --months must be 1 to 120", file=sys.stderr)
                return 2
            cfg = replace(cfg, months=args.months)
        if args.measure:
            cfg = replace(cfg, measure=args.measure)
        as_of = args.as_of or dt.date.today()
        if not args.no_recompute:
            recomputed = segments.recompute(db, uid, as_of, cfg)  # a viewer: --no-recompute
        with db.session() as s:
            summary = segments.summary(s, user_id=uid)
            period = segments.Period.months_to(as_of, cfg.months)
            kept = segments.retention(s, period, user_id=uid)
            lost = segments.churn(s, period, user_id=uid)
    data = {
        **summary.as_dict(),
        "recomputed": recomputed.as_dict() if recomputed else None,
        "retention": kept.as_dict(),
        "churn": lost.as_dict(),
    }
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
        return 0
    if recomputed:
        print(
            f"worked out {recomputed.customers:,} customers "
            f"({recomputed.scored:,} with purchases from {recomputed.period.start} to "
            f"{recomputed.period.end}) in {recomputed.seconds:.2f} s"
        )
    print("class  customers            value")
    for key, (n, value) in summary.classes.items():
        print(f"{key:<5} {n:>10,} {figures.cli(value, '>16,')}")
    print("RFM segment          customers            value")
    for key, (n, value) in summary.rfm.items():
        print(f"{key:<20} {n:>9,} {figures.cli(value, '>16,')}")
    print("lifecycle   " + "  ".join(f"{k} {n:,}" for k, n in summary.lifecycle.items()))
    print("tiers       " + "  ".join(f"{k}+ {n:,}" for k, n in summary.tiers.items()))
    avg = "-" if summary.average_score is None else f"{summary.average_score:.2f}"
    print(f"key accounts starred {summary.starred:,} (average score {avg})")
    rate = "-" if kept.rate is None else f"{100 * kept.rate:.1f} %"
    print(f"retention   {kept.kept:,} of {kept.before:,} ({rate})")
    print(
        f"churn       {lost.total:,} lost ("
        + ", ".join(f"{k} {n}" for k, n in lost.lost.items())
        + f"), {lost.ended:,} ended"
    )
    return 0


# ------------------------------------------------------------------ salespeople
def add_activity(reports: Any, command: Command) -> None:
    p = command(
        reports,
        "activity",
        aliases=["salespeople"],
        help="per salesperson: calls, visits, new customers, deals, orders, collections",
    )
    p.add_argument("--period", choices=("day", "week", "month"), default="week")
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="a day in the period (today)")
    p.add_argument("--from", dest="date_from", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_activity)


def cmd_activity(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .services import figures, salespeople
    from .services.segments import Period
    from .services.users import user_info

    if args.date_from or args.date_to:
        if not (args.date_from and args.date_to) or args.date_to < args.date_from:
            print("clientela: error: give --from and --to, in order", file=sys.stderr)
            return 2
        period = Period(args.date_from, args.date_to)
    else:
        period = salespeople.period_of(args.period, args.date or dt.date.today())
    with acting(args, current=False) as (db, uid):
        user = user_info(db, uid) if uid is not None else None
        with db.session() as s:
            visible = salespeople.visible_user_ids(
                s, user.id if user else None, user.role if user else None
            )
            report = salespeople.activity_report(
                s, period, visible, user_id=user.id if user else None
            )
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
        return 0
    print(f"{period.start} – {period.end}")
    print(
        f"{'salesperson':<16} {'calls':>6} {'visits':>6} {'other':>6} {'new':>5} "
        f"{'deals':>5} {'moved':>5} {'won':>4} {'lost':>4} {'orders':>6} "
        f"{'amount':>14} {'collected':>14}"
    )
    for ln in report.lines:
        print(
            f"{(ln.name or '-')[:16]:<16} {ln.calls:>6} {ln.visits:>6} {ln.other_activities:>6} "
            f"{ln.new_customers:>5} {ln.deals_created:>5} {ln.deals_moved:>5} "
            f"{ln.deals_won:>4} {ln.deals_lost:>4} {ln.orders:>6} "
            f"{figures.cli(ln.order_amount, '>14,')} {figures.cli(ln.collected, '>14,')}"
        )
    from .cli_targets import print_report_targets

    print_report_targets(report)
    return 0

"""Sales targets on the command line (services.targets):
``report targets --month YYYY-MM [--json]`` shows each salesperson's targets against what
they did; ``targets set``, ``targets copy`` and ``targets spread`` set them."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from .cli_report import Command

MEASURE_OPTIONS = (("sales", "sales"), ("collections", "collections"), ("new_customers", "new"))


def add_targets_report(reports: Any, command: Command) -> None:
    p = command(
        reports,
        "targets",
        help="per salesperson: the month's targets (sales, collections, new customers), "
        "what was done, the share reached and what is needed per day left",
    )
    p.add_argument("--month", metavar="YYYY-MM", help="the month (this month)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_report)


def _pct(share: float | None) -> str:
    return "-" if share is None else f"{100 * share:.1f} %"


def cmd_report(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .services import targets

    with acting(args, current=False) as (db, uid), db.session() as s:
        prog = targets.progress(s, uid, args.month or dt.date.today().replace(day=1))
    if args.json:
        print(json.dumps(prog.as_dict(), ensure_ascii=False))
        return 0
    print(f"{prog.month:%Y-%m}: {prog.days_left} days left (calendar days, today included)")
    print(
        f"{'salesperson':<16} {'measure':<24} {'target':>14} {'actual':>14} "
        f"{'share':>8} {'per day':>12}"
    )
    lines = list(prog.people) + ([prog.office] if prog.office else [])
    for line in lines:
        for m in line.measures:
            what = m.measure + (f" {m.dimension}={m.dimension_value}" if m.dimension else "")
            print(
                f"{(line.name or 'office')[:16]:<16} {what[:24]:<24} "
                f"{'-' if m.target is None else f'{m.target:,}':>14} {m.actual:>14,} "
                f"{_pct(m.share):>8} {'-' if m.per_day is None else f'{m.per_day:,}':>12}"
            )
    return 0


def add_targets_commands(sub: Any, command: Command) -> None:
    p = command(sub, "targets", help="set salespeople's monthly targets (managers)")
    verbs = p.add_subparsers(dest="verb", metavar="ACTION", required=True)
    s = command(verbs, "set", help="set (or with an empty value clear) one person's targets")
    s.add_argument("--user-name", required=True, metavar="NAME", help="whose targets (sign-in)")
    s.add_argument("--month", required=True, metavar="YYYY-MM")
    for name, _ in MEASURE_OPTIONS:
        s.add_argument(f"--{name.replace('_', '-')}", dest=name, metavar="N")
    _narrowing(s)
    s.set_defaults(handler=cmd_set)
    c = command(verbs, "copy", help="copy last month's targets into the month")
    c.add_argument("--month", required=True, metavar="YYYY-MM")
    c.add_argument("--overwrite", action="store_true", help="replace targets already set")
    c.set_defaults(handler=cmd_copy)
    y = command(verbs, "spread", help="spread a year's target over its twelve months")
    y.add_argument("--user-name", required=True, metavar="NAME")
    y.add_argument("--year", required=True, type=int)
    y.add_argument("--measure", required=True, choices=[n for n, _ in MEASURE_OPTIONS])
    y.add_argument("--total", required=True, metavar="N", help="the year's target")
    y.add_argument(
        "--by",
        choices=("even", "last_year"),
        default="even",
        help="evenly, or in proportion to last year's months (even)",
    )
    _narrowing(y)
    y.set_defaults(handler=cmd_spread)


def _narrowing(p: argparse.ArgumentParser) -> None:
    p.add_argument("--category", metavar="CATEGORY", help="narrow to a product category (sales)")
    p.add_argument("--region", metavar="REGION", help="narrow to customers of a region")


def _dimension(args: argparse.Namespace) -> tuple[str, str] | None:
    """("category", …), ("region", …) or ("", ""); None (after a message) for both."""
    if args.category and args.region:
        print("clientela: error: give --category or --region, not both", file=sys.stderr)
        return None
    if args.category:
        return "category", args.category
    if args.region:
        return "region", args.region
    return "", ""


def _acting(db: Any, args: argparse.Namespace) -> int | None:
    from .errors import PermissionDenied
    from .services.users import current_user

    if not args.user:
        return None
    user = current_user(db, args.user)
    if user is None:
        raise PermissionDenied("unknown or deactivated user")
    return user.id


def cmd_set(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .services import targets, users

    given = [(name, getattr(args, name)) for name, _ in MEASURE_OPTIONS]
    given = [(n, v) for n, v in given if v is not None]
    if not given:
        print("clientela: error: give --sales, --collections or --new-customers", file=sys.stderr)
        return 2
    narrowed = _dimension(args)
    if narrowed is None:
        return 2
    dim, value = narrowed
    with acting(args, current=False) as (db, uid):
        with db.session() as s:
            who = users.resolve(s, args.user_name)
        entries = [targets.TargetInput(who, n, v, dim, value) for n, v in given]
        changed = targets.set_targets(db, uid, args.month, entries)
    print(f"{changed} target(s) changed for {args.user_name} in {args.month}")
    return 0


def cmd_copy(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .services import targets

    with acting(args, current=False) as (db, uid):
        n = targets.copy_last_month(db, uid, args.month, overwrite=args.overwrite)
    print(f"copied {n} target(s) into {args.month}")
    return 0


def cmd_spread(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .services import targets, users

    narrowed = _dimension(args)
    if narrowed is None:
        return 2
    with acting(args, current=False) as (db, uid):
        with db.session() as s:
            who = users.resolve(s, args.user_name)
        months = targets.spread_year(
            db,
            uid,
            who,
            args.year,
            args.measure,
            args.total,
            how=args.by,
            dimension=narrowed[0],
            dimension_value=narrowed[1],
        )
    for first, part in months:
        print(f"{first:%Y-%m} {part:>14,}")
    return 0


def print_today(aims: Any) -> None:
    """The Today command's "this month's targets" lines."""
    if not aims.any_set:
        return
    print(f"\nthis month's targets ({aims.name or 'office'}, {aims.days_left} days left):")
    for m in aims.measures:
        if m.target is None:
            continue
        per_day = "" if m.per_day is None else f", {m.per_day:,} a day needed"
        what = m.measure.replace("_", " ")
        print(f"  {what}: {m.actual:,} of {m.target:,} ({_pct(m.share)}{per_day})")


def print_report_targets(report: Any) -> None:
    """``report activity`` for a calendar month: each salesperson's share of their targets."""
    if not report.targets:
        return
    print(f"\ntargets of {report.period.start:%Y-%m}: share reached (target)")
    for ln in report.lines:
        aims = report.targets.get(ln.user_id or 0, {})
        parts = [
            f"{key.replace('_', ' ')} {_pct(m.share)} ({m.target:,})"
            for key, m in aims.items()
            if m.target is not None
        ]
        if parts:
            print(f"{(ln.name or '-')[:16]:<16} " + ", ".join(parts))

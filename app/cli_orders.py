"""The money side on the command line: ``statement`` (the statement of account of one
customer for a period) and ``credit`` (a customer's receivables by days past due).

``cli.build_parser`` calls ``add_order_commands(sub, _command)``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

from .cli_report import Command, _date


def add_order_commands(sub: Any, command: Command) -> None:
    p = command(
        sub,
        "statement",
        help="a customer's statement of account for a period: opening balance, orders, "
        "returns and payments with the running balance, closing balance, what is overdue",
    )
    p.add_argument("--customer", required=True, metavar="ID_OR_NUMBER")
    p.add_argument("--from", dest="date_from", required=True, type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", required=True, type=_date, metavar="YYYY-MM-DD")
    out = p.add_mutually_exclusive_group(required=True)
    out.add_argument("--out", metavar="FILE.xlsx", help="write the workbook")
    out.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--lang", choices=("zh", "es", "en"), help="the workbook's language (office's)")
    p.set_defaults(handler=cmd_statement)

    p = command(
        sub,
        "credit",
        help="a customer's credit terms and receivables by days past due "
        "(not yet due, 1-30, 31-60, 61-90, over 90)",
    )
    p.add_argument("--customer", required=True, metavar="ID_OR_NUMBER")
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="as on this day (today)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_credit)


def _user_id(db: Any, args: argparse.Namespace) -> int | None:
    from .errors import ValidationError
    from .services.users import current_user

    if not args.user:
        return None
    user = current_user(db, args.user)
    if user is None:
        raise ValidationError("no active user {name}", name=args.user)
    return user.id


def cmd_statement(args: argparse.Namespace) -> int:
    from .cli import _open
    from .services import statement

    db = _open(args, create=False)
    try:
        uid = _user_id(db, args)
        if args.json:
            st = statement.statement(db, uid, args.customer, args.date_from, args.date_to)
        else:
            path, st = statement.make_workbook(
                db, uid, args.customer, args.date_from, args.date_to, args.out, lang=args.lang
            )
    finally:
        db.dispose()
    if args.json:
        print(json.dumps(st.as_dict(), ensure_ascii=False))
        return 0
    print(
        f"wrote the statement of {st.number} {st.name} from {st.start} to {st.end} to {path}: "
        f"opening {st.opening:,}, {len(st.lines)} lines, closing {st.closing:,}, "
        f"overdue {st.overdue:,}"
    )
    return 0


def cmd_credit(args: argparse.Namespace) -> int:
    from .cli import _open
    from .services import credit
    from .services.customers import resolve

    as_of = args.as_of or dt.date.today()
    db = _open(args, create=False)
    try:
        uid = _user_id(db, args)
        with db.session() as s:
            cid = resolve(s, args.customer)
            aged = credit.aging(s, cid, as_of, uid)
            terms = credit.terms(s, cid)
    finally:
        db.dispose()
    data = {
        **aged.as_dict(),
        "limit": None if terms.limit is None else str(terms.limit),
        "term_days": terms.term_days,
        "statement_day": terms.statement_day,
        "payment_terms": terms.payment_terms,
    }
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
        return 0
    limit = "-" if terms.limit is None else f"{terms.limit:,}"
    print(f"as of {as_of}: owed {aged.total:,} (limit {limit}, {terms.term_days} days' credit)")
    labels = ("not yet due", "1-30 days", "31-60 days", "61-90 days", "over 90 days")
    for label, amount in zip(labels, aged.buckets, strict=True):
        print(f"  {label:<14} {amount:>14,}")
    if aged.oldest_days:
        print(f"oldest unpaid order {aged.oldest_days} days past due", file=sys.stdout)
    return 0


def add_margins(reports: Any, command: Command) -> None:
    p = command(
        reports,
        "margins",
        help="gross margin per customer, product or order over a period (returns deducted)",
    )
    p.add_argument("--by", choices=("customer", "product", "order"), default="customer")
    p.add_argument("--from", dest="date_from", required=True, type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", required=True, type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--customer", metavar="ID_OR_NUMBER", help="only this customer")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_margins)


def cmd_margins(args: argparse.Namespace) -> int:
    from .cli import _open
    from .services import margins
    from .services.customers import resolve

    db = _open(args, create=False)
    try:
        uid = _user_id(db, args)
        with db.session() as s:
            cid = resolve(s, args.customer) if args.customer else None
            rows = margins.margins(
                s, args.by, args.date_from, args.date_to, customer_id=cid, user_id=uid
            )
    finally:
        db.dispose()
    total = margins.total(rows)
    if args.json:
        data = {
            "by": args.by,
            "from": args.date_from.isoformat(),
            "to": args.date_to.isoformat(),
            "rows": [r.as_dict() for r in rows],
            "total": total.as_dict(),
        }
        print(json.dumps(data, ensure_ascii=False))
        return 0
    print(f"{args.by} margins {args.date_from} – {args.date_to}")
    print(
        f"{'ref':<12} {'name':<24} {'sales':>14} {'returned':>12} {'cost':>14} "
        f"{'margin':>14} {'%':>6}"
    )
    for r in [*rows, total]:
        share = "-" if r.share is None else f"{r.share}"
        print(
            f"{(r.ref or '')[:12]:<12} {(r.name or ('total' if r is total else ''))[:24]:<24} "
            f"{r.sales:>14,} {r.returned:>12,} {r.cost - r.returned_cost:>14,} "
            f"{r.margin:>14,} {share:>6}"
        )
    return 0

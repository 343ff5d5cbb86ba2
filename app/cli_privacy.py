"""``python main.py privacy export|erase``: a person's right to a copy of their data and to
erasure, through the same services (and permission checks: managers and administrators)
as the customer file.

    python main.py privacy export --db DB --customer C000123 --out person.xlsx
    python main.py privacy erase --db DB --customer C000123 --yes

Erasure cannot be undone, so it refuses to run without ``--yes``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .cli_users import Command


def add_privacy_commands(sub: Any, command: Command) -> None:
    p = command(
        sub,
        "privacy",
        help="a person's data: a copy of everything held (export) or erasure (managers)",
    )
    actions = p.add_subparsers(dest="privacy_command", metavar="ACTION", required=True)

    q = command(actions, "export", help="everything held about one customer, as one workbook")
    q.add_argument("--customer", required=True, metavar="ID_OR_NUMBER")
    q.add_argument("--out", required=True, metavar="FILE.xlsx", help="the workbook to write")
    q.add_argument("--lang", choices=("zh", "es", "en"), help="sheet and header language")
    q.set_defaults(handler=cmd_export)

    q = command(
        actions,
        "erase",
        help="anonymise one customer's personal data for good; orders stay as figures",
    )
    q.add_argument("--customer", required=True, metavar="ID_OR_NUMBER")
    q.add_argument("--yes", action="store_true", help="really erase (cannot be undone)")
    q.set_defaults(handler=cmd_erase)


def cmd_export(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .services import privacy

    with acting(args, current=False) as (db, uid):
        path = privacy.export_person(db, uid, _ref(args.customer), args.out, lang=args.lang)
    print(f"wrote everything held about customer {args.customer} to {path}")
    return 0


def cmd_erase(args: argparse.Namespace) -> int:
    if not args.yes:
        print(
            "clientela: error: erasure cannot be undone; add --yes to erase "
            f"customer {args.customer}",
            file=sys.stderr,
        )
        return 2
    from .cli_session import acting
    from .services import privacy

    with acting(args) as (db, uid):
        result = privacy.erase_person(db, uid, _ref(args.customer))
    print(
        f"erased customer {result.number}: {result.fields} fields, {result.people} people, "
        f"{result.vehicles} vehicles, {result.activities} activities cleared; "
        f"{result.kept_orders} orders and {result.kept_payments} payments kept as figures"
    )
    return 0


def _ref(text: str) -> str:
    return text.strip()

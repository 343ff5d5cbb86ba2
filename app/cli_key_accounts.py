"""``python main.py report key-accounts --month YYYY-MM --out FILE.xlsx [--customer ID]``:
the key-account strategy and monthly review cards, one sheet per customer
(services.key_accounts)."""

from __future__ import annotations

import argparse
import time
from typing import Any

from .cli_report import Command


def add_key_accounts(reports: Any, command: Command) -> None:
    p = command(
        reports,
        "key-accounts",
        help="strategy card and monthly review card of each key account, one sheet each",
    )
    p.add_argument("--month", required=True, metavar="YYYY-MM", help="the month to review")
    p.add_argument("--out", required=True, metavar="FILE.xlsx", help="the workbook to write")
    p.add_argument(
        "--customer", metavar="ID", help="only this customer (id or number), key account or not"
    )
    p.add_argument(
        "--lang", choices=("zh", "es", "en"), help="sheet and header language (office's)"
    )
    p.set_defaults(handler=cmd_key_accounts)


def cmd_key_accounts(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .services import key_accounts

    started = time.perf_counter()
    with acting(args) as (db, uid):
        customer_id = _customer(db, args.customer) if args.customer else None
        path = key_accounts.make_workbook(
            db, uid, args.month, args.out, customer_id=customer_id, lang=args.lang
        )
    print(
        f"wrote the {args.month} key-account cards to {path} "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return 0


def _customer(db: Any, ref: str) -> int:
    """A customer's id from its number or id."""
    from sqlalchemy import select

    from .errors import ValidationError
    from .models import Customer

    ref = ref.strip()
    with db.session() as s:
        found = s.scalar(select(Customer.id).where(Customer.number == ref))
        if found is None and ref.isdigit():
            found = s.scalar(select(Customer.id).where(Customer.id == int(ref)))
    if found is None:
        raise ValidationError("no customer {name}", name=ref)
    return int(found)

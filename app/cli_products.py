"""``python main.py import-products``: a product list from a spreadsheet, checked row by
row, all or nothing (``services.product_import``).

    python main.py import-products --db DB products.xlsx --dry-run
    python main.py import-products --db DB 价目表.xls --user manager
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .cli_users import Command

MAX_LISTED = 20


def add_product_import_command(sub: Any, command: Command) -> None:
    p = command(
        sub,
        "import-products",
        help="add or update products from .xlsx/.xls/.csv (English, Chinese or Spanish "
        "headers); every bad row is listed and nothing is stored (managers)",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
    p.set_defaults(handler=cmd_import_products)


def cmd_import_products(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .services import product_import

    with acting(args, current=False) as (db, uid):
        result = product_import.import_products(db, uid, args.file, dry_run=args.dry_run)
    print(result.summary())
    for error in result.errors[:MAX_LISTED]:
        print(f"  {error}", file=sys.stderr)
    if len(result.errors) > MAX_LISTED:
        print(f"  … and {len(result.errors) - MAX_LISTED} more", file=sys.stderr)
    return 1 if result.errors else 0

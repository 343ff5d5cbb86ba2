"""The command line: ``python main.py`` opens the window; subcommands run the same
services headless for scripts, scheduled tasks and tests.

Every failure is one clear line on stderr and a non-zero exit, never a traceback; the
details of an unexpected failure go to the log file.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from . import __version__, paths
from .errors import ClientelaError

log = logging.getLogger("clientela")

Handler = Callable[[argparse.Namespace], int]


def _common(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default: Any = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        default=default,
        help="database file, or a SQLAlchemy URL such as postgresql+psycopg://user@host/db "
        "(default: clientela.db in the data folder)",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="folder for the default database, settings, logs and backups",
    )
    parser.add_argument(
        "--shared-drive",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="treat the database file as being on a network drive (rollback journal, "
        "long lock waits); detected automatically for UNC paths and network mounts",
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        default=default,
        help="act as this user (sign-in name)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clientela",
        description="Clientela, a CRM for small sales offices. "
        "Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"Clientela {__version__}")
    _common(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("demo", help="fill an empty database with realistic sample data")
    _common(p, suppress=True)
    p.add_argument("--customers", type=_positive_int, default=3000, metavar="N")
    p.add_argument("--seed", type=int, default=1, metavar="S")
    p.add_argument("--locale", choices=("zh_CN", "es_ES", "en_US"), default="zh_CN")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("stats", help="count what the database holds")
    _common(p, suppress=True)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_stats)

    p = sub.add_parser(
        "check",
        help="integrity check and schema revision (exit 0 healthy, 1 damaged, 2 newer version)",
    )
    _common(p, suppress=True)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser(
        "search", help="find customers by name, pinyin, phone digits, plate, email or card"
    )
    _common(p, suppress=True)
    p.add_argument("text", metavar="TEXT", nargs="+", help="what to look for")
    p.add_argument("--limit", type=_positive_int, default=20, metavar="N")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser(
        "merge", help="merge a duplicate customer into another (everything moves to the first)"
    )
    _common(p, suppress=True)
    p.add_argument("survivor", metavar="KEEP", help="customer id or number that stays")
    p.add_argument("other", metavar="DUPLICATE", help="customer id or number merged into it")
    p.set_defaults(handler=cmd_merge)
    return parser


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return n


def _open(args: argparse.Namespace, **kwargs: Any):  # type: ignore[no-untyped-def]
    from .db import open_database

    return open_database(args.db, shared_drive=True if args.shared_drive else None, **kwargs)


def cmd_demo(args: argparse.Namespace) -> int:
    from .db import require_current
    from .services import demo

    db = _open(args)
    try:
        require_current(db)
        last = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.monotonic()
            if not args.quiet and (now - last[0] > 1 or done == total):
                last[0] = now
                print(f"\rdemo: {100 * done // max(total, 1)} %", end="", file=sys.stderr)

        result = demo.generate(
            db, customers=args.customers, seed=args.seed, locale=args.locale, progress=progress
        )
        if not args.quiet:
            print(file=sys.stderr)
        c = result.counts
        print(
            f"demo data in {db.location}: {c.get('customers', 0)} customers, "
            f"{c.get('activities', 0)} activities, {c.get('orders', 0)} orders, "
            f"{c.get('deals', 0)} deals, {c.get('users', 0)} users "
            f"in {result.seconds:.1f} s"
        )
        return 0
    finally:
        db.dispose()


def cmd_stats(args: argparse.Namespace) -> int:
    from .services.stats import stats

    db = _open(args, create=False)
    try:
        data = stats(db)
    finally:
        db.dispose()
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
    else:
        width = max(len(k) for k in data)
        for key, value in data.items():
            if isinstance(value, list):
                value = ", ".join(value)
            print(f"{key:<{width}}  {value}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .services.health import check

    result = check(args.db, shared_drive=True if args.shared_drive else None)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False))
    else:
        status = {0: "healthy", 1: "damaged", 2: "newer version"}[int(result.health)]
        print(f"{result.location}: {status}, schema {result.revision or '-'}")
        for problem in result.problems:
            print(f"  {problem}")
    return int(result.health)


def cmd_search(args: argparse.Namespace) -> int:
    from .services.search import search
    from .services.search_index import ensure_current

    db = _open(args, create=False)
    try:
        ensure_current(db)
        with db.session() as session:
            result = search(session, " ".join(args.text), limit=args.limit)
    finally:
        db.dispose()
    if args.json:
        hits = [
            {k: h.as_dict()[k] for k in ("id", "number", "name", "phones", "plates", "owner")}
            for h in result.hits
        ]
        print(json.dumps({"took_ms": round(result.took_ms, 3), "hits": hits}, ensure_ascii=False))
    else:
        for h in result.hits:
            extra = "  ".join(x for x in (", ".join(h.phones), ", ".join(h.plates)) if x)
            print(f"{h.id:>8}  {h.number:<10} {h.name}  {extra}  ({h.owner or '-'})")
        if not result.hits:
            print("no customer found", file=sys.stderr)
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from .db import require_current
    from .services import customers
    from .services.users import current_user

    db = _open(args, create=False)
    try:
        require_current(db)
        with db.session() as s:
            keep = customers.resolve(s, args.survivor)
            other = customers.resolve(s, args.other)
        user = current_user(db, args.user)
        result = customers.merge(db, user.id if user else None, keep, other)
    finally:
        db.dispose()
    moved = ", ".join(f"{n} {k}" for k, n in result.moved.items()) or "nothing to move"
    print(f"merged customer {other} into {keep}: {moved}")
    return 0


def _setup_logging() -> None:
    try:
        folder = paths.ensure(paths.log_dir())
        handler: logging.Handler = logging.FileHandler(
            folder / "clientela-cli.log", encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.data_dir:
        paths.set_data_dir(args.data_dir)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        from .ui.application import run_gui

        return run_gui(
            args.db, shared_drive=True if args.shared_drive else None, user_name=args.user
        )
    try:
        return handler(args)
    except ClientelaError as exc:
        print(f"clientela: error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("clientela: interrupted", file=sys.stderr)
        return 130
    except (SQLAlchemyError, OSError) as exc:
        _setup_logging()
        log.exception("command %s failed", args.command)
        first = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        print(f"clientela: error: {first}", file=sys.stderr)
        return 1
    except Exception as exc:
        _setup_logging()
        log.exception("command %s failed", args.command)
        print(
            f"clientela: error: unexpected {type(exc).__name__}: {exc} "
            f"(details in {paths.log_dir() / 'clientela-cli.log'})",
            file=sys.stderr,
        )
        return 1

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
EXPORTABLE = (
    "customers",
    "contacts",
    "vehicles",
    "activities",
    "orders",
    "payments",
    "deals",
    "tasks",
    "cases",
    "products",
)


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


def _command(sub: Any, name: str, **kwargs: Any) -> argparse.ArgumentParser:
    """A subcommand that takes the common options after its name too."""
    parser: argparse.ArgumentParser = sub.add_parser(name, **kwargs)
    _common(parser, suppress=True)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clientela",
        description="Clientela, a CRM for small sales offices. "
        "Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"Clientela {__version__}")
    _common(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = _command(sub, "demo", help="fill an empty database with realistic sample data")
    p.add_argument("--customers", type=_positive_int, default=3000, metavar="N")
    p.add_argument("--seed", type=int, default=1, metavar="S")
    p.add_argument("--locale", choices=("zh_CN", "es_ES", "en_US"), default="zh_CN")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(handler=cmd_demo)

    p = _command(sub, "stats", help="count what the database holds")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_stats)

    p = _command(
        sub,
        "check",
        help="integrity check and schema revision (exit 0 healthy, 1 damaged, 2 newer version)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_check)

    p = _command(
        sub, "search", help="find customers by name, pinyin, phone digits, plate, email or card"
    )
    p.add_argument("text", metavar="TEXT", nargs="+", help="what to look for")
    p.add_argument("--limit", type=_positive_int, default=20, metavar="N")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_search)

    p = _command(
        sub, "merge", help="merge a duplicate customer into another (everything moves to the first)"
    )
    p.add_argument("survivor", metavar="KEEP", help="customer id or number that stays")
    p.add_argument("other", metavar="DUPLICATE", help="customer id or number merged into it")
    p.set_defaults(handler=cmd_merge)

    p = _command(
        sub,
        "pipeline",
        help="deals per stage: count, amount, weighted amount, days in stage, conversion",
    )
    p.add_argument(
        "--pipeline", metavar="NAME", help="this pipeline only (default: each one separately)"
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_pipeline)

    p = _command(
        sub,
        "today",
        help="what is due: overdue, today, birthdays, follow-ups, at risk, stuck deals",
    )
    p.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="as on this day (noon)")
    p.add_argument(
        "--scope",
        default="mine",
        metavar="WHO",
        help="mine (default), all, or a salesperson's sign-in name (managers)",
    )
    p.add_argument("--generate", action="store_true", help="make the due reminders first (writes)")
    p.add_argument("--limit", type=_positive_int, default=50, metavar="N", help="lines a section")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_today)

    p = _command(sub, "export", help="write a table to .xlsx or .csv (typed cells, header row)")
    p.add_argument("--what", required=True, choices=EXPORTABLE, help="which table")
    p.add_argument("--owner", metavar="NAME", help="only this salesperson's rows")
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="first day, included")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="last day, included")
    p.add_argument("--out", required=True, metavar="FILE", help="FILE.xlsx or FILE.csv")
    p.set_defaults(handler=cmd_export)

    from .cli_audience import add_selection_options

    p = _command(
        sub,
        "invite",
        help="invite customers to an event (made if no event has that name): select by "
        "place, tag, segment, level or vehicle use, leave out opt-outs, optionally export",
    )
    p.add_argument("--event", required=True, metavar="NAME", help="the event's name")
    p.add_argument(
        "--date",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the event's day: the event of that name on that day, else a new one",
    )
    add_selection_options(p)
    p.add_argument("--notes", metavar="TEXT", help="a new event's notes")
    p.add_argument("--out", metavar="FILE", help="export the invited list to FILE.xlsx or .csv")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_invite)

    p = _command(
        sub,
        "import",
        help="customers from .xlsx, .xls or .csv, all or nothing "
        "(exit 0 all rows in, 1 rows rejected, 2 nothing could be read)",
    )
    p.add_argument("file", metavar="FILE", help="the spreadsheet or CSV file")
    p.add_argument("--sheet", metavar="NAME", help="which sheet (default: the first with data)")
    p.add_argument(
        "--map",
        metavar="MAPPING",
        help="a JSON file {column: field}, or the name of a saved mapping "
        "(default: a saved one that fits, else guessed from the headers)",
    )
    p.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
    p.add_argument(
        "--skip-invalid", action="store_true", help="import the valid rows, list the others"
    )
    p.add_argument(
        "--on-duplicate",
        choices=("skip", "update", "create"),
        default="skip",
        help="a row whose number, phone, email or plate a customer has (default: skip)",
    )
    p.add_argument(
        "--errors", metavar="OUT.xlsx", help="error workbook (default: FILE.errors.xlsx)"
    )
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(handler=cmd_import)

    p = _command(
        sub, "backup", help="copy the database (safe while it is in use) and check the copy"
    )
    p.add_argument("--out", required=True, metavar="FILE", help="where the copy goes")
    p.set_defaults(handler=cmd_backup)

    p = _command(
        sub,
        "restore",
        help="put a backup in place of the database (the current file is kept aside)",
    )
    p.add_argument("backup_file", metavar="FILE", help="the backup to restore")
    p.set_defaults(handler=cmd_restore)

    p = _command(
        sub,
        "move-to-server",
        help="copy this office's database file into an empty PostgreSQL database and check "
        "every table's count (the file is only read)",
    )
    p.add_argument(
        "--to", required=True, metavar="URL", help="postgresql+psycopg://user:pw@host/database"
    )
    p.set_defaults(handler=cmd_move_to_server)

    p = _command(sub, "report", help="reports: customer segments, salespeople's activity")
    reports = p.add_subparsers(dest="report", metavar="REPORT", required=True)
    from .cli_report import add_report_commands

    add_report_commands(reports, _command)
    from .cli_users import add_audit_command, add_user_commands

    add_user_commands(sub, _command)
    add_audit_command(sub, _command)
    from .cli_orders import add_order_commands

    add_order_commands(sub, _command)
    from .cli_loyalty import add_loyalty_commands

    add_loyalty_commands(sub, _command)
    from .cli_privacy import add_privacy_commands

    add_privacy_commands(sub, _command)
    from .cli_products import add_product_import_command

    add_product_import_command(sub, _command)
    from .cli_targets import add_targets_commands

    add_targets_commands(sub, _command)
    from .cli_key_accounts import add_team_command

    add_team_command(sub, _command)
    return parser


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return n


def _date(value: str) -> Any:
    import datetime as dt

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _open(args: argparse.Namespace, **kwargs: Any):  # type: ignore[no-untyped-def]
    from .db import open_database

    return open_database(args.db, shared_drive=True if args.shared_drive else None, **kwargs)


def cmd_demo(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .services import access, demo

    with acting(args, create=True) as (db, uid):
        with db.session() as s:
            access.check_may_write(s, uid)
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


def cmd_stats(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .services.stats import stats

    with acting(args, current=False) as (db, _uid):
        data = stats(db)
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
    from .cli_session import acting
    from .services.search import search
    from .services.search_index import ensure_current

    with acting(args, current=False) as (db, uid):  # --user: only their customers
        ensure_current(db)
        with db.session() as session:
            result = search(session, " ".join(args.text), limit=args.limit, user_id=uid)
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
    from .cli_session import acting
    from .services import customers

    with acting(args) as (db, uid):
        with db.session() as s:
            keep = customers.resolve(s, args.survivor)
            other = customers.resolve(s, args.other)
        result = customers.merge(db, uid, keep, other)
    moved = ", ".join(f"{n} {k}" for k, n in result.moved.items()) or "nothing to move"
    print(f"merged customer {other} into {keep}: {moved}")
    return 0


def cmd_pipeline(args: argparse.Namespace) -> int:
    """Each active pipeline's figures, or the one ``--pipeline NAME`` names. JSON: that
    pipeline's object, or ``{"pipelines": [one object per pipeline]}``."""
    from .cli_session import acting
    from .services import figures as money
    from .services import pipelines
    from .services.pipeline import stage_figures

    with acting(args, current=False) as (db, uid), db.session() as session:
        shown = money.may_see_financials(session, uid)
        if args.pipeline is not None:
            found = pipelines.find(session, args.pipeline)
            if found is None:
                names = ", ".join(p.name for p in pipelines.pipelines(session)) or "none"
                raise ClientelaError(
                    "no pipeline named {name} (there are: {names})",
                    name=args.pipeline,
                    names=names,
                )
            chosen = [found]
        else:
            chosen = pipelines.pipelines(session)
        figures = {p.id: stage_figures(session, p.id, user_id=uid) for p in chosen}

    def as_dict(f: Any) -> dict[str, Any]:
        d: dict[str, Any] = f.as_dict()
        return d if shown else {**d, "amount": None, "weighted": None}

    data = [
        {
            "pipeline_id": p.id,
            "name": p.name,
            "is_default": p.is_default,
            "stages": [as_dict(f) for f in figures[p.id]],
        }
        for p in chosen
    ]
    if args.json:
        out: Any = data[0] if args.pipeline is not None else {"pipelines": data}
        print(json.dumps(out, ensure_ascii=False))
        return 0
    if not chosen:
        print("no pipeline", file=sys.stderr)
    for p in chosen:
        if len(chosen) > 1:
            print(f"== {p.name}")
        for f in figures[p.id]:
            d = as_dict(f)
            days = "-" if d["avg_days_in_stage"] is None else f"{d['avg_days_in_stage']:.1f} d"
            conv = "-" if f.conversion is None else f"{100 * f.conversion:.1f} %"
            print(
                f"{f.stage.name:<16} {f.count:>6} {d['amount'] or '':>16} "
                f"{d['weighted'] or '':>16} "
                f"{days:>9} {conv:>8}"
            )
    return 0


def cmd_today(args: argparse.Namespace) -> int:
    import datetime as dt

    from .errors import ValidationError
    from .services import reminders, targets, tasks
    from .services.users import current_user, user_info

    zone = dt.datetime.now().astimezone().tzinfo
    now = (
        dt.datetime.combine(args.date, dt.time(12), tzinfo=zone)
        if args.date is not None
        else dt.datetime.now(zone)
    )
    from .cli_session import acting

    with acting(args, current=False) as (db, uid):
        user = user_info(db, uid) if uid is not None else current_user(db, None)
        if user is None:
            raise ValidationError("no active user {name}", name=args.user or "(default)")
        scope: tasks.Scope = args.scope if args.scope in ("mine", "all") else "mine"
        if args.scope not in ("mine", "all"):
            other = current_user(db, args.scope)
            if other is None:
                raise ValidationError("no active user {name}", name=args.scope)
            scope = other.id
        if args.generate:
            from .db import require_current

            require_current(db)
            reminders.generate(db, now)
        with db.session() as session:
            view = tasks.today(session, user.id, now, scope, limit=args.limit)
            aims = targets.for_today(session, user.id, view.date, scope)
    if args.json:
        print(json.dumps({**view.as_dict(), "targets": aims.as_dict()}, ensure_ascii=False))
        return 0
    print(f"{view.date.isoformat()}  {user.display_name}")
    for key, section in view.sections.items():
        print(f"\n{key.replace('_', ' ')}: {section.count}")
        for item in section.items:
            extra = "  ".join(
                x
                for x in (
                    item.customer_name if item.customer_name != item.title else None,
                    f"team: {item.detail} besides the owner"
                    if item.kind == "thin_team"
                    else item.detail,
                    f"{item.days} d" if item.days is not None else None,
                    item.owner,
                )
                if x
            )
            print(f"  {item.title}  {extra}".rstrip())
    from .cli_targets import print_today

    print_today(aims)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .services import exports

    with acting(args, current=False) as (db, uid):
        with db.session() as s:
            owner_id = exports.resolve_owner(s, args.owner) if args.owner else None
        request = exports.ExportRequest(
            args.what,
            owner_id=owner_id,
            date_from=exports.parse_day(args.date_from, "from") if args.date_from else None,
            date_to=exports.parse_day(args.date_to, "to") if args.date_to else None,
        )
        result = exports.export(db, uid, request, args.out)
    print(f"exported {result.rows} {args.what} to {result.path} in {result.seconds:.1f} s")
    return 0


def cmd_invite(args: argparse.Namespace) -> int:
    from .cli_audience import selection_filter
    from .cli_session import acting
    from .services import invitations

    with acting(args) as (db, user_id):
        with db.session() as s:
            event = invitations.find_event(s, args.event, args.date)
            f = selection_filter(s, args)
        created = event is None
        event_id = (
            invitations.create_event(db, user_id, args.event, args.date, args.channel, args.notes)
            if event is None
            else event.id
        )
        done = invitations.invite(db, user_id, event_id, f)
        exported = invitations.export_event(db, user_id, event_id, args.out) if args.out else None
        with db.session() as s:
            info = invitations.find_event(s, args.event, args.date)
    if args.json:
        data = {
            "event": info.as_dict() if info else {"id": event_id},
            "created": created,
            "added": len(done.added),
            "already_invited": done.already,
            "opted_out": done.opted_out,
            "exported": ({"path": str(exported.path), "rows": exported.rows} if exported else None),
        }
        print(json.dumps(data, ensure_ascii=False))
        return 0
    what = "created" if created else "existing"
    print(
        f"event {args.event!r} ({what}, id {event_id}): {len(done.added)} invited, "
        f"{done.already} already invited, {done.opted_out} left out (opted out of "
        f"{args.channel}); {info.invited if info else '?'} invited in all"
    )
    if exported is not None:
        print(f"exported {exported.rows} invited customers to {exported.path}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .services import importer

    with acting(args) as (db, uid):
        prepared = importer.prepare(db, args.file, args.sheet, args.map)
        shown = [-1]

        def progress(done: int, total: int, _text: str | None = None) -> None:
            percent = 100 * done // max(total, 1)
            if not args.quiet and percent // 5 != shown[0] // 5:
                shown[0] = percent
                print(f"\rimport: {percent} %", end="", file=sys.stderr)

        result = importer.import_table(
            db,
            uid,
            prepared.table,
            prepared.mapping,
            importer.ImportOptions(
                on_duplicate=args.on_duplicate,
                skip_invalid=args.skip_invalid,
                dry_run=args.dry_run,
            ),
            file_name=prepared.source.path.name,
            errors_path=args.errors or importer.default_errors_path(args.file),
            progress=progress,
        )
    if not args.quiet:
        print(file=sys.stderr)
    for e in result.errors[:10]:
        print(f"row {e.row}, {e.column}: {e.reason}", file=sys.stderr)
    if len(result.errors) > 10:
        print(f"… and {len(result.errors) - 10} more", file=sys.stderr)
    if result.errors_path is not None:
        print(f"errors written to {result.errors_path}", file=sys.stderr)
    if result.errors and not args.skip_invalid:
        print("nothing imported: fix the rows or use --skip-invalid", file=sys.stderr)
    if result.unknown_owners:
        names = ", ".join(result.unknown_owners[:10])
        print(f"owners who are no user here (kept in the notes): {names}", file=sys.stderr)
    what = "checked (dry run)" if args.dry_run else "imported"
    print(
        f"{what} {prepared.source.path.name} [{prepared.table.sheet}]: {result.summary()}"
        f" in {result.seconds:.1f} s"
    )
    return result.exit_code


def cmd_backup(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .cli_session import acting
    from .services import backup

    with acting(args, current=False, migrate=False) as (db, _uid):
        result = backup.backup(db, Path(args.out))
    print(f"backup written to {result.path} ({result.size:,} bytes), checked")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .db import resolve_target
    from .services import backup

    url, path = resolve_target(args.db)
    if url.get_backend_name() != "sqlite" or path is None:
        raise ClientelaError("restore works on database files; use the server's tools for a server")
    aside = backup.restore(path, Path(args.backup_file))
    print(f"restored {args.backup_file} into {path}; the previous file is kept as {aside}")
    return 0


def cmd_move_to_server(args: argparse.Namespace) -> int:
    from sqlalchemy.engine import make_url

    from .cli_session import acting
    from .services import access
    from .services.server_move import move_to_server

    with acting(args, current=False) as (db, uid):
        with db.session() as s:
            access.check_admin(s, uid, "move the office to a server")

        def progress(done: int, total: int, table: str | None) -> None:
            print(f"\r{done * 100 // max(total, 1):3d} %  {table or ''}".ljust(40), end="")

        result = move_to_server(db, args.to, progress=progress if sys.stdout.isatty() else None)
    print(
        f"\rmoved {result.rows:,} rows in {len(result.counts)} tables in {result.seconds:.1f} s; "
        "every table counted on both sides. Open the office with --db "
        + make_url(args.to).render_as_string(hide_password=True)
    )
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

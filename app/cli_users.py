"""``python main.py users …`` and ``python main.py audit``: the office's users and the
audit log from the command line, through the same services (and permission checks) as
the window.

Who acts: ``--user NAME`` like every command (no password: whoever can run the program
on the database file can read and write that file directly anyway, so a password here
would only look like protection); without it, the user whose name is the operating-
system login, else the first administrator. A ``--user`` that is no active user is an
error, never a quiet fallback to full rights.

New passwords are read from standard input (``--password-stdin``), never from the
command line, where they would stay in the shell history and the process list.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from typing import Any

from .cli_session import acting, user_for

Command = Callable[..., argparse.ArgumentParser]
ROLES = ("admin", "manager", "sales", "viewer")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def add_user_commands(sub: Any, command: Command) -> None:
    p = command(sub, "users", help="the office's users: list, add, password, deactivate, reassign")
    users = p.add_subparsers(dest="users_command", metavar="ACTION", required=True)

    q = command(users, "list", help="every user with role and state")
    q.add_argument("--json", action="store_true", help="print JSON")
    q.set_defaults(handler=cmd_list)

    q = command(users, "add", help="a new user (administrators only)")
    q.add_argument("username", metavar="USERNAME")
    q.add_argument("--name", metavar="TEXT", help="display name (default: the user name)")
    q.add_argument("--role", choices=ROLES, default="sales")
    q.add_argument("--no-financials", action="store_true", help="may not see money figures")
    q.add_argument("--os-login", action="store_true", help="may sign in by the OS login name")
    q.add_argument("--password-stdin", action="store_true", help="read the new password from stdin")
    q.set_defaults(handler=cmd_add)

    q = command(users, "password", help="set, reset or (--remove) remove a user's password")
    q.add_argument("username", metavar="USERNAME")
    group = q.add_mutually_exclusive_group(required=True)
    group.add_argument("--password-stdin", action="store_true", help="read it from stdin")
    group.add_argument("--remove", action="store_true", help="no password (no sign-in)")
    q.set_defaults(handler=cmd_password)

    q = command(users, "deactivate", help="deactivate a user (never deleted)")
    q.add_argument("username", metavar="USERNAME")
    q.set_defaults(handler=cmd_deactivate)

    q = command(
        users,
        "reassign",
        help="hand a leaving user's customers, open deals and open tasks to others, then "
        "deactivate them (managers)",
    )
    q.add_argument("from_user", metavar="LEAVING")
    q.add_argument(
        "--to",
        dest="to_users",
        metavar="USERNAME",
        action="append",
        required=True,
        help="who receives (repeat to spread evenly among several)",
    )
    q.add_argument("--keep-active", action="store_true", help="do not deactivate LEAVING")
    q.add_argument("--dry-run", action="store_true", help="only count what would move")
    q.add_argument("--json", action="store_true", help="print JSON")
    q.set_defaults(handler=cmd_reassign)


def add_audit_command(sub: Any, command: Command) -> None:
    p = command(
        sub,
        "audit",
        help="read the audit log, newest first (managers); --out writes .xlsx or .csv",
    )
    p.add_argument("--by", metavar="USERNAME", help="rows written by this user")
    p.add_argument("--from", dest="date_from", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--action", metavar="ACTION", help="create, update, delete, merge, …")
    p.add_argument("--entity", metavar="KIND", help="customer, deal, task, user, …")
    p.add_argument("--id", dest="entity_id", type=int, metavar="N", help="of this record")
    p.add_argument("--text", default="", metavar="TEXT", help="in field, values or note")
    p.add_argument("--limit", type=int, default=200, metavar="N", help="rows printed (0: all)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print JSON lines")
    out.add_argument("--out", metavar="FILE", help="write every matching row to .xlsx or .csv")
    p.set_defaults(handler=cmd_audit)


# ------------------------------------------------------------------ helpers
def _acting(db: Any, args: argparse.Namespace) -> int | None:
    """The signed-in ``--user`` (cli_session.user_for); None, the program, without one."""
    return user_for(db, getattr(args, "user", None))


def _read_password() -> str:
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


# ------------------------------------------------------------------ users
def cmd_list(args: argparse.Namespace) -> int:
    from .services import users

    with acting(args) as (db, _uid), db.session() as s:
        rows = users.list_users(s)
    if args.json:
        out = [
            {
                "id": r.id,
                "username": r.username,
                "display_name": r.display_name,
                "role": r.role.value,
                "active": r.active,
                "password": r.has_password,
                "os_login": r.os_login_allowed,
                "may_see_financials": r.may_see_financials,
            }
            for r in rows
        ]
        print(json.dumps(out, ensure_ascii=False))
        return 0
    for r in rows:
        flags = [
            "active" if r.active else "deactivated",
            "password" if r.has_password else "no password",
        ]
        if r.os_login_allowed:
            flags.append("os login")
        if not r.may_see_financials:
            flags.append("no money figures")
        print(f"{r.id:>5}  {r.username:<16} {r.display_name}  [{r.role.value}] {', '.join(flags)}")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from .models.enums import Role
    from .services import users

    password = _read_password() if args.password_stdin else None
    with acting(args) as (db, by):
        data = users.UserData(
            args.username,
            args.name or "",
            Role(args.role),
            may_see_financials=not args.no_financials,
            os_login_allowed=args.os_login,
        )
        new_id = users.add_user(db, by, data, password)
    print(f"added user {args.username} ({args.role}), id {new_id}")
    return 0


def cmd_password(args: argparse.Namespace) -> int:
    from .services import users

    password = None if args.remove else _read_password()
    with acting(args) as (db, by):
        with db.session() as s:
            target = users.resolve(s, args.username)
        users.set_password(db, by, target, password)
    print(f"password of {args.username} {'set' if password else 'removed'}")
    return 0


def cmd_deactivate(args: argparse.Namespace) -> int:
    from .services import users

    with acting(args) as (db, by):
        with db.session() as s:
            target = users.resolve(s, args.username)
        users.deactivate(db, by, target)
    print(f"deactivated {args.username}")
    return 0


def cmd_reassign(args: argparse.Namespace) -> int:
    from .services import access, users

    with acting(args) as (db, by):
        with db.session() as s:
            access.check_manager(s, by, "reassign customers")
            leaving = users.resolve(s, args.from_user)
            receivers = [users.resolve(s, name) for name in args.to_users]
            preview = users.reassign_preview(s, leaving)
        done = None
        if not args.dry_run:
            done = users.reassign(db, by, leaving, receivers, deactivate=not args.keep_active)
    counts = {
        "customers": preview.customers,
        "open_deals": preview.open_deals,
        "open_tasks": preview.open_tasks,
        "team_places": preview.team_places,
    }
    if args.json:
        out: dict[str, Any] = {"preview": counts, "done": done is not None}
        if done is not None:
            out["moved"] = {
                "customers": len(done.customer_ids),
                "open_deals": len(done.deal_ids),
                "open_tasks": len(done.task_ids),
                "team_places": done.team_places,
            }
            out["per_user"] = {str(k): v for k, v in done.per_user.items()}
            out["deactivated"] = done.deactivated
        print(json.dumps(out))
        return 0
    what = (
        f"{preview.customers} customers, {preview.open_deals} open deals, "
        f"{preview.open_tasks} open tasks, {preview.team_places} team places"
    )
    if done is None:
        print(f"would move {what} from {args.from_user} to {', '.join(args.to_users)}")
        return 0
    moved = (
        f"{len(done.customer_ids)} customers, {len(done.deal_ids)} open deals, "
        f"{len(done.task_ids)} open tasks, {done.team_places} team places"
    )
    print(f"moved {moved} from {args.from_user} to {', '.join(args.to_users)}")
    if done.deactivated:
        print(f"deactivated {args.from_user}")
    return 0


# ------------------------------------------------------------------ audit
def cmd_audit(args: argparse.Namespace) -> int:
    from .errors import ValidationError
    from .models.enums import AuditAction
    from .services import audit, users

    try:
        action = AuditAction(args.action) if args.action else None
    except ValueError:
        choices = ", ".join(a.value for a in AuditAction)
        raise ValidationError(
            "no action {action}: choose one of {choices}", action=args.action, choices=choices
        ) from None
    with acting(args) as (db, by):
        with db.session() as s:
            author = users.resolve(s, args.by) if args.by else None
        f = audit.AuditFilter(
            user_id=author,
            action=action,
            entity=args.entity,
            entity_id=args.entity_id,
            date_from=args.date_from,
            date_to=args.date_to,
            text=args.text,
        )
        if args.out:
            result = audit.export(db, by, f, args.out)
            print(f"wrote {result.rows} audit rows to {result.path}")
            return 0
        with db.session() as s:
            total = audit.count(s, by, f)
            rows = audit.page(s, by, f, 0, args.limit if args.limit > 0 else max(total, 1))
    if args.json:
        for row in rows:
            print(json.dumps(row.as_dict(), ensure_ascii=False))
        return 0
    for row in rows:
        at = row.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        record = f"{row.entity} {row.entity_id}" if row.entity_id is not None else row.entity
        change = ""
        if row.field:
            change = f" {row.field}: {row.old_value or '-'} → {row.new_value or '-'}"
        note = f"  ({row.note})" if row.note else ""
        print(f"{at}  {row.user or '-':<12} {row.action.value:<8} {record}{change}{note}")
    if len(rows) < total:
        print(f"… {total - len(rows)} more (--limit 0 for all)", file=sys.stderr)
    return 0

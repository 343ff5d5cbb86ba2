"""Account teams and key-account cards on the command line:
``report key-accounts --month YYYY-MM --out FILE.xlsx [--customer ID]`` writes the
strategy and monthly review cards, one sheet per customer (services.key_accounts);
``team --customer ID [--set USER --role ROLE] [--remove USER] [--pair CONTACT --with USER]``
shows and changes a customer's account team (services.teams)."""

from __future__ import annotations

import argparse
import json
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


def add_team_command(sub: Any, command: Command) -> None:
    p = command(
        sub,
        "team",
        help="a customer's account team and its contacts' counterparts; --set, --remove, --pair",
    )
    p.add_argument("--customer", required=True, metavar="ID", help="customer id or number")
    p.add_argument("--set", dest="set_user", metavar="USER", help="put USER on the team")
    p.add_argument("--role", choices=("lead", "manager", "sponsor", "service"), default="service")
    p.add_argument("--remove", metavar="USER", help="take USER off the team")
    p.add_argument("--pair", type=int, metavar="CONTACT_ID", help="a contact person's id")
    p.add_argument("--with", dest="with_user", metavar="USER", help="their counterpart, or none")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_team)


def cmd_team(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from .cli_session import acting
    from .errors import ValidationError
    from .services import teams, users

    with acting(args) as (db, uid):
        cid = _customer(db, args.customer)

        def who(name: str) -> int:
            with db.session() as s:
                return users.resolve(s, name)

        if args.set_user:
            teams.set_member(db, uid, cid, who(args.set_user), args.role)
        if args.remove:
            teams.remove_member(db, uid, cid, who(args.remove))
        if args.pair is not None:
            if not args.with_user:
                raise ValidationError("say who: --with USER, or --with none", field="with")
            mate = None if args.with_user.lower() == "none" else who(args.with_user)
            teams.set_counterpart(db, uid, args.pair, None, mate)
        with db.session() as s:
            team = teams.team(s, uid, cid)
    if args.json:
        print(json.dumps({**asdict(team), "size": team.size}, ensure_ascii=False))
        return 0
    print(f"owner: {team.owner_name or '-'}  ({team.size} team members besides the owner)")
    for m in team.members:
        flags = " (owner)" if m.is_owner else "" if m.active else " (inactive)"
        print(f"  {m.name}  {m.role}{flags}")
    for c in team.counterparts:
        print(
            f"  contact {c.contact_id} {c.contact_name} [{c.contact_role}] <-> {c.user_name or '-'}"
        )
    if team.key_account and team.size < teams.MIN_TEAM:
        print(f"a key account: fewer than {teams.MIN_TEAM} team members besides the owner")
    return 0

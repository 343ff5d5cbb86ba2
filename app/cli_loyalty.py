"""``python main.py cases …`` and ``python main.py points …``: complaint cases and the
membership points ledger (services.cases, services.loyalty)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .cli_audience import add_campaign_invite
from .cli_report import Command, _date


def add_loyalty_commands(sub: Any, command: Command) -> None:
    p = command(sub, "cases", help="complaint cases: open, in progress, resolved, overdue")
    p.add_argument(
        "--status",
        default="all",
        choices=("all", "unresolved", "open", "in_progress", "resolved", "overdue"),
        help="which cases (all)",
    )
    p.add_argument("--owner", metavar="NAME", help="only this person's cases (sign-in name)")
    p.add_argument("--customer", metavar="ID_OR_CARD", help="only this customer's cases")
    p.add_argument(
        "--from", dest="date_from", type=_date, metavar="YYYY-MM-DD", help="opened on or after"
    )
    p.add_argument(
        "--to", dest="date_to", type=_date, metavar="YYYY-MM-DD", help="opened on or before"
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_cases)

    p = command(sub, "points", help="a member's level, points balance and points ledger")
    p.add_argument(
        "--customer", required=True, metavar="ID_OR_CARD", help="id, card or customer number"
    )
    change = p.add_mutually_exclusive_group()
    change.add_argument("--redeem", type=int, metavar="N", help="take N points off first")
    change.add_argument(
        "--adjust", type=int, metavar="N", help="add (or with -N take off) points (managers)"
    )
    p.add_argument("--reason", metavar="TEXT", help="why (required with --adjust)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_points)

    p = command(sub, "campaign", help="campaigns: add one, invite its audience, log responses")
    actions = p.add_subparsers(dest="campaign_action", metavar="ACTION", required=True)
    p = command(actions, "add", help="a new campaign; prints its id")
    p.add_argument("--name", required=True)
    p.add_argument("--kind", required=True, choices=("event", "promotion", "mailing", "call_round"))
    p.add_argument("--channel", choices=("phone", "sms", "email", "post"))
    p.add_argument("--from", dest="date_from", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--cost", metavar="AMOUNT")
    p.add_argument("--notes", metavar="TEXT")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_campaign_add)
    add_campaign_invite(actions, command)
    p = command(actions, "respond", help="how an invited customer responded")
    p.add_argument("--campaign", required=True, type=int, metavar="ID")
    p.add_argument("--customer", required=True, metavar="ID_OR_CARD")
    p.add_argument("--response", required=True, choices=("came", "bought", "declined", "none"))
    p.set_defaults(handler=cmd_campaign_respond)


def _user_id(db: Any, name: str | None) -> int | None:
    from .errors import ValidationError
    from .services.users import current_user

    if not name:
        return None
    user = current_user(db, name)
    if user is None:
        raise ValidationError("no active user {name}", name=name)
    return user.id


def customer_id_of(session: Any, value: str) -> int:
    """A customer by id, membership card or customer number."""
    from sqlalchemy import or_, select

    from .errors import ValidationError
    from .models import Customer

    terms = [Customer.membership_card == value, Customer.number == value]
    if value.isdigit():
        terms.append(Customer.id == int(value))
    found = list(
        session.scalars(
            select(Customer.id).where(or_(*terms), Customer.deleted_at.is_(None)).limit(2)
        )
    )
    if not found:
        raise ValidationError("no customer {value}", field="customer", value=value)
    return int(found[0])


def cmd_cases(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .services import cases

    with acting(args, current=False) as (db, user_id):
        owner_id = _user_id(db, args.owner)
        with db.session() as s:
            customer_id = customer_id_of(s, args.customer) if args.customer else None
            rows = cases.listing(
                s,
                user_id,
                status=args.status,
                owner_id=owner_id,
                customer_id=customer_id,
                opened_from=args.date_from,
                opened_to=args.date_to,
            )
    if args.json:
        print(json.dumps({"cases": [r.as_dict() for r in rows]}, ensure_ascii=False))
        return 0
    print(f"{'id':>6} {'status':<12} {'due':<10} {'customer':<20} {'owner':<12} title")
    for r in rows:
        due = r.due_on.isoformat() if r.due_on else "-"
        flag = "!" if r.overdue else " "
        print(
            f"{r.id:>6} {r.status:<12} {due:<10}{flag}{r.customer_name[:20]:<20} "
            f"{(r.owner or '-')[:12]:<12} {r.title}"
        )
    print(f"{len(rows)} case(s)", file=sys.stderr)
    return 0


# ------------------------------------------------------------------ satisfaction
def add_satisfaction(reports: Any, command: Command) -> None:
    p = command(
        reports,
        "satisfaction",
        help="satisfaction scores per month and per salesperson: answers, average, "
        "share of 4-5 and of 1-2",
    )
    p.add_argument("--from", dest="date_from", type=_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_satisfaction)


def _share(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f} %"


def cmd_satisfaction(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .services import satisfaction

    with acting(args, current=False) as (db, user_id), db.session() as s:
        report = satisfaction.report(s, user_id, args.date_from, args.date_to)
    data = report.as_dict()
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
        return 0
    print(f"{report.date_from} – {report.date_to}")
    for title, lines in (("month", data["months"]), ("salesperson", data["salespeople"])):
        print(f"\n{title:<16} {'answers':>7} {'average':>7} {'4-5':>6} {'1-2':>6}")
        for ln in [*lines, data["total"]] if title == "month" else lines:
            avg = "-" if ln["average"] is None else f"{ln['average']:.2f}"
            print(
                f"{(ln['key'] or '-')[:16]:<16} {ln['answers']:>7} {avg:>7} "
                f"{_share(ln['share_4_5']):>6} {_share(ln['share_1_2']):>6}"
            )
    return 0


def cmd_points(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .services import figures, loyalty

    with acting(args, current=False) as (db, user_id):
        with db.session() as s:
            customer_id = customer_id_of(s, args.customer)
        if args.redeem is not None or args.adjust is not None:
            from .db import require_current

            require_current(db)
            if args.redeem is not None:
                loyalty.redeem(db, user_id, customer_id, args.redeem, args.reason)
            else:
                loyalty.adjust(db, user_id, customer_id, args.adjust, args.reason or "")
        with db.session() as s:
            found = loyalty.membership(s, user_id, customer_id)
    if args.json:
        print(json.dumps(found.as_dict(), ensure_ascii=False))
        return 0
    print(f"{found.number}  {found.name}  card {found.card or '-'}")
    print(f"level {found.level}  spend 12 months {figures.cli(found.spend_12_months)}")
    print(f"balance {found.balance:,} points")
    for e in found.ledger:
        print(
            f"{e.at:%Y-%m-%d %H:%M}  {e.kind:<7} {e.points:>+8,}  {(e.user or '-')[:12]:<12} "
            f"{e.reason or ''}"
        )
    return 0


# ------------------------------------------------------------------ campaigns
def add_campaigns(reports: Any, command: Command) -> None:
    p = command(
        reports,
        "campaigns",
        help="what campaigns brought: invited, responded, buyers, revenue, cost, revenue per "
        "cost; and customers acquired in the period by lead source",
    )
    p.add_argument("--from", dest="date_from", type=_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--days", type=int, metavar="N", help="orders up to N days after (setting, 30)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_campaigns)


def cmd_campaigns(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .services import campaigns, figures

    with acting(args, current=False) as (db, user_id), db.session() as s:
        lines = campaigns.report(s, user_id, args.date_from, args.date_to, args.days)
        sources = campaigns.by_source(s, user_id, args.date_from, args.date_to, args.days)
    if args.json:
        data = {
            "from": args.date_from.isoformat(),
            "to": args.date_to.isoformat(),
            "campaigns": [ln.as_dict() for ln in lines],
            "sources": [src.as_dict() for src in sources],
        }
        print(json.dumps(data, ensure_ascii=False))
        return 0
    print(
        f"{'campaign':<24} {'invited':>7} {'resp.':>6} {'new':>5} {'buyers':>6} "
        f"{'revenue':>14} {'cost':>12} {'rev/cost':>8}"
    )
    for ln in lines:
        rpc = ln.revenue_per_cost
        print(
            f"{ln.name[:24]:<24} {ln.invited:>7,} {ln.responded:>6,} {ln.new_customers:>5,} "
            f"{ln.buyers:>6,} {figures.cli(ln.revenue, '>14,')} {figures.cli(ln.cost, '>12,')} "
            f"{'-' if rpc is None else f'{rpc:,}':>8}"
        )
    print(f"\n{'source':<16} {'customers':>9} {'buyers':>6} {'revenue':>14}")
    for src in sources:
        revenue = figures.cli(src.revenue, ">14,")
        print(f"{src.source:<16} {src.customers:>9,} {src.buyers:>6,} {revenue}")
    return 0


def cmd_campaign_add(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .services import campaigns

    with acting(args) as (db, user_id):
        data = campaigns.CampaignData(
            args.name,
            args.kind,
            args.channel,
            args.date_from,
            args.date_to,
            args.cost,
            notes=args.notes,
        )
        campaign_id = campaigns.create(db, user_id, data)
    print(json.dumps({"campaign_id": campaign_id}) if args.json else campaign_id)
    return 0


def cmd_campaign_respond(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .services import campaigns

    with acting(args) as (db, user_id):
        with db.session() as s:
            customer_id = customer_id_of(s, args.customer)
        campaigns.respond(db, user_id, args.campaign, customer_id, args.response)
    return 0

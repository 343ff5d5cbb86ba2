"""Who a campaign reaches, on the command line: the selection options ``invite`` (events)
and ``campaign invite`` (any campaign) share, read into one ``InvitationFilter``; and
``campaign invite`` itself (``--dry-run`` only counts)."""

from __future__ import annotations

import argparse
import json
from typing import Any

CHANNELS = ("phone", "sms", "email", "post")
LIFECYCLES = (
    "prospect",
    "new",
    "growing",
    "steady",
    "declining",
    "at_risk",
    "lost",
    "won_back",
    "ended",
)


def add_selection_options(p: argparse.ArgumentParser, *, channel_required: bool = True) -> None:
    """--channel and the filters of the invitations' selection."""
    p.add_argument(
        "--channel",
        required=channel_required,
        choices=CHANNELS,
        help="how they are reached; customers who opted out of it are left out"
        + ("" if channel_required else " (default: the campaign's channel)"),
    )
    p.add_argument("--city", metavar="CITY")
    p.add_argument("--district", metavar="DISTRICT")
    p.add_argument("--tag", metavar="NAME", help="customers with this tag")
    p.add_argument("--lifecycle", choices=LIFECYCLES)
    p.add_argument("--class", dest="abc_class", choices=("A", "B", "C"), help="80/20 class")
    p.add_argument(
        "--rfm-segment",
        metavar="SEGMENT",
        help="champion, loyal, potential_loyalist, new_customer, promising, need_attention, "
        "about_to_sleep, at_risk, cant_lose or hibernating",
    )
    p.add_argument("--key-accounts", action="store_true", help="key accounts (★) only")
    p.add_argument("--level", choices=("ordinary", "silver", "gold", "vip"))
    p.add_argument(
        "--vehicle-use",
        choices=("private", "coach", "works", "taxi", "freight", "rental", "other"),
    )
    p.add_argument("--owner", metavar="NAME", help="only this salesperson's customers")


def selection_filter(session: Any, args: argparse.Namespace, channel: str | None = None) -> Any:
    """The ``InvitationFilter`` the options describe (``channel`` when --channel is not
    given); ValidationError for an unknown tag, owner, class or segment."""
    from .errors import ValidationError
    from .models.enums import Channel, Lifecycle, MembershipLevel, VehicleUse
    from .services import exports, invitations

    chosen = args.channel or channel
    if chosen is None:
        raise ValidationError("say how they are reached: --channel phone, sms, email or post")
    f = invitations.InvitationFilter(
        channel=Channel(chosen),
        city=args.city,
        district=args.district,
        tag_id=invitations.find_tag(session, args.tag) if args.tag else None,
        lifecycle=Lifecycle(args.lifecycle) if args.lifecycle else None,
        membership_level=MembershipLevel(args.level) if args.level else None,
        vehicle_use=VehicleUse(args.vehicle_use) if args.vehicle_use else None,
        owner_id=exports.resolve_owner(session, args.owner) if args.owner else None,
        abc_class=args.abc_class,
        rfm_segment=args.rfm_segment,
        starred=True if args.key_accounts else None,
    )
    invitations.check_filter(f)
    return f


def add_campaign_invite(actions: Any, command: Any) -> None:
    p = command(
        actions,
        "invite",
        help="choose a campaign's audience (any kind) by place, tag, segment, level or vehicle "
        "use; opt-outs of the channel left out; those on its list before stay as they were",
    )
    p.add_argument(
        "--campaign", required=True, metavar="NAME_OR_ID", help="the campaign's id or name"
    )
    add_selection_options(p, channel_required=False)
    p.add_argument(
        "--dry-run", action="store_true", help="only count who matches; add no one to the list"
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_campaign_invite)


def cmd_campaign_invite(args: argparse.Namespace) -> int:
    from .cli_session import acting
    from .services import campaign_audience, invitations

    with acting(args, current=not args.dry_run) as (db, user_id):
        with db.session() as s:
            campaign = campaign_audience.find(s, args.campaign)
            f = selection_filter(s, args, campaign.channel.value if campaign.channel else None)
            preview = invitations.preview(s, f, campaign.id, user_id)
        done = None if args.dry_run else invitations.invite(db, user_id, campaign.id, f)
        with db.session() as s:
            campaign = campaign_audience.get(s, campaign.id)
    data = {
        "campaign_id": campaign.id,
        "campaign": campaign.as_dict(),
        "channel": f.channel.value,
        "match": preview.count,
        "opted_out": preview.opted_out,
        "added": None if done is None else len(done.added),
        "already": preview.already if done is None else done.already,
        "on_list": campaign.invited,
    }
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
        return 0
    what = "would add" if done is None else "added"
    added = preview.new if done is None else len(done.added)
    print(
        f"campaign {campaign.name!r} ({campaign.kind.value}, id {campaign.id}): "
        f"{preview.count:,} match, {preview.opted_out:,} left out (opted out of "
        f"{f.channel.value}); {what} {added:,}, {data['already']:,} on the list already; "
        f"{campaign.invited:,} on the list in all"
    )
    return 0

"""Translated names for the stored vocabularies (enum values) the window shows.

Each name is written as a ``QCoreApplication.translate("labels", …)`` call, which both
``python -m tools.i18n`` and Qt's own ``pyside6-lupdate`` extract; the table is built on
each call so a change of translator shows at once."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def label(value: object) -> str:
    """The person-facing name of an enum value, or the value itself."""
    raw = getattr(value, "value", value)
    names = _names()
    return names.get(str(raw), str(raw) if raw is not None else "")


def _names() -> dict[str, str]:
    return {
        "person": QCoreApplication.translate("labels", "Person"),
        "company": QCoreApplication.translate("labels", "Company"),
        "walk_in": QCoreApplication.translate("labels", "Walk-in"),
        "referral": QCoreApplication.translate("labels", "Referral"),
        "event": QCoreApplication.translate("labels", "Event"),
        "campaign": QCoreApplication.translate("labels", "Campaign"),
        "promotion": QCoreApplication.translate("labels", "Promotion"),
        "mailing": QCoreApplication.translate("labels", "Mailing"),
        "call_round": QCoreApplication.translate("labels", "Call round"),
        "came": QCoreApplication.translate("labels", "Came"),
        "bought": QCoreApplication.translate("labels", "Bought"),
        "declined": QCoreApplication.translate("labels", "Declined"),
        "website": QCoreApplication.translate("labels", "Website"),
        "phone": QCoreApplication.translate("labels", "Phone"),
        "advertising": QCoreApplication.translate("labels", "Advertising"),
        "import": QCoreApplication.translate("labels", "Import"),
        "other": QCoreApplication.translate("labels", "Other"),
        "fuel": QCoreApplication.translate("labels", "Fuel grade"),
        "vehicle": QCoreApplication.translate("labels", "Vehicle model"),
        "accessory": QCoreApplication.translate("labels", "Accessory"),
        "parts": QCoreApplication.translate("labels", "Parts"),
        "service": QCoreApplication.translate("labels", "Service"),
        "sold": QCoreApplication.translate("labels", "Still sold"),
        "not_sold": QCoreApplication.translate("labels", "No longer sold"),
        "prospect": QCoreApplication.translate("labels", "Prospect"),
        "new": QCoreApplication.translate("labels", "New"),
        "growing": QCoreApplication.translate("labels", "Growing"),
        "steady": QCoreApplication.translate("labels", "Steady"),
        "declining": QCoreApplication.translate("labels", "Declining"),
        "at_risk": QCoreApplication.translate("labels", "At risk"),
        "lost": QCoreApplication.translate("labels", "Lost"),
        "won_back": QCoreApplication.translate("labels", "Won back"),
        "ended": QCoreApplication.translate("labels", "Ended"),
        "none": QCoreApplication.translate("labels", "—"),
        "ordinary": QCoreApplication.translate("labels", "Ordinary"),
        "silver": QCoreApplication.translate("labels", "Silver"),
        "gold": QCoreApplication.translate("labels", "Gold"),
        "vip": QCoreApplication.translate("labels", "VIP"),
        "regular": QCoreApplication.translate("labels", "Regular"),
        "passing": QCoreApplication.translate("labels", "Passing trade"),
        "unknown": QCoreApplication.translate("labels", "Unknown"),
        "call": QCoreApplication.translate("labels", "Call"),
        "visit": QCoreApplication.translate("labels", "Visit"),
        "desk_visit": QCoreApplication.translate("labels", "Desk visit"),
        "return_visit": QCoreApplication.translate("labels", "Return visit"),
        "test_drive": QCoreApplication.translate("labels", "Test drive"),
        "email": QCoreApplication.translate("labels", "Email"),
        "sms": QCoreApplication.translate("labels", "SMS"),
        "post": QCoreApplication.translate("labels", "Post"),
        "meeting": QCoreApplication.translate("labels", "Meeting"),
        "note": QCoreApplication.translate("labels", "Note"),
        "complaint": QCoreApplication.translate("labels", "Complaint"),
        "praise": QCoreApplication.translate("labels", "Praise"),
        "suggestion": QCoreApplication.translate("labels", "Suggestion"),
        "level_change": QCoreApplication.translate("labels", "Level change"),
        "earn": QCoreApplication.translate("labels", "Earned"),
        "redeem": QCoreApplication.translate("labels", "Redeemed"),
        "adjust": QCoreApplication.translate("labels", "Adjusted"),
        "expire": QCoreApplication.translate("labels", "Expired"),
        "decision_maker": QCoreApplication.translate("labels", "Decision maker"),
        "purchaser": QCoreApplication.translate("labels", "Purchaser"),
        "window": QCoreApplication.translate("labels", "Window contact"),
        "finance": QCoreApplication.translate("labels", "Finance"),
        "open": QCoreApplication.translate("labels", "Open"),
        "in_progress": QCoreApplication.translate("labels", "In progress"),
        "resolved": QCoreApplication.translate("labels", "Resolved"),
        "won": QCoreApplication.translate("labels", "Won"),
        "done": QCoreApplication.translate("labels", "Done"),
        "cancelled": QCoreApplication.translate("labels", "Cancelled"),
        "draft": QCoreApplication.translate("labels", "Draft"),
        "confirmed": QCoreApplication.translate("labels", "Confirmed"),
        "delivered": QCoreApplication.translate("labels", "Delivered"),
        "invoiced": QCoreApplication.translate("labels", "Invoiced"),
        "cash": QCoreApplication.translate("labels", "Cash"),
        "card": QCoreApplication.translate("labels", "Card"),
        "transfer": QCoreApplication.translate("labels", "Transfer"),
        "cheque": QCoreApplication.translate("labels", "Cheque"),
        "mobile": QCoreApplication.translate("labels", "Mobile payment"),
        "private": QCoreApplication.translate("labels", "Private"),
        "coach": QCoreApplication.translate("labels", "Coach / bus"),
        "works": QCoreApplication.translate("labels", "Works vehicle"),
        "taxi": QCoreApplication.translate("labels", "Taxi"),
        "freight": QCoreApplication.translate("labels", "Freight"),
        "rental": QCoreApplication.translate("labels", "Rental"),
        "official": QCoreApplication.translate("labels", "Official"),
    }

"""Translated names for the stored vocabularies (enum values) the window shows."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("labels", text)


def label(value: object) -> str:
    """The person-facing name of an enum value, or the value itself."""
    raw = getattr(value, "value", value)
    names = _names()
    return names.get(str(raw), str(raw) if raw is not None else "")


def _names() -> dict[str, str]:
    return {
        "person": _t("Person"),
        "company": _t("Company"),
        "walk_in": _t("Walk-in"),
        "referral": _t("Referral"),
        "event": _t("Event"),
        "campaign": _t("Campaign"),
        "website": _t("Website"),
        "phone": _t("Phone"),
        "advertising": _t("Advertising"),
        "import": _t("Import"),
        "other": _t("Other"),
        "prospect": _t("Prospect"),
        "new": _t("New"),
        "growing": _t("Growing"),
        "steady": _t("Steady"),
        "declining": _t("Declining"),
        "at_risk": _t("At risk"),
        "lost": _t("Lost"),
        "won_back": _t("Won back"),
        "ended": _t("Ended"),
        "none": _t("—"),
        "ordinary": _t("Ordinary"),
        "silver": _t("Silver"),
        "gold": _t("Gold"),
        "vip": _t("VIP"),
        "regular": _t("Regular"),
        "passing": _t("Passing trade"),
        "unknown": _t("Unknown"),
        "call": _t("Call"),
        "visit": _t("Visit"),
        "desk_visit": _t("Desk visit"),
        "return_visit": _t("Return visit"),
        "test_drive": _t("Test drive"),
        "email": _t("Email"),
        "sms": _t("SMS"),
        "meeting": _t("Meeting"),
        "note": _t("Note"),
        "complaint": _t("Complaint"),
        "praise": _t("Praise"),
        "suggestion": _t("Suggestion"),
        "level_change": _t("Level change"),
        "decision_maker": _t("Decision maker"),
        "purchaser": _t("Purchaser"),
        "window": _t("Window contact"),
        "finance": _t("Finance"),
        "open": _t("Open"),
        "won": _t("Won"),
        "done": _t("Done"),
        "cancelled": _t("Cancelled"),
        "draft": _t("Draft"),
        "confirmed": _t("Confirmed"),
        "delivered": _t("Delivered"),
        "invoiced": _t("Invoiced"),
        "cash": _t("Cash"),
        "card": _t("Card"),
        "transfer": _t("Transfer"),
        "cheque": _t("Cheque"),
        "mobile": _t("Mobile payment"),
        "private": _t("Private"),
        "coach": _t("Coach / bus"),
        "works": _t("Works vehicle"),
        "taxi": _t("Taxi"),
        "freight": _t("Freight"),
        "rental": _t("Rental"),
        "official": _t("Official"),
    }

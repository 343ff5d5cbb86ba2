"""Translated names for the segmentation vocabulary (80/20 classes, RFM segments, key-account
indicators), which the services keep as stable keys."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("segments", text)


def class_label(key: str | None) -> str:
    if not key:
        return "—"
    return _t("Class {0}").format(key)


def rfm_label(key: str | None) -> str:
    if not key:
        return "—"
    names = {
        "champion": _t("Champions"),
        "loyal": _t("Loyal"),
        "potential_loyalist": _t("Potential loyalists"),
        "new_customer": _t("New customers"),
        "promising": _t("Promising"),
        "need_attention": _t("Need attention"),
        "about_to_sleep": _t("About to sleep"),
        "at_risk": _t("At risk"),
        "cant_lose": _t("Can't lose them"),
        "hibernating": _t("Hibernating"),
    }
    return names.get(key, key)


def tier_label(tier: int | None) -> str:
    if not tier:
        return "—"
    return _t("{0}+ vehicles a year").format(tier)


def indicator_label(key: str) -> str:
    names = {
        "orders": _t("Number of purchases"),
        "revenue": _t("Revenue"),
        "profit": _t("Profit"),
        "margin": _t("Gross margin"),
        "avg_order": _t("Average purchase"),
        "max_order": _t("Largest purchase"),
        "returns_amount": _t("Amount returned"),
        "returns_count": _t("Number of returns"),
        "tenure": _t("Time as customer"),
        "cycle": _t("Average purchase cycle"),
        "expected": _t("Expected sales (open deals)"),
        "max_receipt": _t("Largest payment"),
        "avg_receipt": _t("Average payment"),
        "collection_days": _t("Average collection period"),
        "owed": _t("Amount owed"),
        "owed_ratio": _t("Owed against revenue"),
        "tasks": _t("Related tasks"),
        "deals": _t("Related deals"),
        "contacts": _t("Contacts logged"),
        "praise": _t("Praise"),
        "complaints": _t("Complaints"),
        "suggestions": _t("Suggestions"),
        "relationship": _t("Customer relationship (scored by hand)"),
        "policy_support": _t("Policy support (scored by hand)"),
    }
    return names.get(key, key)


def group_label(group: str) -> str:
    return {
        "transaction": _t("Transactions"),
        "financial": _t("Finance"),
        "contact": _t("Contact"),
        "hand": _t("Scored by hand (1/3/5/7/9)"),
    }.get(group, group)

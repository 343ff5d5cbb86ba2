"""Fonts that render Chinese on Windows, macOS and Linux.

The first installed family of ``CJK_FAMILIES`` joins the application font as a fallback
(or leads it when the interface is in Chinese); ``chart_families()`` gives the same
choice to matplotlib (``rcParams["font.sans-serif"]``), which has no fallback of its own.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication

CJK_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
    "SimHei",
    "SimSun",
)

_chosen: list[str] = []


def pick_cjk_families(available: Iterable[str] | None = None) -> list[str]:
    """The installed CJK families, in order of preference (case-insensitive match)."""
    if available is None:
        available = QFontDatabase.families()
    installed = {name.casefold(): name for name in available}
    return [installed[f.casefold()] for f in CJK_FAMILIES if f.casefold() in installed]


def apply_fonts(app: QApplication, *, chinese_first: bool = False) -> list[str]:
    """Give the application font a CJK fallback; returns the family list it set."""
    global _chosen
    cjk = pick_cjk_families()
    font = QFont(app.font())
    # The family actually used: "Sans Serif" and similar aliases are not families, and a
    # list that starts with one would hand the Latin text to the CJK font as well.
    resolved = QFontInfo(font).family()
    base = [resolved] if resolved else []
    families = (
        cjk + [f for f in base if f not in cjk]
        if chinese_first
        else base + [f for f in cjk if f not in base]
    )
    if families:
        font.setFamilies(families)
        app.setFont(font)
    _chosen = cjk
    return families


def chart_families() -> list[str]:
    """Sans-serif families for matplotlib: the CJK choice, then its own default."""
    cjk = _chosen or pick_cjk_families()
    return [*cjk, "DejaVu Sans"]

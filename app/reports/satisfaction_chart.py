"""The satisfaction chart: answers per month as bars, the average score (1–5) as a line on
its own axis, and the share of low scores (1–2) written above each month."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from matplotlib.figure import Figure

from .charts import MUTED, PALETTE, TEXT, Texts, _axes, _empty


def satisfaction_chart(fig: Figure, months: Sequence[dict[str, Any]], texts: Texts) -> Figure:
    """``months``: ``services.satisfaction.Report.as_dict()["months"]``. ``texts.series``:
    the names of the bars and of the line."""
    ax = _axes(fig, texts)
    if not months:
        _empty(ax, texts)
        return fig
    x = list(range(len(months)))
    bars = ax.bar(x, [m["answers"] for m in months], 0.6, color=MUTED)
    for i, m in enumerate(months):
        if m["share_1_2"]:
            ax.text(
                i,
                m["answers"],
                f"{100 * m['share_1_2']:.0f}%",
                ha="center",
                va="bottom",
                fontsize=7,
                color=PALETTE[3],
            )
    ax.set_xticks(x, [texts.categories.get(m["key"], m["key"]) for m in months])
    ax.tick_params(axis="x", labelsize=7)
    score = ax.twinx()
    (line,) = score.plot(
        x, [m["average"] for m in months], color=PALETTE[0], marker="o", linewidth=2
    )
    score.set_ylim(1, 5.2)
    score.set_yticks([1, 2, 3, 4, 5])
    score.tick_params(colors=TEXT, labelsize=8)
    score.spines["top"].set_visible(False)
    names = list(texts.series) or ["answers", "average"]
    ax.legend([bars, line], names[:2], fontsize=8, frameon=False, loc="upper left")
    return fig

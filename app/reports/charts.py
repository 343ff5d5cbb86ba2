"""The Reports page's charts as matplotlib ``Figure`` objects (no pyplot, no Qt): the
window puts each in a ``FigureCanvasQTAgg``; ``save_png`` writes one to a file.

Text comes in translated (``Texts``): this module only draws. Each bar or slice that
stands for customers carries its ``dashboard.Pick`` (``pick_of(artist)``), so a click can
open the customers behind it.

Fonts: matplotlib has no system fallback of its own, so ``configure_fonts`` puts the
installed CJK families (the same preference as the window's, ``CJK_FAMILIES``) after
DejaVu Sans in ``font.family``; matplotlib then takes each glyph from the first
family that has it, and Chinese, Spanish and English labels all render.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib.figure import Figure

from app.services.dashboard import (
    ActivityMatrix,
    ForecastMonths,
    FunnelStage,
    Loyalty,
    MonthlySales,
    NewLost,
    Pick,
    Receivables,
    SegmentShare,
)

CJK_FAMILIES = (
    "Microsoft YaHei",
    "Microsoft YaHei UI",
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

PALETTE = ("#2f6fb3", "#e08a2e", "#3f9a5a", "#c0504d", "#8064a2", "#4bacc6", "#9a7d4a")
MUTED = "#9aa5b1"
TEXT = "#2b3440"

_configured: list[str] = []


def installed_cjk_families() -> list[str]:
    """The CJK families matplotlib can find, in order of preference."""
    from matplotlib import font_manager

    names = {f.name.casefold(): f.name for f in font_manager.fontManager.ttflist}
    return [names[f.casefold()] for f in CJK_FAMILIES if f.casefold() in names]


def configure_fonts(preferred: Sequence[str] = ()) -> list[str]:
    """Set matplotlib's sans-serif list: DejaVu Sans for Latin text, then ``preferred``
    (the window's choice) and the installed CJK families. Returns the list."""
    global _configured
    if _configured and not preferred:
        return _configured
    cjk = [f for f in preferred if f] + [f for f in installed_cjk_families() if f not in preferred]
    families = ["DejaVu Sans", *[f for f in cjk if f != "DejaVu Sans"]]
    # A list of families (not the generic "sans-serif", which resolves to one font) is
    # what makes matplotlib fall back glyph by glyph.
    matplotlib.rcParams["font.family"] = families
    matplotlib.rcParams["font.sans-serif"] = families
    matplotlib.rcParams["axes.unicode_minus"] = False
    _configured = families
    return families


@dataclass(frozen=True)
class Texts:
    """Everything a chart writes, already translated."""

    title: str = ""
    series: Sequence[str] = ()
    categories: Mapping[str, str] = field(default_factory=dict)
    """Stored key → shown name (segments, activity kinds, months…)."""
    empty: str = "No data"
    money: Callable[[Decimal], str] = lambda d: f"{d:,.0f}"
    hidden: str = "Hidden: you may not see financial figures"
    """The note a money chart shows instead of bars for a user without that right."""


def pick_of(artist: Any) -> Pick | None:
    return getattr(artist, "clientela_pick", None)


def _tag(artist: Any, pick: Pick) -> None:
    artist.clientela_pick = pick
    artist.set_picker(True)


def new_figure(width: float = 5.2, height: float = 3.2, dpi: int = 96) -> Figure:
    configure_fonts()
    fig = Figure(figsize=(width, height), dpi=dpi, layout="constrained")
    fig.patch.set_facecolor("white")
    return fig


def _axes(fig: Figure, texts: Texts) -> Any:
    fig.clear()
    ax = fig.add_subplot(1, 1, 1)
    ax.set_title(texts.title, loc="left", fontsize=11, color=TEXT)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(colors=TEXT, labelsize=8)
    ax.grid(axis="y", color="#e4e8ec", linewidth=0.8)
    ax.set_axisbelow(True)
    return ax


def _hidden(ax: Any, texts: Texts) -> None:
    _empty(ax, texts, texts.hidden)


def _empty(ax: Any, texts: Texts, note: str | None = None) -> None:
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.text(
        0.5,
        0.5,
        texts.empty if note is None else note,
        ha="center",
        va="center",
        color=MUTED,
        fontsize=10,
        transform=ax.transAxes,
    )


def _short_money(value: float, _pos: Any = None) -> str:
    for size, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.0f}"


def _money_axis(ax: Any, axis: str = "y") -> None:
    from matplotlib.ticker import FuncFormatter

    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(FuncFormatter(_short_money))


def _month_names(texts: Texts) -> list[str]:
    return [texts.categories.get(str(m), str(m)) for m in range(1, 13)]


def sales_chart(fig: Figure, data: MonthlySales, texts: Texts) -> Figure:
    """Sales by month, this year's bars beside last year's."""
    ax = _axes(fig, texts)
    if data.this_year is None or data.last_year is None:
        _hidden(ax, texts)
        return fig
    if not any(data.this_year) and not any(data.last_year):
        _empty(ax, texts)
        return fig
    x = list(range(12))
    w = 0.4
    last = ax.bar([i - w / 2 for i in x], [float(v) for v in data.last_year], w, color=MUTED)
    this = ax.bar([i + w / 2 for i in x], [float(v) for v in data.this_year], w, color=PALETTE[0])
    for i, bar in enumerate(last):
        _tag(bar, Pick("sales", (data.year - 1, i + 1)))
    for i, bar in enumerate(this):
        _tag(bar, Pick("sales", (data.year, i + 1)))
    ax.set_xticks(x, _month_names(texts))
    _money_axis(ax)
    names = list(texts.series) or [str(data.year - 1), str(data.year)]
    ax.legend([last, this], names[:2], fontsize=8, frameon=False)
    return fig


def funnel_chart(fig: Figure, stages: Sequence[FunnelStage], texts: Texts) -> Figure:
    """Open deals per stage, widest first, as centred horizontal bars."""
    ax = _axes(fig, texts)
    ax.grid(False)
    if not stages or not any(s.count for s in stages):
        _empty(ax, texts)
        return fig
    top = max(s.count for s in stages) or 1
    for i, st in enumerate(stages):
        y = len(stages) - 1 - i
        bar = ax.barh(y, st.count, left=(top - st.count) / 2, color=PALETTE[i % len(PALETTE)])
        _tag(bar[0], Pick("funnel", (st.stage_id,)))
        ax.text(
            top / 2,
            y,
            f"{st.name}  {st.count:,}"
            + ("" if st.amount is None else f" · {texts.money(st.amount)}"),
            ha="center",
            va="center",
            fontsize=8,
            color="white" if st.count > top / 3 else TEXT,
        )
    ax.set_yticks([])
    ax.set_xticks([])
    for side in ("left", "bottom"):
        ax.spines[side].set_visible(False)
    return fig


def forecast_chart(fig: Figure, data: ForecastMonths, texts: Texts) -> Figure:
    ax = _axes(fig, texts)
    if data.weighted is None:
        _hidden(ax, texts)
        return fig
    if not any(data.weighted):
        _empty(ax, texts)
        return fig
    labels = [
        texts.categories.get(f"{m.year}-{m.month}", f"{m.month}/{m.year % 100:02d}")
        for m in data.months
    ]
    bars = ax.bar(range(len(labels)), [float(v) for v in data.weighted], 0.6, color=PALETTE[2])
    for month, bar in zip(data.months, bars, strict=True):
        _tag(bar, Pick("forecast", (month,)))
    ax.set_xticks(range(len(labels)), labels)
    _money_axis(ax)
    return fig


def segment_chart(fig: Figure, data: SegmentShare, texts: Texts) -> Figure:
    """80/20 classes as a pie; RFM segments (ten of them) as horizontal bars."""
    ax = _axes(fig, texts)
    if data.values is None:
        _hidden(ax, texts)
        return fig
    shown = [
        (k, v, n) for k, v, n in zip(data.keys, data.values, data.customers, strict=True) if v > 0
    ]
    if not shown:
        _empty(ax, texts)
        return fig
    names = [texts.categories.get(k, k) for k, _v, _n in shown]
    if data.segmentation == "abc":
        ax.grid(False)
        total = sum(float(v) for _k, v, _n in shown)
        wedges, _t = ax.pie(
            [float(v) for _k, v, _n in shown],
            labels=[
                f"{name} {100 * float(v) / total:.0f}% ({n:,})"
                for name, (_k, v, n) in zip(names, shown, strict=True)
            ],
            colors=PALETTE[: len(shown)],
            startangle=90,
            counterclock=False,
            textprops={"fontsize": 8, "color": TEXT},
            wedgeprops={"linewidth": 1, "edgecolor": "white"},
        )
        for (k, _v, _n), wedge in zip(shown, wedges, strict=True):
            _tag(wedge, Pick("segments", (k,)))
        ax.set_aspect("equal")
        return fig
    ax.grid(axis="x", color="#e4e8ec", linewidth=0.8)
    ax.grid(axis="y", visible=False)
    y = list(range(len(shown)))[::-1]
    bars = ax.barh(y, [float(v) for _k, v, _n in shown], color=PALETTE[0])
    for (k, _v, _n), bar in zip(shown, bars, strict=True):
        _tag(bar, Pick("segments", (k,)))
    ax.set_yticks(y, names)
    _money_axis(ax, "x")
    return fig


def activities_chart(fig: Figure, data: ActivityMatrix, texts: Texts) -> Figure:
    """Activities per salesperson, stacked by kind."""
    ax = _axes(fig, texts)
    if not data.users or not any(any(row) for row in data.counts):
        _empty(ax, texts)
        return fig
    ax.grid(axis="x", color="#e4e8ec", linewidth=0.8)
    ax.grid(axis="y", visible=False)
    kinds = data.kinds[:6]
    rest = len(data.kinds) > 6
    y = list(range(len(data.users)))[::-1]
    left = [0] * len(data.users)
    handles, labels = [], []
    for j, kind in enumerate([*kinds, "_other"] if rest else kinds):
        if kind == "_other":
            values = [sum(row[6:]) for row in data.counts]
        else:
            values = [row[j] for row in data.counts]
        bars = ax.barh(y, values, left=left, color=(*PALETTE, MUTED)[j % 8])
        for (uid, _name), bar in zip(data.users, bars, strict=True):
            if kind != "_other":
                _tag(bar, Pick("activities", (uid, kind)))
        left = [a + b for a, b in zip(left, values, strict=True)]
        handles.append(bars)
        labels.append(texts.categories.get(kind, kind))
    ax.set_yticks(y, [name or "—" for _uid, name in data.users])
    ax.legend(
        handles, labels, fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0)
    )
    return fig


def new_lost_chart(fig: Figure, data: NewLost, texts: Texts) -> Figure:
    ax = _axes(fig, texts)
    if not any(data.new) and not any(data.lost):
        _empty(ax, texts)
        return fig
    x = list(range(len(data.months)))
    w = 0.4
    new = ax.bar([i - w / 2 for i in x], data.new, w, color=PALETTE[2])
    lost = ax.bar([i + w / 2 for i in x], data.lost, w, color=PALETTE[3])
    for m, bar in zip(data.months, new, strict=True):
        _tag(bar, Pick("new", (m,)))
    for m, bar in zip(data.months, lost, strict=True):
        _tag(bar, Pick("lost", (m,)))
    names = _month_names(texts)
    ax.set_xticks(x, [names[m.month - 1] for m in data.months])
    series = list(texts.series) or ["new", "lost"]
    ax.legend([new, lost], series[:2], fontsize=8, frameon=False)
    return fig


def receivables_chart(fig: Figure, data: Receivables, texts: Texts) -> Figure:
    ax = _axes(fig, texts)
    if data.amounts is None:
        _hidden(ax, texts)
        return fig
    if not any(data.amounts):
        _empty(ax, texts)
        return fig
    colors = (PALETTE[2], PALETTE[1], PALETTE[3], "#7f1d1d")
    bars = ax.bar(range(4), [float(v) for v in data.amounts], 0.6, color=colors)
    for i, bar in enumerate(bars):
        _tag(bar, Pick("receivables", (i,)))
        ax.annotate(
            f"{data.customers[i]:,}",
            (bar.get_x() + bar.get_width() / 2, bar.get_height()),
            ha="center",
            va="bottom",
            fontsize=7,
            color=TEXT,
        )
    ax.set_xticks(range(4), [texts.categories.get(b, b) for b in data.buckets])
    _money_axis(ax)
    return fig


def loyalty_chart(fig: Figure, data: Loyalty, texts: Texts) -> Figure:
    """Customers lost in the period by reason (and relationships ended); the retention
    rate is in the title, which the caller writes (``texts.title``)."""
    ax = _axes(fig, texts)
    keys = [*data.churn.lost.keys(), "ended"]
    values = [*data.churn.lost.values(), data.churn.ended]
    if not any(values) and not data.retention.before:
        _empty(ax, texts)
        return fig
    ax.grid(axis="x", color="#e4e8ec", linewidth=0.8)
    ax.grid(axis="y", visible=False)
    y = list(range(len(keys)))[::-1]
    colors = (PALETTE[3], PALETTE[1], PALETTE[4], MUTED, "#7f1d1d")
    bars = ax.barh(y, values, color=colors[: len(keys)])
    for k, bar in zip(keys, bars, strict=True):
        _tag(bar, Pick("churn", (k,)))
    ax.set_yticks(y, [texts.categories.get(k, k) for k in keys])
    return fig


def save_png(fig: Figure, path: str | Path, dpi: int = 144) -> Path:
    """Write the chart as a PNG (the figure's own canvas, no window needed)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    target = Path(path)
    if fig.canvas is None or not hasattr(fig.canvas, "print_figure"):
        FigureCanvasAgg(fig)
    fig.savefig(target, dpi=dpi, format="png", facecolor="white")
    return target


def month_key(day: dt.date) -> str:
    return f"{day.year}-{day.month}"

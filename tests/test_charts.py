"""Every chart renders Chinese, Spanish and English text with real glyphs: a missing glyph
(an empty box on screen) is a matplotlib warning, and this test fails on it."""

from __future__ import annotations

import datetime as dt
import warnings
from decimal import Decimal
from pathlib import Path

import pytest

from app.reports import charts
from app.services import dashboard as d

D = Decimal

SALES = d.MonthlySales(2026, [D(i * 1000) for i in range(12)], [D(500)] * 12)
FUNNEL = [d.FunnelStage(1, "初次沟通", 10, D(50000)), d.FunnelStage(2, "Negociación", 4, D(9000))]
FORECAST = d.ForecastMonths([dt.date(2026, m, 1) for m in (7, 8, 9)], [D(100), D(0), D(300)])
ABC = d.SegmentShare("abc", ["A", "B", "C"], [D(800), D(150), D(50)], [2, 5, 30])
RFM = d.SegmentShare("rfm", ["champion", "loyal"], [D(800), D(150)], [2, 5])
ACTIVITIES = d.ActivityMatrix(
    [(1, "王建国"), (2, "José Núñez")], ["call", "visit"], [[3, 1], [0, 2]]
)
NEW_LOST = d.NewLost([dt.date(2026, 1, 1), dt.date(2026, 2, 1)], [4, 6], [1, 0])
AGED = d.Receivables(
    dt.date(2026, 6, 30), list(d.AGE_BUCKETS), [D(1), D(2), D(0), D(4)], [1, 1, 0, 2]
)

LABELS = {
    "zh": (
        "按月销售额",
        ["去年", "今年"],
        {
            "1": "1月",
            "A": "A类",
            "champion": "重要价值客户",
            "call": "电话",
            "visit": "拜访",
            "0-30": "0–30天",
        },
    ),
    "es": (
        "Ventas por mes: año pasado y año actual",
        ["año pasado", "este año"],
        {
            "1": "ene",
            "A": "Clase A",
            "champion": "Campeones",
            "call": "Llamada",
            "visit": "Visita",
            "0-30": "0–30 días",
        },
    ),
    "en": ("Sales by month", ["last year", "this year"], {"1": "Jan", "A": "Class A"}),
}


def draw_all(lang: str) -> list[object]:
    title, series, cats = LABELS[lang]
    t = charts.Texts(title, series, cats, empty="暂无数据 · Sin datos")
    return [
        charts.sales_chart(charts.new_figure(), SALES, t),
        charts.funnel_chart(charts.new_figure(), FUNNEL, t),
        charts.forecast_chart(charts.new_figure(), FORECAST, t),
        charts.segment_chart(charts.new_figure(), ABC, t),
        charts.segment_chart(charts.new_figure(), RFM, t),
        charts.activities_chart(charts.new_figure(), ACTIVITIES, t),
        charts.new_lost_chart(charts.new_figure(), NEW_LOST, t),
        charts.receivables_chart(charts.new_figure(), AGED, t),
        charts.sales_chart(charts.new_figure(), d.MonthlySales(2026, [D(0)] * 12, [D(0)] * 12), t),
    ]


def test_a_cjk_font_is_found_and_follows_dejavu() -> None:
    families = charts.configure_fonts()
    assert families[0] == "DejaVu Sans"
    assert charts.installed_cjk_families(), "no CJK font installed: Chinese would be boxes"
    assert families[1] == charts.installed_cjk_families()[0]


@pytest.mark.parametrize("lang", ["zh", "es", "en"])
def test_every_chart_renders_without_a_missing_glyph(lang: str, tmp_path: Path) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for i, fig in enumerate(draw_all(lang)):
            out = charts.save_png(fig, tmp_path / f"{lang}{i}.png", dpi=72)
            assert out.stat().st_size > 1000
    missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
    assert missing == []


def test_bars_and_slices_carry_their_pick() -> None:
    t = charts.Texts("x")
    fig = charts.sales_chart(charts.new_figure(), SALES, t)
    picks = {charts.pick_of(p) for p in fig.axes[0].patches} - {None}
    assert d.Pick("sales", (2026, 3)) in picks and d.Pick("sales", (2025, 12)) in picks
    fig = charts.segment_chart(charts.new_figure(), ABC, t)
    assert [charts.pick_of(p) for p in fig.axes[0].patches] == [
        d.Pick("segments", (k,)) for k in "ABC"
    ]
    fig = charts.receivables_chart(charts.new_figure(), AGED, t)
    assert [charts.pick_of(p).key for p in fig.axes[0].patches] == [(0,), (1,), (2,), (3,)]  # type: ignore[union-attr]


def test_loyalty_chart_renders_and_picks(tmp_path: Path) -> None:
    from app.services.segments import Churn, Period, Retention

    p = Period(dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    data = d.Loyalty(Retention(p, p.previous(), 10, 7), Churn(p, {"ours": 2, "competitor": 1}, 1))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = charts.loyalty_chart(
            charts.new_figure(),
            data,
            charts.Texts("客户保持率 70 %", categories={"ours": "企业原因"}),
        )
        charts.save_png(fig, tmp_path / "loyalty.png", dpi=72)
    assert not [w for w in caught if "missing from" in str(w.message)]
    assert [charts.pick_of(b).key for b in fig.axes[0].patches] == [  # type: ignore[union-attr]
        ("ours",),
        ("competitor",),
        ("ended",),
    ]

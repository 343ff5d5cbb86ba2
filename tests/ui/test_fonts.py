"""CJK fallback fonts for the interface and for charts."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontDatabase

from app.ui import fonts


def test_pick_keeps_the_preferred_order_and_ignores_case() -> None:
    available = ["DejaVu Sans", "wenquanyi micro hei", "SimHei", "Microsoft YaHei"]
    assert fonts.pick_cjk_families(available) == [
        "Microsoft YaHei",
        "wenquanyi micro hei",
        "SimHei",
    ]
    assert fonts.pick_cjk_families(["Arial"]) == []


@pytest.mark.gui
def test_apply_adds_the_cjk_font_as_a_fallback(qapp) -> None:  # type: ignore[no-untyped-def]
    original = qapp.font()
    try:
        families = fonts.apply_fonts(qapp)
        cjk = fonts.pick_cjk_families()
        # the Latin font stays first: a real family, never an alias such as "Sans Serif"
        assert families[0] in QFontDatabase.families()
        assert families[1:] == [f for f in cjk if f != families[0]]
        assert qapp.font().families() == families
        chinese = fonts.apply_fonts(qapp, chinese_first=True)
        assert chinese[: len(cjk)] == cjk
        assert fonts.chart_families()[-1] == "DejaVu Sans"
        assert fonts.chart_families()[:-1] == cjk
    finally:
        qapp.setFont(original)

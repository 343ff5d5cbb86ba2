"""The customers table model over a real demo database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.services.customer_list import COLUMNS, CustomerFilter
from app.ui.models.customer_table import PAGE, CustomerTableModel

pytestmark = pytest.mark.gui


def loaded(model: CustomerTableModel, rows: int) -> bool:
    return not model.loading and all(
        model.customer_id(r) is not None for r in range(min(rows, model.rowCount()))
    )


def test_model_passes_the_qt_model_tester(qtbot, qtmodeltester, demo_db) -> None:  # type: ignore[no-untyped-def]
    model = CustomerTableModel(demo_db)
    qtbot.waitUntil(lambda: model.rowCount() == 300, timeout=5000)
    model.index(0, 0).data()
    qtbot.waitUntil(lambda: loaded(model, 10), timeout=5000)
    qtmodeltester.check(model, force_py=True)


def test_rows_arrive_in_pages_and_sort_in_sql(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    model = CustomerTableModel(demo_db)
    qtbot.waitUntil(lambda: model.rowCount() == 300, timeout=5000)
    assert model.index(299, 1).data() == "…"
    qtbot.waitUntil(lambda: model.customer_id(299) is not None, timeout=5000)
    assert model.cached_pages() == 1
    assert 299 // PAGE == 1
    name_col = [c.key for c in COLUMNS].index("name")
    model.sort(name_col, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: model.rowCount() == 300, timeout=5000)
    model.index(0, name_col).data()
    model.index(1, name_col).data()
    qtbot.waitUntil(lambda: loaded(model, 2), timeout=5000)
    first, second = model.index(0, name_col).data(), model.index(1, name_col).data()
    assert first >= second


def test_filter_counts_in_sql(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    model = CustomerTableModel(demo_db)
    qtbot.waitUntil(lambda: model.rowCount() == 300, timeout=5000)
    with qtbot.waitSignal(model.countChanged, timeout=5000) as blocker:
        model.set_filter(CustomerFilter(has_vehicle=True))
    assert 0 < blocker.args[0] < 300


def test_deep_pages_come_from_the_id_list(qtbot, demo_db) -> None:  # type: ignore[no-untyped-def]
    from app.services import customer_list

    model = CustomerTableModel(demo_db)
    qtbot.waitUntil(model.has_id_list, timeout=5000)
    model.index(299, 1).data()
    qtbot.waitUntil(lambda: model.customer_id(299) is not None, timeout=5000)
    with demo_db.session() as s:
        expected = customer_list.page(s, CustomerFilter(), "name", False, 299, 1)[0]["id"]
    assert model.customer_id(299) == expected

"""Pages follow other PCs' saves without a restart: another connection writes, and the
open window's customers page, tasks page and an open customer file show it."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select

from app.db import open_database
from app.models import Customer
from app.services import customers
from app.services.customers import CustomerData
from app.ui.change_watcher import ChangeWatcher
from app.ui.main_window import MainWindow

pytestmark = pytest.mark.gui

TIMEOUT = 15_000


def test_watcher_says_changed_once_per_write(qtbot, db, db_path) -> None:  # type: ignore[no-untyped-def]
    watcher = ChangeWatcher(interval_ms=100_000)  # looks only when told, in this test
    watcher.watch(db)
    qtbot.waitUntil(lambda: watcher.operation.done, timeout=TIMEOUT)
    other = open_database(db_path)
    try:
        customers.create(other, None, CustomerData(name="Ruiz"))
        with qtbot.waitSignal(watcher.changed, timeout=TIMEOUT):
            watcher.look()
        with qtbot.assertNotEmitted(watcher.changed, wait=300):
            watcher.look()
            qtbot.waitUntil(lambda: watcher.operation.done, timeout=TIMEOUT)
    finally:
        other.dispose()
        watcher.watch(None)


def test_the_window_follows_another_pcs_saves(qtbot, demo_db, demo_db_path) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(demo_db, offer_welcome=False)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitUntil(lambda: window.user is not None, timeout=TIMEOUT)
    window.change_watcher.timer.setInterval(150)
    window.switch_to_page("customers")
    model = window.page("customers").model
    qtbot.waitUntil(lambda: not model.loading and model.rowCount() > 0, timeout=TIMEOUT)
    before = model.rowCount()
    with demo_db.session() as s:
        cid = s.scalar(select(Customer.id).order_by(Customer.id).limit(1))
    form = window.open_customer(cid)
    qtbot.waitUntil(lambda: form.file is not None, timeout=TIMEOUT)
    version = form.file.version

    other = open_database(demo_db_path)  # "another PC"
    try:
        customers.create(other, None, CustomerData(name="Transportes Ruiz"))
        data = dataclasses.replace(form.file.data, notes="changed elsewhere")
        customers.update(other, None, cid, version, data)
    finally:
        other.dispose()
    qtbot.waitUntil(lambda: model.rowCount() == before + 1, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: form.file.version == version + 1, timeout=TIMEOUT)
    assert form.file.data.notes == "changed elsewhere"
    with demo_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Customer)) == before + 1
    form.close()


def test_quiet_reload_keeps_a_consistent_model(qtbot, qtmodeltester, demo_db) -> None:  # type: ignore[no-untyped-def]
    from app.ui.models.customer_table import CustomerTableModel

    model = CustomerTableModel(demo_db)
    qtbot.waitUntil(lambda: not model.loading and model.rowCount() > 0, timeout=TIMEOUT)
    model.data(model.index(0, 1))
    qtbot.waitUntil(lambda: model.cached_pages() > 0, timeout=TIMEOUT)
    customers.create(demo_db, None, CustomerData(name="Zhang Wei"))
    op = model.reload_quietly()
    assert op is not None
    qtbot.waitUntil(lambda: op.done, timeout=TIMEOUT)
    assert model.rowCount() == 301 and model.cached_pages() > 0
    qtmodeltester.check(model)

"""Settings ▸ Office and language: the window language is stored for the next start; the
office's currency, country and language are shown, saved (audited) and refused when wrong;
a salesperson sees them read-only. Money then shows in the office currency."""

from __future__ import annotations

import sys
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale, Qt
from sqlalchemy import select

from app.db import Database
from app.models import AuditEntry, User
from app.models.enums import Role
from app.services import office
from app.services.users import UserInfo, current_user
from app.ui import formats, languages
from app.ui.office_settings import OfficeSettingsTab, locale_defaults

pytestmark = pytest.mark.gui

TIMEOUT = 10_000


def _tab(qtbot, db: Database, user: UserInfo | None) -> OfficeSettingsTab:  # type: ignore[no-untyped-def]
    tab = OfficeSettingsTab()
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        tab.set_context(db, user)
    return tab


def test_language_is_stored_for_the_next_start(qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = OfficeSettingsTab()
    qtbot.addWidget(tab)
    assert tab.language_combo.currentData() == ""  # the system's by default
    assert [tab.language_combo.itemText(i) for i in range(1, 4)] == [
        "简体中文",
        "Español",
        "English",
    ]
    tab.language_combo.setCurrentIndex(tab.language_combo.findData("es"))
    assert languages.stored_language() == "es"
    assert languages.ui_locale().language() == QLocale.Language.Spanish
    assert "starts again" in tab.language_note.text()
    tab.language_combo.setCurrentIndex(tab.language_combo.findData("zh_CN"))
    assert languages.ui_locale().name() == "zh_CN"
    tab.language_combo.setCurrentIndex(0)
    assert languages.stored_language() == ""


def test_restart_now_starts_the_program_again(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    started = []
    monkeypatch.setattr(
        "app.ui.office_settings.QProcess.startDetached",
        lambda program, args: started.append((program, args)) or True,
    )
    tab = OfficeSettingsTab()
    qtbot.addWidget(tab)
    tab.show()
    assert not tab.restart_button.isVisible()
    tab.language_combo.setCurrentIndex(tab.language_combo.findData("es"))
    assert tab.restart_button.isVisible()
    assert tab.restart()
    assert not tab.isVisible() and started and started[0][0] == sys.executable


def test_office_settings_saved_and_audited(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    tab = _tab(qtbot, db, current_user(db, None))
    assert tab.current() == locale_defaults()  # suggested, not stored yet
    assert "Not saved yet" in tab.status.text()
    tab.currency_combo.setCurrentIndex(tab.currency_combo.findData("EUR"))
    tab.country_combo.setCurrentIndex(tab.country_combo.findData("ES"))
    tab.locale_combo.setCurrentIndex(tab.locale_combo.findData("es_ES"))
    with qtbot.waitSignal(tab.loaded, timeout=TIMEOUT):
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.status.text() == "Saved."
    assert office.load(db) == office.OfficeSettings("EUR", "ES", "es_ES")
    assert formats.office_currency() == "EUR"
    assert formats.office_country() == "ES"  # new customer files and walk-ins read phones so
    assert formats.money(Decimal("1234.5"), locale=QLocale("es_ES")) == "1234,50\xa0€"
    with db.session() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.entity == "setting")).all()
    assert len(entries) == 3


def test_a_wrong_currency_is_named(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    tab = _tab(qtbot, db, current_user(db, None))
    tab.currency_combo.setEditText("EURO")
    with qtbot.waitSignal(tab.saved, timeout=TIMEOUT, raising=False) as blocker:
        tab.save()
        qtbot.waitUntil(lambda: tab.save_button.isEnabled(), timeout=TIMEOUT)
    assert not blocker.signal_triggered
    assert "EURO" in tab.status.text()
    with db.session() as s:
        assert office.CURRENCY_KEY in office.missing(s)


def test_a_salesperson_sees_them_read_only(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    with db.write() as s:
        s.add(User(username="li.na", display_name="Li Na", role=Role.SALES))
    tab = _tab(qtbot, db, current_user(db, "li.na"))
    assert not tab.save_button.isEnabled() and not tab.office_box.isEnabled()
    assert tab.language_combo.isEnabled()  # this PC's language is everyone's own choice


def test_a_new_office_is_offered_its_languages_currency_and_country() -> None:
    assert locale_defaults(QLocale("es_ES")) == office.OfficeSettings("EUR", "ES", "es_ES")
    assert locale_defaults(QLocale("zh_CN")) == office.OfficeSettings("CNY", "CN", "zh_CN")
    assert locale_defaults(QLocale("es_MX")) == office.OfficeSettings("MXN", "MX", "es_ES")


def test_money_in_each_language() -> None:
    amount = Decimal("1234567.5")
    assert formats.money(amount, "CNY", locale=QLocale("zh_CN")) == "¥1,234,567.50"
    assert formats.money(amount, "EUR", locale=QLocale("es_ES")) == "1.234.567,50\xa0€"
    assert formats.money(amount, "USD", locale=QLocale("en_US")) == "$1,234,567.50"
    assert formats.money(amount, "USD", locale=QLocale("es_ES")) == "1.234.567,50\xa0US$"
    assert formats.number(Decimal("0.125"), 2, QLocale("es_ES")) == "0,13"


def test_a_day_without_its_year_in_each_language() -> None:
    import datetime as dt

    day = dt.date(2026, 11, 4)
    assert formats.month_day(day, QLocale("zh_CN")) == "11/4"
    assert formats.month_day(day, QLocale("es_ES")) == "4/11"
    assert formats.month_day(day, QLocale("en_US")) == "11/4"
    assert formats.month_day(None) == ""


def test_a_month_and_a_moment_to_the_second_in_each_language() -> None:
    import datetime as dt

    assert formats.month(dt.date(2026, 11, 4), QLocale("zh_CN")) == "2026/11"
    assert formats.month(dt.date(2026, 11, 4), QLocale("es_ES")) == "11/2026"
    assert formats.month(dt.date(2026, 11, 4), QLocale("en_US")) == "11/2026"
    moment = dt.datetime(2026, 11, 4, 13, 5, 9)
    assert formats.time(moment, QLocale("zh_CN"), seconds=True) == "13:05:09"
    assert formats.time(moment, QLocale("en_US"), seconds=True).startswith("1:05:09")
    assert formats.time(moment, QLocale("zh_CN")) == "13:05"

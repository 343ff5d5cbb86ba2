"""Settings ▸ Office: the interface language of this PC, and the office's currency, country
(default region for phone numbers) and language for what the program writes (task titles,
the monthly workbook).

The interface language is a per-PC preference (QSettings ``ui/language``, read by
``application.ui_locale`` at start) and applies when Clientela starts again. The office
settings live in the database (``services.office``), are shared by every PC and are saved
off the UI thread; only administrators and managers change them.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QLocale, QProcess, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.db import Database
from app.errors import ValidationError
from app.services import office
from app.services.office import OfficeSettings
from app.services.users import UserInfo

from . import formats, languages
from .operations import Operation
from .settings_tab import SettingsTab


def country_name(code: str) -> str:
    """The country's own name for itself (中国, España, México…), as the office knows it."""
    territory = QLocale.codeToTerritory(code)
    if territory == QLocale.Country.AnyCountry:
        return code
    return QLocale(QLocale.Language.AnyLanguage, territory).nativeTerritoryName() or code


def locale_defaults(locale: QLocale | None = None) -> OfficeSettings:
    """What an office that never set them gets: the window language's currency, country
    and language (an office in Spain starts with EUR, ES and Spanish)."""
    loc = locale or QLocale()
    currency = loc.currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode)
    country = QLocale.territoryToCode(loc.territory())
    lang = loc.name()[:2]
    return OfficeSettings(
        currency=currency if len(currency) == 3 else office.DEFAULT["currency"],
        country=country if len(country) == 2 else office.DEFAULT["country"],
        locale=next((c for c in office.LOCALES if c[:2] == lang), office.DEFAULT["locale"]),
    )


def restart_command() -> tuple[str, list[str]]:
    """How this process was started: the frozen program, or Python on the script."""
    if getattr(sys, "frozen", False):
        return sys.executable, sys.argv[1:]
    script = os.path.abspath(sys.argv[0]) if sys.argv and sys.argv[0] else "main.py"
    return sys.executable, [script, *sys.argv[1:]]


class OfficeSettingsTab(SettingsTab):
    languageChanged = Signal(str)
    load_when_hidden = True  # the office currency formats money on every page
    inline_errors = (ValidationError,)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("officeSettings")
        self.current_settings: OfficeSettings | None = None
        self.missing: list[str] = []
        self._defaults = locale_defaults()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)

        # ------------------------------------------------------------ this PC
        pc = QGroupBox(self.tr("This PC"), self)
        pc_form = QFormLayout(pc)
        self.language_combo = QComboBox(pc)
        self.language_combo.setObjectName("uiLanguage")
        system = QLocale.system()
        system_name = (
            system.nativeLanguageName() if system.language() != QLocale.Language.C else "English"
        )
        self.language_combo.addItem(self.tr("The system's (%1)").replace("%1", system_name), "")
        for code, name in languages.LANGUAGES:
            self.language_combo.addItem(name, code)
        stored = languages.stored_language()
        index = self.language_combo.findData(stored)
        self.language_combo.setCurrentIndex(max(index, 0))
        self.language_combo.currentIndexChanged.connect(self._language_chosen)
        pc_form.addRow(self.tr("Language of the window"), self.language_combo)
        self.language_note = QLabel(
            self.tr("A new language applies when Clientela starts again."), pc
        )
        self.language_note.setObjectName("languageNote")
        self.language_note.setWordWrap(True)
        self.restart_button = QPushButton(self.tr("Restart now"), pc)
        self.restart_button.setObjectName("restartNow")
        self.restart_button.setToolTip(
            self.tr("Close Clientela and open it again in the chosen language")
        )
        self.restart_button.clicked.connect(self.restart)
        self.restart_button.hide()
        note_row = QHBoxLayout()
        note_row.addWidget(self.language_note, 1)
        note_row.addWidget(self.restart_button)
        pc_form.addRow("", note_row)
        layout.addWidget(pc)

        # ------------------------------------------------------------- office
        box = QGroupBox(self.tr("The office (every PC)"), self)
        form = QFormLayout(box)
        self.currency_combo = QComboBox(box)
        self.currency_combo.setObjectName("officeCurrency")
        self.currency_combo.setEditable(True)
        for code in office.CURRENCIES:
            self.currency_combo.addItem(self._currency_text(code), code)
        form.addRow(self.tr("Currency"), self.currency_combo)
        self.country_combo = QComboBox(box)
        self.country_combo.setObjectName("officeCountry")
        for code in office.COUNTRIES:
            self.country_combo.addItem(f"{country_name(code)} ({code})", code)
        self.country_combo.setToolTip(
            self.tr("Phone numbers written without a country prefix are numbers of this country.")
        )
        form.addRow(self.tr("Country (phone numbers)"), self.country_combo)
        self.locale_combo = QComboBox(box)
        self.locale_combo.setObjectName("officeLocale")
        names = dict(languages.LANGUAGES)
        for code in office.LOCALES:
            self.locale_combo.addItem(names.get(code, names.get(code[:2], code)), code)
        self.locale_combo.setToolTip(
            self.tr("Reminder task titles and the monthly workbook are written in this language.")
        )
        form.addRow(self.tr("Language of tasks and workbooks"), self.locale_combo)
        layout.addWidget(box)
        for combo in (
            self.language_combo,
            self.currency_combo,
            self.country_combo,
            self.locale_combo,
        ):
            combo.setMaximumWidth(360)

        layout.addLayout(self.save_row("saveOffice"))
        layout.addStretch(1)
        self.office_box = box
        self.set_editable(False)

    @staticmethod
    def _currency_text(code: str) -> str:
        symbol = formats.currency_symbol(code)
        return code if symbol == code else f"{code} ({symbol})"

    # ------------------------------------------------------------ language
    @Slot(int)
    def _language_chosen(self, _index: int) -> None:
        code = str(self.language_combo.currentData() or "")
        languages.set_ui_language(code)
        self.language_note.setText(
            self.tr("Saved: Clientela shows this language when it starts again.")
        )
        self.restart_button.show()
        self.languageChanged.emit(code)

    @Slot()
    def restart(self) -> bool:
        """Close the window (which may still ask about unsaved work) and start Clientela
        again with the same arguments; False when the window stayed open."""
        window = self.window()
        if not window.close():
            return False
        program, arguments = restart_command()
        return bool(QProcess.startDetached(program, arguments))

    # ------------------------------------------------------------- context
    def set_context(self, db: Database | None, user: UserInfo | None) -> None:
        super().set_context(db, user)
        if db is None:
            self.set_editable(False)

    def editable_widgets(self) -> tuple[QWidget, ...]:
        return (self.office_box,)

    def load(self) -> Operation | None:
        self._defaults = locale_defaults()  # the window's language, read on the UI thread
        return super().load()

    def read(self, db: Database) -> tuple[OfficeSettings, list[str]]:
        with db.session() as s:
            return office.load(s, self._defaults), office.missing(s)

    def _select(self, combo: QComboBox, code: str, text: str | None = None) -> None:
        index = combo.findData(code)
        if index < 0:
            combo.addItem(text or code, code)
            index = combo.count() - 1
        combo.setCurrentIndex(index)

    def show_data(self, result: tuple[OfficeSettings, list[str]]) -> None:
        settings, missing = result
        self.current_settings = settings
        self.missing = missing
        formats.set_office_currency(None if office.CURRENCY_KEY in missing else settings.currency)
        formats.set_office_country(None if office.COUNTRY_KEY in missing else settings.country)
        self._select(self.currency_combo, settings.currency, self._currency_text(settings.currency))
        self._select(
            self.country_combo,
            settings.country,
            f"{country_name(settings.country)} ({settings.country})",
        )
        self._select(self.locale_combo, settings.locale)
        if missing and self.may_edit:
            self.status.setText(
                self.tr("Not saved yet: suggested from the window's language. Save to use them.")
            )

    # ---------------------------------------------------------------- save
    def current(self) -> OfficeSettings:
        """The office settings as the tab shows them."""
        currency = self.currency_combo.currentData()
        typed = self.currency_combo.currentText().strip()
        if currency is None or typed != self.currency_combo.itemText(
            self.currency_combo.currentIndex()
        ):
            currency = typed.split(" ")[0]
        return OfficeSettings(
            currency=str(currency),
            country=str(self.country_combo.currentData()),
            locale=str(self.locale_combo.currentData()),
        )

    @Slot()
    def save(self) -> Operation | None:
        settings = self.current()
        return self.run_save(
            lambda db, uid: office.save(db, uid, settings), self.changed_text, reload=True
        )

"""The office's own settings, shared by every PC: the currency money is shown in, the
country whose phone numbers need no prefix (default region for phones), and the language
of what the program writes for the office (generated task titles, the monthly workbook).

Stored as ``office.currency``, ``office.country`` and ``office.locale`` through
``services.settings`` (so every change is audited); only administrators and managers
change them.
"""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from sqlalchemy.orm import Session

from app.db import Database
from app.errors import ValidationError

from . import settings as office_settings
from . import validation

CURRENCY_KEY = "office.currency"
COUNTRY_KEY = "office.country"
LOCALE_KEY = "office.locale"

CURRENCIES = (
    "CNY",
    "EUR",
    "USD",
    "GBP",
    "HKD",
    "TWD",
    "MOP",
    "SGD",
    "MXN",
    "ARS",
    "CLP",
    "COP",
    "PEN",
    "UYU",
    "BOB",
    "PYG",
    "VES",
    "DOP",
    "GTQ",
    "CRC",
    "JPY",
    "CHF",
)
"""Offered first in Settings; any other three-letter ISO 4217 code is accepted too."""

COUNTRIES = (
    "CN",
    "HK",
    "MO",
    "TW",
    "SG",
    "ES",
    "MX",
    "AR",
    "CO",
    "CL",
    "PE",
    "VE",
    "EC",
    "GT",
    "CU",
    "BO",
    "DO",
    "HN",
    "PY",
    "SV",
    "NI",
    "CR",
    "PA",
    "UY",
    "US",
    "GB",
)
"""Offered first in Settings; any region ``phonenumbers`` knows is accepted."""

LOCALES = ("zh_CN", "es_ES", "en_US")
"""Languages the program writes office documents in (task titles, monthly workbook)."""

DEFAULT = {"currency": "CNY", "country": validation.DEFAULT_REGION, "locale": "en_US"}


@dataclass(frozen=True)
class OfficeSettings:
    currency: str = DEFAULT["currency"]
    country: str = DEFAULT["country"]
    locale: str = DEFAULT["locale"]


def _locale(value: object) -> str:
    text = str(value or "").replace("-", "_")
    for known in LOCALES:
        if text == known or text[:2] == known[:2]:
            return known
    return DEFAULT["locale"]


def load(source: Database | Session, defaults: OfficeSettings | None = None) -> OfficeSettings:
    """What is stored; a key never set takes its value from ``defaults`` (the window
    passes its own language's currency, country and language, so a new office in Spain
    starts with EUR and ES), else from ``DEFAULT``."""
    if isinstance(source, Database):
        with source.session() as s:
            values = office_settings.read(s, "office.")
    else:
        values = office_settings.read(source, "office.")
    base = defaults or OfficeSettings()
    currency = values.get(CURRENCY_KEY)
    country = values.get(COUNTRY_KEY)
    locale = values.get(LOCALE_KEY)
    return OfficeSettings(
        currency=currency.upper()
        if isinstance(currency, str) and len(currency) == 3
        else base.currency,
        country=country.upper()
        if isinstance(country, str) and country.upper() in phonenumbers.SUPPORTED_REGIONS
        else base.country,
        locale=_locale(locale) if locale else base.locale,
    )


def missing(session: Session) -> list[str]:
    """The office keys never stored (their defaults are in use until someone saves)."""
    stored = office_settings.read(session, "office.")
    return [k for k in (CURRENCY_KEY, COUNTRY_KEY, LOCALE_KEY) if stored.get(k) in (None, "")]


def check(settings: OfficeSettings) -> OfficeSettings:
    """The settings normalised (upper-case codes), or ValidationError naming the field."""
    currency = settings.currency.strip().upper()
    if len(currency) != 3 or not currency.isascii() or not currency.isalpha():
        raise ValidationError(
            "{value} is not a currency code such as CNY, EUR or USD",
            field="currency",
            value=settings.currency,
        )
    country = settings.country.strip().upper()
    if country not in phonenumbers.SUPPORTED_REGIONS:
        raise ValidationError(
            "{value} is not a country code such as CN, ES or MX",
            field="country",
            value=settings.country,
        )
    if settings.locale not in LOCALES:
        raise ValidationError(
            "{value} is not a language the office can use ({choices})",
            field="locale",
            value=settings.locale,
            choices=", ".join(LOCALES),
        )
    return OfficeSettings(currency=currency, country=country, locale=settings.locale)


def save(db: Database, user_id: int | None, settings: OfficeSettings) -> list[str]:
    """Store the office settings (administrators and managers); the keys that changed,
    each audited with its old and new value."""
    clean = check(settings)
    values = {CURRENCY_KEY: clean.currency, COUNTRY_KEY: clean.country, LOCALE_KEY: clean.locale}

    def work(s: Session) -> list[str]:
        office_settings.check_may_change(s, user_id)
        return office_settings.store(s, user_id, values)

    return db.run_write(work)

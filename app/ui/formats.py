"""Money, numbers and dates in the interface language's format (``QLocale()``, set at start
from the language chosen in Settings), money with the office currency (``office.currency``,
Settings ▸ Office). The office tab calls ``set_office_currency`` when it reads the database.

Money stays ``Decimal`` up to the last step: the digits are grouped by QLocale from the
whole part, never through a float.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

from PySide6.QtCore import QDate, QLocale, QTime

from app.services import validation

# Symbols for currencies whose own locale is not the interface's (an office in Spain
# showing USD writes "US$", not a bare "$" that could be anything).
SYMBOLS = {
    "CNY": "¥",
    "EUR": "€",
    "USD": "US$",
    "GBP": "£",
    "JPY": "JP¥",
    "HKD": "HK$",
    "TWD": "NT$",
    "MOP": "MOP$",
    "SGD": "S$",
    "MXN": "MX$",
}

_office_currency: str | None = None
"""None until the office's setting is read: the interface language's own currency."""


def set_office_currency(code: str | None) -> None:
    global _office_currency
    _office_currency = code.upper() if code and len(code) == 3 else None


def office_currency() -> str:
    if _office_currency:
        return _office_currency
    code = QLocale().currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode)
    return code if len(code) == 3 else "CNY"


_office_country: str | None = None
"""The office's country (``office.country``) once read: phones written without a prefix."""


def set_office_country(code: str | None) -> None:
    global _office_country
    _office_country = code.upper() if code and len(code) == 2 else None


def office_country() -> str:
    """The default region for phone numbers: the office's country (Settings ▸ Office and
    language), else the program's default, as the services use it. Not the interface
    language's: a PC whose system says "C" or en_US must not read a Chinese office's
    phone numbers as American."""
    return _office_country or validation.DEFAULT_REGION


def currency_symbol(code: str | None = None, locale: QLocale | None = None) -> str:
    """The symbol the interface shows for ``code`` (the office currency by default)."""
    code = (code or office_currency()).upper()
    loc = locale or QLocale()
    if loc.currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode) == code:
        return loc.currencySymbol(QLocale.CurrencySymbolFormat.CurrencySymbol)
    return SYMBOLS.get(code, code)


def number(value: Decimal | int | float, decimals: int = 0, locale: QLocale | None = None) -> str:
    """``value`` with the locale's group separator and decimal point, rounded half up."""
    loc = locale or QLocale()
    d = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if d < 0 else ""
    whole, _, frac = f"{abs(d):f}".partition(".")
    text = loc.toString(int(whole))
    if decimals:
        text += loc.decimalPoint() + frac.ljust(decimals, "0")[:decimals]
    return (loc.negativeSign() if sign else "") + text


def _patterned(locale: QLocale | None) -> QLocale:
    """``locale`` (the interface's by default), or en_US for the C locale, which has no
    currency pattern and writes dates as "20 12 2026"."""
    loc = locale or QLocale()
    return QLocale("en_US") if loc.language() == QLocale.Language.C else loc


def money(
    value: Decimal | int | float | None,
    currency: str | None = None,
    *,
    decimals: int = 2,
    locale: QLocale | None = None,
) -> str:
    """``value`` as money in the locale's pattern with the office currency's symbol:
    ¥1,234.50 (zh_CN), 1234,50 € (es_ES), US$1,234.50 (en_US showing USD)."""
    if value is None:
        return ""
    loc = _patterned(locale)
    symbol = currency_symbol(currency, loc)
    d = Decimal(str(value))
    digits = number(abs(d), decimals, loc)
    marker = "\x01"
    # The locale's placement of the symbol, from a positive amount; a negative one gets a
    # plain minus sign (not the accounting brackets en_US and zh_CN use).
    pattern = loc.toCurrencyString(1.0, marker, 0)
    text = pattern.replace(loc.toString(1), digits, 1).replace(marker, symbol)
    return loc.negativeSign() + text if d < 0 else text


def date(value: dt.date | None, locale: QLocale | None = None) -> str:
    """A day in the locale's short format with a four-digit year (2026/11/24,
    24/11/2026, 11/24/2026)."""
    if value is None:
        return ""
    loc = _patterned(locale)
    fmt = loc.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in fmt:
        fmt = fmt.replace("yy", "yyyy")
    return loc.toString(QDate(value.year, value.month, value.day), fmt)


def month_day(value: dt.date | None, locale: QLocale | None = None) -> str:
    """A day of the month without its year, in the locale's order (11/24, 24/11): a
    birthday or a day within the coming weeks."""
    if value is None:
        return ""
    loc = _patterned(locale)
    fmt = loc.dateFormat(QLocale.FormatType.ShortFormat)
    fmt = re.sub(r"[^dM]*y+[^dM]*", "", fmt) or "M/d"
    return loc.toString(QDate(value.year, value.month, value.day), fmt)


def time(
    value: dt.time | dt.datetime | None, locale: QLocale | None = None, *, seconds: bool = False
) -> str:
    """A time of day in the locale's short format (14:30, 2:30 PM), with the seconds when
    asked (an audit log), as given: a stored moment goes through ``local`` first."""
    if value is None:
        return ""
    loc = _patterned(locale)
    fmt = loc.timeFormat(QLocale.FormatType.ShortFormat)
    if seconds and "ss" not in fmt:
        fmt = fmt.replace("mm", "mm:ss", 1)
    return loc.toString(QTime(value.hour, value.minute, value.second if seconds else 0), fmt)


def month(value: dt.date | None, locale: QLocale | None = None) -> str:
    """A month in the locale's order of the short date without the day (2026/11,
    11/2026)."""
    if value is None:
        return ""
    loc = _patterned(locale)
    fmt = loc.dateFormat(QLocale.FormatType.ShortFormat)
    if "yyyy" not in fmt:
        fmt = fmt.replace("yy", "yyyy")
    fmt = re.sub(r"d+[^dMy]*(?=[My])|[^dMy]*d+$", "", fmt) or "yyyy/M"
    return loc.toString(QDate(value.year, value.month, 1), fmt)


def local(value: dt.datetime) -> dt.datetime:
    """A stored (UTC) moment in the computer's time zone; a naive one is taken as UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone()


def date_time(
    value: dt.datetime | None, locale: QLocale | None = None, *, seconds: bool = False
) -> str:
    """A stored moment in the computer's time zone: the short date and time
    (2026/11/24 18:00, 24/11/2026 18:00), with the seconds when asked."""
    if value is None:
        return ""
    moment = local(value)
    return f"{date(moment.date(), locale)} {time(moment, locale, seconds=seconds)}"

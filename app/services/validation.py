"""Checks on what a person typed, each failure naming the field and the reason."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import phonenumbers

from app.errors import ValidationError
from app.models.base import CENT

MAX_AMOUNT = Decimal("100000000")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
DEFAULT_REGION = "CN"


def phone(raw: str | None, region: str = DEFAULT_REGION, field: str = "phone") -> str | None:
    """A phone number in E.164 (+8613812345678), or None for an empty field."""
    if raw is None or not raw.strip():
        return None
    text = raw.strip()
    if len(text) > 40:
        raise ValidationError("the phone number is too long", field=field)
    try:
        parsed = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise ValidationError("{value} is not a phone number", field=field, value=text) from None
    if not phonenumbers.is_possible_number(parsed):
        raise ValidationError("{value} is not a possible phone number", field=field, value=text)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def display_phone(value: str | None, region: str = DEFAULT_REGION) -> str:
    """National format for numbers of the office's region, international for the rest."""
    if not value:
        return ""
    try:
        parsed = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return value
    fmt = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if phonenumbers.region_code_for_number(parsed) == region
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(parsed, fmt)


def email(raw: str | None, field: str = "email") -> str | None:
    if raw is None or not raw.strip():
        return None
    text = raw.strip()
    if len(text) > 254 or not EMAIL.match(text):
        raise ValidationError("{value} is not an email address", field=field, value=text)
    return text


def text(raw: str | None, field: str, max_len: int, required: bool = False) -> str | None:
    value = (raw or "").strip()
    if not value:
        if required:
            raise ValidationError("this field is required", field=field)
        return None
    if len(value) > max_len:
        raise ValidationError(
            "at most {max} characters (this has {n})", field=field, max=max_len, n=len(value)
        )
    return value


def past_date(value: dt.date | None, field: str, today: dt.date | None = None) -> dt.date | None:
    if value is None:
        return None
    today = today or dt.date.today()
    if value > today:
        raise ValidationError("the date {value} is in the future", field=field, value=value)
    if value.year < 1900:
        raise ValidationError("the date {value} is too far in the past", field=field, value=value)
    return value


def amount(value: Decimal | str | int | None, field: str = "amount") -> Decimal | None:
    """Money as typed ("88,50", "1200", Decimal): None when empty; refused when negative,
    not a number, finer than cents or beyond a hundred million."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        d = Decimal(str(value).strip().replace(",", "."))
    except ArithmeticError:
        raise ValidationError("{value} is not an amount", field=field, value=value) from None
    if not d.is_finite() or d < 0:
        raise ValidationError("{value} is not an amount", field=field, value=value)
    if d != d.quantize(CENT):
        raise ValidationError("at most two decimals", field=field)
    if d > MAX_AMOUNT:
        raise ValidationError("the amount is too large", field=field)
    return d.quantize(CENT)

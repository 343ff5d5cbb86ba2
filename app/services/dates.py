"""Calendar rules shared by reminders and the front desk."""

from __future__ import annotations

import calendar
import datetime as dt


def anniversary(day: dt.date, year: int) -> dt.date:
    """The date in ``year``; 29 February falls on 28 February in common years."""
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return dt.date(year, 2, 28)
    return day.replace(year=year)


def next_anniversary(day: dt.date, today: dt.date) -> dt.date:
    this_year = anniversary(day, today.year)
    return this_year if this_year >= today else anniversary(day, today.year + 1)


def days_until_anniversary(day: dt.date, today: dt.date) -> int:
    return (next_anniversary(day, today) - today).days

"""Money figures a user may not see: one rule, one way to blank them.

A user without the right "may see financial figures" (``User.may_see_financials``) gets
every service result with its amounts, margins, costs, amounts owed, credit and points
values set to None: shown blank in the window, empty cells in a workbook, null in JSON,
never a wrong number such as 0. The services apply it, so no page, export, report or
command can show what the user may not see.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import User

T = TypeVar("T")


def may_see_financials(session: Session, user_id: int | None) -> bool:
    """The program itself (``user_id`` None) sees everything; a user only with the right
    ticked. An unknown or deactivated user sees nothing."""
    if user_id is None:
        return True
    allowed = session.scalar(
        select(User.may_see_financials).where(User.id == user_id, User.active.is_(True))
    )
    return bool(allowed)


def blank(obj: T, *names: str) -> T:
    """A copy of the dataclass ``obj`` with the fields ``names`` set to None."""
    return dataclasses.replace(obj, **dict.fromkeys(names))  # type: ignore[type-var]


def blank_all(items: Iterable[T], *names: str) -> list[T]:
    return [blank(item, *names) for item in items]


def blank_at(rows: Iterable[Sequence[Any]], *positions: int) -> list[tuple[Any, ...]]:
    """Rows (tuples) with the values at ``positions`` set to None."""
    return [tuple(None if i in positions else v for i, v in enumerate(row)) for row in rows]


def blank_values(mapping: dict[str, Any]) -> dict[str, Any]:
    """The same keys, every value None (a money figure per key)."""
    return dict.fromkeys(mapping)


def hide_unless(allowed: bool, obj: T, *names: str) -> T:
    """``obj`` as it is for a user with the right, else with ``names`` blanked."""
    return obj if allowed else blank(obj, *names)


def text(value: Any) -> str | None:
    """A money figure for JSON: its text, or None (null) when hidden."""
    return None if value is None else str(value)


def total(values: Iterable[Decimal | None]) -> Decimal | None:
    """The sum of money figures; None when any of them is hidden."""
    result = Decimal("0.00")
    for value in values:
        if value is None:
            return None
        result += value
    return result


def cli(value: Any, spec: str = ",") -> str:
    """A money figure for the command line's text output: blank when hidden."""
    if value is None:
        return format("", spec.replace(",", "").replace("_", ""))
    return format(value, spec)


def widened(
    rows: Iterable[Sequence[Any]], keys: Sequence[str], all_keys: Sequence[str]
) -> Iterable[Sequence[Any]]:
    """Rows holding the columns ``keys`` as rows of ``all_keys``: a column the user may
    not see is there, blank (an export keeps its layout for everyone). The rows as they
    are when nothing is hidden."""
    if list(keys) == list(all_keys):
        return rows
    where = {k: i for i, k in enumerate(keys)}
    picks = [where.get(k) for k in all_keys]
    return (tuple(None if i is None else r[i] for i in picks) for r in rows)

"""Who may see and change what: one place for the rules every service applies.

- ``user_id`` None is the program itself (a script, the command line without a user,
  the test suite): full rights.
- admin: everything, and the only one who manages users.
- manager: sees and edits every customer, reassigns, changes office settings.
- sales: sees and edits the customers they own, those marked shared and those whose
  account team they are on (app.services.teams); when the office setting
  ``access.everyone_sees_all`` is on, every customer.
- viewer: reads every customer, changes nothing.
- money figures, whatever the role: only with the user's right "may see financial
  figures" (``may_see_financials``, from app.services.figures, which also blanks them).

An unknown or deactivated user has no rights at all (PermissionDenied), so a session left
open on another PC stops working once its user is deactivated.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, or_, select, true
from sqlalchemy.orm import Session

from app.errors import PermissionDenied
from app.models import AccountTeamMember, Customer, Deal, Setting, User
from app.models.enums import Role

from .figures import may_see_financials as may_see_financials

MANAGERS = (Role.ADMIN, Role.MANAGER)
EVERYONE_SEES_ALL = "access.everyone_sees_all"
"""Office setting: salespeople see (and edit) every customer, not only their own."""
OS_LOGIN = "access.os_login"
"""Office setting: users marked so may sign in by their operating-system login alone."""


def role(session: Session, user_id: int | None) -> Role | None:
    """The acting user's role; None for the program itself. PermissionDenied for a user
    who does not exist or was deactivated."""
    if user_id is None:
        return None
    found = session.scalar(select(User.role).where(User.id == user_id, User.active.is_(True)))
    if found is None:
        raise PermissionDenied("unknown or deactivated user")
    return Role(found)


def setting(session: Session, key: str, default: Any = False) -> Any:
    row = session.get(Setting, key)
    return default if row is None else row.value


def _sees_all(session: Session, user_role: Role | None) -> bool:
    if user_role is None or user_role in MANAGERS or user_role is Role.VIEWER:
        return True
    return bool(setting(session, EVERYONE_SEES_ALL))


def visible_customers(session: Session, user_id: int | None) -> ColumnElement[bool]:
    """A WHERE term over ``customers`` keeping the customers ``user_id`` may see."""
    user_role = role(session, user_id)
    if _sees_all(session, user_role):
        return true()
    c = Customer.__table__.c
    return or_(c.owner_id == user_id, c.shared.is_(True), c.id.in_(_teams_of(user_id)))


def visible_ids(session: Session, user_id: int | None) -> Select[Any] | None:
    """The ids of the customers ``user_id`` may see, as a subquery for reports that sum
    over customers; None when that is every customer (no condition to add)."""
    if _sees_all(session, role(session, user_id)):
        return None
    return select(Customer.id).where(visible_customers(session, user_id))


def visible_sql(session: Session, user_id: int | None, column: str = "c.id") -> str:
    """``visible_ids`` for a report written as SQL text: `` AND {column} IN (…)``, or ""
    when ``user_id`` sees every customer. Only ids and booleans are written into it."""
    ids = visible_ids(session, user_id)
    if ids is None:
        return ""
    bind = session.get_bind()
    sql = ids.compile(dialect=bind.dialect, compile_kwargs={"literal_binds": True})
    return f" AND {column} IN ({sql})"


def _teams_of(user_id: int | None) -> Any:
    """The customers whose account team ``user_id`` is on: they see and work on them as
    the owner does."""
    return select(AccountTeamMember.customer_id).where(AccountTeamMember.user_id == user_id)


def may_see_customer(session: Session, user_id: int | None, customer_id: int) -> bool:
    user_role = role(session, user_id)
    if _sees_all(session, user_role):
        return True
    row = session.execute(
        select(Customer.owner_id, Customer.shared).where(Customer.id == customer_id)
    ).first()
    if row is None or row.owner_id == user_id or bool(row.shared):
        return True
    return (
        session.scalar(_teams_of(user_id).where(AccountTeamMember.customer_id == customer_id))
        is not None
    )


def check_may_see_customer(session: Session, user_id: int | None, customer_id: int) -> None:
    if not may_see_customer(session, user_id, customer_id):
        raise PermissionDenied("this customer belongs to another salesperson")


def check_may_write(session: Session, user_id: int | None) -> Role | None:
    """Anyone but a viewer (and an unknown or deactivated user) may change data."""
    user_role = role(session, user_id)
    if user_role is Role.VIEWER:
        raise PermissionDenied("a viewer cannot change anything")
    return user_role


def check_may_edit_customer(session: Session, user_id: int | None, customer_id: int) -> None:
    """PermissionDenied unless ``user_id`` may change this customer's file."""
    check_may_write(session, user_id)
    check_may_see_customer(session, user_id, customer_id)


def may_see_deal(session: Session, user_id: int | None, deal_id: int) -> bool:
    """A deal is seen by whoever sees its customer, and by its own salesperson."""
    row = session.execute(select(Deal.owner_id, Deal.customer_id).where(Deal.id == deal_id)).first()
    if row is None or (user_id is not None and row.owner_id == user_id):
        role(session, user_id)  # still an active user
        return True
    return may_see_customer(session, user_id, row.customer_id)


def check_may_edit_deal(session: Session, user_id: int | None, deal_id: int) -> None:
    check_may_write(session, user_id)
    if not may_see_deal(session, user_id, deal_id):
        raise PermissionDenied("this deal belongs to another salesperson")


def check_manager(session: Session, user_id: int | None, what: str = "do this") -> Role | None:
    user_role = role(session, user_id)
    if user_role is not None and user_role not in MANAGERS:
        raise PermissionDenied("only a manager or an administrator may {what}", what=what)
    return user_role


def check_admin(session: Session, user_id: int | None, what: str = "manage users") -> None:
    user_role = role(session, user_id)
    if user_role is not None and user_role is not Role.ADMIN:
        raise PermissionDenied("only an administrator may {what}", what=what)


def check_may_assign_owner(session: Session, user_id: int | None, owner_id: int | None) -> None:
    """Giving a customer to someone else is a manager's decision."""
    user_role = role(session, user_id)
    if user_role is None or user_role in MANAGERS or owner_id in (None, user_id):
        return
    raise PermissionDenied("only a manager gives customers to another salesperson")

"""Who a command acts as, and the database it acts on: one context manager for every
subcommand.

``with acting(args) as (db, uid):`` opens the database named by ``--db`` (requiring the
current schema unless told otherwise), resolves ``--user NAME`` to an active user, signs
them in, and disposes of the database afterwards. The services then apply that user's
rights (a viewer changes nothing, money figures blank without the right to see them).

- Without ``--user`` the command acts as the program itself (``uid`` None): full rights,
  as a script on the database file has anyway.
- With ``--user``: an unknown or deactivated user is refused (PermissionDenied, exit 3).
  When the office requires passwords (any active user has one, as the window's sign-in
  decides) and that user has one, it is read from the environment variable
  ``CLIENTELA_PASSWORD`` and checked like the window's sign-in (argon2, wrong tries
  counted and slowed down); missing or wrong is refused, exit 3. A user the office lets
  start by their operating-system login, running under that login, needs none, as in
  the window.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import select

PASSWORD_VARIABLE = "CLIENTELA_PASSWORD"


def user_for(db: Any, name: str | None) -> int | None:
    """The id of the user ``name`` once signed in; None (the program) without a name."""
    from .errors import PermissionDenied
    from .models import User
    from .services import users

    if name is None:
        return None
    with db.session() as s:
        user = s.scalar(select(User).where(User.username == name, User.active.is_(True)))
        if user is None:
            raise PermissionDenied("no active user {name}", name=name)
        user_id, has_password = user.id, bool(user.password_hash)
        needs = has_password and users.sign_in_required(s)
        if needs:
            by_login = users.os_login_user(s, users.os_login_name())
            needs = by_login is None or by_login.id != user_id
    if not needs:
        return int(user_id)
    password = os.environ.get(PASSWORD_VARIABLE)
    if not password:
        raise PermissionDenied(
            "user {name} has a password: put it in the environment variable {variable}",
            name=name,
            variable=PASSWORD_VARIABLE,
        )
    return users.sign_in(db, name, password).id


@contextmanager
def acting(
    args: argparse.Namespace, *, current: bool = True, **open_kwargs: Any
) -> Iterator[tuple[Any, int | None]]:
    """The open database and the acting user's id (None: the program) for one command;
    ``current`` requires the current schema (a command that writes), ``open_kwargs`` go
    to ``open_database`` (``create``, ``migrate``)."""
    from .cli import _open
    from .db import require_current

    open_kwargs.setdefault("create", False)
    db = _open(args, **open_kwargs)
    try:
        if current:
            require_current(db)
        yield db, user_for(db, getattr(args, "user", None))
    finally:
        db.dispose()

"""Errors a person can act on. Each carries a one-line message template and its values,
so the window can translate the template and the command line can print it as it is."""

from __future__ import annotations

from typing import Any


class ClientelaError(Exception):
    exit_code = 1

    def __init__(self, template: str, **params: Any) -> None:
        self.template = template
        self.params = params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return self.template.format(**self.params) if self.params else self.template


class DatabaseOpenError(ClientelaError):
    """The database cannot be opened at all (missing, not a database, bad URL…)."""


class NewerSchemaError(ClientelaError):
    """Written by a newer Clientela: readable, never writable."""

    exit_code = 2


class ReadOnlyError(ClientelaError):
    """A write was asked of a database opened read-only."""


class DatabaseBusyError(ClientelaError):
    """Another PC held the write lock for longer than we were willing to wait."""


class ConflictError(ClientelaError):
    """Someone else saved the same record first."""


class ValidationError(ClientelaError):
    """Input that cannot be stored; ``field`` names the offending field where there is one."""

    def __init__(self, template: str, field: str | None = None, **params: Any) -> None:
        self.field = field
        super().__init__(template, **params)


class PermissionDenied(ClientelaError):
    exit_code = 3

"""Per-PC window state in QSettings: geometry, toolbar and dock state, recent databases.

One INI file at ``paths.settings_file()`` (so ``--data-dir`` and tests redirect it). Only
plain values go in: strings, lists of strings and Qt's own geometry bytes, never pickles.
Preferences that belong to the office (stages, reminders…) live in the database.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QWidget

from app import paths

MAX_RECENT = 8
RECENT_KEY = "recent/databases"


def open_settings() -> QSettings:
    path = paths.settings_file()
    paths.ensure(path.parent)
    return QSettings(str(path), QSettings.Format.IniFormat)


def _string_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v]
    return []


def _same(a: str, b: str) -> bool:
    return os.path.normcase(os.path.normpath(a)) == os.path.normcase(os.path.normpath(b))


def recent_databases(settings: QSettings | None = None) -> list[str]:
    """Most recent first, at most ``MAX_RECENT``."""
    s = settings or open_settings()
    return _string_list(s.value(RECENT_KEY))[:MAX_RECENT]


def _store(s: QSettings, items: list[str]) -> None:
    s.setValue(RECENT_KEY, items[:MAX_RECENT])
    s.sync()


def add_recent_database(location: str | Path, settings: QSettings | None = None) -> list[str]:
    s = settings or open_settings()
    location = str(location)
    items = [location] + [x for x in recent_databases(s) if not _same(x, location)]
    _store(s, items)
    return items[:MAX_RECENT]


def remove_recent_database(location: str | Path, settings: QSettings | None = None) -> list[str]:
    s = settings or open_settings()
    items = [x for x in recent_databases(s) if not _same(x, str(location))]
    _store(s, items)
    return items


def clear_recent_databases(settings: QSettings | None = None) -> None:
    _store(settings or open_settings(), [])


def save_window_state(widget: QWidget, key: str, settings: QSettings | None = None) -> None:
    """Geometry (and a main window's toolbar/dock state) under ``key``."""
    s = settings or open_settings()
    s.setValue(f"{key}/geometry", widget.saveGeometry())
    if isinstance(widget, QMainWindow):
        s.setValue(f"{key}/state", widget.saveState())
    s.sync()


def restore_window_state(widget: QWidget, key: str, settings: QSettings | None = None) -> bool:
    """True when a saved geometry was restored."""
    s = settings or open_settings()
    geometry = s.value(f"{key}/geometry")
    restored = isinstance(geometry, QByteArray | bytes) and widget.restoreGeometry(geometry)
    state = s.value(f"{key}/state")
    if isinstance(widget, QMainWindow) and isinstance(state, QByteArray | bytes):
        widget.restoreState(state)
    return bool(restored)


def value(key: str, default: str = "", settings: QSettings | None = None) -> str:
    v = (settings or open_settings()).value(key, default)
    return v if isinstance(v, str) else default


def set_value(key: str, v: str, settings: QSettings | None = None) -> None:
    s = settings or open_settings()
    s.setValue(key, v)
    s.sync()

"""The interface language: which one this PC shows (QSettings ``ui/language``, the
system's when unset) and the ones offered in Settings ▸ Office. A change applies at the
next start (``application.create_app`` reads ``ui_locale``)."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from . import settings_store

LANGUAGE_KEY = "ui/language"

LANGUAGES = (("zh_CN", "简体中文"), ("es", "Español"), ("en", "English"))
"""Offered in Settings, each named in itself; "" (not listed) is the system's."""


def stored_language() -> str:
    """The language chosen in Settings: "zh_CN", "es", "en", or "" for the system's."""
    return settings_store.value(LANGUAGE_KEY)


def set_ui_language(name: str) -> None:
    """Store the interface language ("" for the system's); it applies at the next start."""
    settings_store.set_value(LANGUAGE_KEY, name)


def ui_locale() -> QLocale:
    """The interface language: the ``ui/language`` setting, else the system's."""
    name = stored_language()
    if name:
        return QLocale("en_US") if name == "en" else QLocale(name)
    system = QLocale.system()
    # A machine without LANG reports "C", which prints 1234567 without group separators.
    return QLocale("en_US") if system.language() == QLocale.Language.C else system

"""Every folder the program writes to, from one place.

``set_data_dir`` (the ``--data-dir`` option, or CLIENTELA_DATA_DIR) redirects all of them
at once, so tests and a portable build never touch the user's real folders.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from . import APP_NAME

_override: Path | None = None


def set_data_dir(path: str | os.PathLike[str] | None) -> None:
    global _override
    _override = Path(path).expanduser().resolve() if path else None


def data_dir() -> Path:
    if _override is not None:
        return _override
    env = os.environ.get("CLIENTELA_DATA_DIR")
    if env:
        return Path(env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=True))


def default_db_path() -> Path:
    return data_dir() / "clientela.db"


def log_dir() -> Path:
    return data_dir() / "logs"


def backup_dir() -> Path:
    return data_dir() / "backups"


def settings_file() -> Path:
    """Per-PC preferences (window geometry, recent databases) as an INI file."""
    return data_dir() / "settings.ini"


def ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path

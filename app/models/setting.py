"""Office-wide settings kept in the database, so every PC of the office shares them.

Per-PC preferences (window geometry, recent files) live in QSettings instead.
"""

from __future__ import annotations

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Versioned


class Setting(Versioned, Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[object] = mapped_column(JSON)

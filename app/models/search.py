"""The search side tables, kept up to date on every write to a customer, its people or
its vehicles (app.services.search_index).

``search_terms`` holds whole keys (for exact and prefix matches through the index) and
the short pieces a trigram index cannot serve: CJK characters and pairs, word starts,
initials. ``search_docs`` holds all keys of a customer in one text, under an FTS5 trigram
index on SQLite (virtual table ``search_fts``) or a pg_trgm index on PostgreSQL, for
substrings of three characters or more.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, PrimaryKeyConstraint, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class SearchTerm(Base):
    __tablename__ = "search_terms"
    __table_args__ = (
        PrimaryKeyConstraint("term", "customer_id", "kind"),
        Index("ix_search_terms_customer_id", "customer_id"),
        {"sqlite_with_rowid": False},
    )

    term: Mapped[str] = mapped_column(String(80))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    kind: Mapped[int] = mapped_column(SmallInteger)


class SearchDoc(Base):
    __tablename__ = "search_docs"

    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True
    )
    keys: Mapped[str] = mapped_column(Text)

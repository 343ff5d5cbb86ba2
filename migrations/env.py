"""Alembic environment. The program runs it from app.db with a live connection; the
``alembic`` command line also works with ``-x url=sqlite:///path``."""

from alembic import context
from sqlalchemy import create_engine

import app.models
from app.models import Base

target_metadata = Base.metadata
config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run_with(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///scratch.db")
    engine = create_engine(url)
    with engine.begin() as conn:
        _run_with(conn)


def include_name(name, type_, parent_names) -> bool:  # type: ignore[no-untyped-def]
    """The FTS5 virtual table and its shadow tables are made by hand in 0002."""
    return not (type_ == "table" and name and name.startswith("search_fts"))


def _run_with(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_name=include_name,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


assert app.models
run()

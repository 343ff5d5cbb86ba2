"""search index: short terms, key documents, FTS5 trigram (SQLite) or pg_trgm (PostgreSQL)

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "search_terms",
        sa.Column("term", sa.String(80), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.SmallInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name="fk_search_terms_customer_id_customers",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("term", "customer_id", "kind", name="pk_search_terms"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_search_terms_customer_id", "search_terms", ["customer_id"])
    op.create_table(
        "search_docs",
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("keys", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name="fk_search_docs_customer_id_customers",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("customer_id", name="pk_search_docs"),
    )
    # Customers written before this revision are indexed by the program on its next start.
    op.execute(
        "INSERT INTO settings (key, value, version) "
        "SELECT 'search.rebuild', 'true', 1 WHERE EXISTS (SELECT 1 FROM customers)"
    )
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5("
            "keys, content='search_docs', content_rowid='customer_id', tokenize='trigram')"
        )
        op.execute(
            "CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN "
            "INSERT INTO search_fts(rowid, keys) VALUES (new.customer_id, new.keys); END"
        )
        op.execute(
            "CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN "
            "INSERT INTO search_fts(search_fts, rowid, keys) "
            "VALUES ('delete', old.customer_id, old.keys); END"
        )
        op.execute(
            "CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN "
            "INSERT INTO search_fts(search_fts, rowid, keys) "
            "VALUES ('delete', old.customer_id, old.keys); "
            "INSERT INTO search_fts(rowid, keys) VALUES (new.customer_id, new.keys); END"
        )
    elif dialect == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(
            "CREATE INDEX ix_search_docs_keys_trgm ON search_docs USING gin (keys gin_trgm_ops)"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("search_docs_ai", "search_docs_ad", "search_docs_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS search_fts")
    op.drop_table("search_docs")
    op.drop_index("ix_search_terms_customer_id", table_name="search_terms")
    op.drop_table("search_terms")

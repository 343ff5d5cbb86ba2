"""customers.sort_name: names in the order a person expects (Chinese by pinyin)

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("customers") as batch:
        batch.add_column(sa.Column("sort_name", sa.String(200), nullable=True))
    op.drop_index("ix_customers_name", table_name="customers")
    op.create_index("ix_customers_name", "customers", ["deleted_at", "sort_name", "id"])
    # The program fills sort_name with the search index on its next start.
    op.execute(
        "INSERT INTO settings (key, value, version) "
        "SELECT 'search.rebuild', 'true', 1 WHERE EXISTS (SELECT 1 FROM customers) "
        "AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'search.rebuild')"
    )


def downgrade() -> None:
    op.drop_index("ix_customers_name", table_name="customers")
    op.create_index("ix_customers_name", "customers", ["deleted_at", "name", "id"])
    with op.batch_alter_table("customers") as batch:
        batch.drop_column("sort_name")

"""indexes for sorting the customers list and for what is owed per order

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_customers_name", "customers", ["deleted_at", "name", "id"])
    op.create_index("ix_customers_created_at", "customers", ["deleted_at", "created_at", "id"])
    op.create_index("ix_vehicles_plate", "vehicles", ["plate"])
    op.create_index("ix_payments_order_id", "payments", ["order_id"])


def downgrade() -> None:
    op.drop_index("ix_payments_order_id", table_name="payments")
    op.drop_index("ix_vehicles_plate", table_name="vehicles")
    op.drop_index("ix_customers_created_at", table_name="customers")
    op.drop_index("ix_customers_name", table_name="customers")

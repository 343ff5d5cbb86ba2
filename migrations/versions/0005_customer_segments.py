"""customer_segments: 80/20 class, RFM, key-account score, tier and lifecycle per customer

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customer_segments",
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=True),
        sa.Column("orders", sa.Integer(), nullable=False),
        sa.Column("first_purchase", sa.Date(), nullable=True),
        sa.Column("last_purchase", sa.Date(), nullable=True),
        sa.Column("abc_class", sa.String(1), nullable=True),
        sa.Column("r_score", sa.SmallInteger(), nullable=True),
        sa.Column("f_score", sa.SmallInteger(), nullable=True),
        sa.Column("m_score", sa.SmallInteger(), nullable=True),
        sa.Column("rfm_segment", sa.String(24), nullable=True),
        sa.Column("key_score", sa.Float(), nullable=True),
        sa.Column("starred", sa.Boolean(), nullable=False),
        sa.Column("tier", sa.SmallInteger(), nullable=True),
        sa.Column("lifecycle", sa.String(24), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name="fk_customer_segments_customer_id_customers",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("customer_id", name="pk_customer_segments"),
    )
    op.create_index("ix_customer_segments_abc_class", "customer_segments", ["abc_class"])
    op.create_index("ix_customer_segments_rfm_segment", "customer_segments", ["rfm_segment"])
    op.create_index("ix_customer_segments_lifecycle", "customer_segments", ["lifecycle"])
    # Covering indexes for the Reports page's charts.
    op.create_index(
        "ix_activities_user_kind_occurred", "activities", ["user_id", "kind", "occurred_at"]
    )
    op.create_index(
        "ix_orders_date_cover",
        "orders",
        ["order_date", "status", "deleted_at", "owner_id", "amount"],
    )
    op.create_index(
        "ix_orders_customer_cover",
        "orders",
        ["customer_id", "order_date", "status", "deleted_at", "amount"],
    )
    op.create_index(
        "ix_payments_customer_cover", "payments", ["customer_id", "paid_on", "amount"]
    )


def downgrade() -> None:
    op.drop_index("ix_payments_customer_cover", table_name="payments")
    op.drop_index("ix_orders_customer_cover", table_name="orders")
    op.drop_index("ix_orders_date_cover", table_name="orders")
    op.drop_index("ix_activities_user_kind_occurred", table_name="activities")
    op.drop_index("ix_customer_segments_lifecycle", table_name="customer_segments")
    op.drop_index("ix_customer_segments_rfm_segment", table_name="customer_segments")
    op.drop_index("ix_customer_segments_abc_class", table_name="customer_segments")
    op.drop_table("customer_segments")

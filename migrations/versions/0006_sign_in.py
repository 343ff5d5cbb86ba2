"""users.failed_logins and users.locked_until: wrong passwords slow down the next try,
kept in the database so restarting the program does not reset them; audit_log by user

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column("failed_logins", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(sa.Column("locked_until", sa.DateTime(), nullable=True))
    op.create_index("ix_audit_log_user_at", "audit_log", ["user_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_user_at", table_name="audit_log")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("locked_until")
        batch.drop_column("failed_logins")

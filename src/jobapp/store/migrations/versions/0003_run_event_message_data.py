"""run event message data: the catalogue key and parameters of a run log line (rendered per language)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 19:05:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("run_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("message_data", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("run_events", schema=None) as batch_op:
        batch_op.drop_column("message_data")

"""application events: every step of an application with its date and note (the history)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 19:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "application_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("offer_id", sa.Integer(), sa.ForeignKey("offers.id", ondelete="CASCADE"), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("date", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_application_events_offer_id", "application_events", ["offer_id"])
    # A status set before this version (one per offer, no history) becomes the first event.
    op.execute(
        "INSERT INTO application_events (offer_id, status, date, note, created_at) "
        "SELECT offer_id, status, updated_at, '', updated_at FROM feedback WHERE status <> ''"
    )


def downgrade() -> None:
    op.drop_index("ix_application_events_offer_id", table_name="application_events")
    op.drop_table("application_events")

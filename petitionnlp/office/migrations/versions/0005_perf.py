"""A busy office: the search index's outbox (``index_outbox``: what the index has still to follow, written in the
same transaction as the change it stems from) and an index on the cases' status (the lists by status: 待审核 for
review, a unit's 待办).

Revision ID: 0005_perf
Revises: 0004 (0004_integrity.py)
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = "0005_perf"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "index_outbox",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("target", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False))
    op.create_index("ix_index_outbox_target", "index_outbox", ["kind", "target"])
    op.create_index("ix_petitions_status", "petitions", ["status"])


def downgrade() -> None:
    op.drop_index("ix_petitions_status", table_name="petitions")
    op.drop_index("ix_index_outbox_target", table_name="index_outbox")
    op.drop_table("index_outbox")

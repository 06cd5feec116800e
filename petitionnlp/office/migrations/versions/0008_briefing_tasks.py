"""Briefings' standing tasks marked by a clerk (``briefing_tasks``): a report day of 每3天一报告 done, or the whole
task done, keyed by the briefing, the task's id (stable for the stored extract), the mark and the day.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "briefing_tasks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("briefing_id", sa.Integer, sa.ForeignKey("briefings.id"), nullable=False, index=True),
        sa.Column("task_id", sa.String(64), nullable=False),
        sa.Column("mark", sa.String(8), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("user", sa.String(64)),
        sa.Column("time", sa.DateTime, nullable=False))
    op.create_index("uq_briefing_tasks_mark", "briefing_tasks", ["briefing_id", "task_id", "mark", "day"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_briefing_tasks_mark", table_name="briefing_tasks")
    op.drop_table("briefing_tasks")

"""A returned table's reports that the lifecycle refused (a case waiting for review, a closed case whose report
the table changes): each named as the bulk notices name a refused case, ``[{"id", "name", "error"}]`` on the batch
(``refused_reports``), beside the count of those recorded (``filled_reports``).  A column added in place; the
batches stored before have none (they were not kept).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("batches", sa.Column("refused_reports", sa.JSON))


def downgrade() -> None:
    op.drop_column("batches", "refused_reports")

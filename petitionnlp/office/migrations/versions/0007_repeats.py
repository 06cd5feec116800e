"""Repeat groups: each stored case knows its group (``repeat_group``: the id of the group's first petition; its own
id while it is alone), the group's size (``repeat_count``) and the grouping run that last placed or released it
(``repeat_seq``, increasing: a worker's copy of the groups catches up on the rows of later runs).  Columns added in
place (as 0003 and 0004 do); the cases stored before are grouped by the next grouping run, oldest first.

Revision ID: 0007
Revises: 0005_perf
Create Date: 2026-12-20
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0005_perf"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("petitions", sa.Column("repeat_group", sa.Integer))
    op.add_column("petitions", sa.Column("repeat_count", sa.Integer))
    op.add_column("petitions", sa.Column("repeat_seq", sa.Integer))
    op.create_index("ix_petitions_repeat_group", "petitions", ["repeat_group"])
    op.create_index("ix_petitions_repeat_seq", "petitions", ["repeat_seq"])


def downgrade() -> None:
    op.drop_index("ix_petitions_repeat_seq", "petitions")
    op.drop_index("ix_petitions_repeat_group", "petitions")
    for column in ("repeat_seq", "repeat_count", "repeat_group"):
        op.drop_column("petitions", column)

"""Case integrity: a petition keeps the model's guess beside its types of record (``model_types``, ``types_source``:
交办表 / 模型 / 更正) and knows when its batch was withdrawn; a batch records whether its reply days are working days,
where its hand-over date came from, and its withdrawal (who, when, why).  Columns are added in place (SQLite
cannot copy a table others refer to while keeping its rows); existing cases get the model's types as their guess,
or the first value a person corrected.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-08
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    false = sa.false()
    op.add_column("petitions", sa.Column("model_types", sa.JSON))
    op.add_column("petitions", sa.Column("types_source", sa.String(8)))
    op.add_column("petitions", sa.Column("withdrawn", sa.Boolean, nullable=False, server_default=false))
    op.add_column("batches", sa.Column("working_days", sa.Boolean))
    op.add_column("batches", sa.Column("handover_source", sa.String(16)))
    op.add_column("batches", sa.Column("withdrawn", sa.Boolean, nullable=False, server_default=false))
    op.add_column("batches", sa.Column("withdrawn_reason", sa.Text))
    op.add_column("batches", sa.Column("withdrawn_by", sa.String(64)))
    op.add_column("batches", sa.Column("withdrawn_at", sa.DateTime))
    # the cases stored so far: the model's guess is what they hold, unless a person corrected the types
    op.execute("UPDATE petitions SET model_types = pollution_types, types_source = '模型' "
               "WHERE error IS NULL")
    op.execute("UPDATE petitions SET types_source = '更正', model_types = (SELECT c.old FROM corrections c "
               "WHERE c.petition_id = petitions.id AND c.field = 'pollution_types' ORDER BY c.id LIMIT 1) "
               "WHERE id IN (SELECT petition_id FROM corrections WHERE field = 'pollution_types')")


def downgrade() -> None:
    for table, column in (("batches", "withdrawn_at"), ("batches", "withdrawn_by"), ("batches", "withdrawn_reason"),
                          ("batches", "withdrawn"), ("batches", "handover_source"), ("batches", "working_days"),
                          ("petitions", "withdrawn"), ("petitions", "types_source"), ("petitions", "model_types")):
        op.drop_column(table, column)

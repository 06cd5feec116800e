"""The case lifecycle: responsible units, reports and their review, each case's history; petitions gain their
受理编号, unit and version; users their unit; batches the reply days and what a re-upload found.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "units",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(128), nullable=False, unique=True),
        sa.Column("province", sa.String(64)),
        sa.Column("city", sa.String(64), index=True),
        sa.Column("county", sa.String(64)),
        sa.Column("adcode", sa.String(12)),
        sa.Column("created_at", sa.DateTime, nullable=False))
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("petition_id", sa.Integer, sa.ForeignKey("petitions.id"), nullable=False, index=True),
        sa.Column("user", sa.String(64)),
        sa.Column("time", sa.DateTime, nullable=False),
        sa.Column("verified", sa.String(8), nullable=False),
        sa.Column("findings", sa.Text, nullable=False),
        sa.Column("actions", sa.Text),
        sa.Column("accountability", sa.Text),
        sa.Column("closure", sa.String(8), nullable=False),
        sa.Column("counts", sa.JSON),
        sa.Column("review", sa.String(8)),
        sa.Column("review_reason", sa.Text),
        sa.Column("reviewed_by", sa.String(64)),
        sa.Column("reviewed_at", sa.DateTime))
    op.create_table(
        "case_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("petition_id", sa.Integer, sa.ForeignKey("petitions.id"), nullable=False, index=True),
        sa.Column("time", sa.DateTime, nullable=False),
        sa.Column("user", sa.String(64)),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("detail", sa.JSON))
    with op.batch_alter_table("petitions") as b:
        b.add_column(sa.Column("receipt_id", sa.String(64)))
        b.add_column(sa.Column("unit_id", sa.Integer))
        b.add_column(sa.Column("version", sa.Integer, nullable=False, server_default="1"))
        b.create_index("ix_petitions_receipt_id", ["receipt_id"])
        b.create_index("ix_petitions_unit_id", ["unit_id"])
        b.create_foreign_key("fk_petitions_unit_id", "units", ["unit_id"], ["id"])
    with op.batch_alter_table("users") as b:
        b.add_column(sa.Column("unit_id", sa.Integer))
        b.create_foreign_key("fk_users_unit_id", "units", ["unit_id"], ["id"])
    with op.batch_alter_table("batches") as b:
        b.add_column(sa.Column("reply_days", sa.Integer))
        b.add_column(sa.Column("existing", sa.Integer, nullable=False, server_default="0"))
        b.add_column(sa.Column("changed", sa.JSON))
        b.add_column(sa.Column("filled_reports", sa.Integer, nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("batches") as b:
        for c in ("filled_reports", "changed", "existing", "reply_days"):
            b.drop_column(c)
    with op.batch_alter_table("users") as b:
        b.drop_constraint("fk_users_unit_id", type_="foreignkey")
        b.drop_column("unit_id")
    with op.batch_alter_table("petitions") as b:
        b.drop_constraint("fk_petitions_unit_id", type_="foreignkey")
        b.drop_index("ix_petitions_unit_id")
        b.drop_index("ix_petitions_receipt_id")
        for c in ("version", "unit_id", "receipt_id"):
            b.drop_column(c)
    op.drop_table("case_events")
    op.drop_table("reports")
    op.drop_table("units")

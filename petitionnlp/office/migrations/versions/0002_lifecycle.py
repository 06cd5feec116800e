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
    # plain ADD COLUMN (no table copy: SQLite cannot drop a table others refer to while keeping their rows)
    _add("petitions", sa.Column("receipt_id", sa.String(64)))
    _add("petitions", sa.Column("unit_id", sa.Integer), fk="fk_petitions_unit_id")
    _add("petitions", sa.Column("version", sa.Integer, nullable=False, server_default="1"))
    op.create_index("ix_petitions_receipt_id", "petitions", ["receipt_id"])
    op.create_index("ix_petitions_unit_id", "petitions", ["unit_id"])
    _add("users", sa.Column("unit_id", sa.Integer), fk="fk_users_unit_id")
    _add("batches", sa.Column("reply_days", sa.Integer))
    _add("batches", sa.Column("existing", sa.Integer, nullable=False, server_default="0"))
    _add("batches", sa.Column("changed", sa.JSON))
    _add("batches", sa.Column("filled_reports", sa.Integer, nullable=False, server_default="0"))


def _add(table: str, column: sa.Column, fk: str | None = None) -> None:
    """A new column; a unit reference is a foreign key (SQLite takes one in ADD COLUMN when it defaults to NULL)."""
    if fk and op.get_bind().dialect.name == "sqlite":
        op.execute(f"ALTER TABLE {table} ADD COLUMN {column.name} INTEGER REFERENCES units (id)")
        return
    op.add_column(table, column)
    if fk:
        op.create_foreign_key(fk, table, "units", [column.name], ["id"])


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, c in (("batches", "filled_reports"), ("batches", "changed"), ("batches", "existing"),
                     ("batches", "reply_days")):
        op.drop_column(table, c)
    if not sqlite:
        op.drop_constraint("fk_users_unit_id", "users", type_="foreignkey")
        op.drop_constraint("fk_petitions_unit_id", "petitions", type_="foreignkey")
    op.drop_column("users", "unit_id")
    op.drop_index("ix_petitions_unit_id", "petitions")
    op.drop_index("ix_petitions_receipt_id", "petitions")
    for c in ("version", "unit_id", "receipt_id"):
        op.drop_column("petitions", c)
    op.drop_table("case_events")
    op.drop_table("reports")
    op.drop_table("units")

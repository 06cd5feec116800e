"""Closing the loop: callbacks to the complainant (``callbacks``), spot checks and their drawn cases
(``spotchecks``, ``spotcheck_items``); on a petition whether it is supervised (督办, when, the latest note), how often
it was reopened, the kind and reason of a 不受理 and the case it repeats (``same_as``), and how many spot checks wait
for it; on a report the round it belongs to.  Columns are added in place (SQLite cannot copy a table others refer to
while keeping its rows), as 0003 and 0004 do; existing reports are the first round.

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0004"
branch_labels = None
depends_on = None

PETITION_COLUMNS = ("supervised", "supervised_at", "supervise_note", "reopened", "reject_kind", "reject_reason",
                    "spotcheck_pending")


def upgrade() -> None:
    false, zero = sa.false(), sa.text("0")
    op.add_column("petitions", sa.Column("supervised", sa.Boolean, nullable=False, server_default=false))
    op.add_column("petitions", sa.Column("supervised_at", sa.DateTime))
    op.add_column("petitions", sa.Column("supervise_note", sa.Text))
    op.add_column("petitions", sa.Column("reopened", sa.Integer, nullable=False, server_default=zero))
    op.add_column("petitions", sa.Column("reject_kind", sa.String(16)))
    op.add_column("petitions", sa.Column("reject_reason", sa.Text))
    op.add_column("petitions", sa.Column("spotcheck_pending", sa.Integer, nullable=False, server_default=zero))
    if op.get_bind().dialect.name == "sqlite":  # a reference in ADD COLUMN, defaulting to NULL (see 0003)
        op.execute("ALTER TABLE petitions ADD COLUMN same_as INTEGER REFERENCES petitions (id)")
    else:
        op.add_column("petitions", sa.Column("same_as", sa.Integer))
        op.create_foreign_key("fk_petitions_same_as", "petitions", "petitions", ["same_as"], ["id"])
    op.add_column("reports", sa.Column("round", sa.Integer))
    # the cases stored so far: reopened ones (a reopen step in their history) counted; their reports in round 1
    op.execute("UPDATE petitions SET reopened = (SELECT COUNT(*) FROM case_events e WHERE e.petition_id = petitions.id"
               " AND e.action = 'reopen')")
    op.execute("UPDATE reports SET round = 1")
    op.create_table(
        "callbacks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("petition_id", sa.Integer, sa.ForeignKey("petitions.id"), nullable=False, index=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id")),
        sa.Column("time", sa.DateTime, nullable=False),
        sa.Column("user", sa.String(64)),
        sa.Column("result", sa.String(8), nullable=False),
        sa.Column("note", sa.Text))
    op.create_table(
        "spotchecks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("time", sa.DateTime, nullable=False),
        sa.Column("user", sa.String(64)),
        sa.Column("date_from", sa.String(10)),
        sa.Column("date_to", sa.String(10)),
        sa.Column("rate", sa.Float, nullable=False),
        sa.Column("seed", sa.BigInteger, nullable=False),
        sa.Column("candidates", sa.Integer, nullable=False),
        sa.Column("petitions", sa.JSON, nullable=False))
    op.create_table(
        "spotcheck_items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("spotcheck_id", sa.Integer, sa.ForeignKey("spotchecks.id"), nullable=False, index=True),
        sa.Column("petition_id", sa.Integer, sa.ForeignKey("petitions.id"), nullable=False, index=True),
        sa.Column("passed", sa.Boolean),
        sa.Column("note", sa.Text),
        sa.Column("checked_by", sa.String(64)),
        sa.Column("checked_at", sa.DateTime))
    op.create_index("uq_spotcheck_items", "spotcheck_items", ["spotcheck_id", "petition_id"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_spotcheck_items", "spotcheck_items")
    for table in ("spotcheck_items", "spotchecks", "callbacks"):
        op.drop_table(table)
    op.drop_column("reports", "round")
    if op.get_bind().dialect.name == "sqlite":  # a column with a reference goes by copying the table (as 0003)
        with op.batch_alter_table("petitions") as p:
            p.drop_column("same_as")
    else:
        op.drop_constraint("fk_petitions_same_as", "petitions", type_="foreignkey")
        op.drop_column("petitions", "same_as")
    for column in reversed(PETITION_COLUMNS):
        op.drop_column("petitions", column)

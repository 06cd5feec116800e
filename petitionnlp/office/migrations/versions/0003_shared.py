"""One shared database: uploaded files and model folders stored as bytes (``files``), a record for each background
job (``jobs``), each input row of a batch stored once (a unique index), and on PostgreSQL the job queue's own tables
(procrastinate's schema, as the installed procrastinate ships it).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "files",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False, index=True),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False))
    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("progress", sa.Float, nullable=False),
        sa.Column("message", sa.Text),
        sa.Column("batch_id", sa.Integer, sa.ForeignKey("batches.id"), index=True),
        sa.Column("payload", sa.JSON),
        sa.Column("result", sa.JSON),
        sa.Column("created_by", sa.String(64)),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("started_at", sa.DateTime),
        sa.Column("finished_at", sa.DateTime),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("worker", sa.String(128)))
    for table in ("batches", "model_versions"):
        _add_file_reference(table)
    op.create_index("uq_petitions_batch_row", "petitions", ["batch_id", "row_index"], unique=True)
    if op.get_bind().dialect.name == "postgresql":
        from procrastinate.schema import SchemaManager

        # psycopg's own execute without parameters: the schema's text is sent as written
        op.get_bind().connection.driver_connection.execute(SchemaManager.get_schema())


def _add_file_reference(table: str) -> None:
    """``TABLE.file_id`` referencing ``files``, added in place: SQLite takes a reference in ADD COLUMN when it
    defaults to NULL, where copying the table (batch mode) fails on a database with rows."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"ALTER TABLE {table} ADD COLUMN file_id INTEGER REFERENCES files (id)")
        return
    op.add_column(table, sa.Column("file_id", sa.Integer))
    op.create_foreign_key(f"fk_{table}_file", table, "files", ["file_id"], ["id"])


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE IF EXISTS procrastinate_events, procrastinate_periodic_defers, procrastinate_jobs, "
                   "procrastinate_workers CASCADE")
    op.drop_index("uq_petitions_batch_row", "petitions")
    with op.batch_alter_table("model_versions") as m:
        m.drop_column("file_id")
    with op.batch_alter_table("batches") as b:
        b.drop_column("file_id")
    op.drop_table("jobs")
    op.drop_table("files")

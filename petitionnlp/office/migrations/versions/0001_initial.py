"""The workbench's first schema: users, credentials, login attempts, batches, petitions, corrections,
briefings, audit, model versions.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False))
    op.create_table(
        "credentials",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("secret_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("csrf", sa.String(64)),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False))
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(64), nullable=False, index=True),
        sa.Column("ip", sa.String(64), nullable=False),
        sa.Column("ok", sa.Boolean, nullable=False),
        sa.Column("time", sa.DateTime, nullable=False, index=True))
    op.create_table(
        "batches",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("uploaded_by", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("uploaded_at", sa.DateTime, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("message", sa.Text),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("errors", sa.Integer, nullable=False),
        sa.Column("done_rows", sa.Integer, nullable=False),
        sa.Column("columns", sa.JSON),
        sa.Column("text_column", sa.String(255)),
        sa.Column("handover_date", sa.String(10)),
        sa.Column("model_version", sa.String(64)))
    op.create_table(
        "petitions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("batch_id", sa.Integer, sa.ForeignKey("batches.id"), nullable=False, index=True),
        sa.Column("row_index", sa.Integer, nullable=False),
        sa.Column("row", sa.JSON, nullable=False),
        sa.Column("text", sa.Text),
        sa.Column("pollution_types", sa.JSON),
        sa.Column("pollution_scores", sa.JSON),
        sa.Column("province", sa.String(64)),
        sa.Column("city", sa.String(64), index=True),
        sa.Column("county", sa.String(64)),
        sa.Column("region_confidence", sa.Float),
        sa.Column("region_evidence", sa.Text),
        sa.Column("error", sa.Text),
        sa.Column("priority", sa.String(8)),
        sa.Column("priority_reasons", sa.JSON),
        sa.Column("department", sa.String(64)),
        sa.Column("duplicate_of", sa.String(64)),
        sa.Column("duplicate_score", sa.Float),
        sa.Column("due_date", sa.String(10)),
        sa.Column("handover_date", sa.String(10), index=True),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("pii", sa.JSON),
        sa.Column("corrected", sa.Boolean, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False))
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("petition_id", sa.Integer, sa.ForeignKey("petitions.id"), nullable=False, index=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("old", sa.JSON),
        sa.Column("new", sa.JSON),
        sa.Column("time", sa.DateTime, nullable=False))
    op.create_table(
        "briefings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(255), nullable=False),
        sa.Column("date", sa.String(10)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("extract", sa.JSON, nullable=False),
        sa.Column("uploaded_by", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("uploaded_at", sa.DateTime, nullable=False))
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("time", sa.DateTime, nullable=False, index=True),
        sa.Column("user", sa.String(64)),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("target", sa.String(255)),
        sa.Column("detail", sa.JSON))
    op.create_table(
        "model_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.String(64)),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("card", sa.JSON),
        sa.Column("comparison", sa.JSON))


def downgrade() -> None:
    for table in ("model_versions", "audit", "briefings", "corrections", "petitions", "batches", "login_attempts",
                  "credentials", "users"):
        op.drop_table(table)

"""The office's tables (SQLAlchemy 2 declarative): users and their credentials, batches and their petitions (the
cases), units, reports, each case's history, the audit log, briefings, model versions, stored files and jobs.

The schema is Alembic's (``migrations/``); a change here is a new revision there.  Stored times are naive UTC
(:func:`now`); the office's dates are :mod:`.clock`'s.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (JSON, BigInteger, Boolean, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, String,
                        Text)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = ["now", "Base", "User", "Credential", "LoginAttempt", "Batch", "Petition", "Correction", "Briefing",
           "BriefingTask", "AuditEvent", "ModelVersion", "StoredFile", "Job", "Unit", "Report", "CaseEvent",
           "IndexOutbox", "Callback", "Spotcheck", "SpotcheckItem", "row_dict"]


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    password_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    role: Mapped[str] = mapped_column(String(16), nullable=False)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))  # a unit handler's unit (role unit)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=now)


class Credential(Base):
    """A browser session (kind ``session``, with its CSRF token) or an API bearer token (kind ``token``); only
    the SHA-256 of the secret is stored."""
    __tablename__ = "credentials"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    csrf: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=now)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False)


class LoginAttempt(Base):
    __tablename__ = "login_attempts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    ip: Mapped[str] = mapped_column(String(64), nullable=False)
    ok: Mapped[bool] = mapped_column(Boolean, nullable=False)
    time: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=now, index=True)


class Batch(Base):
    __tablename__ = "batches"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    filename: Mapped[str] = mapped_column(String(255), nullable=False)
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=now)
    state: Mapped[str] = mapped_column(String(16), nullable=False, default="processing")  # processing|done|failed
    message: Mapped[str | None] = mapped_column(Text)
    rows: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    errors: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    done_rows: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    columns: Mapped[list | None] = mapped_column(JSON)
    text_column: Mapped[str | None] = mapped_column(String(255))
    handover_date: Mapped[str | None] = mapped_column(String(10))
    model_version: Mapped[str | None] = mapped_column(String(64))
    file_id: Mapped[int | None] = mapped_column(ForeignKey("files.id"))
    reply_days: Mapped[int | None] = mapped_column(Integer)          # the reply deadline: handover + N days
    existing: Mapped[int] = mapped_column(Integer, nullable=False, default=0)   # rows whose 受理编号 was stored
    changed: Mapped[list | None] = mapped_column(JSON)               # of those, receipts whose text differs
    filled_reports: Mapped[int] = mapped_column(Integer, nullable=False, default=0)  # round trip: reports read
    refused_reports: Mapped[list | None] = mapped_column(JSON)       # …and those refused: [{"id", "name", "error"}]
    working_days: Mapped[bool | None] = mapped_column(Boolean)      # reply days counted Monday–Friday
    handover_source: Mapped[str | None] = mapped_column(String(16))  # where handover_date came from (intake)
    withdrawn: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    withdrawn_reason: Mapped[str | None] = mapped_column(Text)
    withdrawn_by: Mapped[str | None] = mapped_column(String(64))
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Petition(Base):
    __tablename__ = "petitions"
    __table_args__ = (Index("uq_petitions_batch_row", "batch_id", "row_index", unique=True),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batches.id"), nullable=False, index=True)
    row_index: Mapped[int] = mapped_column(Integer, nullable=False)
    row: Mapped[dict] = mapped_column(JSON, nullable=False)
    text: Mapped[str | None] = mapped_column(Text)
    pollution_types: Mapped[list | None] = mapped_column(JSON)
    pollution_scores: Mapped[dict | None] = mapped_column(JSON)
    province: Mapped[str | None] = mapped_column(String(64))
    city: Mapped[str | None] = mapped_column(String(64), index=True)
    county: Mapped[str | None] = mapped_column(String(64))
    region_confidence: Mapped[float | None] = mapped_column(Float)
    region_evidence: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text)
    priority: Mapped[str | None] = mapped_column(String(8))
    priority_reasons: Mapped[list | None] = mapped_column(JSON)
    department: Mapped[str | None] = mapped_column(String(64))
    duplicate_of: Mapped[str | None] = mapped_column(String(64))
    duplicate_score: Mapped[float | None] = mapped_column(Float)
    due_date: Mapped[str | None] = mapped_column(String(10))
    handover_date: Mapped[str | None] = mapped_column(String(10), index=True)
    status: Mapped[str] = mapped_column(String(8), nullable=False, default="待办", index=True)
    pii: Mapped[list | None] = mapped_column(JSON)
    corrected: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=now)
    receipt_id: Mapped[str | None] = mapped_column(String(64), index=True)  # 受理编号: the case's identity
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)  # raised by every change
    model_types: Mapped[list | None] = mapped_column(JSON)            # the model's guess, kept beside the record
    types_source: Mapped[str | None] = mapped_column(String(8))       # 交办表 | 模型 | 更正: whose pollution_types
    withdrawn: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)  # its batch was withdrawn
    # closing the loop (0006): 督办, reopenings, 不受理's kind and reason and the case it repeats, spot checks waiting
    supervised: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)   # 督办件 (stays so)
    supervised_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    supervise_note: Mapped[str | None] = mapped_column(Text)                         # the latest 督办意见
    reopened: Mapped[int] = mapped_column(Integer, nullable=False, default=0)       # times reopened (rounds − 1)
    reject_kind: Mapped[str | None] = mapped_column(String(16))   # 不属于本机关职责 | 非生态环境问题 | 与在办件重复 | 其他
    reject_reason: Mapped[str | None] = mapped_column(Text)
    same_as: Mapped[int | None] = mapped_column(ForeignKey("petitions.id"))  # 不受理 as a repeat of this case
    spotcheck_pending: Mapped[int] = mapped_column(Integer, nullable=False, default=0)  # drawn, not yet checked
    # repeat groups (office.repeats): the id of the group's first petition (its own while alone), the group's
    # size, and the grouping run that last placed or released it
    repeat_group: Mapped[int | None] = mapped_column(Integer, index=True)
    repeat_count: Mapped[int | None] = mapped_column(Integer)
    repeat_seq: Mapped[int | None] = mapped_column(Integer, index=True)


class Correction(Base):
    """A change a person made to a petition: the training record of the next model, and the audit's detail."""
    __tablename__ = "corrections"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    petition_id: Mapped[int] = mapped_column(ForeignKey("petitions.id"), nullable=False, index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    field: Mapped[str] = mapped_column(String(32), nullable=False)
    old: Mapped[object] = mapped_column(JSON, nullable=True)
    new: Mapped[object] = mapped_column(JSON, nullable=True)
    time: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=now)


class Briefing(Base):
    __tablename__ = "briefings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(255), nullable=False)
    date: Mapped[str | None] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text, nullable=False)
    extract: Mapped[dict] = mapped_column(JSON, nullable=False)
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    uploaded_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=now)


class BriefingTask(Base):
    """What a clerk marked of a briefing's standing task (每3天一报告): a report day done (``mark`` done, ``day``
    the report day), or the whole task done (``mark`` closed, ``day`` empty).  The task is known by the id
    :func:`petitionnlp.briefing.standing.standing_tasks` gives it (the same for the same stored extract)."""

    __tablename__ = "briefing_tasks"
    __table_args__ = (Index("uq_briefing_tasks_mark", "briefing_id", "task_id", "mark", "day", unique=True),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    briefing_id: Mapped[int] = mapped_column(ForeignKey("briefings.id"), nullable=False, index=True)
    task_id: Mapped[str] = mapped_column(String(64), nullable=False)
    mark: Mapped[str] = mapped_column(String(8), nullable=False)
    day: Mapped[str] = mapped_column(String(10), nullable=False, default="")
    user: Mapped[str | None] = mapped_column(String(64))
    time: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=now)


class AuditEvent(Base):
    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    time: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=now, index=True)
    user: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32), nullable=False)
    target: Mapped[str | None] = mapped_column(String(255))
    detail: Mapped[dict | None] = mapped_column(JSON)


class ModelVersion(Base):
    __tablename__ = "model_versions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    path: Mapped[str] = mapped_column(Text, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=now)
    created_by: Mapped[str | None] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    card: Mapped[dict | None] = mapped_column(JSON)
    comparison: Mapped[dict | None] = mapped_column(JSON)
    file_id: Mapped[int | None] = mapped_column(ForeignKey("files.id"))  # the model folder, a .tar.gz


class StoredFile(Base):
    """Bytes the workbench keeps: an uploaded batch file, a model version's folder (.tar.gz)."""
    __tablename__ = "files"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    data: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=now)


class Job(Base):
    """A piece of background work (``batch``: classify an uploaded file; ``retrain``; ``reindex``) and how far it
    got; the queue that hands it to a worker is the queue's own (procrastinate on PostgreSQL, a thread on SQLite)."""
    __tablename__ = "jobs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    state: Mapped[str] = mapped_column(String(16), nullable=False, default="queued")  # JOB_STATES
    progress: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    message: Mapped[str | None] = mapped_column(Text)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("batches.id"), index=True)
    payload: Mapped[dict | None] = mapped_column(JSON)
    result: Mapped[dict | None] = mapped_column(JSON)
    created_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=now)
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    worker: Mapped[str | None] = mapped_column(String(128))  # host:pid of the process running it last


class Unit(Base):
    """A responsible unit (责任单位, 属地): the place it answers for (province/city/county, standard names), or
    none (a provincial department, assigned by hand)."""
    __tablename__ = "units"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True, nullable=False)
    province: Mapped[str | None] = mapped_column(String(64))
    city: Mapped[str | None] = mapped_column(String(64), index=True)
    county: Mapped[str | None] = mapped_column(String(64))
    adcode: Mapped[str | None] = mapped_column(String(12))  # its place's code: the official order of tables
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=now)


class Report(Base):
    """A unit's report-back on a case (办理情况); every submission is kept, the latest is the case's report."""
    __tablename__ = "reports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    petition_id: Mapped[int] = mapped_column(ForeignKey("petitions.id"), nullable=False, index=True)
    user: Mapped[str | None] = mapped_column(String(64))
    time: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=now)
    verified: Mapped[str] = mapped_column(String(8), nullable=False)     # 是否属实
    findings: Mapped[str] = mapped_column(Text, nullable=False)          # 调查核实情况
    actions: Mapped[str | None] = mapped_column(Text)                    # 处理和整改情况
    accountability: Mapped[str | None] = mapped_column(Text)             # 责任人被问责情况
    closure: Mapped[str] = mapped_column(String(8), nullable=False)      # 已办结|阶段性办结|未办结
    counts: Mapped[dict | None] = mapped_column(JSON)
    review: Mapped[str | None] = mapped_column(String(8))                # approve|return, once reviewed
    review_reason: Mapped[str | None] = mapped_column(Text)
    reviewed_by: Mapped[str | None] = mapped_column(String(64))
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    round: Mapped[int | None] = mapped_column(Integer)  # 1 the first round, 2 after the first reopening … (0006)


class CaseEvent(Base):
    """One step of a case's life (hand-over, assignment, report, review, a change, a re-upload): its timeline."""
    __tablename__ = "case_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    petition_id: Mapped[int] = mapped_column(ForeignKey("petitions.id"), nullable=False, index=True)
    time: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=now)
    user: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32), nullable=False)
    detail: Mapped[dict | None] = mapped_column(JSON)


class IndexOutbox(Base):
    """What the search index has still to follow (an outbox): a row written in the same transaction as the change
    it stems from — a case corrected (``petition``), a batch re-dated, withdrawn or stored (``batch``), a briefing
    added (``briefing``) — and deleted once the index holds the record as it is stored (:mod:`.index`), by the
    request that made the change or, when that fails, by the server's or a worker's follower later."""
    __tablename__ = "index_outbox"
    __table_args__ = (Index("ix_index_outbox_target", "kind", "target"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), nullable=False)
    target: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=now)


class Callback(Base):
    """A call to the complainant after a case was approved (回访): its result and note; ``report_id`` is the approved
    report it followed (a case is due for a call when its latest approved report has none)."""
    __tablename__ = "callbacks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    petition_id: Mapped[int] = mapped_column(ForeignKey("petitions.id"), nullable=False, index=True)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id"))
    time: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=now)
    user: Mapped[str | None] = mapped_column(String(64))
    result: Mapped[str] = mapped_column(String(8), nullable=False)  # 满意 | 基本满意 | 不满意 | 未联系上
    note: Mapped[str | None] = mapped_column(Text)


class Spotcheck(Base):
    """A draw of approved cases for re-checking (抽查复核): the period, the share and the seed that decide it."""
    __tablename__ = "spotchecks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    time: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=now)
    user: Mapped[str | None] = mapped_column(String(64))
    date_from: Mapped[str | None] = mapped_column(String(10))
    date_to: Mapped[str | None] = mapped_column(String(10))
    rate: Mapped[float] = mapped_column(Float, nullable=False)
    seed: Mapped[int] = mapped_column(BigInteger, nullable=False)
    candidates: Mapped[int] = mapped_column(Integer, nullable=False)  # approved cases of the period at the draw
    petitions: Mapped[list] = mapped_column(JSON, nullable=False)     # the ids drawn, ascending


class SpotcheckItem(Base):
    """One drawn case of a spot check and, once checked, whether it passed."""
    __tablename__ = "spotcheck_items"
    __table_args__ = (Index("uq_spotcheck_items", "spotcheck_id", "petition_id", unique=True),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    spotcheck_id: Mapped[int] = mapped_column(ForeignKey("spotchecks.id"), nullable=False, index=True)
    petition_id: Mapped[int] = mapped_column(ForeignKey("petitions.id"), nullable=False, index=True)
    passed: Mapped[bool | None] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(Text)
    checked_by: Mapped[str | None] = mapped_column(String(64))
    checked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


def row_dict(obj) -> dict:
    return {c.key: getattr(obj, c.key) for c in obj.__table__.columns}

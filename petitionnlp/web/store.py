"""The workbench's storage: every table and every query, and nothing else, in one module.

SQLAlchemy 2 on SQLite (``DATA/workbench.db``, WAL mode), the embedded default, or on a shared PostgreSQL database
(``postgresql+psycopg://…``, ``--db-url`` / ``PETITIONNLP_DB_URL``) that any number of servers and workers use at
once.  Everything the database points to is in it: uploaded files and model folders are rows of ``files``.
The rest of the workbench calls :class:`Store` methods and never writes SQL; the schema is Alembic's
(``migrations/``), brought up to date by :meth:`Store.migrate` (``petitionnlp migrate``) and checked by
:meth:`Store.check_schema` when a server or a worker starts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from sqlalchemy import (JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, String, Text,
                        create_engine, event, func, or_, select)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker

__all__ = ["Store", "Base", "User", "Batch", "Petition", "Correction", "Briefing", "AuditEvent", "ModelVersion",
           "StoredFile", "Job", "Unit", "Report", "CaseEvent", "CaseStateError", "STATUSES", "SETTABLE_STATUSES",
           "CLOSED_STATUSES", "ROLES", "JOB_STATES", "SchemaOutOfDate", "StaleVersion", "BatchMoved"]

# a case's life (CONTRACT.md, "Case lifecycle"): 待办 → 办理中 → 待审核 → 已办结 | 阶段性办结; 退回 → 待审核 again
STATUSES = ("待办", "办理中", "待审核", "退回", "已办结", "阶段性办结")
SETTABLE_STATUSES = ("待办", "办理中", "已办结")  # what an editor may set by hand (PATCH); the rest by report/review
CLOSED_STATUSES = ("已办结", "阶段性办结")       # counted in 办结率, never overdue
ROLES = ("admin", "editor", "viewer", "unit")
JOB_STATES = ("queued", "running", "done", "failed")


class SchemaOutOfDate(RuntimeError):
    """The database's schema is older (or newer) than this version of petitionnlp: ``petitionnlp migrate``."""


class StaleVersion(RuntimeError):
    """A change sent with the version it was read at, after the record changed (HTTP 409)."""

    def __init__(self, current: int | None):
        super().__init__(f"这件信访件已被他人修改（当前版本 {current}），请刷新后再改 (stale version: now {current})")
        self.current = current


class BatchMoved(RuntimeError):
    """A batch's stored rows are not where this worker thought: another worker got further (it starts over from
    the stored rows)."""

    def __init__(self, done_rows: int):
        super().__init__(f"batch already has {done_rows} rows stored")
        self.done_rows = done_rows


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
    status: Mapped[str] = mapped_column(String(8), nullable=False, default="待办")
    pii: Mapped[list | None] = mapped_column(JSON)
    corrected: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=now)
    receipt_id: Mapped[str | None] = mapped_column(String(64), index=True)  # 受理编号: the case's identity
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)  # raised by every change


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


def check_version(record, expected_version: int | None) -> None:
    """Refuse a change made on a stale read (the record's ``version`` differs from the one the client sent).
    Records without a ``version`` column accept every change."""
    if expected_version is None or not hasattr(record, "version"):
        return
    if int(expected_version) != (record.version or 1):
        raise StaleVersion(record.version or 1)


# ------------------------------------------------------------------------------------------ case lifecycle

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


class CaseEvent(Base):
    """One step of a case's life (hand-over, assignment, report, review, a change, a re-upload): its timeline."""
    __tablename__ = "case_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    petition_id: Mapped[int] = mapped_column(ForeignKey("petitions.id"), nullable=False, index=True)
    time: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=now)
    user: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32), nullable=False)
    detail: Mapped[dict | None] = mapped_column(JSON)


def _row(obj) -> dict:
    return {c.key: getattr(obj, c.key) for c in obj.__table__.columns}


def _migrations_config(url: str):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


class Store:
    """All reads and writes of the workbench.  ``Store(data_dir)`` (SQLite in that folder) or
    ``Store(url="postgresql+psycopg://…")``; :meth:`migrate` brings the schema up to date."""

    def __init__(self, data_dir=None, url: str | None = None):
        if not url:
            if data_dir is None:
                raise ValueError("a data folder or a database URL is needed")
            self.data_dir = Path(data_dir)
            self.data_dir.mkdir(parents=True, exist_ok=True)
            url = f"sqlite:///{self.data_dir / 'workbench.db'}"
        else:
            self.data_dir = Path(data_dir) if data_dir is not None else None
        self.url = url
        self.shared = not url.startswith("sqlite")
        if self.shared:  # a pool of checked connections: a database restart costs the requests during it, no more
            kwargs = {"pool_pre_ping": True, "pool_size": 5, "max_overflow": 10, "pool_recycle": 1800,
                      "connect_args": {"connect_timeout": 5}}
        else:
            kwargs = {"connect_args": {"check_same_thread": False, "timeout": 60}, "pool_pre_ping": True}
        self.engine = create_engine(self.url, **kwargs)
        if not self.shared:
            @event.listens_for(self.engine, "connect")
            def _pragmas(conn, _):  # readers do not wait for the writer; foreign keys enforced
                cur = conn.cursor()
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA foreign_keys=ON")
                cur.execute("PRAGMA synchronous=NORMAL")
                cur.close()
        self.session = sessionmaker(self.engine, expire_on_commit=False)

    # ------------------------------------------------------------------------------------------ schema
    def migrate(self) -> list[str]:
        """Bring the schema to the current version; the revisions applied (none when it was current)."""
        from alembic import command

        before = self.schema_revisions()
        cfg = _migrations_config(self.url)
        with self.engine.begin() as conn:
            if self.shared:  # one migrating process at a time, whatever host it runs on
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(4201120)")
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        after, chain = self.schema_revisions()
        if after == before[0]:
            return []
        done = max((chain.index(r) for r in before[0] if r in chain), default=-1)
        return chain[done + 1:]

    def schema_revisions(self) -> tuple[tuple[str, ...], list[str]]:
        """(the database's current revisions, every revision from base to head of this version)."""
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        script = ScriptDirectory.from_config(_migrations_config(self.url))
        with self.engine.connect() as conn:
            current = tuple(sorted(MigrationContext.configure(conn).get_current_heads()))
        return current, [r.revision for r in reversed(list(script.walk_revisions()))]

    def check_schema(self) -> None:
        """Refuse (:class:`SchemaOutOfDate`) a database whose schema is not this version's head."""
        from alembic.script import ScriptDirectory

        current, _ = self.schema_revisions()
        heads = tuple(sorted(ScriptDirectory.from_config(_migrations_config(self.url)).get_heads()))
        if current != heads:
            raise SchemaOutOfDate(
                f"数据库结构不是当前版本 (schema {'/'.join(current) or 'empty'}, expected {'/'.join(heads)})："
                "请先运行 petitionnlp migrate (run petitionnlp migrate first)")

    def ping(self) -> None:
        with self.engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")

    # ------------------------------------------------------------------------------------------- files
    def add_file(self, name: str, data: bytes) -> int:
        with self.session.begin() as s:
            f = StoredFile(sha256=hashlib.sha256(data).hexdigest(), name=name[:255], size=len(data), data=data)
            s.add(f)
            s.flush()
            return f.id

    def file_info(self, file_id: int) -> dict | None:
        with self.session() as s:
            row = s.execute(select(StoredFile.id, StoredFile.sha256, StoredFile.name, StoredFile.size)
                            .where(StoredFile.id == file_id)).first()
            return dict(row._mapping) if row else None

    def file_data(self, file_id: int) -> bytes | None:
        with self.session() as s:
            return s.scalar(select(StoredFile.data).where(StoredFile.id == file_id))

    def drop_file(self, file_id: int) -> None:
        """A refused upload is not kept (the batch keeps its record and its message)."""
        from sqlalchemy import update

        with self.session.begin() as s:
            s.execute(update(Batch).where(Batch.file_id == file_id).values(file_id=None))
            f = s.get(StoredFile, file_id)
            if f is not None:
                s.delete(f)

    # -------------------------------------------------------------------------------------------- jobs
    def add_job(self, kind: str, created_by: str | None, batch_id: int | None = None,
                payload: dict | None = None) -> dict:
        with self.session.begin() as s:
            j = Job(kind=kind, state="queued", created_by=created_by, batch_id=batch_id, payload=payload,
                    progress=0.0, attempts=0)
            s.add(j)
            s.flush()
            return _row(j)

    def job(self, job_id: int) -> dict | None:
        with self.session() as s:
            j = s.get(Job, job_id)
            return _row(j) if j else None

    def jobs(self, limit: int = 100) -> list[dict]:
        with self.session() as s:
            return [_row(j) for j in s.scalars(select(Job).order_by(Job.id.desc()).limit(limit))]

    def start_job(self, job_id: int) -> dict | None:
        """Mark a job running in this process (one more attempt); None when it is already finished."""
        import os
        import socket

        with self.session.begin() as s:
            j = s.get(Job, job_id, with_for_update=True)
            if j is None or j.state in ("done", "failed"):
                return None
            j.state, j.attempts, j.started_at = "running", (j.attempts or 0) + 1, now()
            j.worker = f"{socket.gethostname()[:100]}:{os.getpid()}"
            return _row(j)

    def update_job(self, job_id: int, **fields) -> None:
        with self.session.begin() as s:
            j = s.get(Job, job_id)
            if j is None:
                return
            for k, v in fields.items():
                setattr(j, k, v)
            if fields.get("state") in ("done", "failed"):
                j.finished_at = now()

    def batch_job(self, batch_id: int) -> dict | None:
        with self.session() as s:
            j = s.scalar(select(Job).where(Job.batch_id == batch_id, Job.kind == "batch").order_by(Job.id.desc()))
            return _row(j) if j else None

    # ------------------------------------------------------------------------------------------- users
    def add_user(self, username: str, password_hash: str, role: str, unit_id: int | None = None) -> dict:
        with self.session.begin() as s:
            existing = s.scalar(select(User).where(User.username == username))
            if existing:  # a new password or role: every session and token of the old ones ends
                existing.password_hash, existing.role, existing.active = password_hash, role, True
                self._revoke(s, existing.id)
                existing.unit_id = unit_id
                return _row(existing)
            user = User(username=username, password_hash=password_hash, role=role, unit_id=unit_id)
            s.add(user)
            s.flush()
            return _row(user)

    def user(self, username: str | None = None, user_id: int | None = None) -> dict | None:
        with self.session() as s:
            q = select(User).where(User.username == username) if username is not None else select(User).where(
                User.id == user_id)
            u = s.scalar(q)
            return _row(u) if u and u.active else None

    def users(self) -> list[dict]:
        with self.session() as s:
            return [_row(u) for u in s.scalars(select(User).order_by(User.username))]

    def set_password_hash(self, user_id: int, password_hash: str) -> None:
        with self.session.begin() as s:
            s.get(User, user_id).password_hash = password_hash
            self._revoke(s, user_id)

    def deactivate_user(self, username: str) -> dict | None:
        """The user can no longer log in; every session and token of theirs ends.  None when there is no such user."""
        with self.session.begin() as s:
            u = s.scalar(select(User).where(User.username == username))
            if u is None:
                return None
            u.active = False
            self._revoke(s, u.id)
            return _row(u)

    @staticmethod
    def _revoke(s, user_id: int) -> None:
        from sqlalchemy import delete

        s.execute(delete(Credential).where(Credential.user_id == user_id))

    # ------------------------------------------------------------------------------- sessions, tokens
    def add_credential(self, secret_hash: str, kind: str, user_id: int, expires_at: dt.datetime,
                       csrf: str | None = None) -> None:
        with self.session.begin() as s:
            s.add(Credential(secret_hash=secret_hash, kind=kind, user_id=user_id, expires_at=expires_at, csrf=csrf))

    def credential(self, secret_hash: str, kind: str) -> dict | None:
        """The credential and its user, while both are valid."""
        with self.session() as s:
            c = s.scalar(select(Credential).where(Credential.secret_hash == secret_hash, Credential.kind == kind,
                                                  Credential.expires_at > now()))
            if c is None:
                return None
            u = s.get(User, c.user_id)
            return {"credential": _row(c), "user": _row(u)} if u and u.active else None

    def drop_credential(self, secret_hash: str) -> None:
        with self.session.begin() as s:
            for c in s.scalars(select(Credential).where(Credential.secret_hash == secret_hash)):
                s.delete(c)

    def begin_login(self, username: str, ip: str, since: dt.datetime, max_user: int, max_ip: int) -> int | None:
        """Count a login attempt before its password is checked, atomically: the id of a new attempt row (failed
        until :meth:`login_ok`), or None when the account or the address already has ``max_*`` failures since
        ``since`` (then one ``login_blocked`` audit event per account or address in that window)."""
        username, ip = username[:64], ip[:64]
        with self.session.begin() as s:
            if self.engine.dialect.name == "postgresql":  # one login counted at a time, across servers
                from sqlalchemy import text

                s.execute(text("SELECT pg_advisory_xact_lock(7226001)"))
            attempt = LoginAttempt(username=username, ip=ip, ok=False)
            s.add(attempt)
            s.flush()  # on SQLite the write lock is taken here: the counts below see every earlier attempt
            base = select(func.count()).select_from(LoginAttempt).where(
                LoginAttempt.ok.is_(False), LoginAttempt.time >= since, LoginAttempt.id != attempt.id)
            per_user = s.scalar(base.where(LoginAttempt.username == username)) or 0
            per_ip = s.scalar(base.where(LoginAttempt.ip == ip)) or 0
            if per_user < max_user and per_ip < max_ip:
                return attempt.id
            s.delete(attempt)  # a refused attempt is not counted: the wait ends LOGIN_WINDOW after the failures
            target = f"ip:{ip}" if per_ip >= max_ip else f"user:{username}"
            seen = s.scalar(select(func.count()).select_from(AuditEvent).where(
                AuditEvent.action == "login_blocked", AuditEvent.target == target, AuditEvent.time >= since))
            if not seen:
                s.add(AuditEvent(user=username if per_user >= max_user else None, action="login_blocked",
                                 target=target, detail={"ip": ip, "user": username}))
            return None

    def login_ok(self, attempt_id: int) -> None:
        with self.session.begin() as s:
            a = s.get(LoginAttempt, attempt_id)
            if a is not None:
                a.ok = True

    # ------------------------------------------------------------------------------------------ audit
    def log(self, user: str | None, action: str, target: str | None = None, detail: dict | None = None) -> None:
        with self.session.begin() as s:
            s.add(AuditEvent(user=user, action=action, target=target, detail=detail))

    def audit(self, limit: int = 500, offset: int = 0) -> list[dict]:
        with self.session() as s:
            q = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit).offset(offset)
            return [_row(e) for e in s.scalars(q)]

    # ---------------------------------------------------------------------------------------- batches
    def add_batch(self, **fields) -> dict:
        with self.session.begin() as s:
            b = Batch(**fields)
            s.add(b)
            s.flush()
            return _row(b)

    def update_batch(self, batch_id: int, **fields) -> None:
        with self.session.begin() as s:
            b = s.get(Batch, batch_id)
            for k, v in fields.items():
                setattr(b, k, v)

    def batch(self, batch_id: int) -> dict | None:
        with self.session() as s:
            b = s.get(Batch, batch_id)
            return _row(b) if b else None

    def batches(self, limit: int = 200) -> list[dict]:
        with self.session() as s:
            return [_row(b) for b in s.scalars(select(Batch).order_by(Batch.id.desc()).limit(limit))]

    def add_chunk(self, batch_id: int, start: int, rows: list[dict], errors: int,
                  handover_date: str | None = None, consumed: int | None = None, existing: int = 0) -> int:
        """The petitions of input rows ``start`` … and the batch's progress, in one transaction, so a batch's
        stored rows are always a complete prefix of its input: a worker that dies loses at most the chunk it was
        working on, and the next one resumes after the stored rows (:class:`BatchMoved` when they are not
        ``start`` any more: another worker went on meanwhile).  ``consumed``: the input rows the chunk covered
        (more than ``rows`` when some were cases already stored, counted in ``existing``).  Returns the input rows
        done now."""
        from sqlalchemy import insert

        with self.session.begin() as s:
            b = s.get(Batch, batch_id, with_for_update=True)
            if b.done_rows != start:
                raise BatchMoved(b.done_rows)
            if rows:
                s.execute(insert(Petition), rows)
            b.done_rows = start + (len(rows) if consumed is None else consumed)
            b.errors = (b.errors if start else 0) + errors
            b.existing = ((b.existing or 0) if start else 0) + existing
            if handover_date and not b.handover_date:
                b.handover_date = handover_date
            return b.done_rows

    def add_petitions(self, rows: list[dict]) -> None:
        """Rows as :class:`Petition` fields, in one transaction."""
        if not rows:
            return
        with self.session.begin() as s:
            s.execute(Petition.__table__.insert(), rows)

    def update_petitions(self, updates: list[dict]) -> None:
        """Several petitions' fields at once (each dict: ``id`` and the fields), in one transaction."""
        if not updates:
            return
        from sqlalchemy import update

        with self.session.begin() as s:
            groups: dict[tuple, list[dict]] = {}
            for u in updates:
                groups.setdefault(tuple(sorted(k for k in u if k != "id")), []).append(u)
            for _, group in groups.items():
                s.execute(update(Petition), group)

    def petition_history(self, before_batch: int, limit: int = 50000) -> tuple[list[str], list[str]]:
        """(texts, ids) of the latest petitions of earlier batches: the history repeats are looked for in."""
        with self.session() as s:
            q = select(Petition.id, Petition.text).where(Petition.batch_id < before_batch, Petition.text.is_not(None),
                                                         Petition.error.is_(None)).order_by(Petition.id.desc())
            rows = s.execute(q.limit(limit)).all()
        rows.reverse()
        return [r.text for r in rows], [str(r.id) for r in rows]

    def petitions(self, batch_id: int | None = None, types: str | None = None, region: str | None = None,
                  priority: str | None = None, status: str | None = None, sort: str = "row",
                  date_from: str | None = None, date_to: str | None = None, limit: int | None = None,
                  offset: int = 0) -> list[dict]:
        with self.session() as s:
            q = select(Petition)
            if batch_id is not None:
                q = q.where(Petition.batch_id == batch_id)
            if region:
                q = q.where(or_(Petition.city == region, Petition.county == region, Petition.province == region))
            if priority:
                q = q.where(Petition.priority == priority)
            if status:
                q = q.where(Petition.status == status)
            if date_from:
                q = q.where(Petition.handover_date >= date_from)
            if date_to:
                q = q.where(Petition.handover_date <= date_to)
            order = {"row": (Petition.batch_id, Petition.row_index),
                     "priority": (Petition.priority == "低", Petition.priority == "中", Petition.priority.is_(None),
                                  Petition.row_index),
                     "due": (Petition.due_date, Petition.row_index),
                     "region": (Petition.city, Petition.county, Petition.row_index),
                     "status": (Petition.status, Petition.row_index)}.get(sort, (Petition.batch_id, Petition.row_index))
            q = q.order_by(*order)
            rows = [_row(p) for p in s.scalars(q)]
        if types:  # a JSON list: filtered here, the same on every database
            rows = [r for r in rows if types in (r["pollution_types"] or ())]
        return rows[offset:offset + limit] if limit else rows[offset:]

    def petition(self, petition_id: int) -> dict | None:
        with self.session() as s:
            p = s.get(Petition, petition_id)
            return _row(p) if p else None

    def correct(self, petition_id: int, user: dict, changes: dict, expected_version: int | None = None) -> dict | None:
        """Apply a person's changes to a petition; each changed field is a correction (a training record) and the
        whole is one audit event and one step of the case's history, in the same transaction.  With
        ``expected_version``, :class:`StaleVersion` when the petition changed since."""
        with self.session.begin() as s:
            p = s.get(Petition, petition_id, with_for_update=True)
            if p is None:
                return None
            check_version(p, expected_version)
            done = {}
            for field, value in changes.items():
                old = getattr(p, field)
                if old == value:
                    continue
                setattr(p, field, value)
                s.add(Correction(petition_id=p.id, user_id=user["id"], field=field, old=old, new=value))
                done[field] = {"old": old, "new": value}
            if done:
                if set(done) & {"pollution_types", "city", "county", "province"}:
                    p.corrected = True
                p.updated_at = now()
                p.version = (p.version or 1) + 1
                action = "assign" if set(done) == {"unit_id"} else "correct"
                s.add(AuditEvent(user=user["username"], action=action, target=f"petition:{p.id}", detail=done))
                s.add(CaseEvent(petition_id=p.id, user=user["username"], action=action, detail=done))
            return _row(p)

    def training_records(self) -> list[dict]:
        """Every petition a person corrected, with the types and place it has now: the office's labels."""
        with self.session() as s:
            rows = s.scalars(select(Petition).where(Petition.corrected.is_(True)).order_by(Petition.id)).all()
            return [{"id": p.id, "text": p.text, "types": p.pollution_types, "province": p.province, "city": p.city,
                     "county": p.county} for p in rows if p.text]

    def stats_rows(self, date_from: str | None = None, date_to: str | None = None) -> list[dict]:
        with self.session() as s:
            q = select(Petition.pollution_types, Petition.city, Petition.county, Petition.status,
                       Petition.handover_date, Petition.due_date).where(Petition.error.is_(None))
            if date_from:
                q = q.where(Petition.handover_date >= date_from)
            if date_to:
                q = q.where(Petition.handover_date <= date_to)
            return [dict(r._mapping) for r in s.execute(q)]

    # -------------------------------------------------------------------------------------- briefings
    def add_briefing(self, **fields) -> dict:
        with self.session.begin() as s:
            b = Briefing(**fields)
            s.add(b)
            s.flush()
            return _row(b)

    def briefings(self) -> list[dict]:
        with self.session() as s:
            return [_row(b) for b in s.scalars(select(Briefing).order_by(Briefing.id.desc()))]

    def briefing(self, briefing_id: int) -> dict | None:
        with self.session() as s:
            b = s.get(Briefing, briefing_id)
            return _row(b) if b else None

    # ----------------------------------------------------------------------------------------- models
    def add_model_version(self, name: str, path: str, created_by: str | None, card: dict | None,
                          comparison: dict | None = None, active: bool = False, file_id: int | None = None) -> dict:
        with self.session.begin() as s:
            if active:
                for m in s.scalars(select(ModelVersion).where(ModelVersion.active.is_(True))):
                    m.active = False
            m = ModelVersion(name=name, path=path, created_by=created_by, card=card, comparison=comparison,
                             active=active, file_id=file_id)
            s.add(m)
            s.flush()
            return _row(m)

    def model_versions(self) -> list[dict]:
        with self.session() as s:
            return [_row(m) for m in s.scalars(select(ModelVersion).order_by(ModelVersion.id.desc()))]

    def active_model(self) -> dict | None:
        with self.session() as s:
            m = s.scalar(select(ModelVersion).where(ModelVersion.active.is_(True)))
            return _row(m) if m else None

    def deactivate_models(self) -> None:
        with self.session.begin() as s:
            for m in s.scalars(select(ModelVersion).where(ModelVersion.active.is_(True))):
                m.active = False

    def activate_model(self, version_id: int) -> dict | None:
        with self.session.begin() as s:
            target = s.get(ModelVersion, version_id)
            if target is None:
                return None
            for m in s.scalars(select(ModelVersion).where(ModelVersion.active.is_(True))):
                m.active = False
            target.active = True
            return _row(target)

    # ------------------------------------------------------------------------------- case lifecycle
    def add_unit(self, name: str, province: str | None = None, city: str | None = None, county: str | None = None,
                 adcode: str | None = None) -> tuple[dict, bool]:
        """(the unit, whether it was created); an existing unit of that name is kept as it is."""
        with self.session.begin() as s:
            got = s.scalar(select(Unit).where(Unit.name == name))
            if got is not None:
                return _row(got), False
            u = Unit(name=name, province=province, city=city, county=county, adcode=adcode)
            s.add(u)
            s.flush()
            s.add(AuditEvent(user=None, action="unit_added", target=f"unit:{name}",
                             detail={"region": "/".join(x for x in (province, city, county) if x) or None}))
            return _row(u), True

    def add_units(self, units: list[dict]) -> int:
        """Many units at once (each: name, province, city, county, adcode); existing names kept; how many new."""
        with self.session.begin() as s:
            have = set(s.scalars(select(Unit.name)))
            new = [u for u in units if u["name"] not in have]
            for u in new:
                s.add(Unit(**u))
            if new:
                s.add(AuditEvent(user=None, action="units_imported", target=None, detail={"units": len(new)}))
            return len(new)

    def units(self) -> list[dict]:
        """Every unit, in the official order (by place code; units without a place after, by name)."""
        with self.session() as s:
            rows = [_row(u) for u in s.scalars(select(Unit))]
        return sorted(rows, key=lambda u: (u["adcode"] is None, u["adcode"] or "", u["name"]))

    def unit(self, name: str | None = None, unit_id: int | None = None) -> dict | None:
        with self.session() as s:
            u = s.scalar(select(Unit).where(Unit.name == name)) if name is not None else s.get(Unit, unit_id)
            return _row(u) if u else None

    def known_receipts(self, receipts) -> dict[str, dict]:
        """受理编号 already stored → {"id", "text", "batch_id"} of its case."""
        receipts = sorted({r for r in receipts if r})
        out: dict[str, dict] = {}
        with self.session() as s:
            for i in range(0, len(receipts), 500):
                q = select(Petition.id, Petition.receipt_id, Petition.text, Petition.batch_id).where(
                    Petition.receipt_id.in_(receipts[i:i + 500])).order_by(Petition.id)
                for r in s.execute(q):
                    out.setdefault(r.receipt_id, {"id": r.id, "text": r.text, "batch_id": r.batch_id})
        return out

    def cases(self, unit_id: int | None = None, status: str | None = None, batch_id: int | None = None,
              overdue_before: str | None = None, unassigned: bool = False, q: str | None = None,
              date_from: str | None = None, date_to: str | None = None, ids=None, statuses=None,
              sort: str = "due") -> list[dict]:
        """Stored cases (rows that could be classified) by the lifecycle's filters; ``overdue_before``: due before
        that day and not closed."""
        with self.session() as s:
            sel = select(Petition).where(Petition.error.is_(None))
            if unit_id is not None:
                sel = sel.where(Petition.unit_id == unit_id)
            if unassigned:
                sel = sel.where(Petition.unit_id.is_(None))
            if status:
                sel = sel.where(Petition.status == status)
            if statuses:
                sel = sel.where(Petition.status.in_(list(statuses)))
            if batch_id is not None:
                sel = sel.where(Petition.batch_id == batch_id)
            if overdue_before:
                sel = sel.where(Petition.due_date < overdue_before, Petition.status.not_in(CLOSED_STATUSES))
            if q:
                like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                sel = sel.where(or_(Petition.receipt_id.like(like, escape="\\"), Petition.text.like(like, escape="\\")))
            if date_from:
                sel = sel.where(Petition.handover_date >= date_from)
            if date_to:
                sel = sel.where(Petition.handover_date <= date_to)
            if ids is not None:
                sel = sel.where(Petition.id.in_(list(ids)))
            order = {"due": (Petition.due_date.is_(None), Petition.due_date, Petition.id),
                     "row": (Petition.batch_id, Petition.row_index)}.get(sort, (Petition.id,))
            return [_row(p) for p in s.scalars(sel.order_by(*order))]

    def case_extras(self, petition_ids, with_events: bool = True) -> tuple[dict[int, dict], dict[int, list[dict]]]:
        """(latest report by petition id, history events by petition id, oldest first) of these petitions."""
        ids = sorted(set(petition_ids))
        reports: dict[int, dict] = {}
        events: dict[int, list[dict]] = {}
        with self.session() as s:
            for i in range(0, len(ids), 500):
                part = ids[i:i + 500]
                for r in s.scalars(select(Report).where(Report.petition_id.in_(part)).order_by(Report.id)):
                    reports[r.petition_id] = _row(r)
                if not with_events:
                    continue
                for e in s.scalars(select(CaseEvent).where(CaseEvent.petition_id.in_(part)).order_by(CaseEvent.id)):
                    events.setdefault(e.petition_id, []).append(_row(e))
        return reports, events

    def add_case_events(self, events: list[dict], audit: dict | None = None) -> None:
        """Steps of several cases (each: petition_id, user, action, detail) and one audit event, in one transaction."""
        with self.session.begin() as s:
            if events:
                s.execute(CaseEvent.__table__.insert(), [{"time": now(), **e} for e in events])
            if audit:
                s.add(AuditEvent(**audit))

    def add_report(self, petition_id: int, user: dict, fields: dict, expected_version: int | None = None,
                   status: str = "待审核") -> dict | None:
        """A report-back on a case: kept, the case goes to ``status`` (待审核), one history step, one audit event."""
        with self.session.begin() as s:
            p = s.get(Petition, petition_id)
            if p is None:
                return None
            check_version(p, expected_version)
            if p.status == "已办结":
                raise CaseStateError("此件已审核办结，不能再报送 (this case is closed)")
            s.add(Report(petition_id=p.id, user=user["username"], **fields))
            old, p.status = p.status, status
            p.version = (p.version or 1) + 1
            p.updated_at = now()
            detail = {"closure": fields["closure"], "verified": fields["verified"], "status": {"old": old,
                                                                                              "new": status}}
            s.add(CaseEvent(petition_id=p.id, user=user["username"], action="report", detail=detail))
            s.add(AuditEvent(user=user["username"], action="report", target=f"petition:{p.id}", detail=detail))
            return _row(p)

    def review_report(self, petition_id: int, user: dict, decision: str, reason: str | None,
                      expected_version: int | None = None) -> dict | None:
        """Approve (the case takes the report's closure) or return (退回, with the reason) the pending report."""
        with self.session.begin() as s:
            p = s.get(Petition, petition_id)
            if p is None:
                return None
            check_version(p, expected_version)
            r = s.scalar(select(Report).where(Report.petition_id == p.id).order_by(Report.id.desc()).limit(1))
            if r is None or p.status != "待审核" or r.review is not None:
                raise CaseStateError("此件没有待审核的报告 (no report waiting for review)")
            r.review, r.review_reason, r.reviewed_by, r.reviewed_at = decision, reason, user["username"], now()
            old = p.status
            p.status = ({"已办结": "已办结", "阶段性办结": "阶段性办结"}.get(r.closure, "办理中")
                        if decision == "approve" else "退回")
            p.version = (p.version or 1) + 1
            p.updated_at = now()
            action = "approve" if decision == "approve" else "return"
            detail = {"status": {"old": old, "new": p.status}, "reason": reason}
            s.add(CaseEvent(petition_id=p.id, user=user["username"], action=action, detail=detail))
            s.add(AuditEvent(user=user["username"], action=action, target=f"petition:{p.id}", detail=detail))
            return _row(p)


class CaseStateError(ValueError):
    """A lifecycle step that the case's state does not allow now (the API answers 409)."""



"""The workbench's storage: every table and every query, and nothing else, in one module.

SQLAlchemy 2 on SQLite (``DATA/workbench.db``, WAL mode) — or any URL in ``PETITIONNLP_DB_URL`` (PostgreSQL next):
the rest of the workbench calls :class:`Store` methods and never writes SQL, so moving to a shared database is
this module and its migrations (``migrations/``, Alembic, applied by :meth:`Store.migrate`).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from sqlalchemy import (JSON, Boolean, DateTime, Float, ForeignKey, Integer, String, Text, create_engine, event,
                        func, or_, select)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker

__all__ = ["Store", "Base", "User", "Batch", "Petition", "Correction", "Briefing", "AuditEvent", "ModelVersion",
           "Unit", "Report", "CaseEvent", "StaleVersion", "CaseStateError", "STATUSES", "SETTABLE_STATUSES", "CLOSED_STATUSES", "ROLES"]

# a case's life (CONTRACT.md, "Case lifecycle"): 待办 → 办理中 → 待审核 → 已办结 | 阶段性办结; 退回 → 待审核 again
STATUSES = ("待办", "办理中", "待审核", "退回", "已办结", "阶段性办结")
SETTABLE_STATUSES = ("待办", "办理中", "已办结")  # what an editor may set by hand (PATCH); the rest by report/review
CLOSED_STATUSES = ("已办结", "阶段性办结")       # counted in 办结率, never overdue
ROLES = ("admin", "editor", "viewer", "unit")


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
    reply_days: Mapped[int | None] = mapped_column(Integer)          # the reply deadline: handover + N days
    existing: Mapped[int] = mapped_column(Integer, nullable=False, default=0)   # rows whose 受理编号 was stored
    changed: Mapped[list | None] = mapped_column(JSON)               # of those, receipts whose text differs
    filled_reports: Mapped[int] = mapped_column(Integer, nullable=False, default=0)  # round trip: reports read


class Petition(Base):
    __tablename__ = "petitions"
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


class StaleVersion(Exception):
    """A change sent with the version it was read at, after the case changed (the API answers 409)."""

    def __init__(self, current: int):
        super().__init__(current)
        self.current = current


def _row(obj) -> dict:
    return {c.key: getattr(obj, c.key) for c in obj.__table__.columns}


class Store:
    """All reads and writes of the workbench.  ``Store(data_dir)``; :meth:`migrate` brings the schema up to date."""

    def __init__(self, data_dir, url: str | None = None):
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.url = url or os.environ.get("PETITIONNLP_DB_URL") or f"sqlite:///{self.data_dir / 'workbench.db'}"
        kwargs = {"connect_args": {"check_same_thread": False, "timeout": 60}} if self.url.startswith("sqlite") else {}
        self.engine = create_engine(self.url, **kwargs)
        if self.url.startswith("sqlite"):
            @event.listens_for(self.engine, "connect")
            def _pragmas(conn, _):  # readers do not wait for the writer; foreign keys enforced
                cur = conn.cursor()
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA foreign_keys=ON")
                cur.execute("PRAGMA synchronous=NORMAL")
                cur.close()
        self.session = sessionmaker(self.engine, expire_on_commit=False)

    # ------------------------------------------------------------------------------------------ schema
    def migrate(self) -> None:
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
        cfg.set_main_option("sqlalchemy.url", self.url.replace("%", "%%"))
        cfg.attributes["connection"] = None
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    # ------------------------------------------------------------------------------------------- users
    def add_user(self, username: str, password_hash: str, role: str, unit_id: int | None = None) -> dict:
        with self.session.begin() as s:
            existing = s.scalar(select(User).where(User.username == username))
            if existing:
                existing.password_hash, existing.role, existing.active = password_hash, role, True
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

    def record_login(self, username: str, ip: str, ok: bool) -> None:
        with self.session.begin() as s:
            s.add(LoginAttempt(username=username[:64], ip=ip[:64], ok=ok))

    def failed_logins(self, username: str, ip: str, since: dt.datetime) -> tuple[int, int]:
        """Failures since ``since``: (for this user name, from this address)."""
        with self.session() as s:
            base = select(func.count()).select_from(LoginAttempt).where(LoginAttempt.ok.is_(False),
                                                                        LoginAttempt.time >= since)
            return (s.scalar(base.where(LoginAttempt.username == username)) or 0,
                    s.scalar(base.where(LoginAttempt.ip == ip)) or 0)

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
            p = s.get(Petition, petition_id)
            if p is None:
                return None
            _check_version(p, expected_version)
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
                          comparison: dict | None = None, active: bool = False) -> dict:
        with self.session.begin() as s:
            if active:
                for m in s.scalars(select(ModelVersion).where(ModelVersion.active.is_(True))):
                    m.active = False
            m = ModelVersion(name=name, path=path, created_by=created_by, card=card, comparison=comparison,
                             active=active)
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
            _check_version(p, expected_version)
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
            _check_version(p, expected_version)
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


def _check_version(p: Petition, expected: int | None) -> None:
    if expected is not None and int(expected) != (p.version or 1):
        raise StaleVersion(p.version or 1)

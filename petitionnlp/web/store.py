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
           "STATUSES", "ROLES"]

STATUSES = ("待办", "办理中", "已办结")
ROLES = ("admin", "editor", "viewer")


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
    def add_user(self, username: str, password_hash: str, role: str) -> dict:
        with self.session.begin() as s:
            existing = s.scalar(select(User).where(User.username == username))
            if existing:  # a new password or role: every session and token of the old ones ends
                existing.password_hash, existing.role, existing.active = password_hash, role, True
                self._revoke(s, existing.id)
                return _row(existing)
            user = User(username=username, password_hash=password_hash, role=role)
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

    def add_petitions(self, rows: list[dict]) -> None:
        """Rows as :class:`Petition` fields, in one transaction."""
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

    def correct(self, petition_id: int, user: dict, changes: dict) -> dict | None:
        """Apply a person's changes to a petition; each changed field is a correction (a training record) and the
        whole is one audit event, in the same transaction."""
        with self.session.begin() as s:
            p = s.get(Petition, petition_id)
            if p is None:
                return None
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
                s.add(AuditEvent(user=user["username"], action="correct", target=f"petition:{p.id}", detail=done))
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
                       Petition.handover_date).where(Petition.error.is_(None))
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

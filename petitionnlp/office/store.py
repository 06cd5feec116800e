"""The office's storage: every query and every write, and nothing else, in one module (the tables are
:mod:`.tables`).

SQLAlchemy 2 on SQLite (``DATA/workbench.db``, WAL mode), the embedded default, or on a shared PostgreSQL database
(``postgresql+psycopg://…``, ``--db-url`` / ``PETITIONNLP_DB_URL``) that any number of servers and workers use at
once.  Everything the database points to is in it: uploaded files and model folders are rows of ``files``.
The rest of the office calls :class:`Store` methods; the one exception is the lifecycle's step
(:func:`.lifecycle.apply`), which works on the row :meth:`Store.locked_petition` hands it inside one transaction.
The schema is Alembic's (``migrations/``), brought up to date by :meth:`Store.migrate` (``petitionnlp migrate``)
and checked by :meth:`Store.check_schema` when a server or a worker starts.

Every write is one transaction that another cannot interleave: on PostgreSQL the rows it changes are locked
(``SELECT … FOR UPDATE``); on SQLite a writing transaction takes the database's write lock when it begins
(``BEGIN IMMEDIATE``), so what it read is still true when it writes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, func, or_, select
from sqlalchemy.orm import sessionmaker

from .tables import (AuditEvent, Batch, Briefing, BriefingTask, CaseEvent, Credential, IndexOutbox, Job, LoginAttempt,
                     ModelVersion, Petition, Report, StoredFile, Unit, User, now, row_dict)

__all__ = ["Store", "SchemaOutOfDate", "BatchMoved", "JOB_STATES"]

JOB_STATES = ("queued", "running", "done", "failed")
_row = row_dict


class SchemaOutOfDate(RuntimeError):
    """The database's schema is older (or newer) than this version of petitionnlp: ``petitionnlp migrate``."""


class BatchMoved(RuntimeError):
    """A batch's stored rows are not where this worker thought: another worker got further (it starts over from
    the stored rows)."""

    def __init__(self, done_rows: int):
        super().__init__(f"batch already has {done_rows} rows stored")
        self.done_rows = done_rows


def _migrations_config(url: str):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


class Store:
    """All reads and writes of the office.  ``Store(data_dir)`` (SQLite in that folder) or
    ``Store(url="postgresql+psycopg://…")``; :meth:`migrate` brings the schema up to date.  ``session()`` reads;
    ``writing.begin()`` is a transaction that writes (see the module's note on locks)."""

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
                conn.isolation_level = None  # the driver's own BEGIN off: _begin below says how a transaction starts
                cur = conn.cursor()
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA foreign_keys=ON")
                cur.execute("PRAGMA synchronous=NORMAL")
                cur.close()

            @event.listens_for(self.engine, "begin")
            def _begin(conn):  # a writing transaction holds the write lock from its first statement
                conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("writes") else "BEGIN")
        self.session = sessionmaker(self.engine, expire_on_commit=False)  # reads
        self.writing = sessionmaker(self.engine.execution_options(writes=True), expire_on_commit=False)

    @contextmanager
    def _reading(self, s=None):
        """The caller's session ``s`` (a read inside its transaction: what a change answers), or a new one."""
        if s is not None:
            yield s
            return
        with self.session() as new:
            yield new

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
                f"数据库结构不是当前版本（现为 {'/'.join(current) or '空'}，应为 {'/'.join(heads)}）："
                "请先运行 petitionnlp migrate")

    def ping(self) -> None:
        with self.engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")

    # ------------------------------------------------------------------------------------------- files
    def add_file(self, name: str, data: bytes) -> int:
        with self.writing.begin() as s:
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

        with self.writing.begin() as s:
            s.execute(update(Batch).where(Batch.file_id == file_id).values(file_id=None))
            f = s.get(StoredFile, file_id)
            if f is not None:
                s.delete(f)

    # -------------------------------------------------------------------------------------------- jobs
    def add_job(self, kind: str, created_by: str | None, batch_id: int | None = None,
                payload: dict | None = None, audit: dict | None = None) -> dict:
        """A job, queued, and the audit event of the person who asked for it (its ``target`` the job when it
        names none), in one transaction."""
        with self.writing.begin() as s:
            j = Job(kind=kind, state="queued", created_by=created_by, batch_id=batch_id, payload=payload,
                    progress=0.0, attempts=0)
            s.add(j)
            s.flush()
            if audit:
                s.add(AuditEvent(**{"target": f"job:{j.id}", **audit}))
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

        with self.writing.begin() as s:
            j = s.get(Job, job_id, with_for_update=True)
            if j is None or j.state in ("done", "failed"):
                return None
            j.state, j.attempts, j.started_at = "running", (j.attempts or 0) + 1, now()
            j.worker = f"{socket.gethostname()[:100]}:{os.getpid()}"
            return _row(j)

    def update_job(self, job_id: int, **fields) -> None:
        with self.writing.begin() as s:
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
        with self.writing.begin() as s:
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
        with self.writing.begin() as s:
            s.get(User, user_id).password_hash = password_hash
            self._revoke(s, user_id)

    def deactivate_user(self, username: str) -> dict | None:
        """The user can no longer log in; every session and token of theirs ends.  None when there is no such user."""
        with self.writing.begin() as s:
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
        with self.writing.begin() as s:
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
        with self.writing.begin() as s:
            for c in s.scalars(select(Credential).where(Credential.secret_hash == secret_hash)):
                s.delete(c)

    def begin_login(self, username: str, ip: str, since: dt.datetime, max_user: int, max_ip: int) -> int | None:
        """Count a login attempt before its password is checked, atomically: the id of a new attempt row (failed
        until :meth:`login_ok`), or None when the account or the address already has ``max_*`` failures since
        ``since`` (then one ``login_blocked`` audit event per account or address in that window)."""
        username, ip = username[:64], ip[:64]
        with self.writing.begin() as s:
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
        with self.writing.begin() as s:
            a = s.get(LoginAttempt, attempt_id)
            if a is not None:
                a.ok = True

    # ------------------------------------------------------------------------------------------ audit
    def log(self, user: str | None, action: str, target: str | None = None, detail: dict | None = None) -> None:
        with self.writing.begin() as s:
            s.add(AuditEvent(user=user, action=action, target=target, detail=detail))

    def log_issue(self, user: str | None, action: str, key: dict, detail: dict, number: int | None = None) -> int:
        """Log a numbered document (the 专报's 第N期) and return its number, in one transaction that no other issue
        interleaves: ``number`` when given; else the number a document of the same ``key`` (its period: the
        detail's values) was last issued under; else one more than the highest so far.  The event's target is
        ``{action}:{number}``."""
        with self.writing.begin() as s:
            if self.engine.dialect.name == "postgresql":  # one issue numbered at a time, across servers
                from sqlalchemy import text

                s.execute(text("SELECT pg_advisory_xact_lock(7226002)"))
            # on SQLite the write lock is taken by the first statement (BEGIN IMMEDIATE): this one
            issued = s.execute(select(AuditEvent.target, AuditEvent.detail).where(
                AuditEvent.action == action, AuditEvent.target.like(f"{action}:%")).order_by(AuditEvent.id)).all()
            top, same = 0, None
            for target, d in issued:
                n = target.split(":", 1)[1]
                if not n.isdigit():
                    continue
                top = max(top, int(n))
                if isinstance(d, dict) and all(d.get(k) == v for k, v in key.items()):
                    same = int(n)
            number = number or same or top + 1
            s.add(AuditEvent(user=user, action=action, target=f"{action}:{number}",
                             detail={**detail, **key, "issue": number}))
            return number

    def audit(self, limit: int = 500, offset: int = 0) -> list[dict]:
        with self.session() as s:
            q = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit).offset(offset)
            return [_row(e) for e in s.scalars(q)]

    # -------------------------------------------------------------------------------------- briefings
    def add_briefing(self, audit: dict | None = None, **fields) -> dict:
        """A briefing stored, with its audit event and the index's outbox row, in one transaction."""
        with self.writing.begin() as s:
            b = Briefing(**fields)
            s.add(b)
            s.flush()
            if audit:
                s.add(AuditEvent(**{**audit, "target": f"briefing:{b.id}"}))
            self.follow(s, "briefing", b.id)
            return _row(b)

    def briefings(self) -> list[dict]:
        with self.session() as s:
            return [_row(b) for b in s.scalars(select(Briefing).order_by(Briefing.id.desc()))]

    def briefing(self, briefing_id: int) -> dict | None:
        with self.session() as s:
            b = s.get(Briefing, briefing_id)
            return _row(b) if b else None

    def briefing_marks(self, briefing_ids=None) -> dict[int, dict[str, dict]]:
        """What clerks marked of briefings' standing tasks: ``{briefing_id: {task_id: {"done": [report days],
        "closed": bool}}}`` (of the given briefings, else all)."""
        out: dict[int, dict[str, dict]] = {}
        with self.session() as s:
            query = select(BriefingTask).order_by(BriefingTask.id)
            if briefing_ids is not None:
                query = query.where(BriefingTask.briefing_id.in_(list(briefing_ids)))
            for m in s.scalars(query):
                task = out.setdefault(m.briefing_id, {}).setdefault(m.task_id, {"done": [], "closed": False})
                if m.mark == "closed":
                    task["closed"] = True
                else:
                    task["done"].append(m.day)
        return out

    def mark_briefing_task(self, briefing_id: int, task_id: str, mark: str, day: str, user: str | None,
                           undo: bool = False, detail: dict | None = None) -> bool:
        """A standing task's mark added (or, with ``undo``, taken back) and its audit event, in one transaction;
        False when there was nothing to change (marked already, by another clerk at the same moment too)."""
        from sqlalchemy.exc import IntegrityError

        key = (BriefingTask.briefing_id == briefing_id, BriefingTask.task_id == task_id, BriefingTask.mark == mark,
               BriefingTask.day == day)
        try:
            with self.writing.begin() as s:
                have = s.scalar(select(BriefingTask).where(*key).limit(1))
                if (have is None) != undo:
                    if undo:
                        s.delete(have)
                    else:
                        s.add(BriefingTask(briefing_id=briefing_id, task_id=task_id, mark=mark, day=day, user=user))
                    s.add(AuditEvent(user=user, action="briefing_task", target=f"briefing:{briefing_id}",
                                     detail=detail))
                    return True
                return False
        except IntegrityError:  # the same mark written by another request in between
            return False

    # ----------------------------------------------------------------------------------------- models
    def add_model_version(self, name: str, path: str, created_by: str | None, card: dict | None,
                          comparison: dict | None = None, active: bool = False, file_id: int | None = None) -> dict:
        with self.writing.begin() as s:
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
        with self.writing.begin() as s:
            for m in s.scalars(select(ModelVersion).where(ModelVersion.active.is_(True))):
                m.active = False

    def activate_model(self, version_id: int) -> dict | None:
        with self.writing.begin() as s:
            target = s.get(ModelVersion, version_id)
            if target is None:
                return None
            for m in s.scalars(select(ModelVersion).where(ModelVersion.active.is_(True))):
                m.active = False
            target.active = True
            return _row(target)

    # ---------------------------------------------------------------------------------------- batches
    def add_batch(self, **fields) -> dict:
        with self.writing.begin() as s:
            b = Batch(**fields)
            s.add(b)
            s.flush()
            return _row(b)

    def add_upload(self, file_name: str, data: bytes | None, audit: dict, **batch_fields) -> tuple[dict, dict]:
        """An upload stored whole or not at all, in one transaction: its file (none for a refused one: ``data``
        None), the batch, its audit event and its job (queued; failed with the batch's message when the batch
        is) — never a batch without its file, its job or its audit event when the database goes away in the
        middle.  (the batch, the job)."""
        with self.writing.begin() as s:
            if data is not None:
                f = StoredFile(sha256=hashlib.sha256(data).hexdigest(), name=file_name[:255], size=len(data),
                               data=data)
                s.add(f)
                s.flush()
                batch_fields["file_id"] = f.id
            b = Batch(**batch_fields)
            s.add(b)
            s.flush()
            s.add(AuditEvent(**{**audit, "target": f"batch:{b.id}"}))
            failed = b.state == "failed"
            j = Job(kind="batch", state="failed" if failed else "queued", created_by=audit.get("user"),
                    batch_id=b.id, progress=0.0, attempts=0, message=b.message if failed else None,
                    finished_at=now() if failed else None)
            s.add(j)
            s.flush()
            return _row(b), _row(j)

    def unqueued_jobs(self, task_name: str, older_than: float = 30.0) -> list[dict]:
        """PostgreSQL: the workbench's jobs queued or running for more than ``older_than`` seconds that no message
        of the job queue stands for (the server that stored the job lost the database before it could send it,
        or the queue gave up retrying): to be sent again."""
        from sqlalchemy import text

        if not self.shared:
            return []
        with self.session() as s:
            if s.execute(text("SELECT to_regclass('procrastinate_jobs')")).scalar() is None:
                return []
            rows = s.execute(text(
                "SELECT j.id, j.kind FROM jobs j WHERE j.state IN ('queued', 'running') AND j.created_at < :before "
                "AND NOT EXISTS (SELECT 1 FROM procrastinate_jobs p WHERE p.task_name = :task "
                "AND p.args->>'job_id' = j.id::text AND p.status IN ('todo', 'doing')) ORDER BY j.id"),
                {"before": now() - dt.timedelta(seconds=older_than), "task": task_name})
            return [dict(r._mapping) for r in rows]

    def update_batch(self, batch_id: int, **fields) -> None:
        with self.writing.begin() as s:
            b = s.get(Batch, batch_id)
            for k, v in fields.items():
                setattr(b, k, v)

    def batch(self, batch_id: int, s=None) -> dict | None:
        with self._reading(s) as s:
            b = s.get(Batch, batch_id)
            return _row(b) if b else None

    def batches(self, limit: int = 200) -> list[dict]:
        with self.session() as s:
            return [_row(b) for b in s.scalars(select(Batch).order_by(Batch.id.desc()).limit(limit))]

    def add_chunk(self, batch_id: int, start: int, rows: list[dict], errors: int, consumed: int | None = None,
                  existing: int = 0, events: list[dict] | None = None, group=None, met=(), **batch_fields) -> int:
        """The cases of input rows ``start`` …, the first step of each one's history (``events``: petition rows'
        ``row_index`` → the step) and the batch's progress, in one transaction, so a batch's stored rows are
        always a complete prefix of its input: a worker that dies loses at most the chunk it was working on, and
        the next one resumes after the stored rows (:class:`BatchMoved` when they are not ``start`` any more:
        another worker went on meanwhile).  ``consumed``: the input rows the chunk covered (more than ``rows``
        when some were cases already stored, counted in ``existing``); ``batch_fields`` are set on the batch where
        it has none yet (the hand-over date the first chunk decided); ``group(s)``, when given, places the new
        cases in their repeat groups in the same transaction (the repeat groups' lock is taken first, as a
        grouping run and a withdrawal take it).  ``met``: the ids of the cases stored before that rows of the chunk
        were counted as (not stored again); one withdrawn meanwhile is BatchMoved too.  Returns the input rows done
        now."""
        from sqlalchemy import insert

        receipts = sorted({r["receipt_id"] for r in rows if r.get("receipt_id") and not r.get("error")})
        with self.writing.begin() as s:
            if group is not None or receipts or met:
                self._repeats_lock(s)
            b = s.get(Batch, batch_id, with_for_update=True)
            if b.done_rows != start:
                raise BatchMoved(b.done_rows)
            met = sorted(set(met))
            if any(s.execute(select(Petition.id).where(Petition.id.in_(met[i:i + 500]), Petition.withdrawn.is_(True))
                             .limit(1)).first() is not None for i in range(0, len(met), 500)):
                # rows counted as cases stored before, whose batch another clerk withdrew meanwhile: read again, the
                # rows are new cases now (never counted as cases that are in no list)
                raise BatchMoved(b.done_rows)
            if any(s.execute(select(Petition.id).where(
                    Petition.receipt_id.in_(receipts[i:i + 500]), Petition.batch_id != batch_id,
                    Petition.withdrawn.is_(False), Petition.error.is_(None)).limit(1)).first() is not None
                   for i in range(0, len(receipts), 500)):
                # intake read these receipts as new outside this lock; another upload (two clerks sending one table
                # at once) stored one of them meanwhile: the chunk is read again, its rows now that upload's cases
                raise BatchMoved(b.done_rows)
            if rows:
                ids = s.execute(insert(Petition).returning(Petition.id, Petition.row_index), rows).all() \
                    if events else s.execute(insert(Petition), rows)
                if events:
                    by_row = {r.row_index: r.id for r in ids}
                    s.execute(CaseEvent.__table__.insert(),
                              [{"time": now(), **e, "petition_id": by_row[e.pop("row_index")]} for e in events])
            if group is not None and rows:
                s.flush()
                group(s)
            b.done_rows = start + (len(rows) if consumed is None else consumed)
            b.errors = (b.errors if start else 0) + errors
            b.existing = ((b.existing or 0) if start else 0) + existing
            for k, v in batch_fields.items():
                if getattr(b, k) is None and v is not None:
                    setattr(b, k, v)
            return b.done_rows

    def update_petitions(self, updates: list[dict], follow_batch: int | None = None) -> None:
        """Several petitions' fields at once (each dict: ``id`` and the fields), in one transaction; with
        ``follow_batch``, the search index is to follow that batch's cases (written with them)."""
        from sqlalchemy import update

        with self.writing.begin() as s:
            if follow_batch is not None:
                self.follow(s, "batch", follow_batch)
            groups: dict[tuple, list[dict]] = {}
            for u in updates:
                groups.setdefault(tuple(sorted(k for k in u if k != "id")), []).append(u)
            for _, group in groups.items():
                s.execute(update(Petition), group)

    def redate_batch(self, batch_id: int, user: dict, fields: dict, deadlines, deadline) -> dict | None:
        """A batch's hand-over date or reply days corrected (``fields``, the batch's columns): a hand-over date given
        is every case's (the contract: it sets its petitions' hand-over date); reply days alone leave each case its
        own (a row's own 交办日期, kept at upload when no date came with it).  Each case takes the deadline
        ``deadline(case, due(the case's date))`` gives, ``due = deadlines(batch)`` (:func:`.intake.deadlines`: the
        batch's reply rule, each day counted once) (the lifecycle's :func:`.lifecycle.batch_deadline`:
        an open case the new due date, but one whose deadline was set on it by 督办 or 重新办理 keeps it, counted in
        ``deadlines_kept``); each changed case one history step and a new version, the batch one audit event, in one
        transaction.  None when there is no such batch."""
        with self.writing.begin() as s:
            b = s.get(Batch, batch_id, with_for_update=True)
            if b is None:
                return None
            old = {k: getattr(b, k) for k in fields}
            for k, v in fields.items():
                setattr(b, k, v)
            due = deadlines(_row(b))  # a hand-over date → its deadline by the batch's (new) reply rule
            changed = kept = 0
            cases = s.scalars(select(Petition).where(Petition.batch_id == b.id, Petition.error.is_(None))
                              .order_by(Petition.id).with_for_update())
            for p in cases:
                detail = {}
                day = b.handover_date if "handover_date" in fields else p.handover_date or b.handover_date
                if p.handover_date != day:
                    detail["handover_date"] = {"old": p.handover_date, "new": day}
                    p.handover_date = day
                new_due, keeps = deadline(p, due(day))
                kept += keeps
                if new_due is not None:
                    detail["due_date"] = {"old": p.due_date, "new": new_due}
                    p.due_date = new_due
                if detail:
                    p.version, p.updated_at = (p.version or 1) + 1, now()
                    s.add(CaseEvent(petition_id=p.id, user=user["username"], action="redate", detail=detail))
                    changed += 1
            s.add(AuditEvent(user=user["username"], action="redate", target=f"batch:{b.id}",
                             detail={"old": old, "new": fields, "due_date": due(), "cases": changed,
                                     "deadlines_kept": kept}))
            self.follow(s, "batch", b.id)  # the index searches them by their hand-over date
            return {**_row(b), "cases_changed": changed, "deadlines_kept": kept}

    def withdraw_batch(self, batch_id: int, user: dict, reason: str) -> tuple[dict | None, int]:
        """Withdraw a batch none of whose cases has a report: (the batch, 0); (the batch unchanged, the number
        of its cases with a report) when some have one; (None, 0) when there is no such batch.  Nothing is
        deleted: the batch and its cases are marked, the audit log keeps the reason; its cases leave their repeat
        groups in the same transaction (:meth:`group_repeats`' lock taken first, as a grouping run takes it)."""
        from sqlalchemy import update

        with self.writing.begin() as s:
            self._repeats_lock(s)
            b = s.get(Batch, batch_id, with_for_update=True)
            if b is None:
                return None, 0
            if b.withdrawn:
                return _row(b), 0
            # its cases locked first: a report being written on one of them now is counted, or waits and then
            # finds the case withdrawn
            s.execute(select(Petition.id).where(Petition.batch_id == b.id).with_for_update()).all()
            reported = s.scalar(select(func.count()).select_from(Report).join(Petition, Report.petition_id == Petition.id)
                                .where(Petition.batch_id == b.id)) or 0
            if reported:
                return _row(b), reported
            b.withdrawn, b.withdrawn_reason, b.withdrawn_by, b.withdrawn_at = True, reason, user["username"], now()
            n = s.execute(update(Petition).where(Petition.batch_id == b.id).values(withdrawn=True)).rowcount
            self._release_repeats(s, b.id)
            s.add(AuditEvent(user=user["username"], action="withdraw", target=f"batch:{b.id}",
                             detail={"reason": reason, "petitions": n, "file": b.filename}))
            self.follow(s, "batch", b.id)  # its cases leave the search
            return _row(b), 0

    # ---------------------------------------------------------------------------------- repeat groups
    # A case's repeat_group is the id of its group's first petition (its own while alone), repeat_count the number
    # of the group's cases, repeat_seq the grouping run that last placed or released it.  Runs are numbered in the
    # order they hold the lock, so a process's copy of the groups catches up on the rows of the runs after its own.
    _REPEAT_FIELDS = (Petition.id, Petition.text, Petition.province, Petition.city, Petition.county,
                      Petition.pollution_types, Petition.receipt_id, Petition.repeat_group, Petition.repeat_seq,
                      Petition.withdrawn, Petition.error, Petition.priority)

    def _repeats_lock(self, s) -> None:
        """Hold the repeat groups' lock until the transaction ends: one grouping run (or withdrawal) at a time,
        whatever process or host it runs on (on SQLite the writing transaction's write lock is that lock)."""
        if self.shared:
            from sqlalchemy import text

            s.execute(text("SELECT pg_advisory_xact_lock(4201128)"))
        else:
            s.execute(select(func.count()).select_from(Batch).where(Batch.id < 0))  # BEGIN IMMEDIATE now

    def repeat_run(self) -> int:
        """The number of the last grouping run (0 before the first)."""
        with self.session() as s:
            return s.scalar(select(func.max(Petition.repeat_seq))) or 0

    def grouped_petitions(self, up_to_run: int, chunk: int = 5000):
        """Every grouped case of the runs up to ``up_to_run`` (not withdrawn), in the order the runs placed
        them, in lists of ``chunk`` rows: what a process's copy of the groups is built from."""
        last = (0, 0)
        while True:
            with self.session() as s:
                q = (select(*self._REPEAT_FIELDS)
                     .where(Petition.repeat_group.is_not(None), Petition.withdrawn.is_(False),
                            Petition.error.is_(None), Petition.repeat_seq <= up_to_run,
                            or_(Petition.repeat_seq > last[0],
                                (Petition.repeat_seq == last[0]) & (Petition.id > last[1])))
                     .order_by(Petition.repeat_seq, Petition.id).limit(chunk))
                rows = [dict(r._mapping) for r in s.execute(q)]
            if not rows:
                return
            yield rows
            last = (rows[-1]["repeat_seq"], rows[-1]["id"])

    def group_repeats(self, known_run: int, decide) -> tuple[int, dict]:
        """One grouping run, alone (the repeat groups' lock): ``decide(changed, pending)`` gets the cases the
        runs after ``known_run`` placed or released (withdrawn ones too) and the cases not grouped yet (oldest
        first), and returns ``{petition id: (group, duplicate_of, duplicate_score)}``; those are written with
        this run's number, a case that repeats another and was of low priority becomes 中, and the size of every
        group touched is counted again.  (this run's number, the counts written: group → size)."""
        with self.writing.begin() as s:
            self._repeats_lock(s)
            return self.group_repeats_in(s, known_run, decide)

    def group_repeats_in(self, s, known_run: int, decide) -> tuple[int, dict]:
        """:meth:`group_repeats` inside a writing transaction that holds the repeat groups' lock already
        (:meth:`add_chunk`: a chunk's cases grouped in the transaction that stores them)."""
        from sqlalchemy import update

        run = (s.scalar(select(func.max(Petition.repeat_seq))) or 0) + 1
        changed = [dict(r._mapping) for r in s.execute(
            select(*self._REPEAT_FIELDS).where(Petition.repeat_seq > known_run)
            .order_by(Petition.repeat_seq, Petition.id))]
        pending = [dict(r._mapping) for r in s.execute(
            select(*self._REPEAT_FIELDS).where(Petition.repeat_group.is_(None), Petition.error.is_(None),
                                               Petition.withdrawn.is_(False)).order_by(Petition.id))]
        if not pending:  # nothing to place: this copy stays at the run it knows (no row carries a new number)
            return known_run, {}
        placed = decide(changed, pending)
        low = {r["id"] for r in pending if r["priority"] == "低"}
        rows = [{"id": pid, "repeat_group": group, "repeat_seq": run, "duplicate_of": dup, "duplicate_score": score}
                for pid, (group, dup, score) in placed.items()]
        raised = [r for r in rows if r["duplicate_of"] and r["id"] in low]
        for part in ([{**r, "priority": "中"} for r in raised],
                     [r for r in rows if not (r["duplicate_of"] and r["id"] in low)]):
            if part:
                s.execute(update(Petition), part)
        counts = self._count_groups(s, {g for g, _, _ in placed.values()})
        return run, counts

    def _count_groups(self, s, groups) -> dict[int, int]:
        """Count the cases of these groups again (not withdrawn) and write each one's size on its cases."""
        from sqlalchemy import update

        groups = sorted(groups)
        counts: dict[int, int] = dict.fromkeys(groups, 0)
        for i in range(0, len(groups), 500):
            part = groups[i:i + 500]
            q = (select(Petition.repeat_group, func.count()).where(
                Petition.repeat_group.in_(part), Petition.withdrawn.is_(False), Petition.error.is_(None))
                .group_by(Petition.repeat_group))
            counts.update({g: n for g, n in s.execute(q)})
        by_size: dict[int, list[int]] = {}
        for g, n in counts.items():
            by_size.setdefault(n, []).append(g)
        for n, gs in by_size.items():
            for i in range(0, len(gs), 500):
                s.execute(update(Petition).where(Petition.repeat_group.in_(gs[i:i + 500]),
                                                 Petition.withdrawn.is_(False)).values(repeat_count=n))
        return counts

    def _release_repeats(self, s, batch_id: int) -> None:
        """A withdrawn batch's cases leave their groups (inside :meth:`withdraw_batch`, under the lock): they are
        marked with a new run's number (a process's copy of the groups drops them), and the groups they leave are
        counted again."""
        from sqlalchemy import update

        run = (s.scalar(select(func.max(Petition.repeat_seq))) or 0) + 1
        groups = {g for (g,) in s.execute(select(Petition.repeat_group).where(
            Petition.batch_id == batch_id, Petition.repeat_group.is_not(None)))}
        s.execute(update(Petition).where(Petition.batch_id == batch_id).values(repeat_seq=run, repeat_count=None))
        self._count_groups(s, groups)

    def repeat_members(self, groups) -> list[dict]:
        """The cases of these repeat groups (not withdrawn), oldest hand-over first."""
        groups = sorted(set(groups))
        out: list[dict] = []
        with self.session() as s:
            for i in range(0, len(groups), 500):
                q = select(Petition).where(Petition.repeat_group.in_(groups[i:i + 500]),
                                           Petition.withdrawn.is_(False), Petition.error.is_(None))
                out += [_row(p) for p in s.scalars(q)]
        return sorted(out, key=lambda p: (p["handover_date"] or "", p["id"]))

    # -------------------------------------------------------------------------------------- petitions

    HEAVY = ("row", "pollution_scores", "priority_reasons", "pii", "model_types", "region_evidence")

    _ORDER = {"row": (Petition.batch_id, Petition.row_index),
              "priority": (Petition.priority == "低", Petition.priority == "中", Petition.priority.is_(None),
                           Petition.batch_id, Petition.row_index),
              "due": (Petition.due_date.is_(None), Petition.due_date, Petition.batch_id, Petition.row_index),
              "region": (Petition.city, Petition.county, Petition.batch_id, Petition.row_index),
              "status": (Petition.status, Petition.batch_id, Petition.row_index),
              "id": (Petition.id,)}

    def petitions(self, batch_id: int | None = None, *, cases: bool = False, unit_id: int | None = None,
                  unassigned: bool = False, status: str | None = None, statuses=None, types: str | None = None,
                  region: str | None = None, priority: str | None = None, q: str | None = None,
                  date_from: str | None = None, date_to: str | None = None, ids=None, withdrawn: bool = False,
                  sort: str = "row", limit: int | None = None, offset: int = 0, light: bool = False,
                  s=None) -> list[dict]:
        """The one query of stored petitions, by any of the lists' filters: ``batch_id``; ``cases``: only the
        rows that could be classified (the cases); ``unit_id`` / ``unassigned``; ``status`` or ``statuses``;
        ``types`` (one type among the petition's); ``region`` (its province, city or county); ``priority``;
        ``q`` (words of the 受理编号 or the text as stored); hand-over dates ``date_from``–``date_to`` (inclusive);
        ``ids``.  The cases of a withdrawn batch only with ``withdrawn=True``.  ``sort``: row, priority, due,
        region, status, id.  ``light``: without the columns no figure reads (:data:`HEAVY`: the input row, the
        scores, the personal-information spans …), so that counting many cases does not parse them.  ``s``: read
        inside that transaction (a change's answer).

        Read as plain rows (SQLAlchemy Core), not as ORM objects: a list of thousands of cases is read in a few
        milliseconds, not a few hundred."""
        columns = [c for c in Petition.__table__.columns if not (light and c.key in self.HEAVY)]
        with self._reading(s) as s:
            sel = select(*columns)
            if not withdrawn:
                sel = sel.where(Petition.withdrawn.is_(False))
            if cases:
                sel = sel.where(Petition.error.is_(None))
            if batch_id is not None:
                sel = sel.where(Petition.batch_id == batch_id)
            if unit_id is not None:
                sel = sel.where(Petition.unit_id == unit_id)
            if unassigned:
                sel = sel.where(Petition.unit_id.is_(None))
            if status:
                sel = sel.where(Petition.status == status)
            if statuses is not None:
                sel = sel.where(Petition.status.in_(list(statuses)))
            if region:
                sel = sel.where(or_(Petition.city == region, Petition.county == region, Petition.province == region))
            if priority:
                sel = sel.where(Petition.priority == priority)
            if q:
                like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                sel = sel.where(or_(Petition.receipt_id.like(like, escape="\\"), Petition.text.like(like, escape="\\")))
            if date_from:
                sel = sel.where(Petition.handover_date >= date_from)
            if date_to:
                sel = sel.where(Petition.handover_date <= date_to)
            if ids is not None:
                sel = sel.where(Petition.id.in_(list(ids)))
            rows = [dict(m) for m in s.execute(sel.order_by(*self._ORDER.get(sort, self._ORDER["row"]))).mappings()]
        if types:  # a JSON list: filtered here, the same on every database
            rows = [r for r in rows if types in (r["pollution_types"] or ())]
        return rows[offset:offset + limit] if limit else rows[offset:]

    def petition(self, petition_id: int) -> dict | None:
        with self.session() as s:
            p = s.get(Petition, petition_id)
            return _row(p) if p else None

    @contextmanager
    def locked_petition(self, petition_id: int):
        """``(session, petition row or None)`` inside one writing transaction, the row locked until it ends (on
        SQLite the whole database is: ``BEGIN IMMEDIATE``); what the caller adds to the session is written with
        it, or nothing is when the caller raises."""
        with self.writing.begin() as s:
            yield s, s.get(Petition, petition_id, with_for_update=True)

    def training_records(self) -> list[dict]:
        """Every petition a person corrected, with the types and place it has now: the office's labels."""
        with self.session() as s:
            rows = s.scalars(select(Petition).where(Petition.corrected.is_(True), Petition.withdrawn.is_(False))
                             .order_by(Petition.id)).all()
            return [{"id": p.id, "text": p.text, "types": p.pollution_types, "province": p.province, "city": p.city,
                     "county": p.county} for p in rows if p.text]

    def known_receipts(self, receipts) -> dict[str, dict]:
        """受理编号 already stored (in a batch not withdrawn) → {"id", "text", "batch_id", "error"} of its case — of
        the row that could not be read (``error``: no text) only when there is no case of it."""
        receipts = sorted({r for r in receipts if r})
        out: dict[str, dict] = {}
        with self.session() as s:
            for i in range(0, len(receipts), 500):
                q = select(Petition.id, Petition.receipt_id, Petition.text, Petition.batch_id, Petition.error).where(
                    Petition.receipt_id.in_(receipts[i:i + 500]), Petition.withdrawn.is_(False)).order_by(
                    Petition.error.isnot(None), Petition.id)  # a case before an unreadable row
                for r in s.execute(q):
                    out.setdefault(r.receipt_id, {"id": r.id, "text": r.text, "batch_id": r.batch_id, "error": r.error})
        return out

    def receipts_given_twice(self) -> list[str]:
        """The 受理编号 of cases (in batches not withdrawn) whose 受理编号-2 is stored too: receipts intake found given
        to two petitions (the second kept under 受理编号-2), or a real receipt that has such a neighbour."""
        from sqlalchemy.orm import aliased

        second = aliased(Petition)
        with self.session() as s:
            q = select(Petition.receipt_id).join(second, second.receipt_id == Petition.receipt_id + "-2").where(
                Petition.withdrawn.is_(False), second.withdrawn.is_(False)).distinct()
            return sorted(r for r in s.scalars(q) if r)

    def case_extras(self, petition_ids, with_events: bool = True,
                    s=None) -> tuple[dict[int, dict], dict[int, list[dict]]]:
        """(latest report by petition id, history events by petition id, oldest first) of these petitions (read in
        the session ``s`` when given)."""
        ids = sorted(set(petition_ids))
        reports: dict[int, dict] = {}
        events: dict[int, list[dict]] = {}
        with self._reading(s) as s:
            for i in range(0, len(ids), 500):
                part = ids[i:i + 500]
                for r in s.execute(select(Report.__table__).where(Report.petition_id.in_(part))
                                   .order_by(Report.id)).mappings():
                    reports[r["petition_id"]] = dict(r)
                if not with_events:
                    continue
                for e in s.execute(select(CaseEvent.__table__).where(CaseEvent.petition_id.in_(part))
                                   .order_by(CaseEvent.id)).mappings():
                    events.setdefault(e["petition_id"], []).append(dict(e))
        return reports, events

    def add_case_events(self, events: list[dict], audit: dict | None = None) -> None:
        """Steps of several cases (each: petition_id, user, action, detail) and one audit event, in one transaction."""
        with self.writing.begin() as s:
            if events:
                s.execute(CaseEvent.__table__.insert(), [{"time": now(), **e} for e in events])
            if audit:
                s.add(AuditEvent(**audit))

    # ------------------------------------------------------------------------------ the index's outbox
    @staticmethod
    def follow(s, kind: str, *targets: int) -> None:
        """In the caller's writing transaction ``s``: the search index has to follow these records (``petition``,
        ``batch``, ``briefing`` ids) — written with the change, so that it cannot be lost when the index's own
        update fails or the process stops after the change is stored."""
        for t in dict.fromkeys(targets):
            s.add(IndexOutbox(kind=kind, target=t))

    def to_follow(self, targets=None, limit: int = 100) -> list[dict]:
        """The outbox's rows, oldest first: of these ``(kind, id)`` targets only, or the first ``limit``."""
        with self.session() as s:
            sel = select(IndexOutbox.id, IndexOutbox.kind, IndexOutbox.target).order_by(IndexOutbox.id)
            if targets is not None:
                targets = list(targets)
                if not targets:
                    return []
                sel = sel.where(or_(*[(IndexOutbox.kind == k) & (IndexOutbox.target == t) for k, t in targets]))
            else:
                sel = sel.limit(limit)
            return [dict(r._mapping) for r in s.execute(sel)]

    def followed(self, ids) -> None:
        """The index holds what these outbox rows asked for: they go."""
        from sqlalchemy import delete

        ids = sorted(set(ids))
        if not ids:
            return
        with self.writing.begin() as s:
            for i in range(0, len(ids), 500):
                s.execute(delete(IndexOutbox).where(IndexOutbox.id.in_(ids[i:i + 500])))

    def petition_ids(self, batch_id: int) -> list[int]:
        """The ids of a batch's stored rows (withdrawn or not), in input order."""
        with self.session() as s:
            return list(s.scalars(select(Petition.id).where(Petition.batch_id == batch_id)
                                  .order_by(Petition.row_index)))

    # ------------------------------------------------------------------------------------------- units
    def add_unit(self, name: str, province: str | None = None, city: str | None = None, county: str | None = None,
                 adcode: str | None = None) -> tuple[dict, bool]:
        """(the unit, whether it was created); an existing unit of that name is kept as it is."""
        with self.writing.begin() as s:
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
        with self.writing.begin() as s:
            have = set(s.scalars(select(Unit.name)))
            new = [u for u in units if u["name"] not in have]
            for u in new:
                s.add(Unit(**u))
            if new:
                s.add(AuditEvent(user=None, action="units_imported", target=None, detail={"units": len(new)}))
            return len(new)

    def units(self, s=None) -> list[dict]:
        """Every unit, in the official order (by place code; units without a place after, by name)."""
        with self._reading(s) as s:
            rows = [dict(m) for m in s.execute(select(Unit.__table__)).mappings()]
        return sorted(rows, key=lambda u: (u["adcode"] is None, u["adcode"] or "", u["name"]))

    def unit(self, name: str | None = None, unit_id: int | None = None) -> dict | None:
        with self.session() as s:
            u = s.scalar(select(Unit).where(Unit.name == name)) if name is not None else s.get(Unit, unit_id)
            return _row(u) if u else None

    # -------------------------------------------------------------------- closing the loop (issue 27)
    def followup_extras(self, petition_ids, s=None) -> dict[str, dict[int, list[dict]]]:
        """What closing the loop adds to these cases, oldest first, by petition id: ``reports`` (every round's),
        ``callbacks``, ``spotchecks`` (the spot-check items that drew them) and ``repeats`` (the cases rejected
        as repeats of them: id, 受理编号, unit id); read in the session ``s`` when given."""
        from .tables import Callback, SpotcheckItem

        ids = sorted(set(petition_ids))
        out: dict[str, dict[int, list[dict]]] = {"reports": {}, "callbacks": {}, "spotchecks": {}, "repeats": {}}
        with self._reading(s) as s:
            for i in range(0, len(ids), 500):
                part = ids[i:i + 500]
                for key, table in (("reports", Report), ("callbacks", Callback), ("spotchecks", SpotcheckItem)):
                    for r in s.scalars(select(table).where(table.petition_id.in_(part)).order_by(table.id)):
                        out[key].setdefault(r.petition_id, []).append(_row(r))
                q = select(Petition.id, Petition.receipt_id, Petition.same_as, Petition.unit_id).where(
                    Petition.same_as.in_(part), Petition.withdrawn.is_(False)).order_by(Petition.id)
                for r in s.execute(q):
                    out["repeats"].setdefault(r.same_as, []).append({"id": r.id, "receipt_id": r.receipt_id,
                                                                     "unit_id": r.unit_id})
        return out

    def draw_spotcheck(self, user: dict, date_from: str | None, date_to: str | None, rate: float, seed: int,
                       statuses, choose) -> dict | None:
        """A spot check drawn and recorded in one transaction: the candidates — cases of the period (hand-over
        dates, inclusive) in ``statuses``, none of a withdrawn batch, ids ascending, locked — go to
        ``choose(ids)``, which returns the ids drawn; each drawn case waits for its check (one more
        ``spotcheck_pending``, a history step, a new version); one audit event.  None when there is no candidate."""
        from sqlalchemy import update

        from .tables import Spotcheck, SpotcheckItem

        with self.writing.begin() as s:
            q = select(Petition.id).where(Petition.status.in_(list(statuses)), Petition.error.is_(None),
                                          Petition.withdrawn.is_(False))
            if date_from:
                q = q.where(Petition.handover_date >= date_from)
            if date_to:
                q = q.where(Petition.handover_date <= date_to)
            candidates = list(s.scalars(q.order_by(Petition.id).with_for_update()))
            if not candidates:
                return None
            drawn = sorted(choose(candidates))
            sc = Spotcheck(user=user["username"], date_from=date_from, date_to=date_to, rate=rate, seed=seed,
                           candidates=len(candidates), petitions=drawn)
            s.add(sc)
            s.flush()
            s.execute(SpotcheckItem.__table__.insert(), [{"spotcheck_id": sc.id, "petition_id": pid} for pid in drawn])
            s.execute(update(Petition).where(Petition.id.in_(drawn)).values(
                spotcheck_pending=Petition.spotcheck_pending + 1, version=Petition.version + 1, updated_at=now()))
            detail = {"spotcheck": sc.id, "seed": seed, "rate": rate}
            s.execute(CaseEvent.__table__.insert(), [{"time": now(), "petition_id": pid, "user": user["username"],
                                                      "action": "spotcheck_draw", "detail": detail} for pid in drawn])
            s.add(AuditEvent(user=user["username"], action="spotcheck_draw", target=f"spotcheck:{sc.id}",
                             detail={"from": date_from, "to": date_to, "rate": rate, "seed": seed,
                                     "candidates": len(candidates), "petitions": drawn}))
            return _row(sc)

    def spotchecks(self, limit: int = 200) -> list[dict]:
        """The spot checks, newest first, each with ``checked`` and ``passed`` counted from its items."""
        from sqlalchemy import case

        from .tables import Spotcheck, SpotcheckItem

        with self.session() as s:
            rows = [_row(c) for c in s.scalars(select(Spotcheck).order_by(Spotcheck.id.desc()).limit(limit))]
            tally = {r.spotcheck_id: (int(r.checked or 0), int(r.passed or 0)) for r in s.execute(
                select(SpotcheckItem.spotcheck_id, func.count(SpotcheckItem.passed).label("checked"),
                       func.sum(case((SpotcheckItem.passed.is_(True), 1), else_=0)).label("passed"))
                .where(SpotcheckItem.spotcheck_id.in_([r["id"] for r in rows]))
                .group_by(SpotcheckItem.spotcheck_id))}
        return [{**r, "checked": tally.get(r["id"], (0, 0))[0], "passed": tally.get(r["id"], (0, 0))[1]}
                for r in rows]

    def spotcheck(self, spotcheck_id: int) -> tuple[dict | None, list[dict]]:
        """(a spot check, its items in the order of the drawn ids) or (None, [])."""
        from .tables import Spotcheck, SpotcheckItem

        with self.session() as s:
            sc = s.get(Spotcheck, spotcheck_id)
            if sc is None:
                return None, []
            items = [_row(i) for i in s.scalars(select(SpotcheckItem).where(SpotcheckItem.spotcheck_id == sc.id)
                                                .order_by(SpotcheckItem.petition_id))]
            return _row(sc), items

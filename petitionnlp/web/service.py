"""The workbench's work, for the API and the pages alike: batches in (classified, stored, then checked for repeats
and indexed), corrections, briefings and their deadlines, search, statistics, exports, and model versions (retrain
from the corrections, compare, activate, roll back).

Long work is a job (:mod:`.jobs`): a record in the ``jobs`` table and, on PostgreSQL, a message in the job queue
that any ``petitionnlp worker`` takes; on SQLite this process runs it on its own thread.  :meth:`Workbench.run_job`
is the one place a job is carried out, whoever runs it.

One :class:`Workbench` per server or worker process; it loads the pipeline of the active model version once and
keeps it.  Model versions and uploaded files are bytes in the database; a host unpacks a model version into its
cache (keyed by the archive's SHA-256) the first time it needs it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

from ..dates import parse_date
from ..errors import PetitionNLPError
from ..io import find_column, open_batch
from ..pipeline import OUTPUT_FIELDS, PetitionPipeline, RowJob, run_chunks
from .clock import office_today
from .store import SETTABLE_STATUSES, BatchMoved, Store

__all__ = ["Workbench", "EDITABLE", "default_data_dir", "database_unreachable", "redact", "petition_view",
           "batch_view", "briefing_view", "model_version_view", "VIEWER_KINDS", "EDITOR_KINDS"]

EDITABLE = ("pollution_types", "city", "county", "status")
# search documents: each petition and briefing is indexed twice, as written and redacted; viewers search only
# the redacted copies, so a person's name, phone or ID number is neither shown to them nor found by them
EDITOR_KINDS = ("petition", "briefing")
VIEWER_KINDS = ("petition_redacted", "briefing_redacted")
_REDACTED = "_redacted"  # = petitionnlp.search.REDACTED_SUFFIX (a test checks)


def default_data_dir() -> Path:
    from ..settings import get_settings

    return Path(get_settings().data)


def database_unreachable(exc: BaseException) -> bool:
    """True for the errors of a database that is down or restarting (not for a bad query)."""
    from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

    if isinstance(exc, (OperationalError, InterfaceError)):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    try:
        import psycopg
    except ImportError:
        return False
    return isinstance(exc, (psycopg.OperationalError, psycopg.InterfaceError))


class Workbench:
    """``Workbench(data_dir)``: SQLite in that folder, migrated here if needed (the embedded default);
    ``Workbench(db_url=URL)``: the shared PostgreSQL database, whose schema ``petitionnlp migrate`` keeps (a
    database on an older schema is refused with :class:`~.store.SchemaOutOfDate`).  ``background=False`` runs
    every job at once in the calling thread (tests, the command line)."""

    def __init__(self, data_dir=None, background: bool = True, db_url: str | None = None):
        from ..resources import cache_dir
        from .jobs import make_queue

        self.store = Store(data_dir if not db_url else None, url=db_url)
        self.shared = self.store.shared
        if self.shared:
            self.store.check_schema()
            self.data_dir = Path(data_dir) if data_dir else cache_dir() / "work"  # scratch only: nothing kept
        else:
            self.data_dir = Path(data_dir)
            self.store.migrate()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.index_path = self.data_dir / "search.db"
        self.index_target = self.store.url if self.shared else str(self.index_path)
        self._pipelines: dict = {}
        self._models: dict = {}
        self._lock = threading.Lock()
        self._index_lock = threading.Lock()
        self._retrain_lock = threading.Lock()
        self.queue = make_queue(self, background)
        if self.shared:  # the index's tables in the shared database (made once, under a lock, by the first)
            with self._search_index():
                pass
        if self.queue.inline:  # an index made before viewers searched redacted copies gets them
            self.index_redacted_copies()
        else:
            self.queue.submit_call(self.index_redacted_copies)
        if not self.shared and not self.queue.inline:
            self._resume_jobs()

    def _resume_jobs(self) -> None:
        """On the embedded SQLite default the server runs the jobs itself: a job it had queued or was running when
        it stopped (a crash, a power cut) is taken up again at start, going on after the rows already stored."""
        for job in reversed(self.store.jobs(limit=1000)):
            if job["state"] in ("queued", "running"):
                self.queue.submit(job["id"])

    def close(self) -> None:
        self.queue.close()  # the job in progress finishes before the process ends

    # ------------------------------------------------------------------------------------- the model
    def model_dir(self) -> Path | None:
        active = self.store.active_model()
        if not active:
            return None
        if not active.get("file_id"):
            return Path(active["path"])  # a version trained before model folders were kept in the database
        key = (active["id"], active["file_id"])
        if key not in self._models:
            self._models[key] = self._unpack_model(active["file_id"])
        return self._models[key]

    def _unpack_model(self, file_id: int) -> Path:
        """The model folder of a version, unpacked once per host under the cache, by the archive's SHA-256."""
        import io
        import os
        import shutil
        import tarfile

        from ..resources import cache_dir

        info = self.store.file_info(file_id)
        target = cache_dir() / "models" / info["sha256"]
        if (target / ".complete").is_file():
            return target
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=".unpack-"))
        try:
            with tarfile.open(fileobj=io.BytesIO(self.store.file_data(file_id)), mode="r:gz") as tar:
                tar.extractall(tmp, filter="data")
            (tmp / ".complete").write_text(info["sha256"], encoding="utf-8")
            try:
                os.rename(tmp, target)
            except OSError:  # another process of this host unpacked it meanwhile
                if not (target / ".complete").is_file():
                    raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return target

    def model_name(self) -> str:
        active = self.store.active_model()
        return active["name"] if active else "shipped"

    def pipeline(self, province: str | None = None) -> PetitionPipeline:
        key = (str(self.model_dir()), province or None)
        with self._lock:
            pipe = self._pipelines.get(key)
            if pipe is None:
                self._pipelines = {k: v for k, v in self._pipelines.items() if k[0] == key[0]}
                pipe = self._pipelines[key] = PetitionPipeline(self.model_dir(), province)
            return pipe

    def classify_texts(self, texts: list, province: str | None = None) -> list[dict]:
        """The fields ``petitionnlp classify`` adds, for each text (the same pipeline and model)."""
        return self.pipeline(province).classify_texts(texts)

    # --------------------------------------------------------------------------------------------- jobs
    def run_job(self, job_id: int) -> dict | None:
        """Carry out one job (a batch, a retraining, a re-indexing) and record how it ended.  Run again after a
        worker died, it goes on from what is stored.  An unreachable database is raised (the queue retries);
        any other failure is the job's message, never a traceback."""
        job = self.store.start_job(job_id)
        if job is None:
            return None
        try:
            if job["kind"] == "batch":
                ok = self._batch_rows(job["batch_id"])
                if ok:
                    self.finish(job["batch_id"])
                batch = self.store.batch(job["batch_id"])
                self.store.update_job(job_id, state="done" if ok else "failed", progress=1.0 if ok else 0.0,
                                      message=batch["message"], result={"rows": batch["rows"],
                                                                        "errors": batch["errors"]})
            elif job["kind"] == "retrain":
                version = self._retrain(job["created_by"])
                self.store.update_job(job_id, state="done", progress=1.0, message=f"新模型版本 {version['name']}",
                                      result={"version_id": version["id"], "name": version["name"]})
            elif job["kind"] == "reindex":
                n = self.reindex_all()
                self.store.update_job(job_id, state="done", progress=1.0, message=f"已索引 {n} 条",
                                      result={"documents": n})
            else:
                self.store.update_job(job_id, state="failed", message=f"未知任务 (unknown job kind): {job['kind']}")
        except Exception as exc:  # noqa: BLE001 — a job that fails says why on its record
            if database_unreachable(exc):
                raise
            message = str(exc) if isinstance(exc, (PetitionNLPError, ValueError)) else \
                f"内部错误 (internal error): {type(exc).__name__}"
            self.store.update_job(job_id, state="failed", message=message[:2000])
            if job["kind"] == "batch":
                self.store.update_batch(job["batch_id"], state="failed", message=message[:2000])
        return self.store.job(job_id)

    def job_view(self, job: dict, redact_: bool = False) -> dict:
        """A job as the API shows it: ``{"id", "kind", "state", "progress", "message"}`` (and what it made); its
        message, a batch's notice or error, as :func:`batch_view` shows it (no server path; for viewers redacted)."""
        progress = job["progress"]
        if job["kind"] == "batch" and job["state"] in ("queued", "running") and job["batch_id"]:
            b = self.store.batch(job["batch_id"])
            progress = round(b["done_rows"] / b["rows"], 4) if b and b["rows"] else 0.0
        return {"id": job["id"], "kind": job["kind"], "state": job["state"], "progress": progress,
                "message": redact_message(job["message"]) if redact_ else (_scrub(job["message"]) if job["message"]
                                                                            else None),
                "batch_id": job["batch_id"], "created_by": job["created_by"],
                "attempts": job["attempts"], "worker": job["worker"], "result": job["result"]}

    # ------------------------------------------------------------------------------------------ batches
    def upload(self, filename: str, data: bytes, user: dict, wait: bool = False, handover_date: str | None = None,
               reply_days: int | None = None) -> dict:
        """Store an uploaded file (its bytes in the database) and queue its classification; the batch record and
        its ``job_id``.  The file is read once here: an unreadable one is refused at once (state ``failed``)
        and not kept.  ``wait``: on SQLite the rows are stored when this returns (repeats and the search index
        follow in the background); on PostgreSQL a worker stores them.  ``handover_date`` (交办日期, else a title
        row's 交办时间, a date column or today) and ``reply_days`` give each case its reply deadline."""
        safe = "".join(ch for ch in Path(filename or "batch.csv").name if ch not in "/\\\0") or "batch.csv"
        batch = self.store.add_batch(name=Path(safe).stem[:200], filename=safe[:255], uploaded_by=user["id"],
                                     state="processing", model_version=self.model_name(),
                                     handover_date=handover_date, reply_days=reply_days)
        file_id = self.store.add_file(safe, data)
        self.store.update_batch(batch["id"], file_id=file_id)
        self.store.log(user["username"], "upload", f"batch:{batch['id']}", {"file": safe, "bytes": len(data)})
        job = self.store.add_job("batch", user["username"], batch_id=batch["id"])
        if self.queue.inline:
            self.run_job(job["id"])
        elif wait and not self.shared:
            self.store.start_job(job["id"])
            if self._batch_rows(batch["id"]):
                self.queue.submit_call(self._finish_job, job["id"], batch["id"])
            else:
                b = self.store.batch(batch["id"])
                self.store.update_job(job["id"], state="failed", message=b["message"])
        else:
            counted = self._count_rows(batch["id"])
            if counted is not None:
                try:
                    self.queue.submit(job["id"])
                except Exception:
                    message = "任务未能排队，请重新上传 (the job could not be queued: upload again)"
                    try:
                        self.store.update_job(job["id"], state="failed", message=message)
                        self.store.update_batch(batch["id"], state="failed", message=message)
                    finally:
                        raise
        return {**self.store.batch(batch["id"]), "job_id": job["id"]}

    def _finish_job(self, job_id: int, batch_id: int) -> None:
        self.finish(batch_id)
        b = self.store.batch(batch_id)
        self.store.update_job(job_id, state="done", progress=1.0, message=b["message"],
                              result={"rows": b["rows"], "errors": b["errors"]})

    def _with_upload(self, batch: dict):
        """The uploaded file as a local temporary file (open_batch reads paths), removed after use."""
        from contextlib import contextmanager

        @contextmanager
        def opened():
            data = self.store.file_data(batch["file_id"]) if batch.get("file_id") else None
            if data is None:
                raise PetitionNLPError("上传的文件已不在数据库中 (the uploaded file is no longer stored)")
            suffix = Path(batch["filename"]).suffix.lower()
            with tempfile.TemporaryDirectory(dir=self.data_dir, prefix=f"batch-{batch['id']}-") as tmp:
                path = Path(tmp) / f"upload{suffix}"
                path.write_bytes(data)
                del data
                yield path

        return opened()

    def _refuse(self, batch: dict, exc: Exception, path: Path) -> None:
        self.store.update_batch(batch["id"], state="failed", message=_scrub(str(exc), path, self.data_dir))
        if batch.get("file_id"):
            self.store.drop_file(batch["file_id"])  # a refused file is not kept on the server

    def _count_rows(self, batch_id: int) -> int | None:
        """Read the uploaded file through (no classification): its rows, or None when it is refused."""
        batch = self.store.batch(batch_id)
        with self._with_upload(batch) as path:
            try:
                source = open_batch(str(path))
                n = sum(len(chunk) for chunk in source.chunks())
                source.close()
            except PetitionNLPError as exc:
                self._refuse(batch, exc, path)
                return None
        self.store.update_batch(batch_id, rows=n, columns=source.columns, text_column=source.text_column)
        return n

    def _batch_rows(self, batch_id: int) -> bool:
        """Read, classify and store every row of a batch, in input order, through the pipeline's batch runner;
        each chunk's rows and the batch's progress are one transaction, so a run that is interrupted goes on
        after the stored rows when run again (every row once).  False when the batch failed (it says why)."""
        batch = self.store.batch(batch_id)
        if batch["state"] == "failed":
            return False
        from ..settings import get_settings

        chunk_rows = get_settings().batch_chunk_rows
        with self._with_upload(batch) as path:
            try:
                source = open_batch(str(path), chunksize=chunk_rows)
            except PetitionNLPError as exc:
                self._refuse(batch, exc, path)
                return False
            try:
                from .cases import Intake, handover_from_titles

                job = RowJob("classify")
                job.pipeline = self.pipeline()
                date_col = find_column(source.columns, "date")
                given = parse_date(batch["handover_date"]) or handover_from_titles(source.titles)
                self.store.update_batch(batch_id, columns=source.columns, text_column=source.text_column)
                for _attempt in range(3):
                    start = self.store.batch(batch_id)["done_rows"]
                    n = start
                    intake = Intake(self.store, batch_id, source.columns)
                    try:
                        for raw_rows, rows in run_chunks([source], job, skip=start):
                            handover = given
                            records = []
                            for raw, row in zip(raw_rows, rows):
                                if date_col and handover is None:
                                    handover = parse_date(raw.get(date_col))
                                records.append(_petition_record(batch_id, n + len(records), raw, row,
                                                                source.text_column, source.columns))
                            before = intake.existing
                            new = intake.take(records, raw_rows)  # a 受理编号 already stored: not stored twice
                            n = self.store.add_chunk(batch_id, n, new, sum(1 for r in new if r["error"]),
                                                     handover.isoformat() if handover else None,
                                                     consumed=len(records), existing=intake.existing - before)
                        break
                    except BatchMoved:  # another worker stored rows meanwhile: go on after them
                        source.close()
                        source = open_batch(str(path), chunksize=chunk_rows)
                else:
                    raise PetitionNLPError("批次被多个进程同时处理，已停止 (batch taken over by another worker)")
                b = self.store.batch(batch_id)
                self.store.update_batch(batch_id, rows=n, handover_date=b["handover_date"] or office_today()
                                        .isoformat(), message="; ".join(source.notices)[:2000] or None,
                                        changed=intake.changed[:1000] or b["changed"] or None)
                self._hand_over(batch_id)
                intake.fill_reports()
                return True
            except PetitionNLPError as exc:
                self._refuse(batch, exc, path)
                return False
            finally:
                source.close()

    def finish(self, batch_id: int) -> None:
        """After a batch is stored: due dates, repeats of earlier petitions and of each other, the search index."""
        from ..triage import DuplicateFinder

        batch = self.store.batch(batch_id)
        try:
            petitions = self.store.petitions(batch_id)
            texts = [p["text"] or "" for p in petitions]
            ids = [str(p["id"]) for p in petitions]
            history = self.store.petition_history(batch_id)
            found = DuplicateFinder().fit(*history).find(texts, ids)
            updates = []
            for p, (dup, sim) in zip(petitions, found):
                updates.append({"id": p["id"], "duplicate_of": dup, "duplicate_score": sim})
                if dup and p["priority"] == "低":
                    updates[-1]["priority"] = "中"
            self.store.update_petitions(updates)
            self._index_petitions(petitions, batch["handover_date"])
            self.store.update_batch(batch_id, state="done")
        except Exception as exc:  # noqa: BLE001
            if database_unreachable(exc):
                raise
            self.store.update_batch(batch_id, state="done",
                                    message=f"查重或索引未完成 (repeats/index incomplete): {type(exc).__name__}")

    def _hand_over(self, batch_id: int) -> None:
        """Each new case of a batch gets its hand-over date and reply deadline (交办日期 + the batch's reply days,
        else the triage rules' days) — its unit was given as it was stored — and a first step in its history."""
        from ..triage import due_date

        batch = self.store.batch(batch_id)
        handover = dt.date.fromisoformat(batch["handover_date"])
        due = (due_date(handover, batch["reply_days"], working_days=False) if batch["reply_days"] is not None
               else due_date(handover))
        petitions = self.store.petitions(batch_id)
        units = {u["id"]: u["name"] for u in self.store.units()}
        self.store.update_petitions([{"id": p["id"], "handover_date": batch["handover_date"],
                                      "due_date": due if not p["error"] else None} for p in petitions])
        uploader = self.store.user(user_id=batch["uploaded_by"])
        name = uploader["username"] if uploader else None
        events = [{"petition_id": p["id"], "user": name, "action": "handover",
                   "detail": {"unit": units.get(p["unit_id"]), "due_date": due, "batch": batch_id}}
                  for p in petitions if not p["error"]]
        assigned = sum(1 for p in petitions if p["unit_id"])
        self.store.add_case_events(events, {"user": name, "action": "handover", "target": f"batch:{batch_id}",
                                            "detail": {"cases": len(events), "assigned": assigned,
                                                       "unassigned": len(events) - assigned, "due_date": due,
                                                       "existing": batch["existing"]}})

    def _search_index(self, readonly: bool = False):
        """The search index: in the shared database (``SearchIndex(URL)``) or the data folder's file."""
        from ..search import SearchIndex

        return SearchIndex(self.index_target, readonly=True) if readonly else SearchIndex(self.index_target)

    def _index_petitions(self, petitions: list[dict], date: str | None) -> None:
        docs = []
        for p in petitions:
            if p["text"] and not p["error"]:
                fields = dict(date=date, types=p["pollution_types"], province=p["province"], city=p["city"],
                              county=p["county"])
                receipt = p.get("receipt_id")  # the 受理编号 is searchable too (never redacted: not personal)
                text = f"{receipt} {p['text']}" if receipt else p["text"]
                hidden = redact(text)
                docs.append((f"petition:{p['id']}", text, dict(fields, title=text[:30], kind="petition")))
                docs.append((f"petition{_REDACTED}:{p['id']}", hidden,
                             dict(fields, title=hidden[:30], kind=f"petition{_REDACTED}")))
        with self._index_lock, self._search_index() as ix:
            for doc_id, text, fields in docs:
                ix.add(doc_id, text, **fields)

    def index_redacted_copies(self) -> int:
        """Index the redacted copy of every indexed petition and briefing that has none yet (an index made before
        viewers searched redacted text); the number indexed.  Until then viewers simply find fewer documents."""
        if self.index_target == str(self.index_path) and not self.index_path.is_file():
            return 0
        with self._search_index(readonly=True) as ix:
            have = set(ix.ids(VIEWER_KINDS))
            missing = [i for i in ix.ids(EDITOR_KINDS) if i.replace(":", f"{_REDACTED}:", 1) not in have]
        by_date: dict = {}
        n = 0
        for doc_id in missing:
            kind, _, number = doc_id.partition(":")
            if not number.isdigit():
                continue
            if kind == "briefing" and (b := self.store.briefing(int(number))):
                self._index_briefing(b)
                n += 1
            elif kind == "petition" and (p := self.store.petition(int(number))):
                by_date.setdefault(p["handover_date"], []).append(p)
        for date, petitions in by_date.items():
            self._index_petitions(petitions, date)
            n += len(petitions)
        return n

    def _index_briefing(self, b: dict) -> None:
        with self._index_lock, self._search_index() as ix:
            ix.add(f"briefing:{b['id']}", b["text"], title=b["title"], date=b["date"], kind="briefing")
            ix.add(f"briefing{_REDACTED}:{b['id']}", redact(b["text"]), title=redact(b["title"]), date=b["date"],
                   kind=f"briefing{_REDACTED}")

    def reindex(self, user: dict) -> dict:
        """Queue a rebuild of the search index from every stored petition and briefing; the job record."""
        job = self.store.add_job("reindex", user["username"])
        self.store.log(user["username"], "reindex", f"job:{job['id']}")
        self.queue.submit(job["id"])
        return self.store.job(job["id"])

    def reindex_all(self) -> int:
        n = 0
        for b in self.store.batches(limit=1_000_000):
            petitions = self.store.petitions(b["id"])
            self._index_petitions(petitions, b["handover_date"])
            n += sum(1 for p in petitions if p["text"] and not p["error"])
        for br in self.store.briefings():
            self._index_briefing(br)
            n += 1
        return n

    def correct(self, petition_id: int, user: dict, changes: dict, expected_version: int | None = None) -> dict | None:
        """Validated changes of a petition by a person (types among the eight, status among those set by hand,
        the unit id as :func:`.cases.update_case` found it); with ``expected_version``, refused
        (:class:`~.store.StaleVersion`) when the petition changed since."""
        from ..taxonomy import TYPES

        clean = {}
        for field, value in changes.items():
            if field == "unit_id":
                clean[field] = value
                continue
            if field not in EDITABLE:
                raise ValueError(f"不能修改 {field} (not editable)")
            if field == "pollution_types":
                if isinstance(value, str):
                    value = [v for v in value.replace("，", ",").replace("|", ",").replace("、", ",").split(",") if v]
                value = list(dict.fromkeys(str(v).strip() for v in value or ()))
                bad = [v for v in value if v not in TYPES]
                if bad or not value:
                    raise ValueError(f"污染类型应为 {' '.join(TYPES)} 之一 (unknown type): {'、'.join(bad) or '空'}")
            elif field == "status":
                if value not in SETTABLE_STATUSES:
                    raise ValueError(f"状态应为 {' / '.join(SETTABLE_STATUSES)} 之一；待审核、退回、阶段性办结由报送和审核产生 "
                                     "(unknown status)")
            else:
                value = (str(value).strip() or None) if value is not None else None
                if value and len(value) > 64:
                    raise ValueError("地名过长 (place name too long)")
                if value and any(ord(ch) < 32 or 0xD800 <= ord(ch) <= 0xDFFF for ch in value):
                    raise ValueError("地名含有控制字符 (control character in a place name)")
            clean[field] = value
        got = self.store.correct(petition_id, user, clean, expected_version=expected_version)
        if got and {"pollution_types", "city", "county"} & set(clean) and got["text"]:
            self._index_petitions([got], got["handover_date"])
        return got

    def export_xlsx(self, batch_id: int, redacted: bool, user: dict) -> bytes:
        """The batch as an XLSX in the table's own columns (污染类型 and 行政区域 filled, corrections included) and
        the workbench's columns in Chinese; ``redacted``: no personal information."""
        from .cases import case_views
        from .reports import queue_xlsx

        batch = self.store.batch(batch_id)
        views = case_views(self.store, self.store.petitions(batch_id), redact=redacted, history=False)
        data = queue_xlsx(views, list(batch["columns"] or []), batch["name"] or "信访件")
        self.store.log(user["username"], "export", f"batch:{batch_id}", {"redacted": redacted, "rows": len(views)})
        return data

    # ----------------------------------------------------------------------------------------- briefings
    def add_briefing(self, text: str, user: dict, title: str | None = None, date: str | None = None) -> dict:
        from ..briefing import extract_briefing

        result = extract_briefing(text, date or None)
        title = (title or next((ln.strip() for ln in text.splitlines() if ln.strip()), "简报"))[:200]
        b = self.store.add_briefing(title=title, date=result["date"], text=text, extract=result,
                                    uploaded_by=user["id"])
        self._index_briefing(b)
        self.store.log(user["username"], "briefing", f"briefing:{b['id']}", {"title": title})
        return b

    def deadlines(self, today: dt.date | None = None, redact_: bool = False) -> dict:
        """Directives' deadlines across all stored briefings: overdue, due this week (through Sunday), later;
        with ``redact_``, no personal information in them (for viewers)."""
        today = today or office_today()
        week_end = today + dt.timedelta(days=6 - today.weekday())
        out = {"overdue": [], "this_week": [], "later": []}
        from ..briefing import next_due_dates

        for b in self.store.briefings():
            for d in b["extract"]["directives"]:
                deadline = d.get("deadline") or {}
                standing = deadline.get("type") == "recurrence"  # 每3天一报告: the next report day is the deadline
                days = next_due_dates(deadline, b["date"], today, count=1) if deadline.get("type") in (
                    "deadline", "date", "recurrence") else []
                if not days:
                    continue
                due = days[0]
                item = {"briefing_id": b["id"], "briefing": b["title"], "actor": d["actor"],
                        "addressee": d["addressee"], "action": d["action"], "deadline": deadline["text"],
                        "due": due.isoformat(), "standing": standing,
                        "cadence": d.get("cadence") or (deadline.get("value") if standing else None)}
                if redact_:
                    item.update({k: redact(item[k]) for k in ("briefing", "actor", "addressee", "action", "deadline")})
                key = "overdue" if due < today else "this_week" if due <= week_end else "later"
                out[key].append(item)
        for v in out.values():
            v.sort(key=lambda x: x["due"])
        return out

    # --------------------------------------------------------------------------------------------- search
    def search(self, q: str, limit: int = 20, type_: str | None = None, region: str | None = None,
               date_from: str | None = None, date_to: str | None = None, redact: bool = False) -> list[dict]:
        if self.index_target == str(self.index_path) and not self.index_path.is_file():
            return []
        if any(ord(ch) < 32 and ch not in "\t\n\r" or 0xD800 <= ord(ch) <= 0xDFFF for ch in q):
            raise ValueError("检索词含有控制字符或无效字符 (control character in the query)")
        try:
            with self._search_index(readonly=True) as ix:
                hits = ix.search(q, limit, date_from, date_to, type_, region,
                                 kinds=VIEWER_KINDS if redact else EDITOR_KINDS)
        except PetitionNLPError:
            raise ValueError("检索词无法解析，请换一种写法 (the query cannot be searched)") from None
        for h in hits:  # a redacted copy answers as its document: petition:12, kind petition
            if h["kind"].endswith(_REDACTED):
                h["kind"] = h["kind"][:-len(_REDACTED)]
                h["id"] = h["kind"] + ":" + h["id"].split(":", 1)[1]
        return hits

    # -------------------------------------------------------------------------------------------- stats
    def stats(self, date_from: str | None = None, date_to: str | None = None, level: str = "city") -> dict:
        """The region × type table (as ``petitionnlp stats``) and 办结率 by region for a date range, regions in
        the official order; 办结率 = (已办结 + 阶段性办结) ÷ 件数, with 办理中 and 逾期 counts and a 合计 row."""
        from ..taxonomy import TYPES
        from .cases import region_order_key
        from .store import CLOSED_STATUSES

        rows = self.store.stats_rows(date_from, date_to)
        table = self._region_table(rows, level)
        today = office_today().isoformat()
        closed: dict[str, list[int]] = {}
        for r in rows:
            late = bool(r["due_date"]) and r["due_date"] < today and r["status"] not in CLOSED_STATUSES
            for region in (r["city"] or "未定位", "合计"):
                c = closed.setdefault(region, [0, 0, 0, 0])
                c[0] += 1
                c[1] += r["status"] == "已办结"
                c[2] += r["status"] == "阶段性办结"
                c[3] += late
        order = sorted(closed, key=lambda k: (k == "合计", region_order_key(k)))
        return {"columns": ["移交件数", *TYPES], "table": [{"region": str(i), **{k: int(v) for k, v in row.items()}}
                                                          for i, row in table.iterrows()],
                "closure": [{"region": k, "total": closed[k][0], "closed": closed[k][1], "staged": closed[k][2],
                             "in_progress": closed[k][0] - closed[k][1] - closed[k][2], "overdue": closed[k][3],
                             "rate": round((closed[k][1] + closed[k][2]) / closed[k][0], 3) if closed[k][0] else 0}
                            for k in order],
                "date_from": date_from, "date_to": date_to}

    @staticmethod
    def _region_table(rows: list[dict], level: str = "city"):
        """``petitionnlp stats``'s region × type table, its regions in the official order (合计 last)."""
        import pandas as pd

        from ..stats import region_type_table
        from .cases import region_order_key

        df = pd.DataFrame(rows, columns=["pollution_types", "city", "county", "status", "handover_date"])
        table = region_type_table(df, level=level)
        regions = sorted((i for i in table.index if i != "合计"), key=lambda i: region_order_key(str(i)))
        return table.loc[regions + [i for i in table.index if i == "合计"]]

    def stats_png(self, date_from: str | None = None, date_to: str | None = None) -> bytes:
        import tempfile

        from ..stats import write_chart

        table = self._region_table(self.store.stats_rows(date_from, date_to))
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "stats.png"
            write_chart(table, str(path))
            return path.read_bytes()

    # ------------------------------------------------------------------------------------------- models
    def retrain(self, user: dict, wait: bool = False) -> dict:
        """Train a new model version from the stored corrections on the shipped base, as a job (at once with
        ``wait``: the version); it is compared with the active version on held-out corrections and not
        activated."""
        records = self.store.training_records()
        if not any(r["types"] for r in records):
            raise ValueError("还没有更正过的信访件，无法重新训练 (no corrections to learn from yet)")
        self.store.log(user["username"], "retrain", None, {"records": len(records)})
        job = self.store.add_job("retrain", user["username"], payload={"records": len(records)})
        if wait:
            done = self.run_job(job["id"])
            if done["state"] != "done":
                raise ValueError(done["message"])
            return next(m for m in self.store.model_versions() if m["id"] == done["result"]["version_id"])
        self.queue.submit(job["id"])
        return {"started": True, "records": len(records), "job_id": job["id"]}

    def _retrain(self, username: str | None) -> dict:
        """One retraining: the model folder is trained in a scratch folder and kept in the database as a .tar.gz
        (any host unpacks it, :meth:`model_dir`)."""
        import hashlib
        import io
        import tarfile

        from ..resources import models_dir
        from ..training import evaluate_model, train_model

        records = self.store.training_records()
        with self._retrain_lock, tempfile.TemporaryDirectory(dir=self.data_dir, prefix="retrain-") as tmp:
            name = dt.datetime.now().strftime("v%Y%m%d-%H%M%S")
            folder = Path(tmp) / name
            held = [r for r in records if int(hashlib.sha256(str(r["id"]).encode()).hexdigest(), 16) % 5 == 0]
            train = [r for r in records if r not in held] or records
            corpora = Path(tmp) / f"{name}-corrections.jsonl"
            heldout = Path(tmp) / f"{name}-heldout.jsonl"
            for path, rows in ((corpora, train), (heldout, held)):
                with open(path, "w", encoding="utf-8") as fh:
                    for r in rows:
                        if r["types"]:
                            fh.write(json.dumps({"text": r["text"], "types": r["types"], "city": r["city"],
                                                 "county": r["county"], "province": r["province"]},
                                                ensure_ascii=False) + "\n")
            card = train_model([str(corpora)], folder)
            comparison = None
            if any(r["types"] for r in held):
                try:
                    comparison = evaluate_model([str(heldout)], folder, against=self.model_dir() or models_dir())
                except PetitionNLPError:
                    comparison = None
            packed = io.BytesIO()
            with tarfile.open(fileobj=packed, mode="w:gz") as tar:
                for item in sorted(folder.rglob("*")):
                    tar.add(item, arcname=str(item.relative_to(folder)), recursive=False)
            file_id = self.store.add_file(f"{name}.tar.gz", packed.getvalue())
        version = self.store.add_model_version(name, f"database:files/{file_id}", username, _card_summary(card),
                                               comparison, file_id=file_id)
        self.store.log(username, "model_trained", f"model:{name}", {"records": len(train), "heldout": len(held)})
        return version

    def activate(self, version_id: int, user: dict) -> dict | None:
        got = self.store.activate_model(version_id)
        if got:
            with self._lock:
                self._pipelines.clear()
            self.store.log(user["username"], "model_activated", f"model:{got['name']}")
        return got

    def deactivate(self, user: dict) -> None:
        """Back to the shipped model."""
        for m in self.store.model_versions():
            if m["active"]:
                self.store.deactivate_models()
                with self._lock:
                    self._pipelines.clear()
                self.store.log(user["username"], "model_rolled_back", f"model:{m['name']}")
                break

    def remove_upload(self, batch_id: int) -> None:
        b = self.store.batch(batch_id)
        if b and b.get("file_id"):
            self.store.drop_file(b["file_id"])


# ---------------------------------------------------------------------------------------------- helpers

def _json_safe(value):
    """Row cells as JSON can store them (dates as ISO text)."""
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, float) and value != value:
        return None
    return value


def _petition_record(batch_id: int, index: int, raw: dict, row: dict, text_column: str, columns: list[str]) -> dict:
    text = raw.get(text_column)
    error = row.get("error")
    return {"batch_id": batch_id, "row_index": index,
            "row": {c: _json_safe(v) for c, v in raw.items() if isinstance(c, str)},
            "text": text if isinstance(text, str) else (None if text is None else str(text)),
            "pollution_types": row.get("pollution_types"), "pollution_scores": row.get("pollution_scores"),
            "province": row.get("province"), "city": row.get("city"), "county": row.get("county"),
            "region_confidence": row.get("region_confidence"), "region_evidence": row.get("region_evidence"),
            "error": error, "priority": row.get("priority"), "priority_reasons": row.get("priority_reasons"),
            "department": row.get("department"), "status": "待办", "corrected": False,
            "pii": None, "duplicate_of": None, "duplicate_score": None, "due_date": None,
            "receipt_id": None, "unit_id": None, "version": 1}


def redact(text):
    """The one redaction of everything a viewer reads: the text with every name, phone, ID number, plate, e-mail
    and account replaced by its type in brackets (【电话】), as ``petitionnlp redact`` does; None stays None.
    Remembered for the texts met lately (a viewer's pages show the same briefings and cases again and again)."""
    if not isinstance(text, str) or not text:
        return text
    return _redact_remembered(text)


@lru_cache(maxsize=8192)
def _redact_remembered(text: str) -> str:
    from ..pii import redact_text

    return redact_text(text)[0]


_PATH = re.compile(r"(?<![\w.])(?:[A-Za-z]:)?[/\\](?:[^\s/\\:;，；：:]+[/\\])+[^\s/\\:;，；：]*")
_COLUMNS_PRESENT = re.compile(r"(现有列(?: \(columns present\))?[:：]\s*)[^;；]*")


def _scrub(message: str, path: Path | None = None, data_dir: Path | None = None) -> str:
    """A message with no server path in it: the upload's path becomes 上传的文件, any other absolute path its last
    part."""
    for p in (path, data_dir):
        if p is not None:
            for form in {str(p), str(Path(p).resolve())}:
                message = message.replace(form, "上传的文件" if p == path else "")
    return _PATH.sub(lambda m: re.split(r"[/\\]", m.group(0))[-1] or "上传的文件", message)


def redact_message(message: str | None) -> str | None:
    """A batch's notice or error for a viewer: no server path, no cell of the file (a file without a known header
    would list its first data row as its columns) and no personal information."""
    if not message:
        return message
    return redact(_COLUMNS_PRESENT.sub(lambda m: m.group(1) + "【已隐去】", _scrub(message)))


def batch_view(b: dict, redact_: bool) -> dict:
    """A batch as the pages and the API show it: its message without server paths; for viewers redacted."""
    view = dict(b)
    view["message"] = redact_message(b["message"]) if redact_ else (_scrub(b["message"]) if b["message"] else None)
    if redact_:
        view["filename"], view["name"] = redact(b["filename"]), redact(b["name"])
    return view


def briefing_view(b: dict, redact_: bool) -> dict:
    """A briefing as the pages and the API show it; for viewers its title, text, directives, times and keywords
    redacted (offsets are then into the original text)."""
    if not redact_:
        return b
    extract = dict(b["extract"])
    extract["directives"] = [{**d, "actor": redact(d.get("actor")), "addressee": redact(d.get("addressee")),
                              "action": redact(d.get("action")),
                              "deadline": {**d["deadline"], "text": redact(d["deadline"].get("text"))}
                              if d.get("deadline") else d.get("deadline")}
                             for d in extract.get("directives") or ()]
    extract["time_expressions"] = [{**t, "text": redact(t.get("text"))} for t in extract.get("time_expressions") or ()]
    extract["keywords"] = [{**k, "word": redact(k.get("word"))} for k in extract.get("keywords") or ()]
    return {**b, "title": redact(b["title"]), "text": redact(b["text"]), "extract": extract}


def petition_view(p: dict, batch: dict | None, redact: bool) -> dict:
    """A petition as the API and the pages show it: ``{"id", "row", "text", the classify and triage fields,
    "status"}``; with ``redact``, text and row carry no personal information."""
    view = {"id": p["id"], "batch_id": p["batch_id"], "row_index": p["row_index"], "row": dict(p["row"]),
            "text": p["text"]}
    for k in OUTPUT_FIELDS + ["duplicate_of", "duplicate_score", "due_date", "status", "corrected", "handover_date"]:
        view[k] = p.get(k)
    if redact:
        from ..pii import Redactor

        text_column = (batch or {}).get("text_column")
        row = Redactor(text_column or "", list(view["row"]))(dict(view["row"]))
        row.pop("pii", None)
        view["row"] = row
        view["text"] = _redact(p["text"])
        for k in ("error", "region_evidence"):
            view[k] = _redact(view.get(k))
    return view


_redact = redact  # petition_view's parameter is named redact


def _no_paths(value):
    """A stored comparison or card without the folders and corpora of the server (``model``, ``corpus``)."""
    if isinstance(value, dict):
        return {k: _no_paths(v) for k, v in value.items() if k not in ("model", "corpus", "path")}
    if isinstance(value, list):
        return [_no_paths(v) for v in value]
    if isinstance(value, str) and _PATH.fullmatch(value):
        return re.split(r"[/\\]", value)[-1]
    return value


def model_version_view(m: dict) -> dict:
    """A model version as the API and the models page show it: no server path; ``summary`` holds the comparison's
    figures as the page prints them, each None when the stored comparison (of any age or shape) lacks it."""
    comparison = _no_paths(m.get("comparison")) if isinstance(m.get("comparison"), dict) else None

    def get(d, *keys):
        for k in keys:
            d = d.get(k) if isinstance(d, dict) else None
        return d

    summary = None
    if comparison and get(comparison, "types", "micro_f1") is not None:
        summary = {"micro_f1": get(comparison, "types", "micro_f1"), "n": get(comparison, "types", "n"),
                   "against_micro_f1": get(comparison, "against", "types", "micro_f1"),
                   "difference": get(comparison, "difference", "micro_f1")}
    return {"id": m["id"], "name": m["name"], "created_at": m["created_at"], "created_by": m["created_by"],
            "active": m["active"], "card": _no_paths(m.get("card")) if isinstance(m.get("card"), dict) else None,
            "comparison": comparison, "summary": summary}


def _card_summary(card: dict) -> dict:
    keep = ("trained", "n_train", "n_real", "real_weight", "label_counts", "missing_types", "cross_validation", "base",
            "data")
    return {k: card.get(k) for k in keep}


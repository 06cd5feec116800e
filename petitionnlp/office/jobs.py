"""Who runs the office's jobs, and what a job is: this thread, this process's job thread, or — on PostgreSQL — any
``petitionnlp worker`` through a job queue kept in the same database; :func:`run_job` is the one place a job
(a batch, a retraining, a re-indexing) is carried out, whoever runs it.

The queue is procrastinate (maintained, PostgreSQL only, its jobs are rows that ``SELECT … FOR UPDATE SKIP
LOCKED`` hands to one worker, LISTEN/NOTIFY wakes the workers, workers send heartbeats).  A queue message carries
a job's id and nothing else: what the job is and how far it got is the workbench's ``jobs`` record and the
stored rows, so a job taken over from a worker that died (its heartbeat stopped: :func:`run_worker` retries such
stalled jobs) goes on where the stored rows end (:func:`run_job`).
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from ..errors import PetitionNLPError, internal_error
from . import batches, models
from .database import database_unreachable
from .errors import OfficeError

__all__ = ["make_queue", "InlineQueue", "ThreadQueue", "PostgresQueue", "queue_app", "run_job", "reindex_all",
           "index_redacted_copies", "TASK_NAME", "WORKER"]

TASK_NAME = "petitionnlp.run_job"
log = logging.getLogger("petitionnlp.jobs")


def make_queue(workbench, background: bool):
    if not background:
        return InlineQueue(workbench)
    if workbench.shared:
        return PostgresQueue(workbench)
    return ThreadQueue(workbench)


class InlineQueue:
    """Every job at once, in the calling thread (tests, the command line)."""

    inline = True

    def __init__(self, workbench):
        self.workbench = workbench

    def submit(self, job_id: int) -> None:
        self.workbench.run_job(job_id)

    def submit_call(self, fn, *args) -> None:
        fn(*args)

    def close(self) -> None:
        pass


class ThreadQueue:
    """The embedded default (SQLite, one process): one job thread in the server, jobs one after the other.  A job
    the database's going away interrupted is its own sweeper's: sent again after a pause (2, 4 … 30 seconds) until
    it ends, going on after the rows already stored (what a server that stopped left is taken up at its next
    start: :meth:`.workbench.Workbench._resume_jobs`)."""

    inline = False
    RETRY_MAX_WAIT = 30.0

    def __init__(self, workbench):
        self.workbench = workbench
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pnlp-job")
        self.closing = threading.Event()

    def submit(self, job_id: int, attempt: int = 0) -> None:
        self.executor.submit(self._run, job_id, attempt)

    def submit_call(self, fn, *args) -> None:
        self.executor.submit(fn, *args)

    def _run(self, job_id: int, attempt: int = 0) -> None:
        try:
            self.workbench.run_job(job_id)
        except Exception as exc:  # noqa: BLE001
            if not database_unreachable(exc):
                log.exception("job %s interrupted", job_id)
                return
            log.warning("job %s interrupted: the database is away (%s)", job_id, type(exc).__name__)
            self.later(job_id, attempt)

    def later(self, job_id: int, attempt: int = 0) -> None:
        """Run the job again after a pause that grows with ``attempt`` (the database is away now)."""
        timer = threading.Timer(min(self.RETRY_MAX_WAIT, 2.0 * 2 ** attempt), self._again, (job_id, attempt + 1))
        timer.daemon = True
        timer.start()

    def _again(self, job_id: int, attempt: int) -> None:
        if self.closing.is_set():
            return  # taken up at the next start
        try:
            self.submit(job_id, attempt)
        except RuntimeError:  # the executor shut down meanwhile
            pass

    def close(self) -> None:
        self.closing.set()
        self.executor.shutdown(wait=True, cancel_futures=False)


def conninfo(url: str) -> str:
    """A SQLAlchemy ``postgresql+psycopg://`` URL as the libpq connection string procrastinate takes."""
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


_APP = None
WORKER = {"workbench": None}  # the worker process's workbench, which the task runs jobs on (office.worker)


def queue_app(url: str):
    """This process's procrastinate app (one task: run a workbench job by its id)."""
    global _APP
    if _APP is None:
        from procrastinate import App, PsycopgConnector, RetryStrategy

        app = App(connector=PsycopgConnector(conninfo=conninfo(url)))

        # the database going away mid-job is retried (the job then goes on after the stored rows)
        @app.task(name=TASK_NAME, pass_context=False,
                  retry=RetryStrategy(max_attempts=20, wait=3, retry_exceptions={Exception}))
        def run_job(job_id: int) -> None:
            WORKER["workbench"].run_job(job_id)

        _APP = app
    return _APP


class PostgresQueue:
    """Jobs for the workers: a message in procrastinate's queue (``petitionnlp worker`` runs them)."""

    inline = False

    def __init__(self, workbench):
        self.workbench = workbench
        self._opened = False

    def submit(self, job_id: int) -> None:
        app = queue_app(self.workbench.store.url)
        with _OPEN_LOCK:
            if not self._opened:
                app.open()
                self._opened = True
        kind = self.workbench.store.job(job_id)["kind"]
        task = app.tasks[TASK_NAME]
        # one retraining or re-indexing at a time across all workers; batches in parallel
        task.configure(lock=kind if kind in ("retrain", "reindex") else None).defer(job_id=job_id)

    def submit_call(self, fn, *args) -> None:  # not used on the shared database: a worker does the whole job
        fn(*args)

    def close(self) -> None:
        if self._opened and _APP is not None:
            try:
                _APP.close()
            except Exception:  # noqa: BLE001
                pass
            self._opened = False


_OPEN_LOCK = threading.Lock()


def run_job(wb, job_id: int) -> dict | None:
    """Carry out one job (a batch, a retraining, a re-indexing) and record how it ended.  Run again after a
    worker died, it goes on from what is stored.  An unreachable database is raised (the queue retries);
    any other failure is the job's message, never a traceback."""
    store = wb.store
    job = store.start_job(job_id)
    if job is None:
        return None
    try:
        if job["kind"] == "batch":
            ok = batches.store_rows(wb, job["batch_id"])
            if ok:
                batches.finish(wb, job["batch_id"])
            batch = store.batch(job["batch_id"])
            store.update_job(job_id, state="done" if ok else "failed", progress=1.0 if ok else 0.0,
                             message=batch["message"], result={"rows": batch["rows"], "errors": batch["errors"]})
        elif job["kind"] == "retrain":
            version = models.train_version(wb, job["created_by"])
            store.update_job(job_id, state="done", progress=1.0, message=f"新模型版本 {version['name']}",
                             result={"version_id": version["id"], "name": version["name"]})
        elif job["kind"] == "reindex":
            n = reindex_all(wb)
            store.update_job(job_id, state="done", progress=1.0, message=f"已索引 {n} 条", result={"documents": n})
        else:
            store.update_job(job_id, state="failed", message=f"未知的后台任务：{job['kind']}")
    except Exception as exc:  # noqa: BLE001 — a job that fails says why on its record
        if database_unreachable(exc):
            raise
        message = str(exc) if isinstance(exc, (PetitionNLPError, OfficeError, ValueError)) else \
            internal_error(exc, f"job {job_id}")
        store.update_job(job_id, state="failed", message=message[:2000])
        if job["kind"] == "batch":
            store.update_batch(job["batch_id"], state="failed", message=message[:2000])
    return store.job(job_id)


def reindex_all(wb) -> int:
    """The search index rebuilt from every stored case and briefing (a withdrawn batch's cases taken out), each
    page read and written under the index's write lock; how many records are searchable.  Cases not in a repeat
    group yet (stored before groups were kept) are grouped first."""
    wb.grouping.run(wb.store)
    n = 0
    for b in wb.store.batches(limit=1_000_000):
        n += wb.index.refresh(wb.store, "batch", b["id"])
    for br in wb.store.briefings():
        n += wb.index.refresh(wb.store, "briefing", br["id"])
    return n


def index_redacted_copies(wb) -> int:
    """Index the redacted copy of every indexed case and briefing that has none made by the redaction rules of
    now (an index made before viewers searched redacted text, or by other rules: an upgrade, a server of another
    version); the number indexed.  Each record is read as stored now under the index's write lock, a page at a
    time (a batch withdrawn meanwhile stays withdrawn; requests' own index writes go between the pages).  Until
    then viewers simply find fewer documents."""
    cases, briefings = [], []
    for doc_id in wb.index.missing_redacted():
        kind, _, number = doc_id.partition(":")
        if number.isdigit() and kind in ("petition", "briefing"):
            (cases if kind == "petition" else briefings).append(int(number))
    n = sum(wb.index.refresh(wb.store, "briefing", b) for b in briefings)
    return n + wb.index.write_cases(wb.store, cases)

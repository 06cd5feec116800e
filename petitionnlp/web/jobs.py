"""Who runs the workbench's jobs: this thread, this process's job thread, or — on PostgreSQL — any
``petitionnlp worker`` through a job queue kept in the same database.

The queue is procrastinate (maintained, PostgreSQL only, its jobs are rows that ``SELECT … FOR UPDATE SKIP
LOCKED`` hands to one worker, LISTEN/NOTIFY wakes the workers, workers send heartbeats).  A queue message carries
a job's id and nothing else: what the job is and how far it got is the workbench's ``jobs`` record and the
stored rows, so a job taken over from a worker that died (its heartbeat stopped: :func:`run_worker` retries such
stalled jobs) goes on where the stored rows end (:meth:`.service.Workbench.run_job`).
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

__all__ = ["make_queue", "InlineQueue", "ThreadQueue", "PostgresQueue", "run_worker", "TASK_NAME"]

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
    """The embedded default (SQLite, one process): one job thread in the server, jobs one after the other."""

    inline = False

    def __init__(self, workbench):
        self.workbench = workbench
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pnlp-job")

    def submit(self, job_id: int) -> None:
        self.executor.submit(self._run, job_id)

    def submit_call(self, fn, *args) -> None:
        self.executor.submit(fn, *args)

    def _run(self, job_id: int) -> None:
        try:
            self.workbench.run_job(job_id)
        except Exception:  # noqa: BLE001 — the database went away: the job stays queued/running for a retry
            log.exception("job %s interrupted", job_id)

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=False)


def conninfo(url: str) -> str:
    """A SQLAlchemy ``postgresql+psycopg://`` URL as the libpq connection string procrastinate takes."""
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


_APP = None
_WORKBENCH = None  # the worker process's workbench, which the task runs jobs on


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
            _WORKBENCH.run_job(job_id)

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


def run_worker(url: str, concurrency: int = 1, stalled_after: float = 10.0) -> None:
    """A worker: takes jobs from the queue until stopped (SIGINT/SIGTERM: the running jobs finish first).
    Every ``stalled_after`` / 2 seconds it hands back to the queue the jobs of workers whose heartbeat is older
    than ``stalled_after`` seconds (killed, or their host gone)."""
    import asyncio

    from .service import Workbench

    global _WORKBENCH
    _WORKBENCH = Workbench(db_url=url, background=False)
    _WORKBENCH.pipeline()  # models loaded before the first job
    app = queue_app(url)
    heartbeat = max(0.5, stalled_after / 4)

    async def retry_stalled():
        while True:
            await asyncio.sleep(stalled_after / 2)
            try:
                stalled = await app.job_manager.get_stalled_jobs(task_name=TASK_NAME,
                                                                 seconds_since_heartbeat=stalled_after)
                for job in stalled:
                    try:
                        await app.job_manager.retry_job(job)
                        log.warning("job %s of a stalled worker handed back to the queue", job.id)
                    except Exception:  # noqa: BLE001 — another worker retried it first
                        pass
            except Exception:  # noqa: BLE001 — the database is away; try again next round
                log.warning("cannot look for stalled jobs", exc_info=False)

    async def main():
        import signal

        from procrastinate.worker import Worker

        stopping = asyncio.Event()
        current: list = []

        def stop():
            stopping.set()
            for w in current:
                w.stop()  # the running jobs finish first

        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop)
        while not stopping.is_set():  # a database restart stops procrastinate's worker: start it again
            try:
                async with app.open_async():
                    side = asyncio.create_task(retry_stalled())
                    worker = Worker(app, concurrency=concurrency, update_heartbeat_interval=heartbeat,
                                    stalled_worker_timeout=stalled_after, install_signal_handlers=False,
                                    delete_jobs="successful")
                    current[:] = [worker]
                    try:
                        await worker.run()
                    finally:
                        side.cancel()
            except Exception as exc:  # noqa: BLE001 — the database went away
                log.warning("worker interrupted (%s): starting again", type(exc).__name__)
            if not stopping.is_set():
                try:
                    await asyncio.wait_for(stopping.wait(), timeout=3)
                except asyncio.TimeoutError:
                    pass

    asyncio.run(main())
    _WORKBENCH.close()

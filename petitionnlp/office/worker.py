"""``petitionnlp worker``: a process that takes the office's jobs from the shared database's queue and runs them
on a :class:`.workbench.Workbench` of its own (batches, retraining, re-indexing), handing back to the queue the
jobs of workers that stopped answering."""

from __future__ import annotations

import logging

from .jobs import TASK_NAME, WORKER, queue_app
from .workbench import Workbench

__all__ = ["run_worker", "worker"]

log = logging.getLogger("petitionnlp.jobs")


def run_worker(url: str, concurrency: int = 1, stalled_after: float = 10.0) -> None:
    """A worker: takes jobs from the queue until stopped (SIGINT/SIGTERM: the running jobs finish first).
    Every ``stalled_after`` / 2 seconds it hands back to the queue the jobs of workers whose heartbeat is older
    than ``stalled_after`` seconds (killed, or their host gone), and sends again the stored jobs the queue has
    no message for (:func:`requeue`); its follower brings the search index to what the outbox names."""
    import asyncio

    workbench = WORKER["workbench"] = Workbench(db_url=url, background=False)
    workbench.pipeline()  # models loaded before the first job
    follower = workbench.start_follower()  # the search index's outbox: what a server could not index at once
    app = queue_app(url)
    heartbeat = max(0.5, stalled_after / 4)

    async def retry_stalled():
        while True:
            await asyncio.sleep(stalled_after / 2)
            try:
                await requeue(app, workbench, older_than=max(10.0, 2 * stalled_after))
            except Exception:  # noqa: BLE001 — the database is away; try again next round
                log.warning("cannot look for unqueued jobs", exc_info=False)
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
    follower.stop()
    workbench.close()


async def requeue(app, workbench, older_than: float = 30.0) -> int:
    """The sweeper of jobs a dead server or worker left: send again the jobs stored ``older_than`` seconds ago or
    more that the queue has no message for (:meth:`.store.Store.unqueued_jobs`: the server lost the database
    between storing an upload and sending its job, or the queue gave up retrying); how many.  A job sent twice is
    harmless: the second run finds it done, or goes on after the rows the first stored."""
    import asyncio

    from procrastinate.exceptions import AlreadyEnqueued

    n = 0
    for job in await asyncio.to_thread(workbench.store.unqueued_jobs, TASK_NAME, older_than):
        kind = job["kind"]
        try:
            await app.tasks[TASK_NAME].configure(lock=kind if kind in ("retrain", "reindex") else None,
                                                 queueing_lock=f"job:{job['id']}").defer_async(job_id=job["id"])
        except AlreadyEnqueued:
            continue
        log.warning("job %s had no message in the queue: sent again", job["id"])
        n += 1
    return n


def worker(db_url: str | None = None, concurrency: int | None = None) -> None:
    """``petitionnlp worker``: run background jobs from the shared database's queue until stopped."""
    import sys

    from ..errors import PetitionNLPError
    from ..settings import get_settings
    from .database import database_errors, describe, open_store, resolve_target

    _, url = resolve_target(None, db_url)
    if not url or url.startswith("sqlite"):
        raise PetitionNLPError("petitionnlp worker 需要共享的 PostgreSQL 数据库（--db-url 或 PETITIONNLP_DB_URL）；"
                               "使用 SQLite 时由 petitionnlp serve 自己处理后台任务")
    settings = get_settings()
    with database_errors(None, url):
        open_store(None, url).engine.dispose()
    print(f"后台任务：{describe(None, url)}  同时运行：{concurrency or settings.jobs_concurrency} 个"
          "（按 Ctrl-C 停止）", file=sys.stderr, flush=True)
    run_worker(url, concurrency or settings.jobs_concurrency, settings.worker_stalled_seconds)

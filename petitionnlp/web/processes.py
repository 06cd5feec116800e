"""The workbench's processes, for the command line: ``migrate`` (the one place the schema changes), ``serve``
(one or N server processes on one port) and ``worker`` (jobs from the queue of the shared database).

Where everything is kept is decided here once: ``--db-url`` / ``PETITIONNLP_DB_URL`` (a shared PostgreSQL
database), else the SQLite file of ``--data`` / ``PETITIONNLP_DATA``.  On SQLite a server still creates and
migrates its own file at start (one office, one machine, no set-up); on PostgreSQL it refuses a database whose
schema is not current, with one line saying to run ``petitionnlp migrate``.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

from ..errors import PetitionNLPError

__all__ = ["resolve_target", "open_store", "migrate", "serve", "worker", "describe"]


def resolve_target(data=None, db_url: str | None = None) -> tuple[Path | None, str | None]:
    """(data folder, None) for SQLite or (None, URL) for a shared database, options first, then the settings."""
    from ..settings import get_settings

    settings = get_settings()
    url = db_url or settings.db_url
    if url:
        return None, url
    return Path(data or settings.data), None


def describe(data: Path | None, url: str | None) -> str:
    """Where the workbench keeps its data, for a message (no password)."""
    if url:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    return str(data)


@contextmanager
def _database_errors(data, url):
    """A database that cannot be reached or has an old schema is one line, not a traceback."""
    from .service import database_unreachable
    from .store import SchemaOutOfDate

    try:
        yield
    except SchemaOutOfDate as exc:
        raise PetitionNLPError(str(exc)) from None
    except Exception as exc:
        if database_unreachable(exc) or type(exc).__name__ in ("ArgumentError", "NoSuchModuleError"):
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:200]
            raise PetitionNLPError(f"无法连接数据库 (cannot use the database) {describe(data, url)}: {reason}") from None
        raise


def open_store(data=None, db_url: str | None = None):
    """The store of the resolved target: SQLite created and migrated if needed, a shared database checked."""
    from .store import Store

    data, url = resolve_target(data, db_url)
    with _database_errors(data, url):
        store = Store(data, url=url)
        if store.shared:
            store.check_schema()
        else:
            store.migrate()
    return store


def migrate(data=None, db_url: str | None = None) -> tuple[str, list[str]]:
    """Bring the schema of the resolved target to this version: (where, the revisions applied)."""
    from .store import Store

    data, url = resolve_target(data, db_url)
    with _database_errors(data, url):
        applied = Store(data, url=url).migrate()
    return describe(data, url), applied


def _export(data: Path | None, url: str | None, host: str | None = None) -> None:
    """The options as settings, for the server processes uvicorn starts (they read them in the app factory)."""
    from ..settings import reset_settings

    if host is not None:
        os.environ["PETITIONNLP_SERVE_HOST"] = host

    if url:
        os.environ["PETITIONNLP_DB_URL"] = url
    else:
        os.environ.pop("PETITIONNLP_DB_URL", None)
        os.environ["PETITIONNLP_DATA"] = str(Path(data).resolve())
    reset_settings()


def serve(host: str, port: int, data=None, db_url: str | None = None, workers: int = 1) -> None:
    """Run the workbench: one process, or ``workers`` processes on the same port (uvicorn's supervisor)."""
    import logging

    import uvicorn

    data, url = resolve_target(data, db_url)
    open_store(data, url).engine.dispose()  # refuse an old schema (or migrate SQLite) once, before any process
    _export(data, url, host)
    logging.getLogger("uvicorn.error").setLevel(logging.WARNING)
    print(f"工作台 workbench: http://{host}:{port}/  数据 data: {describe(data, url)}"
          f"{f'  进程 workers: {workers}' if workers > 1 else ''}  (Ctrl-C 停止)", file=sys.stderr, flush=True)
    options = dict(host=host, port=port, log_level="warning", access_log=False, proxy_headers=False,
                   server_header=False)
    if workers > 1:
        uvicorn.run("petitionnlp.web.app:app_from_settings", factory=True, workers=workers, **options)
        return
    from .app import app_from_settings

    with _database_errors(data, url):
        app = app_from_settings()
    uvicorn.run(app, **options)


def worker(db_url: str | None = None, concurrency: int | None = None) -> None:
    """Run background jobs from the shared database's queue until stopped."""
    from ..settings import get_settings
    from .jobs import run_worker

    _, url = resolve_target(None, db_url)
    if not url or url.startswith("sqlite"):
        raise PetitionNLPError("worker 需要共享的 PostgreSQL 数据库 (--db-url 或 PETITIONNLP_DB_URL)；"
                               "使用 SQLite 时由 serve 自己处理后台任务 (a worker needs the shared database)")
    settings = get_settings()
    with _database_errors(None, url):
        open_store(None, url).engine.dispose()
    print(f"后台任务 worker: {describe(None, url)}  并发 concurrency: {concurrency or settings.jobs_concurrency}"
          "  (Ctrl-C 停止)", file=sys.stderr, flush=True)
    run_worker(url, concurrency or settings.jobs_concurrency, settings.worker_stalled_seconds)

"""``petitionnlp serve``: the workbench in one process, or N server processes on one port (uvicorn's supervisor),
over the store that :func:`petitionnlp.office.database.resolve_target` decides (an old schema refused, or SQLite
migrated, once, before any process starts)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..office.database import database_errors, describe, open_store, resolve_target

__all__ = ["serve"]


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
    """Run the workbench: one process, or ``workers`` processes on the same port."""
    import logging

    import uvicorn

    data, url = resolve_target(data, db_url)
    open_store(data, url).engine.dispose()  # refuse an old schema (or migrate SQLite) once, before any process
    _export(data, url, host)
    logging.getLogger("uvicorn.error").setLevel(logging.WARNING)
    print(f"工作台：http://{host}:{port}/  数据：{describe(data, url)}"
          f"{f'  进程数：{workers}' if workers > 1 else ''}（按 Ctrl-C 停止）", file=sys.stderr, flush=True)
    options = dict(host=host, port=port, log_level="warning", access_log=False, proxy_headers=False,
                   server_header=False)
    if workers > 1:
        uvicorn.run("petitionnlp.web.app:app_from_settings", factory=True, workers=workers, **options)
        return
    from .app import app_from_settings

    with database_errors(data, url):
        app = app_from_settings()
    uvicorn.run(app, **options)

"""Where the office keeps everything, decided once: ``--db-url`` / ``PETITIONNLP_DB_URL`` (a shared PostgreSQL
database), else the SQLite file of ``--data`` / ``PETITIONNLP_DATA``.  On SQLite the store is created and migrated
at start (one office, one machine, no set-up); on PostgreSQL a database whose schema is not current is refused
with one line saying to run ``petitionnlp migrate``.  And what an unreachable database looks like, whichever layer
raises it."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from ..errors import PetitionNLPError

__all__ = ["resolve_target", "describe", "database_errors", "open_store", "migrate", "database_unreachable",
           "unreachable_classes", "default_data_dir",
           "queue_unreachable"]


def default_data_dir() -> Path:
    from ..settings import get_settings

    return Path(get_settings().data)


def resolve_target(data=None, db_url: str | None = None) -> tuple[Path | None, str | None]:
    """(data folder, None) for SQLite or (None, URL) for a shared database, options first, then the settings."""
    from ..settings import get_settings

    settings = get_settings()
    url = db_url or settings.db_url
    if url:
        return None, url
    return Path(data or settings.data), None


def describe(data: Path | None, url: str | None) -> str:
    """Where the office keeps its data, for a message (no password)."""
    if url:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    return str(data)


def unreachable_classes() -> list[type]:
    """The exceptions of an unreachable database, whichever layer raises them (SQLAlchemy, psycopg, the queue)."""
    from sqlalchemy.exc import InterfaceError, OperationalError

    classes: list[type] = [OperationalError, InterfaceError]
    try:
        import psycopg

        classes += [psycopg.OperationalError, psycopg.InterfaceError]
    except ImportError:
        pass
    try:
        from procrastinate.exceptions import ConnectorException

        classes.append(ConnectorException)
    except ImportError:
        pass
    return classes


def queue_unreachable(exc: BaseException) -> bool:
    """True when a job could not be sent because the job queue's database is out of reach (the queue's own
    errors included): the job stays stored as queued, and a sweeper sends it (:func:`.worker.requeue`)."""
    return database_unreachable(exc) or isinstance(exc, tuple(unreachable_classes()))


def database_unreachable(exc: BaseException) -> bool:
    """True for the errors of a database that is down or restarting (not for a bad query), whichever layer
    raised them: SQLAlchemy, the driver, the search index (:class:`~petitionnlp.errors.DatabaseUnavailable`)."""
    from sqlalchemy.exc import DBAPIError

    from ..errors import DatabaseUnavailable

    if isinstance(exc, DatabaseUnavailable):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, tuple(c for c in unreachable_classes() if c.__module__.split(".")[0] != "procrastinate"))


@contextmanager
def database_errors(data, url):
    """A database that cannot be reached or has an old schema is one line, not a traceback."""
    from .store import SchemaOutOfDate

    try:
        yield
    except SchemaOutOfDate as exc:
        raise PetitionNLPError(str(exc)) from None
    except Exception as exc:
        if database_unreachable(exc) or type(exc).__name__ in ("ArgumentError", "NoSuchModuleError"):
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:200]
            raise PetitionNLPError(f"无法连接数据库 {describe(data, url)}：{reason}") from None
        raise


def open_store(data=None, db_url: str | None = None):
    """The store of the resolved target: SQLite created and migrated if needed, a shared database checked."""
    from .store import Store

    data, url = resolve_target(data, db_url)
    with database_errors(data, url):
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
    with database_errors(data, url):
        applied = Store(data, url=url).migrate()
    return describe(data, url), applied

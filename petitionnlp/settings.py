"""Every setting of petitionnlp, read once from the environment (``PETITIONNLP_*``): one pydantic-settings object.

=============================  ==========================================================  ======================
environment variable           what                                                         default
=============================  ==========================================================  ======================
``PETITIONNLP_DB_URL``         the shared database (``postgresql+psycopg://USER@HOST/DB``)   none: SQLite in DATA
``PETITIONNLP_DATA``           the workbench data folder (SQLite file, search index)         ``petitionnlp-data``
``PETITIONNLP_MODEL_DIR``      the model folder the command line uses                        the shipped models
``PETITIONNLP_CACHE``          the per-user cache (jieba, model arrays, unpacked models)     ``~/.cache/petitionnlp``
``PETITIONNLP_FONT``           a CJK font file for charts                                    found on the system
``PETITIONNLP_DEBUG``          tracebacks instead of one-line errors                         off
``PETITIONNLP_ALLOWED_HOSTS``  Host headers the server answers, comma-separated              any
``PETITIONNLP_TRUSTED_PROXIES`` proxy addresses whose X-Forwarded-For is believed            none
``PETITIONNLP_TZ``             the office's time zone                                         ``Asia/Shanghai``
``PETITIONNLP_MAX_UPLOAD_MB``  largest upload                                                 64
``PETITIONNLP_MAX_BODY_MB``    largest other request body                                     4
``PETITIONNLP_JOBS_CONCURRENCY`` jobs a worker runs at once                                   1
``PETITIONNLP_WORKER_STALLED_SECONDS`` a worker silent that long is dead: its jobs go to others  10
``PETITIONNLP_BATCH_CHUNK_ROWS`` rows of a batch stored in one transaction                     1000
``PETITIONNLP_REMIND_DAYS``    an open case due within this many days is 临期 (reminders)       3
``PETITIONNLP_REPEAT_THRESHOLD`` similarity from which a petition repeats an earlier one (repeats) 0.45
``PETITIONNLP_HOTSPOT_ALPHA``  a hotspot's upper-tail probability under its history (hotspots)  0.001
``PETITIONNLP_HOTSPOT_MIN_COUNT`` fewest petitions of a type in the period for a hotspot          3
``PETITIONNLP_HOTSPOT_MIN_HISTORY_DAYS`` the least history before the period to judge a region   28
``PETITIONNLP_OFFICE_NAME``    the issuing office: the 专报's head and 版记                  生态环境保护督察工作领导小组办公室
``PETITIONNLP_REPORT_TO``      the 专报's 报 line (to whom it is reported)                   领导小组组长、副组长
``PETITIONNLP_REPORT_CC``      the 专报's 送 line (to whom it is sent)                       领导小组各成员单位，各责任单位
``PETITIONNLP_PROVINCE``       the province in the 公开表's title                            the units' one province
=============================  ==========================================================  ======================

:func:`get_settings` builds the object the first time it is asked for and keeps it.  The command line's hot path
(``classify`` start-up) needs only the model folder and the cache: :func:`setting` answers those from the object
once it exists, else from the one variable, without importing pydantic (about 0.1 s of start-up).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["get_settings", "setting", "reset_settings", "ENV_PREFIX"]

ENV_PREFIX = "PETITIONNLP_"
_settings = None
_built_from: dict | None = None  # the PETITIONNLP_* variables the object was read from


def _ours() -> dict:
    return {k: v for k, v in os.environ.items() if k.startswith(ENV_PREFIX)}


def _settings_class():
    from pydantic import field_validator
    from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
    from typing import Annotated

    class Settings(BaseSettings):
        """The settings of one process (a server, a worker, a command)."""

        model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore")

        db_url: str | None = None
        data: Path = Path("petitionnlp-data")
        model_dir: Path | None = None
        cache: Path | None = None
        font: Path | None = None
        debug: bool = False
        allowed_hosts: Annotated[list[str], NoDecode] = []
        trusted_proxies: Annotated[list[str], NoDecode] = []
        serve_host: str | None = None  # set by ``petitionnlp serve --host`` for its server processes
        tz: str = "Asia/Shanghai"
        max_upload_mb: int = 64
        max_body_mb: int = 4
        jobs_concurrency: int = 1
        worker_stalled_seconds: float = 10.0
        batch_chunk_rows: int = 1000
        remind_days: int = 3
        repeat_threshold: float = 0.45
        hotspot_alpha: float = 0.001
        hotspot_min_count: int = 3
        hotspot_min_history_days: int = 28
        office_name: str = "生态环境保护督察工作领导小组办公室"
        report_to: str = "领导小组组长、副组长"
        report_cc: str = "领导小组各成员单位，各责任单位"
        province: str | None = None

        @field_validator("allowed_hosts", "trusted_proxies", mode="before")
        @classmethod
        def _comma_list(cls, value):
            if isinstance(value, str):
                return [v.strip() for v in value.split(",") if v.strip()]
            return value

        @field_validator("db_url", "model_dir", "cache", "font", "province", mode="before")
        @classmethod
        def _empty_is_none(cls, value):
            return None if value == "" else value

        @field_validator("debug", mode="before")
        @classmethod
        def _any_text_is_on(cls, value):  # PETITIONNLP_DEBUG=1, =yes, =true: on; empty or 0/false/no: off
            if isinstance(value, str):
                return value.strip().lower() not in ("", "0", "false", "no", "off")
            return value

        @property
        def cache_dir(self) -> Path:
            return self.cache or Path(os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache"))) / "petitionnlp"

        @property
        def shared(self) -> bool:
            """True when the workbench runs on a shared database (not the embedded SQLite file)."""
            return bool(self.db_url) and not self.db_url.startswith("sqlite")

    return Settings


def get_settings():
    """The process's settings, read from the environment the first time (and again only if a ``PETITIONNLP_*``
    variable was changed since, as a test or ``serve`` setting its options does)."""
    global _settings, _built_from
    env = _ours()
    if _settings is None or env != _built_from:
        _settings, _built_from = _settings_class()(), env
    return _settings


def reset_settings() -> None:
    """Read the environment again at the next :func:`get_settings`."""
    global _settings
    _settings = None


def setting(name: str):
    """One path setting (``model_dir``, ``cache``, ``font``) without building the whole object when it is not
    built yet: the variable's text, or None when unset or empty."""
    if _settings is not None and _ours() == _built_from:
        return getattr(_settings, name)
    value = os.environ.get(ENV_PREFIX + name.upper())
    return Path(value) if value else None

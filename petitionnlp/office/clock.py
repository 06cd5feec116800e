"""The office's clock: "now" and "today" in the office's time zone (default Asia/Shanghai, Beijing time).

Stored times stay naive UTC (:func:`petitionnlp.office.tables.now`); dates an office works by — the hand-over day, a
reply deadline, whether a case is overdue — and every time shown on a page are in the office's zone.  The zone is
read in :func:`office_zone_name` only, from the settings (env ``PETITIONNLP_TZ``).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["office_zone_name", "office_zone", "office_now", "office_today", "office_time",
           "DEFAULT_ZONE"]

DEFAULT_ZONE = "Asia/Shanghai"


def office_zone_name() -> str:
    from ..settings import get_settings

    return get_settings().tz or DEFAULT_ZONE


@lru_cache(maxsize=8)
def _zone(name: str) -> dt.tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_ZONE)


def office_zone() -> dt.tzinfo:
    return _zone(office_zone_name())


def office_now() -> dt.datetime:
    """The office's wall-clock time (aware)."""
    return dt.datetime.now(office_zone())


def office_today() -> dt.date:
    return office_now().date()


def office_time(value: dt.datetime | None, zone: dt.tzinfo | None = None) -> dt.datetime | None:
    """A stored time (naive UTC, or one that carries its zone) in the office's zone (``zone``, when the caller
    looked it up once for many): the one conversion pages, documents and the API use."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(zone or office_zone())



"""The province at a glance, from the stored cases (CONTRACT.md "Repeats, hotspots and the map"): hotspot alerts of
a period (:func:`alerts`, by :class:`petitionnlp.hotspots.HotspotRule`) and the county map of a period's cases or
办结率 (:func:`county_map`, by :mod:`petitionnlp.maps`).  Periods are hand-over dates, inclusive, as for progress;
a period not given is the last seven days to today (Beijing time).  Neither names a petition's text: viewers read
both."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from ..dates import period_words
from ..hotspots import HotspotRule
from ..maps import (MEASURES, city_values, county_values, map_level, map_title, province_map, render_png, render_svg,
                    unplaced_counts)
from .clock import office_today
from .errors import Invalid, Messages
from .figures import check_period, period_cases

__all__ = ["period", "alerts", "county_map", "map_province", "DEFAULT_PROVINCE", "WEEK"]

DEFAULT_PROVINCE = "湖南省"  # when no case of the period names one
WEEK = 7


def period(date_from: str | None, date_to: str | None, today: dt.date | None = None) -> tuple[str, str]:
    """(from, to) of a period: what was given, the rest a week ending today (or ending at ``to``)."""
    end = dt.date.fromisoformat(date_to) if date_to else (today or office_today())
    start = dt.date.fromisoformat(date_from) if date_from else end - dt.timedelta(days=WEEK - 1)
    check_period(start.isoformat(), end.isoformat())
    return start.isoformat(), end.isoformat()


def _record(row: dict) -> dict:
    return {"id": row["id"], "date": row["handover_date"], "province": row["province"], "city": row["city"],
            "county": row["county"], "pollution_types": row["pollution_types"]}


def alerts(store, date_from: str | None = None, date_to: str | None = None, rule: HotspotRule | None = None) -> dict:
    """``{"from", "to", "alerts": [{"region", "type", "count", "expected", "since", "score", "petitions"}]}``:
    the counties and cities whose count of one type among the period's cases stands far above their own history
    of stored cases before it (none while that history is too short: README, "Hotspot alerts")."""
    start, end = period(date_from, date_to)
    records = [_record(r) for r in store.petitions(cases=True, date_to=end, sort="id") if r["handover_date"]]
    found = (rule or HotspotRule(date_field="date")).alerts(records, start, end)
    return {"from": start, "to": end, "alerts": found}


def map_province(store, province: str | None, date_from: str | None, date_to: str | None) -> str:
    """The province a map draws: the one asked for (湖南 or 湖南省), else the one most of the period's cases name."""
    if not province:
        rows = store.petitions(cases=True, date_from=date_from, date_to=date_to)
        named = Counter(r["province"] for r in rows if r["province"])
        province = named.most_common(1)[0][0] if named else DEFAULT_PROVINCE
    try:
        return province_map(province).province
    except ValueError:
        raise Invalid(Messages.O280.format(name=str(province)[:40])) from None


def county_map(store, province: str | None = None, date_from: str | None = None, date_to: str | None = None,
               measure: str = "count", fmt: str = "svg") -> dict:
    """``{"province", "from", "to", "measure", "values": {region: value}, "missing": [regions without a boundary],
    "unplaced": {city: cases placed to it but to no county}, "level", "by_city", "title", "svg" or "png"}``: the
    county map of the period's cases (``count``) or 办结率 (``closure_rate``, as progress counts it: 不受理 apart),
    labelled 示意图.  Where most cases are placed to a city only (``level`` ``city``,
    :func:`petitionnlp.maps.map_level`) it is drawn by city (``by_city``: city → value; else None).  A period
    not given is every hand-over date."""
    if measure not in MEASURES:
        raise Invalid(Messages.O201.format(field="measure", choices="/".join(MEASURES), what="地图指标",
                                           value=str(measure)[:20]))
    check_period(date_from, date_to)
    name = map_province(store, province, date_from, date_to)
    rows, _ = period_cases(store, date_from, date_to)
    values = county_values(rows, name, measure)
    unplaced = unplaced_counts(rows, name)
    level = map_level(rows, name)
    by_city = city_values(rows, name, measure) if level == "city" else None
    when = period_words(date_from, date_to) or "全部交办件"  # a single day named once, as the 专报 names it
    out = {"province": name, "from": date_from, "to": date_to, "measure": measure, "values": values,
           "missing": province_map(name).missing, "unplaced": unplaced, "level": level, "by_city": by_city,
           "title": map_title(name, measure, level)}
    if fmt == "png":
        out["png"] = render_png(values, name, measure, subtitle=when, unplaced=unplaced, by_city=by_city)
    else:
        out["svg"] = render_svg(values, name, measure, subtitle=when, unplaced=unplaced, by_city=by_city)
    return out


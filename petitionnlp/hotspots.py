"""Hotspot alerts: a county's (or a city's) count of one pollution type in a period, against its own history.

The method (README, "Hotspot alerts"): for each region and type, ``H`` petitions in the ``T`` days of history
before the period (up to ``lookback_days``, and only days the records cover) and ``c`` in the period's ``d``
days.  If petitions of that region and type arrive as a Poisson process whose rate is not known but estimated
from its history (a Gamma(``prior`` + H, T) posterior from a Jeffreys-like Gamma(``prior``, 0) prior), the
period's count has the negative binomial predictive distribution NB(r = H + prior, p = T / (T + d)), of mean
``expected`` = (H + prior) · d / T.  An alert is raised when

* ``c`` ≥ ``min_count`` (a hotspot is several petitions, not one or two), and
* P(X ≥ c) under that distribution ≤ ``alpha`` (the upper tail; ``score`` = −log10 of it), and
* the records cover at least ``min_history_days`` before the period (else nothing is judged: too little
  history).

Estimating the rate rather than plugging it in is what makes the test fit small counts: a region with no
history is not alarmed by its first two petitions, and one with a short or sparse history needs more evidence
than one with a long steady history.  A region with no petition in the history is judged against zero over the
history's length (it had a history; it was quiet).  Counts are of petitions (a petition of two types counts
under each), by the places and types the records carry.

No web or database code: the office passes its records (dicts) and gets plain dicts back.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from typing import Iterable

__all__ = ["HotspotRule", "find_hotspots", "region_path"]


def _date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _types(value) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [t for t in value if isinstance(t, str) and t]
    if isinstance(value, str) and value:  # "大气|水" (CSV) or '["大气", "水"]' (JSON text)
        parts = value.strip("[]").replace('"', "").split("|" if "|" in value else ",")
        return [t.strip() for t in parts if t.strip()]
    return []


def region_path(record: dict, level: str = "county") -> str | None:
    """``湖南省/衡阳市/衡南县`` (level county) or ``湖南省/衡阳市`` (level city) of a record, None when not known."""
    province, city, county = (record.get(k) or None for k in ("province", "city", "county"))
    if not city:
        return None
    head = f"{province}/{city}" if province else city
    if level == "city":
        return head
    return f"{head}/{county}" if county else None


class HotspotRule:
    """The hotspot test and its settings (defaults: ``PETITIONNLP_HOTSPOT_ALPHA``, ``…_MIN_COUNT``,
    ``…_MIN_HISTORY_DAYS``).

    alpha : upper-tail probability at or below which a count is a hotspot
    min_count : fewest petitions of a type in the period for a hotspot
    min_history_days : the least history the records must cover before the period
    lookback_days : history used, at most (older records are ignored)
    prior : shape of the Gamma prior on a region's rate (0.5: Jeffreys-like, weak)
    levels : region levels judged
    date_field : the record's date (the hand-over date)
    """

    def __init__(self, alpha: float | None = None, min_count: int | None = None,
                 min_history_days: int | None = None, lookback_days: int = 364, prior: float = 0.5,
                 levels: tuple = ("county", "city"), date_field: str = "date"):
        self.alpha = alpha
        self.min_count = min_count
        self.min_history_days = min_history_days
        self.lookback_days = lookback_days
        self.prior = prior
        self.levels = levels
        self.date_field = date_field

    def _settings(self) -> tuple[float, int, int]:
        if None in (self.alpha, self.min_count, self.min_history_days):
            from .settings import get_settings

            s = get_settings()
        return (self.alpha if self.alpha is not None else s.hotspot_alpha,
                self.min_count if self.min_count is not None else s.hotspot_min_count,
                self.min_history_days if self.min_history_days is not None else s.hotspot_min_history_days)

    def tail(self, count: int, history: int, history_days: float, days: float) -> tuple[float, float]:
        """(expected count, P(X ≥ count)) for ``count`` in ``days`` after ``history`` in ``history_days``."""
        from scipy.stats import nbinom

        r = history + self.prior
        p = history_days / (history_days + days)
        return r * days / history_days, float(nbinom.sf(count - 1, r, p))

    def alerts(self, records: Iterable[dict], start, end) -> list[dict]:
        """The hotspots of the period ``start``–``end`` (dates, inclusive), highest score first:
        ``{"region", "type", "count", "expected", "since", "score", "petitions"}``.  Empty when the records
        cover less than ``min_history_days`` before ``start``."""
        alpha, min_count, min_history = self._settings()
        start, end = _date(start), _date(end)
        if start is None or end is None or end < start:
            raise ValueError("a period needs a start and an end date, the end not before the start")
        horizon = start - dt.timedelta(days=self.lookback_days)
        first = None
        now: dict[tuple, list] = defaultdict(list)
        past: dict[tuple, int] = defaultdict(int)
        for r in records:
            day = _date(r.get(self.date_field))
            if day is None or day > end:
                continue
            first = day if first is None or day < first else first
            if day < horizon:
                continue
            regions = [p for p in (region_path(r, level) for level in self.levels) if p]
            for t in _types(r.get("pollution_types")):
                for region in regions:
                    key = (region, t)
                    if day >= start:
                        now[key].append((day, r.get("id")))
                    else:
                        past[key] += 1
        if first is None:
            return []
        history_days = (start - max(first, horizon)).days
        if history_days < max(min_history, 1):
            return []
        days = (end - start).days + 1
        out = []
        for (region, t), hits in now.items():
            count = len(hits)
            if count < min_count:
                continue
            expected, p = self.tail(count, past.get((region, t), 0), history_days, days)
            if p > alpha:
                continue
            hits.sort(key=lambda h: (h[0], str(h[1])))
            out.append({"region": region, "type": t, "count": count, "expected": round(expected, 2),
                        "since": hits[0][0].isoformat(), "score": round(-math.log10(max(p, 1e-300)), 2),
                        "petitions": [h[1] for h in hits]})
        out.sort(key=lambda a: (-a["score"], a["region"], a["type"]))
        return out


def find_hotspots(records: Iterable[dict], start, end, **settings) -> list[dict]:
    """:meth:`HotspotRule.alerts` with the settings given (the rest from the environment)."""
    return HotspotRule(**settings).alerts(records, start, end)

"""Places as the office stores them: always one path of the national gazetteer (a county's own city and province),
whether a unit's region, a person's correction of a case, or a table's 行政区域; and in the official order.

:func:`parse_region` reads a path (``湖南省/衡阳市/常宁市``); :func:`resolve_correction` reads what a clerk typed
(a county, a city or a path; short forms such as 常宁 when they name one place in the case's province) and
refuses anything else with up to five suggestions; :func:`place_name` writes a place as the tables do
(长沙市岳麓区) and :func:`region_order_key` orders places by their code.
"""

from __future__ import annotations

import difflib
from functools import lru_cache

from .errors import Invalid, Messages

__all__ = ["parse_region", "resolve_correction", "place_name", "region_path", "region_order_key", "choices",
           "MAX_SUGGESTIONS"]

MAX_SUGGESTIONS = 5
LEVELS = ("province", "city", "county")


def _gazetteer():
    from ..regions import get_gazetteer

    return get_gazetteer()


def _named(name: str, level: str) -> list:
    """The places of ``level`` whose official or short name is ``name`` (official names first)."""
    g = _gazetteer()
    out = []
    for table in (g.exact, g.short):
        for p in table.get(name, ()) or ():
            if p.level == level and p not in out:
                out.append(p)
    return out


def _path(p) -> dict:
    """A place as ``{"province", "city", "county", "adcode"}``."""
    if p.level == "province":
        return {"province": p.name, "city": None, "county": None, "adcode": p.adcode}
    if p.level == "city":
        return {"province": p.province, "city": p.name, "county": None, "adcode": p.adcode}
    return {"province": p.province, "city": p.city, "county": p.name, "adcode": p.adcode}


def region_path(place: dict) -> str:
    """``湖南省/衡阳市/常宁市``: a place's names joined by /."""
    return "/".join(place[k] for k in LEVELS if place.get(k))


def _clean(name) -> str:
    text = "" if name is None else str(name).strip()
    if len(text) > 64 or any(ord(ch) < 32 or 0xD800 <= ord(ch) <= 0xDFFF for ch in text):
        raise Invalid(Messages.O211)
    return text


@lru_cache(maxsize=1)
def _all_places() -> dict[str, list]:
    """Every province, city and county by level, with the names a suggestion is matched against."""
    out: dict[str, list] = {level: [] for level in LEVELS}
    for p in _gazetteer().by_adcode.values():
        if p.level in out:
            out[p.level].append(p)
    for level in out:
        out[level].sort(key=lambda p: p.adcode)
    return out


def _suggest(name: str, level: str, province: str | None) -> list[str]:
    """Up to five paths of places whose names look like ``name``, the case's province first."""
    places = _all_places()[level]
    short = name.rstrip("省市县区旗")
    scored = []
    for p in places:
        ratio = max(difflib.SequenceMatcher(None, name, p.name).ratio(),
                    difflib.SequenceMatcher(None, short, p.name).ratio() if short else 0)
        if short and short in p.name:
            ratio = max(ratio, 0.75)
        if ratio >= 0.5:
            scored.append((-(ratio + (0.3 if province and p.province == province else 0)), p.adcode, p))
    scored.sort(key=lambda x: (x[0], x[1]))
    return [region_path(_path(p)) for _, _, p in scored[:MAX_SUGGESTIONS]]


def _pick(name: str, level: str, province: str | None, city: str | None = None) -> dict:
    """The one place of ``level`` called ``name``, the case's province (and city) deciding between namesakes;
    :class:`Invalid` with suggestions when there is none or no way to choose."""
    found = _named(name, level)
    for narrow in (lambda p: p.province == province and (level != "county" or p.city == city),
                   lambda p: p.province == province):
        if len(found) > 1:
            kept = [p for p in found if narrow(p)]
            found = kept or found
    if len(found) == 1:
        return _path(found[0])
    if found:
        raise Invalid(Messages.O210.format(name=name), suggestions=[region_path(_path(p))
                                                                    for p in found[:MAX_SUGGESTIONS]])
    raise Invalid(Messages.O209.format(name=name), suggestions=_suggest(name, level, province))


def parse_region(region: str | None) -> dict:
    """``湖南省/衡阳市/常宁市`` (standard or short names, / or ／) → ``{"province", "city", "county", "adcode"}``, each level
    inside the one before; all None for an empty path; :class:`Invalid` with suggestions for a name the gazetteer
    does not know there."""
    parts = [p.strip() for p in _clean(region).replace("／", "/").split("/") if p.strip()]
    if not parts:
        return {"province": None, "city": None, "county": None, "adcode": None}
    if len(parts) > 3:
        raise Invalid(Messages.O209.format(name=region), suggestions=[])
    place = _pick(parts[0], "province", None)
    for level, name in zip(LEVELS[1:], parts[1:]):
        parent = place["province"] if level == "city" else place["city"]
        inside = [p for p in _named(name, level) if (p.province if level == "city" else p.city) == parent]
        if len(inside) != 1:
            within = [region_path(_path(p)) for p in _all_places()[level]
                      if (p.province if level == "city" else p.city) == parent]
            close = difflib.get_close_matches(f"{region_path(place)}/{name}", within, n=MAX_SUGGESTIONS, cutoff=0.5)
            raise Invalid(Messages.O209.format(name=f"{region_path(place)}/{name}"), suggestions=close)
        place = _path(inside[0])
    return place


def resolve_correction(current: dict, *, region=None, city=None, county=None) -> dict:
    """A clerk's correction of a case's place as one consistent path ``{"province", "city", "county"}`` (and its
    ``adcode``): a
    ``region`` path, else a ``county`` (its city and province follow), else a ``city`` (its province follows; the
    county is kept only when it lies in that city).  Short forms resolve when they name one place in the case's
    province.  An empty value clears that level and those below it."""
    province, have_city = current.get("province"), current.get("city")
    if region is not None:
        return parse_region(region)
    if county is not None:
        name = _clean(county)
        if not name:
            return {"province": province, "city": have_city, "county": None, "adcode": None}
        return _pick(name, "county", province, have_city)
    name = _clean(city)
    if not name:
        return {"province": province, "city": None, "county": None, "adcode": None}
    place = _pick(name, "city", province)
    keep = current.get("county")
    if keep and any(p.city == place["city"] for p in _named(keep, "county")):
        place["county"] = keep
    return place


def choices(provinces) -> dict[str, list[str]]:
    """What a correction form offers for these provinces (the cases' own): their cities, their counties and the
    paths of both, in the official order."""
    wanted = {p for p in provinces if p}
    places = [p for level in ("city", "county") for p in _all_places()[level] if p.province in wanted]
    places.sort(key=lambda p: p.adcode)
    return {"cities": list(dict.fromkeys(p.name for p in places if p.level == "city")),
            "counties": list(dict.fromkeys(p.name for p in places if p.level == "county")),
            "paths": [region_path(_path(p)) for p in places]}


@lru_cache(maxsize=1)
def _city_order() -> dict[str, str]:
    order: dict[str, str] = {}
    for p in _all_places()["city"]:
        order.setdefault(p.name, p.adcode)
    return order


def region_order_key(label: str) -> tuple:
    """The official order of a region label (``衡阳市``, ``衡阳市 雁峰区``; unplaced ones last): by the city's code,
    then the county's name."""
    city, _, county = label.partition(" ")
    code = _city_order().get(city)
    return (code is None, code or "", city, county)


def region_words(region: str | None, unknown: str = "未定位") -> str:
    """A stored place path as the tables write it, without its province: 湖南省/衡阳市/衡南县 → 衡阳市衡南县; a
    province alone stays; none → ``unknown``."""
    if not region:
        return unknown
    parts = [p for p in str(region).split("/") if p]
    return "".join(parts[1:]) or parts[0] if parts else unknown


def place_name(p: dict) -> str:
    """A case's place as the tables write it: 长沙市岳麓区, 长沙市, or the province."""
    if not p.get("city"):
        return p.get("province") or ""
    county = p.get("county") or ""
    return county if county.startswith(p["city"]) else p["city"] + county

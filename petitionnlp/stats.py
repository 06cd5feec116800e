"""The daily region × type table (移交件数 and one column per pollution type) from ``classify`` output.

Reads the JSON Lines, CSV or XLSX that ``petitionnlp classify`` wrote (the XLSX by its Chinese headers); a
petition with several types counts once in 移交件数 and once under each of its types (so the type columns add up
to 件次, not 件).  Rows without a region are counted under 未定位.  The chart shows the same: bars as high as the
type mentions, stacked by type, each labelled with its number of cases.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .errors import Errors, InputError
from .io import ROW_ERROR, atomic_path, display_width, fields_from_headers, open_batch
from .taxonomy import TYPE_COLORS, TYPES

__all__ = ["region_type_table", "render_table", "write_chart", "chart_figure", "write_table_csv", "display_width",
           "cjk_font"]

UNPLACED = "未定位"
TOTAL = "合计"


def _types_of(value) -> list[str]:
    if isinstance(value, list):
        return value
    if not isinstance(value, str) or not value:  # None, NaN from an empty cell
        return []
    value = str(value)
    if value.startswith("["):
        try:
            got = json.loads(value)
        except ValueError:
            return []
        return [t for t in got if isinstance(t, str)] if isinstance(got, list) else []
    return [t for t in re.split(r"[|、]", value) if t]  # CSV joins with |, an XLSX for people with 、


def _read_rows(path: str):
    """The rows of a classify output, read as every input is (encodings, title rows, broken lines)."""
    import pandas as pd

    p = Path(path)
    if p.suffix.lower() not in (".jsonl", ".csv", ".xlsx") and p.is_file():
        raise InputError(Errors.E033.format(path=path))
    batch = open_batch(str(path), require_text=False)
    rows = [r for chunk in batch.chunks() for r in chunk]
    good = [r for r in rows if ROW_ERROR not in r]
    df = pd.DataFrame(good, columns=list(dict.fromkeys(batch.columns + [k for r in good[:1] for k in r])))
    if "pollution_types" not in df.columns:  # an XLSX written for people: 污染类型, 市, 县（区）…
        renames = fields_from_headers(df.columns)
        df = df.drop(columns=[f for f in renames.values() if f in df.columns]).rename(columns=renames)
    df.attrs["unreadable"] = len(rows) - len(good)
    return df


def region_type_table(path_or_rows, level: str = "city"):
    """A DataFrame indexed by region (city, or ``city county``) with 移交件数 and the eight types, plus 合计."""
    import pandas as pd

    df = path_or_rows if isinstance(path_or_rows, pd.DataFrame) else _read_rows(path_or_rows)
    if "pollution_types" not in df.columns:
        raise InputError(Errors.E035.format(path=path_or_rows, columns="、".join(map(str, df.columns))[:200]))

    def region(row):
        city = row.get("city") or None
        if not isinstance(city, str) or not city:
            return UNPLACED
        county = row.get("county")
        if level == "county":
            return f"{city} {county}" if isinstance(county, str) and county else f"{city} (市本级/未明)"
        return city

    counts: dict[str, dict[str, int]] = {}
    for row in df.to_dict("records"):
        types = _types_of(row.get("pollution_types"))
        if not types:
            continue
        c = counts.setdefault(region(row), {"移交件数": 0, **{t: 0 for t in TYPES}})
        c["移交件数"] += 1
        for t in types:
            if t in c:
                c[t] += 1
    table = pd.DataFrame.from_dict(counts, orient="index", columns=["移交件数", *TYPES]).fillna(0).astype(int)
    table = table.sort_values("移交件数", ascending=False, kind="stable")
    table.loc[TOTAL] = table.sum()
    table.index.name = "属地"
    table.attrs["unreadable"] = df.attrs.get("unreadable", 0)  # rows of the file that could not be read
    return table


def _pad(s, width: int, right: bool = False) -> str:
    gap = " " * max(width - display_width(s), 0)
    return gap + str(s) if right else str(s) + gap


def render_table(table) -> str:
    """An aligned terminal table (CJK characters count two columns)."""
    header = [table.index.name or "", *map(str, table.columns)]
    rows = [[str(i), *map(str, r)] for i, r in zip(table.index, table.values.tolist())]
    widths = [max(display_width(x) for x in col) for col in zip(header, *rows)]
    lines = ["  ".join(_pad(h, w, i > 0) for i, (h, w) in enumerate(zip(header, widths)))]
    lines.append("  ".join("-" * w for w in widths))
    for r in rows:
        lines.append("  ".join(_pad(x, w, i > 0) for i, (x, w) in enumerate(zip(r, widths))))
    return "\n".join(lines)


_TYPE_EN = {"水": "water", "大气": "air", "土壤": "soil", "海洋": "marine", "生态": "ecology",
            "辐射": "radiation", "噪声": "noise", "其他": "other"}


def cjk_font():
    """A font that draws Chinese: $PETITIONNLP_FONT (a .ttf/.otf/.ttc path), else an installed CJK family."""
    import os

    from matplotlib import font_manager

    from .settings import setting

    path = str(setting("font") or "")
    if path and os.path.isfile(path):
        font_manager.fontManager.addfont(path)
        return font_manager.FontProperties(fname=path).get_name()
    for name in ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
                 "SimHei", "Microsoft YaHei", "PingFang SC", "Source Han Sans SC", "AR PL UMing CN"):
        if any(f.name == name for f in font_manager.fontManager.ttflist):
            return name
    # installed after matplotlib cached its font list (make installs Debian's fonts-wqy-microhei / fonts-noto-cjk)
    for path in _CJK_FONT_FILES:
        if os.path.isfile(path):
            font_manager.fontManager.addfont(path)
            return font_manager.FontProperties(fname=path).get_name()
    return None


_CJK_FONT_FILES = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
                   "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                   "/usr/share/fonts/truetype/arphic/uming.ttc")


def write_chart(table, path: str) -> str:
    """The chart of :func:`chart_figure` as a PNG, put in place when complete."""
    import matplotlib.pyplot as plt

    fig = chart_figure(table)
    try:
        with atomic_path(path) as tmp:
            fig.savefig(tmp, format="png")
    finally:
        plt.close(fig)
    return path


def chart_figure(table):
    """A stacked bar chart (regions × types) of a :func:`region_type_table`, in the table's order, as a matplotlib
    figure.  A bar is as high as its region's type mentions (件次: a case of two types counts under both, as in the
    table's type columns) and is labelled with its number of cases (移交件数), so neither figure passes for the
    other.  Chinese labels need a CJK font (an installed one such as Debian's fonts-noto-cjk, or
    $PETITIONNLP_FONT); without one, regions are numbered as in the table (R1 = its first row) and types named in
    English, and the chart says so."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    body = table.drop(index=TOTAL, errors="ignore")
    data = body[list(TYPES)]
    cases = body["移交件数"].tolist() if "移交件数" in body.columns else data.values.sum(axis=1).tolist()
    font = cjk_font()
    if font:
        plt.rcParams["font.sans-serif"] = [font, *plt.rcParams["font.sans-serif"]]
        regions, names = list(data.index), dict(zip(TYPES, TYPES))
        title, ylabel = "各属地信访件及涉及的污染类型", "涉及污染类型（件次）"
        note, case_label = "柱高为件次：一件涉及多种污染类型时各计一次；柱上数字为件数。", "{}件"
    else:
        regions = [f"R{i}" for i in range(1, len(data) + 1)]
        names, title, ylabel = _TYPE_EN, "petitions by region x type", "type mentions"
        note, case_label = ("bar height: type mentions; number above: petitions. No CJK font: regions R1.. follow "
                            "the table's rows (set PETITIONNLP_FONT or install fonts-noto-cjk)"), "{}"
    plt.rcParams["axes.unicode_minus"] = False
    fig, ax = plt.subplots(figsize=(max(6, 0.6 * len(data) + 3), 4.8), dpi=120)
    bottom = None
    for t in TYPES:
        vals = data[t].values
        if vals.sum() == 0:
            continue
        ax.bar(range(len(data)), vals, bottom=bottom, label=names[t], color=TYPE_COLORS[t])
        bottom = vals if bottom is None else bottom + vals
    from matplotlib.ticker import MaxNLocator

    heights = data.values.sum(axis=1)
    for i, (h, n) in enumerate(zip(heights, cases)):
        ax.text(i, h, case_label.format(int(n)), ha="center", va="bottom", fontsize=9)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(0, max(1, int(heights.max()) if len(heights) else 1) * 1.35)
    ax.set_xticks(range(len(data)))
    ax.set_xticklabels(regions, rotation=45, ha="right")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    if bottom is not None:
        ax.legend(ncol=4, fontsize=8, loc="upper right", frameon=False)
    fig.text(0.01, 0.01, note, fontsize=8)
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    return fig


def write_table_csv(table, path: str) -> str:
    """The table as CSV (UTF-8 with BOM, for Excel), put in place when complete."""
    with atomic_path(path) as tmp:
        table.to_csv(tmp, encoding="utf-8-sig")
    return path

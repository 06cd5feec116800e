"""The daily region × type table (移交件数 and one column per pollution type) from ``classify`` output.

Reads the JSON Lines, CSV or XLSX that ``petitionnlp classify`` wrote; a petition with several types
counts once in 移交件数 and once under each of its types.  Rows without a region are counted under 未定位.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from .errors import Errors, InputError
from .io import ROW_ERROR, atomic_path, open_batch
from .taxonomy import TYPE_COLORS, TYPES

__all__ = ["region_type_table", "render_table", "write_chart", "write_table_csv", "display_width", "cjk_font"]

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
    return [t for t in value.split("|") if t]


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


def display_width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(s))


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
    """A stacked bar chart (regions × types) as PNG.  Chinese labels need a CJK font (an installed one such
    as Debian's fonts-noto-cjk, or $PETITIONNLP_FONT); without one, regions are numbered as in the table
    (R1 = its first row) and types named in English, and the chart says so."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    data = table.drop(index=TOTAL, errors="ignore")[list(TYPES)]
    font = cjk_font()
    if font:
        plt.rcParams["font.sans-serif"] = [font, *plt.rcParams["font.sans-serif"]]
        regions, names, title, ylabel = list(data.index), dict(zip(TYPES, TYPES)), "属地 × 污染类型", "件数"
    else:
        regions = [f"R{i}" for i in range(1, len(data) + 1)]
        names, title, ylabel = _TYPE_EN, "petitions by region × type", "petitions"
    plt.rcParams["axes.unicode_minus"] = False
    fig, ax = plt.subplots(figsize=(max(6, 0.6 * len(data) + 3), 4.5), dpi=120)
    bottom = None
    for t in TYPES:
        vals = data[t].values
        if vals.sum() == 0:
            continue
        ax.bar(range(len(data)), vals, bottom=bottom, label=names[t], color=TYPE_COLORS[t])
        bottom = vals if bottom is None else bottom + vals
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(0, max(1, int(data.values.sum(axis=1).max())) * 1.3)
    ax.set_xticks(range(len(data)))
    ax.set_xticklabels(regions, rotation=45, ha="right")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(ncol=4, fontsize=8, loc="upper right")
    if not font:
        fig.text(0.01, 0.01, "no CJK font: regions R1.. follow the table's rows (set PETITIONNLP_FONT or install "
                 "fonts-noto-cjk)", fontsize=7)
    fig.tight_layout()
    try:
        with atomic_path(path) as tmp:
            fig.savefig(tmp, format="png")
    finally:
        plt.close(fig)
    return path


def write_table_csv(table, path: str) -> str:
    """The table as CSV (UTF-8 with BOM, for Excel), put in place when complete."""
    with atomic_path(path) as tmp:
        table.to_csv(tmp, encoding="utf-8-sig")
    return path

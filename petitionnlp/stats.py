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
           "cjk_font", "PRINT_WIDTH", "MIN_FONT"]

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
    untyped = 0
    for row in df.to_dict("records"):
        types = _types_of(row.get("pollution_types"))
        if not types:
            untyped += 1
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
    table.attrs["untyped"] = untyped  # rows read but without a type (classify's error rows: 正文为空 …): not counted
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


PRINT_WIDTH = 10.0     # inches: the widest chart, the width of an A4 landscape page inside its margins
MIN_FONT = 9           # points: the smallest text of a chart at the size it is drawn (and printed)
HORIZONTAL_FROM = 25   # regions from which the bars lie (one line a region, the names never turned)


def chart_figure(table, horizontal: bool | None = None, width: float | None = None, title: str | None = None):
    """A stacked bar chart (regions × types) of a :func:`region_type_table`, in the table's order, as a matplotlib
    figure drawn at the size it is printed: no wider than ``width`` inches (default :data:`PRINT_WIDTH`, A4
    landscape inside its margins) and no text under :data:`MIN_FONT` points, so a copy printed at its own size, or
    pasted into a document at that width, is read without a magnifier.  Regions without a case are left out.

    A bar is as long as its region's type mentions (件次: a case of two types counts under both, as in the table's
    type columns) and is labelled with its number of cases (移交件数), so neither figure passes for the other.
    ``horizontal``: bars lying, one line a region from the top, the names written straight (the default from
    :data:`HORIZONTAL_FROM` regions on; the figure grows downwards); else standing bars under a page-wide axis.
    Chinese labels need a CJK font (an installed one such as Debian's fonts-noto-cjk, or $PETITIONNLP_FONT);
    without one, regions are numbered as in the table (R1 = its first row) and types named in English, and the chart
    says so."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    body = table.drop(index=TOTAL, errors="ignore")
    data = body[list(TYPES)]
    cases = body["移交件数"].tolist() if "移交件数" in body.columns else data.values.sum(axis=1).tolist()
    keep = [i for i, n in enumerate(cases) if n]  # only the places with cases
    data, cases = data.iloc[keep], [cases[i] for i in keep]
    font = cjk_font()
    if font:
        regions, names = list(data.index), dict(zip(TYPES, TYPES))
        title = title or "各属地信访件及涉及的污染类型"
        axis = "涉及污染类型（件次）"
        note, case_label = "注：柱长为件次，一件涉及多种污染类型时各计一次；柱旁数字为件数。", "{}件"
    else:
        regions = [f"R{i}" for i in range(1, len(data) + 1)]
        names, title, axis = _TYPE_EN, "petitions by region x type", "type mentions"
        note, case_label = ("bar: type mentions; number: petitions. No CJK font: regions R1.. follow "
                            "the table's rows (set PETITIONNLP_FONT or install fonts-noto-cjk)"), "{}"
    n = max(len(data), 1)
    horizontal = n >= HORIZONTAL_FROM if horizontal is None else horizontal
    width = min(width or PRINT_WIDTH, PRINT_WIDTH)
    rc = {"font.size": MIN_FONT + 1, "axes.titlesize": MIN_FONT + 3, "axes.labelsize": MIN_FONT + 1,
          "xtick.labelsize": MIN_FONT + 1, "ytick.labelsize": MIN_FONT + 1, "legend.fontsize": MIN_FONT,
          "axes.unicode_minus": False}
    if font:  # looked up when the figure is drawn (saved), after this function: set for the process
        plt.rcParams["font.sans-serif"] = [font, *[f for f in plt.rcParams["font.sans-serif"] if f != font]]
    with plt.rc_context(rc):
        if horizontal:
            fig, ax = plt.subplots(figsize=(width, 1.6 + 0.26 * n), dpi=200)
        else:  # standing bars: as wide as the regions need, up to the page
            fig, ax = plt.subplots(figsize=(min(width, max(6.0, 0.6 * n + 3)), 4.8), dpi=200)
        positions = list(range(len(data)))
        start = None
        for t in TYPES:
            vals = data[t].values
            if vals.sum() == 0:
                continue
            if horizontal:
                ax.barh(positions, vals, left=start, label=names[t], color=TYPE_COLORS[t], height=0.66)
            else:
                ax.bar(positions, vals, bottom=start, label=names[t], color=TYPE_COLORS[t])
            start = vals if start is None else start + vals
        lengths = data.values.sum(axis=1)
        top = max(1, int(lengths.max()) if len(lengths) else 1)
        for i, (h, k) in enumerate(zip(lengths, cases)):
            if horizontal:
                ax.text(h + top * 0.01, i, " " + case_label.format(int(k)), ha="left", va="center",
                        fontsize=MIN_FONT)
            else:
                ax.text(i, h, case_label.format(int(k)), ha="center", va="bottom", fontsize=MIN_FONT)
        value_axis = ax.xaxis if horizontal else ax.yaxis
        value_axis.set_major_locator(MaxNLocator(integer=True))
        if horizontal:
            ax.set_xlim(0, top * 1.18)
            ax.set_yticks(positions)
            ax.set_yticklabels(regions)
            ax.set_ylim(len(data) - 0.5, -0.5)  # the table's first row on top
            ax.set_xlabel(axis)
            ax.xaxis.set_label_position("top")
            ax.xaxis.tick_top()
            ax.spines[["bottom", "right"]].set_visible(False)
        else:
            ax.set_ylim(0, top * 1.35)
            ax.set_xticks(positions)
            ax.set_xticklabels(regions, rotation=45 if n > 6 else 0, ha="right" if n > 6 else "center")
            ax.set_ylabel(axis)
            ax.spines[["top", "right"]].set_visible(False)
        ax.set_title(title, pad=10)
        if start is not None:
            ncol = min(8, sum(1 for t in TYPES if data[t].sum()))
            fig.legend(*ax.get_legend_handles_labels(), ncol=ncol, loc="lower center", frameon=False,
                       bbox_to_anchor=(0.5, 0.045 if horizontal else 0.07), handlelength=1.2, columnspacing=1.0)
        fig.text(0.01, 0.008, note, fontsize=MIN_FONT)
        foot = (0.7 if start is not None else 0.35) / fig.get_figheight()
        fig.tight_layout(rect=(0, foot + 0.02, 1, 1))
    return fig


def write_table_csv(table, path: str) -> str:
    """The table as CSV (UTF-8 with BOM, for Excel), put in place when complete."""
    with atomic_path(path) as tmp:
        table.to_csv(tmp, encoding="utf-8-sig")
    return path

"""``make demo``: the main jobs on the shipped samples, printed for a person to read."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from .pipeline import classify_files
from .resources import corpus_path
from .stats import display_width, region_type_table, render_table

__all__ = ["main"]


def _cut(s, width: int) -> str:
    s = str(s or "")
    out, w = "", 0
    for ch in s:
        cw = display_width(ch)
        if w + cw > width - 1:
            return out + "…" + " " * (width - w - 1)
        out += ch
        w += cw
    return out + " " * (width - w)


def show_petitions() -> None:
    sample = corpus_path("samples", "petitions_sample.csv")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "classified.jsonl"
        counts = classify_files([str(sample)], str(out))
        rows = [json.loads(line) for line in out.open(encoding="utf-8")]
    print(f"== 信访件分类 classify: {sample.name} ({counts['rows']} 行, {counts['errors']} 行有 error) ==")
    print(f"{_cut('序号', 5)}{_cut('污染类型', 12)}{_cut('属地', 22)}{_cut('置信', 6)}{_cut('交办问题基本情况', 44)}")
    for r in rows:
        if r["error"]:
            print(f"{_cut(r['序号'], 5)}{_cut('—', 12)}{_cut('—', 22)}{_cut('', 6)}无法分类: {r['error']}")
            continue
        place = " ".join(x for x in (r["city"], r["county"]) if x) or "属地未明"
        print(f"{_cut(r['序号'], 5)}{_cut('|'.join(r['pollution_types']), 12)}{_cut(place, 22)}"
              f"{_cut(r['region_confidence'], 6)}{_cut(r['交办问题基本情况'], 44)}")
    print()
    print("== 属地 × 污染类型 (region × type) ==")
    import pandas as pd

    print(render_table(region_type_table(pd.DataFrame(rows))))
    print()


def show_briefing() -> None:
    from .briefing import extract_briefing

    path = corpus_path("samples", "briefing_hunan_2017_15.txt")
    result = extract_briefing(path.read_text(encoding="utf-8"))
    print(f"== 简报指示与期限 extract: {path.name} (文件日期 {result['date']}) ==")
    for i, d in enumerate(result["directives"], 1):
        deadline = d["deadline"]
        when = "—" if deadline is None else (f"{deadline['text']} → {deadline['value']}" if deadline["value"]
                                             else f"{deadline['text']} ({deadline['type']})")
        who = d["actor"] or "?"
        if d["addressee"]:
            who += f" → {d['addressee']}"
        print(f"{i:2d}. [{who}] {d['action'][:60]}{'…' if len(d['action']) > 60 else ''}  期限: {when}")
    print("关键词:", "、".join(k["word"] for k in result["keywords"]))
    print()


def show_search() -> None:
    from .search import SearchIndex, index_paths

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "demo.db")
        counts = index_paths([str(corpus_path("samples", "briefings_sample.jsonl"))], db)
        print(f"== 检索 index + search: briefings_sample.jsonl ({counts['total']} 篇) ==")
        with SearchIndex(db) as ix:
            for query in ("每3天一报告", "噪声", "搅拌站 扬尘"):
                hits = ix.search(query, limit=3)
                print(f"查询 “{query}”: {len(hits)} 篇")
                for h in hits:
                    print(f"   {h['title']} [{h['date']}] {h['score']:.2f}  {h['snippet'][:70]}")
    print()


def show_triage() -> None:
    from .pipeline import triage_file
    from .triage import render_queue

    rows, _ = triage_file(str(corpus_path("samples", "petitions_sample.csv")))
    print("== 待办队列 triage (priority, reasons, department, repeats, due date) ==")
    print(render_queue(rows, max_reasons=3))
    print()


def main() -> None:
    show_petitions()
    show_triage()
    show_briefing()
    show_search()


if __name__ == "__main__":
    main()

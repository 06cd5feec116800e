"""Build corpora/pii/gold.jsonl, heldout.jsonl and the probes of sessions 39, 41 and 42 (probe39*.jsonl, probe41.jsonl, probe42*.jsonl, probe43*.jsonl, probe44*.jsonl) from their
*_source.txt files: each line's 〔类型:文本〕 marks become spans with offsets into the unmarked text, and the two
characters \\n stand for a line break.  Deterministic; `tests/test_pii.py` checks that the files agree.

    python scripts/build_pii_gold.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARK = re.compile(r"〔(姓名|电话|证件号|车牌|邮箱|账号|住址):([^〕]+)〕")


def parse(line: str) -> dict:
    line = line.replace("\\n", "\n")
    text, spans, pos = [], [], 0
    for m in MARK.finditer(line):
        text.append(line[pos:m.start()])
        start = sum(map(len, text))
        text.append(m.group(2))
        spans.append({"type": m.group(1), "start": start, "end": start + len(m.group(2)), "text": m.group(2)})
        pos = m.end()
    text.append(line[pos:])
    return {"text": "".join(text), "spans": spans}


SETS = {"gold": "gold_source.txt", "heldout": "heldout_source.txt", "probe39": "probe39_source.txt",
        "probe39b": "probe39b_source.txt", "probe39c": "probe39c_source.txt",
        "probe39d": "probe39d_source.txt", "probe41": "probe41_source.txt", "probe42": "probe42_source.txt",
        "probe42b": "probe42b_source.txt", "probe42c": "probe42c_source.txt",
        "probe43": "probe43_source.txt", "probe43b": "probe43b_source.txt",
        "probe44": "probe44_source.txt", "probe44b": "probe44b_source.txt",
        "probe44c": "probe44c_source.txt"}


def build(name: str = "gold") -> list[dict]:
    out = []
    source = (ROOT / "corpora/pii" / SETS[name]).read_text(encoding="utf-8")
    for n, line in enumerate(source.splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            out.append({"id": f"{name}{n:03d}", **parse(line)})
    return out


if __name__ == "__main__":
    for name in SETS:
        records = build(name)
        with open(ROOT / "corpora/pii" / f"{name}.jsonl", "w", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"{name}: {len(records)} records, {sum(len(r['spans']) for r in records)} spans")

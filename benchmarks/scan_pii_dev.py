"""find_pii over every training, briefing and shared dev text — none of which should name a private person except
where a petition does (the training and dev petitions, the disclosure rows' findings and handling, every briefing of
corpora/briefing/gold/ and ../shared/corpora/briefings_dev.jsonl): one line a span (file, record, type, text, the
text around it), then the count on stderr.  Compare two versions' outputs to explain every changed span.

    .venv/bin/python benchmarks/scan_pii_dev.py > spans.tsv
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from petitionnlp.pii import find_pii  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpora"


def _lines(path: Path):
    with open(path, encoding="utf-8") as fh:
        for ln in fh:
            if ln.strip():
                yield json.loads(ln)


def texts():
    """(file, record id, text) of every text scanned."""
    for path in (ROOT / "corpora/train/real_petitions.jsonl", ROOT / "corpora/train/gathered_petitions.jsonl",
                 SHARED / "petitions_dev.jsonl"):
        for r in _lines(path):
            yield path.name, r.get("id"), r["text"]
    for r in _lines(SHARED / "disclosure_dev.jsonl"):
        for field in ("text", "findings", "handling"):
            if r.get(field):
                yield f"disclosure_dev.jsonl:{field}", r.get("receipt_id"), r[field]
    for path in sorted((ROOT / "corpora/briefing/gold").glob("*.jsonl")) + [SHARED / "briefings_dev.jsonl"]:
        for r in _lines(path):
            yield path.name, r["doc"].get("id"), r["doc"]["text"]


def main() -> None:
    n = 0
    for name, rid, text in texts():
        for s in find_pii(text):
            n += 1
            around = text[max(0, s["start"] - 12):s["end"] + 12].replace("\n", " ")
            print(name, rid, s["type"], s["text"], around, sep="\t")
    print(f"{n} spans", file=sys.stderr)


if __name__ == "__main__":
    main()

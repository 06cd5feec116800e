"""Build the domain IDF corpora/briefing/idf.tsv from the project's own corpora.

Documents: every synthetic petition (corpora/train/), and every paragraph of the sample briefings
(corpora/samples/*.txt), tokenized with the shipped tokenizer.  idf = ln((N + 1) / (df + 1)) + 1.

    python scripts/build_idf.py
"""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path

from petitionnlp.text import normalize
from petitionnlp.tokenize import get_tokenizer

ROOT = Path(__file__).resolve().parent.parent


def documents():
    for line in open(ROOT / "corpora/train/synthetic_petitions.jsonl", encoding="utf-8"):
        yield json.loads(line)["text"]
    for path in sorted((ROOT / "corpora/samples").glob("*.txt")):
        for para in path.read_text(encoding="utf-8").split("\n"):
            if para.strip():
                yield para


def main() -> None:
    tok = get_tokenizer()
    df, n = Counter(), 0
    for doc in documents():
        n += 1
        df.update(set(tok.terms(normalize(doc))))
    out = ROOT / "corpora/briefing/idf.tsv"
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(f"#documents\t{n}\n")
        for word, count in sorted(df.items(), key=lambda kv: (-kv[1], kv[0])):
            fh.write(f"{word}\t{math.log((n + 1) / (count + 1)) + 1:.4f}\n")
    print(f"{len(df)} words from {n} documents → {out}")


if __name__ == "__main__":
    main()

"""Agreement and speed of the rjieba engine against jieba, with the same shipped dictionaries (issue 2).

Token agreement = share of jieba's tokens (as character spans) that rjieba also produces, over every text
in corpora/ (synthetic petitions, samples) and, when present beside the repo, the shared dev corpora.

    python benchmarks/bench_tokenizer.py
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from petitionnlp.resources import corpus_path
from petitionnlp.tokenize import Tokenizer

ROOT = Path(__file__).resolve().parent.parent
import sys  # noqa: E402
sys.path.insert(0, str(ROOT / "tests"))
from devdata import dev_rows  # noqa: E402  the dev corpora without the pages reserved for the hidden evaluation


def texts() -> list[str]:
    out = [json.loads(x)["text"] for x in open(ROOT / "corpora/train/synthetic_petitions.jsonl", encoding="utf-8")]
    out += [r["text"] for r in dev_rows("petitions_dev.jsonl")]
    out += [r["doc"]["text"] for r in dev_rows("briefings_dev.jsonl")]
    return out


def spans(tokens: list[str]) -> set[tuple[int, int]]:
    out, i = set(), 0
    for t in tokens:
        out.add((i, i + len(t)))
        i += len(t)
    return out


def main() -> None:
    docs = texts()
    kw = dict(userdict=corpus_path("lexicon", "userdict.txt"), stopwords=corpus_path("lexicon", "stopwords.txt"))
    py, rs = Tokenizer(engine="jieba", **kw), Tokenizer(engine="rjieba", **kw)
    total = same = 0
    for d in docs:
        a, b = spans(py._cut(d)), spans(rs._cut(d))
        total += len(a)
        same += len(a & b)
    t = time.perf_counter()
    for d in docs:
        py._cut(d)
    tp = time.perf_counter() - t
    t = time.perf_counter()
    for d in docs:
        rs._cut(d)
    tr = time.perf_counter() - t
    print(f"documents: {len(docs)}, jieba tokens: {total}")
    print(f"token agreement rjieba vs jieba (same dictionaries): {same / total:.4%}")
    print(f"speed: rjieba time / jieba time = {tr / tp:.3f}")


if __name__ == "__main__":
    main()

"""Repeat-complaint detection on pairs built from a corpus (issue 6).

Positives: a record and its restatement — a paraphrase (clauses reordered, words replaced by variants,
the city and county dropped) or a partial restatement (its first 40–60 %, with a "反映过" preamble).
Negatives: the record and (1) a random other record, (2) the most similar other record of the corpus, and
(3) the same place with another record's complaint (the first clause of this one, the rest of another):
the confuser an office meets most, a second problem at the same site.
Each pair is scored by DuplicateFinder (history = the first text, batch = the second).  Prints precision
and recall at the configured threshold and the best-F1 threshold on the synthetic corpus, then the dev one.

    python benchmarks/eval_duplicates.py
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from petitionnlp.resources import read_list
from petitionnlp.text import normalize
from petitionnlp.triage import DuplicateFinder

VARIANTS = [tuple(line.split("|")) for line in read_list("search", "synonyms.tsv")]

ROOT = Path(__file__).resolve().parent.parent
import sys  # noqa: E402
sys.path.insert(0, str(ROOT / "tests"))
from devdata import dev_rows  # noqa: E402  the dev corpora without the pages reserved for the hidden evaluation
SWAPS = [("反映", "投诉"), ("严重", "十分严重"), ("居民", "群众"), ("扰民", "影响周边居民"), ("污染", "污染问题"),
         ("直排", "直接排放"), ("附近", "周边"), ("无人", "没有人"), ("要求", "希望"), ("村民", "当地村民")]
PREAMBLES = ["此前反映过：", "再次投诉，", "之前已经反映，", "群众再次反映"]


def restate(text: str, rng: random.Random) -> str:
    clauses = [c for c in re.split(r"[，,。；;]", text) if c]
    if rng.random() < 0.5 and len(clauses) > 2:
        keep = clauses[: max(2, round(len(clauses) * rng.uniform(0.4, 0.6)))]
        return rng.choice(PREAMBLES) + "，".join(keep) + "，至今未解决。"
    body = clauses[:]
    if len(body) > 2:
        head, tail = body[0], body[1:]
        rng.shuffle(tail)
        body = [head] + tail
    out = "，".join(body) + "。"
    for a, b in SWAPS:
        if rng.random() < 0.6:
            out = out.replace(a, b)
    for group in VARIANTS:
        for w in group:
            if w in out and rng.random() < 0.7:
                out = out.replace(w, rng.choice([g for g in group if g != w] or [w]))
                break
    return re.sub(r"^[\u4e00-\u9fff]{2,5}市", "", re.sub(r"^[\u4e00-\u9fff]{2,5}[市县区]", "", out))


def pairs(texts: list[str], rng: random.Random):
    finder = DuplicateFinder(threshold=0.0)
    out = []
    for i, t in enumerate(texts):
        out.append((t, restate(t, rng), True))
        j = rng.randrange(len(texts) - 1)
        out.append((t, texts[j + (j >= i)], False))
    # hard negatives: the most similar other text
    sims = finder.fit(texts, [str(i) for i in range(len(texts))])
    for i, t in enumerate(texts[: len(texts) // 2]):
        others = texts[:i] + texts[i + 1:]
        best = max(others, key=lambda o: len(set(zip(o, o[1:])) & set(zip(t, t[1:]))))
        out.append((t, best, False))
    del sims
    # same place, another complaint
    for i, t in enumerate(texts[: len(texts) // 2]):
        head = re.split(r"[，,。；;]", t)[0]
        other = texts[(i * 7 + 3) % len(texts)]
        if other != t:
            rest = other[len(re.split(r"[，,。；;]", other)[0]):]
            out.append((t, head + rest, False))
    return out


def score(pair_list):
    finder = DuplicateFinder(threshold=0.0)
    scored = []
    for a, b, label in pair_list:
        (_, sim), = finder.fit([a], ["h"]).find([b], ["x"])
        scored.append((sim, label))
    return scored


def prf(scored, threshold):
    tp = sum(1 for s, y in scored if s >= threshold and y)
    fp = sum(1 for s, y in scored if s >= threshold and not y)
    fn = sum(1 for s, y in scored if s < threshold and y)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    rng = random.Random(11)
    threshold = DuplicateFinder().fit([], []).threshold_
    syn = [json.loads(x)["text"] for x in open(ROOT / "corpora/train/synthetic_petitions.jsonl", encoding="utf-8")]
    syn_scored = score(pairs([normalize(t) for t in rng.sample(syn, 300)], rng))
    best = max((prf(syn_scored, t / 100)[2], t / 100) for t in range(10, 95))
    print(f"synthetic pairs: {len(syn_scored)}; at the configured threshold {threshold}: "
          "P {:.3f} R {:.3f} F1 {:.3f}".format(*prf(syn_scored, threshold)),
          f"(best-F1 threshold there: {best[1]:.2f}, F1 {best[0]:.3f})")
    dev = dev_rows("petitions_dev.jsonl")
    if dev:
        texts = [normalize(r["text"]) for r in dev]
        dev_scored = score(pairs(texts, rng))
        print(f"dev pairs: {len(dev_scored)} ({sum(y for _, y in dev_scored)} repeats); at threshold {threshold}: "
              "P {:.3f} R {:.3f} F1 {:.3f}".format(*prf(dev_scored, threshold)))


if __name__ == "__main__":
    main()

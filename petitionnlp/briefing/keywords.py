"""Keywords of a briefing by TF-IDF with a domain IDF (``corpora/briefing/idf.tsv``, built from the
project's own corpora by ``scripts/build_idf.py``), so inspection terms (信访件, 办结率, 边督边改) outrank
words every briefing uses (工作, 情况)."""

from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache

from ..resources import corpus_path, read_list
from ..text import normalize
from ..tokenize import get_tokenizer

__all__ = ["keywords", "domain_idf"]


@lru_cache(maxsize=1)
def domain_idf() -> tuple[dict[str, float], float]:
    idf = {}
    with open(corpus_path("briefing", "idf.tsv"), encoding="utf-8") as fh:
        header = next(fh)
        n_docs = int(header.split("\t")[1])
        for line in fh:
            word, value = line.rstrip("\n").split("\t")
            idf[word] = float(value)
    return idf, math.log((n_docs + 1) / 1) + 1  # an unseen word: as rare as can be


@lru_cache(maxsize=1)
def _keyword_stopwords() -> frozenset:
    return frozenset(read_list("briefing", "keyword_stopwords.txt"))


def keywords(text: str, top: int = 10) -> list[dict]:
    tok = get_tokenizer()
    stop = _keyword_stopwords()
    words = [w for w in tok.terms(normalize(text)) if len(w) >= 2 and w not in stop and not w[0].isdigit()]
    if not words:
        return []
    idf, unseen = domain_idf()
    tf = Counter(words)
    scores = {w: (1 + math.log(c)) * idf.get(w, unseen) for w, c in tf.items()}
    best = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    norm = math.sqrt(sum(s * s for _, s in best)) or 1.0
    return [{"word": w, "weight": round(s / norm, 4)} for w, s in best]

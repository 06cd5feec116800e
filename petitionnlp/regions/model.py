"""The learned region classifier: the places of an office's earlier petitions, recalled for texts that name no
place the gazetteer knows (an estate, a factory, a landmark that history has tied to a county).

Two memories, both learned from the office's history (records with their city/county):

- landmarks: the names petitions give instead of a place (鄱阳小区, 金厦广场, 某某养殖场: 2–6 characters before
  an ending listed in ``corpora/regions/landmark_suffixes.txt``) and the place they were in, kept when the
  history agrees on it; a text naming one is placed there, with the landmark as evidence;
- repeats: a text very close to an earlier petition (character 2–4-gram TF-IDF cosine ≥ ``repeat_similarity``)
  takes its place.

Memory and time grow with the history, not with the number of places (a logistic regression over three thousand
counties needs gigabytes to fit).  Trained by ``petitionnlp train``; saved with skops.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from ..resources import read_list
from ..text import CJK

__all__ = ["RegionClassifier", "load_region_model", "train_region_model", "landmarks_in", "REGION_MODEL_FILE"]

REGION_MODEL_FILE = "region.skops"


@lru_cache(maxsize=1)
def _landmark_re() -> tuple[re.Pattern, re.Pattern]:
    suffixes = sorted(read_list("regions", "landmark_suffixes.txt"), key=len, reverse=True)
    stops = sorted(read_list("regions", "landmark_stop.txt"), key=len, reverse=True)
    name = re.compile(rf"(?=([{CJK}]{{2,6}}?(?:{'|'.join(map(re.escape, suffixes))})))")
    stop = re.compile("|".join(map(re.escape, stops)))
    return name, stop


def landmarks_in(text: str) -> set[str]:
    """Landmark names a text gives: every 2–6 characters before a landmark ending, cut after a word that starts
    no name (反映, 附近, 的 …), at least four characters long."""
    name_re, stop_re = _landmark_re()
    out = set()
    for m in name_re.finditer(text):
        cand = m.group(1)
        cut = 0
        for s in stop_re.finditer(cand):
            cut = max(cut, s.end())
        cand = cand[cut:]
        if len(cand) >= 4:
            out.add(cand)
    return out


class RegionClassifier(ClassifierMixin, BaseEstimator):
    """min_agreement : share of a landmark's earlier petitions that must agree on its place;
    repeat_similarity : cosine from which a near-repeat lends its place; ngram_range, n_features : the
    hashed character n-grams of the repeat memory."""

    def __init__(self, min_agreement: float = 0.8, repeat_similarity: float = 0.5, ngram_range=(2, 4),
                 n_features: int = 2 ** 18):
        self.min_agreement = min_agreement
        self.repeat_similarity = repeat_similarity
        self.ngram_range = ngram_range
        self.n_features = n_features

    def _hashing(self):
        from ..classify import CharNgramHasher

        return CharNgramHasher(tuple(self.ngram_range), self.n_features)

    def fit(self, X, y):
        from sklearn.feature_extraction.text import TfidfTransformer

        X, y = list(X), [str(v) for v in y]
        self.classes_, self.labels_ = np.unique(np.asarray(y, dtype=object), return_inverse=True)
        seen: dict[str, Counter] = {}
        for text, label in zip(X, self.labels_):
            for name in landmarks_in(text):
                seen.setdefault(name, Counter())[int(label)] += 1
        names, places, shares = [], [], []
        for name, votes in seen.items():
            label, n = votes.most_common(1)[0]
            share = n / sum(votes.values())
            if share >= self.min_agreement:
                names.append(name)
                places.append(label)
                shares.append(share)
        order = sorted(range(len(names)), key=lambda i: -len(names[i]))  # longest name first
        self.landmarks_ = [names[i] for i in order]
        self.landmark_labels_ = np.array([places[i] for i in order], dtype=np.int64)
        self.landmark_shares_ = np.array([shares[i] for i in order], dtype=np.float64)
        counts = self._hashing().transform(X)
        self.tfidf_ = TfidfTransformer(sublinear_tf=True).fit(counts)
        self.memory_ = self.tfidf_.transform(counts).astype(np.float32).tocsr()
        return self

    def _guess(self, X):
        """(label index, confidence, evidence) or None for each text."""
        check_is_fitted(self, "memory_")
        index = {n: i for i, n in enumerate(self.landmarks_)}
        if X and self.memory_.shape[0]:
            sims = (self.tfidf_.transform(self._hashing().transform(X)).astype(np.float32) @ self.memory_.T).tocsr()
            best = np.asarray(sims.max(axis=1).todense()).ravel()  # the nearest earlier petition of each text
            nearest = np.asarray(sims.argmax(axis=1)).ravel()
        else:
            best, nearest = np.zeros(len(X)), np.zeros(len(X), dtype=np.int64)
        for i, text in enumerate(X):
            found = sorted((index[n] for n in landmarks_in(text) if n in index))
            if found:  # the longest landmark the text names
                j = found[0]
                yield int(self.landmark_labels_[j]), 0.75 * float(self.landmark_shares_[j]), self.landmarks_[j]
                continue
            if best[i] > 0 and best[i] >= self.repeat_similarity:
                k = int(nearest[i])
                yield int(self.labels_[k]), 0.6 + 0.2 * float(best[i] - self.repeat_similarity), None
                continue
            yield None

    def predict(self, X):
        return np.array([self.classes_[g[0]] if g else None for g in self._guess(list(X))], dtype=object)

    def predict_regions(self, X) -> list[dict | None]:
        """The region of each text, or None where no landmark or near-repeat of the history is found."""
        out = []
        for g in self._guess(list(X)):
            if g is None:
                out.append(None)
                continue
            label, confidence, evidence = g
            province, city, county = (str(self.classes_[label]).split("/") + ["", "", ""])[:3]
            out.append({"province": province or None, "city": city or None, "county": county or None,
                        "region_confidence": round(min(confidence, 0.8), 2), "region_evidence": evidence})
        return out


def load_region_model(model_dir=None):
    """The saved region model, or None when the model folder has none."""
    from ..classify import load_model_file
    from ..resources import models_dir

    path = Path(model_dir or models_dir()) / REGION_MODEL_FILE
    return load_model_file(path) if path.is_file() else None


def train_region_model(records: list[dict], out_dir) -> dict | None:
    """Fit on records with a city label (at least two distinct places); None when there are too few."""
    from ..classify import dump_skops

    rows = [r for r in records if r.get("city") and r.get("real", True)]  # generated texts name gazetteer places
    labels = [f"{r.get('province') or ''}/{r['city']}/{r.get('county') or ''}" for r in rows]
    if len(set(labels)) < 2:
        return None
    model = RegionClassifier().fit([r["text"] for r in rows], labels)
    dump_skops(model, Path(out_dir) / REGION_MODEL_FILE)
    return {"n": len(rows), "labels": len(set(labels)),
            "landmarks": len(model.landmarks_),
            "summary": f"The office's history: {len(model.landmarks_)} landmarks (estates, squares, factories …) "
                       f"tied to one of {len(set(labels))} places, and near-repeats (character 2–4-gram "
                       f"cosine ≥ 0.5), from {len(rows)} real records with a city; used only when the gazetteer "
                       "finds no place, at confidence ≤ 0.8."}

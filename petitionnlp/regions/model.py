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

from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from .memory import REGION_MODEL_FILE, RegionMemory, landmarks_in, load_region_model

__all__ = ["RegionClassifier", "load_region_model", "train_region_model", "landmarks_in", "REGION_MODEL_FILE"]


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

    def light(self) -> RegionMemory:
        """What prediction needs of the fitted model, without scikit-learn (the same results)."""
        check_is_fitted(self, "memory_")
        return RegionMemory(self.landmarks_, self.landmark_labels_, self.landmark_shares_, self.classes_,
                            self.labels_, self.memory_, self.tfidf_.idf_, self.ngram_range, self.n_features,
                            self.repeat_similarity)

    def predict(self, X):
        return self.light().predict(X)

    def predict_regions(self, X) -> list[dict | None]:
        """The region of each text, or None where no landmark or near-repeat of the history is found."""
        return self.light().predict_regions(X)


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

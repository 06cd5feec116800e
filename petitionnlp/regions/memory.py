"""What the region model remembers of an office's history, and its prediction, without scikit-learn.

:class:`RegionMemory` holds a fitted :class:`~petitionnlp.regions.model.RegionClassifier`'s landmarks and the
character n-gram TF-IDF rows of its earlier petitions, and places a text the gazetteer cannot place: by the
longest landmark it names (鄱阳小区, 金厦广场), else by a near-repeat of an earlier petition.  The classifier
predicts through it, and :func:`load_region_model` keeps it in the user cache beside the model file's pack
(:mod:`petitionnlp.persist`), so that ``classify`` loads it without importing scikit-learn.
"""

from __future__ import annotations

import re
import weakref
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..features import bigram_codes, bigram_positions, char_ngrams, nearest, tfidf
from ..resources import read_list
from ..text import CJK

__all__ = ["RegionMemory", "landmarks_in", "load_region_model", "REGION_MODEL_FILE"]

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


class RegionMemory:
    """The region of a text from an office's history (see :class:`~petitionnlp.regions.model.RegionClassifier`).

    landmarks : names, longest first; landmark_labels, landmark_shares : each one's place (an index of
    ``classes``) and the share of its petitions that agree; memory : the earlier petitions' TF-IDF rows (float32),
    labels : their places; idf : the n-gram columns' idf; repeat_similarity : cosine from which a near-repeat
    lends its place
    """

    def __init__(self, landmarks, landmark_labels, landmark_shares, classes, labels, memory, idf, ngram_range,
                 n_features: int, repeat_similarity: float):
        self.landmarks = list(landmarks)
        self.landmark_labels = landmark_labels
        self.landmark_shares = landmark_shares
        self.classes = classes
        self.labels = labels
        self.memory = memory
        self.idf = idf
        self.ngram_range = list(ngram_range)
        self.n_features = n_features
        self.repeat_similarity = repeat_similarity

    def vectors(self, X):
        """The TF-IDF rows of texts, as the memory's (float32)."""
        counts = char_ngrams(X, tuple(self.ngram_range), self.n_features)
        return tfidf(counts, self.idf).astype(np.float32)

    def _names(self) -> tuple[dict, dict, np.ndarray]:
        table = _TABLES.get(self)
        if table is None:
            index = {n: i for i, n in enumerate(self.landmarks)}
            by_start: dict[str, list[str]] = {}
            for n in self.landmarks:
                by_start.setdefault(n[:2], []).append(n)
            starts = bigram_codes(by_start)
            table = _TABLES[self] = (index, by_start, starts)
        return table

    def _named(self, text: str, positions, by_start) -> bool:
        """Whether a landmark occurs in ``text`` (``positions``: where the first two characters of one do)."""
        return any(text.startswith(n, p) for p in positions for n in by_start[text[p:p + 2]])

    def guess(self, X):
        """(label index, confidence, evidence) or None for each text."""
        index, by_start, starts = self._names()
        maybe = bigram_positions(X, starts)
        if X and self.memory.shape[0]:
            best, closest = nearest(self.vectors(X), self.memory)  # the nearest earlier petition of each text
        else:
            best, closest = np.zeros(len(X)), np.zeros(len(X), dtype=np.int64)
        for i, text in enumerate(X):
            # every landmark a text yields is a substring of it: a text naming none is not scanned
            found = (sorted(index[n] for n in landmarks_in(text) if n in index)
                     if maybe[i] and self._named(text, maybe[i], by_start) else ())
            if found:  # the longest landmark the text names
                j = found[0]
                yield int(self.landmark_labels[j]), 0.75 * float(self.landmark_shares[j]), self.landmarks[j]
                continue
            if best[i] > 0 and best[i] >= self.repeat_similarity:
                k = int(closest[i])
                yield int(self.labels[k]), 0.6 + 0.2 * float(best[i] - self.repeat_similarity), None
                continue
            yield None

    def predict(self, X):
        return np.array([self.classes[g[0]] if g else None for g in self.guess(list(X))], dtype=object)

    def predict_regions(self, X) -> list[dict | None]:
        """The region of each text, or None where no landmark or near-repeat of the history is found."""
        out = []
        for g in self.guess(list(X)):
            if g is None:
                out.append(None)
                continue
            label, confidence, evidence = g
            province, city, county = (str(self.classes[label]).split("/") + ["", "", ""])[:3]
            out.append({"province": province or None, "city": city or None, "county": county or None,
                        "region_confidence": round(min(confidence, 0.8), 2), "region_evidence": evidence})
        return out


# memory → (landmark index, bigram codes of their starts): built once a process, never packed
_TABLES: "weakref.WeakKeyDictionary[RegionMemory, tuple]" = weakref.WeakKeyDictionary()
_HERE = Path(__file__).resolve().parent
_LIGHT_SOURCES = (_HERE / "memory.py", _HERE / "model.py", _HERE.parent / "features.py")


def load_region_model(model_dir=None):
    """The region model of ``model_dir`` (default: the shipped models) for prediction — its
    :class:`RegionMemory`, kept in the user cache after the model file's first load — or None when the folder
    has none."""
    from ..resources import models_dir

    path = Path(model_dir or models_dir()) / REGION_MODEL_FILE
    if not path.is_file():
        return None
    st = path.stat()
    return _load(str(path.resolve()), st.st_size, st.st_mtime_ns)


@lru_cache(maxsize=8)
def _load(path: str, size: int, mtime_ns: int):
    from .. import persist

    return persist.load_light(path, _LIGHT_SOURCES, RegionMemory, _build)


def _build(path):
    from ..classify import load_model_file

    model = load_model_file(path)
    return (model.light() if hasattr(model, "light") else None), model

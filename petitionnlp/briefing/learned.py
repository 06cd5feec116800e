"""A learned judge of directives beside the rules (issue 29): a logistic regression over the clauses the rules weigh.

The rules (:mod:`.directives`) read every clause of a briefing and take some for directives; each clause comes with
what the rules saw in it (:func:`.directives.find_candidates`: its marker and where it stands, an enumerator, a
speaker, its time expressions, a past or a statistic, the kind of document) but not their verdict, so the model is a
second opinion from the same cues.  :class:`DirectiveModel` learns from annotated briefings which clauses are
directives: a directive of the rules is kept when the model gives it at least ``keep_threshold``, a clause the rules
leave out is added when the model gives it at least ``add_threshold``.  The thresholds and the regularisation are
chosen on folds grouped by source (``scripts/train_briefing_model.py``, ``make train-briefing``); the model is
saved with skops (no pickle) beside its weights as data and its card in ``models/briefing_directives/``; at run time
the pipeline judges with the weights alone (:mod:`.judge`), without scikit-learn.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.utils.validation import check_is_fitted

from .judge import META_FILE, MODEL_FILE, Judge, choose

__all__ = ["DirectiveModel", "fit_committee", "match_gold", "without_a_share_of_sites"]


class DirectiveModel(ClassifierMixin, BaseEstimator):
    """P(a clause is a directive | what the rules saw in it): a ``DictVectorizer`` and a ``LogisticRegression``.

    ``fit(X, y)`` takes the ``features`` dicts of candidates and whether each is a directive; ``decide`` gives, for
    the candidates of one briefing, which of them are directives (see the module docstring).  (d44 tried bagging the
    regression over sites; it did not steady the blind sets and was taken out of the shipped model in d45.)"""

    def __init__(self, C: float = 1.0, keep_threshold: float = 0.0, add_threshold: float = 0.8, enabled: bool = True):
        self.C = C
        self.keep_threshold = keep_threshold
        self.add_threshold = add_threshold
        self.enabled = enabled

    def fit(self, X: list[dict], y):
        model = LogisticRegression(C=self.C, max_iter=2000, class_weight="balanced")
        self.pipeline_ = Pipeline([("features", DictVectorizer(sparse=True)), ("model", model)])
        self.pipeline_.fit(X, np.asarray(y, dtype=int))
        self.classes_ = self.pipeline_.classes_
        return self

    def predict_proba(self, X: list[dict]) -> np.ndarray:
        check_is_fitted(self, "pipeline_")
        return self.pipeline_.predict_proba(X)

    def predict(self, X: list[dict]) -> np.ndarray:
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]

    def decide(self, candidates: list[dict]) -> list[bool]:
        """Whether each candidate (``rule``, ``features``) is a directive."""
        if not candidates:
            return []
        p = self.predict_proba([c["features"] for c in candidates])[:, 1]
        return choose(candidates, p, self.keep_threshold, self.add_threshold)

    def weights(self) -> tuple[dict[str, float], float]:
        """The fitted regression as (feature name → weight, intercept)."""
        check_is_fitted(self, "pipeline_")
        names = self.pipeline_.named_steps["features"].feature_names_
        lr = self.pipeline_.named_steps["model"]
        return {n: float(w) for n, w in zip(names, lr.coef_[0]) if w}, float(lr.intercept_[0])

    def judge(self, meta: dict | None = None, committee: list["DirectiveModel"] | None = None,
              quorum: float = 0.5) -> Judge:
        """The fitted model as weights (:class:`.judge.Judge`): what the pipeline runs; with ``committee`` (models
        each fitted without a tenth of the sites: :func:`fit_committee`) the judge votes (:func:`.judge.vote`)."""
        weights, intercept = self.weights()
        return Judge(weights, intercept, self.keep_threshold, self.add_threshold, self.enabled,
                     dict(meta or {}, C=self.C), [m.weights() for m in committee or ()], quorum)

    def save(self, folder: str | Path, meta: dict | None = None, committee: list["DirectiveModel"] | None = None,
             quorum: float = 0.5) -> None:
        """The fitted model as ``model.skops``, its weights (and its committee's) as ``weights.json`` and its
        parameters as ``meta.json`` in ``folder``."""
        import skops.io as sio

        check_is_fitted(self, "pipeline_")
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        sio.dump(self.pipeline_, folder / MODEL_FILE)
        self.judge(meta, committee, quorum).save(folder)

    @classmethod
    def load(cls, folder: str | Path) -> "DirectiveModel":
        """A model saved by :meth:`save`; skops loads only the scikit-learn and NumPy types it trusts."""
        import skops.io as sio

        folder = Path(folder)
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        path = folder / MODEL_FILE
        untrusted = sio.get_untrusted_types(file=path)
        allowed = [t for t in untrusted if t.startswith(("sklearn.", "numpy.", "scipy."))]
        if len(allowed) != len(untrusted):
            raise ValueError(f"{path}: types outside scikit-learn, NumPy and SciPy: "
                             f"{sorted(set(untrusted) - set(allowed))}")
        model = cls(C=meta["C"], keep_threshold=meta["keep_threshold"], add_threshold=meta["add_threshold"],
                    enabled=meta.get("enabled", True))
        model.meta_ = meta
        model.pipeline_ = sio.load(path, trusted=allowed)
        model.classes_ = model.pipeline_.classes_
        return model


def without_a_share_of_sites(groups: list[str], seed: int, share: float) -> set[str]:
    """The sites (``groups``) a committee member leaves out: ``share`` of them, drawn with ``seed``."""
    sites = sorted(set(groups))
    return set(np.random.RandomState(seed).choice(sites, size=int(round(share * len(sites))), replace=False))


def fit_committee(X: list[dict], y, groups: list[str], C: float, size: int, share: float,
                  seed: int = 1000) -> list[DirectiveModel]:
    """``size`` models at ``C``, the r-th fitted without the sites :func:`without_a_share_of_sites` draws with
    ``seed + r`` (d47: a committee that votes, so that a clause one cut of the sites would change and another would
    not stays as the rules have it)."""
    out = []
    y = np.asarray(y, dtype=int)
    for r in range(size):
        gone = without_a_share_of_sites(groups, seed + r, share)
        keep = [i for i, g in enumerate(groups) if g not in gone]
        out.append(DirectiveModel(C=C).fit([X[i] for i in keep], y[keep]))
    return out


def match_gold(gold: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[bool]:
    """Which spans match a gold span: one that covers at least half of it, one to one, in order (the measure of
    ``benchmarks/eval_briefings.py``)."""
    hit = [False] * len(spans)
    for gs, ge in gold:
        for i, (ps, pe) in enumerate(spans):
            if not hit[i] and gs >= 0 and (min(ge, pe) - max(gs, ps)) * 2 >= ge - gs:
                hit[i] = True
                break
    return hit

"""The type model's light predictor: its probabilities and types from the fitted model's numbers, without
scikit-learn.

:class:`TypePredictor` holds what prediction needs of a fitted
:class:`~petitionnlp.classify.PollutionTypeClassifier` — each feature block's hashing parameters and idf, the
lexicon, the coefficients, the table conventions as learned from records, the memory of real petitions, the decision rule's parameters —
and runs the same steps of :mod:`petitionnlp.features` that the estimators run, in the same order, so that its
probabilities are the model's to the last bit (``tests/test_speed.py`` checks it on the samples and dev texts).
:func:`petitionnlp.classify.light_predictor` builds one from a fitted model (None when the model holds anything
it does not know: the model itself then predicts), and it is kept in the user cache beside the model's pack
(:mod:`petitionnlp.persist`), so ``classify`` never imports scikit-learn (about a second of start-up).
"""

from __future__ import annotations

import weakref

import numpy as np
from scipy import sparse

from .features import (bigram_vectors, blend, calibrate, char_ngrams, compiled, conventions_fired,
                       conventions_fired_rules, decide, expit, first_named, keyword_named, lexicon_index, lexicon_matrix,
                       lexicon_ordinals, nearest, tfidf, token_counts)
from .taxonomy import TYPES

__all__ = ["TypePredictor"]


class TypePredictor:
    """``predict_proba``, ``predict_from_proba`` and ``predict`` of a fitted type model.

    parts : the feature blocks in the model's order, ``(kind, params)`` with kind ``terms`` (jieba content words,
        hashed; tf-idf), ``chars`` (character n-grams, hashed; tf-idf) or ``lexicon``
    coef, intercept : the one-vs-rest logistic regressions (types × features, types)
    conventions, memory : the table conventions (with ``calibrator``: the conventions as learned from records,
        :func:`~petitionnlp.features.calibrate`; None: the imposed floor) and the memory of real petitions
        (dicts), or None
    threshold, max_types : the decision rule's parameters
    main_type : ``first_named`` (the type the text names first goes first when it is predicted) or ``best``
    named_threshold, unnamed_threshold : the secondary types weighed against the plain keyword list (the lexicon
        block's terms, :func:`~petitionnlp.features.keyword_named`; None: the threshold)
    """

    def __init__(self, parts, coef, intercept, conventions=None, memory=None, threshold: float = 0.3,
                 max_types: int | None = None, main_type: str = "best", named_threshold: float | None = None,
                 unnamed_threshold: float | None = None):
        self.parts = parts
        self.coef = coef
        self.intercept = intercept
        self.conventions = conventions
        self.memory = memory
        self.threshold = threshold
        self.max_types = max_types
        self.main_type = main_type
        self.named_threshold = named_threshold
        self.unnamed_threshold = unnamed_threshold
        self.classes_ = np.array(TYPES, dtype=object)

    def _block(self, kind: str, p: dict, X: list[str], scratch: dict, found: dict | None = None):
        if kind == "terms":
            from .tokenize import get_tokenizer

            tok = get_tokenizer()
            counts = token_counts(X, tok.raw_cut, tok.keeps, p["n_features"], scratch.setdefault("terms", {}))
            return tfidf(counts, p["idf"], p["sublinear"], p["norm"])
        if kind == "chars":
            counts = char_ngrams(X, tuple(p["ngram_range"]), p["n_features"], p["binary"], p["strip"])
            return tfidf(counts, p["idf"], p["sublinear"], p["norm"])
        if kind == "lexicon":
            patterns = compiled(p["negated_before"], p["place_after"]) if p["passing"] else None
            container = compiled(p["container_after"])[0] if p.get("container_after") else None
            return lexicon_matrix(X, self._lexicon(p, scratch), patterns, p["first_mention"], p["n_out"], container,
                                  p.get("facility_weight", 1.0), self._ordinals(p, X, scratch, found))
        raise ValueError(f"unknown feature block {kind!r}")

    def predict_proba(self, X) -> np.ndarray:
        return self.proba_and_main(X)[0]

    def proba_and_main(self, X) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None]:
        """:meth:`predict_proba`, :meth:`main_types` and :meth:`keyword_named` of the same texts, each feature
        block computed once."""
        X = list(X)
        scratch = _SCRATCH.setdefault(self, {})  # per process, never packed: token columns, the lexicon index
        found: dict = {}  # these texts' lexicon entries: matched once, read by the lexicon block and _named
        blocks = [self._block(kind, p, X, scratch, found) for kind, p in self.parts]
        main = None
        if self.main_type == "first_named":
            main = first_named(next(b for (kind, _), b in zip(self.parts, blocks) if kind == "lexicon"))
        return self._finish(X, blocks, main), main, self._named(X, scratch, found)

    @staticmethod
    def _lexicon(p: dict, scratch: dict):
        index = scratch.get("lexicon")
        if index is None:
            index = scratch["lexicon"] = lexicon_index(p["terms"], p["types"], p["weights"])
        return index

    def _ordinals(self, p: dict, X: list[str], scratch: dict, found: dict | None) -> list[list[int]]:
        """:func:`~petitionnlp.features.lexicon_ordinals` of ``X``, kept in ``found`` for the other readers."""
        if found is None:
            return lexicon_ordinals(X, self._lexicon(p, scratch))
        if "lexicon" not in found:
            found["lexicon"] = lexicon_ordinals(X, self._lexicon(p, scratch))
        return found["lexicon"]

    def _named(self, X: list[str], scratch: dict, found: dict | None = None) -> np.ndarray | None:
        if self.named_threshold is None and self.unnamed_threshold is None:
            return None
        p = next((p for kind, p in self.parts if kind == "lexicon"), None)
        if p is None:
            return None
        return keyword_named(X, self._lexicon(p, scratch), ordinals=self._ordinals(p, X, scratch, found))

    def keyword_named(self, X) -> np.ndarray | None:
        """The types the plain keyword list names in each text (texts × types), or None when the decision rule
        does not read them."""
        return self._named(list(X), _SCRATCH.setdefault(self, {}))

    def _finish(self, X: list[str], blocks, main: np.ndarray | None = None) -> np.ndarray:
        features = sparse.hstack(blocks).tocsr()
        proba = expit(np.asarray(features @ self._coef_t()) + self.intercept)
        c = self.conventions
        if c is not None:
            patterns = compiled(c["negated_before"], c["place_after"], c["container_after"])
            cal = c.get("calibrator")
            if cal is not None:  # the conventions as learned from records
                fired = conventions_fired_rules(X, c["rules"], c["clause_scope"], patterns)
                proba = calibrate(proba, cal["coef"], cal["pairs"], cal["floors"], fired, main)
            else:  # the imposed floor of an older model
                fired = conventions_fired(X, c["rules"], c["clause_scope"], patterns)
                proba = np.where(fired, np.maximum(proba, c["floor"]), proba)
        m = self.memory
        if m is not None:
            sim, idx = nearest(bigram_vectors(X, m["n_features"]), m["memory"])
            proba = blend(proba, sim, idx, m["labels"], m["threshold"], m["weight"])
        return proba

    def _coef_t(self) -> np.ndarray:
        """The coefficients transposed (features × types), in C order, kept by the process: SciPy's product of a
        sparse matrix and a dense one copies a transposed view into C order first, 12 MB each batch."""
        scratch = _SCRATCH.setdefault(self, {})
        coef_t = scratch.get("coef_t")
        if coef_t is None:
            coef_t = scratch["coef_t"] = np.ascontiguousarray(self.coef.T)
        return coef_t

    def main_types(self, X) -> np.ndarray | None:
        """The type each text names first (-1: none) when the main type is the first named, else None."""
        if self.main_type != "first_named":
            return None
        X = list(X)
        scratch = _SCRATCH.setdefault(self, {})
        kind, p = next(part for part in self.parts if part[0] == "lexicon")
        return first_named(self._block(kind, p, X, scratch))

    def predict_from_proba(self, proba: np.ndarray, main: np.ndarray | None = None,
                           named: np.ndarray | None = None) -> list[list[str]]:
        return decide(proba, self.threshold, self.max_types, main, named, self.named_threshold,
                      self.unnamed_threshold)

    def predict(self, X) -> list[list[str]]:
        return self.predict_from_proba(*self.proba_and_main(X))


_SCRATCH: "weakref.WeakKeyDictionary[TypePredictor, dict]" = weakref.WeakKeyDictionary()

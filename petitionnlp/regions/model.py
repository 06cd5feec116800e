"""The learned region classifier: character n-gram TF-IDF → logistic regression over ``province/city/county``
labels, for texts that name no place the gazetteer knows (an estate, a factory, a landmark that history
has tied to a county).  Trained by ``petitionnlp train`` on the corpus records that carry a city; saved with skops.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

__all__ = ["RegionClassifier", "load_region_model", "train_region_model", "REGION_MODEL_FILE"]

REGION_MODEL_FILE = "region.skops"


class RegionClassifier(ClassifierMixin, BaseEstimator):
    """C : inverse regularization; ngram_range : character n-gram sizes; min_df : minimum document frequency."""

    def __init__(self, C: float = 10.0, ngram_range=(2, 4), min_df: int = 1):
        self.C = C
        self.ngram_range = ngram_range
        self.min_df = min_df

    def fit(self, X, y):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import Pipeline

        self.pipeline_ = Pipeline([
            ("chars", TfidfVectorizer(analyzer="char", ngram_range=tuple(self.ngram_range), sublinear_tf=True,
                                      min_df=self.min_df)),
            ("clf", LogisticRegression(C=self.C, max_iter=2000)),
        ]).fit(list(X), list(y))
        self.classes_ = self.pipeline_.classes_
        return self

    def predict(self, X):
        check_is_fitted(self, "pipeline_")
        return self.pipeline_.predict(list(X))

    def predict_regions(self, X) -> list[dict]:
        check_is_fitted(self, "pipeline_")
        proba = self.pipeline_.predict_proba(list(X))
        out = []
        for row in proba:
            j = int(np.argmax(row))
            province, city, county = (self.classes_[j].split("/") + ["", "", ""])[:3]
            out.append({"province": province or None, "city": city or None, "county": county or None,
                        "region_confidence": round(float(row[j]) * 0.8, 2), "region_evidence": None})
        return out


def load_region_model(model_dir=None):
    """The saved region model, or None when the model folder has none."""
    from ..classify import load_model_file
    from ..resources import models_dir

    path = Path(model_dir or models_dir()) / REGION_MODEL_FILE
    return load_model_file(path) if path.is_file() else None


def train_region_model(records: list[dict], out_dir) -> dict | None:
    """Fit on records with a city label (at least two distinct cities); None when there are too few."""
    import skops.io as sio

    rows = [r for r in records if r.get("city")]
    labels = [f"{r.get('province') or ''}/{r['city']}/{r.get('county') or ''}" for r in rows]
    if len(set(labels)) < 2:
        return None
    model = RegionClassifier().fit([r["text"] for r in rows], labels)
    sio.dump(model, Path(out_dir) / REGION_MODEL_FILE, compression=zipfile.ZIP_DEFLATED)
    return {"summary": f"Character 2–4-gram TF-IDF → logistic regression over {len(set(labels))} "
                       f"province/city/county labels from {len(rows)} records with a city; used only when "
                       f"the gazetteer finds no place, and only at probability ≥ 0.6 (confidence × 0.8)."}

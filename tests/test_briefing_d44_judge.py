"""The bagged judge of directives (issue 29, d44): learned.DirectiveModel with n_estimators > 1 is the mean in
log-odds of logistic regressions each fitted on a share of the sites (groups), one regression again (weights.json and
the judge of judge.py unchanged), reproducible, saved with skops (the shipped judge is one regression: bagging did not
steady the blind sets, benchmarks/judge_retrain_spread.py); make train-briefing trains on the third news batch
(briefings_news3.jsonl) too."""

import json
import sys
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone

from petitionnlp.briefing.judge import Judge, shipped_model_dir
from petitionnlp.briefing.learned import DirectiveModel

ROOT = Path(__file__).resolve().parent.parent


def _toy(seed=0, n=240):
    rng = np.random.RandomState(seed)
    X, y, groups = [], [], []
    for i in range(n):
        marker = rng.rand() < 0.5
        X.append({"marker": float(marker), "enum": float(rng.rand() < 0.3), f"noise={rng.randint(5)}": 1.0})
        y.append(int(marker if rng.rand() < 0.85 else not marker))
        groups.append(f"site{i % 24}")
    return X, y, groups


def test_the_bagged_judge_is_an_estimator_whose_weights_are_the_mean_of_its_members():
    X, y, groups = _toy()
    model = DirectiveModel(C=0.3, n_estimators=7, max_samples=0.7, random_state=3)
    assert clone(model).get_params() == model.get_params()
    model.fit(X, y, groups=groups)
    assert len(model.estimators_) == 7
    lr = model.pipeline_.named_steps["model"]
    assert np.allclose(lr.coef_, np.mean([m.coef_ for m in model.estimators_], axis=0))
    assert np.allclose(lr.intercept_, np.mean([m.intercept_ for m in model.estimators_], axis=0))
    judge = model.judge()  # what the pipeline runs, without scikit-learn: the same probabilities
    assert model.predict_proba(X)[:, 1] == pytest.approx(judge.probabilities(X), abs=1e-9)
    again = DirectiveModel(C=0.3, n_estimators=7, max_samples=0.7, random_state=3).fit(X, y, groups=groups)
    assert np.array_equal(again.pipeline_.named_steps["model"].coef_, lr.coef_)  # reproducible


def test_each_member_learns_from_whole_sites():
    X, y, groups = _toy()
    model = DirectiveModel(n_estimators=5, max_samples=0.5).fit(X, y, groups=groups)
    sizes = {m.n_features_in_ for m in model.estimators_}
    assert sizes == {len(model.pipeline_.named_steps["features"].feature_names_)}
    counts = [int(m.n_iter_[0]) > 0 for m in model.estimators_]
    assert all(counts)


def test_one_estimator_is_the_plain_regression():
    X, y, groups = _toy()
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    plain = LogisticRegression(C=0.3, max_iter=2000, class_weight="balanced").fit(
        DictVectorizer(sparse=True).fit_transform(X), y)
    model = DirectiveModel(C=0.3).fit(X, y, groups=groups)
    assert np.allclose(model.pipeline_.named_steps["model"].coef_, plain.coef_)


def test_the_shipped_judge_names_its_bagging_and_loads_with_it():
    meta = json.loads((shipped_model_dir() / "meta.json").read_text(encoding="utf-8"))
    assert meta["n_estimators"] >= 1 and 0 < meta["max_samples"] <= 1 and "random_state" in meta
    model = DirectiveModel.load(shipped_model_dir())
    assert (model.n_estimators, model.max_samples) == (meta["n_estimators"], meta["max_samples"])
    X, _, _ = _toy()
    assert model.predict_proba(X)[:, 1] == pytest.approx(Judge.load(shipped_model_dir()).probabilities(X), abs=1e-9)


def test_the_judge_trains_on_the_third_news_batch():
    sys.path.insert(0, str(ROOT / "scripts"))
    from train_briefing_model import training_briefings

    ids = {d["doc"]["id"] for d in training_briefings(ROOT.parent / "shared" / "corpora")}
    news3 = [json.loads(x)["doc"]["id"] for x in (ROOT / "corpora/briefing/gold/briefings_news3.jsonl")
             .read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(news3) >= 10 and set(news3) <= ids


def test_the_third_news_batch_comes_from_sites_never_used_nor_reserved():
    from urllib.parse import urlparse

    gold = ROOT / "corpora" / "briefing" / "gold"
    rows = [json.loads(x) for x in (gold / "briefings_news3.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    others = {urlparse(json.loads(x)["doc"]["url"]).netloc for f in gold.glob("*.jsonl") if f.name != "briefings_news3.jsonl"
              for x in f.read_text(encoding="utf-8").splitlines() if x.strip() and json.loads(x)["doc"].get("url")}
    reserved_file = ROOT.parent / "shared" / "corpora" / "reserved_sources.txt"
    reserved = {x.strip() for x in reserved_file.read_text(encoding="utf-8").splitlines()
                if x.strip() and not x.startswith("#")} if reserved_file.is_file() else set()
    for d in rows:
        assert urlparse(d["doc"]["url"]).netloc not in others and d["doc"]["url"] not in reserved
        assert all(g["action"] in d["doc"]["text"] for g in d["gold"]["directives"])
        assert all(g["span"] in d["doc"]["text"] for g in d["gold"]["time_expressions"])

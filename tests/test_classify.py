import numpy as np
import pytest
from sklearn.base import clone

from petitionnlp.classify import (KeywordClassifier, LexiconFeatures, PollutionTypeClassifier,
                                  evaluate_predictions, load_model, save_model)
from petitionnlp.resources import models_dir
from petitionnlp.taxonomy import TYPES
from petitionnlp.text import normalize

TRAIN = [("餐馆油烟直排扰民", ["大气"]), ("工地扬尘严重", ["大气"]), ("工厂污水直排河道", ["水"]),
         ("养殖废水流入水塘", ["水"]), ("建筑垃圾随意倾倒", ["土壤"]), ("危险废物露天堆放", ["土壤"]),
         ("养殖尾水直排入海", ["海洋"]), ("非法围填海", ["海洋"]), ("非法采砂破坏河道", ["生态"]),
         ("毁林开荒破坏植被", ["生态"]), ("信号塔辐射", ["辐射"]), ("基站电磁辐射", ["辐射"]),
         ("夜间施工噪声扰民", ["噪声"]), ("广场舞噪音大", ["噪声"]), ("环境脏乱差", ["其他"]), ("光污染严重", ["其他"])]


@pytest.fixture(scope="module")
def shipped():
    return load_model(models_dir())


@pytest.mark.parametrize("text,expected", [
    ("反映某烧烤店油烟直排，严重影响居民生活。", "大气"),
    ("某化工厂夜间偷排废水，河水发黑发臭，出现大量死鱼。", "水"),
    ("村里有人非法采砂，河道被挖得千疮百孔。", "生态"),
    ("小区楼顶新装信号发射塔，业主担心辐射影响身体健康。", "辐射"),
    ("工地每天夜间施工，机器轰鸣，居民无法入睡。", "噪声"),
    ("空地上随意倾倒建筑垃圾和生活垃圾，无人清理。", "土壤"),
    ("养殖场尾水直排入海，近岸海域海水发臭。", "海洋"),
])
def test_shipped_model_best_type(shipped, text, expected):
    assert shipped.predict([normalize(text)])[0][0] == expected


def test_shipped_model_multi_label(shipped):
    types = shipped.predict([normalize("搅拌站生产时扬尘严重，货车来往噪声扰民。")])[0]
    assert set(types) == {"大气", "噪声"}


def test_probabilities_cover_all_types_and_at_least_one_predicted(shipped):
    proba = shipped.predict_proba([normalize("某某某")])
    assert proba.shape == (1, len(TYPES)) and np.all((proba >= 0) & (proba <= 1))
    assert len(shipped.predict([normalize("某某某")])[0]) >= 1


def test_estimator_conventions():
    est = PollutionTypeClassifier(C=2.0, threshold=0.4)
    assert clone(est).get_params() == est.get_params()
    X, Y = [t for t, _ in TRAIN], [y for _, y in TRAIN]
    assert est.fit(X, Y) is est
    assert hasattr(est, "pipeline_") and list(est.classes_) == list(TYPES)
    lex = LexiconFeatures()
    assert lex.fit(X) is lex and lex.transform(["油烟扬尘"]).shape == (1, 2 * len(TYPES))
    first = lex.transform(["先是噪声扰民，后有油烟"]).toarray()[0][len(TYPES):]
    assert first[TYPES.index("噪声")] == 1 and first.sum() == 1
    assert clone(KeywordClassifier()).get_params() == KeywordClassifier().get_params()


def test_unfitted_model_refuses():
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        PollutionTypeClassifier().predict_proba(["油烟"])


def test_skops_round_trip(tmp_path):
    X, Y = [t for t, _ in TRAIN], [y for _, y in TRAIN]
    est = PollutionTypeClassifier().fit(X, Y)
    save_model(est, tmp_path, {"note": "test"})
    assert not list(tmp_path.glob("*.pkl"))
    again = load_model(tmp_path)
    np.testing.assert_allclose(again.predict_proba(X), est.predict_proba(X))


def test_metrics():
    m = evaluate_predictions([["水"], ["大气", "噪声"]], [["水"], ["大气"]])
    assert m["micro_f1"] == pytest.approx(2 * 2 / (2 * 2 + 0 + 1))
    assert m["top1_accuracy"] == 1.0
    assert m["per_type"]["噪声"]["recall"] == 0.0


def test_shipped_model_beats_keyword_list_on_real_dev_petitions(shipped, dev_petitions):
    typed = [r for r in dev_petitions if r["types"]]
    X, Y = [normalize(r["text"]) for r in typed], [r["types"] for r in typed]
    model = evaluate_predictions(Y, shipped.predict(X))
    keywords = evaluate_predictions(Y, KeywordClassifier().fit().predict(X))
    assert model["micro_f1"] > keywords["micro_f1"]
    assert model["top1_accuracy"] >= keywords["top1_accuracy"]

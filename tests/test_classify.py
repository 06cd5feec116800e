import numpy as np
import pytest
from sklearn.base import clone

from conftest import SHARED

from petitionnlp.classify import (KeywordClassifier, LexiconFeatures, PollutionTypeClassifier, TableConventions,
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


@pytest.fixture(scope="module")
def blind_records():
    """The typed records of the blind pages (corpora/train/blind_split.json) of the shared dev corpora."""
    from petitionnlp.training import blind_pages, read_blind_split, read_corpus
    from petitionnlp.resources import corpus_path

    files = [SHARED / "petitions_dev.jsonl", SHARED / "disclosure_dev.jsonl"]
    if not all(p.is_file() for p in files):
        pytest.skip("the shared dev corpora are not beside this checkout")
    pages = blind_pages(read_blind_split(corpus_path("train", "blind_split.json")))
    return [r for r in read_corpus([str(p) for p in files]) if r["page"] in pages and r["types"]]


def test_shipped_model_beats_keyword_list_on_the_blind_records(shipped, blind_records):
    X, Y = [r["text"] for r in blind_records], [r["types"] for r in blind_records]
    assert len(X) >= 20
    model = evaluate_predictions(Y, shipped.predict(X))
    keywords = evaluate_predictions(Y, KeywordClassifier().fit().predict(X))
    assert model["micro_f1"] > keywords["micro_f1"]
    assert model["top1_accuracy"] >= keywords["top1_accuracy"]


def _lexicon_types(lex, text):
    row = lex.transform([normalize(text)]).toarray()[0]
    return {TYPES[j] for j in np.flatnonzero(row[:len(TYPES)])}, {TYPES[j] for j in np.flatnonzero(row[len(TYPES):])}


@pytest.mark.parametrize("text,counted,first", [
    ("水库旁的工厂夜里机器轰鸣", {"噪声"}, {"噪声"}),                 # a medium named only as a place
    ("河边的厂粉尘很大", {"大气"}, {"大气"}),
    ("岳阳市经开区污水处理厂后面有一家黑搅拌站，噪声扰民", {"噪声"}, {"噪声"}),  # a plant as a landmark
    ("没有异味，但是噪声很大", {"噪声"}, {"噪声"}),                     # negated
    ("反映的不是污水，而是废气", {"大气"}, {"大气"}),                   # not X but Y
    ("没有发现明显异味", set(), set()),
    ("没处理的污水直排水库", {"水"}, {"水"}),                         # the treatment is negated, not the water
    ("水库边的养殖场把粪水直排水库", {"水"}, {"水"}),                 # a landmark that is also the complaint
])
def test_passing_mentions_do_not_count(text, counted, first):
    lex = LexiconFeatures().fit(None)
    assert _lexicon_types(lex, text) == (counted, first)
    every = LexiconFeatures(passing=False).fit(None)  # the rules can be switched off
    assert counted <= _lexicon_types(every, text)[0]


@pytest.mark.parametrize("text,types", [
    ("苗圃公园无人管理，垃圾成堆，臭气熏天", {"大气"}),        # the smell is filed under 大气, not 土壤 as well
    ("村民在路边焚烧垃圾，浓烟滚滚", {"土壤", "大气"}),
    ("养猪场的污水排进农田，庄稼都死了", {"水", "土壤"}),
    ("小区旁的工地施工扬尘大，夜间还有噪音", {"大气", "噪声"}),
    ("垃圾站旁边的工地扬尘", set()),                      # no noise; the garbage is a landmark
    ("村里没有异味，垃圾也有人清理", set()),
])
def test_table_conventions_as_data(text, types):
    conv = TableConventions().fit()
    assert clone(conv).get_params() == conv.get_params()
    assert {TYPES[j] for j in np.flatnonzero(conv.fired([normalize(text)])[0])} == types
    proba = conv.apply([normalize(text)], np.zeros((1, len(TYPES))))
    assert all(proba[0, TYPES.index(t)] == conv.floor for t in types)


@pytest.mark.parametrize("text,expected", [
    ("村民在路边焚烧垃圾，浓烟滚滚。", {"土壤", "大气"}),
    ("小区南侧工地施工扬尘严重，夜间施工噪声扰民。", {"大气", "噪声"}),
])
def test_shipped_model_gives_the_tables_secondary_types(shipped, text, expected):
    assert set(shipped.predict([normalize(text)])[0]) == expected


def test_a_convention_the_keyword_list_does_not_read_needs_a_surer_model(shipped):
    """Waste water let onto farmland: the conventions still make 土壤 likely, but the keyword list names no 土壤
    (农田 is not a term of it), and the shipped rule gives a secondary type it does not name only from 0.8
    (SECONDARY_RULE: the published tables seldom give one; before, 土壤 was given from 0.5)."""
    from petitionnlp.classify import SECONDARY_RULE

    text = [normalize("某养殖场把废水排到村民的农田里，庄稼受损。")]
    proba, main, named = shipped.proba_and_main(text)
    assert 0.5 <= proba[0, TYPES.index("土壤")] < SECONDARY_RULE[1] and not named[0, TYPES.index("土壤")]
    assert shipped.predict(text) == [["水"]]
    assert shipped.predict_from_proba(proba, main) == [["水", "土壤"]]  # without the keyword list's reading
    assert (shipped.named_threshold, shipped.unnamed_threshold) == SECONDARY_RULE
    from petitionnlp.classify import light_predictor

    light = light_predictor(shipped)  # what classify runs: the same rule, the same keyword list
    assert light.predict(text) == [["水"]] and np.array_equal(light.keyword_named(text), named)


@pytest.mark.parametrize("text,not_expected", [
    ("水库旁的石料厂粉尘很大，周边村民不敢开窗。", "水"),
    ("河边的厂每天夜里机器轰鸣，吵得睡不着。", "水"),
    ("投诉的不是污水，而是烧烤店的油烟。", "水"),
])
def test_shipped_model_ignores_passing_mentions(shipped, text, not_expected):
    assert not_expected not in shipped.predict([normalize(text)])[0]


@pytest.mark.parametrize("text,first,weaker", [
    ("某街道垃圾中转站臭气熏天，影响周边居民", {"大气"}, "土壤"),   # the station is where the smell comes from
    ("村口的污水处理厂臭味很大，居民不敢开窗", {"大气"}, "水"),
    ("废品收购站露天堆放废品，气味难闻", {"土壤"}, None),            # 堆放废品: the scrap itself is the complaint
])
def test_a_facility_name_is_not_the_complaint(text, first, weaker):
    lex = LexiconFeatures().fit(None)
    row = lex.transform([normalize(text)]).toarray()[0]
    assert {TYPES[j] for j in np.flatnonzero(row[len(TYPES):])} == first
    if weaker:
        full = LexiconFeatures(facility_weight=1.0).fit(None).transform([normalize(text)]).toarray()[0]
        assert 0 < row[TYPES.index(weaker)] < full[TYPES.index(weaker)]


def test_the_conventions_are_a_prior_that_an_office_overrides():
    """Garbage burnt is 土壤 and 大气 by the conventions as written; an office whose tables never file it under 土壤
    teaches that with a few dozen records, while three records do not yet outweigh the prior."""
    from petitionnlp.classify import ConventionCalibrator, _decide

    conv = TableConventions().fit()
    villages = ["东湖", "西山", "南岭", "北坡", "上塘", "下店", "前进", "红星", "新民", "长乐"]
    texts = [normalize(f"{v}村{k}组路边焚烧垃圾，浓烟滚滚") for v in villages for k in ("一", "二", "三")]
    fired = conv.fired_rules(texts)
    assert fired.any(axis=1).all()
    soil, air = TYPES.index("土壤"), TYPES.index("大气")
    base = np.full((len(texts), len(TYPES)), 0.02)
    base[:, air], base[:, soil] = 0.95, 0.1            # the model reads the smoke, hardly the garbage
    prior = ConventionCalibrator().fit(np.zeros((0, len(TYPES))), [], pairs=conv.pairs())
    assert clone(prior).get_params() == prior.get_params()
    assert _decide(prior.predict_proba(base[:1], fired[:1]), 0.5)[0] == ["大气", "土壤"]
    office = ConventionCalibrator().fit(base, [["大气"]] * len(texts), fired, conv.pairs(), prior=prior)
    q = office.predict_proba(base[:1], fired[:1])
    assert _decide(q, 0.5)[0] == ["大气"] and q[0, soil] < 0.5
    few = ConventionCalibrator().fit(base[:3], [["大气"]] * 3, fired[:3], conv.pairs(), prior=prior)
    assert _decide(few.predict_proba(base[:1], fired[:1]), 0.5)[0] == ["大气", "土壤"]
    learned, was = office.describe(), prior.describe()
    rule = conv.names_.index("焚烧垃圾")
    floor = {(c["rule"], c["type"]): c for c in learned["conventions"]}
    assert floor[(rule, "土壤")]["floor"] < 0.5 < was["conventions"][0]["floor"]
    assert floor[(rule, "土壤")]["fired"] == len(texts) and floor[(rule, "土壤")]["given"] == 0
    assert [c["floor"] for c in learned["prior"]["conventions"]] == [c["floor"] for c in was["conventions"]]
    # an office that does file it under 土壤 keeps the convention
    keeps = ConventionCalibrator().fit(base, [["大气", "土壤"]] * len(texts), fired, conv.pairs(), prior=prior)
    assert _decide(keeps.predict_proba(base[:1], fired[:1]), 0.5)[0] == ["大气", "土壤"]


def test_the_main_type_is_the_one_the_text_leads_with_when_it_is_predicted(shipped):
    """Published tables record the medium a complaint leads with: among the predicted types the one the text
    names first goes first (``main_type="first_named"``), even where a secondary type — added by a convention,
    or read more surely — is more probable.  Which types are given does not change; a first-named type that is
    not predicted does not become the main one."""
    import copy

    from petitionnlp.classify import light_predictor
    from petitionnlp.features import decide

    assert decide(np.array([[0.9, 0.8, 0, 0, 0, 0, 0, 0]]), 0.5, 3, np.array([1])) == [["大气", "水"]]
    assert decide(np.array([[0.9, 0.4, 0, 0, 0, 0, 0, 0]]), 0.5, 3, np.array([1])) == [["水"]]  # not predicted
    assert decide(np.array([[0.9, 0.8, 0, 0, 0, 0, 0, 0]]), 0.5, 3, np.array([-1])) == [["水", "大气"]]
    texts = [normalize("夜间车间机器噪音很大，还有刺鼻的油漆气味。"), normalize("某某某")]
    proba = np.zeros((2, len(TYPES)))
    proba[:, TYPES.index("大气")], proba[:, TYPES.index("噪声")] = 0.9, 0.7  # the second-named more probable
    assert shipped.get_params()["main_type"] == "first_named"
    assert shipped.predict_from_proba(proba, shipped.main_types(texts)) == [["噪声", "大气"], ["大气", "噪声"]]
    light = light_predictor(shipped)
    assert light.predict_from_proba(proba, light.main_types(texts)) == [["噪声", "大气"], ["大气", "噪声"]]
    best = copy.copy(shipped).set_params(main_type="best")
    assert best.main_types(texts) is None and best.predict_from_proba(proba) == [["大气", "噪声"]] * 2
    assert light_predictor(best).main_types(texts) is None
    # a model saved before main_type existed (its attributes lack it): the most probable first, and its
    # parameters, a clone and its repr still work
    old = copy.copy(shipped)
    del old.__dict__["main_type"]
    assert old.main_types(texts) is None and old.get_params()["main_type"] == "best" and repr(old)
    from sklearn.base import clone

    assert clone(old).main_type == "best"
    with pytest.raises(ValueError, match="E015"):
        PollutionTypeClassifier(main_type="leading").fit([t for t, _ in TRAIN], [y for _, y in TRAIN])


def test_the_secondary_types_can_be_weighed_against_the_keyword_list():
    """The decision rule may weigh the types after the first against the plain keyword list (issue 29: the model
    adds secondary types the published tables do not give): a type the list names is given from the named
    threshold, one it does not name from the unnamed threshold (above 1: never); the first type is decided as
    without them.  The keyword list's reading is the one KeywordClassifier gives."""
    from petitionnlp.features import decide, keyword_hits, keyword_named

    p = np.zeros((1, len(TYPES)))
    p[0, TYPES.index("水")], p[0, TYPES.index("大气")], p[0, TYPES.index("土壤")] = 0.9, 0.6, 0.45
    named = np.zeros((1, len(TYPES)), dtype=bool)
    named[0, [TYPES.index("水"), TYPES.index("土壤")]] = True
    assert decide(p, 0.5, 3) == decide(p, 0.5, 3, None, named) == [["水", "大气"]]
    assert decide(p, 0.5, 3, None, named, None, 2.0) == [["水"]]               # 大气 unnamed: never
    assert decide(p, 0.5, 3, None, named, 0.4, None) == [["水", "大气", "土壤"]]  # 土壤 named: from 0.4
    assert decide(p, 0.5, 3, None, named, 0.4, 0.7) == [["水", "土壤"]]
    assert decide(p, 0.5, 1, None, named, 0.4, None) == [["水"]]
    only_soil = np.zeros_like(named)
    only_soil[0, TYPES.index("土壤")] = True
    assert decide(p, 0.5, 3, None, only_soil, None, 2.0) == [["水"]]  # the first type stays, named or not
    main = np.array([TYPES.index("大气")])  # the text leads with 大气: it goes first, the 水 after it is weighed
    assert decide(p, 0.5, 3, main, named, None, 2.0) == [["大气", "水"]]
    assert decide(p, 0.5, 3, main, ~named, None, 2.0) == [["大气"]]
    texts = [normalize(t) for t in ("路边垃圾成堆，臭气熏天", "某某某", "养殖场废水排到农田里")]
    lexicon = LexiconFeatures().fit(None)
    got = keyword_named(texts, lexicon._lexicon())
    assert [[TYPES[j] for j in np.flatnonzero(row)] for row in got] == [["大气", "土壤"], ["其他"], ["水"]]
    keywords = KeywordClassifier().fit()
    assert keywords.predict(texts) == [["土壤", "大气"], ["其他"], ["水"]]
    assert [sorted(h) for h in keyword_hits(texts, lexicon._lexicon())] == [[1, 2], [], [0]]


def test_the_keyword_list_reads_manure_as_water():
    """粪污 (manure and its slurry) names water to the plain keyword list at a strong weight (session 44: the list
    read no type in 养殖场粪污乱排, so the secondary-type rule gave 水 only from the unnamed threshold; chosen on
    grouped folds, `benchmarks/secondary_types.py --nested --seeds 0,1,2,3`)."""
    from petitionnlp.features import keyword_named

    texts = [normalize("村东养殖场粪污乱排，臭气熏天")]
    lexicon = LexiconFeatures().fit(None)
    got = keyword_named(texts, lexicon._lexicon())
    assert [[TYPES[j] for j in np.flatnonzero(row)] for row in got] == [["水", "大气"]]
    assert KeywordClassifier().fit().predict(texts) == [["水", "大气"]]


def test_the_keyword_list_reads_sand_dredging_as_ecology_and_a_din_as_noise():
    """Sand taken from a river written with 沙 (挖沙, 采沙, 抽沙: the list held only 采砂 and 挖砂) names 生态, and
    喧哗 or 嘈杂 names 噪声, to the plain keyword list at a strong weight (session 46, issue 29 item 1: a secondary
    type the list does not name is never given under the shipped rule; checked on nested grouped folds,
    `benchmarks/secondary_types.py --nested --seeds 0,1,2,3`)."""
    from petitionnlp.features import keyword_named

    texts = [normalize(t) for t in ("河道里有人夜里挖沙，机器轰鸣", "村民在河边采沙", "抽沙船日夜作业",
                                    "烧烤店油烟大，夜里客人喧哗", "菜市场嘈杂")]
    got = keyword_named(texts, LexiconFeatures().fit(None)._lexicon())
    assert [[TYPES[j] for j in np.flatnonzero(row)] for row in got] == [
        ["生态", "噪声"], ["生态"], ["生态"], ["大气", "噪声"], ["噪声"]]
    assert KeywordClassifier().fit().predict(texts)[4] == ["噪声"]


def test_the_keyword_list_reads_dust_off_bare_land_as_air():
    """Dust off bare or levelled land written 扬灰, 起灰, 扬沙 or 沙尘 (the list held 扬尘, 灰尘, 尘土, 粉尘) names 大气
    at a strong weight (session 52, issue 29 item 2: the unseen records' top-1 misses read dust from levelled land as
    其他 — the model read no medium).  None of these words occurs in a real or generated record, so neither the fit
    nor the grouped folds move by them."""
    from petitionnlp.features import keyword_named

    texts = [normalize(t) for t in ("村里土地推平后没有覆盖，风一吹就起灰", "空地裸露，大风天扬灰", "土方未苫盖，扬沙严重",
                                    "场地裸露，沙尘飞扬")]
    got = keyword_named(texts, LexiconFeatures().fit(None)._lexicon())
    assert [[TYPES[j] for j in np.flatnonzero(row)] for row in got] == [["大气"]] * 4


@pytest.mark.parametrize("text,expected", [
    ("某村土地被推平后没有覆盖，风一吹就起灰。", ["大气"]),             # was 其他: no medium read
    ("某工地土方裸露未苫盖，扬沙严重。", ["大气"]),
    ("小区旁垃圾堆积，臭气熏天，影响居民生活。", ["大气"]),             # was 土壤、大气: the convention's 土壤
    ("菜市场垃圾乱堆，腐烂发臭。", ["大气"]),                         # was 土壤
    ("苗圃公园无人管理，垃圾成堆，臭气熏天。", ["大气"]),             # was 土壤、大气
])
def test_shipped_model_files_dust_and_a_garbage_smell_under_air(shipped, text, expected):
    """The kinds of issue 29's unseen top-1 misses and added secondary types: dust off bare land, and garbage with
    a smell, which the tables file under 大气 (corpora/taxonomy/conventions.tsv no longer adds 土壤 to it)."""
    assert shipped.predict([normalize(text)]) == [expected]


def test_a_paint_smell_written_with_de_names_air():
    """A paint smell written 油漆的味道 / 喷漆的味道 names 大气 as 油漆味 and 漆味 do (session 53, issue 29's top-1
    kind "workshop noise with a paint smell → 噪声 alone": the tables give 噪声、大气).  味道 alone stays no term
    (119 generated records say 加工时味道特别大; as a term it lowered the grouped folds, 0bcaf9e)."""
    from petitionnlp.features import keyword_named

    texts = [normalize(t) for t in ("车间噪音大，有油漆的味道", "家具厂晚上赶工，一股喷漆的味道")]
    got = keyword_named(texts, LexiconFeatures().fit(None)._lexicon())
    assert [[TYPES[j] for j in np.flatnonzero(row)] for row in got] == [["大气", "噪声"], ["大气"]]


@pytest.mark.parametrize("text", ["车间噪音大，有油漆的味道。", "小区旁边的家具厂车间噪声扰民，还有一股油漆的味道。"])
def test_shipped_model_gives_a_workshop_s_paint_smell_air_beside_its_noise(shipped, text):
    """Workshop noise with a paint smell is 噪声、大气 in the tables; the shipped model gave 噪声 alone."""
    assert shipped.predict([normalize(text)]) == [["噪声", "大气"]]


EVERYDAY_WORDS = [  # (text, what the plain keyword list names): a medium said in everyday words, not the list's terms
    ("村里推平的荒地常年闲置，大风天沙土飞扬", ["大气"]),
    ("拆迁后的空地一直没人管，刮风时黄土飞扬", ["大气"]),
    ("地块平整后闲置多年，一到春天就漫天飞尘", ["大气"]),
    ("堆场起尘严重，周边居民窗台上落了一层灰", ["大气"]),
    ("渣土车一过尘埃四起", ["大气"]),
    ("推土机作业时灰很大，睁不开眼", ["大气"]),
    ("印刷厂车间油墨味很重", ["大气"]),
    ("塑料厂生产时有焦糊味", ["大气"]),
    ("汽修店烤漆房排出的气体难闻", ["大气"]),
    ("化工厂周边有股臭鸡蛋的气味", ["大气"]),
    ("五金厂冲压声很吵", ["噪声"]),
    ("汽车修理厂敲打声扰民", ["噪声"]),
    ("工地夜里打桩，吵得睡不着", ["噪声"]),
]


def test_the_keyword_list_reads_a_medium_said_in_everyday_words():
    """Dust, a smell and noise said in everyday words name their medium to the keyword list (session 54, issue 29
    item 2: the unseen records' top-1 misses include dust off levelled land read as 其他 — the model read no medium,
    as it reads none in 沙土飞扬, 漫天飞尘, 一层灰, 油墨味, 焦糊味, 冲压声, 吵得睡不着: 其他 at 0.11–0.16).  None of the
    new words occurs in a real or generated training record, so neither the fit nor the grouped folds move by them."""
    from petitionnlp.features import keyword_named

    texts = [normalize(t) for t, _ in EVERYDAY_WORDS]
    got = keyword_named(texts, LexiconFeatures().fit(None)._lexicon())
    assert [[TYPES[j] for j in np.flatnonzero(row)] for row in got] == [named for _, named in EVERYDAY_WORDS]


@pytest.mark.parametrize("text,expected", [
    ("村里推平的荒地常年闲置，大风天沙土飞扬。", ["大气"]),           # was 其他 (0.13): no medium read
    ("小区对面的地块平整后闲置多年，一到春天就漫天飞尘。", ["大气"]),  # was 其他
    ("印刷厂车间噪音扰民，油墨味很重。", ["噪声", "大气"]),            # was 噪声 alone
    ("塑料厂机器噪声大，生产时有焦糊味。", ["噪声", "大气"]),            # was 噪声 alone
])
def test_shipped_model_reads_a_medium_said_in_everyday_words(shipped, text, expected):
    """The same kinds through the shipped model: dust off bare land is 大气, a workshop's noise with its smell 噪声、大气."""
    assert shipped.predict([normalize(text)]) == [expected]


def test_the_keyword_list_is_read_one_way(tmp_path):
    """The plain keyword list has one reading (session 45, the code leftover of session 44: keyword_named and
    keyword_hits read it in two forms, and KeywordClassifier kept a copy of its own with the weights dropped):
    features.keyword_found gives every occurrence of a strong term, keyword_hits and keyword_named are two views of
    it, and KeywordClassifier reads the model's own lexicon, with its min_weight."""
    from petitionnlp.features import keyword_found, keyword_hits, keyword_named

    lexicon_file = tmp_path / "terms.tsv"
    lexicon_file.write_text("term\ttype\tweight\n污水\t水\t1.0\n臭味\t大气\t0.8\n垃圾\t土壤\t0.6\n", encoding="utf-8")
    texts = ["臭味大，污水直排，臭味", "", "路边垃圾", "河里污水"]
    index = LexiconFeatures(str(lexicon_file)).fit(None)._lexicon()
    row, kind, start, _ = keyword_found(texts, index)
    assert sorted(zip(row.tolist(), [TYPES[k] for k in kind], start.tolist())) == [
        (0, "大气", 0), (0, "大气", 9), (0, "水", 4), (3, "水", 2)]
    hits = keyword_hits(texts, index)
    assert hits == [{TYPES.index("水"): 4, TYPES.index("大气"): 0}, {}, {}, {TYPES.index("水"): 2}]
    named = keyword_named(texts, index)
    assert [[TYPES[j] for j in np.flatnonzero(r)] for r in named] == [["水", "大气"], ["其他"], ["其他"], ["水"]]
    assert keyword_hits(texts, index, 0.5)[2] == {TYPES.index("土壤"): 2}  # the weak term from a lower min_weight
    words = KeywordClassifier(str(lexicon_file)).fit()
    assert words.predict(texts) == [["大气", "水"], ["其他"], ["其他"], ["水"]]
    assert KeywordClassifier(str(lexicon_file), min_weight=0.5).fit().predict(texts)[2] == ["土壤"]

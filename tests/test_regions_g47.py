"""Places, session 47 (issue 29 item 5): 4A scenic areas from the provinces' announcements, banners' bare short forms,
and the county-word test of a two-character county's name as data."""

import pytest

from petitionnlp.regions import RegionResolver, get_gazetteer
from petitionnlp.text import normalize


@pytest.fixture(scope="module")
def resolver():
    return RegionResolver()


def place(resolver, text):
    r = resolver.resolve(normalize(text))
    return r["province"], r["city"], r["county"]


@pytest.mark.parametrize("text,expected", [
    # scenic_areas.tsv (4A areas the provinces announced): no place before
    ("措普沟景区的垃圾没人清理", ("四川省", "甘孜藏族自治州", "巴塘县")),
    ("游客在石钟山景区游玩时发现污水直排", ("江西省", "九江市", "湖口县")),
    ("竹艺村景区附近养猪场臭气熏天", ("四川省", "成都市", "崇州市")),
    ("饶州古镇景区夜间噪声扰民", ("江西省", "上饶市", "鄱阳县")),
    # 山西's announcements of 2020-12 and 2021-12 (session 48)
    ("老牛湾风景区农家乐污水直排黄河", ("山西省", "忻州市", "偏关县")),
    ("司马光祠景区门口摊贩油烟扰民", ("山西省", "运城市", "夏县")),
    # guards (pass before too): a 5A area's form stays the 5A area's (宜阳's 花果山国家森林公园 is no 花果山景区); a kind
    # of sight is no name (南宁市动物园); a name two cities' areas share names neither (华谊兄弟电影小镇 of 郑州, 长沙)
    ("花果山景区门票太贵", ("江苏省", "连云港市", "海州区")),
    ("动物园景区旁的餐馆油烟扰民", (None, None, None)),
    ("华谊兄弟电影小镇景区施工噪声", (None, None, None)),
    # guard: another province named beats the area
    ("浙江省措普沟景区", ("浙江省", None, None)),
])
def test_a_4a_scenic_area_the_province_announced_names_its_county(resolver, text, expected):
    assert place(resolver, text) == expected


def test_the_4a_table_is_built_from_the_announcements_and_every_row_names_a_place_of_its_province():
    from petitionnlp.regions.gazetteer import _tsv

    g = get_gazetteer()
    source = list(_tsv("scenic_areas_source.tsv"))
    rows = list(_tsv("scenic_areas.tsv"))
    assert len(source) >= 150 and all(r["source"].startswith("http") for r in source)
    assert len(rows) >= 145 and {r["source"] for r in rows} <= {r["source"] for r in source}
    for r in rows:
        found = g._landmark_place(r["target"])
        assert found is not None and r["target"].split("/")[0] == found.province
    by_name = {r["name"]: r for r in rows if r["name"]}
    assert by_name["昭君村古汉文化游览区"]["target"] == "湖北省/宜昌市/兴山县"
    assert by_name["孝感乡文化园"]["target"] == "湖北省/黄冈市/麻城市"  # 孝感 there is 麻城's 孝感乡, not the city
    assert "动物园" not in {n for r in rows for n in r["names"].split("|")}


def test_the_division_word_of_a_two_character_county_the_segmenter_may_join_to_the_word_before_is_data(monkeypatch):
    """resolver.py tested ``m.text[1] == "县"`` in code; the word is data now, with the same answers."""
    from petitionnlp.regions import resolver as module
    from petitionnlp.resources import read_list

    assert module._one_character_county_words() == tuple(read_list("gazetteer", "one_character_county_words.txt"))
    assert module._one_character_county_words() == ("县",)
    r = RegionResolver()
    assert place(r, "这里的生活很简单县城的空气质量一般") == (None, None, None)  # 简单 / 县城: no 单县
    assert place(r, "山东单县一家化工厂夜间排放废气") == ("山东省", "菏泽市", "单县")
    monkeypatch.setattr(module, "_one_character_county_words", lambda: ())
    assert place(r, "这里的生活很简单县城的空气质量一般") == ("山东省", "菏泽市", "单县")  # the rule is the data's

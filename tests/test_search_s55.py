"""Search (session 55, helper s55; issue 29 item 4): a clerk's everyday word the documents never use, read as the
documents' word — pairs of a broad dictionary (CC-CEDICT: two words sharing one English sense, or one naming the other)
kept only where the dev graded sets confirm them (corpora/search/cedict_confirmed.tsv, one way)."""

import pytest

from petitionnlp.search import analysis as A
from tests.test_search_s50 import _ids

SUSHI = {
    "sushi": "底商日本料理每天做油炸食品，油烟污染严重。",
    "bbq": "烧烤店油烟直排，日夜扰民。",
    "diner": "饭店油烟污染严重，店内噪声大。",
}
INN = {
    "diner": "小区底商一家餐馆油烟直排，影响居民。",
    "hotel": "大酒店锅炉房噪声扰民。",
    "bar": "楼下酒吧夜里噪声扰民，门口有烧烤油烟。",
}
BANK = {
    "bank": "有人在河边挖砂取石，破坏耕地。",
    "quarry": "非法采石挖石头，破坏植被和耕地。",
    "farm": "村里耕地被毁，种上了树。",
}
SAND = {
    "sand": "河边有一个沙场，沙石料未覆盖，露天堆放。",
    "wash": "河道非法采砂，洗沙废水污染环境，灰尘大。",
    "dust": "施工未洒水，灰尘大，没人管。",
}


@pytest.mark.parametrize("docs, query, first", [
    # 日料 found no document's 日本料理: the barbecue's and the diner's 店 came first
    (SUSHI, "日料店油烟", "sushi"),
    # 酒楼 found no 餐馆: the bar's 酒 and 油烟 came first
    (INN, "酒楼油烟", "diner"),
    # 河岸 found no 河边: the quarry's 挖石头 came first
    (BANK, "哪里有人沿着河岸挖石头毁了耕地", "bank"),
], ids=["japanese food", "restaurant", "river bank"])
def test_a_clerks_everyday_word_finds_the_documents_word(tmp_path, docs, query, first):
    """日料 → 日本料理, 酒楼 → 餐馆 …, 河岸 → 河边 (CC-CEDICT: 日料 'Japanese food', 'abbr. for 日本料理'; 酒楼 and
    餐馆 'restaurant'; 河岸 and 河边 'riverside'), each confirmed by the dev query it came from."""
    assert _ids(tmp_path, docs, query)[0] == first


def test_a_sand_pit_is_found_by_its_other_name(tmp_path):
    """采砂场 found no 沙场 at all (CC-CEDICT: both 'sandpit'); the river's 采砂 may still rank with it."""
    assert "sand" in _ids(tmp_path, SAND, "采砂场灰尘大怎么没人管")


def test_the_dictionarys_pairs_are_data_read_one_way():
    said = A.thesaurus()
    assert "日本料理" in dict(said["日料"]) and "沙场" in dict(said["采砂场"]) and "河边" in dict(said["河岸"])
    assert "房屋" in dict(said["房子"]) and "餐馆" in dict(said["酒楼"])
    assert "日料" not in dict(said.get("日本料理", ())) and "采砂场" not in dict(said.get("沙场", ()))
    assert "房子" not in dict(said.get("房屋", ()))

"""Lead, session 43: ordinary words jieba's dictionary tags as person names are no names (not_names.txt), while a
complainant's word still makes one a name."""

import pytest

from petitionnlp.pii import find_pii


@pytest.mark.parametrize("text", [
    "夜间施工噪声严重影响周边居民安静休息。",
    "整治后为学校打造了安静的学习环境。",
    "居民终于有了温馨、宁静的生活环境。",
    "经查明，该厂已于5月停产整改。",
    "阳光房下的油烟管道已拆除。",
    "该企业杜绝了夜间偷排。"])
def test_an_ordinary_word_jieba_tags_as_a_name_is_not_hidden(text):
    assert [s["text"] for s in find_pii(text) if s["type"] == "姓名"] == []


@pytest.mark.parametrize("text,name", [
    ("举报人安静反映噪声扰民。", "安静"), ("反映人黎明。", "黎明"), ("村民田野反映，田野里堆满了建筑垃圾。", "田野")])
def test_a_complainants_word_still_makes_such_a_word_a_name(text, name):
    assert name in [s["text"] for s in find_pii(text) if s["type"] == "姓名"]

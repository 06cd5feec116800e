"""Review r47 (session 47) of p47's name kinds: ordinary sentences a clerk writes stay as written — a place·place
site name whose first place begins with a function character (和田·墨玉县: 和 is no conjunction in 和田), and the
words p47's kinds must leave (竹林, 对此问责, 牧民久居, 村民南迁), and an adverb jieba reads where a surname may stand (村民都说，…: 都 a surname
too); the names the kinds find are still found."""

import pytest

from petitionnlp.pii import find_pii


def _names(text: str) -> list[str]:
    return [s["text"] for s in find_pii(text) if s["type"] == "姓名"]


@pytest.mark.parametrize("text", [
    "和田·墨玉县开展整治。", "新疆和田·墨玉县开展农村环境整治。", "和田·于田县开展整治。", "在和田·墨玉县开展整治。",
    "竹子加工厂排放废水。", "竹溪县竹林镇竹园村竹子加工厂。", "竹器厂噪声扰民。", "对此问责，并责令整改。",
    "对此次事件问责。", "对涉事企业问责。", "县纪委对黄山问责。", "纪委对白云区问责。", "牧民久居草原，草场退化。",
    "村民南迁后，河道淤积。", "新疆·喀什古城景区游客反映垃圾多。", "伊犁·那拉提草原景区。", "张家界·天门山景区游客多。",
    "扎西多吉、县生态环境局一起查看。",
    # an adverb jieba reads where a surname may stand (都), then a verb of saying: 村民都说 names no one
    "村民都说，河水发臭。", "群众都说：臭味难闻。", "村民都称，臭味难闻。", "村民都说道，臭得很。",
])
def test_an_ordinary_sentence_names_no_one(text):
    assert [n for n in _names(text) if n not in ("扎西多吉",)] == []


@pytest.mark.parametrize("text, names", [
    ("吐尔逊·和田说，工厂夜里排污。", ["吐尔逊·和田"]),
    ("村民和热依拉·买买提说，河水发臭。", ["热依拉·买买提"]),
    ("牧民尼玛说，草场退化。", ["尼玛"]),
    ("举报人都兰反映，河水发臭。", ["都兰"]), ("举报人都伟，男，58岁。", ["都伟"]),
])
def test_the_names_are_still_found(text, names):
    assert _names(text) == names

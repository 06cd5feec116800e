"""Names a story or a town's reply introduces by who the person is (helper p46b, session 46: probe46's misses): an
animals' or a home's owner, a young woman or man, a pair of parents listed with 、 (羊的主人薛金义点头, 小宝的父母
顾正培、董宜银告诉记者: role_words.txt), and the keeper of a household farm named by his name (下桥组王萍养鸡场,
村民张建国养猪场: possession.txt's + and ^ lines).  A set phrase that begins with such a word (父母双亡), a firm's
farm (县龙腾养殖场, 投诉的金鑫养殖场) and a place's (张家冲养猪场) stay visible."""

import pytest

from petitionnlp.pii import find_pii


def _names(text: str) -> list[str]:
    return [s["text"] for s in find_pii(text) if s["type"] == "姓名"]


@pytest.mark.parametrize("text, names", [
    ("羊的主人薛金义点头：“屁股拉稀，灌了十天多药。”", ["薛金义"]),
    ("小宝的父母顾正培、董宜银告诉记者，上午有人来家中看望。", ["顾正培", "董宜银"]),
    ("大娘王秀英说，河水一到夏天就发臭。", ["王秀英"]),
    ("老汉张富贵告诉记者，井水已经不能喝了。", ["张富贵"]),
])
def test_a_person_introduced_by_who_he_is_is_found(text, names):
    assert _names(text) == names


@pytest.mark.parametrize("text, names", [
    ("9月7日，接到群众投诉，思延乡草坪村下桥组王萍养鸡场臭味难闻。", ["王萍"]),
    ("镇环保办对村民张建国养猪场进行了检查。", ["张建国"]),
])
def test_the_keeper_before_his_farm_is_found(text, names):
    assert _names(text) == names


@pytest.mark.parametrize("text", [
    "他自幼父母双亡，由爷爷抚养长大。", "主人翁意识强。", "姑娘们说，河水变清了。", "他的父母都在家。",
    "县龙腾养殖场粪污直排。", "群众投诉的金鑫养殖场已整改。", "下桥组金丰源养殖场已关停。", "张家冲养猪场臭气扰民。",
    "龙腾养殖场。", "向阳养猪场排污。",
])
def test_set_phrases_and_firms_farms_stay(text):
    assert _names(text) == []


@pytest.mark.parametrize("text, account", [
    # a rural commercial bank's account of 23 digits after 账号 (賬號 in traditional characters)
    ("目前，当地农商行已为董宜银开户（户名：董宜银，账号：10024903271088800000021）。", "10024903271088800000021"),
    ("戶名:董宜銀,賬號:10024903271088800000021)。", "10024903271088800000021"),
])
def test_a_long_account_after_its_word_is_hidden(text, account):
    assert [s["text"] for s in find_pii(text) if s["type"] == "账号"] == [account]

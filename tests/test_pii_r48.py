"""Review r48 (session 48) of helper p48's narrative names: what a viewer could still read, and what the change hid
that is no one's name.  A donation appeal's account whose holder is named after it (爱心捐款账号：…，户名：张三;
…（王春华）) or masked or addressed between the charity's word and it (捐款：王某某账号…, 张先生账号…) is the person's,
not the charity's; the names of a list with 、 next to a name jieba found are all a viewer must not read, however
many (…、马桂林、胡代国在…); a group word's adverb after 乡亲 (乡亲常说) and a word jieba reads with 地 of manner (村民高兴地说) are no
name; a sick child a donation appeal names (为患儿王小明捐款) is a private person."""

import pytest

from petitionnlp.pii import find_pii


def _found(text: str, kind: str = "姓名") -> list[str]:
    return [s["text"] for s in find_pii(text) if s["type"] == kind]


@pytest.mark.parametrize("text", [
    "爱心捐款账号：6222021001067890123，户名：张三。",
    "爱心捐款请汇至账户：6222021001067890123（户名王春华）",
    "爱心捐款账户：6222021001067890123，收款人：王春华，联系电话13912345678。",
    "爱心捐款账号6222021001067890123（王春华）",
    "为患儿捐款：账号6222021001067890123，户名王春华。",
    "捐款：王某某账号6222021001067890123",
    "捐款：张先生账号6222021001067890123",
    "捐款账户：张女士 6222021001067890123",
])
def test_a_donation_account_a_person_holds_is_hidden(text):
    assert _found(text, "账号") == ["6222021001067890123"]


@pytest.mark.parametrize("text", [
    "爱心捐款账号：6222021001067890123，户名：县慈善总会。",
    "县红十字会募捐账号：6222021001067890123（户名：县红十字会）",
    "爱心捐款账号：6222021001067890123，开户行：中国工商银行。联系人张三。",
])
def test_a_charitys_account_named_as_its_own_stays(text):
    assert _found(text, "账号") == []


@pytest.mark.parametrize("text, names", [
    ("欧永辉、乔芳雄、马桂林、胡代国在水库边守鱼。", ["欧永辉", "乔芳雄", "马桂林", "胡代国"]),
    ("胡代国、童安平、欧永辉、乔芳雄在水库边守鱼。", ["胡代国", "童安平", "欧永辉", "乔芳雄"]),
])
def test_every_item_of_a_list_next_to_a_name_is_found(text, names):
    assert _found(text) == names


@pytest.mark.parametrize("text", [
    "乡亲常说，过去这里是一片荒滩。", "乡亲常年饮用这口井的水。", "乡亲马上赶到现场。", "乡亲们反映，河里的鱼都死光了。",
    "乡亲高兴地说，河水终于变清了。", "村民高兴地说，河水终于变清了。", "居民高兴地说，噪音终于没了。",
])
def test_a_groups_adverb_is_no_name(text):
    assert _found(text) == []


@pytest.mark.parametrize("text, names", [
    ("乡亲乔芳雄有三亩多的早稻田被污染。", ["乔芳雄"]), ("村民刘青地说，河水发臭。", ["刘青地"]),
    ("为患儿王小明捐款：账号6222021001067890123，户名王春华。", ["王小明", "王春华"]),
])
def test_a_villager_and_a_sick_child_are_found(text, names):
    assert _found(text) == names


@pytest.mark.parametrize("text, names", [
    ("司机买买提·阿不都拉倾倒渣土。", ["买买提·阿不都拉"]),  # 阿 / 不都: 不 no end of the name (【姓名】不都拉倾倒…)
    ("司机阿不都热合曼·阿不都拉倾倒渣土。", ["阿不都热合曼·阿不都拉"]),
    ("村民买买提·阿不都瓦依提反映。", ["买买提·阿不都瓦依提"]),  # 依提, a noun jieba reads, no end either
    ("村民帕丽达·阿不都反映，村里的砖厂冒黑烟。", ["帕丽达·阿不都"]),  # a head standing alone
    ("村民买买提·阿不都拉在河边放羊。", ["买买提·阿不都拉"]),
])
def test_a_dotted_names_last_part_after_a_head_is_whole(text, names):
    assert _found(text) == names


@pytest.mark.parametrize("text", [
    "2020年，王建国任镇长后狠抓整改。", "2019年，刘德胜兼任县环保局局长。",  # a post he holds, after 任: an official
])
def test_an_official_named_with_the_post_he_holds_stays(text):
    assert _found(text) == []


@pytest.mark.parametrize("text, names", [
    ("举报人刘德胜系某公司经理。", ["刘德胜"]), ("举报人王建国任某公司经理。", ["王建国"]),  # no firm's name: 系, 任, 某
    ("2020年，王建国任村民小组长后带头堆放垃圾。", ["王建国"]),  # a village group's head is a villager
    ("2020年，王建国任意倾倒垃圾。", ["王建国"]),
])
def test_a_person_before_a_copula_and_another_firm_is_found(text, names):
    assert _found(text) == names


def test_a_firm_named_after_a_person_stays():
    assert _found("村民反映刘德胜养殖专业合作社粪污直排。") == []

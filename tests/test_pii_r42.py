"""Session 42's kinds (probe: corpora/pii/probe42_source.txt; the cases here are other texts of the same kinds): the
subject of an investigation's finding at the start of a sentence (经查，莫海生在自家院内…), rare surnames (仉, 庹,
闾丘), given names with 前 (向前, 前进), a township's 专干 as an official's post, two middle-dot names joined by 和."""

import pytest

from petitionnlp.pii import find_pii, redact_text
from tests.test_pii_r40b import names


@pytest.mark.parametrize("text,expected", [
    ("经查，莫海生在自家院内焚烧垃圾属实。", ["莫海生"]),
    ("据查，田秀英的养鸭棚紧挨水库。", ["田秀英"]),
    ("经核实，钟国庆于去年私自扩建猪场。", ["钟国庆"]),
    ("经现场核查，庹建明在河滩上洗砂。", ["庹建明"]),
])
def test_the_subject_of_a_finding_at_the_start_of_a_sentence_is_a_name(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "经查，该厂在夜间偷排废水属实。", "经查，周边群众反映的情况属实。", "经核实，王家村的砖厂已停产。",
    "据查，黄河在此处拐弯。", "经查，群众反映的问题属实。", "经查，平时在此洗车的车辆较多。",
    "经查，张某某在自家院内焚烧垃圾。", "经查，高新区的污水处理厂运行正常。", "经查，万达广场的油烟净化器未开启。",
])
def test_what_is_no_name_after_a_finding_stays(text):
    assert names(text) == []


def test_rare_surnames_and_given_names_with_qian():
    assert names("举报人仉立国反映，砖厂烟囱冒黑烟。") == ["仉立国"]
    assert names("来电人闾丘明辉称，工地夜间施工。") == ["闾丘明辉"]
    assert names("村民邹向前称，河里的鱼死了一片。") == ["邹向前"]
    assert names("信访人胡前进反映，养猪场臭味大。") == ["胡前进"]
    assert names("多名群众前来反映，该厂凌晨偷排废水。") == []


def test_a_townships_zhuangan_is_an_officials_post():
    assert names("回访人：乡安监专干肖丽。") == []
    assert names("回访信访人谢春梅，其表示满意，回访人：镇环保专干刘红。") == ["谢春梅"]


def test_two_middle_dot_names_joined_by_he_are_two():
    assert names("阿依古丽·买买提和热合曼·托乎提反映，砂场扬尘大。") == ["阿依古丽·买买提", "热合曼·托乎提"]
    assert redact_text("村民艾力·吾守尔与帕丽达·阿不都反映，水渠发臭。")[0] == "村民【姓名】与【姓名】反映，水渠发臭。"
    assert names("巴特尔·孟和反映，选矿厂尾矿水流进草场。") == ["巴特尔·孟和"]


@pytest.mark.parametrize("text,expected", [
    ("镇里对蒋向前、蒋向东两户的旱厕进行了改造。", ["蒋向前", "蒋向东"]),
    ("经协调，黎建国、黎国庆、庞海生三户同意搬迁猪栏。", ["黎建国", "黎国庆", "庞海生"]),
    ("唐国庆、唐向前兄弟在河边开了洗砂场。", ["唐国庆", "唐向前"]),
])
def test_a_list_of_names_closed_by_a_count_of_households_or_a_kinship(text, expected):
    assert names(text) == expected


def test_the_neighbours_of_a_name_found_in_a_list_with_dun_are_names():
    assert sorted(set(names("村民彭海生反映，韦向前、彭海生、邱国庆三家的井水变浑。"))) == ["彭海生", "邱国庆", "韦向前"]
    assert sorted(names("韦向前、彭秀英、邱国庆的房屋被石场放炮震裂。")) == ["彭秀英", "邱国庆", "韦向前"]


@pytest.mark.parametrize("text", [
    "王家、李家两户的房屋开裂。", "黄沙、石子两车倾倒在河边。", "长沙、株洲、湘潭三市的督察组。",
    "高新区、经开区两区的企业。", "副组长陈仲伯、陈爱林两人带队。", "张某某、李某某两户拒不整改。",
    "周边、河边两处都有垃圾。", "村前、村后两户都养了猪。",
])
def test_what_is_no_list_of_names_stays(text):
    assert names(text) == []


def test_a_name_and_a_kin_after_zhi():
    assert names("蒙海生之子蒙前进在河道内非法采砂。") == ["蒙海生", "蒙前进"]
    assert names("该厂法人之女负责日常管理。") == []


def test_a_given_name_of_a_function_words_character_before_benren():
    assert names("经与信访人蒲向前本人核实，噪声来自夜间装卸。") == ["蒲向前"]
    assert names("举报人李向我们反映，砖厂冒烟。") == []


def test_a_name_after_a_village_groups_head_before_any_verb():
    assert names("3组组长黎国庆陪同执法人员查看了排污口。") == ["黎国庆"]
    assert names("五组组长王伟在场见证。") == ["王伟"]
    assert names("2组组长陪同执法人员查看了排污口。") == []
    assert names("核查组组长周建平陪同查看。") == []


@pytest.mark.parametrize("text", ["群众费心了，问题已处理。", "村民辛苦了", "业主费心了", "村民高兴了", "群众满意了", "居民关心了"])
def test_a_word_and_the_particle_le_after_a_groups_word_is_no_name(text):
    assert names(text) == []


def test_a_name_before_le_stays_a_name():
    assert names("举报人王伟了解情况后称，砖厂已停产。") == ["王伟"]
    assert names("已电话告知了举报人李秀英。") == ["李秀英"]


def test_leaders_named_in_a_briefings_list_are_officials():
    assert names("县领导龚学超、赵明、朱韶、冉燃、王海涛、刘长远、董良杰等出席会议。") == []
    assert names("市领导蔡正方、周斌、张红波参加会议。") == []
    # a villagers' list stays hidden, and so does one after a post that is a villager's
    assert names("村民龚学超、赵明、朱韶反映，砂场噪声大。") == ["龚学超", "赵明", "朱韶"]


@pytest.mark.parametrize("text", [
    "9月22日下午，副市长胡文朴带领相关部门负责人督查。胡文朴要求，有关部门要立即整改。",
    "副市長吳剛帶領督查組深入企業。吳剛要求，各縣市區要以問題為導向。",
    "县委书记谭海华调研环保工作。谭海华认为，我县整改工作扎实。",
])
def test_an_official_named_once_with_his_post_is_one_at_every_mention(text):
    assert names(text) == []


def test_a_private_person_named_after_a_villagers_word_stays_hidden_though_a_namesake_has_a_post():
    text = "村民王伟反映砂场噪声大，副镇长王伟已到场查看。"
    assert [(s["start"], s["end"]) for s in find_pii(text) if s["type"] == "姓名"][:1] == [(2, 4)]


@pytest.mark.parametrize("text", [
    "根据《关于全面加强生态环境保护的实施意见》（桂发〔2018〕13号）精神，制定本方案。",
    "按照《关于加强环境保护工作的意见》(甘政发〔2012〕17号)要求。",
])
def test_the_issuer_of_a_document_number_is_no_name(text):
    assert names(text) == []

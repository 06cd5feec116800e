"""Helper p44c's kinds (probe44c's leftovers after p44b, now development data; the cases here are other texts of the
same kinds): a surname and a nickname (王二麻子, 赵二狗) read whole, not the tail alone with the surname shown; the
compound surnames of the 百家姓 (第五, 东郭, 司空, 赫连 …), an ordinal's 第五 staying (第五条, 第五次); a person jieba reads
before a verb of sending a message (汪德顺发给我); a text message's signature after a dash (——住在厂后面的龙春花); Dai
names after a nationality that jieba reads as verbs or adverbs (玉罕、岩应, 岩罕和玉波)."""

import pytest

from tests.test_pii_r40b import names


@pytest.mark.parametrize("text,expected", [
    ("赵二狗说厂里晚上偷排。", ["赵二狗"]),
    ("是刘三麻子家的鱼塘，死鱼堆在岸边。", ["刘三麻子"]),
    ("村民孙三癞子反映，鸭棚的粪水流进了沟里。", ["孙三癞子"]),
    ("就是王二麻子开的砖厂在冒黑烟。", ["王二麻子"]),
])
def test_a_surname_and_a_nickname_are_one_name(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", ["要从讲政治、顾大局的高度抓好整改。", "刘老板的饭店已停业。", "张三哥说厂里在排污。"])
def test_a_phrase_or_a_form_of_address_after_a_surname_stays(text):
    assert names(text) == []


@pytest.mark.parametrize("text,expected", [
    ("第五建国反映其家门前的水沟发臭。", ["第五建国"]),
    ("来电人赫连秀英反映，养猪场臭气扰民。", ["赫连秀英"]),
])
def test_compound_surnames_of_the_baijiaxing(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", ["依据第五条规定，责令改正。", "举报人第五次反映此事。", "第五小学门口有垃圾。",
                                  "这种做法司空见惯。"])
def test_an_ordinal_and_ordinary_words_stay(text):
    assert names(text) == []


def test_a_person_before_a_verb_of_sending_a_message():
    assert names("汪德顺发给我的短信说厂里今晚排水。") == ["汪德顺"]


@pytest.mark.parametrize("text,expected", [
    ("你们厂又偷排了，味道呛人。——住在河边的龙春花", ["龙春花"]),
    ("你们厂又偷排了，请快来查。——柏建军", ["柏建军"]),
])
def test_a_text_messages_signature_after_a_dash(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", ["你们厂又偷排了。——一位愤怒的居民", "保护环境，人人有责。——县生态环境局",
                                  "请快来查。——老张", "污水直排。——本报记者 王海燕"])
def test_a_signature_that_names_no_one_stays(text):
    assert names(text) == []


@pytest.mark.parametrize("text,expected", [
    ("傣族村民玉罕、岩应反映，糖厂的废水流进了稻田。", ["玉罕", "岩应"]),
    ("傣族村民岩罕和玉波反映，糖厂排污。", ["岩罕", "玉波"]),
])
def test_dai_names_jieba_reads_as_verbs(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", ["傣族村民岩石和泥土被冲走了。", "傣族群众玉米和甘蔗被淹。", "傣族村民依法反映情况。"])
def test_a_common_noun_after_a_nationality_stays(text):
    assert names(text) == []

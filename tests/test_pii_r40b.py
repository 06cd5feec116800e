"""Review of session 40's name finder (p40c): a surname standing alone before a given name jieba reads as a name
(来电人吴向东); a given name that is also a town's, after a verb of the office reaching a person, once its full name
was found (告知红梅); a business named by a given name (春燕超市) is no person; no speaker in a word before 的 nor in
an adverb of manner after a group word (村民关心的, 群众齐声反映); a given name alone after 与/了 (经与志刚核实)."""

import pytest

from petitionnlp.pii import find_pii, redact_text


def names(text):
    return [s["text"] for s in find_pii(text) if s["type"] == "姓名"]


@pytest.mark.parametrize("text,expected", [
    ("来电人吴向东反映村口垃圾堆放。", "来电人【姓名】反映村口垃圾堆放。"),
    ("据村民反映，吴向东在河边倾倒垃圾。", "据村民反映，【姓名】在河边倾倒垃圾。"),
])
def test_a_surname_before_a_given_name_jieba_reads_as_a_name_is_part_of_it(text, expected):
    assert redact_text(text)[0] == expected


@pytest.mark.parametrize("text,expected", [
    ("他多次向王伟反映，王伟未处理。", ["王伟", "王伟"]),  # 向 a preposition here
])
def test_a_function_word_before_a_name_stays_out(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("来电人孙红梅反映垃圾。已电话告知红梅处理结果。", "来电人【姓名】反映垃圾。已电话告知【姓名】处理结果。"),
    ("来电人李东升反映噪音。回访东升，东升表示满意。", "来电人【姓名】反映噪音。回访【姓名】，【姓名】表示满意。"),
    ("来电人王立新反映污水。已告知立新本人。", "来电人【姓名】反映污水。已告知【姓名】本人。"),
])
def test_a_given_name_that_is_a_towns_is_a_name_where_the_office_reaches_it(text, expected):
    assert redact_text(text)[0] == expected


@pytest.mark.parametrize("text,expected", [
    ("来电人李东升反映东升镇砖厂粉尘，他常到东升办事。", ["李东升"]),
    ("来电人孙红梅反映红梅村垃圾堆放。", ["孙红梅"]),
])
def test_the_town_itself_stays(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("来电人陈春燕反映噪音。已通知春燕超市停止外放音响。", "来电人【姓名】反映噪音。已通知春燕超市停止外放音响。"),
    ("来电人刘国栋反映粉尘。已约谈国栋建材厂法人。", "来电人【姓名】反映粉尘。已约谈国栋建材厂法人。"),
    ("来电人陈春燕反映噪音。春燕饭店油烟大。", "来电人【姓名】反映噪音。春燕饭店油烟大。"),
    ("来电人李红梅反映噪音，已联系红梅到场。", "来电人【姓名】反映噪音，已联系【姓名】到场。"),
])
def test_a_business_named_by_a_given_name_is_no_person(text, expected):
    assert redact_text(text)[0] == expected


@pytest.mark.parametrize("text", [
    "村民关心的垃圾问题一直没有解决。", "群众齐声反映河水发臭。", "居民关心的是噪声何时停止。",
])
def test_no_speaker_in_a_word_before_de_nor_in_an_adverb_after_a_group_word(text):
    assert names(text) == []


@pytest.mark.parametrize("text,expected", [
    ("村民张伟的房屋被震裂。", ["张伟"]), ("居民刘桂英的家门口堆满垃圾。", ["刘桂英"]),
])
def test_a_name_before_de_after_a_group_word_stays(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("举报人张志刚反映废气。经与志刚核实，已告诉了志刚处理结果。", "举报人【姓名】反映废气。经与【姓名】核实，已告诉了【姓名】处理结果。"),
    ("举报人张志刚反映废气，已向志刚了解情况。", "举报人【姓名】反映废气，已向【姓名】了解情况。"),
    ("来电人李东升反映砖厂粉尘，砖厂与东升河相连。", "来电人【姓名】反映砖厂粉尘，砖厂与东升河相连。"),
])
def test_a_given_name_alone_after_with_or_told_is_the_person_found_earlier(text, expected):
    assert redact_text(text)[0] == expected
